/// What the trained claim scorer (`ClaimScorer`) reads of one sentence. The training dump
/// (`ScorerFeatures`, run by Scripts/train-scorer.py) and the run-time check call the same
/// `visit`, so the features a model was trained on are the features it is applied to.
enum SentenceFeature: Hashable {
    /// A word's Snowball stem, by key ("restores" → restor).
    case stem(UInt64)
    /// The stem of the sentence's first word: who speaks or acts, or the mood ("you", "our", "in", "if").
    case first(UInt64)
    /// A term of a lexicon occurs: an effect verb, a condition, a body part, a treatment...
    case lexicon(Int)
    /// A claim or statistic rule found something in the sentence (before citations are considered).
    case rule(Int)
    case shape(SentenceShape)
}

/// The form of a sentence, apart from its words.
enum SentenceShape: String, CaseIterable {
    case number
    case percent
    case heading
    case question
    case listItem = "list-item"
    case tableRow = "table-row"
    case quoted
    /// A negation word anywhere in the sentence ("not", "never", "no").
    case negation
    /// A citation link or marker in the sentence.
    case cited
    /// A claim phrase matched but a negation, hedge, mood or missing context cleared it.
    case cleared
    /// Fewer than six words, or more than thirty-five.
    case short
    case long
    /// The sentence only announces what follows (`LeadIns`).
    case leadIn = "lead-in"

    /// The shape's place in `allCases`, without building that array or hashing per look-up.
    var ordinal: Int {
        switch self {
        case .number: 0
        case .percent: 1
        case .heading: 2
        case .question: 3
        case .listItem: 4
        case .tableRow: 5
        case .quoted: 6
        case .negation: 7
        case .cited: 8
        case .cleared: 9
        case .short: 10
        case .long: 11
        case .leadIn: 12
        }
    }
}

enum SentenceFeatures {
    static let shortWords = 6
    static let longWords = 35

    /// Calls `body` with each feature of the sentence; a feature may come more than once (a stem
    /// that occurs twice), and callers count each once. `found` are the rule candidates the claim
    /// and statistic checks made from this sentence.
    @inline(__always)
    static func visit(
        _ sentence: SentenceContext, found: ArraySlice<Candidate>, matcher: PhraseMatcher, negation: Negation,
        _ body: (SentenceFeature) -> Void
    ) {
        let text = sentence.block.text
        var words = 0
        var hasNumber = false
        var hasPercent = false
        var hasNegation = false
        for token in sentence.tokens {
            switch token.kind {
            case .word:
                if words == 0 { body(.first(token.key)) }
                words += 1
                body(.stem(token.key))
                if !hasNegation, negation.isNegation(token.key) { hasNegation = true }
            case .number:
                hasNumber = true
            case .symbol:
                if text[token.start] == UInt8(ascii: "%") { hasPercent = true }
            case .marker:
                continue
            }
        }
        // A vocabulary hit the vocabulary withdrew (an everyday sense with no medical context, a
        // word inside an excluded compound) stays in the table as lexicon -1: no lexicon occurs there.
        for lexicon in sentence.lexiconHits.hitLexicon where lexicon >= 0 { body(.lexicon(Int(lexicon))) }
        for candidate in found { body(.rule(candidate.rule)) }
        for match in sentence.matches where matcher.entries[match.entry].role == .claim {
            let rule = matcher.entries[match.entry].rule
            if !found.contains(where: { $0.rule == rule }) {
                body(.shape(.cleared))
                break
            }
        }
        if hasNumber { body(.shape(.number)) }
        if hasPercent { body(.shape(.percent)) }
        if hasNegation { body(.shape(.negation)) }
        if sentence.block.isHeading { body(.shape(.heading)) }
        if sentence.block.kind == .tableRow { body(.shape(.tableRow)) }
        if sentence.block.inListItem { body(.shape(.listItem)) }
        if sentence.hasLinkOrMarker { body(.shape(.cited)) }
        if words < shortWords { body(.shape(.short)) }
        if words > longWords { body(.shape(.long)) }
        if sentence.isQuestion { body(.shape(.question)) }
        if sentence.isLeadIn { body(.shape(.leadIn)) }
        if sentence.block.quoteDepth > 0 || startsWithQuote(sentence) { body(.shape(.quoted)) }
    }

    /// An opening “ or " at the start of the sentence.
    private static func startsWithQuote(_ sentence: SentenceContext) -> Bool {
        let text = sentence.block.text
        guard let first = sentence.range.first else { return false }
        return text[first] == UInt8(ascii: "\"")
            || (text[first] == 0xE2 && first + 2 < text.count && text[first + 1] == 0x80 && text[first + 2] == 0x9C)
    }
}
