import Foundation
import Testing

@testable import ClaimLint

/// `--format` for every format and `--report FORMAT=PATH`, end to end.
@Suite("CLI reports")
struct ReportCLITests {
    @Test("--format accepts every format, and each writes something on Samples/", arguments: ReportFormat.allCases)
    func everyFormat(_ format: ReportFormat) throws {
        let output = try TestSupport.run(["check", "Samples", "--no-config", "--format", format.rawValue])
        #expect(output.status == 1)
        #expect(output.stdout.contains("stem-cell-center.md"))
    }

    @Test("--report writes extra reports beside the terminal output, creating folders")
    func extraReports() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sarif = folder.appendingPathComponent("out/nested/claimlint.sarif")
        let html = folder.appendingPathComponent("review=1.html")
        let plain = try TestSupport.run(["check", "Samples", "--no-config"])
        let output = try TestSupport.run([
            "check", "Samples", "--no-config", "--report", "sarif=\(sarif.path)", "--report", "html=\(html.path)",
        ])
        #expect(output.status == 1)
        #expect(output.stdout == plain.stdout, "the terminal output must not change")
        let expectedSARIF = try TestSupport.run(["check", "Samples", "--no-config", "--format", "sarif"]).stdout
        #expect(try String(contentsOf: sarif, encoding: .utf8) == expectedSARIF)
        #expect(try String(contentsOf: html, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // Nothing but the reports is left behind: the temporary files were renamed.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: sarif.deletingLastPathComponent().path) == [
                "claimlint.sarif"
            ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["out", "review=1.html"])
    }

    @Test("--report replaces an existing file")
    func replacesExisting() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("summary.md")
        try String(repeating: "old\n", count: 10_000).write(to: target, atomically: true, encoding: .utf8)
        let output = try TestSupport.run([
            "check", "Samples/med-spa.md", "--no-config", "--report", "markdown=\(target.path)",
        ])
        #expect(output.status == 0)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.hasPrefix("## claimlint: 0 errors"))
        #expect(!written.contains("old\n"))
    }

    @Test("a report that cannot be written: exit 2 naming the path, terminal output still written")
    func unwritableReport() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("a-file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let target = blocker.appendingPathComponent("report.sarif").path
        let output = try TestSupport.run(["check", "Samples/med-spa.md", "--no-config", "--report", "sarif=\(target)"])
        #expect(output.status == 2)
        #expect(
            output.stderr.contains(
                "claimlint: error: \(target): cannot write the sarif report: \(blocker.path) is a file, not a folder\n")
        )
        #expect(output.stdout.contains("1 file linted"))
    }

    @Test("a report to a device or pipe (/dev/stdout) is written into it, never renamed over it")
    func reportToDevice() throws {
        let output = try TestSupport.run([
            "check", "Samples/med-spa.md", "--no-config", "--quiet", "--report", "json=/dev/stdout",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"rulesDigest\""))
        let kind = try FileManager.default.attributesOfItem(atPath: "/dev/stdout")[.type] as? FileAttributeType
        #expect(kind == .typeSymbolicLink)
    }

    @Test("a report in a folder that cannot be made names the folder and the system's reason")
    func reportFolderCannotBeMade() throws {
        let output = try TestSupport.run([
            "check", "Samples/med-spa.md", "--no-config", "--report", "json=/proc/claimlint-none/report.json",
        ])
        #expect(output.status == 2)
        #expect(
            output.stderr.contains(
                "claimlint: error: /proc/claimlint-none/report.json: cannot write the json report: cannot create the folder /proc/claimlint-none: "
            ))
        #expect(!output.stderr.contains("The operation could not be completed"))
    }

    @Test("a bad --report value is a usage error", arguments: ["pdf=out.pdf", "sarif", "sarif=", "=out.sarif"])
    func badReportArgument(_ value: String) throws {
        #expect(try TestSupport.run(["check", "Samples", "--report", value]).status == 64)
    }
}
