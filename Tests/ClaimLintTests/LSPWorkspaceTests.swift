import ClaimLintLSP
import Foundation
import Testing

/// `claimlint lsp` with configuration files, rules files, pull diagnostics, cancellation and a
/// long page: the built binary over real pipes.
@Suite("LSP workspace")
struct LSPWorkspaceTests {
    static let page = "# IV drips\n\nOur IV drips are FDA-approved and 70% of patients feel better.\n"

    @Test(
        "The nearest .claimlint.yml applies; a broken one is one diagnostic at its line and column and a message, never a crash; fixing it clears it"
    )
    func configuration() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pages = folder.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent(".claimlint.yml")
        try "version: 1\ndisable: [uncited-statistic]\n".write(to: config, atomically: true, encoding: .utf8)
        let uri = pages.appendingPathComponent("drips.md").absoluteString
        let client = try LSPTestClient(in: folder)
        _ = try client.initialize(root: folder)
        client.open(uri, text: Self.page)
        let configured = try client.diagnostics(for: uri).compactMap { $0["code"]?.string }
        #expect(configured.contains("regulatory-status"))
        #expect(!configured.contains("uncited-statistic"))

        // Broken: an unknown rule id on line 2, column 12.
        try "version: 1\ndisable: [no-such-rule]\n".write(to: config, atomically: true, encoding: .utf8)
        client.notify(
            "workspace/didChangeWatchedFiles", ["changes": [["uri": .string(config.absoluteString), "type": 2]]])
        let problems = try client.diagnostics(for: config.absoluteString)
        #expect(problems.count == 1)
        #expect(problems.first?["range"]?["start"] == ["line": 1, "character": 10])
        #expect(problems.first?["message"]?.string?.contains("no-such-rule") == true)
        let message = try client.wait(for: "showMessage") { $0["method"]?.string == "window/showMessage" }
        #expect(message["params"]?["type"]?.int == 1)
        #expect(message["params"]?["message"]?.string?.contains(".claimlint.yml:2:11") == true)
        // The page is still linted (without the broken configuration), and the server still serves.
        #expect(try client.diagnostics(for: uri).contains { $0["code"]?.string == "uncited-statistic" })

