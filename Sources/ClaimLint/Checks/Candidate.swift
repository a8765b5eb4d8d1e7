/// A part of a finding's explanation while its position is still a prose range.
struct ReasonSpan {
    var role: String
    /// The block it is in: the finding's own, except for a disclosure's triggers.
    var block: Int
    var proseRange: Range<Int>
}

/// A claim or statistic before citation scope is known.
struct Candidate {
    var rule: Int
    var block: Int
    var scope: Int
    var proseRange: Range<Int>
    var sentence: Range<Int>
    /// The sentence has a link or a marker (a citation written as text is checked when needed).
    var sentenceCited: Bool
    var because: [ReasonSpan] = []
}

/// A finding before its position in the file is computed.
struct PendingFinding {
    var rule: Int
    var block: Int
    var proseRange: Range<Int>
    var sentence: Range<Int>
    var because: [ReasonSpan] = []
    /// A missing disclosure's wording, chosen by what triggered it.
    var disclosure: String? = nil
}

extension PendingFinding {
    /// A claim or statistic that no citation clears.
    init(_ candidate: Candidate) {
        self.init(
            rule: candidate.rule, block: candidate.block, proseRange: candidate.proseRange,
            sentence: candidate.sentence, because: candidate.because)
    }
}
