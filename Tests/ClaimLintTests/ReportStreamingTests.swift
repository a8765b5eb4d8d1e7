import Foundation
import Testing

@testable import ClaimLint

/// The reporter protocol's plumbing: outputs that hand bytes on in pieces, spools that move a
/// report's later parts to a temporary file, and reporters that start afresh at every `begin`.
@Suite("Report streaming")
struct ReportStreamingTests {
    @Test(
        "a spool gives back, in order, what was written, past its memory buffer and below it", arguments: [10, 5_000])
    func spoolRoundTrip(lines: Int) throws {
        let spool = ReportSpool()
        #expect(spool.isEmpty)
        var expected = ""
        for index in 0..<lines {
            let line = "line \(index): " + String(repeating: "é", count: index % 50) + "\n"
            spool.write(line)
            expected += line
        }
        #expect(!spool.isEmpty)
        let (out, text) = ReportOutput.inMemory()
        try spool.copy(to: out)
        try out.finish()
        #expect(text() == expected)
        #expect(expected.utf8.count > (lines > 10 ? 65_536 : 0))
    }

    @Test("an output hands on everything at finish, and a failed write surfaces there")
    func outputFailure() throws {
        struct Full: Error {}
        var received = 0
        let output = ReportOutput { bytes in
            received += bytes.count
            throw Full()
        }
        output.write(String(repeating: "x", count: 70_000))
        output.write("more")
        #expect(received == 70_000)
        #expect(throws: Full.self) { try output.finish() }
    }

    @Test("one reporter renders two reports alike: begin starts afresh", arguments: ReportFormat.allCases)
    func reporterReuse(_ format: ReportFormat) throws {
        let reporter = format.reporter(workingDirectory: ReporterFixture.workingDirectory)
        let first = try reporter.render(ReporterFixture.report, rules: ReporterFixture.rules)
        let second = try reporter.render(ReporterFixture.report, rules: ReporterFixture.rules)
        #expect(first == second)
    }

    @Test(
        "a run over many files streams every format: the check CLI's report is the in-memory one",
        arguments: ReportFormat.allCases)
    func streamedEqualsInMemory(_ format: ReportFormat) throws {
        let cli = try TestSupport.runProgram(
            "/usr/bin/env",
            [
                "SOURCE_DATE_EPOCH=0", TestSupport.binary.path, "check", "--no-config", "--format", format.rawValue,
                "--fail-on", "never", "Samples",
            ]
        )
        // Only the HTML run record has a date and a commit.
        let head = try TestSupport.runProgram("/usr/bin/env", ["git", "rev-parse", "--verify", "--quiet", "HEAD"])
        let commit = head.status == 0 ? head.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        var run = LintRun(paths: ["Samples"])
        run.useProjectConfiguration = false
        let report = try run.run()
        let rules = try run.prepare().rules
        let reporter = format.reporter(workingDirectory: TestSupport.packageRoot.path)
        let date = format == .html ? "1970-01-01T00:00:00Z" : nil
        #expect(
            cli.stdout
                == (try reporter.render(report, rules: rules, date: date, commit: format == .html ? commit : nil)))
    }
}

/// The HTML report as a reviewer's worksheet: the run record's date and commit, and only there.
@Suite("HTML run record")
struct HTMLRunRecordTests {
    private func check(_ format: String, epoch: String) throws -> TestSupport.Output {
        try TestSupport.runProgram(
            "/usr/bin/env",
            [
                "SOURCE_DATE_EPOCH=\(epoch)", TestSupport.binary.path, "check", "--no-config", "--fail-on", "never",
                "--format", format, "Samples/med-spa.md",
            ]
        )
    }

    @Test("the HTML run record dates the run by SOURCE_DATE_EPOCH and names the commit of the work tree")
    func dateAndCommit() throws {
        let html = try check("html", epoch: "86400").stdout
        #expect(html.contains("<tr><th>Date</th><td>1970-01-02T00:00:00Z</td></tr>"))
        let head = try TestSupport.runProgram("/usr/bin/env", ["git", "rev-parse", "--verify", "--quiet", "HEAD"])
        if head.status == 0 {
            #expect(
                html.contains(
                    "<tr><th>Commit</th><td><code>\(head.stdout.trimmingCharacters(in: .whitespacesAndNewlines))</code></td></tr>"
                ))
        }
        #expect(try check("html", epoch: "86400").stdout == html)
    }

    @Test("JSON and SARIF carry no date: another SOURCE_DATE_EPOCH gives the same bytes", arguments: ["json", "sarif"])
    func noDates(_ format: String) throws {
        #expect(try check(format, epoch: "0").stdout == (try check(format, epoch: "999999999").stdout))
    }

    @Test("each rule's rationale and source appear once however many findings name it")
    func rulesOnce() throws {
        let html = try ReportFormat.html.reporter().render(ReporterFixture.report, rules: ReporterFixture.rules)
        let rationale = "Calling a use &quot;FDA-approved&quot; when it is not misleads patients &lt;strongly&gt;."
        #expect(html.components(separatedBy: rationale).count == 2)
        #expect(html.components(separatedBy: "href=\"#rule-regulatory-status\"").count == 3)
        #expect(html.contains("<dt id=\"rule-regulatory-status\">"))
    }
}
