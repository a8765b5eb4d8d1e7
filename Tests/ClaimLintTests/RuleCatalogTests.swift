import Foundation
import Testing

@_spi(Stages) @testable import ClaimLint

/// The default rules: embedded copy in sync with Rules/defaults/, every rule documented and
/// grounded, and every example behaving as it says.
@Suite("Rule catalogue")
struct RuleCatalogTests {
    static let rules = TestSupport.defaultLinter.ruleSet.rules

    struct Example: CustomTestStringConvertible, Sendable {
        var rule: String
        var text: String
        var triggers: Bool
        /// Where the rule's findings must land: the byte ranges the example marked with `{{…}}`.
        var marks: [Range<Int>] = []
        var testDescription: String { "\(rule) \(triggers ? "triggers" : "passes"): \(text.prefix(60))" }
    }

    static let examples: [Example] = rules.flatMap { rule in
        zip(rule.examples.trigger, rule.examples.triggerMarks).map {
            Example(rule: rule.id, text: $0, triggers: true, marks: $1)
        }
            + rule.examples.pass.map { Example(rule: rule.id, text: $0, triggers: false) }
    }

    /// The approval rules' examples need a library: the test one, judged on a fixed day.
    static let library: ApprovedClaims = {
        let file = TestSupport.fixtures.appendingPathComponent("approved-claims.yml")
        return try! ApprovedClaims.load(yaml: String(contentsOf: file, encoding: .utf8), file: file.path)
    }()

    /// The default rules with `max-findings-per-file: 3`, for the limit rule's examples (a page
    /// past the default cap would be 10,000 claims long).
    static let cappedLinter: Linter = {
        var rules = TestSupport.defaultLinter.ruleSet
        rules.maxFindingsPerFile = 3
        return try! Linter(ruleSet: rules)
    }()

    /// Lints an example with the default rules (capped for `rule`'s examples when it is the limit
    /// rule) and the test library.
    static func lint(_ text: String, for rule: String? = nil) -> [Finding] {
        let isLimit = rule.flatMap { id in Self.rules.first { $0.id == id } }?.kind == .limit
        let linter = isLimit ? cappedLinter : TestSupport.defaultLinter
        var file = linter.lint(bytes: Array(text.utf8), path: "page.md")
        library.apply(to: &file, ruleSet: linter.ruleSet, today: CalendarDate("2025-06-01")!)
        return file.findings
    }

    @Test("the embedded rules are the files of Rules/defaults/ (run Scripts/embed-rules.sh after editing them)")
    func embeddedRulesInSync() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent(RulesLoader.defaultRulesFolder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
        #expect(Set(names) == Set(DefaultRules.files.map(\.name)), "files added or removed: run Scripts/embed-rules.sh")
        for (name, yaml) in DefaultRules.files where names.contains(name) {
            let file = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(yaml + "\n" == file || yaml == file, "\(name) is out of date: run Scripts/embed-rules.sh")
        }
        #expect(DefaultRules.files.first?.name == "lexicons.yml", "the shared lexicons are read first")
    }

    @Test("each default file is a complete rules file, and an error in one names that file")
    func defaultFilesStandAlone() throws {
        let lexicons = try #require(DefaultRules.files.first { $0.name == "lexicons.yml" })
        for (name, yaml) in DefaultRules.files {
            // Each file loads with the shared lexicons beside it (they are what the rules refer to).
            let files = name == lexicons.name ? [(yaml, name)] : [(lexicons.yaml, lexicons.name), (yaml, name)]
            #expect(throws: Never.self, "\(name)") { try RulesLoader.load(files: files) }
        }
        let broken = DefaultRules.files.map { entry in
            (
                yaml: entry.name == "safety.yml"
                    ? entry.yaml.replacingOccurrences(of: "severity: error", with: "severity: fatal") : entry.yaml,
                file: "Rules/defaults/\(entry.name)"
            )
        }
        let error = try #require(throws: RulesError.self) { try RulesLoader.load(files: broken) }
        #expect(error.file == "Rules/defaults/safety.yml")
        #expect(error.line != nil)
    }

