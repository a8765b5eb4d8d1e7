import Testing

@testable import ClaimLint

/// Issue 10 item 7: anchors, aliases and complex keys are refused before Yams sees them (an alias
/// bomb used as a mapping key hangs Yams's composer).
@Suite("YAML alias guard")
struct YAMLAliasGuardTests {
    /// The 804-byte shape of the attack: nine levels of aliases, the last used as a key.
    static let aliasBomb: String = {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        for (index, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].enumerated() {
            let previous = index == 0 ? "a" : ["b", "c", "d", "e", "f", "g", "h", "i"][index - 1]
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        lines.append("? *i\n: boom")
        return lines.joined(separator: "\n")
    }()

    @Test(
        "anchors, aliases and complex keys are refused with the file, line and column",
        arguments: [
            ("version: 1\nlexicons: &l\n  x: [a]\n", 2, 11, "anchors"),
            ("version: 1\nlexicons:\n  x: [a, *b]\n", 3, 10, "aliases"),
            ("version: 1\nlexicons:\n  x:\n    - a\n    - *b\n", 5, 7, "aliases"),
            ("version: 1\n? [a, b]\n: c\n", 2, 1, "complex keys"),
            ("version: 1\nrules:\n  - id: x\n    message: !!str &m hello\n", 4, 20, "anchors"),
            ("---\nversion: 1\nsources: {trusted: *t}\n", 3, 20, "aliases"),
        ] as [(String, Int, Int, String)]
    )
    func refuses(yaml: String, line: Int, column: Int, what: String) throws {
        let error = try #require(throws: RulesError.self) {
            try RulesLoader.load(yaml: yaml, file: "r.yml", compilePhrases: false)
        }
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(what))
    }

    @Test(
        "& and * in text, quotes, comments, block scalars and wrapped lines are not anchors or aliases",
        arguments: [
            "message: Fees & charges apply * sometimes\n",
            "message: 'It is *not* &amp; fine'\n",
            "message: \"quote \\\" then *x\"\n",
            "message: Claims like this\n  *always* need a source\n  & a date\nfix: x\n",
            "message: |\n  *bold* &\n  ? what\nfix: x\n",
            "rules:\n  - id: x\n    fix: >\n      *a* & b\n    kind: claim\n",
            "# &comment *here\nversion: 1 # *also\n",
            "lexicons: {a: [\"*x\", '&y', b*c]}\n",
            "message: What? Really?\n",
            "message: 'one\n  *two* line'\n",
        ]
    )
    func allowsText(yaml: String) throws {
        try YAMLAliasGuard.check(yaml, file: "ok.yml")
    }

    @Test("the alias bomb as a mapping key is refused at once, in a rules file and in a .claimlint.yml")
    func aliasBomb() throws {
        let rules = try #require(throws: RulesError.self) {
            try RulesLoader.load(yaml: Self.aliasBomb, file: "bomb.yml")
        }
        #expect(rules.line == 1)
        #expect(rules.column == 4)
        let configuration = try #require(throws: RulesError.self) {
            try ProjectConfiguration.load(yaml: Self.aliasBomb, file: ".claimlint.yml")
        }
        #expect(configuration.file == ".claimlint.yml")
        #expect(configuration.line == 1)
    }

    @Test("the default rules pass the guard")
    func defaultsPass() throws {
        for (name, yaml) in DefaultRules.files { try YAMLAliasGuard.check(yaml, file: name) }
    }
}
