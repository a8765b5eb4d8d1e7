/// GitHub Actions workflow commands, which the runner turns into annotations on the pull request:
///
///     ::error file=Samples/a.md,line=3,col=4,endLine=3,endColumn=13,title=claimlint [rule-id]::message
///
/// Info findings become `notice`. Values are escaped the way the runner unescapes them
/// (actions/toolkit `command.ts`); a stray `,` or `:` in a property would otherwise cut it short,
/// and a newline would end the command. The run record goes in a collapsed log group.
public struct GitHubReporter: Reporter {
    /// Absolute path that file paths are made relative to (the checkout, in CI); empty when unknown.
    public var workingDirectory: String

    public init(workingDirectory: String = "") {
        self.workingDirectory = workingDirectory
    }

    public func render(_ report: LintReport) -> String {
        var out = ""
        for file in report.files {
            let path = ReportPath.relative(file.path, to: workingDirectory) ?? file.path
            if let error = file.error {
                out += command("error", ["file": path, "title": "claimlint: not linted"], "\(file.path): \(error)")
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
                out += command(Self.commandName(finding.severity), properties, finding.message + "\nFix: " + finding.fix)
            }
        }
        for problem in report.errors {
            out += command("error", ["title": "claimlint: not linted"], problem)
        }
        out += "claimlint: " + TextReporter().summary(report.totals).drop { $0 == "\n" }
        out += "::group::claimlint run record\n"
        out += "claimlint \(report.toolVersion)\nrules sha256 \(report.rulesDigest)\n"
        for file in report.files {
            // A line break in a file name would start a new log line, which the runner could read as a command.
            let path = String(file.path.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
            out += "\(file.sha256.isEmpty ? "(not read)" : file.sha256)  \(path)\n"
        }
        out += "::endgroup::\n"
        return out
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
