import Testing

@_spi(Stages) @testable import ClaimLint

/// Citations: what clears a claim or a statistic, in what scope, and which markers resolve.
@Suite("Citations")
struct CitationScopeTests {
    private static let rulesYAML = """
        version: 1
        sources:
          untrusted: [our-clinic.example]
        rules:
          - id: proven
            kind: claim
            category: efficacy
            severity: error
            message: Proof claim.
            fix: Cite it.
            source: https://example.org/proven
            phrases: ["clinically proven"]
            citation: paragraph
          - id: wonders
            kind: claim
            category: efficacy
            severity: warning
            message: Wonder claim.
            fix: Cite it in the sentence.
            source: https://example.org/wonders
            phrases: ["works wonders"]
            citation: sentence
          - id: miracle
            kind: claim
            category: disease
            severity: error
            message: Never allowed.
            fix: Remove it.
            source: https://example.org/miracle
            phrases: ["miracle cure"]
            citation: none
          - id: statistic
            kind: statistic
            category: statistic
            severity: warning
            message: Uncited statistic.
            fix: Cite it.
            source: https://example.org/statistic
          - id: unresolved
            kind: citation
            category: citation
            severity: warning
            message: Marker without a reference.
            fix: Add the reference.
            source: https://example.org/citation
        """

    private static func linter() throws -> Linter {
        try Linter(ruleSet: RulesLoader.load(yaml: rulesYAML, file: "citations.yml"))
    }

    /// "rule:matched text" for every finding.
    private static func findings(_ markdown: String) throws -> [String] {
        try linter().lint(markdown).map { "\($0.ruleID):\($0.matchedText)" }
    }

    private static let references3 =
        "\n\n## References\n\n1. Smith J. A trial. 2019.\n2. Lee K. Another. 2020.\n3. Okafor N. Third. 2021."

    @Test(
        "a citation in the paragraph clears the claim",
        arguments: [
            "It is [clinically proven](https://pubmed.ncbi.nlm.nih.gov/12345/).",
            "It is clinically proven ([study](https://doi.org/10.1001/x)).",
            "It is clinically proven ([study](http://example.org/study)).",
            "It is clinically proven ([study](https://www.nimh.nih.gov/health)).",
            "It is clinically proven.[^1]\n\n[^1]: https://pubmed.ncbi.nlm.nih.gov/123",
            "It is clinically proven.[^1]\n\n[^1]: Smith J. Journal of Trials. 2019.",
            "It is clinically proven.[^note]\n\n[^note]: Smith J. Journal of Trials. 2019.",
            "It is clinically proven.[3]" + references3,
            "It is clinically proven [3]." + references3,
            "It is clinically proven.[2, 3]" + references3,
            "It is clinically proven.[1-3]" + references3,
            "It is clinically proven.¹" + references3,
            "It is clinically proven.<sup>2</sup>" + references3,
            "It is clinically proven and prevents overdoses.1" + references3,
            "It is clinically proven.(3)" + references3,
            "It is clinically proven (Okafor et al., 2019).",
            "It is clinically proven (Okafor, 2019).",
            "It is clinically proven (Okafor & Lee, 2019; Smith, 2020).",
            "Smith et al., 2019, found it is clinically proven.",
            "It is clinically proven (doi 10.1001/jamanetworkopen.2023.42210).",
            "It is clinically proven, see 10.1001/jamanetworkopen.2023.42210.",
            "It is clinically proven (PMID: 12345678).",
            "It is clinically proven (PMCID PMC1234567).",
            "It is clinically proven, see https://pubmed.ncbi.nlm.nih.gov/12345678/ for details.",
        ]
    )
    func cleared(markdown: String) throws {
        let found = try Self.findings(markdown)
        #expect(!found.contains { $0.hasPrefix("proven:") })
        // The markers above all resolve, so nothing else is reported either.
        #expect(found == [])
    }

    @Test(
        "what does not clear the claim",
        arguments: [
            "It is clinically proven.",
            "It is [clinically proven](/about).",
            "It is [clinically proven](about.html).",
            "It is [clinically proven](#evidence).",
            "It is [clinically proven](mailto:info@example.org).",
            "It is [clinically proven](https://our-clinic.example/study).",
            "It is [clinically proven](https://www.our-clinic.example/study).",
            "It is [clinically proven](https://blog.our-clinic.example/study).",
            "It is [clinically proven](HTTPS://OUR-CLINIC.EXAMPLE/study).",
            "It is clinically proven according to NIDA.",
            "It is clinically proven and was approved in June 2021.",
            "It is clinically proven since 2019.",
            "It is clinically proven (see below).",
            "It is clinically proven ![chart](https://pubmed.ncbi.nlm.nih.gov/chart.png).",
        ]
    )
    func notCleared(markdown: String) throws {
        let found = try Self.findings(markdown)
        #expect(found == ["proven:clinically proven"])
    }

