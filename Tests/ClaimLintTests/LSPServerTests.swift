import ClaimLintLSP
import Foundation
import Testing

/// `claimlint lsp` end to end: the built binary, driven over real pipes by `LSPTestClient`.
@Suite("LSP server")
struct LSPServerTests {
    static let samplePath = TestSupport.packageRoot.appendingPathComponent("Samples/ketamine-clinic.md")
    static let sampleURI = samplePath.absoluteString

    static func sampleText() throws -> String { try String(contentsOf: samplePath, encoding: .utf8) }

    /// The range of `needle` on 0-based `line` of `text`, counted in `encoding`'s units with
    /// Swift's own views (independent of the server's arithmetic).
    static func range(of needle: String, line: Int, in text: String, encoding: PositionEncoding = .utf16) throws -> JSON
    {
        let lineText = text.components(separatedBy: "\n")[line]
        let found = try #require(lineText.range(of: needle), "“\(needle)” is not on line \(line + 1)")
        func units(_ prefix: Substring) -> Int {
            switch encoding {
            case .utf8: prefix.utf8.count
            case .utf16: prefix.utf16.count
            case .utf32: prefix.unicodeScalars.count
            }
        }
        let start = units(lineText[..<found.lowerBound])
        let end = units(lineText[..<found.upperBound])
        return [
            "start": ["line": .int(line), "character": .int(start)],
            "end": ["line": .int(line), "character": .int(end)],
        ]
    }

    static func diagnostic(_ diagnostics: [JSON], code: String, at range: JSON) -> JSON? {
        diagnostics.first { $0["code"]?.string == code && $0["range"] == range }
    }

    /// The findings `claimlint check --format json` reports for the sample, as (rule, LSP range in
    /// UTF-16) pairs: the CLI's 1-based scalar columns converted with Swift's string views.
    static func checkFindings(_ text: String) throws -> [(String, JSON)] {
        let output = try TestSupport.run(["check", "--no-config", "--format", "json", samplePath.path])
        let report = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let findings = try #require(((report?["files"] as? [[String: Any]])?.first?["findings"]) as? [[String: Any]])
        let lines = text.components(separatedBy: "\n")
        func position(_ point: [String: Any]) -> JSON {
            let line = (point["line"] as! Int) - 1
            let scalars = lines[line].unicodeScalars
            let index = scalars.index(scalars.startIndex, offsetBy: (point["column"] as! Int) - 1)
            return ["line": .int(line), "character": .int(String(lines[line].unicodeScalars[..<index]).utf16.count)]
        }
        return findings.map { finding in
            let range = finding["range"] as! [String: Any]
            return (
                finding["rule"] as! String,
                ["start": position(range["start"] as! [String: Any]), "end": position(range["end"] as! [String: Any])]
            )
        }
    }

