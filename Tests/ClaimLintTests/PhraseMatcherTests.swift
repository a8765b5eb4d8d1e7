import Testing

@_spi(Stages) @testable import ClaimLint

/// Phrase matching, directly through `PhraseMatcher` and end to end through `Linter`, with a rule set
/// built here (never the default rules).
@Suite("PhraseMatcher")
struct PhraseMatcherBehaviourTests {
    private static let rulesYAML = """
        version: 1
        lexicons:
          condition: [depression, anxiety, "chronic back pain", "post-traumatic stress"]
          health: [ketamine, infusion, "nasal spray"]
        rules:
          - id: approval
            kind: claim
            category: regulatory
            severity: error
            message: Approval claim.
            fix: Cite the approval.
            source: https://example.org/approval
            phrases: ["fda approved", "approved by the fda"]
            citation: none
          - id: proven
            kind: claim
            category: efficacy
            severity: error
            message: Proof claim.
            fix: Cite the proof.
            source: https://example.org/proven
            phrases: ["clinically proven"]
            citation: none
          - id: cure
            kind: claim
            category: disease
            severity: error
            message: Cure claim.
            fix: Remove it.
            source: https://example.org/cure
            phrases: ["cure ... {condition}"]
            citation: none
          - id: no-side-effects
            kind: claim
            category: safety
            severity: warning
            message: Safety claim.
            fix: List side effects.
            source: https://example.org/safety
            phrases: ["no side effects"]
            negatable: false
            citation: none
          - id: safe
            kind: claim
            category: safety
            severity: warning
            message: Safe claim.
            fix: Qualify it.
            source: https://example.org/safe
            phrases: ["safe"]
            context: health
            citation: none
          - id: guarantee
            kind: claim
            category: guarantee
            severity: warning
            message: Guarantee.
            fix: Qualify it.
            source: https://example.org/guarantee
            phrases: ["guaranteed results"]
            unless: ["may", "individual results vary"]
            citation: none
          - id: doctors
            kind: claim
            category: authority
            severity: info
            message: Doctor survey.
            fix: Cite the survey.
            source: https://example.org/doctors
            phrases: ["# out of # doctors"]
            citation: none
        """

    private static func ruleSet() throws -> RuleSet {
        try RulesLoader.load(yaml: rulesYAML, file: "phrases.yml")
    }

    private static func linter() throws -> Linter {
        try Linter(ruleSet: ruleSet())
    }

    /// "rule:matched text" for every finding.
    private static func findings(_ markdown: String) throws -> [String] {
        try linter().lint(markdown).map { "\($0.ruleID):\($0.matchedText)" }
    }

    /// Every phrase match in `text`, as "phrase=matched words".
    private static func matches(_ matcher: PhraseMatcher, _ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        Tokenizer.tokenize(bytes, into: &tokens)
        var found: [PhraseMatcher.Match] = []
        var scratch = PhraseMatcher.Scratch()
        matcher.prepare(tokens, text: bytes, &scratch)
        matcher.matches(in: tokens, range: 0..<tokens.count, scratch: &scratch, into: &found)
        return found.map { match in
            let words = String(decoding: bytes[tokens[match.start].start..<tokens[match.end - 1].end], as: UTF8.self)
            return matcher.entries[match.entry].phrase + "=" + words
        }
    }

    @Test(
        "a gap stays within its clause: never across a comma, semicolon, bracket or dash",
        arguments: [
            ("cures their long-standing depression", ["cure ... {condition}=cures their long-standing depression"]),
            ("cured, in time, depression", []),
            ("cures; depression", []),
            ("cures (in time) depression", []),
            ("cures \u{2014} in time \u{2014} depression", []),
            ("cures - in time - depression", []),
            ("cures in time: depression", ["cure ... {condition}=cures in time: depression"]),
        ])
    func gapsStayInClause(text: String, expected: [String]) throws {
        let matcher = try PhraseMatcher(ruleSet: Self.ruleSet())
        #expect(Self.matches(matcher, text).filter { $0.hasPrefix("cure ... {condition}=") } == expected)
    }

    // MARK: PhraseMatcher directly