    @Test(
        "a narrative author-year citation clears the claim and is not a marker",
        arguments: [
            "Smith et al. (2019) found it is clinically proven.",
            "It is clinically proven, as shown by Smith et al. (2019).",
        ]
    )
    func narrativeAuthorYear(markdown: String) throws {
        let found = try Self.findings(markdown)
        #expect(!found.contains { $0.hasPrefix("proven:") })
        #expect(found == [])
    }

    @Test("a date in parentheses is not an author-year citation")
    func parenthesizedDate() throws {
        let found = try Self.findings("It is clinically proven (June 2021).")
        #expect(found == ["proven:clinically proven"])
    }

    @Test("a host that only ends like an untrusted one is still trusted")
    func untrustedHostSuffix() throws {
        #expect(try Self.findings("It is [clinically proven](https://notour-clinic.example/study).") == [])
    }

    // MARK: Scope

    @Test("a citation in another paragraph does not count")
    func otherParagraph() throws {
        #expect(
            try Self.findings("It is clinically proven.\n\nSee [the study](https://pubmed.ncbi.nlm.nih.gov/1).") == [
                "proven:clinically proven"
            ])
        #expect(
            try Self.findings("See [the study](https://pubmed.ncbi.nlm.nih.gov/1).\n\nIt is clinically proven.") == [
                "proven:clinically proven"
            ])
        #expect(
            try Self.findings("> See [the study](https://pubmed.ncbi.nlm.nih.gov/1).\n\nIt is clinically proven.") == [
                "proven:clinically proven"
            ])
    }

    @Test("a citation in the same list item counts, in another item it does not")
    func listItemScope() throws {
        #expect(
            try Self.findings(
                "- It is clinically proven.\n\n  See [study](https://pubmed.ncbi.nlm.nih.gov/1).\n- Other item.") == [])
        #expect(
            try Self.findings("- It is clinically proven.\n- See [study](https://pubmed.ncbi.nlm.nih.gov/1).") == [
                "proven:clinically proven"
            ])
        #expect(
            try Self.findings("- It is clinically proven.\n\n  > Quoted [study](https://pubmed.ncbi.nlm.nih.gov/1).")
                == [])
    }

    @Test("a citation in the same table row counts, in another row it does not")
    func tableRowScope() throws {
        let table =
            "| Claim | Source |\n|---|---|\n| clinically proven | [study](https://pubmed.ncbi.nlm.nih.gov/1) |\n| clinically proven | none |"
        let findings = try Self.linter().lint(table)
        #expect(findings.map { "\($0.ruleID):\($0.matchedText)" } == ["proven:clinically proven"])
        #expect(findings.first?.range.start.line == 4)
    }

    @Test(
        "citation: sentence needs the citation in the same sentence",
        arguments: [
            ("It works wonders, see [study](https://pubmed.ncbi.nlm.nih.gov/1).", []),
            ("It works wonders (Okafor et al., 2019). Book now.", []),
            ("It works wonders.[3]" + references3, []),
            ("It works wonders. See [study](https://pubmed.ncbi.nlm.nih.gov/1).", ["wonders:works wonders"]),
            ("See [study](https://pubmed.ncbi.nlm.nih.gov/1). It works wonders.", ["wonders:works wonders"]),
            ("- It works wonders.\n\n  See [study](https://pubmed.ncbi.nlm.nih.gov/1).", ["wonders:works wonders"]),
        ] as [(String, [String])]
    )
    func sentenceScope(markdown: String, expected: [String]) throws {
        #expect(try Self.findings(markdown) == expected)
    }

    @Test(
        "citation: none is never cleared",
        arguments: [
            "A miracle cure.",
            "A miracle cure, see [study](https://pubmed.ncbi.nlm.nih.gov/1).",
            "A miracle cure (Okafor et al., 2019).",
            "A miracle cure.[3]" + references3,
        ]
    )
    func noneScope(markdown: String) throws {
        #expect(try Self.findings(markdown) == ["miracle:miracle cure"])
    }

    @Test(
        "statistics are cleared like claims",
        arguments: [
            ("70% of patients improve.", ["statistic:70%"]),
            ("70% of patients improve ([study](https://pubmed.ncbi.nlm.nih.gov/1)).", []),
            ("70% of patients improve.[^2]\n\n[^2]: https://pubmed.ncbi.nlm.nih.gov/1", []),
            ("70% of patients improve.[2]" + references3, []),
            ("70% of patients improve. Book now. See Smith et al., 2019.", []),
            ("70% of patients improve.\n\nSee Smith et al., 2019.", ["statistic:70%"]),
        ] as [(String, [String])]
    )
    func statistics(markdown: String, expected: [String]) throws {
        #expect(try Self.findings(markdown) == expected)
    }

    // MARK: Unresolved markers

    @Test(
        "a marker with no reference entry is a finding of the citation rule, on the marker",
        arguments: [
            // (markdown, marker as seen in prose, start column, end column) — all on line 1.
            ("It is clinically proven.[4]", "[4]", 25, 28),
            ("It is clinically proven.[4]" + references3, "[4]", 25, 28),
            ("It is clinically proven é.[9]", "[9]", 27, 30),
            ("It is clinically proven.[^missing]", "[^missing]", 25, 35),
            ("It is clinically proven.¹", "¹", 25, 26),
            ("It prevents overdoses.7 It is clinically proven.", "7", 23, 24),
        ] as [(String, String, Int, Int)]
    )
    func unresolvedMarkers(markdown: String, marker: String, startColumn: Int, endColumn: Int) throws {
        let findings = try Self.linter().lint(markdown)
        // The marker still counts as an attempt to cite, so the claim itself is cleared.
        #expect(!findings.contains { $0.ruleID == "proven" })
        let unresolved = findings.filter { $0.ruleID == "unresolved" }
        try #require(unresolved.count == 1)
        #expect(unresolved[0].kind == .citation)
        #expect(unresolved[0].matchedText == marker)
        #expect(unresolved[0].range.start == SourcePosition(line: 1, column: startColumn))
        #expect(unresolved[0].range.end == SourcePosition(line: 1, column: endColumn))
        let source = SourceText(markdown)
        #expect(
            source.text(fromOffset: unresolved[0].byteRange.lowerBound, to: unresolved[0].byteRange.upperBound)
                == marker)
    }

    @Test("an unresolved <sup>4</sup> marker's range lands on the 4")
    func unresolvedSuperscriptTag() throws {
        let findings = try Self.linter().lint("Clinically proven.<sup>4</sup>")
        let unresolved = findings.filter { $0.ruleID == "unresolved" }
        try #require(unresolved.count == 1)
        #expect(unresolved[0].matchedText == "[4]")
        #expect(unresolved[0].range.start == SourcePosition(line: 1, column: 24))
        #expect(unresolved[0].range.end == SourcePosition(line: 1, column: 25))
    }

    @Test("a partly resolved marker list is unresolved; a resolved footnote link is not")
    func markerLists() throws {
        #expect(try Self.findings("It is clinically proven.[3, 4]" + Self.references3) == ["unresolved:[3, 4]"])
        #expect(try Self.findings("It is clinically proven.[2-3]" + Self.references3) == [])
        #expect(try Self.findings("It is clinically proven.[^a]\n\n[^a]: https://pubmed.ncbi.nlm.nih.gov/1") == [])
        #expect(try Self.findings("It is clinically proven.[3]\n\n[3]: https://pubmed.ncbi.nlm.nih.gov/1") == [])
    }

    @Test(
        "reference lists and footnote definitions are not checked for claims or statistics",
        arguments: [
            "Text.\n\n## References\n\n1. Clinically proven: 70% of patients improve. 2019.",
            "Text.\n\n## Sources\n\n- A miracle cure for 1 in 5 adults.",
            "Text.\n\n# Bibliography\n\n### Trials\n\n1. Clinically proven in 40 million people.",
            "Text.\n\nReferences:\n\n1. Clinically proven, 9 out of 10 doctors.",
            "Text.\n\n[^1]: Clinically proven in 70% of patients.",
        ]
    )
    func referenceBlocks(markdown: String) throws {
        #expect(try Self.findings(markdown) == [])
    }

    @Test("the reference section ends at the next heading of the same level")
    func referenceSectionEnds() throws {
        let markdown = "Text.\n\n## References\n\n1. Smith 2019.\n\n## Pricing\n\nIt is clinically proven."
        #expect(try Self.findings(markdown) == ["proven:clinically proven"])
    }

    @Test(
        "reference headings match word by word after stemming, with case, spaces, emoji and trailing colons ignored",
        arguments: [
            ("References", true), ("  SOURCES:", true), ("Works cited.", true), ("Scientific References", true),
            ("References\u{A0}", true), ("\u{A0}Bibliography", true), ("Referencess", false),
            ("Our sources of pride", false),
            ("📚 References", true), ("Réferences", false), ("", false), ("3 References", false),
        ] as [(String, Bool)]
    )
    func referenceHeadings(text: String, expected: Bool) {
        let headings = ReferenceHeadings(GrammarLexicons.terms("reference-heading", in: RuleSet()))
        #expect(headings.matches(ArraySlice(Array(text.utf8))) == expected)
        #expect(headings.matches(text) == expected)
    }

    @Test("reference headings are data: a rules file's reference-heading lexicon names them")
    func referenceHeadingsFromRules() throws {
        let markdown = "It is clinically proven [1].\n\n## Evidence base\n\n1. Smith J. A trial. 2019.\n"
        #expect(try Self.findings(markdown).contains { $0.hasPrefix("unresolved") })
        let yaml = Self.rulesYAML + "\nlexicons:\n  reference-heading: [evidence base]\n"
        let linter = try Linter(ruleSet: RulesLoader.load(yaml: yaml, file: "house.yml"))
        #expect(linter.lint(markdown, path: "p.md").map(\.ruleID) == [])
    }

    @Test("CitationIndex collects reference labels and footnote labels")
    func citationIndexLabels() {
        let document = MarkdownParser.parse(
            SourceText("Body.\n\n## References\n\n1. One.\n2. Two.\n\n[^x]: Text note."))
        let index = CitationIndex(
            document: document, untrustedHosts: [],
            referenceHeadings: ReferenceHeadings(GrammarLexicons.terms("reference-heading", in: RuleSet())))
        #expect(index.labels == ["1", "2", "^x"])
        // The heading opens the section; the entries and the footnote definition are reference blocks.
        #expect(index.isReferenceBlock.indices.filter { index.isReferenceBlock[$0] } == [2, 3, 4])
        #expect(index.resolves(["1", "2"]))
        #expect(index.resolves(["x"]))
        #expect(!index.resolves(["3"]))
        #expect(!index.resolves([]))
    }

    @Test(
        "marker labels",
        arguments: [
            ("[3]", ["3"]),
            ("[2, 5]", ["2", "5"]),
            ("[1-3]", ["1", "2", "3"]),
            ("[^note]", ["^note"]),
            ("¹²", ["12"]),
            ("⁴⁰", ["40"]),
            ("[1, 3-4]", ["1", "3", "4"]),
            ("(4)", ["4"]),
            ("7", ["7"]),
        ] as [(String, [String])]
    )
    func markerLabels(marker: String, labels: [String]) {
        #expect(CitationIndex.markerLabels(ArraySlice(Array(marker.utf8))) == labels)
    }

    @Test(
        "citation URLs",
        arguments: [
            ("https://pubmed.ncbi.nlm.nih.gov/1", true),
            ("http://example.org", true),
            ("doi:10.1001/x", true),
            ("HTTPS://WWW.NIH.GOV", true),
            ("/about", false),
            ("about.html", false),
            ("#refs", false),
            ("mailto:a@b.org", false),
            ("ftp://example.org/file", false),
            ("https://our-clinic.example/x", false),
            ("https://www.our-clinic.example/x", false),
            ("https://sub.our-clinic.example/x", false),
            ("https://our-clinic.example:8080/x", false),
            ("https://our-clinic.example.evil.org/x", true),
            // The byte path for ASCII addresses and the String path for the others agree.
            ("HTTPS://WWW.OUR-CLINIC.EXAMPLE/X", false),
            ("https://notour-clinic.example/x", true),
            ("https://www.", true),
            ("https://our-clinic.example/café", false),
            ("https://klinik-ü.example/x", true),
            ("https://sub.our-clinic.example\r\n", true),
        ] as [(String, Bool)]
    )
    func citationURLs(url: String, isCitation: Bool) {
        let index = CitationIndex(
            document: MarkdownParser.parse(SourceText("x")), untrustedHosts: ["our-clinic.example"],
            referenceHeadings: ReferenceHeadings([]))
        #expect(index.isCitationURL(url) == isCitation)
    }
}
