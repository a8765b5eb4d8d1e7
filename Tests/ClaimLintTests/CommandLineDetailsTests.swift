import Foundation
import Testing

/// Small things a user trips on: each is said, never silently done.
@Suite("Command-line details")
struct CommandLineDetailsTests {
    @Test("a --files-from line of spaces, or an empty one, is not a path")
    func blankListLines() throws {
        let output = try TestSupport.run(
            ["check", "--no-config", "--quiet", "--files-from", "-"], stdin: "Samples/med-spa.md\n   \n\n\t\r\n")
        #expect(!output.stderr.contains("no such file"), "\(output.stderr)")
        #expect(output.stderr.isEmpty, "\(output.stderr)")
    }

    @Test("--exclude matching a file named on the command line says so, naming the file and the pattern")
    func excludedNamedFile() throws {
        let output = try TestSupport.run(["check", "--no-config", "Samples/med-spa.md", "--exclude", "*.md"])
        #expect(output.stderr == "claimlint: note: Samples/med-spa.md: not linted: it matches --exclude '*.md'\n")
        #expect(output.stdout.contains("0 files linted"))
        let json = try TestSupport.run([
            "check", "--no-config", "--format", "json", "Samples/med-spa.md", "--exclude", "*.md",
        ])
        #expect(json.stderr.contains("not linted: it matches --exclude '*.md'"))
        let quiet = try TestSupport.run(["check", "--no-config", "--quiet", "Samples/med-spa.md", "--exclude", "*.md"])
        #expect(quiet.stderr.isEmpty)
    }

    @Test("a usage error takes claimlint's error form, with the usage after it (exit 64)")
    func usageErrorForm() throws {
        let output = try TestSupport.run(["check", "--frobnicate"])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("claimlint: error: Unknown option '--frobnicate'\nUsage: claimlint check"))
        let unknownRule = try TestSupport.run(["explain", "no-such-rule"])
        #expect(unknownRule.status == 64)
        #expect(unknownRule.stderr.hasPrefix("claimlint: error: no rule has the id 'no-such-rule'"))
    }

    @Test("help and --version still go to standard output and exit 0")
    func helpAndVersion() throws {
        let help = try TestSupport.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: claimlint"))
        let version = try TestSupport.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("claimlint "))
    }
}
