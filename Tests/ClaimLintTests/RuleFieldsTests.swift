import Foundation
import Testing

@testable import ClaimLint

/// The rules language's own knowledge: precedence, quick-fix fields (`suggest`, a disclosure's
/// `text` by trigger group and `placement`), example marks, one rule per built-in detector, and
/// `extends` for a user's rules file.
@Suite("Rule fields, precedence and extends")
struct RuleFieldsTests {
    static func rule(_ id: String, kind: String = "claim", severity: String = "warning", _ extra: String) -> String {
        """
          - id: \(id)
            kind: \(kind)
            category: test
            severity: \(severity)
            message: \(id) message.
            fix: \(id) fix.
            source: https://example.org/\(id)
        \(extra)
        """
    }

    static func rules(_ rules: String..., lexicons: String = "  condition: [depression, anxiety]") -> String {
        "version: 1\nlexicons:\n\(lexicons)\nrules:\n" + rules.joined(separator: "\n")
    }

    static func loadError(_ yaml: String) throws -> RulesError {
        try #require(throws: RulesError.self) { try RulesLoader.load(yaml: yaml, file: "rules.yml") }
    }

    // MARK: precedence

    /// Two warning rules whose words start at the same place: before precedence, the one listed
    /// first won; now the listing order never decides.
    static let overlapping = [
        rule("zeta-rule", "    phrases: [\"cures {condition}\"]"),
        rule("alpha-rule", "    phrases: [\"cures\"]"),
    ]

