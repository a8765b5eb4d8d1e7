import Foundation
import Testing

@testable import ClaimLint

/// Nested `.claimlint.yml` files extend their parents', and `overrides:` change the rules for some
/// paths (issue 12, section 4).
@Suite("Configuration that composes")
struct ConfigurationStackTests {
    static let page = """
        We are the #1 clinic, the best ketamine clinic in Texas.

        It is clinically proven to cure depression ([study](https://our-clinic.example/s)).

        """

    /// A repository with a page in its root and one in `sub/`, and the given configurations.
    static func repository(_ files: [String: String]) throws -> URL {
        let folder = try TestSupport.temporaryFolder()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        var all = ["a.md": page, "sub/a.md": page, "sub/blog/a.md": page]
        all.merge(files) { $1 }
        for (path, text) in all {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    /// The rule ids found in each page, by path relative to the repository.
    /// (Absolute paths: tests run in parallel in one process, so none may change its folder.)
    static func findings(_ folder: URL) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for file in try lint(folder, ["."]) {
            result[file.path] = file.findings.filter { $0.status == nil }.map(\.ruleID).sorted()
        }
        return result
    }

    /// The reports of `paths` (relative to the repository), each named by its relative path.
    static func lint(_ folder: URL, _ paths: [String]) throws -> [FileReport] {
        let root = folder.standardizedFileURL.path
        let report = try LintRun(paths: paths.map { $0 == "." ? root : root + "/" + $0 }).run()
        return report.files.map { file in
            var file = file
            file.path = String(file.path.dropFirst(root.count + 1))
            return file
        }
    }

    @Test("a nested file extends its parent's: disable and untrusted sources add up, severities are overridden")
    func nestedExtends() throws {
        let folder = try Self.repository([
            ".claimlint.yml": "version: 1\ndisable: [superlative]\nseverity: {crisis-line: error}\n",
            "sub/.claimlint.yml":
                "version: 1\ndisable: [off-label-disclosure]\nsources:\n  untrusted: [our-clinic.example]\nseverity: {crisis-line: info}\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let found = try Self.findings(folder)
        #expect(found["a.md"] == ["crisis-line", "off-label-disclosure"])
        // The child keeps the parent's disabled rule, adds its own and an untrusted source.
        #expect(found["sub/a.md"] == ["crisis-line", "scientific-authority", "serious-disease-claim"])
        let severities = try Self.lint(folder, ["a.md", "sub/a.md"]).map {
            $0.findings.first { $0.ruleID == "crisis-line" }?.severity
        }
        #expect(severities == [.error, .info])
    }

    @Test("a version: 1 file with nothing else in a sub-folder changes nothing")
    func emptyChildKeepsParent() throws {
        let folder = try Self.repository([
            ".claimlint.yml": "version: 1\ndisable: [superlative, crisis-line, off-label-disclosure]\n",
            "sub/.claimlint.yml": "version: 1\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let found = try Self.findings(folder)
        #expect(found["a.md"] == [])
        #expect(found["sub/a.md"] == [])
    }

    @Test("enable turns a parent's disabled rule back on; root: true ignores the files above")
    func enableAndRoot() throws {
        let folder = try Self.repository([
            ".claimlint.yml": "version: 1\ndisable: [superlative, crisis-line]\n",
            "sub/.claimlint.yml": "version: 1\nenable: [superlative]\n",
            "sub/blog/.claimlint.yml": "version: 1\nroot: true\ndisable: [off-label-disclosure]\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let found = try Self.findings(folder)
        #expect(found["a.md"] == ["off-label-disclosure"])
        #expect(found["sub/a.md"] == ["off-label-disclosure", "superlative"])
        #expect(found["sub/blog/a.md"] == ["crisis-line", "superlative"])
    }

    @Test("overrides apply to the paths they name, relative to their file; the last matching one wins per key")
    func overrides() throws {
        let folder = try Self.repository([
            ".claimlint.yml": """
            version: 1
            disable: [crisis-line]
            overrides:
              - paths: ["sub/**"]
                disable: [superlative]
                severity: {off-label-disclosure: info}
              - paths: ["sub/blog/*.md"]
                enable: [superlative]
                severity: {off-label-disclosure: warning}
            """,
            "sub/.claimlint.yml": """
            version: 1
            overrides:
              - paths: ["blog/**"]
                sources:
                  untrusted: [our-clinic.example]
            """,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let found = try Self.findings(folder)
        #expect(found["a.md"] == ["off-label-disclosure", "superlative"])
        #expect(found["sub/a.md"] == ["off-label-disclosure"])
        #expect(
            found["sub/blog/a.md"] == [
                "off-label-disclosure", "scientific-authority", "serious-disease-claim", "superlative",
            ])
        let severities = try Self.lint(folder, ["a.md", "sub/a.md", "sub/blog/a.md"]).map {
            $0.findings.first { $0.ruleID == "off-label-disclosure" }?.severity
        }
        #expect(severities == [.error, .info, .warning])
    }

    @Test("excludes add up, each relative to its own file")
    func excludesAddUp() throws {
        let folder = try Self.repository([
            ".claimlint.yml": "version: 1\nexclude: [\"sub/blog/**\"]\n",
            "sub/.claimlint.yml": "version: 1\nexclude: [\"a.md\"]\n",
            "sub/b.md": Self.page,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.findings(folder).keys.sorted() == ["a.md", "sub/b.md"])
    }

    @Test("approved-claims resolves against the file that names it, and the nearest one wins")
    func approvedClaimsNearest() throws {
        let library = """
            version: 1
            claims:
              - id: house-1
                text: It is clinically proven to cure depression (study).
                reference: "Ref"
                approved-by: Board
                approved-on: 2025-01-01
            """
        let folder = try Self.repository([
            ".claimlint.yml": "version: 1\napproved-claims: nothing-here.yml\n",
            "sub/.claimlint.yml":
                "version: 1\napproved-claims: lib/approved.yml\nsources: {untrusted: [our-clinic.example]}\n",
            "sub/lib/approved.yml": library,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let approved = try Self.lint(folder, ["sub/a.md"])[0].findings.filter { $0.status != nil }.map(\.ruleID)
            .sorted()
        #expect(approved == ["scientific-authority", "serious-disease-claim"])
    }

    @Test("baseline: resolves against the file that names it, and the nearest one wins")
    func baselineNearest() throws {
        let top = try ProjectConfiguration.load(yaml: "version: 1\nbaseline: ci/b.json\n", file: "/r/.claimlint.yml")
        let sub = try ProjectConfiguration.load(
            yaml: "version: 1\nbaseline: /abs/b.json\n", file: "/r/s/.claimlint.yml")
        let plain = try ProjectConfiguration.load(yaml: "version: 1\n", file: "/r/s/t/.claimlint.yml")
        #expect(ConfigurationStack(files: [top]).baseline == "/r/ci/b.json")
        #expect(ConfigurationStack(files: [top, sub, plain]).baseline == "/abs/b.json")
        #expect(ConfigurationStack(files: [plain]).baseline == nil)
        #expect(throws: RulesError.self) {
            try ProjectConfiguration.load(yaml: "version: 1\nbaseline: \"\"\n", file: "/r/.claimlint.yml")
        }
    }

    @Test(
        "overrides are validated with file, line and column",
        arguments: [
            (
                "version: 1\noverrides:\n  - paths: [\"a/**\"]\n    exclude: [x]\n", 4, 5,
                "unknown key 'exclude' in an override"
            ),
            ("version: 1\noverrides:\n  - disable: [superlative]\n", 3, 5, "an override needs 'paths:'"),
            ("version: 1\noverrides: {paths: [a]}\n", 2, 12, "overrides must be a list"),
            ("version: 1\noverrides:\n  - paths: []\n", 3, 12, "paths must name at least one glob"),
            ("version: 1\nenable: [superlative]\ndisable: [superlative]\n", 2, 10, "both in disable and in enable"),
        ] as [(String, Int, Int, String)]
    )
    func overrideErrors(yaml: String, line: Int, column: Int, message: String) throws {
        let error = try #require(throws: RulesError.self) {
            try ProjectConfiguration.load(yaml: yaml, file: "c.yml")
        }
        #expect(error.file == "c.yml")
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(message), "message was: \(error.message)")
    }

    @Test("an unknown rule id in an override's disable, enable or severity is an error at its place")
    func overrideUnknownRule() throws {
        let configuration = try ProjectConfiguration.load(
            yaml: "version: 1\noverrides:\n  - paths: [\"**\"]\n    enable: [no-such-rule]\n", file: "c.yml")
        let stack = ConfigurationStack(files: [configuration])
        let error = try #require(throws: RulesError.self) {
            try stack.applied(to: RulesLoader.defaultRules(), overrides: [.init(file: 0, index: 0)])
        }
        #expect(error.line == 4)
        #expect(error.column == 14)
        #expect(error.message == "enable: no rule has the id 'no-such-rule'")
    }

    @Test("the CLI lints a sub-folder with its parent's settings, and an unknown override key stops the run")
    func commandLine() throws {
        let folder = try Self.repository([
            ".claimlint.yml": "version: 1\ndisable: [superlative]\n",
            "sub/.claimlint.yml": "version: 1\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try TestSupport.run(["check", "--quiet", "sub/a.md"], in: folder)
        #expect(output.status == 1)
        #expect(!output.stdout.contains("[superlative]"), "\(output.stdout)")
        #expect(output.stdout.contains("[off-label-disclosure]"))
        try Data("version: 1\noverrides:\n  - paths: [x]\n    severty: {}\n".utf8).write(
            to: folder.appendingPathComponent("sub/.claimlint.yml"))
        let broken = try TestSupport.run(["check", "sub/a.md"], in: folder)
        #expect(broken.status == 2)
        #expect(
            broken.stderr.contains("sub/.claimlint.yml:4:5: unknown key 'severty' in an override"), "\(broken.stderr)")
    }

    @Test(
        "each file records the digest of its own rules: JSON per file, SARIF and HTML where it differs from the run's")
    func perFileDigest() throws {
        let folder = try Self.repository([
            "sub/.claimlint.yml": "version: 1\ndisable: [superlative]\n",
            "sub/blog/.claimlint.yml": "version: 1\noverrides:\n  - paths: [\"*.md\"]\n    disable: [crisis-line]\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try TestSupport.run(["check", "--format", "json", "a.md", "sub"], in: folder)
        #expect(output.status == 1)
        let report = try JSONReportReader.read(Data(output.stdout.utf8), path: "run.json")
        let digests = report.files.map(\.rulesDigest)
        #expect(report.files.map(\.path) == ["a.md", "sub/a.md", "sub/blog/a.md"])
        #expect(Set(digests).count == 3, "\(digests)")
        #expect(!digests.contains(""))
        // The run's digest is the first file's, as before; each file's is that of the linter that judged it.
        #expect(report.rulesDigest == digests[0])
        let stack = try #require(try RuleSource().configurationStack(governing: folder.path + "/sub"))
        let expected = try Linter(ruleSet: stack.applied(to: RulesLoader.defaultRules(), for: nil)).rulesDigest
        #expect(digests[1] == expected)
        let sarif = try TestSupport.run(["check", "--format", "sarif", "a.md", "sub"], in: folder).stdout
        #expect(sarif.components(separatedBy: "\"rulesDigest\"").count - 1 == 3, "\(sarif.prefix(2000))")
        #expect(sarif.contains(digests[2]))
        let html = try TestSupport.run(["check", "--format", "html", "a.md", "sub"], in: folder).stdout
        #expect(html.contains("rules <code>\(digests[1])</code>"))
        #expect(!html.contains("rules <code>\(digests[0])</code>"))
    }
}
