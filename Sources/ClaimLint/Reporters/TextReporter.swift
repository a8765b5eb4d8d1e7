/// Compiler-style output for people and editors:
///
///     Samples/ketamine-clinic.md:18:30: error: A claim of FDA approval needs … [regulatory-status]
///        18 | Our IV ketamine infusions are FDA-approved for depression and
///           |                               ^~~~~~~~~~~~
///           = fix: Link the FDA label …
///
/// and a summary. The first line of each finding is the `path:line:col: severity: message [rule]`
/// form that editors and CI problem matchers parse.
public struct TextReporter: Reporter, Sendable {
    public var color: Bool
    public var quiet: Bool

    public init(color: Bool = false, quiet: Bool = false) {
        self.color = color
        self.quiet = quiet
    }

    public func render(_ report: LintReport) -> String {
        report.files.map(render(file:)).joined() + summary(report.totals)
    }

    /// One file's findings, for streaming a long run.
    public func render(file: FileReport) -> String {
        var out = ""
        for finding in file.findings { out += render(finding, path: file.path) }
        return out
    }

    func render(_ finding: Finding, path: String) -> String {
        let location = "\(path):\(finding.range.start.line):\(finding.range.start.column):"
        var out = paint(location, "1") + " " + paint("\(finding.severity.rawValue):", severityColor(finding.severity))
        out += " " + finding.message + " " + paint("[\(finding.ruleID)]", "2") + "\n"
        guard !quiet else { return out }
        let lineNumber = String(finding.range.start.line)
        let gutter = String(repeating: " ", count: lineNumber.count)
        let line = finding.excerpt.text.replacingTabs
        out += "  \(paint(lineNumber, "2")) | \(line)\n"
        let startColumn = finding.range.start.column - finding.excerpt.firstColumn
        let lineLength = line.unicodeScalars.count
        let endColumn = finding.range.end.line == finding.range.start.line
            ? finding.range.end.column - finding.excerpt.firstColumn
            : lineLength
        let width = max(1, min(endColumn, lineLength) - startColumn)
        let underline = String(repeating: " ", count: max(0, startColumn)) + "^" + String(repeating: "~", count: width - 1)
        out += "  \(gutter) | \(paint(underline, severityColor(finding.severity)))\n"
        out += "  \(gutter) = fix: \(finding.fix)\n"
        return out
    }

    /// The closing summary line (nothing with `quiet`).
    public func summary(_ totals: RunTotals) -> String {
        guard !quiet else { return "" }
        let errors = totals.errors
        let warnings = totals.warnings
        let infos = totals.infos
        let linted = totals.files - totals.failedFiles
        let failed = totals.notLinted
        var parts = ["\(errors) \(errors == 1 ? "error" : "errors")", "\(warnings) \(warnings == 1 ? "warning" : "warnings")", "\(infos) info"]
        if failed > 0 { parts.append("\(failed) \(failed == 1 ? "input" : "inputs") not linted") }
        let files = "\(linted) \(linted == 1 ? "file" : "files") linted"
        return "\n" + paint("\(files): " + parts.joined(separator: ", "), errors > 0 ? "1;31" : warnings > 0 ? "1;33" : "1;32") + "\n"
    }

    private func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: "1;31"
        case .warning: "1;33"
        case .info: "1;36"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    /// Tabs as single spaces, so the underline lines up with the scalar columns.
    var replacingTabs: String {
        utf8.contains(UInt8(ascii: "\t")) ? String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) }) : self
    }
}
