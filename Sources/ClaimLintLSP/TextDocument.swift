import ClaimLint
import Foundation

/// An open document's text as UTF-8 bytes, with where each line starts, so that protocol
/// positions (in any encoding) and the linter's byte offsets convert into each other in
/// O(log lines + line length).
///
/// Lines end at `\n`, `\r\n` or `\r`, as the protocol says.
public struct TextDocument: Sendable {
    public private(set) var bytes: [UInt8]
    public private(set) var lineStarts: [Int] = [0]
    public var version: Int

    public init(text: String, version: Int) {
        self.init(bytes: Array(text.utf8), version: version)
    }

    public init(bytes: [UInt8], version: Int) {
        self.bytes = bytes
        self.version = version
        indexLines()
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func indexLines() {
        lineStarts.removeAll(keepingCapacity: true)
        lineStarts.append(0)
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte == 10 {
                    lineStarts.append(index + 1)
                } else if byte == 13 {
                    if index + 1 < count, buffer[index + 1] == 10 { index += 1 }
                    lineStarts.append(index + 1)
                }
                index += 1
            }
        }
    }

    /// Where line `line`'s text ends (before its line break).
    private func lineContentEnd(_ line: Int) -> Int {
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        if end > lineStarts[line], line + 1 < lineStarts.count {
            end -= 1
            if bytes[end] == 10, end > lineStarts[line], bytes[end - 1] == 13 { end -= 1 }
        }
        return end
    }

    /// The byte offset of a protocol position. A character past the end of its line means the
    /// end of the line, and a line past the end means the end of the text, as the protocol says;
    /// a position inside a multi-unit character lands on its start.
    public func offset(of position: LSPPosition, in encoding: PositionEncoding) -> Int {
        guard position.line < lineStarts.count else { return bytes.count }
        let end = lineContentEnd(position.line)
        var offset = lineStarts[position.line]
        var units = 0
        while offset < end {
            let step = encoding.units(leadByte: bytes[offset])
            if units + step > position.character { break }
            units += step
            offset += Self.scalarLength(bytes[offset])
        }
        return min(offset, end)
    }

    /// The protocol position of a byte offset.
    public func position(ofOffset rawOffset: Int, in encoding: PositionEncoding) -> LSPPosition {
        let target = min(max(rawOffset, 0), bytes.count)
        let line = lineIndex(ofOffset: target)
        var offset = lineStarts[line]
        var units = 0
        while offset < target {
            units += encoding.units(leadByte: bytes[offset])
            offset += Self.scalarLength(bytes[offset])
        }
        return LSPPosition(line: line, character: units)
    }

    /// The byte offset of a report position (1-based line, 1-based column in Unicode scalars, as
    /// findings give them), clamped to the line.
    public func offset(of position: SourcePosition) -> Int {
        let line = min(max(position.line - 1, 0), lineStarts.count - 1)
        let end = lineContentEnd(line)
        var offset = lineStarts[line]
        var column = 1
        while column < position.column, offset < end {
            offset += Self.scalarLength(bytes[offset])
            column += 1
        }
        return min(offset, end)
    }

    public func range(of range: SourceRange, in encoding: PositionEncoding) -> LSPRange {
        self.range(ofBytes: offset(of: range.start)..<max(offset(of: range.start), offset(of: range.end)), in: encoding)
    }

    public func range(ofBytes range: Range<Int>, in encoding: PositionEncoding) -> LSPRange {
        LSPRange(
            start: position(ofOffset: range.lowerBound, in: encoding),
            end: position(ofOffset: range.upperBound, in: encoding))
    }

    /// The line that holds `offset`.
    public func lineIndex(ofOffset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The text of line `line`, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line < lineStarts.count else { return "" }
        return String(decoding: bytes[lineStarts[line]..<lineContentEnd(line)], as: UTF8.self)
    }

    /// The whole text replaced (full sync), or a range of it (incremental sync).
    public mutating func replace(_ range: LSPRange?, with text: String, encoding: PositionEncoding) {
        if let range {
            let start = offset(of: range.start, in: encoding)
            let end = max(start, offset(of: range.end, in: encoding))
            bytes.replaceSubrange(start..<end, with: text.utf8)
        } else {
            bytes = Array(text.utf8)
        }
        indexLines()
    }

    @inline(__always)
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? (lead < 0xC0 ? 1 : 2) : lead < 0xF0 ? 3 : 4
    }
}
