/// `\uXXXX`, as JSON strings and YAML's double-quoted scalars write a character: the approved-
/// claims reader (`ApprovedClaimsFastReader`) and the language server's JSON reader both decode it
/// here. Public for the language server's module, which depends on this one.
public enum UnicodeEscape {
    /// The escape whose four hex digits start at `index` (just after the `u`): its code point and
    /// the index after it, or nil when the digits are not four hex digits. With
    /// `pairingSurrogates` (JSON), a high surrogate followed by an escaped low one is one code
    /// point; otherwise (YAML, which has `\U` for those), and for a lone surrogate, the surrogate's
    /// own value comes back, which is no `Unicode.Scalar`: each caller says what that means.
    @inlinable
    public static func decode<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, at index: Int, pairingSurrogates: Bool
    ) -> (code: UInt32, end: Int)? where Bytes.Index == Int {
        guard let high = hexQuad(bytes, at: index) else { return nil }
        let end = index + 4
        guard pairingSurrogates, (0xD800..<0xDC00).contains(high), end + 6 <= bytes.endIndex,
            bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == UInt8(ascii: "u")
        else { return (high, end) }
        // A `\u` after a high surrogate must be a valid escape whatever it holds.
        guard let low = hexQuad(bytes, at: end + 2) else { return nil }
        guard (0xDC00..<0xE000).contains(low) else { return (high, end) }
        return (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), end + 6)
    }

    /// Four hex digits (either case) at `index` as a number.
    @inlinable
    static func hexQuad<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Int) -> UInt32?
    where Bytes.Index == Int {
        guard index >= bytes.startIndex, index + 4 <= bytes.endIndex else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    /// The scalar's UTF-8 bytes appended.
    @inlinable
    public static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }
}
