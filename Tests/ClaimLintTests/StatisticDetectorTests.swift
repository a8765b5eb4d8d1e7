import Testing

@testable import ClaimLint

/// `StatisticDetector`, end to end through a `Linter` whose rule set holds only a statistic rule.
@Suite("StatisticDetector")
struct StatisticDetectorTableTests {
    private static let rulesYAML = """
        version: 1
        rules:
          - id: uncited-statistic
            kind: statistic
            category: statistic
            severity: warning
            message: A statistic without a citation.
            fix: Cite it.
            source: https://example.org/statistics
        """

    private static func linter() throws -> Linter {
        try Linter(ruleSet: RulesLoader.load(yaml: rulesYAML, file: "statistics.yml"))
    }

    private static func statistics(_ markdown: String) throws -> [String] {
        try linter().lint(markdown).map(\.matchedText)
    }

    @Test(
        "statistics: the finding covers the number and what makes it a statistic",
        arguments: [
            // (markdown, exact matched text)
            ("40 million people have it.", "40 million people"),
            ("More than 40 million Americans have it.", "40 million Americans"),
            ("Over 16 million adults suffer.", "16 million adults"),
            ("70% of patients improve.", "70%"),
            ("About 45 percent improve.", "45 percent"),
            ("About 45 per cent improve.", "45 per cent"),
            ("1 in 5 adults has it.", "1 in 5"),
            ("One in five adults has it.", "One in five"),
            ("9 out of 10 doctors agree.", "9 out of 10"),
            ("Nine out of ten doctors agree.", "Nine out of ten"),
            ("It works 3x faster.", "3x faster"),
            ("Millions of Americans have it.", "Millions of Americans"),
            ("Lose 20 pounds in a month.", "20 pounds"),
            ("We treated 300 patients.", "300 patients"),
            ("Up to 1,200 patients a year.", "1,200 patients"),
            ("⅔ of people respond.", "⅔ of people"),
            // Quantities of effect, trial sizes used as proof and rates.
            ("It improves memory scores by 20 points.", "by 20 points"),
            ("It cuts recovery by 2 weeks.", "by 2 weeks"),
            ("You get 5 times the results of diet alone.", "5 times the"),
            ("Thousands of sessions prove it.", "Thousands of sessions"),
            ("About twenty percent of fat cells die.", "twenty percent"),
            ("Expect to lose 1 pound per day.", "1 pound per day"),
            ("A lasting effect is reached after 20-40 sessions.", "20-40 sessions"),
            ("Levels rise and improve in 30 days.", "30 days"),
            // After a comparison sign, a share of people is still a statistic.
            ("We see > 90% of patients improve.", "90%"),
        ] as [(String, String)]
    )
    func statistics(markdown: String, expected: String) throws {
        #expect(try Self.statistics(markdown) == [expected])
    }

    @Test(
        "statistics whose span may reach a little further: the match starts with the core and stays inside the phrase",
        arguments: [
            // (markdown, core the match must start with, the longest acceptable match)
            ("You are 3 times more likely to recover.", "3 times more", "3 times more likely"),
            ("Half of all people have it.", "Half of", "Half of all people"),
            ("2/3 of patients improve.", "2/3 of", "2/3 of patients"),
            ("It is twice as likely.", "twice as", "twice as likely"),
        ] as [(String, String, String)]
    )
    func statisticSpans(markdown: String, core: String, longest: String) throws {
        let found = try Self.statistics(markdown)
        try #require(found.count == 1)
        #expect(found[0].hasPrefix(core))
        #expect(longest.hasPrefix(found[0]))
    }

    @Test(
        "numbers that are not statistics",
        arguments: [
            "Call 555-0100 today.",
            "Visit us at Suite 200.",
            "Sessions cost $350.",
            "Sessions cost €350 each.",
            "Serving the valley since 2014.",
            "Get 20% off your first visit.",
            "0% APR financing is available.",
            "For ages 18 and up.",
            "A 50 mg dose.",
            "A 50mg dose.",
            "Plan on 6 sessions.",
            "Open 9 to 5.",
            "Founded in 2019.",
            "Room 12, floor 3.",
            "Take exit 42 from Route 9.",
            "Version 2.0 of our app.",
            // Ages and schedules are never statistics, whatever the sentence is about.
            "Teen nights are for ages 13 to 17 with a parent.",
            "Doses rise slowly, usually every four weeks, as results allow.",
            "Check-ins every four weeks review your results.",
            "Results are reviewed twice a week.",
            "Plan on 6 sessions; most patients feel relief.",
            // Lab thresholds: a cut-off after a comparison sign, and a range after "level".
            "An HbA1c under the cut-off of < 6.5% is the aim of treatment.",
            "A result ≥ 6.5% on two tests marks diabetes.",
            "An A1c level 5.7–6.4% means prediabetes.",
        ]
    )
    func notStatistics(markdown: String) throws {
        #expect(try Self.statistics(markdown) == [])
    }

    @Test("statistics in headings, list items, block quotes and table cells are found; code is not prose")
    func statisticsInBlocks() throws {
        #expect(try Self.statistics("# 70% of patients improve") == ["70%"])
        #expect(try Self.statistics("- 1 in 5 adults") == ["1 in 5"])
        #expect(try Self.statistics("> 9 out of 10 doctors") == ["9 out of 10"])
        #expect(try Self.statistics("| Result | Share |\n|---|---|\n| remission | 45 percent |") == ["45 percent"])
        #expect(try Self.statistics("Use `70% of patients` in code.") == [])
        #expect(try Self.statistics("```\n70% of patients\n```") == [])
    }

    @Test("several statistics in one sentence each get a finding, left to right")
    func severalStatistics() throws {
        let findings = try Self.linter().lint("Over 40 million people have it, and 70% of them improve.")
        #expect(findings.map(\.matchedText) == ["40 million people", "70%"])
        #expect(findings.map(\.range.start.column) == [6, 37])
        #expect(findings.allSatisfy { $0.ruleID == "uncited-statistic" && $0.kind == .statistic })
    }

    @Test("a statistic's range lands on its words, after multi-byte characters and across a soft break")
    func statisticRanges() throws {
        let findings = try Self.linter().lint("Café 🌿 — about 45\npercent improve.")
        try #require(findings.count == 1)
        #expect(findings[0].matchedText == "45 percent")
        #expect(findings[0].range.start == SourcePosition(line: 1, column: 16))
        #expect(findings[0].range.end == SourcePosition(line: 2, column: 8))
    }

    @Test("a phone number before a count of people is not part of the statistic")
    func phoneNumberBeforeCount() throws {
        let found = try Self.statistics("Call 555-0100 for 300 patients.")
        #expect(found == ["300 patients"])
    }

    @Test("a citation in the paragraph clears a statistic; a statistic rule with citation: none is never cleared")
    func statisticCitation() throws {
        #expect(try Self.statistics("70% of patients improve ([study](https://pubmed.ncbi.nlm.nih.gov/1)).") == [])
        let strict = try Linter(
            ruleSet: RulesLoader.load(yaml: Self.rulesYAML + "\n    citation: none", file: "strict.yml"))
        #expect(
            strict.lint("70% of patients improve ([study](https://pubmed.ncbi.nlm.nih.gov/1)).").map(\.matchedText) == [
                "70%"
            ])
    }
}
