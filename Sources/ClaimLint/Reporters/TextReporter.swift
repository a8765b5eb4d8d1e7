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
        out.reserveCapacity(file.findings.count * (quiet ? 160 : 480))
        for finding in file.findings { render(finding, path: file.path, into: &out) }
        return out
    }

    func render(_ finding: Finding, path: String) -> String {
        var out = ""
        render(finding, path: path, into: &out)
        return out
    }

    /// Appends one finding; appending to one string is what keeps a 100,000-finding run cheap.
    private func render(_ finding: Finding, path: String, into out: inout String) {
        let severity = severityColor(finding.severity)
        paint(path, "1", into: &out, suffix: ":" + String(finding.range.start.line) + ":" + String(finding.range.start.column) + ":")
        out += " "
        paint(finding.severity.rawValue, severity, into: &out, suffix: ":")
        out += " "
        out += finding.message
        out += " "
        paint("[" + finding.ruleID, "2", into: &out, suffix: "]")
        out += "\n"
        guard !quiet else { return }
        let lineNumber = String(finding.range.start.line)
        let line = finding.excerpt.text.replacingTabs
        out += "  "
        paint(lineNumber, "2", into: &out)
        out += " | "
        out += line
        out += "\n"
        let startColumn = max(0, finding.range.start.column - finding.excerpt.firstColumn)
        let lineLength = line.scalarCount
        let endColumn = finding.range.end.line == finding.range.start.line
            ? finding.range.end.column - finding.excerpt.firstColumn
            : lineLength
        let width = max(1, min(endColumn, lineLength) - startColumn)
        out += "  "
        Self.append(" ", lineNumber.utf8.count, to: &out)
        out += " | "
        Self.append(" ", startColumn, to: &out)
        if color { out += "\u{1B}[" + severity + "m" }
        out += "^"
        Self.append("~", width - 1, to: &out)
        if color { out += "\u{1B}[0m" }
        out += "\n  "
        Self.append(" ", lineNumber.utf8.count, to: &out)
        out += " = fix: "
        out += finding.fix
        out += "\n"
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

    /// `count` copies of a character, appended in runs of a prepared string rather than built anew.
    private static let spaces = String(repeating: " ", count: 64)
    private static let tildes = String(repeating: "~", count: 64)

    private static func append(_ character: Character, _ count: Int, to out: inout String) {
        let run = character == "~" ? tildes : spaces
        var left = count
        while left > 0 {
            let take = min(left, 64)
            // An ASCII string's UTF-8 offset is its character offset.
            out += run[..<run.utf8.index(run.startIndex, offsetBy: take)]
            left -= take
        }
    }

    private func paint(_ text: String, _ code: String, into out: inout String, suffix: String = "") {
        if color {
            out += "\u{1B}["
            out += code
            out += "m"
        }
        out += text
        out += suffix
        if color { out += "\u{1B}[0m" }
    }
}

extension String {
    /// Tabs as single spaces, so the underline lines up with the scalar columns.
    var replacingTabs: String {
        let hasTab = utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "\t")) } ?? utf8.contains(UInt8(ascii: "\t"))
        return hasTab ? String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) }) : self
    }

    /// The number of Unicode scalars, counted over the UTF-8 bytes (every byte but continuation bytes).
    var scalarCount: Int {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } } ?? unicodeScalars.count
    }
}