    @Test(
        "phrases match words, ignoring case, hyphens, punctuation and inflection",
        arguments: [
            ("FDA approved", ["fda approved=FDA approved"]),
            ("FDA-approved", ["fda approved=FDA-approved"]),
            ("fda—approved", ["fda approved=fda—approved"]),
            ("F.D.A. approved", []),
            ("It was Approved By The FDA", ["approved by the fda=Approved By The FDA"]),
            ("CLINICALLY PROVEN", ["clinically proven=CLINICALLY PROVEN"]),
            ("clinically, proven", ["clinically proven=clinically, proven"]),
            ("clinically tested", []),
            ("cures depression", ["cure ... {condition}=cures depression"]),
            ("cured their depression", ["cure ... {condition}=cured their depression"]),
            ("curing anxiety", ["cure ... {condition}=curing anxiety"]),
            ("cures chronic back pain", ["cure ... {condition}=cures chronic back pain"]),
            ("cures chronic back", []),
            ("cures post-traumatic stress", ["cure ... {condition}=cures post-traumatic stress"]),
            ("secures depression", []),
            ("pedicure for anxiety", []),
            ("9 out of 10 doctors", ["# out of # doctors=9 out of 10 doctors"]),
            ("1,000 out of 2.5 doctors", ["# out of # doctors=1,000 out of 2.5 doctors"]),
            ("nine out of ten doctors", []),
        ] as [(String, [String])]
    )
    func directMatches(text: String, expected: [String]) throws {
        let matcher = try PhraseMatcher(ruleSet: Self.ruleSet())
        #expect(Self.matches(matcher, text).filter { !$0.hasPrefix("safe=") && !$0.hasPrefix("may=") } == expected)
    }

    @Test(
        "'...' skips up to four words, not five",
        arguments: [
            ("cures depression", true),
            ("cures a depression", true),
            ("cures a b c d depression", true),
            ("cures a b c d e depression", false),
            ("cures 1 2 3 4 depression", true),
            ("cures 1 2 3 4 5 depression", false),
            ("cures a b c d chronic back pain", true),
        ] as [(String, Bool)]
    )
    func gaps(text: String, matches: Bool) throws {
        let matcher = try PhraseMatcher(ruleSet: Self.ruleSet())
        #expect(Self.matches(matcher, text).contains { $0.hasPrefix("cure ... {condition}=") } == matches)
    }

