import Foundation
import Testing

@testable import ClaimLint

/// Every reporter on the fixed findings of `ReporterFixture`, plus the escaping each format needs.
@Suite("Reporters")
struct ReporterTests {
    private let report = ReporterFixture.report

    private func render(_ format: ReportFormat) -> String {
        // Rendering into memory cannot fail.
        // The HTML run record's date and commit are placeholders; the other formats carry neither.
        try! format.reporter(workingDirectory: ReporterFixture.workingDirectory).render(
            report, rules: ReporterFixture.rules, date: "2026-01-02T03:04:05Z", commit: "<commit>"
        )
    }

    @Test("SARIF golden")
    func sarifGolden() throws { try TestSupport.assertGolden(render(.sarif), "reporters.sarif") }

    @Test("GitHub workflow commands golden")
    func githubGolden() throws { try TestSupport.assertGolden(render(.github), "reporters.github.txt") }

    @Test("JUnit golden")
    func junitGolden() throws { try TestSupport.assertGolden(render(.junit), "reporters.junit.xml") }

    @Test("HTML golden")
    func htmlGolden() throws { try TestSupport.assertGolden(render(.html), "reporters.html") }

    @Test(
        "HTML shows a finding's whole paragraph once, above its findings, with all their words marked; a very long block is left out"
    )
    func htmlParagraphs() throws {
        let page =
            "# Clinic\n\nOur drips are FDA-approved and *guaranteed* to work.\nCall <b>now</b>.\n\nA calm paragraph.\n"
        let findings = TestSupport.defaultLinter.lint(page, path: "page.md")
        #expect(findings.map(\.ruleID) == ["regulatory-status", "guarantee"])
        // Both findings share one string for their paragraph (as the reader sees it: no markup).
        let text = "Our drips are FDA-approved and guaranteed to work. Call now."
        #expect(findings.map { $0.paragraph?.text } == [text, text])
        let report = LintReport(files: [FileReport(path: "page.md", findings: findings)])
        let html = try ReportFormat.html.reporter(workingDirectory: "/").render(
            report, rules: TestSupport.defaultLinter.ruleSet, date: nil, commit: nil)
        let row =
            "<tr class=\"paragraph\"><td>¶</td><td colspan=\"5\">Our drips are <mark>FDA-approved</mark> and <mark>guaranteed</mark> to work. Call now.</td></tr>"
        #expect(html.components(separatedBy: row).count == 2, "the paragraph row appears once")
        #expect(!html.contains("A calm paragraph"))

        // A paragraph of more than 4,000 bytes is not repeated into the report: its sentence is shown.
        let long =
            String(repeating: "Our staff are kind and the rooms are quiet. ", count: 100) + "It is FDA-approved.\n"
        let longFindings = TestSupport.defaultLinter.lint(long, path: "long.md")
        #expect(!longFindings.isEmpty && longFindings.allSatisfy { $0.paragraph == nil })
        let longHTML = try ReportFormat.html.reporter(workingDirectory: "/").render(
            LintReport(files: [FileReport(path: "long.md", findings: longFindings)]),
            rules: TestSupport.defaultLinter.ruleSet, date: nil, commit: nil)
        #expect(!longHTML.contains("<tr class=\"paragraph\">"))
    }

    @Test("Markdown golden")
    func markdownGolden() throws { try TestSupport.assertGolden(render(.markdown), "reporters.md") }

