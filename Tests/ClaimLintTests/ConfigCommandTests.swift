import Foundation
import Testing

@testable import ClaimLint

/// `claimlint init` and `claimlint config` (issue 12, section 4).
@Suite("init and config commands")
struct ConfigCommandTests {
    @Test("the starter configuration is valid and changes nothing")
    func starterIsValid() throws {
        let configuration = try ProjectConfiguration.load(yaml: StarterConfiguration.text, file: ".claimlint.yml")
        let defaults = try RulesLoader.defaultRules()
        let set = try configuration.applied(to: defaults)
        #expect(set.rules.map(\.id) == defaults.rules.map(\.id))
        #expect(set.disabledRules.isEmpty)
        #expect(StarterConfiguration.text.contains("# "))
    }

    @Test("init writes the starter file, and refuses to overwrite one (exit 2, naming it)")
    func initWritesOnce() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try TestSupport.run(["init"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let file = folder.appendingPathComponent(".claimlint.yml")
        #expect(try String(contentsOf: file, encoding: .utf8) == StarterConfiguration.text)
        try Data("version: 1\ndisable: [superlative]\n".utf8).write(to: file)
        let second = try TestSupport.run(["init"], in: folder)
        #expect(second.status == 2)
        #expect(second.stderr.contains("claimlint: error: .claimlint.yml: already exists"), "\(second.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "version: 1\ndisable: [superlative]\n")
        // --path names the folder.
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        #expect(try TestSupport.run(["init", "--path", "site"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/.claimlint.yml").path))
        let again = try TestSupport.run(["init", "--path", "site"], in: folder)
        #expect(again.status == 2)
        #expect(again.stderr.contains("site/.claimlint.yml: already exists"), "\(again.stderr)")
    }

    /// A repository whose root disables a rule and whose `blog/` file adds an override.
    static func repository() throws -> URL {
        let folder = try TestSupport.temporaryFolder()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("blog"), withIntermediateDirectories: true)
        try Data(
            "version: 1\ndisable: [superlative]\nsources: {untrusted: [our-clinic.example]}\nexclude: [\"drafts/**\"]\n"
                .utf8
        ).write(to: folder.appendingPathComponent(".claimlint.yml"))
        try Data(
            "version: 1\nseverity: {efficacy: error}\noverrides:\n  - paths: [\"news-*.md\"]\n    enable: [superlative]\n"
                .utf8
        ).write(to: folder.appendingPathComponent("blog/.claimlint.yml"))
        try Data("Hello.\n".utf8).write(to: folder.appendingPathComponent("blog/news-1.md"))
        return folder
    }

    @Test("config prints the files in order, what they changed and where, and applies overrides for a file")
    func configText() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.standardizedFileURL.path
        let forFolder = try TestSupport.run(["config", "blog"], in: folder)
        #expect(forFolder.status == 0, "\(forFolder.stderr)")
        let text = forFolder.stdout
        let files = "Project files, applied in this order:\n  \(root)/.claimlint.yml\n  \(root)/blog/.claimlint.yml\n"
        #expect(text.contains(files), "\(text)")
        #expect(text.contains("  disabled superlative (\(root)/.claimlint.yml:2:11)\n"), "\(text)")
        #expect(text.contains("  severity efficacy: error (was warning; \(root)/blog/.claimlint.yml:2:12)\n"))
        #expect(text.contains("Untrusted sources: our-clinic.example\n"))
        #expect(text.contains("Exclude: 'drafts/**' (\(root)/.claimlint.yml)\n"))
        #expect(
            text.contains("Overrides for some paths below it:\n  \(root)/blog/.claimlint.yml:4:5: paths news-*.md\n"))
        let forFile = try TestSupport.run(["config", "blog/news-1.md"], in: folder).stdout
        #expect(forFile.contains("Overrides that match it, applied in this order:\n  \(root)/blog/.claimlint.yml:4:5"))
        #expect(forFile.contains("  enabled  superlative (\(root)/blog/.claimlint.yml:5:14)\n"), "\(forFile)")
        // The digest is the one check records for that page.
        let check = try TestSupport.run(["check", "--format", "json", "blog/news-1.md"], in: folder)
        let report = try JSONReportReader.read(Data(check.stdout.utf8), path: "run.json")
        #expect(forFile.contains("rules digest \(report.files[0].rulesDigest)\n"))
        let ignoring = try TestSupport.run(["config", "--no-config", "blog"], in: folder).stdout
        #expect(ignoring.contains("Project files: none\n"))
    }

    @Test("config --format json is valid JSON with the same facts; a missing path is exit 2")
    func configJSON() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try TestSupport.run(["config", "--format", "json", "blog/news-1.md"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let root = folder.standardizedFileURL.path
        #expect(object["files"] as? [String] == ["\(root)/.claimlint.yml", "\(root)/blog/.claimlint.yml"])
        #expect((object["disabled"] as? [[String: Any]])?.isEmpty == true)
        #expect((object["overrides"] as? [[String: Any]])?.first?["paths"] as? [String] == ["news-*.md"])
        #expect((object["severities"] as? [[String: Any]])?.first?["was"] as? String == "warning")
        let missing = try TestSupport.run(["config", "nowhere"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("claimlint: error: nowhere: no such file or folder"))
    }
}
