/// Claims the grammar misses, and some of its false alarms, judged by the trained `ClaimScorer`:
/// a sentence with no claim or statistic finding (nor a claim phrase the grammar cleared) whose score is above the scorer's report threshold
/// gets a finding of the rule marked `scorer: true` (`likely-claim` in the defaults), explained by
/// the features that weighed most; a sentence whose only findings come from generic rules
/// (`precedence` below zero) and whose score is below the drop threshold loses them.
/// Off when the rule set has no scorer rule or the configuration disables it (`disable: [likely-claim]`).
final class LikelyClaimCheck: Sendable {
    private let rule: Int?
    private let scorer: ClaimScorer
    private let matcher: PhraseMatcher
    let negation: Negation
    private let ruleIsGeneric: [Bool]
    private let roleNames: [String]
    /// How many features `because` names.
    static let reasons = 4

    /// Which weights a sentence has counted already: `stamps[i] == serial` once weight i is added.
    struct Scratch {
        var stamps: [UInt32] = []
        var serial: UInt32 = 0
    }

    init(ruleSet: RuleSet, matcher: PhraseMatcher, negation: Negation, weights: String = ClaimScorerData.tsv) {
        let index = ruleSet.rules.firstIndex { $0.kind == .claim && $0.scorer }
        rule = index.flatMap { ruleSet.disabledRuleIDs.contains(ruleSet.rules[$0].id) ? nil : $0 }
        scorer = ClaimScorer(tsv: weights, lexiconNames: matcher.lexiconNames, ruleIDs: ruleSet.rules.map(\.id))
        self.matcher = matcher
        self.negation = negation
        ruleIsGeneric = ruleSet.rules.map { $0.kind == .claim && $0.precedence < 0 }
        roleNames = matcher.lexiconNames.map { $0.hasPrefix("vocab-") ? String($0.dropFirst(6)) : $0 }
    }

    /// The scorer rule's index, when the scorer is on.
    var scorerRule: Int? { rule }

    /// `found` are the candidates the claim and statistic checks made from this sentence.
    func inspect(
        _ sentence: SentenceContext, found: Range<Int>, scratch: inout Scratch, into candidates: inout [Candidate]
    ) {
        guard let rule, !sentence.tokens.isEmpty else { return }
        if found.isEmpty {
            // A claim phrase that a negation, hedge, mood or missing context cleared is the grammar's
            // considered judgment ("not FDA-approved", "a safe, welcoming space"): the scorer does not overrule it.
            if sentence.matches.contains(where: { matcher.entries[$0.entry].role == .claim }) { return }
            let score = self.score(sentence, found: candidates[found], scratch: &scratch)
            guard score > scorer.reportAbove else { return }
            let whole = sentence.proseRange(ofTokens: 0..<sentence.tokens.count)
            candidates.append(
                Candidate(
                    rule: rule, block: sentence.blockIndex, scope: sentence.block.scope, proseRange: whole,
                    sentence: sentence.range, sentenceCited: sentence.hasLinkOrMarker,
                    because: because(sentence, scratch: &scratch)
                )
            )
        } else if candidates[found].allSatisfy({ ruleIsGeneric[$0.rule] }) {
            let score = self.score(sentence, found: candidates[found], scratch: &scratch)
            if score < scorer.dropBelow { candidates.removeSubrange(found) }
        }
    }

    /// The log-odds that the sentence is a claim a reviewer would flag.
    func score(_ sentence: SentenceContext, found: ArraySlice<Candidate>, scratch: inout Scratch) -> Double {
        var total = scorer.bias
        let weights = scorer.weights
        Self.newSentence(&scratch, weights: weights.count)
        let serial = scratch.serial
        SentenceFeatures.visit(sentence, found: found, matcher: matcher, negation: negation) { feature in
            let index = Int(scorer.index(of: feature))
            if index >= 0, scratch.stamps[index] != serial {
                scratch.stamps[index] = serial
                total += weights[index]
            }
        }
        return total
    }

    private static func newSentence(_ scratch: inout Scratch, weights: Int) {
        if scratch.stamps.count != weights { scratch.stamps = [UInt32](repeating: 0, count: weights) }
        scratch.serial &+= 1
        if scratch.serial == 0 {
            scratch.stamps = [UInt32](repeating: 0, count: weights)
            scratch.serial = 1
        }
    }

    /// The features that raised the score most, each with the words it stands for: "word +1.3
    /// 'restores'", "condition +0.9 'joint pain'", "list-item +0.6" (over the whole sentence).
    private func because(_ sentence: SentenceContext, scratch: inout Scratch) -> [ReasonSpan] {
        var parts: [(weight: Double, role: String, tokens: Range<Int>)] = []
        Self.newSentence(&scratch, weights: scorer.weights.count)
        let serial = scratch.serial
        let whole = 0..<sentence.tokens.count
        SentenceFeatures.visit(sentence, found: [], matcher: matcher, negation: negation) { feature in
            let index = Int(scorer.index(of: feature))
            guard index >= 0, scratch.stamps[index] != serial else { return }
            scratch.stamps[index] = serial
            let weight = scorer.weights[index]
            guard weight > 0 else { return }
            switch feature {
            case .stem(let key), .first(let key):
                let at = sentence.tokens.firstIndex { $0.key == key } ?? 0
                parts.append((weight, feature.isFirst ? "first word" : "word", at..<at + 1))
            case .lexicon(let lexicon):
                parts.append((weight, roleNames[lexicon], lexiconTokens(lexicon, in: sentence) ?? whole))
            case .rule:
                parts.append((weight, scorer.names[index], whole))
            case .shape(let shape):
                parts.append((weight, shape.rawValue, whole))
            }
        }
        return parts.sorted { $0.weight > $1.weight }.prefix(Self.reasons).map {
            ReasonSpan(
                role: "\($0.role) +\(Self.format($0.weight))", block: sentence.blockIndex,
                proseRange: sentence.proseRange(ofTokens: $0.tokens))
        }
    }

    /// Where the sentence's first term of the lexicon lies.
    private func lexiconTokens(_ lexicon: Int, in sentence: SentenceContext) -> Range<Int>? {
        let hits = sentence.lexiconHits
        for start in 0..<sentence.tokens.count {
            for hit in hits.hitStart[start]..<hits.hitStart[start + 1] where Int(hits.hitLexicon[Int(hit)]) == lexicon {
                return start..<Int(hits.hitEnd[Int(hit)])
            }
        }
        return nil
    }

    /// One decimal: "1.3".
    private static func format(_ weight: Double) -> String {
        let tenths = Int((weight * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

extension SentenceFeature {
    fileprivate var isFirst: Bool {
        if case .first = self { return true }
        return false
    }
}
