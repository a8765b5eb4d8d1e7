import Foundation
import Testing

@testable import ClaimLint

/// Hostile input and hostile file trees: nothing may crash claimlint, hang it or make it lie.
/// (Speed and memory are measured by Scripts/bench.sh, never asserted here.)
@Suite("Robustness")
struct RobustnessTests {
    @Test(
        "every pathological file from the shared generator is linted without a crash",
        .needsShared("bench/make-corpus.py"), .needsPython("sys"))
    func pathologicalCorpus() throws {
        let generator = TestMaterial.shared("bench/make-corpus.py")
        try #require(FileManager.default.fileExists(atPath: generator.path), "missing \(generator.path)")
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["python3", generator.path, corpus.path, "--mb", "1", "--seed", "1", "--pathological"]
        make.standardOutput = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        try #require(make.terminationStatus == 0)
        let pathological = corpus.appendingPathComponent("pathological")
        let names = try FileManager.default.contentsOfDirectory(atPath: pathological.path).sorted()
        #expect(names.count >= 15)
        for name in names {
            let output = try TestSupport.run([
                "check", "--no-config", "--format", "json", "--fail-on", "never",
                pathological.appendingPathComponent(name).path,
            ])
            // 0: linted; 2: rejected with a message (invalid UTF-8, NUL bytes). A crash is a signal, never these.
            #expect(
                output.status == 0 || output.status == 2,
                "\(name): exit \(output.status), stderr \(output.stderr.prefix(300))")
            let report = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            #expect(report?["files"] != nil, "\(name): no JSON report")
            if output.status == 2 { #expect(output.stderr.contains(name), "\(name): the error must name the file") }
        }
    }

    @Test("a phrase that could explode the matcher is a rules-file error with its place")
    func phraseComplexityBound() throws {
        let yaml = """
            version: 1
            rules:
              - id: greedy
                kind: claim
                category: efficacy
                severity: warning
                message: m
                fix: f
                source: https://example.org
                phrases: ["a ... b ... c ... d ... e"]
            """
        #expect {
            _ = try RulesLoader.load(yaml: yaml, file: "rules.yml")
        } throws: { error in
            let error = error as? RulesError
            return error?.line == 3 && error?.message.contains("at most 3 gaps") == true
        }
        let long = Array(repeating: "word", count: 40).joined(separator: " ")
        #expect(throws: RulesError.self) {
            _ = try RulesLoader.load(
                yaml: yaml.replacingOccurrences(of: "a ... b ... c ... d ... e", with: long), file: "rules.yml")
        }
    }

    @Test("a symlink loop is walked once and the run ends")
    func symlinkLoop() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inner = folder.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try "Clinically proven.\n".write(to: inner.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: inner.appendingPathComponent("loop"), withDestinationURL: folder)
        let result = FileCollector().collect([folder.path])
        #expect(result.files.count == 1)
        #expect(result.errors.isEmpty)
    }

    @Test("--exclude and a configuration's exclude: skip the paths they match")
    func excludes() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["keep.md", "draft.md", "old/page.md"] {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "Clinically proven.\n".write(to: url, atomically: true, encoding: .utf8)
        }
        func linted(_ arguments: [String]) throws -> [String] {
            let output = try TestSupport.run(
                ["check", "--format", "json", "--fail-on", "never"] + arguments + [folder.path])
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            return ((report["files"] as? [[String: Any]]) ?? []).compactMap {
                ($0["path"] as? String).map { ($0 as NSString).lastPathComponent }
            }
        }
        #expect(try linted(["--no-config"]).sorted() == ["draft.md", "keep.md", "page.md"])
        #expect(try linted(["--no-config", "--exclude", "draft.md", "--exclude", "old/**"]) == ["keep.md"])
        try "version: 1\nexclude: [\"old/**\"]\n".write(
            to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        #expect(try linted([]).sorted() == ["draft.md", "keep.md"])
    }

    @Test("an unreadable folder is named and the rest is still linted")
    func unreadableFolder() throws {
        let folder = try TestSupport.temporaryFolder()
        defer {
            try? FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: folder.appendingPathComponent("locked").path)
            try? FileManager.default.removeItem(at: folder)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try "Clinically proven.\n".write(
            to: locked.appendingPathComponent("hidden.md"), atomically: true, encoding: .utf8)
        try "Clinically proven.\n".write(
            to: folder.appendingPathComponent("open.md"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        // Root reads everything, so the check runs as an unprivileged user when the tests run as root.
        var arguments = ["check", "--no-config", "--format", "json", "--fail-on", "never", folder.path]
        if getuid() == 0 {
            arguments = ["-u", "nobody", "--", TestSupport.binary.path] + arguments
        }
        let output =
            getuid() == 0 ? try TestSupport.runProgram("/usr/sbin/runuser", arguments) : try TestSupport.run(arguments)
        #expect(output.stderr.contains("locked: cannot read this folder"), "stderr: \(output.stderr)")
        #expect(output.stdout.contains("open.md"))
        #expect(output.status == 2)
    }
}