    @Test(
        "initialize → didOpen → exact UTF-16 diagnostics → didChange removes one → hover, code action → shutdown, exit 0"
    )
    func editingSession() throws {
        let text = try Self.sampleText()
        let client = try LSPTestClient()
        let initialized = try client.initialize()
        // A client that offers no encodings gets the protocol's default.
        #expect(initialized["capabilities"]?["positionEncoding"]?.string == "utf-16")
        #expect(initialized["capabilities"]?["textDocumentSync"]?["change"]?.int == 2)
        #expect(initialized["serverInfo"]?["name"]?.string == "claimlint")

        client.open(Self.sampleURI, text: text)
        let diagnostics = try client.diagnostics(for: Self.sampleURI)

        // Exactly the CLI's findings, in the same order, at the same places.
        let expected = try Self.checkFindings(text)
        #expect(diagnostics.map { $0["code"]?.string ?? "" } == expected.map(\.0))
        #expect(diagnostics.map { $0["range"] ?? .null } == expected.map(\.1))

        // Claims after an emoji (two UTF-16 units), ⅔ and accented letters land on their words.
        let guarantee = try Self.range(of: "Guaranteed", line: 44, in: text)
        #expect(guarantee["start"]?["character"]?.int == 5)  // "🌿 **" is 5 UTF-16 units, 4 scalars
        #expect(Self.diagnostic(diagnostics, code: "guarantee", at: guarantee) != nil)
        let diseaseClaim = try Self.range(of: "proven to relieve depression", line: 24, in: text)
        let disease = try #require(Self.diagnostic(diagnostics, code: "unapproved-disease-claim", at: diseaseClaim))
        #expect(
            Self.diagnostic(
                diagnostics, code: "speed-permanence", at: try Self.range(of: "long-lasting", line: 23, in: text))
                != nil)
        #expect(
            Self.diagnostic(
                diagnostics, code: "absolute-safety", at: try Self.range(of: "no side effects", line: 28, in: text))
                != nil)

        // Every diagnostic names claimlint, the rule, and the rule's legal source.
        for diagnostic in diagnostics {
            #expect(diagnostic["source"]?.string == "claimlint")
            #expect([1, 2, 3].contains(diagnostic["severity"]?.int ?? 0))
            #expect(diagnostic["codeDescription"]?["href"]?.string?.hasPrefix("https://") == true)
        }
        #expect(disease["severity"]?.int == 1)
        // A missing disclosure points at what triggered it.
        let offLabel = try #require(diagnostics.first { $0["code"]?.string == "off-label-disclosure" })
        let related = offLabel["relatedInformation"]?.array ?? []
        #expect(related.first?["location"]?["uri"]?.string == Self.sampleURI)
        #expect(related.first?["location"]?["range"] == offLabel["range"])
        // Every mention that triggered it, each at its own words.
        #expect(
            related.contains {
                $0["location"]?["range"] == (try? Self.range(of: "ketamine therapy", line: 2, in: text))
                    && $0["message"]?.string == "triggered by “ketamine therapy”"
            })
        #expect(related.contains { $0["location"]?["range"] == (try? Self.range(of: "Depression", line: 8, in: text)) })

        // An incremental edit in UTF-16 coordinates on the emoji line removes the guarantee.
        client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(Self.sampleURI), "version": 2],
                "contentChanges": [["range": guarantee, "text": "Friendly"]],
            ])
        let afterEdit = try client.diagnostics(for: Self.sampleURI)
        #expect(!afterEdit.contains { $0["code"]?.string == "guarantee" })
        #expect(afterEdit.count == diagnostics.count - 1)
        #expect(Self.diagnostic(afterEdit, code: "unapproved-disease-claim", at: diseaseClaim) != nil)

        // Hover on the disease claim: message, why, rationale, fix and source link, in Markdown.
        let hover = try client.call(
            "textDocument/hover",
            ["textDocument": ["uri": .string(Self.sampleURI)], "position": diseaseClaim["start"]!])
        let contents = try #require(hover["result"]?["contents"])
        #expect(contents["kind"]?.string == "markdown")
        let markdown = contents["value"]?.string ?? ""
        #expect(markdown.contains("`unapproved-disease-claim`"))
        let ruleMessage = disease["message"]?.string?.components(separatedBy: "\n").first ?? "<no message>"
        #expect(markdown.contains(HoverTextProbe.escaped(ruleMessage)))
        for label in ["*Why it was flagged:*", "*Rationale:*", "*Fix:*", "*Source:* ["] {
            #expect(markdown.contains(label), "hover lacks \(label)")
        }
        #expect(markdown.contains("(\(disease["codeDescription"]?["href"]?.string ?? "<no href>"))"))
        #expect(hover["result"]?["range"] == diseaseClaim)
        // Hover where there is no finding.
        #expect(
            try client.call(
                "textDocument/hover",
                ["textDocument": ["uri": .string(Self.sampleURI)], "position": ["line": 1, "character": 0]])["result"]
                == .null)

        // Code action on the claim: a suppression directive, with a reason to fill in, above its line.
        let actions =
            try client.call(
                "textDocument/codeAction",
                [
                    "textDocument": ["uri": .string(Self.sampleURI)], "range": diseaseClaim,
                    "context": ["diagnostics": [disease]],
                ])["result"]?.array ?? []
        let suppression = try #require(
            actions.first { $0["title"]?.string?.hasPrefix("Suppress unapproved-disease-claim") == true })
        #expect(suppression["kind"]?.string == "quickfix")
        let edit = try #require(suppression["edit"]?["changes"]?[Self.sampleURI]?[0])
        #expect(edit["newText"]?.string == "<!-- claimlint-disable-next-line unapproved-disease-claim -- reason -->\n")
        #expect(edit["range"] == ["start": ["line": 24, "character": 0], "end": ["line": 24, "character": 0]])
        #expect(suppression["diagnostics"]?[0]?["code"]?.string == "unapproved-disease-claim")

        // A full-text change is applied as well.
        client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(Self.sampleURI), "version": 3],
                "contentChanges": [["text": "A calm page with nothing to claim.\n"]],
            ])
        #expect(try client.diagnostics(for: Self.sampleURI).isEmpty)

        #expect(try client.call("shutdown")["result"] == .null)
        client.notify("exit")
        #expect(try client.exitStatus() == 0)
    }

    @Test(
        "Malformed JSON, a bad header, an unknown method and a request for a closed document get errors; the server keeps serving"
    )
    func protocolErrors() throws {
        let client = try LSPTestClient()
        // Before initialize, requests are refused with ServerNotInitialized.
        #expect(try client.call("textDocument/hover", [:])["error"]?["code"]?.int == -32002)
        _ = try client.initialize()
        client.open(Self.sampleURI, text: try Self.sampleText())
        let diagnostics = try client.diagnostics(for: Self.sampleURI)
        let someRange = try #require(diagnostics.first?["range"])

        client.writeRaw(MessageFramer.frame(Array("{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": ".utf8)))
        let parseError = try client.wait(for: "parse error") { $0["error"]?["code"]?.int == -32700 }
        #expect(parseError["id"] == .null)

        client.writeRaw(Array("Content-Lenght: 12\r\n\r\n{\"bad\": true}".utf8))
        let headerError = try client.wait(for: "header error") { $0["error"]?["code"]?.int == -32700 }
        #expect(headerError["id"] == .null)

        #expect(try client.call("workspace/executeCommand", ["command": "nope"])["error"]?["code"]?.int == -32601)

        let closedURI = TestSupport.packageRoot.appendingPathComponent("Samples/not-open.md").absoluteString
        let closed = try client.call(
            "textDocument/hover",
            ["textDocument": ["uri": .string(closedURI)], "position": ["line": 0, "character": 0]])
        #expect(closed["error"]?["code"]?.int == -32602)
        #expect(closed["error"]?["message"]?.string?.contains("not open") == true)

        // A document that was open and is closed: its diagnostics are cleared, requests about it fail.
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(Self.sampleURI)]])
        #expect(try client.diagnostics(for: Self.sampleURI).isEmpty)
        #expect(
            try client.call(
                "textDocument/codeAction",
                ["textDocument": ["uri": .string(Self.sampleURI)], "range": someRange, "context": ["diagnostics": []]])[
                    "error"]?["code"]?.int == -32602)

        // Still serving: the page opens and lints again.
        client.open(Self.sampleURI, text: try Self.sampleText(), version: 5)
        #expect(try client.diagnostics(for: Self.sampleURI).count == diagnostics.count)
        let hover = try client.call(
            "textDocument/hover", ["textDocument": ["uri": .string(Self.sampleURI)], "position": someRange["start"]!])
        #expect(hover["result"]?["contents"] != nil)

        // `exit` without `shutdown` ends with status 1.
        client.notify("exit")
        #expect(try client.exitStatus() == 1)
    }

    @Test("After shutdown requests are refused; closing the pipe after shutdown exits 0", arguments: [true, false])
    func shutdown(closePipe: Bool) throws {
        let client = try LSPTestClient()
        _ = try client.initialize()
        #expect(try client.call("shutdown")["result"] == .null)
        #expect(try client.call("textDocument/hover", [:])["error"]?["code"]?.int == -32600)
        if closePipe { try client.closeInput() } else { client.notify("exit") }
        #expect(try client.exitStatus() == 0)
    }

    @Test("UTF-8 and UTF-32 are used when the client offers them", arguments: [PositionEncoding.utf8, .utf32])
    func positionEncodings(_ encoding: PositionEncoding) throws {
        let text = try Self.sampleText()
        let client = try LSPTestClient()
        let result = try client.initialize(capabilities: [
            "general": ["positionEncodings": [.string(encoding.rawValue), "utf-16"]]
        ])
        #expect(result["capabilities"]?["positionEncoding"]?.string == encoding.rawValue)
        client.open(Self.sampleURI, text: text)
        let diagnostics = try client.diagnostics(for: Self.sampleURI)
        let guarantee = try Self.range(of: "Guaranteed", line: 44, in: text, encoding: encoding)
        #expect(Self.diagnostic(diagnostics, code: "guarantee", at: guarantee) != nil)
        #expect(
            Self.diagnostic(
                diagnostics, code: "unapproved-disease-claim",
                at: try Self.range(of: "proven to relieve depression", line: 24, in: text, encoding: encoding)) != nil)
        // An incremental edit in the negotiated units.
        client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(Self.sampleURI), "version": 2],
                "contentChanges": [["range": guarantee, "text": "Friendly"]],
            ])
        #expect(!(try client.diagnostics(for: Self.sampleURI)).contains { $0["code"]?.string == "guarantee" })
        #expect(try client.call("shutdown")["result"] == .null)
        client.notify("exit")
        #expect(try client.exitStatus() == 0)
    }
}

/// The hover escapes Markdown specials in rule text; tests compare with the same escaping.
enum HoverTextProbe {
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
