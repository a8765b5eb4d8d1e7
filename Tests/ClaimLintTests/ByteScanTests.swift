import Testing

@testable import ClaimLint

/// `ByteScan` reads eight bytes a step and the rest one by one: each byte it looks for is put at
/// every offset of texts of every length from 0 to 40 (so in a whole word, at either end of one,
/// and in the tail), and the answer must be the byte-by-byte one.
struct ByteScanTests {
    /// The byte-by-byte answers.
    static func mayHoldControl(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 } }
    static func mayNeedEscaping(_ bytes: [UInt8]) -> Bool { mayHoldControl(bytes) || bytes.contains(0xF4) }

    @Test(arguments: [0x00, 0x09, 0x1B, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xA0, 0xC1, 0xC2, 0xC3, 0xF4, 0xFF] as [UInt8])
    func oneByteAtEveryPlace(byte: UInt8) {
        for length in 0...40 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            plain.withUnsafeBufferPointer { bytes in
                #expect(!ByteScan.mayHoldControl(bytes))
                #expect(!ByteScan.mayNeedEscaping(bytes))
                #expect(!ByteScan.contains(byte, in: bytes))
            }
            for offset in 0..<length {
                var text = plain
                text[offset] = byte
                text.withUnsafeBufferPointer { bytes in
                    #expect(
                        ByteScan.mayHoldControl(bytes) == Self.mayHoldControl(text),
                        "byte \(byte) at \(offset) of \(length)")
                    #expect(
                        ByteScan.mayNeedEscaping(bytes) == Self.mayNeedEscaping(text),
                        "byte \(byte) at \(offset) of \(length)")
                    #expect(ByteScan.contains(byte, in: bytes), "byte \(byte) at \(offset) of \(length)")
                    #expect(!ByteScan.contains(byte ^ 0x01, in: bytes) || byte ^ 0x01 == UInt8(ascii: "a"))
                }
            }
        }
    }

    /// Bytes just above what is looked for, next to each other, in whole words: a borrow from one
    /// byte's test must not flag its neighbour.
    @Test func neighboursOfTheLimits() {
        let text: [UInt8] = [
            0x20, 0x21, 0x7E, 0x80, 0xC1, 0xC3, 0xF3, 0xF5, 0x20, 0xFF, 0x21, 0x81, 0x20, 0x7E, 0xE2, 0x80,
        ]
        text.withUnsafeBufferPointer { bytes in
            #expect(!ByteScan.mayHoldControl(bytes))
            #expect(!ByteScan.mayNeedEscaping(bytes))
            #expect(!ByteScan.contains(0xF4, in: bytes))
        }
    }

    /// What the reporters ask, through their own functions.
    @Test func reportersStillEscape() {
        #expect(
            ControlCharacters.escaped("a long message with no control character in it at all")
                == "a long message with no control character in it at all")
        #expect(
            ControlCharacters.escaped("a long message that rings \u{07} a bell")
                == "a long message that rings \\x07 a bell")
        #expect(
            ControlCharacters.escaped("tabs\tare\tleft\tas\tthey\tare\tin messages")
                == "tabs\tare\tleft\tas\tthey\tare\tin messages")
        #expect(!FileName.hasRawBytes("a name with \u{10FFFF} in it, F4 8F BF BF"))
        #expect(FileName.hasRawBytes("caf" + String(Unicode.Scalar(FileName.base + 0xE9)!) + ".md, a longer name"))
    }
}
