import Foundation
import Testing

@testable import ClaimLint

/// The reporter protocol's plumbing: outputs that hand bytes on in pieces, spools that move a
/// report's later parts to a temporary file, and reporters that start afresh at every `begin`.
@Suite("Report streaming")
struct ReportStreamingTests {
    @Test("a spool gives back, in order, what was written, past its memory buffer and below it", arguments: [10, 5_000])
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

    @Test("a run over many files streams every format: the check CLI's report is the in-memory one", arguments: ReportFormat.allCases)
    func streamedEqualsInMemory(_ format: ReportFormat) throws {
        let cli = try TestSupport.run(["check", "--no-config", "--format", format.rawValue, "--fail-on", "never", "Samples"])
        var run = LintRun(paths: ["Samples"])
        run.useProjectConfiguration = false
        let report = try run.run()
        let rules = try run.prepare().rules
        let reporter = format.reporter(workingDirectory: TestSupport.packageRoot.path)
        #expect(cli.stdout == (try reporter.render(report, rules: rules)))
    }
}
