/// The stable, documented JSON report (docs/json-report.md). Keys are written in a fixed
/// order and files and findings in report order, so the same input gives byte-identical output.
public struct JSONReporter: Reporter, Sendable {
    public static let formatVersion = 1

    public init() {}

    public func render(_ report: LintReport) -> String {
        var out = header(toolVersion: report.toolVersion, rulesDigest: report.rulesDigest, shard: report.shard)
        for (index, file) in report.files.enumerated() { out += entry(file, isFirst: index == 0) }
        return out + footer(errors: report.errors, totals: report.totals)
    }

    // The report in three pieces, so a long run can stream it file by file. Together they are
    // exactly what `render` writes.

    public func header(toolVersion: String = ClaimLintVersion.current, rulesDigest: String, shard: Shard? = nil) -> String {
        let json = JSONWriter(indent: 1)
        json.field("version") { json.number(Self.formatVersion) }
        json.field("tool") {
            json.object {
                json.field("name") { json.string("claimlint") }
                json.field("version") { json.string(toolVersion) }
            }
        }
        json.field("rulesDigest") { json.string(rulesDigest) }
        if let shard {
            // Only in a shard's report; `claimlint merge` drops it, giving the one-job report.
            json.field("shard") {
                json.object {
                    json.field("index") { json.number(shard.index) }
                    json.field("count") { json.number(shard.count) }
                }
            }
        }
        json.field("files") {}
        return "{" + json.output + "["
    }

    public func entry(_ file: FileReport, isFirst: Bool) -> String {
        let json = JSONWriter(indent: 2)
        json.object {
            json.field("path") { json.string(file.path) }
            json.field("sha256") { json.string(file.sha256) }
            if let error = file.error { json.field("error") { json.string(error) } }
            if let note = file.note { json.field("note") { json.string(note) } }
            json.field("findings") { json.array(file.findings) { write($0, to: json) } }
        }
        return (isFirst ? "" : ",") + "\n    " + json.output
    }

    public func footer(errors: [String], totals: RunTotals) -> String {
        let json = JSONWriter(indent: 1)
        json.field("errors") { json.array(errors) { json.string($0) } }
        json.field("summary") {
            json.object {
                json.field("files") { json.number(totals.files) }
                json.field("findings") { json.number(totals.findings) }
                json.field("error") { json.number(totals.errors) }
                json.field("warning") { json.number(totals.warnings) }
                json.field("info") { json.number(totals.infos) }
                json.field("notLinted") { json.number(totals.notLinted) }
                json.field("suppressed") { json.number(totals.suppressed) }
                json.field("baselined") { json.number(totals.baselined) }
                json.field("approved") { json.number(totals.approved) }
                if let stale = totals.baselineStale { json.field("baselineStale") { json.number(stale) } }
            }
        }
        return (totals.files == 0 ? "]," : "\n  ],") + json.output + "\n}\n"
    }

    private func write(_ finding: Finding, to json: JSONWriter) {
        json.object {
            json.field("rule") { json.string(finding.ruleID) }
            json.field("kind") { json.string(finding.kind.rawValue) }
            json.field("category") { json.string(finding.category) }
            json.field("severity") { json.string(finding.severity.rawValue) }
            json.field("message") { json.string(finding.message) }
            json.field("fix") { json.string(finding.fix) }
            json.field("range") { range(finding.range, json) }
            json.field("text") { json.string(finding.matchedText) }
            json.field("sentence") { json.string(finding.sentence) }
            // Only on findings that do not count; a finding that counts has no `status`.
            switch finding.status {
            case .suppressed(let reason)?:
                json.field("status") { json.string("suppressed") }
                json.field("reason") { json.string(reason) }
            case .baselined(let baseline)?:
                json.field("status") { json.string("baselined") }
                json.field("baseline") { json.string(baseline) }
            case .approved(let id, let reference)?:
                json.field("status") { json.string("approved") }
                json.field("approvedClaim") { json.string(id) }
                json.field("reference") { json.string(reference) }
            case nil:
                break
            }
            if !finding.because.isEmpty {
                json.field("because") {
                    json.array(finding.because) { reason in
                        json.object {
                            json.field("role") { json.string(reason.role) }
                            json.field("text") { json.string(reason.text) }
                            json.field("range") { range(reason.range, json) }
                        }
                    }
                }
            }
        }
    }

    private func range(_ range: SourceRange, _ json: JSONWriter) {
        json.object {
            json.field("start") { position(range.start, json) }
            json.field("end") { position(range.end, json) }
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
    /// Bytes, not a String: appending bytes is several times cheaper than appending scalars.
    private var bytes: [UInt8] = []
    private var indent: Int
    private var needsComma = [false]

    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// `indent` is the nesting level the written text starts at (for pieces of a larger document).
    init(indent: Int = 0) {
        self.indent = indent
    }

    func object(_ body: () -> Void) {
        bytes.append(UInt8(ascii: "{"))
        indent += 1
        needsComma.append(false)
        body()
        let hadFields = needsComma.removeLast()
        indent -= 1
        if hadFields { newline() }
        bytes.append(UInt8(ascii: "}"))
    }

    func array<T>(_ items: [T], _ body: (T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        guard !items.isEmpty else {
            bytes.append(UInt8(ascii: "]"))
            return
        }
        indent += 1
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            body(item)
        }
        indent -= 1
        newline()
        bytes.append(UInt8(ascii: "]"))
    }

    func field(_ name: String, _ value: () -> Void) {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        newline()
        string(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        value()
    }

    func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    func number(_ value: Int) { bytes += String(value).utf8 }

    private func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(indent * 2) { bytes.append(UInt8(ascii: " ")) }
    }
}
