import Foundation
import Testing

@testable import ClaimLint

/// The default rules: embedded copy in sync with Rules/default.yml, every rule documented and
/// grounded, and every example behaving as it says.
@Suite("Rule catalogue")
struct RuleCatalogTests {
    static let rules = TestSupport.defaultLinter.ruleSet.rules

    struct Example: CustomTestStringConvertible, Sendable {
        var rule: String
        var text: String
        var triggers: Bool
        var testDescription: String { "\(rule) \(triggers ? "triggers" : "passes"): \(text.prefix(60))" }
    }

    static let examples: [Example] = rules.flatMap { rule in
        rule.examples.trigger.map { Example(rule: rule.id, text: $0, triggers: true) }
            + rule.examples.pass.map { Example(rule: rule.id, text: $0, triggers: false) }
    }

    @Test("the embedded rules are Rules/default.yml (run Scripts/embed-rules.sh after editing it)")
    func embeddedRulesInSync() throws {
        let file = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Rules/default.yml"), encoding: .utf8)
        #expect(DefaultRules.yaml + "\n" == file || DefaultRules.yaml == file, "out of date: run Scripts/embed-rules.sh")
    }

    @Test("every rule carries what a reviewer needs")
    func documented() {
        #expect(Self.rules.count >= 12)
        for rule in Self.rules {
            #expect(rule.source.hasPrefix("https://") || rule.source.hasPrefix("http://"), "\(rule.id): source must be a URL")
            #expect(rule.rationale != nil, "\(rule.id): needs a rationale")
            #expect(rule.examples.trigger.count >= 1 && rule.examples.pass.count >= 1, "\(rule.id): needs examples both ways")
        }
        let kinds = Set(Self.rules.map(\.kind))
        #expect(kinds == Set(Rule.Kind.allCases))
        let categories = Set(Self.rules.map(\.category))
        for category in ["regulatory", "efficacy", "safety", "guarantee", "speed-permanence", "authority", "off-label", "crisis-line"] {
            #expect(categories.contains(category), "no rule of category \(category)")
        }
    }

    @Test("rule examples", arguments: examples)
    func example(_ example: Example) {
        let found = TestSupport.defaultLinter.lint(example.text).filter { $0.ruleID == example.rule }
        if example.triggers {
            #expect(!found.isEmpty, "expected \(example.rule) on: \(example.text)")
        } else {
            #expect(found.isEmpty, "did not expect \(example.rule) on: \(example.text) — got \(found.map(\.matchedText))")
        }
    }

    @Test("a triggering example hidden in code or an HTML comment does not trigger", arguments: examples.filter(\.triggers).filter { !$0.text.contains("\n") })
    func hiddenExamplesDoNotTrigger(_ example: Example) {
        for hidden in ["```\n\(example.text)\n```\n", "<!-- \(example.text) -->\n", "    \(example.text)\n"] {
            let found = TestSupport.defaultLinter.lint(hidden).filter { $0.ruleID == example.rule }
            #expect(found.isEmpty, "\(example.rule) fired inside: \(hidden)")
        }
    }

    @Test("a triggering example still triggers in a heading, a list item and a block quote", arguments: examples.filter(\.triggers).filter { !$0.text.contains("\n") })
    func examplesTriggerInEveryBlock(_ example: Example) {
        for wrapped in ["- \(example.text)\n", "> \(example.text)\n"] {
            let found = TestSupport.defaultLinter.lint(wrapped).filter { $0.ruleID == example.rule }
            #expect(!found.isEmpty, "\(example.rule) missed in: \(wrapped)")
        }
    }
}
