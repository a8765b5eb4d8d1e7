import Testing

@testable import ClaimLint

/// `RulesLoader` and `ProjectConfiguration`: strict reading, and errors that name file, line and column.
@Suite("RulesLoader and project configuration")
struct RulesLoaderErrorTests {
    /// A valid rules file. Line numbers matter: the rule's mapping starts at 5:5, its severity value is at 8:15.
    private static let base = """
        version: 1
        lexicons:
          condition: [depression, anxiety]
        rules:
          - id: a-rule
            kind: claim
            category: efficacy
            severity: error
            message: A message.
            fix: A fix.
            source: https://example.org/a
            phrases: ["cure ... {condition}"]
        """

    private static let secondRule = """

          - id: b-rule
            kind: statistic
            category: statistic
            severity: warning
            message: B message.
            fix: B fix.
            source: https://example.org/b
        """

    private static func load(_ yaml: String, file: String = "rules.yml") throws -> RuleSet {
        try RulesLoader.load(yaml: yaml, file: file)
    }

    private static func loadError(_ yaml: String) throws -> RulesError {
        try #require(throws: RulesError.self) { try load(yaml) }
    }

    private static func replacing(_ target: String, with replacement: String, in text: String = base) throws -> String {
        let parts = text.split(separator: target, omittingEmptySubsequences: false)
        try #require(parts.count == 2, "'\(target)' should occur once")
        return parts.joined(separator: replacement)
    }

    // MARK: A valid file

    @Test("a valid file loads every key")
    func validFile() throws {
        let yaml = """
            version: 1
            lexicons:
              condition: [depression, "post-traumatic stress"]
              health: [ketamine]
            sources:
              untrusted: [Our-Clinic.Example]
            rules:
              - id: full-rule
                kind: claim
                category: efficacy
                severity: warning
                message: M.
                fix: F.
                source: https://example.org
                source-title: Title
                rationale: Because.
                phrases: ["cure ... {condition}", "fda approved"]
                context: health
                unless: [may]
                negatable: no
                citation: sentence
                examples:
                  trigger: ["Ketamine cures depression."]
                  pass: ["Ketamine may help."]
              - id: disclose
                kind: disclaimer
                category: off-label
                severity: info
                message: M.
                fix: F.
                source: https://example.org
                triggers:
                  - [ketamine, "{condition}"]
                  - stem cell
                satisfied-by: [off label]
            """
        let set = try Self.load(yaml)
        #expect(set.lexicons["condition"] == ["depression", "post-traumatic stress"])
        #expect(set.untrustedSources == ["our-clinic.example"])
        #expect(set.origins == [yaml])
        try #require(set.rules.count == 2)
        let rule = set.rules[0]
        #expect(rule.id == "full-rule")
        #expect(rule.kind == .claim)
        #expect(rule.severity == .warning)
        #expect(rule.sourceTitle == "Title")
        #expect(rule.rationale == "Because.")
        #expect(rule.phrases == ["cure ... {condition}", "fda approved"])
        #expect(rule.context == "health")
        #expect(rule.unless == ["may"])
        #expect(rule.negatable == false)
        #expect(rule.citation == .sentence)
        #expect(rule.examples.trigger == ["Ketamine cures depression."])
        #expect(rule.examples.pass == ["Ketamine may help."])
        #expect(rule.location == RuleLocation(file: "rules.yml", line: 8, column: 5))
        #expect(set.rules[1].triggers == [["ketamine", "{condition}"], ["stem cell"]])
        #expect(set.rules[1].satisfiedBy == ["off label"])
        #expect(set.rule(withID: "disclose")?.kind == .disclosure)
        #expect(set.rule(withID: "nope") == nil)
    }

    @Test("defaults: citation paragraph, negatable true")
    func defaults() throws {
        let rule = try #require(try Self.load(Self.base).rules.first)
        #expect(rule.citation == .paragraph)
        #expect(rule.negatable)
        #expect(rule.context == nil)
        #expect(rule.unless.isEmpty)
    }

