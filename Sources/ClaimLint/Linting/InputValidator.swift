/// Decides whether a file's bytes can be linted as Markdown, and if not, says why in words
/// that name the line and column of the first bad byte.
enum InputValidator {
    enum Verdict: Equatable {
        case text
        case empty
        case rejected(String)
        /// claimlint's own Markdown report (`--report markdown=…` inside a linted folder): linting
        /// it would report the findings it quotes, more on every run.
        case claimLintReport
    }

    /// The Markdown report's first line: `## claimlint: 3 errors, …` (`MarkdownReporter`).
    static let reportMarker = Array("## claimlint: ".utf8)

    static func verdict(for bytes: [UInt8]) -> Verdict {
        if bytes.isEmpty { return .empty }
        if bytes.count > reportMarker.count, bytes.starts(with: reportMarker),
            bytes[reportMarker.count] >= UInt8(ascii: "0"), bytes[reportMarker.count] <= UInt8(ascii: "9")
        {
            return .claimLintReport
        }
        let count = bytes.count
        let firstProblem: Int? = bytes.withUnsafeBytes { raw in
            var index = 0
            while index < count {
                // Eight ASCII bytes, none of them NUL, at a time: most of every page.
                if index + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let hasHighBit = word & 0x8080_8080_8080_8080 != 0
                    let hasZeroByte = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
                    if !hasHighBit, !hasZeroByte {
                        index += 8
                        continue
                    }
                }
                let byte = raw[index]
                if byte < 0x80 {
                    if byte == 0 { return index }
                    index += 1
                    continue
                }
                let length = sequenceLength(bytes, at: index)
                if length == 0 { return index }
                index += length
            }
            return nil
        }
        guard let index = firstProblem else { return .text }
        let byte = bytes[index]
        if byte == 0 {
            return .rejected("contains a NUL byte at \(place(bytes, index)); it looks like a binary file, not Markdown")
        }
        return .rejected("is not valid UTF-8 (bad byte 0x\(hex(byte)) at \(place(bytes, index))); save it as UTF-8")
    }

    /// The length of a well-formed UTF-8 sequence at `index` (no overlongs, surrogates or values past U+10FFFF), else 0.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let first = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch first {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    private static func place(_ bytes: [UInt8], _ offset: Int) -> String {
        // Lines end at LF, CRLF or a lone CR, as SourceText (and every finding's position) counts them.
        var line = 1
        var lineStart = 0
        for index in 0..<offset {
            let isBreak =
                bytes[index] == UInt8(ascii: "\n")
                || (bytes[index] == UInt8(ascii: "\r")
                    && (index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n")))
            if isBreak {
                line += 1
                lineStart = index + 1
            }
        }
        return "line \(line), byte column \(offset - lineStart + 1)"
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
