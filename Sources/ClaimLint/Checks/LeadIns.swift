/// Lead-ins: a sentence that only announces what follows ("Here is what the research shows:",
/// "The benefits include:", a heading such as "What the research says") is not itself a claim
/// for rules with `in-lead-ins: false`, and the list items under it read as its continuation:
/// a `context:` lexicon the lead-in names counts in each of them ("Benefits of our IV drips:"
/// over "- Fast, safe relief").
struct LeadIns: Sendable {
    private let questionWords: KeySet
    /// The lexicons rules name as their `context:`, the ones a lead-in can hand down.
    private let contextLexicons: [Int]

    /// What a page's last lead-in hands down, and to which blocks.
    struct State {
        /// The block of the last lead-in, while list items follow it.
        var block: Int?
        /// The context lexicons it named.
        var lexicons: [Int] = []
    }

    init(questionWords: [String], matcher: PhraseMatcher) {
        self.questionWords = KeySet(words: questionWords)
        contextLexicons = Array(Set(matcher.contextLexicon.compactMap { $0 })).sorted()
    }

    /// Does the sentence announce what follows: the last sentence of its block ending with a
    /// colon, or a heading that opens with a question word?
    func isLeadIn(_ sentence: SentenceContext) -> Bool {
        if sentence.block.isHeading, let first = sentence.tokens.first, sentence.range.lowerBound == 0 {
            if questionWords.contains(first.key) { return true }
        }
        guard let colon = sentence.block.endingColon, colon >= sentence.range.lowerBound else { return false }
        // Only at the end of its block: the list or paragraphs under it carry what it announces.
        let text = sentence.block.text
        var rest = sentence.range.upperBound
        while rest < text.count, text[rest] == UInt8(ascii: " ") || text[rest] == UInt8(ascii: "\n") { rest += 1 }
        return rest == text.count
    }

    /// A new block starts: list items under the last lead-in keep what it handed down, any other
    /// block ends it.
    func enter(_ block: ProseBlock, at index: Int, state: inout State) {
        guard let leadIn = state.block, leadIn != index else { return }
        if !block.inListItem {
            state.block = nil
            state.lexicons.removeAll()
        }
    }

    /// The context lexicons list items under the current lead-in inherit (none outside one).
    func inherited(_ state: State, block: Int) -> [Int] {
        guard let leadIn = state.block, leadIn != block else { return [] }
        return state.lexicons
    }

    /// After a sentence: a lead-in hands its context lexicons to the list items that follow it.
    func note(_ sentence: SentenceContext, isLeadIn: Bool, matcher: PhraseMatcher, state: inout State) {
        guard isLeadIn else { return }
        state.block = sentence.blockIndex
        state.lexicons = contextLexicons.filter {
            matcher.contains(lexicon: $0, range: 0..<sentence.tokens.count, scratch: sentence.lexiconHits)
        }
    }
}
