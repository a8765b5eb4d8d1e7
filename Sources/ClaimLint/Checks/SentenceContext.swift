/// One sentence as every check sees it: where it is, its words, and what the phrase matcher
/// found in it. Filled once per sentence by `DocumentChecker` and handed to each check in turn,
/// so that adding a kind of check is one new type that reads this, not another pass.
///
/// The checker keeps one for the whole page and refills it in place (`enter`, then the sentence's
/// fields): the tokenizer and the matcher write straight into its buffers, and a block is copied
/// in once, not once per sentence (every copy of a block or a buffer retains and releases its arrays).
struct SentenceContext {
    private(set) var blockIndex = 0
    private(set) var block: ProseBlock
    /// The sentence's bytes in `block.text`.
    var range: Range<Int> = 0..<0
    var tokens: [Token] = []
    /// Every phrase of every rule found in the sentence.
    var matches: [PhraseMatcher.Match] = []
    /// Where each lexicon term starts and ends (for `{lexicon}` slots, contexts and explanations).
    var lexiconHits = PhraseMatcher.Scratch()
    /// The sentence carries a citation link or a citation marker.
    var hasLinkOrMarker = false
    /// Where what the sentence defines starts (`ClaimCheck.definedFrom`): 0 when the whole sentence
    /// defines a term; claims after it are no findings, and nor are the numbers of a whole definition.
    var definedFrom: Int?
    /// The sentence only announces what follows (`LeadIns`).
    var isLeadIn = false
    /// The `context:` lexicons a lead-in above this list item named, which count here too.
    var inheritedContext: [Int] = []
    /// The lexicons of the headings above and the block's earlier sentences (`carry-context` rules).
    var carried: CarriedContext

    /// An empty context with buffers sized for a typical page: one allocation each instead of a doubling series.
    init(first block: ProseBlock, lexicons: Int) {
        self.block = block
        carried = CarriedContext(lexicons: lexicons)
        tokens.reserveCapacity(256)
        matches.reserveCapacity(64)
        lexiconHits.reserve(256)
    }

    /// The next block's sentences follow.
    mutating func enter(_ block: ProseBlock, at index: Int) {
        self.block = block
        blockIndex = index
        carried.enter(block)
    }

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
