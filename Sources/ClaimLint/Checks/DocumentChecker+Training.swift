/// What the claim scorer's training reads of a page (`ScorerFeatures`, Scripts/train-scorer.py):
/// every sentence's features, named as in Rules/claim-scorer.tsv, and what the rules alone
/// report there, so cross-validation can score rules and scorer together as claimlint runs them.
@_spi(Stages) public struct SentenceRecord: Sendable {
    /// What the rules report on the sentence once citations are considered.
    public enum Found: String, Sendable {
        case nothing
        /// Only findings of generic claim rules (`precedence` below zero), which the scorer may drop.
        case generic
        case specific
    }

    public var block: Int
    /// The sentence's bytes in the block's prose.
    public var sentence: Range<Int>
    /// Each feature once, by name.
    public var features: [String]
    public var found = Found.nothing
    /// A likely-claim finding on the sentence would be cleared by a citation.
    public var cited = false
    fileprivate var candidates: Range<Int>
    fileprivate var probe: Candidate?
}

extension DocumentChecker {
    /// Every sentence of the page, with its features and what the rules report there; the scorer
    /// itself makes no finding meanwhile. For names, stems need `StemCache.current.spellings`
    /// kept from before the rule set was loaded.
    public func sentenceRecords(_ document: ProseDocument) -> [SentenceRecord] {
        var records: [SentenceRecord]? = []
        _ = checkPage(document, recording: &records)
        return records ?? []
    }

    func record(_ sentence: SentenceContext, found: Range<Int>, in candidates: [Candidate]) -> SentenceRecord {
        let lexiconNames = matcher.lexiconNames
        let ruleIDs = ruleSet.rules.map(\.id)
        let spellings = StemCache.current.spellings ?? [:]
        var names: [String] = []
        var seen: Set<String> = []
        SentenceFeatures.visit(sentence, found: candidates[found], matcher: matcher, negation: likelyClaims.negation) {
            let name = ClaimScorer.name(of: $0, lexiconNames: lexiconNames, ruleIDs: ruleIDs, spellings: spellings)
            if seen.insert(name).inserted { names.append(name) }
        }
        let probe = likelyClaims.scorerRule.map {
            Candidate(
                rule: $0, block: sentence.blockIndex, scope: sentence.block.scope, proseRange: sentence.range,
                sentence: sentence.range, sentenceCited: sentence.hasLinkOrMarker)
        }
        return SentenceRecord(
            block: sentence.blockIndex, sentence: sentence.range, features: names, candidates: found, probe: probe)
    }

    /// Once citation scope is known: what survives of the rules' findings, and whether a
    /// likely-claim finding would.
    func settle(_ records: inout [SentenceRecord], candidates: [Candidate], clearance: inout CitationClearance) {
        let generic = ruleSet.rules.map { $0.kind == .claim && $0.precedence < 0 }
        for index in records.indices {
            var found = SentenceRecord.Found.nothing
            for candidate in candidates[records[index].candidates] where !clearance.isCleared(candidate) {
                if !generic[candidate.rule] {
                    found = .specific
                    break
                }
                found = .generic
            }
            records[index].found = found
            records[index].cited = records[index].probe.map { clearance.isCleared($0) } ?? false
        }
    }
}
