import ClaimLint

/// A finding as an LSP `Diagnostic`: the range in the negotiated encoding, the severity, the rule
/// id as `code` with the rule's legal source as `codeDescription.href`, `source: "claimlint"`, and
/// for a missing disclosure the place on the page that made it necessary.
enum DiagnosticBuilder {
    static func diagnostic(_ placed: PlacedFinding, uri: String) -> JSON {
        let finding = placed.finding
        var members: [(String, JSON)] = [
            ("range", placed.range.json),
            ("severity", .int(severity(finding.severity))),
            ("code", .string(finding.ruleID)),
        ]
        if let source = placed.rule?.source, isLink(source) {
            members.append(("codeDescription", ["href": .string(source)]))
        }
        members.append(("source", "claimlint"))
        members.append(("message", .string(finding.message)))
        if finding.kind == .disclaimer {
            members.append(("relatedInformation", [
                [
                    "location": ["uri": .string(uri), "range": placed.range.json],
                    "message": .string("Triggered here by “\(finding.matchedText)”: this is what makes the disclosure necessary"),
                ],
            ]))
        }
        return .object(members)
    }

    /// The protocol's `DiagnosticSeverity`: 1 error, 2 warning, 3 information.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .info: 3
        }
    }

    /// `codeDescription.href` must be a URI; a rule's source may also be prose ("our legal team").
    static func isLink(_ source: String) -> Bool {
        source.hasPrefix("https://") || source.hasPrefix("http://")
    }

    /// A problem with a rules or configuration file, at its line and column.
    static func diagnostic(_ error: RulesError) -> JSON {
        let line = max((error.line ?? 1) - 1, 0)
        let column = max((error.column ?? 1) - 1, 0)
        let range = LSPRange(start: LSPPosition(line: line, character: column), end: LSPPosition(line: line, character: column + 1))
        return ["range": range.json, "severity": 1, "source": "claimlint", "message": .string(error.message)]
    }
}
