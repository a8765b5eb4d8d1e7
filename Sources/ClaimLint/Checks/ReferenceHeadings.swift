/// The headings that open a page's reference list ("References", "Sources", "Works cited"): the
/// rules' `reference-heading` lexicon, so a site that titles its list "Evidence base" can say so.
/// A block under such a heading is a reference, never a claim, and its numbered entries are what
/// citation markers resolve to. Headings match as phrases do, word by word after Snowball
/// stemming ("Reference" and "References" alike), ignoring case and punctuation around them.
struct ReferenceHeadings: Sendable {
    private let headings: Set<[UInt64]>

    init(_ terms: [String]) {
        headings = Set(terms.map { Self.keys(Array($0.utf8)[...]) ?? [] }.filter { !$0.isEmpty })
    }

    /// Is this text (a heading, or the label before a colon) one of the headings?
    func matches(_ text: ArraySlice<UInt8>) -> Bool {
        // Longer text is a sentence, not a heading; only the few short blocks of a page get here.
        guard text.count <= 40, let keys = Self.keys(text) else { return false }
        return headings.contains(keys)
    }

    func matches(_ text: String) -> Bool { matches(Array(text.utf8)[...]) }

    /// The words' keys, or nil when the text holds anything but words (a number, a symbol, an emoji).
    private static func keys(_ text: ArraySlice<UInt8>) -> [UInt64]? {
        var tokens: [Token] = []
        // Room for every word up front: growing one token at a time was most of a heading's cost.
        tokens.reserveCapacity(text.count / 2 + 1)
        Tokenizer.tokenize(Array(text), into: &tokens)
        guard tokens.allSatisfy({ $0.kind == .word }) else { return nil }
        return tokens.map(\.key)
    }
}
