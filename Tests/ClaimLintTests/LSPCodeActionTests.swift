import ClaimLintLSP
import Foundation
import Testing

/// The code actions that rewrite the page: a claim replaced by its rule's `suggest` rewording, and
/// a missing disclosure's `text` added at the rule's `placement`. The built binary over real pipes,
/// with ranges counted in UTF-16 on a line that has an emoji and accents before the claim.
@Suite("LSP code actions")
struct LSPCodeActionTests {
    static let uri = TestSupport.packageRoot.appendingPathComponent("Samples/code-actions.md").absoluteString
    static let page = """
        # Clinic

        🌿 Café guests say the relief is long-lasting.

        Our ketamine infusions ease depression for many.
        Book today.

        More.

        """

    /// The code actions offered for this diagnostic (findings that share its range have their own).
    static func actions(_ client: LSPTestClient, for diagnostic: JSON) throws -> [JSON] {
        let actions =
            try client.call(
                "textDocument/codeAction",
                [
                    "textDocument": ["uri": .string(uri)], "range": diagnostic["range"]!,
                    "context": ["diagnostics": [diagnostic]],
                ])["result"]?.array ?? []
        return actions.filter { $0["diagnostics"]?[0]?["code"] == diagnostic["code"] }
    }

    /// Applies a quick fix's one edit as an editor would (an incremental change), and returns the
    /// diagnostics of the new text.
    static func apply(_ edit: JSON, version: Int, _ client: LSPTestClient) throws -> [JSON] {
        client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(uri), "version": .int(version)],
                "contentChanges": [["range": edit["range"]!, "text": edit["newText"]!]],
            ])
        return try client.diagnostics(for: uri)
    }

    static func point(_ line: Int, _ character: Int) -> JSON {
        ["line": .int(line), "character": .int(character)]
    }

    @Test(
        "A claim's quick fix replaces exactly its words (UTF-16, after an emoji and an accent) with the rule's rewording"
    )
    func rewording() throws {
        let client = try LSPTestClient()
        _ = try client.initialize()
        client.open(Self.uri, text: Self.page)
        let diagnostics = try client.diagnostics(for: Self.uri)
        let claim = try LSPServerTests.range(of: "long-lasting", line: 2, in: Self.page)
        // "🌿 Café guests say the relief is " is 33 UTF-16 units (the emoji is two), 32 scalars.
        #expect(claim == ["start": Self.point(2, 33), "end": Self.point(2, 45)])
        let diagnostic = try #require(LSPServerTests.diagnostic(diagnostics, code: "speed-permanence", at: claim))
        let actions = try Self.actions(client, for: diagnostic)
        let replace = try #require(actions.first { $0["title"]?.string?.hasPrefix("Replace") == true })
        #expect(
            replace["title"]?.string
                == "Replace “long-lasting” with “long-lasting for some patients, though results vary”")
        #expect(replace["kind"]?.string == "quickfix")
        #expect(replace["isPreferred"] == true)
        #expect(replace["diagnostics"]?[0]?["code"]?.string == "speed-permanence")
        let edits = try #require(replace["edit"]?["changes"]?[Self.uri]?.array)
        #expect(edits.count == 1)
        #expect(edits[0]["range"] == claim)
        #expect(edits[0]["newText"]?.string == "long-lasting for some patients, though results vary")
        // The suppression is still offered beside it.
        #expect(actions.contains { $0["title"]?.string?.hasPrefix("Suppress speed-permanence") == true })

        // Applied, every other finding stays where it was (the edit touched only the claim's words).
        let after = try Self.apply(edits[0], version: 2, client)
        let others = diagnostics.filter { $0["code"]?.string != "speed-permanence" }
        #expect(
            after.filter { $0["code"]?.string != "speed-permanence" }.map { $0["range"] } == others.map { $0["range"] })

        // A finding whose rule has no `suggest` offers no rewording.
        let statistic = try #require(diagnostics.first { $0["code"]?.string == "health-benefit" })
        #expect(
            !(try Self.actions(client, for: statistic)).contains { $0["title"]?.string?.hasPrefix("Replace") == true })
        client.notify("exit")
        #expect(try client.exitStatus() == 1)
    }

    @Test(
        "A missing disclosure's quick fix adds the rule's text at its placement, as a paragraph, with versioned edits")
    func disclosure() throws {
        let client = try LSPTestClient()
        _ = try client.initialize(capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
        client.open(Self.uri, text: Self.page, version: 7)
        let diagnostics = try client.diagnostics(for: Self.uri)

        // after-first-mention: the paragraph that names ketamine ends on line 5; the text goes on
        // line 6, the blank line after it, with a blank line before.
        let offLabel = try #require(diagnostics.first { $0["code"]?.string == "off-label-disclosure" })
        #expect(offLabel["range"] == (try LSPServerTests.range(of: "ketamine", line: 4, in: Self.page)))
        let add = try #require(
            try Self.actions(client, for: offLabel).first {
                $0["title"]?.string?.hasPrefix("Add the disclosure") == true
            })
        #expect(add["isPreferred"] == true)
        let change = try #require(add["edit"]?["documentChanges"]?[0])
        #expect(change["textDocument"] == ["uri": .string(Self.uri), "version": 7])
        let edit = try #require(change["edits"]?[0])
        #expect(edit["range"] == ["start": Self.point(6, 0), "end": Self.point(6, 0)])
        let text = try #require(edit["newText"]?.string)
        #expect(text.hasPrefix("\nKetamine is FDA-approved only as an anesthetic,") && text.hasSuffix("off-label.\n"))
        #expect(add["title"]?.string?.hasPrefix("Add the disclosure (after-first-mention): “Ketamine is") == true)
        let afterOffLabel = try Self.apply(edit, version: 8, client)
        #expect(!afterOffLabel.contains { $0["code"]?.string == "off-label-disclosure" })

        // page-top: the crisis line goes right under the title (line 0), on line 1.
        let crisis = try #require(afterOffLabel.first { $0["code"]?.string == "crisis-line" })
        let addCrisis = try #require(
            try Self.actions(client, for: crisis).first { $0["title"]?.string?.hasPrefix("Add the disclosure") == true }
        )
        #expect(addCrisis["edit"]?["documentChanges"]?[0]?["textDocument"]?["version"] == 8)
        let crisisEdit = try #require(addCrisis["edit"]?["documentChanges"]?[0]?["edits"]?[0])
        #expect(crisisEdit["range"] == ["start": Self.point(1, 0), "end": Self.point(1, 0)])
        #expect(crisisEdit["newText"]?.string?.contains("988") == true)
        let afterCrisis = try Self.apply(crisisEdit, version: 9, client)
        #expect(!afterCrisis.contains { $0["code"]?.string == "crisis-line" })
        // Each disclosure is its own paragraph: the claim found before is still found at its words,
        // two lines down (the crisis line and the blank line before it; the off-label text came after it).
        let benefit = try #require(diagnostics.first { $0["code"]?.string == "health-benefit" })
        let moved = try #require(afterCrisis.first { $0["code"]?.string == "health-benefit" })
        #expect(moved["range"]?["start"]?["character"] == benefit["range"]?["start"]?["character"])
        #expect(moved["range"]?["start"]?["line"]?.int == (benefit["range"]?["start"]?["line"]?.int ?? 0) + 2)
        client.notify("exit")
        #expect(try client.exitStatus() == 1)
    }
}
