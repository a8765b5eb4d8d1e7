import Foundation
import Testing

@testable import ClaimLint

/// Issue 10's attacks on the command line, each kept as the test that failed before its fix.
@Suite("Hardening (issue 10)")
struct HardeningCLITests {
    private static func write(_ text: String, _ folder: URL, _ name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    // MARK: 14: configuration within the repository, and exclusions that say so

    @Test("a .claimlint.yml above the repository root does not apply")
    func configurationStopsAtRepositoryRoot() throws {
        let outer = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outer) }
        // Were it read, this file would stop the run (an unknown key).
        try Self.write("version: 1\nplanted: true\n", outer, ".claimlint.yml")
        let repository = outer.appendingPathComponent("repo")
        try FileManager.default.createDirectory(
            at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Self.write("Clinically proven results.\n", repository, "docs/page.md")
        let output = try TestSupport.run(["check", "docs"], in: repository)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(!output.stderr.contains("planted"))
        // Without the repository, the file above applies (and is refused).
        try FileManager.default.removeItem(at: repository.appendingPathComponent(".git"))
        #expect(try TestSupport.run(["check", "docs"], in: repository).status == 2)
    }

    @Test("root: true is read, and anything but true or false is an error")
    func rootKey() throws {
        #expect(try ProjectConfiguration.load(yaml: "version: 1\nroot: true\n", file: "c.yml").isRoot)
        #expect(try !ProjectConfiguration.load(yaml: "version: 1\n", file: "c.yml").isRoot)
        let error = try #require(throws: RulesError.self) {
            try ProjectConfiguration.load(yaml: "version: 1\nroot: maybe\n", file: "c.yml")
        }
        #expect(error.line == 2)
        #expect(error.message.contains("root must be true or false"))
    }

    @Test("--exclude that leaves a folder empty says what it excluded, exit 2")
    func excludeEverything() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("Clinically proven.\n", folder, "docs/a.md")
        try Self.write("Clinically proven.\n", folder, "docs/b.md")
        let output = try TestSupport.run(["check", "--no-config", "--exclude", "*.md", "docs"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("docs: all 2 Markdown files excluded by '*.md' (--exclude)"), "\(output.stderr)")
    }

    @Test("a configuration's exclude that leaves a folder empty says so, exit 2")
    func configurationExcludesEverything() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Self.write("version: 1\nexclude: [\"docs/**\"]\n", folder, ".claimlint.yml")
        try Self.write("Clinically proven.\n", folder, "docs/a.md")
        let output = try TestSupport.run(["check", "docs"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("docs: all 1 Markdown file excluded by 'docs/**' in "), "\(output.stderr)")
    }

    @Test("a file named on its own and excluded (as pre-commit names files) gets a note and exit 0")
    func namedFileExcluded() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Self.write("version: 1\nexclude: [\"drafts/**\"]\n", folder, ".claimlint.yml")
        try Self.write("Clinically proven.\n", folder, "drafts/a.md")
        try Self.write("Clinically proven.\n", folder, "b.md")
        let byConfiguration = try TestSupport.run(["check", "drafts/a.md"], in: folder)
        #expect(byConfiguration.status == 0, "\(byConfiguration.stderr)")
        #expect(
            byConfiguration.stderr.contains("note: drafts/a.md: not linted: it matches 'drafts/**' in "),
            "\(byConfiguration.stderr)")
        let byOption = try TestSupport.run(["check", "--exclude", "b.md", "b.md"], in: folder)
        #expect(byOption.status == 0, "\(byOption.stderr)")
        #expect(byOption.stderr.contains("note: b.md: not linted: it matches --exclude 'b.md'"), "\(byOption.stderr)")
    }

    @Test(
        "a configuration file owned by another user and writable by anyone is warned about",
        .enabled(if: getuid() == 0, "needs root to give the file to another user"))
    func foreignConfiguration() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Self.write("version: 1\n", folder, ".claimlint.yml")
        try Self.write("Clinically proven.\n", folder, "a.md")
        let config = folder.appendingPathComponent(".claimlint.yml").path
        #expect(chown(config, 65534, 65534) == 0)
        #expect(chmod(config, 0o666) == 0)
        let output = try TestSupport.run(["check", "a.md"], in: folder)
        #expect(
            output.stderr.contains(
                "warning: \(folder.path)/.claimlint.yml: owned by another user and writable by anyone"),
            "\(output.stderr)")
    }

    // MARK: 1-5: never clobber, never lose a report

    @Test("a report path that is an input, the rules file or a configuration file is refused, naming both, exit 2")
    func reportOverInput() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let page = "Clinically proven results.\n"
        try Self.write(page, folder, "b.md")
        let overPage = try TestSupport.run(["check", "b.md", "--report", "html=b.md"], in: folder)
        #expect(overPage.status == 2)
        #expect(
            overPage.stderr.contains("claimlint: error: b.md: this report would overwrite an input of this run (b.md)"),
            "\(overPage.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("b.md"), encoding: .utf8) == page)
        // Found by walking the folder, too.
        #expect(try TestSupport.run(["check", ".", "--report", "markdown=./b.md"], in: folder).status == 2)
        let rules = "version: 1\nrules: []\n"
        try Self.write(rules, folder, "rules.yml")
        let overRules = try TestSupport.run(
            ["check", "--rules", "rules.yml", "b.md", "--report", "json=rules.yml"], in: folder)
        #expect(overRules.status == 2)
        #expect(overRules.stderr.contains("the rules file of this run (rules.yml)"), "\(overRules.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("rules.yml"), encoding: .utf8) == rules)
        try Self.write("version: 1\n", folder, ".claimlint.yml")
        let overConfiguration = try TestSupport.run(["check", "b.md", "--report", "json=.claimlint.yml"], in: folder)
        #expect(overConfiguration.status == 2)
        #expect(overConfiguration.stderr.contains("a configuration file of this run"), "\(overConfiguration.stderr)")
        #expect(
            try String(contentsOf: folder.appendingPathComponent(".claimlint.yml"), encoding: .utf8) == "version: 1\n")
    }

    @Test("a Markdown report written into the linted folder is not linted on the next run")
    func reportNotRelinted() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("Clinically proven results. Our cure for depression.\n", folder, "docs/b.md")
        func findings() throws -> (count: Int, stderr: String) {
            let output = try TestSupport.run(
                [
                    "check", "--no-config", "--format", "json", "--fail-on", "never", "docs", "--report",
                    "markdown=docs/report.md",
                ], in: folder)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            let files = try #require(report["files"] as? [[String: Any]])
            return (files.reduce(0) { $0 + (($1["findings"] as? [Any])?.count ?? 0) }, output.stderr)
        }
        let first = try findings()
        #expect(first.count > 0)
        let second = try findings()
        #expect(second.count == first.count)
        #expect(second.stderr.contains("docs/report.md: a claimlint Markdown report, not linted"), "\(second.stderr)")
    }

    @Test("the Markdown report opens with the line the linter recognises as a report")
    func markdownReportMarker() throws {
        let text = try MarkdownReporter().render(LintReport(files: [FileReport(path: "a.md")]))
        #expect(text.utf8.starts(with: InputValidator.reportMarker))
        #expect(InputValidator.verdict(for: Array(text.utf8)) == .claimLintReport)
        #expect(InputValidator.verdict(for: Array("## claimlint: the tool\n".utf8)) == .text)
    }

    @Test("the temporary report file's name fits the 255-byte limit, and nothing is left beside the report")
    func longReportName() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("Clinically proven.\n", folder, "a.md")
        let name = String(repeating: "r", count: 250) + ".json"
        let output = try TestSupport.run(["check", "--no-config", "a.md", "--report", "json=\(name)"], in: folder)
        #expect(output.status == 1, "\(output.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["a.md", name])
    }

    @Test(
        "a symlink planted under the old predictable temporary name (.NAME.PID.tmp) does not redirect the report",
        .enabled(if: FileManager.default.fileExists(atPath: "/bin/sh"), "needs sh"))
    func plantedSymlink() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("Clinically proven.\n", folder, "a.md")
        try Self.write("someone else's file\n", folder, "victim.txt")
        // `exec` keeps the shell's process id, so the link is planted under the very name the
        // report's temporary file had before mkstemp.
        let script =
            "ln -s victim.txt .report.json.$$.tmp && exec \"$0\" check --no-config a.md --report json=report.json"
        let output = try TestSupport.runProgram("/bin/sh", ["-c", script, TestSupport.binary.path], in: folder)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(
            try String(contentsOf: folder.appendingPathComponent("victim.txt"), encoding: .utf8)
                == "someone else's file\n")
        let report = try Data(contentsOf: folder.appendingPathComponent("report.json"))
        #expect((try? JSONSerialization.jsonObject(with: report)) != nil)
    }

    @Test(
        "a report into a named pipe is written into it, never renamed over it",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/timeout"), "needs timeout"))
    func reportIntoNamedPipe() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("Clinically proven results.\n", folder, "a.md")
        let fifo = folder.appendingPathComponent("report.fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // The reader first: opening a FIFO for writing waits for one. `timeout` ends it should
        // nothing ever write (the FIFO renamed away, say), so the test cannot hang; with SIGKILL,
        // since the test runner's threads block SIGTERM and its children inherit the mask.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "exec timeout -s KILL 20 cat report.fifo > received.json"]
        reader.currentDirectoryURL = folder
        try reader.run()
        let output = try TestSupport.run(["check", "--no-config", "a.md", "--report", "json=report.fifo"], in: folder)
        reader.waitUntilExit()
        #expect(output.status == 1, "\(output.stderr)")
        var status = stat()
        #expect(lstat(fifo, &status) == 0)
        #expect(
            status.st_mode & S_IFMT == S_IFIFO,
            "report.fifo is no longer a FIFO (mode \(String(status.st_mode, radix: 8)))")
        #expect(reader.terminationStatus == 0, "the reader was stopped by timeout: nothing was written into the FIFO")
        let received = try Data(contentsOf: folder.appendingPathComponent("received.json"))
        #expect(
            (try? JSONSerialization.jsonObject(with: received)) != nil, "\(String(decoding: received, as: UTF8.self))")
    }

    @Test(
        "a full standard output is an error, exit 2",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func fullStandardOutput() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("Clinically proven.\n", folder, "a.md")
        for format in ["text", "json", "sarif"] {
            let output = try TestSupport.runProgram(
                "/bin/sh",
                ["-c", "\"$0\" check --no-config --format \(format) a.md > /dev/full", TestSupport.binary.path],
                in: folder)
            #expect(output.status == 2, "\(format): \(output.stderr)")
            #expect(
                output.stderr.contains("claimlint: error: cannot write standard output: No space left on device"),
                "\(format): \(output.stderr)")
        }
    }

    @Test(
        "a standard output that cannot be written (open for reading only) is an error, exit 2",
        .enabled(if: FileManager.default.fileExists(atPath: "/bin/sh"), "needs sh"))
    func unwritableStandardOutput() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = "Clinically proven.\n"
        try Self.write(page, folder, "a.md")
        for format in ["text", "json", "sarif"] {
            // `1< a.md`: the standard output the run gets is the page, open read-only, so every write fails (EBADF).
            let output = try TestSupport.runProgram(
                "/bin/sh", ["-c", "\"$0\" check --no-config --format \(format) a.md 1< a.md", TestSupport.binary.path],
                in: folder)
            #expect(output.status == 2, "\(format): \(output.stderr)")
            #expect(
                output.stderr.contains(
                    "claimlint: error: cannot write standard output: \(String(cString: strerror(EBADF)))"),
                "\(format): \(output.stderr)")
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("a.md"), encoding: .utf8) == page)
    }

    @Test(
        "a reader that goes away (| head) does not stop the report files; the exit is by the findings",
        .enabled(if: FileManager.default.fileExists(atPath: "/bin/bash"), "needs bash"))
    func closedPipe() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Far more output than a pipe holds, so the writes go on after head has gone.
        try Self.write(String(repeating: "Clinically proven results, guaranteed.\n\n", count: 3000), folder, "a.md")
        let script =
            "\"$0\" check --no-config a.md --report json=out.json | head -c 10 > /dev/null; echo \"status ${PIPESTATUS[0]}\""
        let output = try TestSupport.runProgram("/bin/bash", ["-c", script, TestSupport.binary.path], in: folder)
        // The whole line: a death by SIGPIPE is "status 141", which holds "status 1".
        #expect(output.stdout == "status 1\n", "\(output.stdout) \(output.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.json").path))
        #expect(!output.stderr.contains("error"), "\(output.stderr)")
    }

    // MARK: 6, 10, 17: inputs that hang, explode or mislead

    @Test("a FIFO named *.md, in a folder or named directly, is reported as not a regular file; the rest is linted")
    func fifo() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("Clinically proven.\n", folder, "docs/a.md")
        #expect(mkfifo(folder.appendingPathComponent("docs/pipe.md").path, 0o644) == 0)
        for arguments in [["docs"], ["docs/pipe.md", "docs/a.md"]] {
            let output = try TestSupport.run(["check", "--no-config", "--format", "json"] + arguments, in: folder)
            #expect(output.status == 2)
            #expect(
                output.stderr.contains("claimlint: error: docs/pipe.md: not a regular file (a FIFO)"),
                "\(output.stderr)")
            #expect(output.stdout.contains("\"docs/a.md\""))
        }
    }

    @Test("a file over the size limit is refused with the limit named; --max-file-size sets it")
    func sizeLimit() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(String(repeating: "Clinically proven.\n", count: 120_000), folder, "big.md")
        try Self.write("Clinically proven.\n", folder, "small.md")
        let refused = try TestSupport.run(
            ["check", "--no-config", "--max-file-size", "1M", "big.md", "small.md"], in: folder)
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains(
                "claimlint: error: big.md: is 2.2 MiB, over the 1 MiB size limit (--max-file-size); not linted"),
            "\(refused.stderr)")
        #expect(refused.stdout.contains("small.md"))
        #expect(try TestSupport.run(["check", "--no-config", "--fail-on", "never", "big.md"], in: folder).status == 0)
        let bad = try TestSupport.run(["check", "--max-file-size", "2G", "small.md"], in: folder)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--max-file-size must be a size from 1 byte to 1G"))
    }

    @Test("sizes are read as bytes or with K, M, G")
    func sizes() {
        #expect(InputFile.parseSize("64M") == 64 << 20)
        #expect(InputFile.parseSize("64MiB") == 64 << 20)
        #expect(InputFile.parseSize("1g") == 1 << 30)
        #expect(InputFile.parseSize("500k") == 500 << 10)
        #expect(InputFile.parseSize("1000") == 1000)
        #expect(InputFile.parseSize("0") == nil)
        #expect(InputFile.parseSize("lots") == nil)
    }

    @Test("a file removed after the run found it says so, not 'permission denied'")
    func removedFile() throws {
        let failure = try #require(throws: InputFile.Failure.self) {
            try InputFile.read("/nonexistent-\(UUID().uuidString).md").get()
        }
        #expect(failure.reason == "no longer exists: it was removed after the run found it")
    }

    @Test("a NUL in a rules file is one error at its line and column, with one prefix")
    func nulInYAML() throws {
        let error = try #require(throws: RulesError.self) {
            try RulesLoader.load(yaml: "version: 1\nrules: \u{0}\n", file: "r.yml")
        }
        #expect(error.line == 2)
        #expect(error.column == 8)
        #expect(error.message == "invalid YAML: control characters are not allowed (U+0000)")
    }

    // MARK: 12: merge takes each shard once

    @Test(
        "merge refuses a shard named twice, a report that is not a shard's, and a file in two reports, naming the report"
    )
    func mergeRefusesDuplicates() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func check(_ arguments: [String], to name: String) throws -> String {
            let output = try TestSupport.run(
                ["check", "--no-config", "--format", "json", "--fail-on", "never"] + arguments + ["Samples"])
            let path = folder.appendingPathComponent(name).path
            try output.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let first = try check(["--shard", "1/2"], to: "1.json")
        let second = try check(["--shard", "2/2"], to: "2.json")
        let whole = try check([], to: "whole.json")
        #expect(try TestSupport.run(["merge", "--fail-on", "never", first, second]).status == 0)
        let twice = try TestSupport.run(["merge", first, first])
        #expect(twice.status == 2)
        #expect(
            twice.stderr.contains("claimlint: error: \(first): shard 1/2 is named twice (also \(first))"),
            "\(twice.stderr)")
        let notShard = try TestSupport.run(["merge", whole, whole])
        #expect(notShard.status == 2)
        #expect(notShard.stderr.contains("\(whole): is not a shard's report"), "\(notShard.stderr)")
        // The same slice written twice under two names.
        let again = try check(["--shard", "1/2"], to: "1-again.json")
        let copy = try TestSupport.run(["merge", first, again])
        #expect(copy.status == 2)
        #expect(copy.stderr.contains("shard 1/2 is named twice"), "\(copy.stderr)")
    }

    // MARK: 15, 16: control characters and mentions

    private static func rawControls(_ text: String) -> [UInt32] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
            .map(\.value)
    }

    @Test(
        "ESC and BEL from a page, a file name and a YAML key reach the terminal escaped, in text output and on standard error"
    )
    func terminalEscapes() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "a\u{1B}]0;pwned\u{07}.md"
        try Self.write("Clinically proven \u{1B}[2K results\u{07}.\n", folder, name)
        try Data([0x43, 0xC0, 0x0A]).write(to: folder.appendingPathComponent("b\u{1B}[8m.md"))
        let output = try TestSupport.run(["check", "--no-config", "--no-color", name, "b\u{1B}[8m.md"], in: folder)
        #expect(output.status == 2)
        #expect(Self.rawControls(output.stdout).isEmpty, "\(output.stdout.debugDescription)")
        #expect(Self.rawControls(output.stderr).isEmpty, "\(output.stderr.debugDescription)")
        #expect(output.stdout.contains("a\\x1B]0;pwned\\x07.md:1:1:"))
        #expect(output.stdout.contains("Clinically proven \u{241B}[2K results\u{2407}."))
        #expect(output.stderr.contains("claimlint: error: b\\x1B[8m.md: is not valid UTF-8"))
        // A YAML key holding ESC and BEL (written as \e and \a in a quoted key) is named in the error.
        try Self.write("version: 1\n\"x\\e]0;pwned\\ay\": 1\n", folder, "rules.yml")
        let rules = try TestSupport.run(["check", "--rules", "rules.yml", "--no-config", name], in: folder)
        #expect(rules.status == 2)
        #expect(Self.rawControls(rules.stderr).isEmpty, "\(rules.stderr.debugDescription)")
        #expect(rules.stderr.contains("unknown key 'x\\x1B]0;pwned\\x07y'"), "\(rules.stderr.debugDescription)")
    }

    @Test(
        "the Markdown report neutralises mentions and control characters; the GitHub format encodes control characters")
    func botOutput() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(
            """
            version: 1
            rules:
              - id: ping
                kind: claim
                category: efficacy
                severity: error
                message: "Ask @octocat \\e[31m now\\a \\0 done"
                fix: "Tell @team"
                source: https://example.org/ping
                phrases: [miracle]
                citation: none
            """, folder, "rules.yml")
        try Self.write("A miracle, says @someone.\n", folder, "a.md")
        let markdown = try TestSupport.run(
            ["check", "--rules", "rules.yml", "--no-config", "--format", "markdown", "a.md"], in: folder)
        #expect(markdown.status == 1, "\(markdown.stderr)")
        #expect(Self.rawControls(markdown.stdout).isEmpty, "\(markdown.stdout.debugDescription)")
        #expect(!markdown.stdout.contains("@octocat"))
        #expect(markdown.stdout.contains("@\u{200D}octocat"))
        let github = try TestSupport.run(
            ["check", "--rules", "rules.yml", "--no-config", "--format", "github", "a.md"], in: folder)
        #expect(Self.rawControls(github.stdout).isEmpty, "\(github.stdout.debugDescription)")
        #expect(github.stdout.contains("Ask @octocat %1B[31m now%07 %00 done"), "\(github.stdout)")
    }

    // MARK: 13: positions

    @Test(
        "findings land where their words are: after an escape opening a continuation line, ending on an entity, after two BOMs",
        arguments: [
            // The claim's end is the claim grammar's to say; its start is the point here.
            ("Our clinic\n\\* <b>Ketamine</b> cures depression\n", "serious-disease-claim", "2:20-"),
            ("70&#37; of patients improved.\n", "uncited-statistic", "1:1-1:8"),
            ("\u{FEFF}\u{FEFF}Clinically proven results.\n", "scientific-authority", "1:2-1:27"),
            ("\u{FEFF}Clinically proven results.\n", "scientific-authority", "1:1-1:26"),
        ] as [(String, String, String)]
    )
    func positions(page: String, rule: String, range: String) throws {
        let finding = try #require(TestSupport.defaultLinter.lint(page).first { $0.ruleID == rule })
        let found =
            "\(finding.range.start.line):\(finding.range.start.column)-\(finding.range.end.line):\(finding.range.end.column)"
        #expect(range.hasSuffix("-") ? found.hasPrefix(range) : found == range, "\(found)")
    }

    @Test("a file with lone CR line endings gets the right line in its UTF-8 error")
    func loneCRLine() {
        let report = TestSupport.defaultLinter.lint(
            bytes: Array("one\rtwo\rthree ".utf8) + [0xC0, 0x0D], path: "cr.md")
        #expect(report.error?.contains("at line 3, byte column 7") == true, "\(report.error ?? "")")
    }
}
