import Testing

@testable import ClaimLint

/// The wording the default rules offer as a fix must pass the default rules: a disclosure's `text`
/// on a page of its own, and a claim rule's `suggest` in place of the words it rewords in the
/// rule's own examples. A quick fix that the linter then flags teaches editors to ignore both.
@Suite("Suggested wording")
struct SuggestedWordingTests {
    static let rules = TestSupport.defaultLinter.ruleSet.rules

    struct Wording: CustomTestStringConvertible, Sendable {
        var rule: String
        var text: String
        /// Byte ranges of the suggested words in `text` (all of it for a disclosure).
        var suggested: [Range<Int>]
        var testDescription: String { "\(rule): \(text.prefix(70))" }
    }

    static func claims(in text: String) -> [Finding] {
        TestSupport.defaultLinter.lint(text).filter { $0.kind == .claim || $0.kind == .statistic }
    }

    static let disclosureTexts: [Wording] = rules.filter { $0.kind == .disclosure }.flatMap { rule in
        rule.text.sorted { $0.key < $1.key }.map {
            Wording(rule: "\(rule.id) (\($0.key))", text: $0.value, suggested: [0..<$0.value.utf8.count])
        }
    }

    @Test("every disclosure text, on a page of its own, is not itself a claim", arguments: disclosureTexts)
    func disclosureText(_ wording: Wording) {
        let found = Self.claims(in: wording.text)
        let named = found.map { "\($0.ruleID) '\($0.matchedText)'" }
        #expect(found.isEmpty, "\(wording.rule) flags its own disclosure: \(named)")
    }

    /// A template with a bracketed instruction ("[cite the study here]") asks the editor to add a
    /// citation; it is not a rewording, so it is not judged as one.
    static func rewords(_ rule: Rule) -> Bool {
        guard let suggest = rule.suggest else { return false }
        return rule.kind == .claim && !suggest.contains("[")
    }

    /// Each trigger example of a rule that rewords, with its findings' suggestions in place of the matched words.
    static let reworded: [Wording] = rules.filter(rewords).flatMap { rule in
        rule.examples.trigger.map { example in
            var bytes = Array(example.utf8)
            var suggested: [Range<Int>] = []
            let findings = TestSupport.defaultLinter.lint(example).filter { $0.ruleID == rule.id }
            // From the last finding back, so that the earlier ranges stay where they are.
            for finding in findings.sorted(by: { $0.byteRange.lowerBound > $1.byteRange.lowerBound }) {
                guard let suggestion = finding.suggestion, finding.byteRange.upperBound <= bytes.count else { continue }
                let words = Array(suggestion.utf8)
                bytes.replaceSubrange(finding.byteRange, with: words)
                let delta = words.count - finding.byteRange.count
                suggested = suggested.map { ($0.lowerBound + delta)..<($0.upperBound + delta) }
                suggested.append(finding.byteRange.lowerBound..<(finding.byteRange.lowerBound + words.count))
            }
            return Wording(rule: rule.id, text: String(decoding: bytes, as: UTF8.self), suggested: suggested)
        }
    }

    @Test("the defaults reword some of their claims, so the test below judges something")
    func someRulesReword() {
        #expect(Self.rules.filter(Self.rewords).count >= 2)
    }

    @Test("every claim rule's rewording, in place of the words it rewords, is not itself a claim", arguments: reworded)
    func rewording(_ wording: Wording) {
        #expect(!wording.suggested.isEmpty, "\(wording.rule): its example got no suggestion: \(wording.text)")
        let found = Self.claims(in: wording.text).filter { finding in
            wording.suggested.contains { $0.overlaps(finding.byteRange) }
        }
        let named = found.map { "\($0.ruleID) '\($0.matchedText)'" }
        #expect(found.isEmpty, "\(wording.rule) rewording still flagged: \(named) in: \(wording.text)")
    }
}
