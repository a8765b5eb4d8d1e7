import Foundation
import Testing

@testable import ClaimLint

/// The `claimlint` binary end to end: exit codes, bad input, golden output for Samples/.
@Suite("CLI")
struct CLITests {
    private func json(_ output: TestSupport.Output) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    private func findings(_ report: [String: Any]) -> [[String: Any]] {
        ((report["files"] as? [[String: Any]]) ?? []).flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
    }

    @Test("Samples/ text output matches its golden file")
    func samplesText() throws {
        let output = try TestSupport.run(["check", "Samples", "--no-config"])
        #expect(output.status == 1)
        try TestSupport.assertGolden(output.stdout, "samples.txt")
    }

    @Test("Samples/ JSON output matches its golden file and is deterministic")
    func samplesJSON() throws {
        let first = try TestSupport.run(["check", "Samples", "--format", "json", "--no-config"])
        let second = try TestSupport.run(["check", "Samples", "--format", "json", "--no-config"])
        #expect(first.stdout == second.stdout)
        try TestSupport.assertGolden(first.stdout, "samples.json")
        let report = try json(first)
        #expect(report["version"] as? Int == 1)
        #expect((report["files"] as? [[String: Any]])?.count == 6)
    }

    @Test("--files-from lints the listed paths, from a file or standard input, as if they were named")
    func filesFrom() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try FileManager.default.contentsOfDirectory(
            atPath: TestSupport.packageRoot.appendingPathComponent("Samples").path
        )
        .filter { $0.hasSuffix(".md") }.sorted().map { "Samples/" + $0 }
        let list = folder.appendingPathComponent("list.txt")
        try (names.joined(separator: "\n") + "\n\n").write(to: list, atomically: true, encoding: .utf8)
        let named = try TestSupport.run(["check", "--no-config", "--format", "json"] + names)
        let fromFile = try TestSupport.run(["check", "--no-config", "--format", "json", "--files-from", list.path])
        let fromStandardInput = try TestSupport.run(
            ["check", "--no-config", "--format", "json", "--files-from", "-"], stdin: names.joined(separator: "\r\n"))
        #expect(named.status == 1)
        #expect(fromFile.status == named.status && fromFile.stdout == named.stdout)
        #expect(fromStandardInput.status == named.status && fromStandardInput.stdout == named.stdout)
        let missing = try TestSupport.run(["check", "--files-from", folder.appendingPathComponent("nope.txt").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.txt: cannot read this list of paths"))
        let both = try TestSupport.run(["check", "--files-from", "-", "-"], stdin: "")
        #expect(both.status == 64)
        // A CI diff with no Markdown in it: nothing is linted (not the current folder), and the run passes.
        let empty = try TestSupport.run(["check", "--no-config", "--files-from", "-"], stdin: "\n")
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("0 files linted"))
    }

    @Test("linting never modifies the input files")
    func inputsUntouched() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent("Samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let before = try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        _ = try TestSupport.run(["check", "Samples", "--format", "json"])
        let after = try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        #expect(before == after)
    }

