#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Mapping a text node's literal onto its source bytes, where the two differ (escapes, entities).
extension ProseFlattener {
    /// Appends a text node's literal, mapped piece by piece onto its source: cmark merges the text
    /// around a backslash escape or an entity into one node whose literal is shorter than its
    /// source ("Tom &amp; Jerry" is "Tom & Jerry"), so the two are walked side by side.
    mutating func appendAligned(_ literal: UnsafeRawBufferPointer, sourceStart: Int, sourceEnd rawEnd: Int) {
        let source = self.source.bytes
        // cmark's positions are trusted only as far as the file goes.
        let sourceEnd = min(rawEnd, source.count)
        // The common case: the literal is the source, byte for byte (one memcmp, one segment).
        if sourceEnd - sourceStart == literal.count, literal.count > 0, sourceStart >= 0,
            source.withUnsafeBufferPointer({
                memcmp($0.baseAddress! + sourceStart, literal.baseAddress!, literal.count) == 0
            })
        {
            current!.append(literal, sourceStart: sourceStart, sourceLength: literal.count)
            return
        }
        // cmark misplaces the start of a text node that opens with unmatched backticks ("`FDA
        // cleared": one past them) or with a delimiter left over from emphasis ("*0** cures": one
        // before it), though its end is right: when the source that ends there is the literal, use it.
        if literal.count != sourceEnd - sourceStart, literal.count > 0, sourceEnd >= literal.count, sourceStart >= 0,
            sourceStart < source.count,
            source[sourceStart] != UInt8(ascii: "\\"), source[sourceStart] != UInt8(ascii: "&"),
            source.withUnsafeBufferPointer({
                memcmp($0.baseAddress! + sourceEnd - literal.count, literal.baseAddress!, literal.count) == 0
            })
        {
            current!.append(literal, sourceStart: sourceEnd - literal.count, sourceLength: literal.count)
            return
        }
        var literalIndex = 0
        var sourceIndex = sourceStart
        var runLiteral = 0
        var runSource = sourceStart
        func flush(_ block: inout ProseBlock) {
            if literalIndex > runLiteral {
                block.append(
                    literal[runLiteral..<literalIndex], sourceStart: runSource, sourceLength: sourceIndex - runSource)
            }
        }
        while literalIndex < literal.count, sourceIndex < sourceEnd {
            let entityEnd = decodedEntityEnd(
                at: sourceIndex, sourceEnd: sourceEnd, literal: literal, literalIndex: literalIndex)
            // A backslash in the literal that the source wrote as `\\` is an escape, not a match.
            let isEscapedBackslash =
                literal[literalIndex] == UInt8(ascii: "\\") && sourceIndex + 1 < sourceEnd
                && source[sourceIndex + 1] == UInt8(ascii: "\\")
            if entityEnd == nil, literal[literalIndex] == source[sourceIndex], !isEscapedBackslash {
                literalIndex += 1
                sourceIndex += 1
                continue
            }
            flush(&current!)
            if source[sourceIndex] == UInt8(ascii: "\\"), sourceIndex + 1 < sourceEnd,
                source[sourceIndex + 1] == literal[literalIndex]
            {
                current!.append(literal[literalIndex..<(literalIndex + 1)], sourceStart: sourceIndex, sourceLength: 2)
                literalIndex += 1
                sourceIndex += 2
            } else if let end = entityEnd {
                var scalarEnd = literalIndex + 1
                while scalarEnd < literal.count, literal[scalarEnd] & 0xC0 == 0x80 { scalarEnd += 1 }
                current!.append(
                    literal[literalIndex..<scalarEnd], sourceStart: sourceIndex, sourceLength: end - sourceIndex)
                literalIndex = scalarEnd
                sourceIndex = end
            } else {
                break
            }
            runLiteral = literalIndex
            runSource = sourceIndex
        }
        if literalIndex < literal.count {
            // Anything the walk cannot align (it should not happen) maps onto the rest of the node.
            current!.append(literal[runLiteral...], sourceStart: runSource, sourceLength: max(sourceEnd - runSource, 0))
        } else {
            flush(&current!)
        }
    }

    /// The end of an entity (`&amp;`, `&#8217;`) at `index` that cmark decoded, or nil. An entity
    /// cmark did not know stays in the literal as written, byte for byte.
    private func decodedEntityEnd(at index: Int, sourceEnd: Int, literal: UnsafeRawBufferPointer, literalIndex: Int)
        -> Int?
    {
        let source = self.source.bytes
        guard source[index] == UInt8(ascii: "&") else { return nil }
        var end = index + 1
        while end < min(sourceEnd, index + 40), source[end] != UInt8(ascii: ";") {
            let byte = source[end]
            let isNameByte =
                (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "#")
            if !isNameByte { return nil }
            end += 1
        }
        guard end < sourceEnd, source[end] == UInt8(ascii: ";"), end > index + 1 else { return nil }
        let length = end + 1 - index
        if literalIndex + length <= literal.count,
            (0..<length).allSatisfy({ literal[literalIndex + $0] == source[index + $0] })
        {
            return nil
        }
        return end + 1
    }
}
