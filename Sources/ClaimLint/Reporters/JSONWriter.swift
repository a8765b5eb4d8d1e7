/// A minimal streaming JSON writer (a class, so nested closures can all append to it): two-space
/// indentation, keys in the order written. Two styles: claimlint's JSON report (`"key": value`),
/// and the style of Foundation's pretty-printing `JSONEncoder` (`"key" : value`, `\b` and `\f`
/// escapes, empty arrays and objects over three lines), which the SARIF report was first written
/// with and keeps, so its output did not change when it began to stream.
final class JSONWriter {
    enum Style {
        case report
        case foundation
    }

    /// What is written so far and where: behind a pointer, not in stored properties. Swift checks
    /// every access to a class's stored property for exclusivity at run time (the closures the
    /// writer is used through hide who else may be accessing it), and those checks were a fifth
    /// of the JSON report's own time; memory reached through a pointer is not checked. Only this
    /// class touches it, one call at a time.
    private struct State {
        /// Bytes, not a String: appending bytes is several times cheaper than appending scalars.
        var bytes: [UInt8] = []
        var indent: Int
        /// Per open object or array, innermost in bit 0: whether it has a member yet (a comma is due).
        var hasMembers: UInt64 = 0
        var depth = 0
    }

    private let state: UnsafeMutablePointer<State>
    private let style: Style

    var bytes: [UInt8] { state.pointee.bytes }

    var output: String { String(decoding: state.pointee.bytes, as: UTF8.self) }

    /// `indent` is the nesting level the written text starts at (for pieces of a larger document).
    init(indent: Int = 0, style: Style = .report) {
        state = .allocate(capacity: 1)
        state.initialize(to: State(indent: indent))
        self.style = style
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Reports nest a dozen levels at most; the bit stack holds 64.
    private func open() {
        precondition(state.pointee.depth < 63, "JSONWriter nests at most 63 levels")
        state.pointee.hasMembers <<= 1
        state.pointee.depth += 1
        state.pointee.indent += 1
    }

    /// Closes what `open` opened; whether it had members.
    private func close() -> Bool {
        let had = state.pointee.hasMembers & 1 != 0
        state.pointee.hasMembers >>= 1
        state.pointee.depth -= 1
        state.pointee.indent -= 1
        return had
    }

    func object(_ body: () -> Void) {
        state.pointee.bytes.append(UInt8(ascii: "{"))
        open()
        body()
        let hadFields = close()
        if hadFields {
            newline()
        } else if style == .foundation {
            state.pointee.bytes.append(UInt8(ascii: "\n"))
            newline()
        }
        state.pointee.bytes.append(UInt8(ascii: "}"))
    }

    func array<T>(_ items: [T], _ body: (T) -> Void) {
        state.pointee.bytes.append(UInt8(ascii: "["))
        guard !items.isEmpty else {
            if style == .foundation {
                state.pointee.bytes.append(UInt8(ascii: "\n"))
                newline()
            }
            state.pointee.bytes.append(UInt8(ascii: "]"))
            return
        }
        state.pointee.indent += 1
        for (index, item) in items.enumerated() {
            if index > 0 { state.pointee.bytes.append(UInt8(ascii: ",")) }
            newline()
            body(item)
        }
        state.pointee.indent -= 1
        newline()
        state.pointee.bytes.append(UInt8(ascii: "]"))
    }

    func field(_ name: String, _ value: () -> Void) {
        if state.pointee.hasMembers & 1 != 0 { state.pointee.bytes.append(UInt8(ascii: ",")) }
        state.pointee.hasMembers |= 1
        Self.field(name, indent: state.pointee.indent, style: style, to: &state.pointee.bytes)
        value()
    }

    private static let hex = Array("0123456789abcdef".utf8)

    func string(_ text: String) { Self.write(text, style: style, to: &state.pointee.bytes) }

    private static func write(_ text: String, style: Style, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied at once.
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                start = index + 1
                escape(byte, style: style, to: &bytes)
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func escape(_ byte: UInt8, style: Style, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
        case 0x08 where style == .foundation: bytes.append(UInt8(ascii: "b"))
        case 0x0C where style == .foundation: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }

    func number(_ value: Int) { state.pointee.bytes.appendDecimal(value) }

    /// Text written as it is (separators between pieces written apart).
    func raw(_ text: String) { state.pointee.bytes += text.utf8 }

    func bool(_ value: Bool) { state.pointee.bytes += (value ? "true" : "false").utf8 }

    private static func field(_ name: String, indent: Int, style: Style, to bytes: inout [UInt8]) {
        newline(indent: indent, to: &bytes)
        write(name, style: style, to: &bytes)
        if style == .foundation { bytes.append(UInt8(ascii: " ")) }
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    private func newline() { Self.newline(indent: state.pointee.indent, to: &state.pointee.bytes) }

    /// A line break and the indentation, copied from one line of spaces.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private static func newline(indent: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\n"))
        var width = indent * 2
        while width > 0 {
            let piece = min(width, spaces.count)
            bytes.append(contentsOf: spaces[..<piece])
            width -= piece
        }
    }
}