    @Test("--fail-on decides exit 0 or 1")
    func failOn() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.md")
        try "Our clinic has served 300 patients this year.\n".write(to: page, atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["check", page.path, "--fail-on", "error"]).status == 0)
        #expect(try TestSupport.run(["check", page.path, "--fail-on", "warning"]).status == 1)
        #expect(try TestSupport.run(["check", page.path, "--fail-on", "never"]).status == 0)
        #expect(try TestSupport.run(["check", page.path, "--fail-on", "sometimes"]).status == 64)
    }

    @Test("standard input is linted as '-'")
    func standardInput() throws {
        let output = try TestSupport.run(
            ["check", "-", "--format", "json", "--no-config"], stdin: "Our ketamine infusions are FDA-approved.\n")
        #expect(output.status == 1)
        let report = try json(output)
        #expect(findings(report).contains { $0["category"] as? String == "regulatory" })
    }

    @Test("a rules file with an unknown key: exit 2 and file:line:column")
    func unknownKeyInRules() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("rules.yml")
        try """
        version: 1
        rules:
          - id: my-rule
            kind: claim
            category: efficacy
            severty: warning
            message: m
            fix: f
            source: https://example.org
            phrases: [miracle]
        """.write(to: rules, atomically: true, encoding: .utf8)
        let output = try TestSupport.run(["check", "--rules", rules.path, "Samples"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("claimlint: error: \(rules.path):6:5: unknown key 'severty'"))
    }

    @Test("a folder with an invalid-UTF-8 file and a normal page: the page is linted, the bad file named, exit 2")
    func invalidUTF8BesideGoodPage() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x43, 0x75, 0x72, 0x65, 0x73, 0x20, 0xC0, 0xAF, 0x0A]).write(
            to: folder.appendingPathComponent("a-bad.md"))
        try "Ketamine is FDA-approved for anxiety.\n".write(
            to: folder.appendingPathComponent("b-good.md"), atomically: true, encoding: .utf8)
        let output = try TestSupport.run(["check", folder.path, "--format", "json", "--no-config"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("a-bad.md: is not valid UTF-8"))
        #expect(output.stderr.contains("line 1, byte column 7"))
        let files = try #require(try json(output)["files"] as? [[String: Any]])
        let good = try #require(files.first { ($0["path"] as? String)?.hasSuffix("b-good.md") == true })
        #expect(((good["findings"] as? [[String: Any]]) ?? []).contains { $0["category"] as? String == "regulatory" })
    }

    @Test("bad inputs each get a message naming them, and the rest is still linted")
    func badInputs() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("empty.md"))
        try Data("Clinically\u{0}proven.\n".utf8).write(to: folder.appendingPathComponent("nul.md"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]).write(
            to: folder.appendingPathComponent("image.md"))
        let emptyFolder = folder.appendingPathComponent("no-markdown")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        try "text".write(to: emptyFolder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let good = folder.appendingPathComponent("good.md")
        try "No side effects, guaranteed.\n".write(to: good, atomically: true, encoding: .utf8)
        let missing = folder.appendingPathComponent("missing.md").path
        let output = try TestSupport.run([
            "check", "--no-config", "--format", "json", missing, emptyFolder.path, "/proc/self/mem",
            folder.appendingPathComponent("empty.md").path, folder.appendingPathComponent("nul.md").path,
            folder.appendingPathComponent("image.md").path, good.path,
        ])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(missing): no such file or folder"))
        #expect(output.stderr.contains("\(emptyFolder.path): no Markdown files"))
        #expect(output.stderr.contains("/proc/self/mem: cannot read this file"))
        #expect(output.stderr.contains("empty.md: empty file"))
        #expect(output.stderr.contains("nul.md: contains a NUL byte at line 1, byte column 11"))
        #expect(
            output.stderr.contains("image.md: is not valid UTF-8")
                || output.stderr.contains("image.md: contains a NUL byte"))
        let files = try #require(try json(output)["files"] as? [[String: Any]])
        let goodReport = try #require(files.first { $0["path"] as? String == good.path })
        #expect(!((goodReport["findings"] as? [[String: Any]]) ?? []).isEmpty)
    }

    @Test("a file named twice is linted once; hidden folders are skipped")
    func duplicatesAndHidden() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.md")
        try "Studies show it works.\n".write(to: page, atomically: true, encoding: .utf8)
        let hidden = folder.appendingPathComponent(".git")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        try "Studies show it works.\n".write(
            to: hidden.appendingPathComponent("x.md"), atomically: true, encoding: .utf8)
        let output = try TestSupport.run([
            "check", "--no-config", "--format", "json", page.path, folder.path, page.path,
        ])
        let files = try #require(try json(output)["files"] as? [[String: Any]])
        #expect(files.count == 1)
    }

    @Test("a .claimlint.yml above the file disables a rule and marks a source untrusted")
    func projectConfiguration() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        version: 1
        disable: [uncited-statistic]
        sources:
          untrusted: [our-clinic.example]
        """.write(to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        let pages = folder.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try """
        Over 300 patients treated this year.

        Clinically proven results ([our study](https://our-clinic.example/results)).

        """.write(to: pages.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        let output = try TestSupport.run(["check", "--format", "json", pages.path])
        let rules = findings(try json(output)).compactMap { $0["rule"] as? String }
        #expect(!rules.contains("uncited-statistic"))
        #expect(rules.contains("scientific-authority"))
        let ignoring = try TestSupport.run(["check", "--format", "json", "--no-config", pages.path])
        #expect(findings(try json(ignoring)).contains { $0["rule"] as? String == "uncited-statistic" })
    }

    @Test("claimlint rules lists every rule; explain prints source and examples")
    func rulesAndExplain() throws {
        let list = try TestSupport.run(["rules"])
        #expect(list.status == 0)
        for rule in TestSupport.defaultLinter.ruleSet.rules {
            #expect(list.stdout.contains(rule.id))
        }
        let explain = try TestSupport.run(["explain", "regulatory-status"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Source: "))
        #expect(explain.stdout.contains("Examples that trigger it:"))
        #expect(try TestSupport.run(["explain", "no-such-rule"]).status == 64)
    }
}

/// The README promises "the real output for one sample page": keep it so.
@Suite("README")
struct ReadmeTests {
    @Test("the sample output in the README is what claimlint prints")
    func sampleOutputIsReal() throws {
        let readme = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```text\nSamples/stem-cell-center.md"))
        let body = readme[readme.index(start.lowerBound, offsetBy: "```text\n".count)...]
        let end = try #require(body.range(of: "\n```\n"))
        let shown = String(body[..<end.lowerBound])
        let output = try TestSupport.run(["check", "--no-config", "Samples/stem-cell-center.md"])
        #expect(output.status == 1)
        #expect(
            output.stdout.trimmingCharacters(in: .newlines) == shown,
            "README sample output is stale: paste the output of `claimlint check Samples/stem-cell-center.md`")
    }
}
