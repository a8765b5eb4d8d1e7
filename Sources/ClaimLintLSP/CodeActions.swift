import ClaimLint

/// Quick fixes for a finding:
/// - suppress it with a reasoned directive on the line above (`<!-- claimlint-disable-next-line
///   RULE -- reason -->`, the syntax of the adoption issue; the reason is a placeholder to replace);
/// - replace the claim with the rule's suggested rewording, where the rule has one;
/// - insert a disclosure rule's text where the rule says it belongs.
///
/// Edits are made against the text the finding was found in, and carry its version where the
/// client supports versioned edits, so a client never applies one to text that has moved on.
struct CodeActions {
    var uri: String
    var result: LintResult
    var encoding: PositionEncoding
    var versionedEdits: Bool

    func actions(for placed: PlacedFinding) -> [JSON] {
        var actions: [JSON] = []
        if let suggestion = suggestion(for: placed) {
            actions.append(
                action(
                    title: "Replace “\(placed.finding.matchedText)” with “\(suggestion)”",
                    edits: [edit(placed.range, suggestion)], finding: placed, preferred: true
                ))
        }
        // Directive findings are configured in .claimlint.yml, not suppressed by more directives.
        if placed.finding.kind != .suppression { actions.append(suppression(placed)) }
        return actions
    }

    /// The rewording a rule suggests for its claim. Rules have no `suggest` field yet (the rules-data
    /// work adds it); until then there is nothing to offer.
    func suggestion(for placed: PlacedFinding) -> String? {
        nil
    }

    /// The directive goes on its own line just above the finding's line, after the same indentation
    /// and block-quote markers, so it stays inside the same list item or quote.
    func suppression(_ placed: PlacedFinding) -> JSON {
        let line = placed.range.start.line
        let text = result.document.lineText(line)
        let prefix = String(text.prefix { $0 == " " || $0 == "\t" || $0 == ">" })
        let directive =
            "\(prefix)<!-- claimlint-disable-next-line \(placed.finding.ruleID) -- reason -->\(lineBreak(after: line))"
        let start = LSPPosition(line: line, character: 0)
        return action(
            title: "Suppress \(placed.finding.ruleID) on this line (with a reason)",
            edits: [edit(LSPRange(start: start, end: start), directive)], finding: placed, preferred: false
        )
    }

    /// The line break the document uses after `line` (`\n` where it has none).
    private func lineBreak(after line: Int) -> String {
        let document = result.document
        guard line + 1 < document.lineStarts.count else { return "\n" }
        let end = document.lineStarts[line + 1]
        if end >= 2, document.bytes[end - 2] == 13, document.bytes[end - 1] == 10 { return "\r\n" }
        return document.bytes[end - 1] == 13 ? "\r" : "\n"
    }

    private func edit(_ range: LSPRange, _ newText: String) -> JSON {
        ["range": range.json, "newText": .string(newText)]
    }

    private func action(title: String, edits: [JSON], finding: PlacedFinding, preferred: Bool) -> JSON {
        let workspaceEdit: JSON
        if versionedEdits {
            workspaceEdit = [
                "documentChanges": [
                    [
                        "textDocument": ["uri": .string(uri), "version": .int(result.document.version)],
                        "edits": .array(edits),
                    ]
                ]
            ]
        } else {
            workspaceEdit = ["changes": .object([(uri, .array(edits))])]
        }
        var members: [(String, JSON)] = [
            ("title", .string(title)),
            ("kind", "quickfix"),
            ("diagnostics", [DiagnosticBuilder.diagnostic(finding, uri: uri)]),
        ]
        if preferred { members.append(("isPreferred", true)) }
        members.append(("edit", workspaceEdit))
        return .object(members)
    }
}
