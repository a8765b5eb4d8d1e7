/// Compiler-style output for people and editors:
///
///     Samples/ketamine-clinic.md:18:30: error: A claim of FDA approval needs … [regulatory-status]
///        18 | Our IV ketamine infusions are FDA-approved for depression and
///           |                               ^~~~~~~~~~~~
///           = fix: Link the FDA label …
///
/// and a summary. The first line of each finding is the `path:line:col: severity: message [rule]`
/// form that editors and CI problem matchers parse.
public final class TextReporter: Reporter, Sendable {
    public let color: Bool
    public let quiet: Bool

    public init(color: Bool = false, quiet: Bool = false) {
        self.color = color
        self.quiet = quiet
    }

    public func begin(_ run: RunStart, to out: ReportOutput) {}

    public func file(_ file: FileReport, to out: ReportOutput) {
        out.write(bytes(of: file))
    }

    public func end(_ run: RunEnd, to out: ReportOutput) {
        out.write(summary(run.totals))
    }

    /// One file's findings, for streaming a long run.
    public func render(file: FileReport) -> String {
        String(decoding: bytes(of: file), as: UTF8.self)
    }

    private func bytes(of file: FileReport) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(file.findings.count * (quiet ? 160 : 480))
        // The path once for all the file's findings, and each rule's message and fix once per file.
        let path = ControlCharacters.escaped(file.path)
        var escapes = EscapedTextCache()
        // Accepted findings (suppressed, baselined, approved) are counted in the summary, not printed.
        for finding in file.findings where finding.counts {
            render(finding, escapedPath: path, escapes: &escapes, into: &out)
        }
        return out
    }

    func render(_ finding: Finding, path: String) -> String {
        var out: [UInt8] = []
        var escapes = EscapedTextCache()
        render(finding, escapedPath: ControlCharacters.escaped(path), escapes: &escapes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one finding as UTF-8 bytes to one buffer: what keeps a 100,000-finding run cheap.
    private func render(
        _ finding: Finding, escapedPath path: String, escapes: inout EscapedTextCache, into out: inout [UInt8]
    ) {
        let severity = severityColor(finding.severity)
        let start = finding.range.start
        begin(Self.bold, into: &out)
        Self.append(path, to: &out)
        out.append(UInt8(ascii: ":"))
        Self.appendDecimal(start.line, to: &out)
        out.append(UInt8(ascii: ":"))
        Self.appendDecimal(start.column, to: &out)
        out.append(UInt8(ascii: ":"))
        end(into: &out)
        out.append(UInt8(ascii: " "))
        begin(severity, into: &out)
        Self.append(finding.severity.rawValue, to: &out)
        out.append(UInt8(ascii: ":"))
        end(into: &out)
        out.append(UInt8(ascii: " "))
        Self.append(escapes.escaped(finding.message), to: &out)
        out.append(UInt8(ascii: " "))
        begin(Self.dim, into: &out)
        out.append(UInt8(ascii: "["))
        Self.append(finding.ruleID, to: &out)
        out.append(UInt8(ascii: "]"))
        end(into: &out)
        out.append(UInt8(ascii: "\n"))
        guard !quiet else { return }
        let lineNumberWidth = Self.decimalWidth(start.line)
        let line = ControlCharacters.pictured(finding.excerpt.text.replacingTabs)
        Self.append("  ", to: &out)
        begin(Self.dim, into: &out)
        Self.appendDecimal(start.line, to: &out)
        end(into: &out)
        Self.append(" | ", to: &out)
        Self.append(line, to: &out)
        out.append(UInt8(ascii: "\n"))
        let startColumn = max(0, start.column - finding.excerpt.firstColumn)
        let lineLength = line.scalarCount
        let endColumn =
            finding.range.end.line == start.line
            ? finding.range.end.column - finding.excerpt.firstColumn
            : lineLength
        let width = max(1, min(endColumn, lineLength) - startColumn)
        Self.append("  ", to: &out)
        Self.append(UInt8(ascii: " "), lineNumberWidth, to: &out)
        Self.append(" | ", to: &out)
        Self.append(UInt8(ascii: " "), startColumn, to: &out)
        begin(severity, into: &out)
        out.append(UInt8(ascii: "^"))
        Self.append(UInt8(ascii: "~"), width - 1, to: &out)
        end(into: &out)
        if !finding.explainsItself {
            Self.append("\n  ", to: &out)
            Self.append(UInt8(ascii: " "), lineNumberWidth, to: &out)
            Self.append(" = because: ", to: &out)
            Self.append(ControlCharacters.escaped(finding.explanation), to: &out)
        }
        Self.append("\n  ", to: &out)
        Self.append(UInt8(ascii: " "), lineNumberWidth, to: &out)
        Self.append(" = fix: ", to: &out)
        Self.append(escapes.escaped(finding.fix), to: &out)
        out.append(UInt8(ascii: "\n"))
    }

    private static let bold = "1"
    private static let dim = "2"

    /// Opens an ANSI colour (when colouring); `end` closes it.
    private func begin(_ code: String, into out: inout [UInt8]) {
        guard color else { return }
        out += "\u{1B}[".utf8
        out += code.utf8
        out.append(UInt8(ascii: "m"))
    }

    private func end(into out: inout [UInt8]) {
        if color { out += "\u{1B}[0m".utf8 }
    }

    /// A string's UTF-8 bytes copied from its storage in one go: `out += text.utf8` took the
    /// generic sequence path, about 200 instructions for each of a finding's dozen pieces.
    @inline(__always)
    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A number's decimal digits, written in place rather than through a `String` per number.
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value >= 0 else {
            append(String(value), to: &out)
            return
        }
        let width = decimalWidth(value)
        let end = out.count + width
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var rest = value
        var index = end - 1
        while rest >= 10 {
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
        out[index] = UInt8(ascii: "0") + UInt8(rest)
    }

    /// How many characters `String(value)` has.
    private static func decimalWidth(_ value: Int) -> Int {
        guard value >= 0 else { return String(value).utf8.count }
        var width = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            width += 1
        }
        return width
    }

    /// `count` copies of one byte.
    private static func append(_ byte: UInt8, _ count: Int, to out: inout [UInt8]) {
        guard count > 0 else { return }
        out.append(contentsOf: repeatElement(byte, count: count))
    }

    /// The closing summary line (nothing with `quiet`).
    public func summary(_ totals: RunTotals) -> String {
        guard !quiet else { return "" }
        let errors = totals.errors
        let warnings = totals.warnings
        let infos = totals.infos
        let linted = totals.files - totals.failedFiles
        let failed = totals.notLinted
        var parts = [
            "\(errors) \(errors == 1 ? "error" : "errors")", "\(warnings) \(warnings == 1 ? "warning" : "warnings")",
            "\(infos) info",
        ]
        if failed > 0 { parts.append("\(failed) \(failed == 1 ? "input" : "inputs") not linted") }
        var accepted: [String] = []
        if totals.suppressed > 0 { accepted.append("\(totals.suppressed) suppressed") }
        if totals.approved > 0 { accepted.append("\(totals.approved) approved") }
        if let stale = totals.baselineStale {
            // Stale: findings the baseline records that no longer occur (`--write-baseline` again to drop them).
            accepted.append("\(totals.baselined) in the baseline (\(stale) stale)")
        }
        let files = "\(linted) \(linted == 1 ? "file" : "files") linted"
        let notCounted = accepted.isEmpty ? "" : "; not counted: " + accepted.joined(separator: ", ")
        return "\n"
            + paint(
                "\(files): " + parts.joined(separator: ", ") + notCounted,
                errors > 0 ? "1;31" : warnings > 0 ? "1;33" : "1;32") + "\n"
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
        let hasTab =
            utf8.withContiguousStorageIfAvailable(Self.containsTab) ?? utf8.contains(UInt8(ascii: "\t"))
        return hasTab ? String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) }) : self
    }

    /// The number of Unicode scalars, counted over the UTF-8 bytes (every byte but continuation bytes).
    var scalarCount: Int {
        utf8.withContiguousStorageIfAvailable { $0.count - Self.continuationBytes(in: $0) } ?? unicodeScalars.count
    }

    /// Whether a tab byte occurs, eight bytes at a time: a byte of `word ^ 0x09…09` is zero exactly
    /// where a tab is, and `(x - 0x01…01) & ~x & 0x80…80` is nonzero exactly when some byte of x is.
    private static func containsTab(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0909_0909_0909_0909
            if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { return true }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\t") { return true }
            index += 1
        }
        return false
    }

    /// How many bytes are UTF-8 continuation bytes (`10xxxxxx`), eight bytes at a time: a byte's
    /// top bit set and the bit below it clear is `word & ~(word << 1)` in each byte's top bit.
    private static func continuationBytes(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var count = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            count += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 == 0x80 { count += 1 }
            index += 1
        }
        return count
    }
}
