/// One sentence as every check sees it: where it is, its words, and what the phrase matcher
/// found in it. Built once per sentence by `DocumentChecker` and handed to each check in turn,
/// so that adding a kind of check is one new type that reads this, not another pass.
struct SentenceContext {
    let blockIndex: Int
    let block: ProseBlock
    /// The sentence's bytes in `block.text`.
    let range: Range<Int>
    let tokens: [Token]
    /// Every phrase of every rule found in the sentence.
    let matches: [PhraseMatcher.Match]
    /// Where each lexicon term starts and ends (for `{lexicon}` slots, contexts and explanations).
    let lexiconHits: PhraseMatcher.Scratch
    /// The sentence carries a citation link or a citation marker.
    let hasLinkOrMarker: Bool

    /// A question asks rather than asserts ("Can TMS help?").
    var isQuestion: Bool {
        var index = range.upperBound - 1
        while index >= range.lowerBound, Self.isClosing(block.text[index]) { index -= 1 }
        return index >= range.lowerBound && block.text[index] == UInt8(ascii: "?")
    }

    /// Spaces, closing quotes and brackets that may follow a question mark.
    private static func isClosing(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: "*")
            || byte == 0x9D || byte == 0x80 || byte == 0xE2 || byte == 0x99  // the bytes of ” and ’
    }

    /// Prose bytes of tokens `range`.
    func proseRange(ofTokens range: Range<Int>) -> Range<Int> {
        tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end
    }
}