        // Fixed, and noticed on save: the configuration's diagnostic is cleared.
        try "version: 1\ndisable: [regulatory-status]\n".write(to: config, atomically: true, encoding: .utf8)
        client.notify("textDocument/didSave", ["textDocument": ["uri": .string(uri)]])
        #expect(try client.diagnostics(for: config.absoluteString).isEmpty)
        let fixed = try client.diagnostics(for: uri).compactMap { $0["code"]?.string }
        #expect(fixed.contains("uncited-statistic") && !fixed.contains("regulatory-status"))
        #expect(try client.call("shutdown")["result"] == .null)
        client.notify("exit")
        #expect(try client.exitStatus() == 0)
    }

    @Test(
        "A rules file named in initializationOptions (extends: none) replaces the embedded rules; noConfig ignores .claimlint.yml"
    )
    func rulesFileOption() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "version: 1\ndisable: [miracle-wording]\n".write(
            to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        try """
        version: 1
        extends: none
        rules:
          - id: miracle-wording
            kind: claim
            category: efficacy
            severity: error
            message: Miracle wording.
            fix: Say what it does.
            source: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
            phrases: ["miracle"]
            examples:
              trigger: ["It is a miracle."]
              pass: ["It is a treatment."]

        """.write(to: folder.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        let uri = folder.appendingPathComponent("page.md").absoluteString
        let client = try LSPTestClient(in: folder)
        _ = try client.initialize(options: ["debounceMs": 0, "rulesFile": "rules.yml", "noConfig": true], root: folder)
        client.open(uri, text: "Our drip is a miracle. It is FDA-approved.\n")
        let codes = try client.diagnostics(for: uri).compactMap { $0["code"]?.string }
        #expect(codes == ["miracle-wording"])
        #expect(try client.call("shutdown")["result"] == .null)
        client.notify("exit")
        #expect(try client.exitStatus() == 0)
    }

    @Test("The suppression code action, applied as an editor applies it, suppresses its finding and nothing else")
    func suppressionRoundTrip() throws {
        let text = try LSPServerTests.sampleText()
        let uri = LSPServerTests.sampleURI
        let client = try LSPTestClient()
        _ = try client.initialize()
        client.open(uri, text: text)
        let before = try client.diagnostics(for: uri)
        let target = try #require(before.first { $0["code"]?.string == "absolute-safety" })
        let actions =
            try client.call(
                "textDocument/codeAction",
                [
                    "textDocument": ["uri": .string(uri)], "range": target["range"]!,
                    "context": ["diagnostics": [target]],
                ])["result"]?.array ?? []
        let edit = try #require(
            actions.first { $0["title"]?.string?.hasPrefix("Suppress") == true }?["edit"]?["changes"]?[uri]?[0])
        client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(uri), "version": 2],
                "contentChanges": [["range": edit["range"]!, "text": edit["newText"]!]],
            ])
        let after = try client.diagnostics(for: uri).compactMap { $0["code"]?.string }
        var expected = before.compactMap { $0["code"]?.string }
        expected.remove(at: try #require(expected.firstIndex(of: "absolute-safety")))
        #expect(after == expected)
        client.notify("exit")
        #expect(try client.exitStatus() == 1)
    }

    /// A page of about `kilobytes` KB made of the sample repeated.
    static func longPage(kilobytes: Int) throws -> String {
        let sample = try LSPServerTests.sampleText()
        return String(repeating: sample + "\n", count: kilobytes * 1024 / sample.utf8.count + 1)
    }

    @Test("While a 200 KB page is being linted, hover is answered first: linting is not on the reader thread")
    func hoverDuringLint() throws {
        let client = try LSPTestClient()
        _ = try client.initialize()
        let small = LSPServerTests.sampleURI
        client.open(small, text: try LSPServerTests.sampleText())
        let position = try #require(client.diagnostics(for: small).first?["range"]?["start"])
        let longURI = TestSupport.packageRoot.appendingPathComponent("Samples/long.md").absoluteString
        client.open(longURI, text: try Self.longPage(kilobytes: 200))
        let hover = client.request(
            "textDocument/hover", ["textDocument": ["uri": .string(small)], "position": position])
        _ = try client.response(to: hover)
        // The hover's answer came while the long page's diagnostics were still being computed.
        #expect(!client.pending().contains { $0["params"]?["uri"]?.string == longURI })
        #expect(try client.diagnostics(for: longURI).count > 100)
        client.notify("exit")
        #expect(try client.exitStatus() == 1)
    }

    @Test("Pull diagnostics: a full report, then 'unchanged' for the same result id; a queued request is cancelled")
    func pullAndCancel() throws {
        let client = try LSPTestClient()
        let result = try client.initialize(capabilities: [
            "textDocument": ["diagnostic": ["dynamicRegistration": false]]
        ])
        #expect(result["capabilities"]?["diagnosticProvider"]?["identifier"]?.string == "claimlint")
        let uri = LSPServerTests.sampleURI
        client.open(uri, text: try LSPServerTests.sampleText())
        let report = try client.call("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])["result"]
        #expect(report?["kind"]?.string == "full")
        #expect(report?["items"]?.array?.contains { $0["code"]?.string == "guarantee" } == true)
        let again = try client.call(
            "textDocument/diagnostic",
            ["textDocument": ["uri": .string(uri)], "previousResultId": report?["resultId"] ?? .null])["result"]
        #expect(again?["kind"]?.string == "unchanged")
        // In pull mode nothing was pushed for the page.
        #expect(!client.pending().contains { $0["method"]?.string == "textDocument/publishDiagnostics" })

        // The worker is busy with a 200 KB page; the second request waits behind it and is cancelled.
        let longURI = TestSupport.packageRoot.appendingPathComponent("Samples/long.md").absoluteString
        client.open(longURI, text: try Self.longPage(kilobytes: 200))
        let first = client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(longURI)]])
        let second = client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(longURI)]])
        client.notify("$/cancelRequest", ["id": .int(second)])
        #expect(try client.response(to: second)["error"]?["code"]?.int == -32800)
        #expect(try client.response(to: first)["result"]?["kind"]?.string == "full")
        #expect(try client.call("shutdown")["result"] == .null)
        client.notify("exit")
        #expect(try client.exitStatus() == 0)
    }
}
