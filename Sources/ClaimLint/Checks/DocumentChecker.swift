/// Runs every rule of a rule set over one parsed page. Each sentence is split, tokenized and
/// matched once into a `SentenceContext`, which each check reads in turn: citation markers,
/// claims, statistics, the trained scorer's likely claims and disclosures. Citation scope is settled once the page is seen, and the
/// findings come out in report order.
/// A class, not a struct: it is shared by every worker and captured by closures, and a
/// reference costs one retain where a copy of its fields would cost one each.
@_spi(Stages) public final class DocumentChecker: Sendable {
    public let ruleSet: RuleSet
    let matcher: PhraseMatcher
    private let markers: CitationMarkerCheck
    private let claims: ClaimCheck
    private let statistics: StatisticCheck
    let likelyClaims: LikelyClaimCheck
    private let disclosures: DisclosureCheck
    private let assembler: FindingAssembler
    private let ruleCitation: [Rule.CitationScope]

    public init(ruleSet: RuleSet) throws {
        self.ruleSet = ruleSet
        matcher = try PhraseMatcher(ruleSet: ruleSet)
        let negation = Negation(words: ruleSet.lexicons["negation"] ?? Negation.defaultWords)
        markers = CitationMarkerCheck(ruleSet: ruleSet)
        claims = ClaimCheck(ruleSet: ruleSet, matcher: matcher, negation: negation)
        statistics = StatisticCheck(ruleSet: ruleSet, negation: negation)
        likelyClaims = LikelyClaimCheck(ruleSet: ruleSet, matcher: matcher, negation: negation)
        disclosures = DisclosureCheck(ruleSet: ruleSet, matcher: matcher)
        assembler = FindingAssembler(ruleSet: ruleSet)
        ruleCitation = ruleSet.rules.map(\.citation)
    }

    public func check(_ document: ProseDocument) -> [Finding] {
        var notRecording: [SentenceRecord]?
        return check(document, recording: &notRecording)
    }

    /// With `recording`, the scorer makes no finding and each sentence's features and rule
    /// findings are recorded instead, for training it (`sentenceRecords`).
    func check(_ document: ProseDocument, recording: inout [SentenceRecord]?) -> [Finding] {
        let citations = CitationIndex(document: document, untrustedHosts: ruleSet.untrustedSources)
        var clearance = CitationClearance(document: document, citations: citations, ruleCitation: ruleCitation)
        var disclosureState = disclosures.startPage(ruleCount: ruleSet.rules.count)
        var claimScratch = ClaimCheck.Scratch()
        var scorerScratch = LikelyClaimCheck.Scratch()
        var pending: [PendingFinding] = []
        var candidates: [Candidate] = []
        var tokens: [Token] = []
        let stems = StemCache.current
        var lexiconHits = PhraseMatcher.Scratch()
        var matches: [PhraseMatcher.Match] = []
        var statisticSpans: [Range<Int>] = []
        var sentences: [Range<Int>] = []
        // Buffers sized for a typical page up front: one allocation each instead of a doubling series.
        tokens.reserveCapacity(256)
        matches.reserveCapacity(64)
        candidates.reserveCapacity(64)
        pending.reserveCapacity(64)
        sentences.reserveCapacity(32)
        lexiconHits.reserve(256)

        for (blockIndex, block) in document.blocks.enumerated() where !citations.isReferenceBlock[blockIndex] {
            SentenceSplitter.split(block.text, isTableRow: block.kind == .tableRow, into: &sentences)
            // Whether each link of the block is a citation, decided once rather than per sentence.
            let linkCites = block.links.map(citations.isCitation)
            for range in sentences {
                // Tokens of one sentence at a time: memory stays small even for a 5 MB paragraph.
                Tokenizer.tokenize(block.text, range: range, stems: stems, into: &tokens)
                matcher.prepare(tokens, text: block.text, &lexiconHits)
                let cited = markers.inspect(
                    block: block, blockIndex: blockIndex, sentence: range, tokens: tokens, citations: citations,
                    linkCites: linkCites, into: &pending
                )
                clearance.note(scope: block.scope, block: blockIndex, sentence: range, hasLinkOrMarker: cited)
                matches.removeAll(keepingCapacity: true)
                matcher.matches(in: tokens, range: 0..<tokens.count, scratch: &lexiconHits, into: &matches)
                let sentence = SentenceContext(
                    blockIndex: blockIndex, block: block, range: range, tokens: tokens, matches: matches,
                    lexiconHits: lexiconHits, hasLinkOrMarker: cited
                )
                disclosures.inspect(sentence, state: &disclosureState)
                let found = candidates.count
                claims.inspect(sentence, scratch: &claimScratch, into: &candidates)
                statistics.inspect(sentence, spans: &statisticSpans, into: &candidates)
                if recording == nil {
                    likelyClaims.inspect(
                        sentence, found: found..<candidates.count, scratch: &scorerScratch, into: &candidates)
                } else {
                    recording!.append(record(sentence, found: found..<candidates.count, in: candidates))
                }
            }
        }

        clearance.finishNoting()
        if recording != nil { settle(&recording!, candidates: candidates, clearance: &clearance) }
        for candidate in candidates where !clearance.isCleared(candidate) {
            pending.append(
                PendingFinding(
                    rule: candidate.rule, block: candidate.block, proseRange: candidate.proseRange,
                    sentence: candidate.sentence, because: candidate.because)
            )
        }
        pending += disclosures.missing(disclosureState)
        return assembler.findings(pending, in: document)
    }
}
