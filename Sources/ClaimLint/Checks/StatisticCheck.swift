/// Statistics: numbers presented as fact about people, outcomes or prevalence, found by the
/// built-in `StatisticDetector` and reported under the rule set's `kind: statistic` rule.
struct StatisticCheck: Sendable {
    private let rule: Int?
    private let detector: StatisticDetector
    private let negation: Negation

    init(ruleSet: RuleSet, negation: Negation) {
        rule = ruleSet.rules.firstIndex { $0.kind == .statistic }
        detector = StatisticDetector(population: GrammarLexicons.terms("population", in: ruleSet))
        self.negation = negation
    }

    func inspect(_ sentence: SentenceContext, spans: inout [Range<Int>], into candidates: inout [Candidate]) {
        // A sentence that defines a term gives its thresholds ("remission, which is normal blood
        // sugar for at least 1 year"), not figures about people.
        guard let rule, sentence.definedFrom != 0 else { return }
        spans.removeAllKeepingCapacity()
        detector.find(in: sentence.tokens, range: 0..<sentence.tokens.count, text: sentence.block.text, into: &spans)
        for span in spans
        where !negation.negates(
            start: span.lowerBound, tokens: sentence.tokens, text: sentence.block.text, sentenceStart: 0)
        {
            let prose = sentence.proseRange(ofTokens: span)
            candidates.append(
                Candidate(
                    rule: rule, block: sentence.blockIndex, scope: sentence.block.scope, proseRange: prose,
                    sentence: sentence.range, sentenceCited: sentence.hasLinkOrMarker,
                    because: [ReasonSpan(role: "statistic", block: sentence.blockIndex, proseRange: prose)]
                )
            )
        }
    }
}