    @Test("every role of a rule is in the trie: claims, unless hedges")
    func roles() throws {
        let ruleSet = try Self.ruleSet()
        let matcher = try PhraseMatcher(ruleSet: ruleSet)
        let guarantee = try #require(ruleSet.rules.firstIndex { $0.id == "guarantee" })
        let entries = matcher.entries.filter { $0.rule == guarantee }
        #expect(entries.map(\.phrase) == ["guaranteed results", "may", "individual results vary"])
        #expect(entries.map(\.role) == [.claim, .unless, .unless])
        #expect(
            Self.matches(matcher, "Individual results vary, guaranteed results may follow").sorted() == [
                "guaranteed results=guaranteed results", "individual results vary=Individual results vary", "may=may",
            ])
    }

    @Test("a lexicon term, single or multi-word, is found anywhere in a range")
    func lexiconContains() throws {
        let matcher = try PhraseMatcher(ruleSet: Self.ruleSet())
        // Lexicons are numbered in name order: condition = 0, health = 1.
        func contains(_ lexicon: Int, _ text: String) -> Bool {
            let bytes = Array(text.utf8)
            var tokens: [Token] = []
            Tokenizer.tokenize(bytes, into: &tokens)
            var scratch = PhraseMatcher.Scratch()
            matcher.prepare(tokens, text: bytes, &scratch)
            return matcher.contains(lexicon: lexicon, range: 0..<tokens.count, scratch: scratch)
        }
        #expect(contains(0, "helps with chronic back pain today"))
        #expect(!contains(0, "helps with chronic pain today"))
        #expect(contains(1, "our Ketamine clinic"))
        #expect(contains(1, "a nasal spray"))
        #expect(!contains(1, "a nasal decongestant"))
    }

    @Test("matches stay inside the token range they are given")
    func rangeLimits() throws {
        let matcher = try PhraseMatcher(ruleSet: Self.ruleSet())
        let bytes = Array("clinically proven clinically proven".utf8)
        var tokens: [Token] = []
        Tokenizer.tokenize(bytes, into: &tokens)
        var found: [PhraseMatcher.Match] = []
        var scratch = PhraseMatcher.Scratch()
        matcher.prepare(tokens, text: bytes, &scratch)
        matcher.matches(in: tokens, range: 1..<3, scratch: &scratch, into: &found)
        #expect(found.isEmpty)
        matcher.matches(in: tokens, range: 2..<4, scratch: &scratch, into: &found)
        #expect(found.map(\.start) == [2])
        #expect(found.map(\.end) == [4])
    }

    @Test("'#' glued to a symbol in a phrase, as in the documented '#% of patients'")
    func numberPercentPhrase() throws {
        let yaml = """
            version: 1
            rules:
              - id: percent
                kind: claim
                category: statistic
                severity: info
                message: m
                fix: f
                source: https://example.org
                phrases: ["#% of patients", "# % of adults"]
                citation: none
            """
        let linter = try Linter(ruleSet: RulesLoader.load(yaml: yaml, file: "percent.yml"))
        // Written with a space, '#' and '%' are two steps and match.
        #expect(linter.lint("70% of adults improved.").map(\.matchedText) == ["70% of adults"])
        #expect(linter.lint("70% of patients improved.").map(\.matchedText) == ["70% of patients"])
    }

    // MARK: Through the linter

    @Test(
        "claims are found across markup, soft breaks and inflections",
        arguments: [
            ("Our infusions are FDA-approved.", ["approval:FDA-approved"]),
            ("Our infusions are **FDA**-approved.", ["approval:FDA-approved"]),
            ("Our infusions are *FDA approved*.", ["approval:FDA approved"]),
            ("Our infusions are FDA\napproved.", ["approval:FDA approved"]),
            ("Our infusions are FDA\r\napproved.", ["approval:FDA approved"]),
            ("It is **clinically**\n_proven_.", ["proven:clinically proven"]),
            ("CLINICALLY PROVEN.", ["proven:CLINICALLY PROVEN"]),
            ("It cures depression.", ["cure:cures depression"]),
            ("It cured your chronic back pain.", ["cure:cured your chronic back pain"]),
            ("It is curing my anxiety.", ["cure:curing my anxiety"]),
            ("It cures a b c d depression.", ["cure:cures a b c d depression"]),
            ("It cures a b c d e depression.", []),
            ("It cures. Depression is hard.", []),
            ("9 out of 10 doctors agree.", ["doctors:9 out of 10 doctors"]),
        ] as [(String, [String])]
    )
    func linterMatches(markdown: String, expected: [String]) throws {
        #expect(try Self.findings(markdown) == expected)
    }

    @Test(
        "negation earlier in the same clause, within six words, clears a match",
        arguments: [
            ("Ketamine is not FDA-approved.", []),
            ("Ketamine isn't FDA approved.", []),
            ("Ketamine isn’t FDA approved.", []),
            ("Ketamine has not been approved by the FDA.", []),
            ("Ketamine was never approved by the FDA.", []),
            ("It is neither FDA approved nor cheap.", []),
            ("Ketamine has never yet really been approved by the FDA.", []),
            ("No treatment we know of is FDA approved.", []),
            // Seven words away: too far.
            ("It never did, in my long experience, get FDA approved.", ["approval:FDA approved"]),
            ("Never once in all of our many years has it been FDA approved.", ["approval:FDA approved"]),
            // A comma ends the clause the negation governs.
            ("No waiting room, FDA approved.", ["approval:FDA approved"]),
            // A negation in the sentence before does not reach.
            ("It is not cheap. It is FDA approved.", ["approval:FDA approved"]),
            // After the match does not count.
            ("FDA approved, not cheap.", ["approval:FDA approved"]),
            ("It does not cure depression.", []),
        ] as [(String, [String])]
    )
    func negation(markdown: String, expected: [String]) throws {
        #expect(try Self.findings(markdown) == expected)
    }

    @Test(
        "negatable: false keeps phrases that carry their own negation",
        arguments: [
            ("Absolutely no side effects.", ["no-side-effects:no side effects"]),
            ("There are no side effects at all.", ["no-side-effects:no side effects"]),
            ("It is not true that there are no side effects.", ["no-side-effects:no side effects"]),
            ("Few side effects.", []),
        ] as [(String, [String])]
    )
    func notNegatable(markdown: String, expected: [String]) throws {
        #expect(try Self.findings(markdown) == expected)
    }

    @Test(
        "context: a match counts only with a lexicon term in the same sentence",
        arguments: [
            ("This is safe.", []),
            ("Ketamine is safe.", ["safe:safe"]),
            ("Our nasal spray is safe.", ["safe:safe"]),
            ("Ketamine helps. It is safe.", []),
            ("It is safe. Ketamine helps.", []),
            ("It is safe, and ketamine helps.", ["safe:safe"]),
            ("Ketamine is not safe for everyone.", []),
        ] as [(String, [String])]
    )
    func context(markdown: String, expected: [String]) throws {
        #expect(try Self.findings(markdown) == expected)
    }

    @Test(
        "unless: a hedge in the same sentence clears the match",
        arguments: [
            ("Guaranteed results.", ["guarantee:Guaranteed results"]),
            ("You may see guaranteed results.", []),
            ("Guaranteed results, individual results vary.", []),
            ("Guaranteed results. Results may vary.", ["guarantee:Guaranteed results"]),
            ("Individual results vary. Guaranteed results.", ["guarantee:Guaranteed results"]),
        ] as [(String, [String])]
    )
    func unless(markdown: String, expected: [String]) throws {
        #expect(try Self.findings(markdown) == expected)
    }

    @Test(
        "claims in code, HTML, comments, URLs and front matter are never reported",
        arguments: [
            "Use `FDA approved` in code.",
            "```\nFDA approved\n```",
            "~~~\nclinically proven\n~~~",
            "    FDA approved indented code",
            "<!-- FDA approved -->",
            "Text <!-- clinically proven --> here.",
            "<div>\nFDA approved\n</div>",
            "<div>FDA approved</div>",
            "[link](/fda-approved)",
            "[link](https://example.com/clinically-proven)",
            "[link](/about \"FDA approved\")",
            "![photo](/img/fda-approved.png)",
            "[link][ref]\n\n[ref]: /fda-approved \"FDA approved\"",
            "---\ntitle: FDA approved\n---\nBody text.",
        ]
    )
    func neverReported(markdown: String) throws {
        #expect(try Self.findings(markdown) == [])
    }

    @Test("a claim inside an autolink's URL is not reported")
    func autolinkNotReported() throws {
        let findings = try Self.findings("See <https://example.com/fda-approved> now.")
        #expect(findings == [])
    }

    @Test(
        "finding ranges land exactly on the matched words (1-based, scalar columns, end exclusive)",
        arguments: [
            // (markdown, finding, start line, start column, end line, end column)
            ("Our infusions are FDA-approved.", "approval:FDA-approved", 1, 19, 1, 31),
            ("Our infusions are **FDA**-approved.", "approval:FDA-approved", 1, 21, 1, 35),
            ("Café ’é’ 🌿 ⅔ FDA approved stuff.", "approval:FDA approved", 1, 14, 1, 26),
            ("# é FDA approved", "approval:FDA approved", 1, 5, 1, 17),
            ("## é FDA approved ##", "approval:FDA approved", 1, 6, 1, 18),
            ("Setext é FDA approved\n===", "approval:FDA approved", 1, 10, 1, 22),
            ("- é FDA approved", "approval:FDA approved", 1, 5, 1, 17),
            ("1. first\n2. é cures depression", "cure:cures depression", 2, 6, 2, 22),
            ("> é FDA approved", "approval:FDA approved", 1, 5, 1, 17),
            ("> > 🌿 clinically proven", "proven:clinically proven", 1, 7, 1, 24),
            ("See [é FDA approved](/about) now.", "approval:FDA approved", 1, 8, 1, 20),
            ("See [é FDA approved](https://example.org/x) now.", "approval:FDA approved", 1, 8, 1, 20),
            ("![é FDA approved](x.png)", "approval:FDA approved", 1, 5, 1, 17),
            ("| a é | FDA approved |\n|---|---|\n| b | c |", "approval:FDA approved", 1, 9, 1, 21),
            ("| a | b |\n|---|---|\n| é 🌿 | clinically proven |", "proven:clinically proven", 3, 9, 3, 26),
            ("It cures your chronic back pain.", "cure:cures your chronic back pain", 1, 4, 1, 32),
            ("Use `x` then é FDA approved", "approval:FDA approved", 1, 16, 1, 28),
            ("---\ntitle: x\n---\nBody é FDA approved.", "approval:FDA approved", 4, 8, 4, 20),
        ] as [(String, String, Int, Int, Int, Int)]
    )
    func findingRanges(
        markdown: String, finding: String, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int
    ) throws {
        let findings = try Self.linter().lint(markdown)
        try #require(findings.count == 1)
        let found = findings[0]
        #expect("\(found.ruleID):\(found.matchedText)" == finding)
        #expect(found.range.start == SourcePosition(line: startLine, column: startColumn))
        #expect(found.range.end == SourcePosition(line: endLine, column: endColumn))
        // The byte range holds the words as written (markup between them aside).
        let source = SourceText(markdown)
        let written = source.text(fromOffset: found.byteRange.lowerBound, to: found.byteRange.upperBound)
        let words = found.matchedText.split { $0 == " " || $0 == "-" }
        #expect(written.hasPrefix(String(words.first ?? "")))
        #expect(written.hasSuffix(String(words.last ?? "")))
    }

    @Test(
        "a match across a soft line break starts on one line and ends on the next",
        arguments: [
            ("Café 🌿 is FDA\napproved now.", "FDA\napproved", 1, 11, 2, 9),
            ("> It is FDA\n> approved.", "FDA\n> approved", 1, 9, 2, 11),
            ("- It is FDA\n  approved.", "FDA\n  approved", 1, 9, 2, 11),
            ("Line one é\r\nIt is FDA\r\napproved.", "FDA\r\napproved", 2, 7, 3, 9),
            ("It is clinically\nproven by é.", "clinically\nproven", 1, 7, 2, 7),
        ] as [(String, String, Int, Int, Int, Int)]
    )
    func softBreakRanges(
        markdown: String, written: String, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int
    ) throws {
        let findings = try Self.linter().lint(markdown)
        try #require(findings.count == 1)
        #expect(findings[0].range.start == SourcePosition(line: startLine, column: startColumn))
        #expect(findings[0].range.end == SourcePosition(line: endLine, column: endColumn))
        #expect(findings[0].range.start.line != findings[0].range.end.line)
        #expect(
            SourceText(markdown).text(
                fromOffset: findings[0].byteRange.lowerBound, to: findings[0].byteRange.upperBound) == written)
    }

    @Test("the byte range after a BOM still covers the words; the column does not count the BOM")
    func rangeAfterBOM() throws {
        let markdown = "\u{FEFF}It is FDA approved."
        let findings = try Self.linter().lint(markdown)
        try #require(findings.count == 1)
        #expect(
            SourceText(markdown).text(
                fromOffset: findings[0].byteRange.lowerBound, to: findings[0].byteRange.upperBound) == "FDA approved")
        #expect(findings[0].range.start == SourcePosition(line: 1, column: 7))
        #expect(findings[0].range.end == SourcePosition(line: 1, column: 19))
    }

    @Test(
        "a finding after an entity or escape on the same line lands on the matched words",
        arguments: [
            "Tom &amp; Jerry are FDA approved.",
            "Tom \\& Jerry are FDA approved.",
            "It&rsquo;s FDA approved.",
        ]
    )
    func rangeAfterEntity(markdown: String) throws {
        let findings = try Self.linter().lint(markdown)
        try #require(findings.count == 1)
        let written = SourceText(markdown).text(
            fromOffset: findings[0].byteRange.lowerBound, to: findings[0].byteRange.upperBound)
        #expect(written == "FDA approved")
    }

    @Test("several matches of one rule in a sentence make one finding covering them all")
    func oneFindingPerRulePerSentence() throws {
        let findings = try Self.linter().lint("FDA approved and approved by the FDA. FDA approved again.")
        #expect(findings.map(\.matchedText) == ["FDA approved and approved by the FDA", "FDA approved"])
        #expect(findings.map(\.range.start.column) == [1, 39])
    }

    @Test("findings carry the rule's fields and the sentence they sit in")
    func findingFields() throws {
        let findings = try Self.linter().lint("Intro. Our ketamine is clinically proven! Book now.")
        try #require(findings.count == 1)
        let finding = findings[0]
        #expect(finding.ruleID == "proven")
        #expect(finding.kind == .claim)
        #expect(finding.category == "efficacy")
        #expect(finding.severity == .error)
        #expect(finding.message == "Proof claim.")
        #expect(finding.fix == "Cite the proof.")
        #expect(finding.sentence == "Our ketamine is clinically proven!")
        #expect(finding.excerpt.text == "Intro. Our ketamine is clinically proven! Book now.")
        #expect(finding.excerpt.firstColumn == 1)
    }

    @Test("phrase errors are reported when the rule set is built")
    func phraseCompileErrors() throws {
        func load(_ phrase: String) throws {
            let yaml = """
                version: 1
                lexicons:
                  condition: [depression]
                rules:
                  - id: bad-phrase
                    kind: claim
                    category: c
                    severity: error
                    message: m
                    fix: f
                    source: https://example.org
                    phrases: ["\(phrase)"]
                """
            _ = try RulesLoader.load(yaml: yaml, file: "bad.yml")
        }
        for phrase in ["... cure", "cure ...", "cure ... ... {condition}", "cure {nope}", "!!!", "cure …"] {
            #expect(throws: RulesError.self, "phrase '\(phrase)' should be rejected") { try load(phrase) }
        }
        // Fine: a gap between words, the Unicode ellipsis as a gap, a lexicon and a number.
        for phrase in ["cure ... {condition}", "cure … {condition}", "# out of #", "{condition}"] {
            #expect(throws: Never.self, "phrase '\(phrase)' should load") { try load(phrase) }
        }
    }
}
