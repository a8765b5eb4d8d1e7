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

    /// Bytes, not a String: appending bytes is several times cheaper than appending scalars.
    private(set) var bytes: [UInt8] = []
    private var indent: Int
    private var needsComma = [false]
    private let style: Style

    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// `indent` is the nesting level the written text starts at (for pieces of a larger document).
    init(indent: Int = 0, style: Style = .report) {
        self.indent = indent
        self.style = style
    }

    func object(_ body: () -> Void) {
        bytes.append(UInt8(ascii: "{"))
        indent += 1
        needsComma.append(false)
        body()
        let hadFields = needsComma.removeLast()
        indent -= 1
        if hadFields {
            newline()
        } else if style == .foundation {
            bytes.append(UInt8(ascii: "\n"))
            newline()
        }
        bytes.append(UInt8(ascii: "}"))
    }

    func array<T>(_ items: [T], _ body: (T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        guard !items.isEmpty else {
            if style == .foundation {
                bytes.append(UInt8(ascii: "\n"))
                newline()
            }
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
        Self.field(name, indent: indent, style: style, to: &bytes)
        value()
    }

    private static let hex = Array("0123456789abcdef".utf8)

    // The writers below take the bytes `inout`, once per call: each access to a class's stored
    // array is an exclusivity check, and a string written append by append paid one per piece.

    func string(_ text: String) { Self.write(text, style: style, to: &bytes) }

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

    func number(_ value: Int) { bytes.appendDecimal(value) }

    /// Text written as it is (separators between pieces written apart).
    func raw(_ text: String) { bytes += text.utf8 }

    func bool(_ value: Bool) { bytes += (value ? "true" : "false").utf8 }

    private static func field(_ name: String, indent: Int, style: Style, to bytes: inout [UInt8]) {
        newline(indent: indent, to: &bytes)
        write(name, style: style, to: &bytes)
        if style == .foundation { bytes.append(UInt8(ascii: " ")) }
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    private func newline() { Self.newline(indent: indent, to: &bytes) }

    private static func newline(indent: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<indent * 2 { bytes.append(UInt8(ascii: " ")) }
    }
}
