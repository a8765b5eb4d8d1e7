/// Scans of UTF-8 bytes for the few byte values that need care, eight bytes a step (SWAR: each
/// test is a handful of integer operations on a 64-bit word). Reporters ask these of every
/// finding's message, explanation and fix before writing it; the byte-at-a-time loops they
/// replace were not vectorised (callgrind counted 3.6 instructions a byte), and in a run whose
/// 10,000 variant messages were all different, the raw-byte check alone took 40 M instructions.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte is below 0x20 (tab included), 0x7F, or the lead byte 0xC2: a control
    /// character may be there, and the caller's careful path decides.
    static func mayHoldControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        scan(bytes, below: 0x20, equalTo: 0x7F, 0xC2, 0xC2)
    }

    /// Whether the text may need escaping for a terminal: `mayHoldControl`, or a 0xF4 lead byte,
    /// which starts the scalars that stand for a file name's raw bytes (`FileName`).
    static func mayNeedEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        scan(bytes, below: 0x20, equalTo: 0x7F, 0xC2, 0xF4)
    }

    /// Whether the byte occurs.
    static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        scan(bytes, below: 0, equalTo: byte, byte, byte)
    }

    /// Any byte below `limit` (at most 0x80), or equal to `first`, `second` or `third`. For a word `x`,
    /// `(x - n·ones) & ~x & highBits` is non-zero exactly when some byte of `x` is below `n`
    /// (a byte equal to `v` is a zero byte of `x ^ v·ones`); the tests of a step are ORed and the
    /// high bits looked at once, after the loop.
    @inline(__always)
    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, below limit: UInt8, equalTo first: UInt8, _ second: UInt8,
        _ third: UInt8
    ) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        let below = ones &* UInt64(limit)
        let firstWord = ones &* UInt64(first)
        let secondWord = ones &* UInt64(second)
        let thirdWord = ones &* UInt64(third)
        var flagged: UInt64 = 0
        var index = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let a = word ^ firstWord
            let b = word ^ secondWord
            let c = word ^ thirdWord
            flagged |= ((word &- below) & ~word) | ((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c)
            index += 8
        }
        if flagged & highBits != 0 { return true }
        while index < count {
            let byte = base[index]
            if byte < limit || byte == first || byte == second || byte == third { return true }
            index += 1
        }
        return false
    }
}
