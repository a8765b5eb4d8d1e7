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
    private let referenceHeadings: ReferenceHeadings
    private let leadIns: LeadIns

    public init(ruleSet: RuleSet) throws {
        self.ruleSet = ruleSet
        matcher = try PhraseMatcher(ruleSet: ruleSet)
        let negation = Negation(words: GrammarLexicons.terms("negation", in: ruleSet))
        referenceHeadings = ReferenceHeadings(GrammarLexicons.terms("reference-heading", in: ruleSet))
        markers = CitationMarkerCheck(ruleSet: ruleSet)
        claims = ClaimCheck(ruleSet: ruleSet, matcher: matcher, negation: negation)
        statistics = StatisticCheck(ruleSet: ruleSet, negation: negation)
        likelyClaims = LikelyClaimCheck(ruleSet: ruleSet, matcher: matcher, negation: negation)
        disclosures = DisclosureCheck(ruleSet: ruleSet, matcher: matcher, negation: negation)
        assembler = FindingAssembler(ruleSet: ruleSet)
        leadIns = LeadIns(questionWords: GrammarLexicons.terms("question-word", in: ruleSet), matcher: matcher)
        ruleCitation = ruleSet.rules.map(\.citation)
    }

    /// The page's findings, the limit finding last when there were more than the cap.
    public func check(_ document: ProseDocument) -> [Finding] {
        let page = checkPage(document)
        guard let limit = page.limitFinding(in: document) else { return page.findings }
        return page.findings + [limit]
    }

    /// What checking a page gave: at most `max-findings-per-file` findings in report order, and how
    /// many more there were (`unreported`), with where the first of those starts.
    struct CheckedPage {
        var findings: [Finding]
        var unreported: Int
        var firstUnreported: FindingBudget.Key?
        let assembler: FindingAssembler

        /// The one finding that says how many more there were (none when the limit rule is off).
        func limitFinding(in document: ProseDocument, extra: Int = 0, extraAt: FindingBudget.Key? = nil) -> Finding? {
            let total = unreported + extra
            guard total > 0, let place = [firstUnreported, extraAt].compactMap({ $0 }).min() else { return nil }
            return assembler.limitFinding(unreported: total, at: place, in: document)
        }
    }

    func checkPage(_ document: ProseDocument) -> CheckedPage {
        var notRecording: [SentenceRecord]?
        return checkPage(document, recording: &notRecording)
    }

    /// With `recording`, the scorer makes no finding and each sentence's features and rule
    /// findings are recorded instead, for training it (`sentenceRecords`).
    func checkPage(_ document: ProseDocument, recording: inout [SentenceRecord]?) -> CheckedPage {
        let citations = CitationIndex(
            document: document, untrustedHosts: ruleSet.untrustedSources, referenceHeadings: referenceHeadings)
        var clearance = CitationClearance(document: document, citations: citations, ruleCitation: ruleCitation)
        var disclosureState = disclosures.startPage(ruleCount: ruleSet.rules.count)
        var leadInState = LeadIns.State()
        var claimScratch = ClaimCheck.Scratch()
        var scorerScratch = LikelyClaimCheck.Scratch()
        var budget = FindingBudget(cap: ruleSet.maxFindingsPerFile)
        var deferred = DeferredCandidates(cap: budget.cap)
        var markerFindings: [PendingFinding] = []
        var candidates: [Candidate] = []
        let stems = StemCache.current
        var statisticSpans: [Range<Int>] = []
        var sentences: [Range<Int>] = []
        // Buffers sized for a typical page up front: one allocation each instead of a doubling series.
        candidates.reserveCapacity(64)
        sentences.reserveCapacity(32)
        var sentence = SentenceContext(
            first: document.blocks.first ?? ProseBlock(kind: .paragraph, scope: 0, listOrdinal: nil, quoteDepth: 0),
            lexicons: matcher.lexiconNames.count)

        /// A candidate whose clearance is known: a finding unless a citation clears it.
        func settleCandidate(_ candidate: Candidate) {
            guard !clearance.isCleared(candidate) else { return }
            let pending = PendingFinding(candidate)
            budget.add(pending, key: assembler.key(of: pending, in: document))
        }
        /// Settles the waiting candidates whose scope the checks have read up to `block`.
        func settleWaiting(atBlock block: Int) {
            deferred.settle(
                isSettled: { clearance.isSettled($0, atBlock: block) }, isCleared: { clearance.isCleared($0) },
                settle: settleCandidate,
                countUnstored: { budget.countUnstored($0, first: assembler.key(of: PendingFinding($1), in: document)) })
        }

        // By index, the block read where it lies: only the sentence context holds a copy of it, so
        // each block's arrays are retained and released once, not once more for a loop variable.
        for blockIndex in document.blocks.indices where !citations.isReferenceBlock[blockIndex] {
            // A page with more claims waiting for their paragraph's citations than the cap settles
            // those whose scope is now read, so what waits stays bounded.
            if deferred.needsSettling { settleWaiting(atBlock: blockIndex) }
            sentence.enter(document.blocks[blockIndex], at: blockIndex)
            SentenceSplitter.split(sentence.block.text, isTableRow: sentence.block.kind == .tableRow, into: &sentences)
            // Whether each link of the block is a citation, decided once rather than per sentence.
            let linkCites = sentence.block.links.map(citations.isCitation)
            leadIns.enter(sentence.block, at: blockIndex, state: &leadInState)
            sentence.inheritedContext = leadIns.inherited(leadInState, block: blockIndex)
            for range in sentences {
                // Tokens of one sentence at a time: memory stays small even for a 5 MB paragraph.
                sentence.range = range
                Tokenizer.tokenize(sentence.block.text, range: range, stems: stems, into: &sentence.tokens)
                matcher.prepare(sentence.tokens, text: sentence.block.text, &sentence.lexiconHits)
                let cited = markers.inspect(
                    block: sentence.block, blockIndex: blockIndex, sentence: range, tokens: sentence.tokens,
                    citations: citations, linkCites: linkCites, into: &markerFindings
                )
                if !markerFindings.isEmpty {
                    for finding in markerFindings { budget.add(finding, key: assembler.key(of: finding, in: document)) }
                    markerFindings.removeAllKeepingCapacity()
                }
                clearance.note(scope: sentence.block.scope, block: blockIndex, sentence: range, hasLinkOrMarker: cited)
                sentence.matches.removeAllKeepingCapacity()
                matcher.matches(
                    in: sentence.tokens, range: 0..<sentence.tokens.count, scratch: &sentence.lexiconHits,
                    into: &sentence.matches)
                sentence.hasLinkOrMarker = cited
                sentence.isLeadIn = leadIns.isLeadIn(sentence)
                disclosures.inspect(sentence, state: &disclosureState)
                let found = candidates.count
                sentence.definedFrom = claims.definedFrom(in: sentence)
                claims.inspect(sentence, scratch: &claimScratch, into: &candidates)
                leadIns.note(sentence, isLeadIn: sentence.isLeadIn, matcher: matcher, state: &leadInState)
                statistics.inspect(sentence, spans: &statisticSpans, into: &candidates)
                sentence.carried.note(sentence.lexiconHits)
                if recording == nil {
                    likelyClaims.inspect(
                        sentence, found: found..<candidates.count, scratch: &scorerScratch, into: &candidates)
                    // A claim whose rule needs no paragraph is settled now; the others wait for their scope.
                    for candidate in candidates {
                        if ruleCitation[candidate.rule] != .paragraph
                            || clearance.isSettled(candidate, atBlock: blockIndex)
                        {
                            settleCandidate(candidate)
                        } else {
                            deferred.add(candidate)
                        }
                    }
                    candidates.removeAllKeepingCapacity()
                } else {
                    recording!.append(record(sentence, found: found..<candidates.count, in: candidates))
                }
            }
        }

        if recording != nil {
            // Training keeps every candidate of the page, to say what the rules reported per sentence.
            settle(&recording!, candidates: candidates, clearance: &clearance)
            for candidate in candidates { settleCandidate(candidate) }
        }
        settleWaiting(atBlock: Int.max)
        for finding in disclosures.missing(disclosureState) {
            budget.add(finding, key: assembler.key(of: finding, in: document))
        }
        let kept = budget.finish()
        return CheckedPage(
            findings: assembler.findings(kept, in: document), unreported: budget.unreported,
            firstUnreported: budget.firstUnreported, assembler: assembler)
    }
}