    @Test("every reporter is deterministic and carries the run record")
    func runRecord() {
        for format in ReportFormat.allCases where format != .text {
            let output = render(format)
            #expect(output == render(format), "\(format) is not deterministic")
            #expect(
                output.contains("<version>") || output.contains("&lt;version&gt;") || output.contains("\\<version\\>"),
                "\(format) lacks the tool version")
            #expect(output.contains("rules-digest"), "\(format) lacks the rules digest")
            #expect(output.contains("sha256-of-ketamine-clinic.md"), "\(format) lacks the input's SHA-256")
        }
    }

    // MARK: - SARIF

    @Test("SARIF: rule indexes, relative URIs, levels, artifacts with hashes")
    func sarifShape() throws {
        let object = try JSONSerialization.jsonObject(with: Data(render(.sarif).utf8))
        let log = try #require(object as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 7)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        // The rule the rule set lacks is described from its finding, with no help link.
        let unresolved = try #require(rules.first { $0["id"] as? String == "unresolved-citation" })
        #expect(unresolved["helpUri"] == nil)
        // A javascript: source never becomes a help link.
        #expect(rules.first { $0["id"] as? String == "disease-claim" }?["helpUri"] == nil)
        #expect(
            rules.first { $0["id"] as? String == "regulatory-status" }?["helpUri"] as? String
                == "https://www.fda.gov/example-guidance")
        let uris = try #require(run["artifacts"] as? [[String: Any]]).map {
            ($0["location"] as? [String: Any])?["uri"] as? String
        }
        #expect(
            uris == [
                "pages/ketamine-clinic.md", "pages/odd%20name%2C%20100%25%3A%20%3Cb%3E.md",
                "file:///placeholder/outside/clean.md",
                "drafts/broken.md", "drafts/empty.md",
            ])
        #expect(results.map { $0["level"] as? String }.contains("note"))
    }

    @Test("paths are made relative to the working directory without touching the disk")
    func relativePaths() {
        #expect(ReportPath.relative("./a/../b.md", to: "/w") == "b.md")
        #expect(ReportPath.relative("/w/x/y.md", to: "/w") == "x/y.md")
        #expect(ReportPath.relative("/w/x/y.md", to: "/w/") == "x/y.md")
        #expect(ReportPath.relative("/wx/y.md", to: "/w") == nil)
        #expect(ReportPath.relative("/other/y.md", to: "/w") == nil)
        #expect(ReportPath.relative("../y.md", to: "/w") == nil)
        #expect(ReportPath.relative("/w/y.md", to: "") == nil)
        #expect(ReportPath.uriEncoded("a b/ü#?.md") == "a%20b/%C3%BC%23%3F.md")
    }

    // MARK: - GitHub

    @Test("GitHub: data and property escaping as the runner unescapes them")
    func githubEscaping() {
        #expect(GitHubReporter.escapeData("50% off\r\nnow: a,b") == "50%25 off%0D%0Anow: a,b")
        #expect(GitHubReporter.escapeProperty("50% off\r\nnow: a,b") == "50%25 off%0D%0Anow%3A a%2Cb")
        let output = render(.github)
        #expect(
            output.contains(
                "::error file=pages/odd name%2C 100%25%3A <b>.md,line=2,col=70,endLine=2,endColumn=75,title=claimlint [disease-claim]::"
            ))
        #expect(output.contains("::notice file=pages/ketamine-clinic.md,line=8,"))
        // Every line is a command, the summary, or the run record: page text cannot start a new command.
        for line in output.split(separator: "\n") where line.hasPrefix("::") {
            #expect(
                ["::error ", "::warning ", "::notice ", "::group::", "::endgroup::"].contains { line.hasPrefix($0) })
        }
    }

    // MARK: - JUnit

    @Test("JUnit: counts add up and the XML is well formed", .needsPython("sys"))
    func junitCounts() throws {
        let xml = render(.junit)
        let (suites, cases) = try Self.junitCounts(xml)
        // 7 findings + 1 clean file + 1 empty file + 1 broken file + 1 bad path.
        #expect(suites == ["tests": 11, "failures": 7, "errors": 2])
        #expect(cases == 11)
        #expect(!xml.contains("<script>"))
    }

    /// Parses the XML with Python's standard library (a real XML parser) and sums the suites.
    static func junitCounts(_ xml: String) throws -> ([String: Int], Int) {
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.fromstring(sys.stdin.read())
            suites = root.findall('testsuite')
            for key in ('tests', 'failures', 'errors'):
                total = int(root.get(key))
                assert total == sum(int(s.get(key)) for s in suites), key
                print(key, total)
            for s in suites:
                cases = s.findall('testcase')
                assert int(s.get('tests')) == len(cases)
                assert int(s.get('failures')) == sum(1 for c in cases if c.find('failure') is not None)
                assert int(s.get('errors')) == sum(1 for c in cases if c.find('error') is not None)
            print('cases', len(root.findall('testsuite/testcase')))
            """
        let output = try TestSupport.runProgram("/usr/bin/env", ["python3", "-c", script], stdin: xml)
        #expect(output.status == 0, "\(output.stderr)")
        var counts: [String: Int] = [:]
        var cases = 0
        for line in output.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Int(parts[1]) else { continue }
            if parts[0] == "cases" { cases = value } else { counts[String(parts[0])] = value }
        }
        return (counts, cases)
    }

    // MARK: - HTML

    @Test("HTML: page content is escaped, links go only to http(s) sources, no script")
    func htmlInjection() throws {
        let linted = TestSupport.defaultLinter.lint(
            bytes: Array(Self.injectionPage.utf8), path: "\"><img src=x onerror=alert(1)>.md")
        var combined = report
        combined.files.append(linted)
        let html = try HTMLReporter().render(combined, rules: ReporterFixture.rules)
        #expect(!linted.findings.isEmpty)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.lowercased().contains("javascript:alert(1)\""))
        #expect(!html.contains("href=\"javascript"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("[x](javascript:alert(1))"))
        // Every href is an in-page anchor or an http(s) link.
        for part in html.components(separatedBy: "href=\"").dropFirst() {
            #expect(
                part.hasPrefix("#") || part.hasPrefix("https://") || part.hasPrefix("http://"),
                "bad link: \(part.prefix(40))")
        }
        // The injection text from the real page made it into the report, as text.
        #expect(html.contains("FDA-approved"))
    }

    /// A page whose prose (not raw HTML, which claimlint never reads) carries the payloads, so they
    /// reach the report's sentences. Scripts/html-browser-check.sh uses the same page.
    static let injectionPage = """
        # Ketamine \\<script>alert(1)\\</script> clinic

        Our IV ketamine is FDA-approved for depression \\<script>alert(1)\\</script> today.

        Studies show "\\>\\<img src=x onerror=alert(1)> that ketamine cures anxiety.

        Clinically proven \\[x](javascript:alert(1)) relief, and [a real link](javascript:alert(1)) too.

        <script>alert(1)</script>

        """

    @Test("HTML: the claim is highlighted even when whitespace differs")
    func highlight() {
        #expect(
            HTMLReporter.find(Array("70% of\npatients"), in: Array("Within a day, 70% of  patients feel")) == 14..<30)
        #expect(HTMLReporter.find(Array("FDA-Approved"), in: Array("It is fda-approved.")) == 6..<18)
        #expect(HTMLReporter.find(Array("absent"), in: Array("It is fda-approved.")) == nil)
        #expect(render(.html).contains("Within a day, <mark>70% of patients</mark> | feel better."))
    }

    // MARK: - Markdown

    @Test("Markdown: pipes, newlines and markup in cells are escaped")
    func markdownCells() {
        let reporter = MarkdownReporter()
        #expect(reporter.cell("a|b\nc") == "a\\|b<br>c")
        #expect(
            reporter.cell("<img src=x> [x](javascript:y) & `z`")
                == "\\<img src=x\\> \\[x\\](javascript:y) &amp; \\`z\\`")
        let output = render(.markdown)
        let tableRows = output.split(separator: "\n").filter {
            $0.hasPrefix("| error") || $0.hasPrefix("| warning") || $0.hasPrefix("| info")
        }
        // Each finding row has exactly 5 cells: 6 unescaped pipes.
        for row in tableRows where row.contains(".md:") {
            let pipes = row.enumerated().filter { index, character in
                character == "|" && (index == 0 || Array(row)[index - 1] != "\\")
            }
            #expect(pipes.count == 6, "\(row)")
        }
    }

    @Test("Markdown: long tables are cut short with a count")
    func markdownLimit() throws {
        let output = try MarkdownReporter(maxRows: 2).render(report)
        #expect(output.contains("… and 5 more findings"))
    }
}
