/// GitHub Actions workflow commands, which the runner turns into annotations on the pull request:
///
///     ::error file=Samples/a.md,line=3,col=4,endLine=3,endColumn=13,title=claimlint [rule-id]::message
///
/// Info findings become `notice`. Values are escaped the way the runner unescapes them
/// (actions/toolkit `command.ts`); a stray `,` or `:` in a property would otherwise cut it short,
/// and a newline would end the command. The run record goes in a collapsed log group.
public final class GitHubReporter: Reporter {
    /// Absolute path that file paths are made relative to (the checkout, in CI); empty when unknown.
    public let workingDirectory: String

    // One report's state, reset by `begin`: the run record's lines, written last.
    private var start = RunStart(rulesDigest: "")
    private var record = ReportSpool()

    public init(workingDirectory: String = "") {
        self.workingDirectory = workingDirectory
    }

    public func begin(_ run: RunStart, to out: ReportOutput) {
        start = run
        record = ReportSpool()
    }

    public func file(_ file: FileReport, to out: ReportOutput) {
        let path = FileName.escaped(ReportPath.relative(file.path, to: workingDirectory) ?? file.path)
        if let error = file.error {
            out.write(
                command(
                    "error", ["file": path, "title": "claimlint: not linted"],
                    "\(FileName.escaped(file.path)): \(error)"))
        }
        // Accepted findings (suppressed, baselined, approved) are not annotated.
        for finding in file.findings where finding.counts {
            let properties = [
                "file": path,
                "line": String(finding.range.start.line),
                "col": String(finding.range.start.column),
                "endLine": String(finding.range.end.line),
                "endColumn": String(finding.range.end.column),
                "title": "claimlint [\(finding.ruleID)]",
            ]
            out.write(
                command(Self.commandName(finding.severity), properties, finding.message + "\nFix: " + finding.fix))
        }
        // A line break in a file name would start a new log line, which the runner could read as a command.
        let recordPath = String(FileName.escaped(file.path).map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        record.write("\(file.sha256.isEmpty ? "(not read)" : file.sha256)  \(recordPath)\n")
    }

    public func end(_ run: RunEnd, to out: ReportOutput) throws {
        for problem in run.errors {
            out.write(command("error", ["title": "claimlint: not linted"], problem))
        }
        out.write("claimlint: " + TextReporter().summary(run.totals).drop { $0 == "\n" })
        out.write("::group::claimlint run record\n")
        out.write("claimlint \(start.toolVersion)\nrules sha256 \(start.rulesDigest)\n")
        try record.copy(to: out)
        out.write("::endgroup::\n")
    }

    /// Properties are written in the runner's documented order, not dictionary order.
    private static let propertyOrder = ["file", "line", "col", "endLine", "endColumn", "title"]

    private func command(_ name: String, _ properties: [String: String], _ message: String) -> String {
        let list = Self.propertyOrder.compactMap { key in properties[key].map { "\(key)=\(Self.escapeProperty($0))" } }
        return "::\(name) \(list.joined(separator: ","))::\(Self.escapeData(message))\n"
    }

    static func commandName(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// The message after `::`.
    static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            // NUL, ESC, BEL and the rest would reach the log raw; GitHub leaves other %XX as written.
            case _ where ControlCharacters.isControl(scalar): out += ControlCharacters.percentEncoded(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value: the data escapes, plus the two characters that separate properties.
    static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
