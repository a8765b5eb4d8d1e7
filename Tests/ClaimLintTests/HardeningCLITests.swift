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
        try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
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
        let error = try #require(throws: RulesError.self) { try ProjectConfiguration.load(yaml: "version: 1\nroot: maybe\n", file: "c.yml") }
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
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
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
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Self.write("version: 1\nexclude: [\"drafts/**\"]\n", folder, ".claimlint.yml")
        try Self.write("Clinically proven.\n", folder, "drafts/a.md")
        try Self.write("Clinically proven.\n", folder, "b.md")
        let byConfiguration = try TestSupport.run(["check", "drafts/a.md"], in: folder)
        #expect(byConfiguration.status == 0, "\(byConfiguration.stderr)")
        #expect(byConfiguration.stderr.contains("note: drafts/a.md: not linted: it matches 'drafts/**' in "), "\(byConfiguration.stderr)")
        let byOption = try TestSupport.run(["check", "--exclude", "b.md", "b.md"], in: folder)
        #expect(byOption.status == 0, "\(byOption.stderr)")
        #expect(byOption.stderr.contains("note: b.md: not linted: it matches --exclude 'b.md'"), "\(byOption.stderr)")
    }

    @Test("a configuration file owned by another user and writable by anyone is warned about", .enabled(if: getuid() == 0, "needs root to give the file to another user"))
    func foreignConfiguration() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Self.write("version: 1\n", folder, ".claimlint.yml")
        try Self.write("Clinically proven.\n", folder, "a.md")
        let config = folder.appendingPathComponent(".claimlint.yml").path
        #expect(chown(config, 65534, 65534) == 0)
        #expect(chmod(config, 0o666) == 0)
        let output = try TestSupport.run(["check", "a.md"], in: folder)
        #expect(output.stderr.contains("warning: \(folder.path)/.claimlint.yml: owned by another user and writable by anyone"), "\(output.stderr)")
    }
}