    // MARK: Errors with locations

    @Test(
        "an unknown key in a rule names its own line and column",
        arguments: [
            // (text inserted after a line of the rule, that line, expected error line)
            ("    severty: warning", "    phrases: [\"cure ... {condition}\"]", 13),
            ("    severty: warning", "    category: efficacy", 8),
            ("    phrase: [cure]", "    kind: claim", 7),
        ] as [(String, String, Int)]
    )
    func unknownRuleKey(inserted: String, after: String, line: Int) throws {
        let yaml = try Self.replacing(after + "\n", with: after + "\n" + inserted + "\n", in: Self.base + "\n")
        let error = try Self.loadError(yaml)
        let key = String(inserted.split(separator: ":")[0].drop { $0 == " " })
        #expect(error.file == "rules.yml")
        #expect(error.line == line)
        #expect(error.column == 5)
        #expect(error.message.contains("unknown key '\(key)'"))
        #expect(error.message.contains("severity"))  // the known keys are listed
        #expect(error.description.hasPrefix("rules.yml:\(line):5: error: "))
    }

    @Test(
        "a bad value names the value's line and column",
        arguments: [
            (
                "severity: error", "severity: critical", 8, 15,
                "severity must be one of info, warning, error, not 'critical'"
            ),
            ("kind: claim", "kind: slogan", 6, 11, "kind must be one of"),
            ("category: efficacy", "category: \"  \"", 7, 15, "category must not be empty"),
            ("phrases: [\"cure ... {condition}\"]", "phrases: cure", 12, 14, "phrases must be a list of strings"),
            ("phrases: [\"cure ... {condition}\"]", "phrases: [cure, \"\"]", 12, 21, "must not be empty"),
            ("id: a-rule", "id: A_Rule", 5, 9, "must be kebab-case"),
            ("version: 1", "version: one", 1, 10, "version must be a whole number"),
            (
                "condition: [depression, anxiety]", "Bad_Name: [depression]", 3, 3,
                "lexicon name 'Bad_Name' must be kebab-case"
            ),
        ] as [(String, String, Int, Int, String)]
    )
    func badValue(original: String, replacement: String, line: Int, column: Int, message: String) throws {
        let error = try Self.loadError(try Self.replacing(original, with: replacement))
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(message), "message was: \(error.message)")
    }

    @Test(
        "a missing required key names the rule",
        arguments: ["kind", "category", "severity", "message", "fix", "source"]
    )
    func missingKey(key: String) throws {
        let lines = Self.base.split(separator: "\n", omittingEmptySubsequences: false)
        let yaml = lines.filter { !$0.hasPrefix("    \(key):") }.joined(separator: "\n")
        try #require(yaml != Self.base)
        let error = try Self.loadError(yaml)
        #expect(error.line == 5)
        #expect(error.column == 5)
        #expect(error.message == "rule 'a-rule' is missing '\(key)'")
    }

    @Test("a rule without an id")
    func missingID() throws {
        let error = try Self.loadError(try Self.replacing("  - id: a-rule\n    kind: claim", with: "  - kind: claim"))
        #expect(error.line == 5)
        #expect(error.column == 5)
        #expect(error.message == "rule is missing 'id'")
    }

    @Test("a claim without phrases, and a disclosure without triggers")
    func kindNeeds() throws {
        let noPhrases = try Self.loadError(try Self.replacing("    phrases: [\"cure ... {condition}\"]", with: ""))
        #expect(noPhrases.line == 5)
        #expect(noPhrases.message.contains("a claim rule needs 'phrases'"))
        let disclosure = try Self.loadError(
            try Self.replacing("kind: claim", with: "kind: disclaimer").replacingPhrases(with: "    satisfied-by: [x]"))
        #expect(disclosure.line == 5)
        #expect(disclosure.message.contains("a disclosure rule needs 'triggers' and 'satisfied-by'"))
    }

    @Test(
        "keys that do not apply to the rule's kind",
        arguments: [
            ("kind: claim", "kind: statistic", "'phrases' does not apply to a rule of kind statistic"),
            ("kind: claim", "kind: citation", "'phrases' does not apply to a rule of kind citation"),
        ] as [(String, String, String)]
    )
    func keyForWrongKind(original: String, replacement: String, message: String) throws {
        let error = try Self.loadError(try Self.replacing(original, with: replacement))
        #expect(error.line == 5)
        #expect(error.column == 5)
        #expect(error.message.contains(message))
    }

    @Test("an unknown lexicon in a phrase names the rule and the lexicon")
    func unknownLexicon() throws {
        let error = try Self.loadError(try Self.replacing("{condition}", with: "{nope}"))
        #expect(error.file == "rules.yml")
        // The location is the rule's (the phrase itself has no node of its own once compiled).
        #expect(error.line == 5)
        #expect(error.column == 5)
        #expect(error.message.contains("unknown lexicon 'nope'"))
        #expect(error.message.contains("a-rule"))
    }

    @Test("context must name a lexicon")
    func unknownContext() throws {
        let error = try Self.loadError(Self.base + "\n    context: nope")
        #expect(error.line == 5)
        #expect(error.message.contains("context 'nope' is not a lexicon"))
    }

    @Test("a duplicate rule id names the second rule")
    func duplicateID() throws {
        let second = Self.secondRule.replacingFirst("b-rule", with: "a-rule")
        let error = try Self.loadError(Self.base + second)
        #expect(error.line == 13)
        #expect(error.column == 5)
        #expect(error.message == "duplicate rule id 'a-rule'")
        // Distinct ids load.
        #expect(try Self.load(Self.base + Self.secondRule).rules.map(\.id) == ["a-rule", "b-rule"])
    }

    @Test("a duplicate key names the second key's line and column")
    func duplicateKey() throws {
        let inRule = try Self.loadError(
            try Self.replacing("    fix: A fix.", with: "    fix: A fix.\n    fix: Another."))
        let inLexicons = try Self.loadError("version: 1\nlexicons:\n  a: [x]\n  a: [y]\n")
        #expect(inRule.message.contains("'fix'"))
        #expect(inLexicons.message.contains("'a'"))
        #expect(inRule.line == 11)
        #expect(inRule.column == 5)
        #expect(inRule.message.contains("duplicate key 'fix'"))
        #expect(inLexicons.line == 4)
        #expect(inLexicons.column == 3)
    }

    @Test(
        "the version: missing, wrong or unsupported",
        arguments: [
            ("version: 2\nrules: []", 1, 10, "unsupported version 2; this claimlint reads version 1"),
            ("version: 0\nrules: []", 1, 10, "unsupported version 0"),
            ("rules: []", 1, 1, "missing 'version: 1'"),
            ("# comment\n\nrules: []\nversion: 3", 4, 10, "unsupported version 3"),
        ] as [(String, Int, Int, String)]
    )
    func version(yaml: String, line: Int, column: Int, message: String) throws {
        let error = try Self.loadError(yaml)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(message))
    }

    @Test(
        "invalid YAML syntax keeps libyaml's line and column",
        arguments: [
            ("version: 1\nrules: [a, b\n", 3, 1),
            ("version: 1\nrules:\n  - id: x\n    kind: [\n", 5, 1),
            ("version: 1\nlexicons:\n  a: [x]\n b: [y]\n", 4, 2),
            ("version: 1\nrules:\n\t- id: x\n", 3, 1),
            ("version: \"1\nrules: []\n", 3, 1),
        ] as [(String, Int, Int)]
    )
    func invalidYAML(yaml: String, line: Int, column: Int) throws {
        let error = try Self.loadError(yaml)
        #expect(error.file == "rules.yml")
        #expect(error.message.hasPrefix("invalid YAML"))
        #expect(error.line == line)
        #expect(error.column == column)
    }

    @Test(
        "the shape of the file",
        arguments: [
            ("", nil, "the rules file is empty"),
            ("# only a comment\n", nil, "the rules file is empty"),
            ("version: 1\nbogus: 1\n", 2, "unknown key 'bogus' in the rules file"),
            ("- a\n- b\n", 1, "the rules file must be a mapping"),
            ("version: 1\nrules: {a: 1}\n", 2, "rules must be a list"),
            ("version: 1\nrules: [just-a-string]\n", 2, "a rule must be a mapping"),
            ("version: 1\nsources:\n  maybe: [x.org]\n", 3, "unknown key 'maybe' in sources"),
            ("version: 1\nlexicons: [a, b]\n", 2, "lexicons must map names to lists of terms"),
        ] as [(String, Int?, String)]
    )
    func fileShape(yaml: String, line: Int?, message: String) throws {
        let error = try Self.loadError(yaml)
        #expect(error.line == line)
        #expect(error.message.contains(message), "message was: \(error.message)")
    }

    @Test("error descriptions read file:line:column: error: message")
    func errorDescription() {
        #expect(RulesError(file: "a.yml", line: 3, column: 7, message: "bad").description == "a.yml:3:7: error: bad")
        #expect(RulesError(file: "a.yml", line: 3, message: "bad").description == "a.yml:3: error: bad")
        #expect(RulesError(file: "a.yml", message: "bad").description == "a.yml: error: bad")
    }

    // MARK: Project configuration

    private static func baseWithTwoRules() throws -> RuleSet {
        try Self.load(Self.base + Self.secondRule)
    }

    private static func configuration(_ yaml: String) throws -> ProjectConfiguration {
        try ProjectConfiguration.load(yaml: yaml, file: ".claimlint.yml")
    }

    @Test("disable turns a rule off")
    func disableRule() throws {
        let set = try Self.configuration("version: 1\ndisable: [b-rule]\n").applied(to: Self.baseWithTwoRules())
        #expect(set.rules.map(\.id) == ["a-rule"])
    }

    @Test("severity changes a rule's severity")
    func changeSeverity() throws {
        let set = try Self.configuration("version: 1\nseverity:\n  a-rule: info\n  b-rule: error\n").applied(
            to: Self.baseWithTwoRules())
        #expect(set.rules.map(\.severity) == [.info, .error])
        let linter = try Linter(ruleSet: set)
        #expect(linter.lint("It cures depression.").map(\.severity) == [.info])
    }

    @Test("sources.untrusted adds hosts whose links no longer count as citations")
    func untrustedSources() throws {
        let base = try Self.baseWithTwoRules()
        let page = "It cures depression ([our study](https://www.Our-Clinic.example/study))."
        #expect(try Linter(ruleSet: base).lint(page).isEmpty)
        let configuration = try Self.configuration("version: 1\nsources:\n  untrusted: [Our-Clinic.example]\n")
        #expect(configuration.untrustedSources == ["our-clinic.example"])
        let set = try configuration.applied(to: base)
        #expect(set.untrustedSources == ["our-clinic.example"])
        #expect(try Linter(ruleSet: set).lint(page).map(\.matchedText) == ["cures depression"])
    }

    @Test("lexicons extend an existing lexicon, and the rules that use it")
    func extendLexicon() throws {
        let base = try Self.baseWithTwoRules()
        #expect(try Linter(ruleSet: base).lint("It cures insomnia.").isEmpty)
        let set = try Self.configuration("version: 1\nlexicons:\n  condition: [insomnia, \"chronic back pain\"]\n")
            .applied(to: base)
        #expect(set.lexicons["condition"] == ["depression", "anxiety", "insomnia", "chronic back pain"])
        let linter = try Linter(ruleSet: set)
        #expect(linter.lint("It cures insomnia.").map(\.matchedText) == ["cures insomnia"])
        #expect(linter.lint("It cures your chronic back pain.").map(\.matchedText) == ["cures your chronic back pain"])
        #expect(linter.lint("It cures depression.").map(\.matchedText) == ["cures depression"])
    }

    @Test("rules in the configuration are added and may use the configuration's lexicons")
    func addRules() throws {
        let yaml = """
            version: 1
            lexicons:
              spa: [cryotherapy]
            rules:
              - id: house-miracle
                kind: claim
                category: efficacy
                severity: error
                message: No miracles.
                fix: Say what it does.
                source: https://example.org/style
                phrases: ["miracle {spa}"]
                citation: none
            exclude: ["drafts/**"]
            """
        let configuration = try Self.configuration(yaml)
        #expect(configuration.exclude == ["drafts/**"])
        #expect(configuration.rules.first?.location == RuleLocation(file: ".claimlint.yml", line: 5, column: 5))
        let base = try Self.baseWithTwoRules()
        let set = try configuration.applied(to: base)
        #expect(set.rules.map(\.id) == ["a-rule", "b-rule", "house-miracle"])
        #expect(set.origins.count == base.origins.count + 1)
        #expect(try Linter(ruleSet: set).lint("Miracle cryotherapy!").map(\.ruleID) == ["house-miracle"])
        let digest = try Linter(ruleSet: set).rulesDigest
        let baseDigest = try Linter(ruleSet: base).rulesDigest
        #expect(digest != baseDigest)
    }

    @Test("an unknown rule id in disable is an error with its line")
    func disableUnknownRule() throws {
        let configuration = try Self.configuration("version: 1\ndisable:\n  - a-rule\n  - nope-rule\n")
        let error = try #require(throws: RulesError.self) { try configuration.applied(to: Self.baseWithTwoRules()) }
        #expect(error.file == ".claimlint.yml")
        #expect(error.line == 4)
        #expect(error.column == 5)
        #expect(error.message == "disable: no rule has the id 'nope-rule'")
    }

    @Test(
        "configuration errors name file, line and column",
        arguments: [
            ("version: 1\nseverity: {nope: info}\n", 2, 12, "severity: no rule has the id 'nope'"),
            ("version: 1\nseverity: {a-rule: bad}\n", 2, 20, "severity must be one of info, warning, error, not 'bad'"),
            ("version: 2\n", 1, 10, "unsupported version 2"),
            ("disable: [a-rule]\n", 1, 1, "missing 'version: 1'"),
            ("version: 1\nfoo: 1\n", 2, 1, "unknown key 'foo' in the configuration"),
            ("version: 1\ndisable: a-rule\n", 2, 10, "disable must be a list of rule ids"),
            ("version: 1\nsources:\n  untrusted: x.org\n", 3, 14, "sources.untrusted must be a list of strings"),
            (
                "version: 1\nrules:\n  - id: a-rule\n    kind: statistic\n    category: c\n    severity: info\n    message: m\n    fix: f\n    source: s\n",
                3, 5, "duplicate rule id 'a-rule'"
            ),
            (
                "version: 1\nrules:\n  - id: c-rule\n    kind: claim\n    category: c\n    severity: info\n    message: m\n    fix: f\n    source: s\n    phrases: [\"{nope}\"]\n",
                3, 5, "unknown lexicon 'nope'"
            ),
        ] as [(String, Int, Int, String)]
    )
    func configurationErrors(yaml: String, line: Int, column: Int, message: String) throws {
        let error = try #require(throws: RulesError.self) {
            try Self.configuration(yaml).applied(to: Self.baseWithTwoRules())
        }
        #expect(error.file == ".claimlint.yml")
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(message), "message was: \(error.message)")
    }

    @Test("disabling every rule leaves a valid rule set that finds nothing")
    func validationAfterChanges() throws {
        // Disabling the only rule that uses a lexicon leaves a valid set.
        let set = try Self.configuration("version: 1\ndisable: [a-rule, b-rule]\n").applied(to: Self.baseWithTwoRules())
        #expect(set.rules.isEmpty)
        #expect(try Linter(ruleSet: set).lint("It cures depression. 70% of patients.").isEmpty)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }

    /// The base rule with its phrases line replaced.
    fileprivate func replacingPhrases(with line: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("    phrases:") ? Substring(line) : $0 }
            .joined(separator: "\n")
    }
}
