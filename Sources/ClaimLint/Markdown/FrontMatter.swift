/// YAML front matter: a `---` line at the very top of the file, up to a closing `---` or `...`
/// line. It is metadata, not prose, so cmark is given it blanked (`MarkdownInput`).
enum FrontMatter {
    /// The offset just past the closing fence line's text when the bytes from `start` open with
    /// a `---` line and a closing line follows; nil otherwise (an unclosed block is not front matter).
    static func end(of bytes: [UInt8], from start: Int) -> Int? {
        func lineEnd(_ from: Int) -> Int {
            var index = from
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") {
                index += 1
            }
            return index
        }
        func isFence(_ from: Int, _ to: Int, _ char: UInt8) -> Bool {
            var end = to
            while end > from, bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            return end - from == 3 && bytes[from] == char && bytes[from + 1] == char && bytes[from + 2] == char
        }
        let firstEnd = lineEnd(start)
        guard isFence(start, firstEnd, UInt8(ascii: "-")), firstEnd < bytes.count else { return nil }
        func nextLine(_ end: Int) -> Int {
            end + 1 < bytes.count && bytes[end] == UInt8(ascii: "\r") && bytes[end + 1] == UInt8(ascii: "\n")
                ? end + 2 : end + 1
        }
        var lineStart = nextLine(firstEnd)
        while lineStart < bytes.count {
            let end = lineEnd(lineStart)
            if isFence(lineStart, end, UInt8(ascii: "-")) || isFence(lineStart, end, UInt8(ascii: ".")) { return end }
            lineStart = nextLine(end)
        }
        return nil
    }
}

/// What cmark is given: the file without a UTF-8 byte-order mark and with YAML front matter
/// blanked (spaces, line breaks kept), so cmark's line numbers stay those of the file.
struct MarkdownInput {
    private let original: [UInt8]
    private let modified: [UInt8]?
    /// 3 when the file opens with a byte-order mark cmark does not see, else 0.
    let bomLength: Int

    init(_ bytes: [UInt8]) {
        original = bytes
        func isBOM(at index: Int) -> Bool {
            bytes.count >= index + 3 && bytes[index] == 0xEF && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF
        }
        let hasBOM = isBOM(at: 0)
        // cmark skips a byte-order mark that opens what it is given, so a second one is not seen either.
        bomLength = hasBOM ? (isBOM(at: 3) ? 6 : 3) : 0
        if let end = FrontMatter.end(of: bytes, from: bomLength) {
            var copy = Array(bytes[bomLength...])
            for index in 0..<(end - bomLength)
            where copy[index] != UInt8(ascii: "\n") && copy[index] != UInt8(ascii: "\r") {
                copy[index] = UInt8(ascii: " ")
            }
            modified = copy
        } else if hasBOM {
            modified = Array(bytes[3...])
        } else {
            modified = nil
        }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        (modified ?? original).withUnsafeBufferPointer(body)
    }
}
