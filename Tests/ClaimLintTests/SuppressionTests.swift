import Foundation
import Testing

@testable import ClaimLint

/// `<!-- claimlint-disable… -->` directives: what each covers, what it leaves alone, and the
/// findings about the directives themselves.
@Suite("Suppression directives")
struct SuppressionTests {
    /// A sentence that gives exactly one `efficacy` finding with the default rules.
    static let claim = "Our TMS therapy is proven to relieve anxiety."

    private func lint(_ page: String, linter: Linter = TestSupport.defaultLinter) -> [Finding] {
        linter.lint(page)
    }

    private func counting(_ findings: [Finding]) -> [String] {
        findings.filter(\.counts).map { "\($0.range.start.line) \($0.ruleID)" }
    }

    @Test("a directive with a reason removes exactly its finding and nothing else")
    func reasonedDirectiveRemovesExactlyItsFinding() {
        let plain = "\(Self.claim)\n\n\(Self.claim)\n"
        let directed =
            "<!-- claimlint-disable-next-line efficacy -- reviewed with Dr. Ortiz, ticket 12 -->\n\(Self.claim)\n\n\(Self.claim)\n"
        #expect(counting(lint(plain)) == ["1 efficacy", "3 efficacy"])
        let found = lint(directed)
        // The second claim moved down one line; the first is suppressed, nothing is added.
        #expect(counting(found) == ["4 efficacy"])
        let suppressed = found.filter { !$0.counts }
        #expect(suppressed.map(\.range.start.line) == [2])
        #expect(suppressed.first?.status == .suppressed(reason: "reviewed with Dr. Ortiz, ticket 12"))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var page: String
        /// "line rule" of every finding that counts.
        var counting: [String]
        /// Lines of the findings that are suppressed.
        var suppressed: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "without a reason: suppressed, and the missing reason is a finding",
            page: "<!-- claimlint-disable-next-line efficacy -->\n\(claim)\n",
            counting: ["1 suppression-without-reason"], suppressed: [2]),
        Case(
            name: "an unused directive is a finding",
            page: "<!-- claimlint-disable-next-line efficacy -- reviewed -->\nBook a consultation.\n\n\(claim)\n",
            counting: ["1 unused-suppression", "4 efficacy"], suppressed: []),
        Case(
            name: "an unknown rule id is named, and suppresses nothing",
            page: "<!-- claimlint-disable-next-line effcacy -- reviewed -->\n\(claim)\n",
            counting: ["1 unknown-rule-in-suppression", "2 efficacy"], suppressed: []),
        Case(
            name: "the next line skips blank lines and stacked directives",
            page:
                "<!-- claimlint-disable-next-line efficacy -- reviewed -->\n\n<!-- claimlint-disable-next-line superlative -- reviewed -->\n\(claim)\n",
            counting: ["3 unused-suppression"], suppressed: [4]),
        Case(
            name: "a directive for another rule leaves the finding alone",
            page: "<!-- claimlint-disable-next-line superlative -- reviewed -->\n\(claim)\n",
            counting: ["1 unused-suppression", "2 efficacy"], suppressed: []),
        Case(
            name: "disable … enable covers the lines between",
            page:
                "\(claim)\n\n<!-- claimlint-disable efficacy -- registry data, see audit -->\n\n\(claim)\n\n\(claim)\n\n<!-- claimlint-enable efficacy -->\n\n\(claim)\n",
            counting: ["1 efficacy", "11 efficacy"], suppressed: [5, 7]),
        Case(
            name: "disable without enable runs to the end of the page",
            page: "\(claim)\n\n<!-- claimlint-disable efficacy -- registry data -->\n\n\(claim)\n",
            counting: ["1 efficacy"], suppressed: [5]),
        Case(
            name: "disable-file covers the whole page, above the directive too",
            page: "\(claim)\n\n<!-- claimlint-disable-file efficacy -- archived page -->\n\n\(claim)\n",
            counting: [], suppressed: [1, 5]),
        Case(
            name: "all with a reason covers every rule",
            page: "<!-- claimlint-disable-next-line all -- quoted press release -->\n\(claim)\n",
            counting: [], suppressed: [2]),
        Case(
            name: "all without a reason suppresses nothing and is an error",
            page: "<!-- claimlint-disable-next-line all -->\n\(claim)\n",
            counting: ["1 suppress-all-without-reason", "2 efficacy"], suppressed: []),
        Case(
            name: "no rule named means all",
            page: "<!-- claimlint-disable-next-line -- quoted press release -->\n\(claim)\n",
            counting: [], suppressed: [2]),
        Case(
            name: "two rules, comma separated, in an inline comment",
            page: "<!-- claimlint-disable-next-line superlative, efficacy -- reviewed -->\n\(claim)\n",
            counting: ["1 unused-suppression"], suppressed: [2]),
        Case(
            name: "one HTML block holding two directives",
            page:
                "<!-- claimlint-disable-next-line efficacy -- reviewed --><!-- claimlint-disable-next-line superlative -- reviewed -->\n\(claim)\n",
            counting: ["1 unused-suppression"], suppressed: [2]),
        Case(
            name: "an ordinary comment is not a directive",
            page: "<!-- TODO: check this claim -->\n\(claim)\n",
            counting: ["2 efficacy"], suppressed: []),
    ]

    @Test("directives", arguments: cases)
    func directive(_ test: Case) {
        let found = lint(test.page)
        #expect(counting(found) == test.counting)
        #expect(found.filter { !$0.counts }.map(\.range.start.line) == test.suppressed)
    }

    @Test("a directive for a rule the configuration turned off is neither unknown nor unused")
    func disabledRuleIsNotUnused() throws {
        let configuration = try ProjectConfiguration.load(
            yaml: "version: 1\ndisable: [efficacy]\n", file: ".claimlint.yml")
        let linter = try Linter(ruleSet: configuration.applied(to: RulesLoader.defaultRules()))
        let found = lint("<!-- claimlint-disable-next-line efficacy -- reviewed -->\n\(Self.claim)\n", linter: linter)
        #expect(!found.contains { $0.kind == .suppression }, "\(found.map(\.ruleID))")
    }

    @Test("the directive rules are configured like any other: turned off, they are not reported")
    func directiveRulesCanBeDisabled() throws {
        let configuration = try ProjectConfiguration.load(
            yaml: "version: 1\ndisable: [suppression-without-reason]\n", file: ".claimlint.yml")
        let linter = try Linter(ruleSet: configuration.applied(to: RulesLoader.defaultRules()))
        let found = lint("<!-- claimlint-disable-next-line efficacy -->\n\(Self.claim)\n", linter: linter)
        #expect(counting(found).isEmpty)
        #expect(found.count == 1)
    }

    @Test("a directive's own finding points at the directive")
    func directiveFindingPosition() throws {
        let found = lint("Intro.\n\n  <!-- claimlint-disable-next-line effcacy -- x -->\nHere.\n")
        let finding = try #require(found.first { $0.ruleID == "unknown-rule-in-suppression" })
        #expect(finding.range.start == SourcePosition(line: 3, column: 3))
        #expect(finding.matchedText == "<!-- claimlint-disable-next-line effcacy -- x -->")
        #expect(finding.message.contains("'effcacy'"))
    }

    @Test(
        "inside a paragraph, CommonMark 0.30 reads a comment holding `--` as text, so an inline directive cannot give a reason"
    )
    func inlineDirective() throws {
        let found = lint("See <!-- claimlint-disable-next-line effcacy, x --> here.\n")
        #expect(
            found.filter { $0.ruleID == "unknown-rule-in-suppression" }.map(\.range.start) == [
                SourcePosition(line: 1, column: 5), SourcePosition(line: 1, column: 5),
            ])
    }

    @Test("JSON carries a suppressed finding with its status and reason; one that counts has no status")
    func jsonStatus() throws {
        let file = TestSupport.defaultLinter.lint(
            bytes: Array(
                "<!-- claimlint-disable-next-line efficacy -- ticket 12 -->\n\(Self.claim)\n\n\(Self.claim)\n".utf8),
            path: "page.md")
        let json = try JSONReporter().render(LintReport(files: [file]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let findings = try #require(((object["files"] as? [[String: Any]])?.first?["findings"]) as? [[String: Any]])
        #expect(findings.count == 2)
        #expect(findings[0]["status"] as? String == "suppressed")
        #expect(findings[0]["reason"] as? String == "ticket 12")
        #expect(findings[1]["status"] == nil)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["findings"] as? Int == 1)
        #expect(summary["suppressed"] as? Int == 1)
        // merge reads the status back.
        let read = try JSONReportReader.read(Data(json.utf8), path: "report.json")
        #expect(read.files[0].findings.map(\.status) == file.findings.map(\.status))
    }

    @Test("a page whose only finding is suppressed exits 0; text prints the count, not the finding")
    func exitCodeCountsOnlyFindingsThatCount() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<!-- claimlint-disable-next-line efficacy -- ticket 12 -->\n\(Self.claim)\n".write(
            to: folder.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        for format in ["text", "sarif", "json", "github", "junit", "markdown", "html"] {
            let output = try TestSupport.run(
                ["check", "page.md", "--no-config", "--fail-on", "info", "--format", format], in: folder)
            #expect(output.status == 0, "\(format): \(output.stdout)")
        }
        let text = try TestSupport.run(["check", "page.md", "--no-config"], in: folder)
        #expect(!text.stdout.contains("[efficacy]"))
        #expect(text.stdout.contains("0 errors, 0 warnings, 0 info; not counted: 1 suppressed"))
    }
}
