/// Escaping for text from pages that goes into XML or HTML. Page text is hostile input: it may hold
/// `<script>`, quotes that would close an attribute, or control characters XML 1.0 forbids.
enum MarkupEscaping {
    /// Safe both as element content and inside a double- or single-quoted attribute. Element
    /// content may keep its newlines and tabs raw (`inAttribute: false`), which reads better.
    static func escape(_ text: String, inAttribute: Bool = true) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Inside attributes, parsers turn raw newlines and tabs into spaces; keep them.
            case "\n": out += inAttribute ? "&#10;" : "\n"
            case "\t": out += inAttribute ? "&#9;" : "\t"
            case "\r": out += "&#13;"
            default:
                // XML 1.0 cannot carry other C0 controls, even as references; show a replacement mark.
                out.unicodeScalars.append(
                    scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }
}
