/// Control characters from pages, file names and rules files must never reach a terminal or a
/// bot raw: ESC and BEL set titles, erase lines and hide text. Each output escapes them its way.
public enum ControlCharacters {
    /// C0 controls (but tab), DEL and C1 controls.
    @inline(__always)
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    /// Most text has none: one pass over the bytes says so (C1 controls are `C2 80`…`C2 9F`),
    /// eight bytes a step (`ByteScan`): a text report escapes every finding's message,
    /// explanation and fix, a few hundred bytes each. Any `C2` lead byte counts (it also starts
    /// "©" or "°"): the careful path decides.
    @inline(__always)
    static func mayContainControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // Most text has none of the bytes, and eight at a time says so; else byte by byte, tabs aside.
            guard ByteScan.mayHoldControl(bytes) else { return false }
            var flagged: UInt8 = 0
            for byte in bytes {
                let control = (byte < 0x20) != (byte == 0x09)
                flagged |= UInt8(truncatingIfNeeded: (control || byte == 0x7F || byte == 0xC2) ? 1 : 0)
            }
            return flagged != 0
        }
    }

    /// `\x1B` for each control character, and `\xE9` for each byte of a file name that is not
    /// UTF-8 (`FileName`): for one-line text on a terminal and standard error (a path, a message).
    public static func escaped(_ text: String) -> String {
        let text = FileName.escaped(text)
        guard mayContainControl(text) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += scalar.value > 0xFF ? "\\u{\(hex)}" : "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `%1B`: for formats that decode only their own few escapes and show the rest as written.
    static func percentEncoded(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "%" + (hex.count < 2 ? "0" + hex : hex)
    }

    /// Each control character as one visible character (U+2400…, the Control Pictures: `␛`, `␇`;
    /// `�` for C1), so that a source excerpt keeps its columns under the caret line.
    public static func pictured(_ text: String) -> String {
        guard mayContainControl(text) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.unicodeScalars.append(
                    scalar.value < 0x20
                        ? Unicode.Scalar(0x2400 + scalar.value)! : scalar.value == 0x7F ? "\u{2421}" : "\u{FFFD}")
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
