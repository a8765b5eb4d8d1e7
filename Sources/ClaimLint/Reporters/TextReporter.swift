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

    /// The escaped messages and fixes of the files rendered so far, for the next file: a run's
    /// findings name a few dozen rules, and escaping each again for every file was a third of it.
    private let escapesBetweenFiles = EscapedTextCache.Shelf()

    private func bytes(of file: FileReport) -> [UInt8] {
        var out = ByteRoom(capacity: file.findings.count * (quiet ? 160 : 480))
        // The path once for all the file's findings, and each rule's message and fix once per run.
        let path = ControlCharacters.escaped(file.path)
        var escapes = escapesBetweenFiles.take()
        // Accepted findings (suppressed, baselined, approved) are counted in the summary, not printed.
        // Through a buffer pointer: each finding is read where it lies, not copied (a retain and a
        // release of each of its strings).
        file.findings.withUnsafeBufferPointer { findings in
            for index in findings.indices where findings[index].status == nil {
                render(findings[index], escapedPath: path, escapes: &escapes, into: &out)
            }
        }
        escapesBetweenFiles.give(escapes)
        return out.array
    }

    func render(_ finding: Finding, path: String) -> String {
        var out = ByteRoom(capacity: 512)
        var escapes = EscapedTextCache()
        render(finding, escapedPath: ControlCharacters.escaped(path), escapes: &escapes, into: &out)
        return String(decoding: out.array, as: UTF8.self)
    }

    /// Appends one finding as UTF-8 bytes to one buffer, in room made for all of it at once
    /// (`ByteRoom`): what keeps a 100,000-finding run cheap.
    private func render(
        _ finding: Finding, escapedPath path: String, escapes: inout EscapedTextCache, into writer: inout ByteRoom
    ) {
        let severity = severityColor(finding.severity)
        let start = finding.range.start
        let message = escapes.escaped(finding.message)
        // An ANSI colour opened and closed is at most 11 bytes; a finding has six of them.
        var room = path.utf8.count + message.utf8.count + finding.ruleID.utf8.count + 128
        guard !quiet else {
            writer.makeRoom(for: room)
            writeHeadline(finding, path: path, message: message, severity: severity, to: &writer)
            return
        }
        let fix = escapes.escaped(finding.fix)
        let excerpt = SourceLine(finding.excerpt.text)
        let lineNumberWidth = ByteRoom.decimalWidth(start.line)
        let startColumn = max(0, start.column - finding.excerpt.firstColumn)
        let lineLength = excerpt.scalarCount
        let endColumn =
            finding.range.end.line == start.line
            ? finding.range.end.column - finding.excerpt.firstColumn
            : lineLength
        let width = max(1, min(endColumn, lineLength) - startColumn)
        let explained = !finding.explainsItself
        room += excerpt.byteCount + 3 * lineNumberWidth + startColumn + width + fix.utf8.count + 96
        if explained {
            // Escaping makes at most four bytes of one (`\x1B` for ESC).
            for reason in finding.because { room += reason.role.utf8.count + 4 * reason.text.utf8.count + 8 }
        }
        writer.makeRoom(for: room)
        writeHeadline(finding, path: path, message: message, severity: severity, to: &writer)
        writer.write(literal: "  ")
        begin(Self.dim, to: &writer)
        writer.writeDecimal(start.line)
        end(to: &writer)
        writer.write(literal: " | ")
        excerpt.write(to: &writer)
        writer.write(UInt8(ascii: "\n"))
        writer.write(literal: "  ")
        writer.write(UInt8(ascii: " "), times: lineNumberWidth)
        writer.write(literal: " | ")
        writer.write(UInt8(ascii: " "), times: startColumn)
        begin(severity, to: &writer)
        writer.write(UInt8(ascii: "^"))
        writer.write(UInt8(ascii: "~"), times: width - 1)
        end(to: &writer)
        if explained {
            writer.write(literal: "\n  ")
            writer.write(UInt8(ascii: " "), times: lineNumberWidth)
            writer.write(literal: " = because: ")
            // `explanation`, escaped piece by piece (escaping maps each character on its own).
            for (index, reason) in finding.because.enumerated() {
                if index > 0 { writer.write(literal: " + ") }
                Self.writeEscaped(reason.role, to: &writer)
                writer.write(literal: " '")
                Self.writeEscaped(reason.text, to: &writer)
                writer.write(UInt8(ascii: "'"))
            }
        }
        writer.write(literal: "\n  ")
        writer.write(UInt8(ascii: " "), times: lineNumberWidth)
        writer.write(literal: " = fix: ")
        writer.write(fix)
        writer.write(UInt8(ascii: "\n"))
    }

    /// `path:line:col: severity: message [rule]` and its newline.
    private func writeHeadline(
        _ finding: Finding, path: String, message: String, severity: StaticString, to writer: inout ByteRoom
    ) {
        let start = finding.range.start
        begin(Self.bold, to: &writer)
        writer.write(path)
        writer.write(UInt8(ascii: ":"))
        writer.writeDecimal(start.line)
        writer.write(UInt8(ascii: ":"))
        writer.writeDecimal(start.column)
        writer.write(UInt8(ascii: ":"))
        end(to: &writer)
        writer.write(UInt8(ascii: " "))
        begin(severity, to: &writer)
        writer.write(finding.severity.rawValue)
        writer.write(UInt8(ascii: ":"))
        end(to: &writer)
        writer.write(UInt8(ascii: " "))
        writer.write(message)
        writer.write(UInt8(ascii: " "))
        begin(Self.dim, to: &writer)
        writer.write(UInt8(ascii: "["))
        writer.write(finding.ruleID)
        writer.write(UInt8(ascii: "]"))
        end(to: &writer)
        writer.write(UInt8(ascii: "\n"))
    }

    /// `ControlCharacters.escaped(text)`, written without a copy when there is nothing to escape.
    private static func writeEscaped(_ text: String, to writer: inout ByteRoom) {
        var text = text
        if text.withUTF8(ByteScan.mayNeedEscaping) {
            writer.write(ControlCharacters.escaped(text))
        } else {
            writer.write(text)
        }
    }

    /// A finding's source line as shown: tabs as spaces, control characters pictured
    /// (`ControlCharacters.pictured`). Most lines have neither, and one pass over their bytes
    /// says so; the others take the careful path.
    private struct SourceLine {
        private let text: String
        /// Its width in Unicode scalars, where the underline must end.
        let scalarCount: Int

        init(_ line: String) {
            if Self.isPlain(line) {
                text = line
            } else {
                text = ControlCharacters.pictured(line.replacingTabs)
            }
            scalarCount = text.scalarCount
        }

        var byteCount: Int { text.utf8.count }

        func write(to writer: inout ByteRoom) { writer.write(text) }

        /// No tab, no control character, no `C2` lead byte (C1 controls are `C2 80`…`C2 9F`): the
        /// flag is ORed per byte with no early exit, so the compiler scans many bytes a step.
        private static func isPlain(_ line: String) -> Bool {
            var line = line
            return line.withUTF8 { bytes in
                var flagged: UInt8 = 0
                for byte in bytes {
                    flagged |= UInt8(truncatingIfNeeded: (byte < 0x20 || byte == 0x7F || byte == 0xC2) ? 1 : 0)
                }
                return flagged == 0
            }
        }
    }

    private static let bold: StaticString = "1"
    private static let dim: StaticString = "2"

    /// Opens an ANSI colour (when colouring); `end` closes it.
    private func begin(_ code: StaticString, to writer: inout ByteRoom) {
        guard color else { return }
        writer.write(literal: "\u{1B}[")
        writer.write(literal: code)
        writer.write(UInt8(ascii: "m"))
    }

    private func end(to writer: inout ByteRoom) {
        if color { writer.write(literal: "\u{1B}[0m") }
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

    private func severityColor(_ severity: Severity) -> StaticString {
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
