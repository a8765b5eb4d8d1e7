/// A GitHub-flavoured Markdown summary that a bot can post as a pull-request comment: counts, a
/// table of findings, and the run record folded away. Page text in cells is escaped so that a `|`
/// cannot split a cell, a newline cannot end the row, and Markdown or HTML in a page renders as text.
public final class MarkdownReporter: Reporter {
    /// GitHub rejects comments over 65,536 characters; past this many rows the table is cut short.
    public let maxRows: Int

    // One report's state, reset by `begin`. The counts come first, so what follows them waits:
    // the table's rows in memory (there are at most `maxRows`), the rest spooled.
    private var start = RunStart(rulesDigest: "")
    private var rows = ""
    private var rowCount = 0
    private var problems = ReportSpool()
    private var record = ReportSpool()

    public init(maxRows: Int = 200) {
        self.maxRows = maxRows
    }

    public func begin(_ run: RunStart, to out: ReportOutput) {
        start = run
        rows = ""
        rowCount = 0
        problems = ReportSpool()
        record = ReportSpool()
    }

    public func file(_ file: FileReport, to out: ReportOutput) {
        for finding in file.findings where finding.counts {
            rowCount += 1
            guard rowCount <= maxRows else { continue }
            let location = "\(FileName.escaped(file.path)):\(finding.range.start.line):\(finding.range.start.column)"
            rows +=
                "| \(finding.severity.rawValue) | \(cell(location)) | \(cell(finding.ruleID)) | \(cell(finding.message)) | \(cell(finding.matchedText)) |\n"
        }
        if let error = file.error { problems.write("- \(cell("\(FileName.escaped(file.path)): \(error)"))\n") }
        record.write(
            "| \(cell(FileName.escaped(file.path))) | \(file.sha256.isEmpty ? "not read" : "`\(file.sha256)`") |\n")
    }

    public func end(_ run: RunEnd, to out: ReportOutput) throws {
        let totals = run.totals
        let linted = totals.files - totals.failedFiles
        let notLinted = totals.notLinted
        let errors = totals.errors
        let warnings = totals.warnings
        let infos = totals.infos
        out.write(
            "## claimlint: \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings"), \(infos) info\n\n"
        )
        out.write("\(linted) \(linted == 1 ? "page" : "pages") linted")
        out.write(notLinted > 0 ? ", \(notLinted) not linted.\n\n" : ".\n\n")
        out.write(
            "| Severity | Count |\n| --- | ---: |\n| error | \(errors) |\n| warning | \(warnings) |\n| info | \(infos) |\n\n"
        )
        if totals.accepted > 0 {
            out.write(
                "Not counted: \(totals.suppressed) suppressed, \(totals.baselined) baselined, \(totals.approved) approved.\n\n"
            )
        }
        if rowCount > 0 {
            out.write("| Severity | Location | Rule | Finding | Matched text |\n| --- | --- | --- | --- | --- |\n")
            out.write(rows)
            if rowCount > maxRows {
                out.write(
                    "\n… and \(rowCount - maxRows) more findings; the full list is in the SARIF, HTML or JSON report.\n"
                )
            }
            out.write("\n")
        }
        if !problems.isEmpty || !run.errors.isEmpty {
            out.write("**Not linted:**\n\n")
            try problems.copy(to: out)
            out.write(run.errors.map { "- \(cell($0))\n" }.joined() + "\n")
        }
        out.write("<details><summary>Run record</summary>\n\n")
        out.write("claimlint \(cell(start.toolVersion)), rules SHA-256 `\(start.rulesDigest)`\n\n")
        out.write("| File | SHA-256 |\n| --- | --- |\n")
        try record.copy(to: out)
        out.write("\n</details>\n")
    }

    /// Table-cell text: mentions neutralised, control characters shown as Control Pictures,
    /// Markdown punctuation backslash-escaped (GFM allows it before any ASCII
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
            // A mention would ping whoever it names when a bot posts the report: a zero-width
            // joiner after the `@` keeps it readable and inert.
            case "@": out += "@\u{200D}"
            case _ where ControlCharacters.isControl(scalar): out += ControlCharacters.pictured(String(scalar))
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
