#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes with a line table, so that byte offsets (what cmark and the matchers use)
/// become the 1-based line and Unicode-scalar column that editors, SARIF and LSP expect.
@_spi(Stages) public struct SourceText: Sendable {
    /// The file exactly as read.
    public let bytes: [UInt8]
    /// Byte offset where each line starts; a line ends at `\n`, `\r\n` or a lone `\r`, as in CommonMark.
    public let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
            let count = buffer.count
            if memchr(base, Int32(UInt8(ascii: "\r")), count) == nil {
                // No carriage returns (most files): memchr from one newline to the next.
                var index = 0
                while index < count, let found = memchr(base + index, Int32(UInt8(ascii: "\n")), count - index) {
                    index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    starts.append(index)
                }
                return
            }
            var index = 0
            while index < count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\n") {
                    starts.append(index + 1)
                } else if byte == UInt8(ascii: "\r") {
                    if index + 1 < count, buffer[index + 1] == UInt8(ascii: "\n") { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
        }
        self.lineStarts = starts
    }

    public init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    var hasByteOrderMark: Bool { bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF }

    /// Byte offset of a 1-based line and 1-based byte column (cmark's convention), clamped into the file.
    func offset(line: Int, byteColumn: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= lineStarts.count else { return bytes.count }
        return min(lineStarts[line - 1] + max(byteColumn, 1) - 1, bytes.count)
    }

    /// The 0-based index of the line holding a byte offset.
    func lineIndex(ofOffset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The position of a byte offset: 1-based line, 1-based column counted in Unicode scalars.
    public func position(ofOffset rawOffset: Int) -> SourcePosition {
        let offset = min(max(rawOffset, 0), bytes.count)
        let line = lineIndex(ofOffset: offset)
        var column = 1
        var index = lineStarts[line]
        // A byte-order mark is invisible in every editor: it is not a column.
        if line == 0, hasByteOrderMark, offset >= 3 { index = 3 }
        while index < offset {
            // Every byte that is not a UTF-8 continuation byte starts a scalar.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourcePosition(line: line + 1, column: column)
    }

    /// The range covering bytes `start..<end`.
    public func range(fromOffset start: Int, to end: Int) -> SourceRange {
        SourceRange(start: position(ofOffset: start), end: position(ofOffset: max(start, end)))
    }

    /// The text of a 1-based line without its line ending.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The line holding `offset`, cut to at most `width` scalars on each side of it for very long lines,
    /// with the column of its first character.
    public func excerpt(around offset: Int, width: Int = 160) -> (text: String, firstColumn: Int) {
        excerpt(around: offset, column: nil, width: width)
    }

    /// As above, when the column of `offset` is already known (it saves a scan of a long line).
    func excerpt(around offset: Int, column knownColumn: Int?, width: Int = 160) -> (text: String, firstColumn: Int) {
        let line = lineIndex(ofOffset: min(max(offset, 0), bytes.count))
        let lineStart = lineStarts[line]
        var lineEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        while lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\n") || bytes[lineEnd - 1] == UInt8(ascii: "\r")
        { lineEnd -= 1 }
        var start = lineStart
        var column = 1
        if offset - lineStart > width * 4 {
            // Walk back from the match to a scalar boundary about `width` bytes before it.
            start = max(lineStart, offset - width)
            while start > lineStart, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            if let knownColumn {
                column = knownColumn - bytes[start..<offset].count { $0 & 0xC0 != 0x80 }
            } else {
                column = position(ofOffset: start).column
            }
        }
        var end = lineEnd
        if end - offset > width * 4 {
            end = min(lineEnd, offset + width * 2)
            while end < lineEnd, bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        return (String(decoding: bytes[start..<end], as: UTF8.self), column)
    }

    /// The text of bytes `start..<end`.
    public func text(fromOffset start: Int, to end: Int) -> String {
        let lower = min(max(start, 0), bytes.count)
        let upper = min(max(end, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}

/// Converts byte offsets to positions when they come in increasing order, counting each line's
/// scalars once: a 1 MB line with thousands of findings costs one pass, not one pass per finding.
struct PositionCursor {
    let source: SourceText
    private var line = 0
    private var offset = 0
    private var column = 1

    init(_ source: SourceText) {
        self.source = source
        offset = source.hasByteOrderMark ? 3 : 0
    }

    mutating func position(of rawTarget: Int) -> SourcePosition {
        let target = min(max(rawTarget, 0), source.bytes.count)
        let nextLineStart = line + 1 < source.lineStarts.count ? source.lineStarts[line + 1] : Int.max
        if target < offset || target >= nextLineStart {
            line = source.lineIndex(ofOffset: target)
            offset = source.lineStarts[line]
            column = 1
            if line == 0, source.hasByteOrderMark, target >= 3 { offset = 3 }
        }
        let bytes = source.bytes
        while offset < target {
            if bytes[offset] & 0xC0 != 0x80 { column += 1 }
            offset += 1
        }
        return SourcePosition(line: line + 1, column: column)
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalars.
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A range of source; `end` is exclusive (the position just after the last character).
public struct SourceRange: Sendable, Hashable, Codable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}
