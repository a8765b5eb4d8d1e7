import ClaimLintLSP
import Foundation
import Testing

/// The approved-claims library and the baseline in the editor: what `claimlint check` does not
/// count, the server does not show, through the library's own run path (`Acceptance.judge`).
@Suite("LSP approved claims and baseline")
struct LSPAcceptanceTests {
    static let approved = ApprovedClaimFixture.approved
    static let variant = ApprovedClaimFixture.variant
    static let library = ApprovedClaimFixture.library()

    /// The rule ids `check --format json` reports as counting for `page` in `folder`.
    static func countingRules(_ page: URL, in folder: URL) throws -> [String] {
        let output = try TestSupport.run(["check", "--format", "json", "--fail-on", "never", page.path], in: folder)
        let report = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let files = try #require(report?["files"] as? [[String: Any]])
        let findings = try #require(files.first?["findings"] as? [[String: Any]])
        return findings.filter { $0["status"] == nil }.compactMap { $0["rule"] as? String }
    }

    @Test(
        "A .claimlint.yml's approved-claims: an approved sentence shows nothing, its variant is approved-claim-variant naming the entry, as check counts them"
    )
    func approvedClaims() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "version: 1\napproved-claims: approved.yml\n".write(
            to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        try Self.library.write(to: folder.appendingPathComponent("approved.yml"), atomically: true, encoding: .utf8)
        let pageURL = folder.appendingPathComponent("tms.md")
        let text = "# TMS\n\n\(Self.approved)\n\n\(Self.variant)\n"
        try text.write(to: pageURL, atomically: true, encoding: .utf8)
        let uri = pageURL.absoluteString

        let client = try LSPTestClient(in: folder)
        _ = try client.initialize(root: folder)
        client.open(uri, text: text)
        let diagnostics = try client.diagnostics(for: uri)
        // Nothing on the approved sentence (line 2); one finding for the variant (line 4).
        #expect(!diagnostics.contains { $0["range"]?["start"]?["line"]?.int == 2 })
        let variant = try #require(diagnostics.first { $0["code"]?.string == "approved-claim-variant" })
        #expect(variant["range"]?["start"]?["line"]?.int == 4)
        #expect(variant["severity"]?.int == 1)
        #expect(variant["message"]?.string?.contains("tms-depression-1") == true)
        // Exactly what check counts for the same file.
        #expect(diagnostics.compactMap { $0["code"]?.string } == (try Self.countingRules(pageURL, in: folder)))

        // Without the library the approved sentence is an ordinary claim again.
        try "version: 1\n".write(
            to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        client.notify("textDocument/didSave", ["textDocument": ["uri": .string(uri)]])
        let unapproved = try client.diagnostics(for: uri)
        #expect(unapproved.contains { $0["range"]?["start"]?["line"]?.int == 2 })
        #expect(!unapproved.contains { $0["code"]?.string == "approved-claim-variant" })

        // A broken library is one diagnostic at its line and column, and the page is still linted.
        try "version: 1\napproved-claims: approved.yml\n".write(
            to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        try Self.library.replacingOccurrences(of: "approved-on: 2024-01-15", with: "approved-on: someday").write(
            to: folder.appendingPathComponent("approved.yml"), atomically: true, encoding: .utf8)
        client.notify("textDocument/didSave", ["textDocument": ["uri": .string(uri)]])
        let libraryURI = folder.appendingPathComponent("approved.yml").absoluteString
        let problems = try client.diagnostics(for: libraryURI)
        #expect(problems.count == 1)
        #expect(problems.first?["range"]?["start"]?["line"]?.int == 6)
        #expect(try client.diagnostics(for: uri).contains { $0["range"]?["start"]?["line"]?.int == 2 })
        #expect(try client.call("shutdown")["result"] == .null)
        client.notify("exit")
        #expect(try client.exitStatus() == 0)
    }

    @Test("initializationOptions.baseline hides the findings it records; a new claim typed in shows, alone")
    func baseline() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pageURL = folder.appendingPathComponent("drips.md")
        let text = LSPWorkspaceTests.page
        try text.write(to: pageURL, atomically: true, encoding: .utf8)
        let recorded = try TestSupport.run(
            ["check", "--write-baseline", "baseline.json", "--quiet", "drips.md"], in: folder)
        #expect(recorded.status == 0)
        let uri = pageURL.absoluteString

        let client = try LSPTestClient(in: folder)
        _ = try client.initialize(options: ["debounceMs": 0, "baseline": "baseline.json"], root: folder)
        client.open(uri, text: text)
        #expect(try client.diagnostics(for: uri).isEmpty)

        // A line inserted above moves the old findings: still absorbed. A new claim is shown.
        client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(uri), "version": 2],
                "contentChanges": [
                    [
                        "range": ["start": ["line": 2, "character": 0], "end": ["line": 2, "character": 0]],
                        "text": "Guaranteed results.\n\n",
                    ]
                ],
            ])
        let after = try client.diagnostics(for: uri)
        #expect(after.compactMap { $0["code"]?.string } == ["guarantee"])
        #expect(after.first?["range"]?["start"]?["line"]?.int == 2)
        client.notify("exit")
        #expect(try client.exitStatus() == 1)
    }
}
