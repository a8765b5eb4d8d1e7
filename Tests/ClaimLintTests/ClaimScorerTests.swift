import Foundation
import Testing

@_spi(Stages) @testable import ClaimLint

/// The trained claim scorer (Rules/claim-scorer.tsv, Scripts/train-scorer.py): embedded as written,
/// reporting likely claims the grammar missed with the features that weighed most, and off when
/// its rule is disabled.
@Suite("Claim scorer")
struct ClaimScorerTests {
    /// Our own sentence, with none of the grammar's claim phrases, that the scorer rates a likely claim.
    static let likely = "With this program, most people can get back to more active days with less stiffness."

    @Test("the embedded weights are Rules/claim-scorer.tsv (run Scripts/embed-scorer.sh after training)")
    func embeddedInSync() throws {
        let file = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("Rules/claim-scorer.tsv"), encoding: .utf8)
        #expect(ClaimScorerData.tsv + "\n" == file, "out of date: run Scripts/embed-scorer.sh")
    }

    @Test("the weights file parses: an intercept, both thresholds, and weights of every feature family")
    func weightsParse() throws {
        let ruleSet = try RulesLoader.defaultRules()
        let matcher = try PhraseMatcher(ruleSet: ruleSet)
        let scorer = ClaimScorer(
            tsv: ClaimScorerData.tsv, lexiconNames: matcher.lexiconNames, ruleIDs: ruleSet.rules.map(\.id))
        #expect(scorer.reportAbove.isFinite && scorer.reportAbove < 100)
        #expect(scorer.dropBelow.isFinite && scorer.dropBelow < scorer.reportAbove)
        for family in ["stem:", "first:", "lexicon:", "rule:", "shape:"] {
            #expect(scorer.names.contains { $0.hasPrefix(family) }, "no weight of a \(family) feature")
        }
        // Every lexicon and rule the weights name is one of the default rule set's.
        let lexicons = Set(matcher.lexiconNames)
        let rules = Set(ruleSet.rules.map(\.id))
        for name in scorer.names where name.hasPrefix("lexicon:") || name.hasPrefix("rule:") {
            let value = String(name.drop { $0 != ":" }.dropFirst())
            #expect(lexicons.contains(value) || rules.contains(value), "\(name) names nothing in the defaults")
        }
    }

    @Test("each shape's ordinal is its place among all shapes, as the weights table is laid out")
    func shapeOrdinals() {
        #expect(SentenceShape.allCases.map(\.ordinal) == Array(SentenceShape.allCases.indices))
    }

    @Test("a likely claim gets a likely-claim finding over its sentence, explained by the features that weighed most")
    func reportsLikelyClaim() throws {
        let findings = TestSupport.defaultLinter.lint(Self.likely + "\n", path: "page.md")
        let likely = try #require(findings.first { $0.ruleID == "likely-claim" })
        #expect(findings.count == 1, "the grammar should find nothing here: \(findings.map(\.ruleID))")
        #expect(likely.kind == .claim)
        // The sentence's words, from the first to the last (its full stop is not a word).
        #expect(likely.matchedText == String(Self.likely.dropLast()))
        #expect(!likely.because.isEmpty && likely.because.count <= LikelyClaimCheck.reasons)
        for reason in likely.because {
            // "word +0.9" over a word of the sentence, strongest first.
            #expect(reason.role.contains(" +"), "no weight in '\(reason.role)'")
            #expect(Self.likely.contains(reason.text), "'\(reason.text)' is not in the sentence")
        }
        let weights = likely.because.map { Double($0.role.split(separator: "+").last ?? "") ?? 0 }
        #expect(weights == weights.sorted(by: >))
    }

    @Test("a citation in the paragraph clears a likely claim, as it clears any claim")
    func citationClears() throws {
        let text = Self.likely + " See [the trial](https://pubmed.ncbi.nlm.nih.gov/12345678/).\n"
        let findings = TestSupport.defaultLinter.lint(text, path: "page.md")
        #expect(!findings.contains { $0.ruleID == "likely-claim" })
    }

    @Test("disable: [likely-claim] turns the scorer off: no likely claims, and no generic finding dropped")
    func disabledScorer() throws {
        var ruleSet = try RulesLoader.defaultRules()
        ruleSet.disabledRuleIDs.insert("likely-claim")
        let matcher = try PhraseMatcher(ruleSet: ruleSet)
        let check = LikelyClaimCheck(
            ruleSet: ruleSet, matcher: matcher,
            negation: Negation(words: GrammarLexicons.terms("negation", in: ruleSet)))
        #expect(check.scorerRule == nil)
        let off = try Linter(ruleSet: ruleSet).lint(Self.likely + "\n", path: "page.md")
        #expect(off.isEmpty)
    }

    @Test("the training dump names every feature the run-time scorer weighs, stems by their spelling")
    func trainingRecords() throws {
        let checker = try DocumentChecker(ruleSet: try RulesLoader.defaultRules())
        StemCache.current.spellings = [:]
        defer { StemCache.current.spellings = nil }
        // A word this test alone uses, so the stem cache has not seen it before recording began.
        let document = MarkdownParser.parse(SourceText("- Zorblaxing restores calm.\n"))
        let records = checker.sentenceRecords(document)
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.features.contains("stem:zorblax"))
        #expect(record.features.contains("first:zorblax"))
        #expect(record.features.contains("shape:list-item"))
        #expect(record.features.contains("shape:short"))
    }

    /// A user's rule that names the generated vocabulary, so the vocabulary is walked.
    static let vocabularyRules = """
        version: 1
        rules:
          - id: house-condition-claim
            kind: claim
            category: disease
            severity: warning
            message: A claim to treat a condition needs a citation.
            fix: Cite a clinical study in the same paragraph.
            source: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
            phrases: ["banishes {vocab-condition}"]
        """

    @Test("vocabulary hits the vocabulary withdrew (an everyday sense, an excluded compound) are no scorer features")
    func withdrawnVocabularyHits() throws {
        let ruleSet = try RulesLoader.loadExtendingDefaults(yaml: Self.vocabularyRules, file: "my-rules.yml")
        // "cold" alone has no medical context and "cold drink" is an exclusion: both hits are
        // withdrawn (lexicon -1). Before the fix the scorer looked their lexicon up at index -1 and trapped.
        let page =
            "Grab a cold drink on your way out.\n\nIt was cold out.\n\nOur tonic banishes arthritis.\n\n"
            + Self.likely + "\n"
        let findings = try Linter(ruleSet: ruleSet).lint(page, path: "page.md")
        #expect(findings.contains { $0.ruleID == "house-condition-claim" && $0.matchedText == "banishes arthritis" })
        #expect(findings.contains { $0.ruleID == "likely-claim" })
        #expect(!findings.contains { $0.matchedText.contains("cold") })
        // The training dump reads the same features, and names none for a withdrawn hit.
        let checker = try DocumentChecker(ruleSet: ruleSet)
        let records = checker.sentenceRecords(MarkdownParser.parse(SourceText(page)))
        #expect(records.count == 4)
        #expect(records.allSatisfy { record in record.features.allSatisfy { !$0.hasPrefix("lexicon:#") } })
        #expect(records[0].features.allSatisfy { $0 != "lexicon:vocab-condition" })
        #expect(records[2].features.contains("lexicon:vocab-condition"))
    }
}
