/// A word, number, symbol or citation marker in a block of prose.
public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case word
        case number
        case symbol
        /// A citation marker: [3], [^2], ¹, or a digit glued after sentence punctuation ("relief.2").
        case marker
    }

    /// Byte range in the block's prose.
    public var start: Int
    public var end: Int
    public var kind: Kind
    /// The normalized word's key (lowercased, apostrophes unified, stemmed), hashed.
    /// Numbers all share `WordKey.number`; symbols hash their bytes.
    public var key: UInt64
}

/// Hashing normalized words: the matcher compares keys, never strings.
public enum WordKey {
    public static let number: UInt64 = 0x9E37_79B9_7F4A_7C15
    public static let marker: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    /// Eight bytes at a time, each word mixed by a multiply and a shift: most words are one or
    /// two such steps, where hashing byte by byte would be a chain of one multiply per letter.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        var index = 0
        while index + 8 <= bytes.count {
            hash = (hash ^ UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        if index < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(base[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        hash = hash &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 32)
    }

    /// The key of one word as written in a rule ("Cures" → key of "cur").
    public static func of(_ word: String) -> UInt64 {
        var tokens: [Token] = []
        Tokenizer.tokenize(Array(word.utf8), into: &tokens)
        return tokens.first?.key ?? 0
    }
}

/// Reduces a lowercased ASCII word in place to a stem shared by its simple inflections:
/// cure, cures, cured, curing → cur; study, studies → study; treat, treated → treat;
/// guarantee, guaranteed → guarant.
/// Phrases and text go through the same function, so only consistency matters.
enum Stemmer {
    @inline(__always)
    static func stem(_ word: UnsafeMutableBufferPointer<UInt8>, length: inout Int) {
        // Byte comparisons on the last letters; `back(1)` is the last one.
        @inline(__always) func back(_ offset: Int) -> UInt8 { word[length - offset] }
        if length >= 5, back(3) == UInt8(ascii: "i"), back(2) == UInt8(ascii: "e"), back(1) == UInt8(ascii: "s") {
            length -= 2
            word[length - 1] = UInt8(ascii: "y")
        } else if length >= 4, back(1) == UInt8(ascii: "s"), back(2) != UInt8(ascii: "s"), back(2) != UInt8(ascii: "u"), back(2) != UInt8(ascii: "i") {
            length -= 1
        }
        if length >= 6, back(3) == UInt8(ascii: "i"), back(2) == UInt8(ascii: "n"), back(1) == UInt8(ascii: "g") {
            length -= 3
        } else if length >= 5, back(2) == UInt8(ascii: "e"), back(1) == UInt8(ascii: "d") {
            length -= 2
        }
        // Every final "e", so that "guarantee" and "guaranteed", "agree" and "agreed" meet at one stem.
        while length >= 4, back(1) == UInt8(ascii: "e") {
            length -= 1
        }
    }
}