    @Test("overlapping claims: severity, then precedence, then the earlier words, then the rule id; never file order")
    func precedenceDecides() throws {
        let text = "It cures depression."
        for order in [Self.overlapping, Array(Self.overlapping.reversed())] {
            let linter = try Linter(ruleSet: RulesLoader.load(yaml: Self.rules(order[0], order[1]), file: "rules.yml"))
            // Same severity and precedence, same start: the id decides, in either file order.
            #expect(linter.lint(text).map(\.ruleID) == ["alpha-rule"])
        }
        let preferred = Self.rules(
            Self.rule("zeta-rule", "    phrases: [\"cures {condition}\"]\n    precedence: 5"), Self.overlapping[1])
        let linter = try Linter(ruleSet: RulesLoader.load(yaml: preferred, file: "rules.yml"))
        let findings = linter.lint(text)
        #expect(findings.map(\.ruleID) == ["zeta-rule"])
        #expect(findings.first?.matchedText == "cures depression")
        // Severity still comes first: a milder rule with a higher precedence does not hide an error.
        let severe = Self.rules(
            Self.rule("zeta-rule", "    phrases: [\"cures {condition}\"]\n    precedence: 5"),
            Self.rule("alpha-rule", severity: "error", "    phrases: [\"cures\"]"))
        #expect(
            try Linter(ruleSet: RulesLoader.load(yaml: severe, file: "rules.yml")).lint(text).map(\.ruleID) == [
                "alpha-rule"
            ])
    }

    @Test("precedence is a whole number, and only for claim rules")
    func precedenceErrors() throws {
        let notNumber = try Self.loadError(
            Self.rules(Self.rule("a-rule", "    phrases: [cures]\n    precedence: high")))
        #expect(notNumber.description.hasPrefix("rules.yml:"))
        #expect(notNumber.message.contains("whole number"))
        let wrongKind = try Self.loadError(Self.rules(Self.rule("a-rule", kind: "statistic", "    precedence: 2")))
        #expect(wrongKind.message.contains("'precedence' does not apply to a rule of kind statistic"))
        #expect(wrongKind.line != nil)
    }

    // MARK: suggest

    @Test("a claim's suggest fills {match} with the words as written and reaches the JSON report")
    func suggestTemplate() throws {
        let yaml = Self.rules(
            Self.rule("fast-rule", "    phrases: [\"fast relief\"]\n    suggest: \"{match} for some patients\""))
        let linter = try Linter(ruleSet: RulesLoader.load(yaml: yaml, file: "rules.yml"))
        let finding = try #require(linter.lint("Get **Fast** relief today.").first)
        #expect(finding.suggestion == "Fast relief for some patients")
        #expect(finding.placement == nil)
        let json = try ReportFormat.json.reporter().render(
            LintReport(files: [FileReport(path: "p.md", findings: [finding])]), rules: linter.ruleSet)
        #expect(json.contains("\"suggestion\": \"Fast relief for some patients\""))
        #expect(!json.contains("\"placement\""))
        let read = try JSONReportReader.read(Data(json.utf8), path: "r.json")
        #expect(read.files.first?.findings.first?.suggestion == "Fast relief for some patients")
    }

    @Test("suggest may use only {match}")
    func suggestPlaceholder() throws {
        let error = try Self.loadError(
            Self.rules(Self.rule("a-rule", "    phrases: [cures]\n    suggest: \"may help {condition}\"")))
        #expect(error.message.contains("only the placeholder {match}"))
        #expect(error.line == 13)
    }

    // MARK: disclosure text and placement

    static let disclosure = rule(
        "disclose", kind: "disclaimer", severity: "error",
        """
            triggers:
              ketamine:
                - [ketamine, "{condition}"]
              supplements:
                - "dietary supplement"
            satisfied-by: [off label, not been evaluated]
            text:
              ketamine: Ketamine's use for depression is off-label.
              supplements: This product is not intended to diagnose, treat, cure or prevent any disease.
            placement: after-first-mention
        """)

    @Test("a disclosure suggests the text of what triggered it, in page order, with its placement")
    func disclosureTextByTrigger() throws {
        let linter = try Linter(ruleSet: RulesLoader.load(yaml: Self.rules(Self.disclosure), file: "rules.yml"))
        let supplementPage = "# Sleep support\n\nOur dietary supplement blend.\n"
        let finding = try #require(linter.lint(supplementPage).first)
        #expect(finding.suggestion == "This product is not intended to diagnose, treat, cure or prevent any disease.")
        #expect(finding.placement == .afterFirstMention)
        let ketaminePage = "# Ketamine\n\nKetamine infusions for depression.\n"
        #expect(linter.lint(ketaminePage).first?.suggestion == "Ketamine's use for depression is off-label.")
        // Both on one page: both statements, in the order the page raises them.
        let both = "# Care\n\nOur dietary supplement blend.\n\nKetamine infusions for depression.\n"
        #expect(
            linter.lint(both).first?.suggestion
                == "This product is not intended to diagnose, treat, cure or prevent any disease. Ketamine's use for depression is off-label."
        )
        let json = try ReportFormat.json.reporter().render(
            LintReport(files: [FileReport(path: "p.md", findings: linter.lint(ketaminePage))]), rules: linter.ruleSet)
        #expect(json.contains("\"placement\": \"after-first-mention\""))
        let read = try JSONReportReader.read(Data(json.utf8), path: "r.json")
        #expect(read.files.first?.findings.first?.placement == .afterFirstMention)
    }

    @Test("kind: disclosure is the documented name of kind: disclaimer; reports keep the value disclaimer")
    func disclosureKindAlias() throws {
        let yaml = Self.rules(
            Self.rule(
                "crisis", kind: "disclosure",
                """
                    triggers: [suicide]
                    satisfied-by: ["988"]
                """))
        let linter = try Linter(ruleSet: RulesLoader.load(yaml: yaml, file: "rules.yml"))
        #expect(linter.ruleSet.rule(withID: "crisis")?.kind == .disclosure)
        let findings = linter.lint("# Help\n\nThoughts of suicide are common.\n")
        #expect(findings.map(\.kind) == [.disclosure])
        let json = try ReportFormat.json.reporter().render(
            LintReport(files: [FileReport(path: "p.md", findings: findings)]), rules: linter.ruleSet)
        #expect(json.contains("\"kind\": \"disclaimer\""))
        #expect(!json.contains("\"kind\": \"disclosure\""))
        // A report that says disclosure (written by hand or by another tool) reads back.
        let aliased = json.replacingOccurrences(of: "\"kind\": \"disclaimer\"", with: "\"kind\": \"disclosure\"")
        #expect(
            try JSONReportReader.read(Data(aliased.utf8), path: "r.json").files.first?.findings.first?.kind
                == .disclosure)
    }

    @Test("one text for every trigger, with a plain trigger list")
    func singleText() throws {
        let yaml = Self.rules(
            Self.rule(
                "crisis", kind: "disclaimer",
                """
                    triggers: [suicide]
                    satisfied-by: ["988"]
                    text: Call or text 988.
                    placement: page-top
                """))
        let linter = try Linter(ruleSet: RulesLoader.load(yaml: yaml, file: "rules.yml"))
        let finding = try #require(linter.lint("Help for suicide loss.\n").first)
        #expect(finding.suggestion == "Call or text 988.")
        #expect(finding.placement == .pageTop)
        let explanation = RuleExplanation.render(try #require(linter.ruleSet.rule(withID: "crisis")))
        #expect(explanation.contains("Suggested disclosure (placement: page-top): \"Call or text 988.\""))
    }

    @Test(
        "text must name trigger groups, and placement must be known",
        arguments: [
            (
                "text:\n      ketamine: A.\n      supplements: B.\n      stem-cells: C.",
                "text names 'stem-cells', which is not a group of its triggers"
            ),
            (
                "text:\n      ketamine: A.\n      supplements: B.\n    placement: footer",
                "placement must be one of after-first-mention, page-top, page-end, near-testimonial, not 'footer'"
            ),
        ])
    func disclosureErrors(_ change: String, _ message: String) throws {
        let start = try #require(Self.disclosure.range(of: "    text:")).lowerBound
        let yaml = Self.rules(String(Self.disclosure[..<start]) + "    " + change)
        let error = try Self.loadError(yaml)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.file == "rules.yml" && error.line != nil && error.column != nil)
    }

    @Test("a group without its own text falls back to the default text, which no group may be named")
    func defaultText() throws {
        let start = try #require(Self.disclosure.range(of: "    text:")).lowerBound
        let yaml = Self.rules(
            String(Self.disclosure[..<start])
                + "    text:\n      default: Not FDA-approved for this use.\n      ketamine: Off-label.\n")
        let linter = try Linter(ruleSet: RulesLoader.load(yaml: yaml, file: "rules.yml"))
        #expect(
            linter.lint("# Sleep\n\nOur dietary supplement blend.\n").first?.suggestion
                == "Not FDA-approved for this use.")
        // A group with its own text speaks alone: the default is not added to it.
        #expect(
            linter.lint("# Care\n\nOur dietary supplement blend.\n\nKetamine for depression.\n").first?.suggestion
                == "Off-label.")
        let named = Self.rules(
            Self.disclosure.replacing("      supplements:\n", with: "      default:\n").replacing(
                "      supplements: This", with: "      ketamine-two: This"))
        let error = try Self.loadError(named)
        #expect(
            error.message.contains("text names 'ketamine-two'") || error.message.contains("cannot be a trigger group"),
            "\(error)")
        let groupNamedDefault = Self.rules(
            Self.disclosure.replacing("      supplements:\n", with: "      default:\n").replacing(
                "      supplements: This product is not intended to diagnose, treat, cure or prevent any disease.\n",
                with: ""))
        #expect(
            try Self.loadError(groupNamedDefault).message.contains(
                "'default' names the text used when no group's text applies"))
    }

    @Test("text and placement only for disclosures, suggest only for claims")
    func fieldKinds() throws {
        #expect(
            try Self.loadError(Self.rules(Self.rule("a-rule", "    phrases: [cures]\n    text: A."))).message.contains(
                "'text' does not apply to a rule of kind claim"))
        #expect(
            try Self.loadError(Self.rules(Self.rule("a-rule", kind: "statistic", "    suggest: A."))).message.contains(
                "'suggest' does not apply"))
    }

    @Test("the default disclosures suggest a text that fits the page")
    func defaultDisclosureTexts() throws {
        let linter = TestSupport.defaultLinter
        func suggestion(_ page: String) -> String? {
            linter.lint(page).first { $0.ruleID == "off-label-disclosure" }?.suggestion
        }
        #expect(
            suggestion("# Ketamine\n\nKetamine infusions for depression.\n")?.contains(
                "not for any psychiatric disorder") == true)
        #expect(
            suggestion("# Weight care\n\nCompounded semaglutide, shipped to you.\n")?.contains(
                "Compounded semaglutide and tirzepatide are not FDA-approved") == true)
        #expect(
            suggestion("# Sleep\n\nOur nootropic blend for focus.\n")?.contains(
                "not intended to diagnose, treat, cure, or prevent any disease") == true)
        let supplement = try #require(suggestion("# Sleep\n\nOur nootropic blend for focus.\n"))
        #expect(!supplement.contains("etamine"), "a supplement page is not told about ketamine")
        // The fix line (text, JSON, SARIF, HTML) gives the same wording as the quick fix, after the
        // rule's advice that fits every page: a stem cell page is not told about ketamine there either.
        let stemCell = try #require(
            linter.lint("# Knees\n\nStem cell injections for knee arthritis.\n").first {
                $0.ruleID == "off-label-disclosure"
            })
        let stemCellText = try #require(stemCell.suggestion)
        #expect(stemCell.fix.contains(stemCellText))
        #expect(!stemCell.fix.contains("etamine"), "a stem cell page's fix names ketamine: \(stemCell.fix)")
        #expect(
            linter.lint("# Help\n\nTalk therapy for suicidal thoughts.\n").first { $0.ruleID == "crisis-line" }?
                .placement == .pageTop)
    }

    // MARK: example marks

    @Test("example marks are removed before linting and give the byte ranges they enclosed")
    func exampleMarks() throws {
        let yaml = Self.rules(
            Self.rule(
                "a-rule",
                "    phrases: [\"cures {condition}\"]\n    examples:\n      trigger: [\"Ketamine {{cures depression}}, and “{{cures anxiety}}”.\"]\n      pass: [\"It may help.\"]"
            ))
        let rule = try #require(try RulesLoader.load(yaml: yaml, file: "rules.yml").rules.first)
        #expect(rule.examples.trigger == ["Ketamine cures depression, and “cures anxiety”."])
        let text = Array(rule.examples.trigger[0].utf8)
        #expect(
            rule.examples.triggerMarks[0].map { String(decoding: text[$0], as: UTF8.self) } == [
                "cures depression", "cures anxiety",
            ])
    }

    @Test(
        "a bad mark is an error at the example",
        arguments: [
            ("trigger: [\"It {{cures depression.\"]", "never closed"),
            ("trigger: [\"It cures}} depression.\"]", "closes nothing"),
            ("trigger: [\"It {{cures {{depression}}.\"]", "cannot nest"),
            ("trigger: [\"It {{}}cures depression.\"]", "encloses nothing"),
            ("pass: [\"It {{may}} help.\"]", "a passing example marks nothing"),
        ])
    func badMarks(_ examples: String, _ message: String) throws {
        let yaml = Self.rules(
            Self.rule("a-rule", "    phrases: [\"cures {condition}\"]\n    examples:\n      \(examples)"))
        let error = try Self.loadError(yaml)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.line == 14)
    }

    // MARK: one rule per built-in detector

    @Test("a second statistic or citation rule is an error naming both places", arguments: ["statistic", "citation"])
    func secondDetectorRule(_ kind: String) throws {
        let yaml = Self.rules(Self.rule("first-\(kind)", kind: kind, ""), Self.rule("second-\(kind)", kind: kind, ""))
        let error = try Self.loadError(yaml)
        #expect(error.file == "rules.yml")
        #expect(error.line == 13)
        #expect(
            error.message.contains(
                "a rule set has one \(kind) rule, and 'first-\(kind)' (rules.yml:5:5) is one already"))
    }

    @Test("sources.trusted is an error that says why")
    func trustedRemoved() throws {
        let error = try Self.loadError("version: 1\nsources:\n  trusted: [nih.gov]\nrules: []\n")
        #expect(error.line == 3)
        #expect(error.message.contains("'sources.trusted' is no longer part of the format"))
        #expect(throws: RulesError.self) {
            try ProjectConfiguration.load(yaml: "version: 1\nsources:\n  trusted: [nih.gov]\n", file: ".claimlint.yml")
        }
    }

    // MARK: extends

    /// A rule like the README's "Writing a rule" example: it uses the default `health` lexicon.
    static let userRules = """
        version: 1
        rules:
          - id: miracle-wording
            kind: claim
            category: efficacy
            severity: warning
            message: '"Miracle" promises an outcome no treatment can guarantee.'
            fix: Say what the treatment does and for whom, with a citation.
            source: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
            phrases: ["works like magic", "magic cure"]
            context: health
        """

    @Test("a --rules file builds on the embedded rules and lexicons by default")
    func extendsDefaults() throws {
        let set = try RulesLoader.loadExtendingDefaults(yaml: Self.userRules, file: "my-rules.yml")
        let defaults = try RulesLoader.defaultRules()
        #expect(set.rules.count == defaults.rules.count + 1)
        #expect(set.lexicons["health"] == defaults.lexicons["health"])
        #expect(set.origins == defaults.origins + [Self.userRules])
        let found = try Linter(ruleSet: set).lint("Our IV drip works like magic for migraines.").map(\.ruleID)
        #expect(found.contains("miracle-wording"))
    }

    @Test("a rule with a default rule's id replaces it; lexicon terms are added")
    func replaceAndExtend() throws {
        let yaml = """
            version: 1
            lexicons:
              health: [red light panel]
            rules:
              - id: uncited-statistic
                kind: statistic
                category: statistic
                severity: error
                message: Our house rule for numbers.
                fix: Cite it.
                source: https://example.org/house
                citation: sentence
            """
        let set = try RulesLoader.loadExtendingDefaults(yaml: yaml, file: "my-rules.yml")
        let defaults = try RulesLoader.defaultRules()
        #expect(set.rules.map(\.id) == defaults.rules.map(\.id))
        #expect(set.rule(withID: "uncited-statistic")?.severity == .error)
        #expect(set.rule(withID: "uncited-statistic")?.location.file == "my-rules.yml")
        #expect(set.lexicons["health"] == (defaults.lexicons["health"] ?? []) + ["red light panel"])
        // A new statistic rule next to the default one is the one-detector error, naming both files.
        let second = yaml.replacing("id: uncited-statistic", with: "id: house-statistic")
        let error = try #require(throws: RulesError.self) {
            try RulesLoader.loadExtendingDefaults(yaml: second, file: "my-rules.yml")
        }
        #expect(error.file == "my-rules.yml")
        #expect(error.message.contains("'uncited-statistic' (Rules/defaults/statistics.yml:"))
    }

    @Test("extends: lexicons keeps only the vocabulary; extends: none starts from nothing")
    func extendsOptOut() throws {
        let lexiconsOnly = try RulesLoader.loadExtendingDefaults(
            yaml: Self.userRules.replacing("version: 1\n", with: "version: 1\nextends: lexicons\n"),
            file: "my-rules.yml")
        #expect(lexiconsOnly.rules.map(\.id) == ["miracle-wording"])
        #expect(lexiconsOnly.lexicons == (try RulesLoader.defaultRules()).lexicons)
        let none = Self.userRules.replacing("version: 1\n", with: "version: 1\nextends: none\n")
        let error = try #require(throws: RulesError.self) {
            try RulesLoader.loadExtendingDefaults(yaml: none, file: "my-rules.yml")
        }
        #expect(error.message.contains("context 'health' is not a lexicon"))
        #expect(error.file == "my-rules.yml" && error.line == 4)
        let bad = try #require(throws: RulesError.self) {
            try RulesLoader.loadExtendingDefaults(yaml: "version: 1\nextends: vale\n", file: "my-rules.yml")
        }
        #expect(bad.message.contains("extends must be one of defaults, lexicons, none, not 'vale'"))
        #expect(bad.line == 2)
    }

    @Test(
        "a lexicon term {name} includes that lexicon, in phrases and as context; a name that is no lexicon is an error")
    func lexiconIncludes() throws {
        let yaml = """
            version: 1
            extends: none
            lexicons:
              part: ["{vocab-body}", elbow]
              balm-words: [balm, salve]
            rules:
              - id: soothing-claim
                kind: claim
                category: efficacy
                severity: warning
                message: A claim that a balm soothes the body needs evidence.
                fix: Cite the evidence.
                source: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
                phrases: ["soothes {part}"]
                context: balm-words
            """
        let set = try RulesLoader.loadExtendingDefaults(yaml: yaml, file: "my-rules.yml")
        let linter = try Linter(ruleSet: set)
        // "knees" is no term of `part` itself: the vocabulary's body class, which it includes, has it.
        let page = "Our balm soothes knees after a run."
        let found = try #require(linter.lint(page).first { $0.ruleID == "soothing-claim" })
        #expect(found.matchedText == "soothes knees")
        #expect(linter.lint("Our balm soothes elbows.").contains { $0.ruleID == "soothing-claim" })
        #expect(linter.lint("Our lamp soothes knees.").isEmpty, "context: the rule needs a balm word")
        let unknown = yaml.replacing("\"{vocab-body}\"", with: "\"{body-parts}\"")
        let error = try #require(throws: RulesError.self) {
            try RulesLoader.loadExtendingDefaults(yaml: unknown, file: "my-rules.yml")
        }
        #expect(error.file == "my-rules.yml" && error.line == 4)
        #expect(error.message == "lexicon 'part': '{body-parts}' names no lexicon")
    }

    @Test("an include reaches through another include, across files, into the defaults and from a project file")
    func lexiconIncludesAcrossFiles() throws {
        let rule = """
            rules:
              - id: soothing-claim
                kind: claim
                category: efficacy
                severity: warning
                message: A claim that something soothes the body needs evidence.
                fix: Cite the evidence.
                source: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
                phrases: ["soothes {outer}"]
            """
        // `outer` includes `inner`, defined by the second file, which includes the vocabulary's body.
        let set = try RulesLoader.load(files: [
            (yaml: "version: 1\nlexicons:\n  outer: [\"{inner}\"]\n" + rule, file: "a.yml"),
            (yaml: "version: 1\nlexicons:\n  inner: [\"{vocab-body}\"]\n", file: "b.yml"),
        ])
        let found = try Linter(ruleSet: set).lint("Our balm soothes knees.")
        #expect(found.first { $0.ruleID == "soothing-claim" }?.matchedText == "soothes knees")
        // A --rules file may include a default lexicon, here as a rule's context: "knee" is health
        // context through the defaults' `health`, which includes the vocabulary's body class.
        let contextRule = rule.replacing(
            "phrases: [\"soothes {outer}\"]", with: "phrases: [\"quiet room\"]\n    context: outer")
        let extending = try Linter(
            ruleSet: RulesLoader.loadExtendingDefaults(
                yaml: "version: 1\nlexicons:\n  outer: [\"{health}\"]\n" + contextRule, file: "my-rules.yml"))
        #expect(extending.lint("The quiet room is beside the knee clinic.").contains { $0.ruleID == "soothing-claim" })
        #expect(!extending.lint("The quiet room is beside the gift shop.").contains { $0.ruleID == "soothing-claim" })
        // A project file's lexicon naming no lexicon is an error at its own line.
        let configuration = try ProjectConfiguration.load(
            yaml: "version: 1\nlexicons:\n  extra: [\"{no-such}\"]\n", file: "c.yml")
        let error = try #require(throws: RulesError.self) {
            try ConfigurationStack(files: [configuration]).applied(to: RulesLoader.defaultRules(), overrides: [])
        }
        #expect(error.file == "c.yml" && error.line == 3)
        #expect(error.message == "lexicon 'extra': '{no-such}' names no lexicon")
    }

    @Test("claimlint check --rules builds on the defaults")
    func cliRulesExtend() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("my-rules.yml")
        try Self.userRules.write(to: rules, atomically: true, encoding: .utf8)
        let page = folder.appendingPathComponent("page.md")
        try "Our IV drip works like magic for migraines, and it is FDA-approved.\n".write(
            to: page, atomically: true, encoding: .utf8)
        let output = try TestSupport.run(["check", "--no-config", "--rules", rules.path, "--format", "json", page.path])
        #expect(output.status == 1)
        #expect(output.stdout.contains("\"rule\": \"miracle-wording\""))
        #expect(output.stdout.contains("\"rule\": \"regulatory-status\""))
    }
}
