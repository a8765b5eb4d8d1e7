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
        // Accepted findings (suppressed, baselined, approved) are not annotated. Each is written
        // as bytes (`ReportBytes`), properties in the runner's order, as `command` writes them.
        var fileProperty = Array("file=".utf8)
        Self.appendEscaped(path, property: true, to: &fileProperty)
        var lines: [UInt8] = []
        for finding in file.findings where finding.counts {
            let range = finding.range
            lines += "::".utf8
            lines += Self.commandName(finding.severity).utf8
            lines.append(UInt8(ascii: " "))
            lines += fileProperty
            lines += ",line=".utf8
            lines.appendDecimal(range.start.line)
            lines += ",col=".utf8
            lines.appendDecimal(range.start.column)
            lines += ",endLine=".utf8
            lines.appendDecimal(range.end.line)
            lines += ",endColumn=".utf8
            lines.appendDecimal(range.end.column)
            lines += ",title=claimlint [".utf8
            Self.appendEscaped(finding.ruleID, property: true, to: &lines)
            lines += "]::".utf8
            Self.appendEscaped(finding.message, property: false, to: &lines)
            lines += "%0AFix: ".utf8
            Self.appendEscaped(finding.fix, property: false, to: &lines)
            lines.append(UInt8(ascii: "\n"))
        }
        out.write(lines)
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
        var out: [UInt8] = []
        appendEscaped(text, property: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A property value: the data escapes, plus the two characters that separate properties.
    static func escapeProperty(_ text: String) -> String {
        var out: [UInt8] = []
        appendEscaped(text, property: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escapeData` or `escapeProperty` over the bytes: runs that need nothing are copied at once.
    static func appendEscaped(_ text: String, property: Bool, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                // NUL, ESC, BEL and the rest would reach the log raw; GitHub leaves other %XX as written.
                // C1 controls are C2 80…C2 9F, written as their scalar (%80…%9F).
                let isC1 = byte == 0xC2 && index + 1 < utf8.count && utf8[index + 1] < 0xA0
                let escaped =
                    byte == UInt8(ascii: "%") || (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F || isC1
                    || (property && (byte == UInt8(ascii: ":") || byte == UInt8(ascii: ",")))
                guard escaped else {
                    index += 1
                    continue
                }
                if start < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                let value = isC1 ? utf8[index + 1] : byte
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(value >> 4)])
                out.append(hexDigits[Int(value & 0x0F)])
                index += isC1 ? 2 : 1
                start = index
            }
            if start < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
