#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GFM pipe tables, which plain cmark reads as paragraphs: `ProseFlattener` makes each line of
/// such a paragraph a `tableRow` block of its own (the delimiter row has no prose and drops out).
enum PipeTable {
    /// Does the paragraph starting at `startLine` look like a table: a first line with `|` and a
    /// second line made of `|`, `-`, `:` and spaces (with at least one `|` and one `-`)?
    static func starts(atLine startLine: Int, in source: SourceText) -> Bool {
        guard startLine >= 1, startLine < source.lineCount else { return false }
        let bytes = source.bytes
        func line(_ number: Int) -> Range<Int> {
            var start = source.lineStarts[number - 1]
            var end = number < source.lineCount ? source.lineStarts[number] : bytes.count
            while start < end,
                bytes[start] == UInt8(ascii: ">") || bytes[start] == UInt8(ascii: " ")
                    || bytes[start] == UInt8(ascii: "\t")
            { start += 1 }
            while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return start..<end
        }
        let pipe = UInt8(ascii: "|")
        let first = line(startLine)
        // Most paragraphs are not tables: memchr over the first line rejects them.
        let hasPipe = bytes.withUnsafeBufferPointer { buffer in
            first.isEmpty ? false : memchr(buffer.baseAddress! + first.lowerBound, Int32(pipe), first.count) != nil
        }
        guard hasPipe else { return false }
        let delimiter = bytes[line(startLine + 1)]
        return delimiter.contains(pipe) && delimiter.contains(UInt8(ascii: "-"))
            && delimiter.allSatisfy {
                $0 == pipe || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: " ")
                    || $0 == UInt8(ascii: "\t")
            }
    }
}
