/// A word, number, symbol or citation marker in a block of prose.
@_spi(Stages) public struct Token: Sendable, Equatable {
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
    /// The normalized word's key (lowercased, apostrophes unified, stemmed by Snowball), hashed.
    /// Numbers all share `WordKey.number`; symbols hash their bytes.
    public var key: UInt64
}

/// Hashing normalized words: the matcher compares keys, never strings.
@_spi(Stages) public enum WordKey {
    public static let number: UInt64 = 0x9E37_79B9_7F4A_7C15
    public static let marker: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    /// Eight bytes at a time, each word mixed by a multiply and a shift: most words are one or
    /// two such steps, where hashing byte by byte would be a chain of one multiply per letter.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return seed(bytes.count) }
        var (hash, index) = mixWholeWords(base, count: bytes.count)
        if index < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(base[index]) << shift
                shift += 8
                index += 1
            }
            hash = mix(hash, tail)
        }
        return finish(hash)
    }

    /// `hash(bytes)`, for a word in a buffer whose bytes past it are initialized up to the next
    /// multiple of eight (`WordScratch`): the last partial eight bytes are one load, masked to the
    /// word, instead of a loop over its bytes. The same value as `hash(_:)`, byte for byte.
    @inline(__always)
    static func hash(padded bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return seed(bytes.count) }
        var (hash, index) = mixWholeWords(base, count: bytes.count)
        if index < bytes.count {
            // Little-endian, as the byte loop of `hash(_:)` assembles it: the word's bytes low, zeros above.
            let tail =
                UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                & (UInt64.max >> (64 - 8 * UInt64(bytes.count - index)))
            hash = mix(hash, tail)
        }
        return finish(hash)
    }

    // The three steps both `hash` functions share, so that they cannot drift apart.

    @inline(__always)
    private static func seed(_ count: Int) -> UInt64 { 0x243F_6A88_85A3_08D3 ^ UInt64(count) }

    @inline(__always)
    private static func mix(_ hash: UInt64, _ eightBytes: UInt64) -> UInt64 {
        let mixed = (hash ^ eightBytes) &* 0xBF58_476D_1CE4_E5B9
        return mixed ^ (mixed >> 31)
    }

    /// The seed mixed with every whole eight bytes of the word, and where the rest begins.
    @inline(__always)
    private static func mixWholeWords(_ base: UnsafePointer<UInt8>, count: Int) -> (hash: UInt64, index: Int) {
        var hash = seed(count)
        var index = 0
        while index + 8 <= count {
            hash = mix(hash, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            index += 8
        }
        return (hash, index)
    }

    @inline(__always)
    private static func finish(_ hash: UInt64) -> UInt64 {
        let spread = hash &* 0x94D0_49BB_1331_11EB
        return spread ^ (spread >> 32)
    }

    /// The key of one word as written in a rule ("Cures" → key of "cure").
    public static func of(_ word: String) -> UInt64 {
        var tokens: [Token] = []
        Tokenizer.tokenize(Array(word.utf8), into: &tokens)
        return tokens.first?.key ?? 0
    }
}
