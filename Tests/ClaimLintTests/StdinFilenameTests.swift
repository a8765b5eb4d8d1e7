import Foundation
import Testing

/// `claimlint check --stdin-filename PATH -`, as editors and vale-ls-style servers call it.
@Suite("check --stdin-filename")
struct StdinFilenameTests {
    @Test("Standard input is reported under its real path and judged by that path's .claimlint.yml and exclude")
    func realPath() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pages = folder.appendingPathComponent("pages")
        try FileManager.default.createDirectory(
            at: pages.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        try "version: 1\ndisable: [uncited-statistic]\nexclude: [\"drafts/**\"]\n".write(
            to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        let page = "Our IV drips are FDA-approved and 70% of patients feel better.\n"
        let path = pages.appendingPathComponent("drips.md").path

        // Run from elsewhere: the configuration is found from the named path, not the current folder.
        let named = try TestSupport.run(
            ["check", "--stdin-filename", path, "-"], in: FileManager.default.temporaryDirectory, stdin: page)
        #expect(named.status == 1)
        #expect(named.stdout.contains("\(path):1:18: error:"))
        #expect(named.stdout.contains("[regulatory-status]"))
        #expect(!named.stdout.contains("uncited-statistic"))
        #expect(!named.stdout.contains("-:1:"))

        // Without the option the same input is "-" and the configuration is not found.
        let anonymous = try TestSupport.run(["check", "-"], in: FileManager.default.temporaryDirectory, stdin: page)
        #expect(anonymous.stdout.contains("-:1:35: warning:"))

        // A path the configuration excludes is not linted.
        let excluded = try TestSupport.run(
            ["check", "--stdin-filename", pages.appendingPathComponent("drafts/x.md").path, "-"], in: folder,
            stdin: page)
        #expect(excluded.status == 0)
        #expect(excluded.stdout.contains("0 files linted"))

        // The option needs '-' among the paths.
        #expect(try TestSupport.run(["check", "--stdin-filename", path, path]).status == 64)
    }
}