    @Test("no list in the default rules repeats a phrase that differs only by inflection (Snowball unifies them)")
    func noInflectionDuplicates() {
        // A phrase's words as the matcher sees them: `{lexicon}`, `...` and `#` kept, words keyed by their stem.
        func words(_ phrase: String) -> [String] {
            phrase.split(whereSeparator: { $0 == " " }).flatMap { part -> [String] in
                if part.hasPrefix("{") || part.hasPrefix("#") || part == "..." { return [String(part)] }
                var tokens: [Token] = []
                Tokenizer.tokenize(Array(part.utf8), into: &tokens)
                return tokens.map { String($0.key) }
            }
        }
        func duplicates(_ phrases: [String]) -> [String] {
            var seen: Set<[String]> = []
            return phrases.filter { !seen.insert(words($0)).inserted }
        }
        let ruleSet = TestSupport.defaultLinter.ruleSet
        for (name, terms) in ruleSet.lexicons {
            #expect(duplicates(terms).isEmpty, "lexicon \(name) repeats \(duplicates(terms))")
        }
        for rule in Self.rules {
            for (field, phrases) in [
                ("phrases", rule.phrases), ("unless", rule.unless), ("satisfied-by", rule.satisfiedBy),
            ] {
                #expect(duplicates(phrases).isEmpty, "\(rule.id).\(field) repeats \(duplicates(phrases))")
            }
        }
    }

    @Test("every rule carries what a reviewer needs")
    func documented() {
        #expect(Self.rules.count >= 12)
        for rule in Self.rules {
            #expect(
                rule.source.hasPrefix("https://") || rule.source.hasPrefix("http://"),
                "\(rule.id): source must be a URL")
            #expect(rule.rationale != nil, "\(rule.id): needs a rationale")
            #expect(
                rule.examples.trigger.count >= 1 && rule.examples.pass.count >= 1,
                "\(rule.id): needs examples both ways")
        }
        let kinds = Set(Self.rules.map(\.kind))
        #expect(kinds == Set(Rule.Kind.allCases))
        let categories = Set(Self.rules.map(\.category))
        for category in [
            "regulatory", "efficacy", "safety", "guarantee", "speed-permanence", "authority", "off-label",
            "crisis-line",
        ] {
            #expect(categories.contains(category), "no rule of category \(category)")
        }
    }

    @Test("rule examples", arguments: examples)
    func example(_ example: Example) {
        let found = Self.lint(example.text, for: example.rule).filter { $0.ruleID == example.rule }
        if example.triggers {
            #expect(!found.isEmpty, "expected \(example.rule) on: \(example.text)")
            // The finding lands on the marked words, not merely somewhere on the page.
            let bytes = Array(example.text.utf8)
            func words(_ range: Range<Int>) -> String {
                String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
            }
            for finding in found where !example.marks.isEmpty {
                #expect(
                    example.marks.contains { $0.overlaps(finding.byteRange) },
                    "\(example.rule) landed on '\(finding.matchedText)', outside the marked \(example.marks.map(words)) in: \(example.text)"
                )
            }
            for mark in example.marks {
                #expect(
                    found.contains { $0.byteRange.overlaps(mark) },
                    "\(example.rule): no finding on the marked '\(words(mark))' (found \(found.map(\.matchedText))) in: \(example.text)"
                )
            }
        } else {
            #expect(
                found.isEmpty, "did not expect \(example.rule) on: \(example.text) — got \(found.map(\.matchedText))")
        }
    }

    @Test("every default trigger example marks where its finding lands")
    func defaultExamplesAreMarked() {
        for example in Self.examples where example.triggers {
            guard let rule = Self.rules.first(where: { $0.id == example.rule }), rule.kind != .suppression else {
                continue
            }
            #expect(
                !example.marks.isEmpty, "\(example.rule): mark the words it must flag with {{…}} in: \(example.text)")
        }
    }

    @Test(
        "a triggering example hidden in code or an HTML comment does not trigger",
        arguments: examples.filter(\.triggers).filter { !$0.text.contains("\n") })
    func hiddenExamplesDoNotTrigger(_ example: Example) {
        for hidden in ["```\n\(example.text)\n```\n", "<!-- \(example.text) -->\n", "    \(example.text)\n"] {
            let found = Self.lint(hidden, for: example.rule).filter { $0.ruleID == example.rule }
            #expect(found.isEmpty, "\(example.rule) fired inside: \(hidden)")
        }
    }

    @Test(
        "a triggering example still triggers in a heading, a list item and a block quote",
        arguments: examples.filter(\.triggers).filter { !$0.text.contains("\n") })
    func examplesTriggerInEveryBlock(_ example: Example) {
        for wrapped in ["- \(example.text)\n", "> \(example.text)\n"] {
            let found = Self.lint(wrapped, for: example.rule).filter { $0.ruleID == example.rule }
            #expect(!found.isEmpty, "\(example.rule) missed in: \(wrapped)")
        }
    }
}
