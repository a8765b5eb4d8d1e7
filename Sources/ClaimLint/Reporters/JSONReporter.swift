/// The stable, documented JSON report (docs/json-report.md). Keys are written in a fixed
/// order and files and findings in report order, so the same input gives byte-identical output.
public struct JSONReporter: Reporter {
    public static let formatVersion = 1

    public init() {}

    public func render(_ report: LintReport) -> String {
        let json = JSONWriter()
        json.object {
            json.field("version") { json.number(Self.formatVersion) }
            json.field("tool") {
                json.object {
                    json.field("name") { json.string("claimlint") }
                    json.field("version") { json.string(report.toolVersion) }
                }
            }
            json.field("rulesDigest") { json.string(report.rulesDigest) }
            json.field("files") {
                json.array(report.files) { file in
                    json.object {
                        json.field("path") { json.string(file.path) }
                        json.field("sha256") { json.string(file.sha256) }
                        if let error = file.error { json.field("error") { json.string(error) } }
                        if let note = file.note { json.field("note") { json.string(note) } }
                        json.field("findings") { json.array(file.findings) { write($0, to: json) } }
                    }
                }
            }
            json.field("errors") { json.array(report.errors) { json.string($0) } }
            json.field("summary") {
                json.object {
                    json.field("files") { json.number(report.files.count) }
                    json.field("findings") { json.number(report.allFindings.count) }
                    json.field("error") { json.number(report.count(of: .error)) }
                    json.field("warning") { json.number(report.count(of: .warning)) }
                    json.field("info") { json.number(report.count(of: .info)) }
                    json.field("notLinted") { json.number(report.files.count { $0.error != nil } + report.errors.count) }
                }
            }
        }
        return json.output + "\n"
    }

    private func write(_ finding: Finding, to json: JSONWriter) {
        json.object {
            json.field("rule") { json.string(finding.ruleID) }
            json.field("kind") { json.string(finding.kind.rawValue) }
            json.field("category") { json.string(finding.category) }
            json.field("severity") { json.string(finding.severity.rawValue) }
            json.field("message") { json.string(finding.message) }
            json.field("fix") { json.string(finding.fix) }
            json.field("range") {
                json.object {
                    json.field("start") { position(finding.range.start, json) }
                    json.field("end") { position(finding.range.end, json) }
                }
            }
            json.field("text") { json.string(finding.matchedText) }
            json.field("sentence") { json.string(finding.sentence) }
        }
    }

    private func position(_ position: SourcePosition, _ json: JSONWriter) {
        json.object {
            json.field("line") { json.number(position.line) }
            json.field("column") { json.number(position.column) }
        }
    }
}

/// A minimal streaming JSON writer (a class, so nested closures can all append to it): two-space indentation, keys in the order written.
final class JSONWriter {
    private(set) var output = ""
    private var indent = 0
    private var needsComma = [false]

    func object(_ body: () -> Void) {
        output += "{"
        indent += 1
        needsComma.append(false)
        body()
        let hadFields = needsComma.removeLast()
        indent -= 1
        if hadFields { newline() }
        output += "}"
    }

    func array<T>(_ items: [T], _ body: (T) -> Void) {
        output += "["
        guard !items.isEmpty else {
            output += "]"
            return
        }
        indent += 1
        for (index, item) in items.enumerated() {
            if index > 0 { output += "," }
            newline()
            body(item)
        }
        indent -= 1
        newline()
        output += "]"
    }

    func field(_ name: String, _ value: () -> Void) {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
        newline()
        string(name)
        output += ": "
        value()
    }

    func string(_ text: String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    func number(_ value: Int) { output += String(value) }

    private func newline() {
        output += "\n" + String(repeating: "  ", count: indent)
    }
}
