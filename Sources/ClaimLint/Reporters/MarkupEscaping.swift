/// Escaping for text from pages that goes into XML or HTML. Page text is hostile input: it may hold
/// `<script>`, quotes that would close an attribute, or control characters XML 1.0 forbids.
enum MarkupEscaping {
    /// Safe both as element content and inside a double- or single-quoted attribute. Element
    /// content may keep its newlines and tabs raw (`inAttribute: false`), which reads better.
    static func escape(_ text: String, inAttribute: Bool = true) -> String {
        var out: [UInt8] = []
        append(text, inAttribute: inAttribute, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(text)`'s bytes, appended to `out`.
    static func append(_ text: String, inAttribute: Bool = true, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { append($0, inAttribute: inAttribute, to: &out) }
    }

    /// Escapes whole UTF-8 characters (a slice of a String's bytes cut between characters).
    /// Runs of bytes that need nothing, nearly all of them, are copied at once.
    static func append(_ utf8: UnsafeBufferPointer<UInt8>, inAttribute: Bool = true, to out: inout [UInt8]) {
        var start = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            // Most bytes are letters, digits and spaces: one comparison sends them on.
            if byte > UInt8(ascii: ">"), byte != 0xEF {
                index += 1
                continue
            }
            let replacement: StaticString
            var length = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            // Inside attributes, parsers turn raw newlines and tabs into spaces; keep them.
            case UInt8(ascii: "\n") where inAttribute: replacement = "&#10;"
            case UInt8(ascii: "\t") where inAttribute: replacement = "&#9;"
            case UInt8(ascii: "\r"): replacement = "&#13;"
            // XML 1.0 cannot carry other C0 controls, even as references; show a replacement mark.
            case 0..<0x20 where byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\t"): replacement = "\u{FFFD}"
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
            case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                replacement = "\u{FFFD}"
                length = 3
            default:
                index += 1
                continue
            }
            if start < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
            out.append(
                contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            index += length
            start = index
        }
        if start < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
    }
}
