/// How the tokenizer and the sentence splitter see each Unicode scalar of prose.
enum CharacterClass: Equatable {
    case letter
    case digit
    case space
    /// ’ and ' inside a word ("don’t", "patient's").
    case apostrophe
    /// ¹ ² ³ ⁴ … : a citation marker.
    case superscriptDigit
    /// ½ ⅔ ¾ …
    case fraction
    /// % $ £ € / + # & and other symbols that carry meaning in statistics and prices.
    case symbol
    /// Everything else: punctuation, quotes, dashes, emoji.
    case punctuation

    static func of(_ scalar: UInt32) -> CharacterClass {
        if scalar < 0x80 {
            switch UInt8(scalar) {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .letter
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                return .space
            case UInt8(ascii: "'"): return .apostrophe
            case UInt8(ascii: "%"), UInt8(ascii: "$"), UInt8(ascii: "/"), UInt8(ascii: "+"), UInt8(ascii: "#"),
                UInt8(ascii: "&"):
                return .symbol
            default: return .punctuation
            }
        }
        switch scalar {
        case 0xA0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return .space
        case 0xB9, 0xB2, 0xB3, 0x2070, 0x2074...0x2079: return .superscriptDigit
        case 0xBC...0xBE, 0x2150...0x215F, 0x2189: return .fraction
        case 0xA3, 0xA5, 0x20A0...0x20CF: return .symbol
        case 0x2019, 0x02BC: return .apostrophe
        case 0xA1...0xBF, 0xD7, 0xF7, 0x2010...0x206F, 0x2100...0x2BFF, 0x2E00...0x2E7F, 0x3001...0x303F,
            0xFE00...0xFE6F, 0xFF00...0xFF0F, 0xFFF0...0xFFFF, 0x1F000...0x1FAFF:
            return .punctuation
        default: return .letter
        }
    }
}

extension Array where Element == UInt8 {
    /// Decodes the scalar starting at `index`: its value and its length in bytes.
    /// Input is validated UTF-8 before linting, but this stays safe on anything.
    @inline(__always)
    func scalar(at index: Int) -> (value: UInt32, length: Int) {
        let first = self[index]
        if first < 0x80 { return (UInt32(first), 1) }
        let length: Int
        var value: UInt32
        if first & 0xE0 == 0xC0 {
            length = 2
            value = UInt32(first & 0x1F)
        } else if first & 0xF0 == 0xE0 {
            length = 3
            value = UInt32(first & 0x0F)
        } else if first & 0xF8 == 0xF0 {
            length = 4
            value = UInt32(first & 0x07)
        } else {
            return (0xFFFD, 1)
        }
        guard index + length <= count else { return (0xFFFD, 1) }
        for offset in 1..<length {
            let byte = self[index + offset]
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, offset) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (value, length)
    }
}
