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
        if let rewording = rewording(for: placed) {
            actions.append(
                action(
                    title: "Replace “\(placed.finding.matchedText)” with “\(rewording)”",
                    edits: [edit(placed.range, rewording)], finding: placed, preferred: true
                ))
        }
        if let disclosure = disclosure(for: placed) { actions.append(disclosure) }
        // Directive findings are configured in .claimlint.yml, not suppressed by more directives.
        if placed.finding.kind != .suppression { actions.append(suppression(placed)) }
        return actions
    }

    /// The rewording a claim or statistic rule suggests (its `suggest`, with the matched words in
    /// place of `{match}`): a finding's suggestion replaces its words when it has no placement.
    func rewording(for placed: PlacedFinding) -> String? {
        guard placed.finding.kind != .disclosure, placed.finding.placement == nil else { return nil }
        return placed.finding.suggestion
    }

    /// A missing disclosure's wording (the rule's `text` for what triggered it), added where the
    /// rule's `placement` says; a rule that names no placement gets it after the first mention,
    /// where a reader meets the treatment.
    func disclosure(for placed: PlacedFinding) -> JSON? {
        guard placed.finding.kind == .disclosure, let text = placed.finding.suggestion, !text.isEmpty else {
            return nil
        }
        let placement =
            placed.finding.placement.flatMap { DisclosureInsertion.Placement(rawValue: $0.rawValue) }
            ?? .afterFirstMention
        let insertion = DisclosureInsertion.edit(
            text, placement: placement, findingLine: placed.range.start.line, in: result.document, encoding: encoding)
        return action(
            title: "Add the disclosure (\(placement.rawValue)): “\(Self.shortened(text))”",
            edits: [edit(insertion.range, insertion.newText)], finding: placed, preferred: true)
    }

    /// A title stays one short line: long wording is cut at a word, with an ellipsis.
    static func shortened(_ text: String, limit: Int = 60) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
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
