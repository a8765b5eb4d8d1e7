import ClaimLint

/// A finding as an LSP `Diagnostic`: the range in the negotiated encoding, the severity, the rule
/// id as `code` with the rule's legal source as `codeDescription.href`, `source: "claimlint"`, and
/// for a missing disclosure the place on the page that made it necessary.
enum DiagnosticBuilder {
    static func diagnostic(_ placed: PlacedFinding, uri: String) -> JSON {
        .object([("range", placed.range.json)] + members(placed, uri: uri))
    }

    /// Every finding's diagnostic as one JSON array, written straight to bytes: what depends only on
    /// the rule and message (severity, code, source link, message) is written once per rule, so a
    /// page with a thousand findings costs a thousand ranges, not a thousand trees.
    static func diagnostics(_ findings: [PlacedFinding], uri: String) -> JSON {
        var out: [UInt8] = []
        out.reserveCapacity(findings.count * 320 + 2)
        var fragments: [String: [UInt8]] = [:]
        out.append(UInt8(ascii: "["))
        for (index, placed) in findings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard placed.finding.kind != .disclosure else {
                // Its related information names its own range: written whole.
                diagnostic(placed, uri: uri).write(into: &out)
                continue
            }
            out.append(contentsOf: #"{"range":"#.utf8)
            writeRange(placed.range, into: &out)
            let key =
                placed.finding.ruleID + "\u{0}" + message(placed.finding) + "\u{0}" + placed.finding.severity.rawValue
            if let fragment = fragments[key] {
                out.append(contentsOf: fragment)
            } else {
                // `{"severity":…}` becomes `,"severity":…}` after the range.
                var fragment = JSON.object(members(placed, uri: uri)).bytes
                fragment[0] = UInt8(ascii: ",")
                out.append(contentsOf: fragment)
                fragments[key] = fragment
            }
        }
        out.append(UInt8(ascii: "]"))
        return .raw(out)
    }

    private static func writeRange(_ range: LSPRange, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"start":{"line":"#.utf8)
        out.append(contentsOf: String(range.start.line).utf8)
        out.append(contentsOf: #","character":"#.utf8)
        out.append(contentsOf: String(range.start.character).utf8)
        out.append(contentsOf: #"},"end":{"line":"#.utf8)
        out.append(contentsOf: String(range.end.line).utf8)
        out.append(contentsOf: #","character":"#.utf8)
        out.append(contentsOf: String(range.end.character).utf8)
        out.append(contentsOf: "}}".utf8)
    }

    /// A diagnostic's members after its range.
    private static func members(_ placed: PlacedFinding, uri: String) -> [(String, JSON)] {
        let finding = placed.finding
        var members: [(String, JSON)] = [
            ("severity", .int(severity(finding.severity))),
            ("code", .string(finding.ruleID)),
        ]
        if let source = placed.rule?.source, isLink(source) {
            members.append(("codeDescription", ["href": .string(source)]))
        }
        members.append(("source", "claimlint"))
        members.append(("message", .string(message(finding))))
        if finding.kind == .disclosure {
            // Where it was triggered: each trigger the page mentions (the finding's own words when
            // the checker gives none).
            let triggers =
                placed.triggers.isEmpty ? [(range: placed.range, text: finding.matchedText)] : placed.triggers
            members.append(
                (
                    "relatedInformation",
                    .array(
                        triggers.map { trigger in
                            [
                                "location": ["uri": .string(uri), "range": trigger.range.json],
                                "message": .string("triggered by “\(trigger.text)”"),
                            ]
                        })
                ))
        }
        return members
    }

    /// The rule's message, then the one-line explanation of why the words are a claim where it says
    /// more than the words themselves ("because: effect 'relieve' + condition 'depression'").
    /// A disclosure's triggers go in its related information instead.
    static func message(_ finding: Finding) -> String {
        guard finding.kind != .disclosure, !finding.explainsItself else { return finding.message }
        return finding.message + "\nbecause: " + finding.explanation
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
        let range = LSPRange(
            start: LSPPosition(line: line, character: column), end: LSPPosition(line: line, character: column + 1))
        return ["range": range.json, "severity": 1, "source": "claimlint", "message": .string(error.message)]
    }
}
