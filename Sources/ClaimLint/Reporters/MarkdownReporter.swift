/// A GitHub-flavoured Markdown summary that a bot can post as a pull-request comment: counts, a
/// table of findings, and the run record folded away. Page text in cells is escaped so that a `|`
/// cannot split a cell, a newline cannot end the row, and Markdown or HTML in a page renders as text.
public struct MarkdownReporter: Reporter {
    /// GitHub rejects comments over 65,536 characters; past this many rows the table is cut short.
    public var maxRows: Int

    public init(maxRows: Int = 200) {
        self.maxRows = maxRows
    }

    public func render(_ report: LintReport) -> String {
        let linted = report.files.count { $0.error == nil }
        let notLinted = report.files.count { $0.error != nil } + report.errors.count
        let errors = report.count(of: .error)
        let warnings = report.count(of: .warning)
        let infos = report.count(of: .info)
        var out = "## claimlint: \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings"), \(infos) info\n\n"
        out += "\(linted) \(linted == 1 ? "page" : "pages") linted"
        out += notLinted > 0 ? ", \(notLinted) not linted.\n\n" : ".\n\n"
        out += "| Severity | Count |\n| --- | ---: |\n| error | \(errors) |\n| warning | \(warnings) |\n| info | \(infos) |\n\n"
        let totals = report.totals
        if totals.accepted > 0 {
            out += "Not counted: \(totals.suppressed) suppressed, \(totals.baselined) baselined, \(totals.approved) approved.\n\n"
        }
        let rows = report.files.flatMap { file in file.findings.filter(\.counts).map { (file.path, $0) } }
        if !rows.isEmpty {
            out += "| Severity | Location | Rule | Finding | Matched text |\n| --- | --- | --- | --- | --- |\n"
            for (path, finding) in rows.prefix(maxRows) {
                let location = "\(path):\(finding.range.start.line):\(finding.range.start.column)"
                out += "| \(finding.severity.rawValue) | \(cell(location)) | \(cell(finding.ruleID)) | \(cell(finding.message)) | \(cell(finding.matchedText)) |\n"
            }
            if rows.count > maxRows {
                out += "\n… and \(rows.count - maxRows) more findings; the full list is in the SARIF, HTML or JSON report.\n"
            }
            out += "\n"
        }
        let problems = report.files.compactMap { file in file.error.map { "\(file.path): \($0)" } } + report.errors
        if !problems.isEmpty {
            out += "**Not linted:**\n\n" + problems.map { "- \(cell($0))\n" }.joined() + "\n"
        }
        out += "<details><summary>Run record</summary>\n\n"
        out += "claimlint \(cell(report.toolVersion)), rules SHA-256 `\(report.rulesDigest)`\n\n"
        out += "| File | SHA-256 |\n| --- | --- |\n"
        for file in report.files {
            out += "| \(cell(file.path)) | \(file.sha256.isEmpty ? "not read" : "`\(file.sha256)`") |\n"
        }
        out += "\n</details>\n"
        return out
    }

    /// Table-cell text: Markdown punctuation backslash-escaped (GFM allows it before any ASCII
    /// punctuation, and `\|` is how a table cell holds a pipe), `&` as an entity so no entity can
    /// be spelled out, and line breaks as `<br>`.
    func cell(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "!": out += "\\" + String(scalar)
            case "&": out += "&amp;"
            case "\r": continue
            case "\n": out += "<br>"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
