/// A superscript made of digits and commas (`<sup>2</sup>`, `<sup>1,2</sup>`) is a citation
/// marker. It is written into the prose as `[2]`, so that the sentence splitter and the citation
/// finder see one form of marker; other superscripts stay as they are (`mc<sup>two</sup>`).
/// The brackets map onto the digits' edges in the source, so a finding on the marker underlines
/// the digits, never `</sup>`.
extension ProseDocument {
    public func readingSuperscriptMarkers() -> ProseDocument {
        guard blocks.contains(where: { !$0.superscripts.isEmpty }) else { return self }
        return ProseDocument(source: source, blocks: blocks.map { $0.readingSuperscriptMarkers() }, comments: comments)
    }
}

extension ProseBlock {
    func readingSuperscriptMarkers() -> ProseBlock {
        let markers = superscripts.filter { superscript in
            text[superscript.proseStart..<superscript.proseEnd].allSatisfy {
                ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ",")
            }
        }
        guard !markers.isEmpty else { return self }
        var rewritten = self
        rewritten.text = []
        rewritten.text.reserveCapacity(text.count + 2 * markers.count)
        rewritten.segments = []
        rewritten.segments.reserveCapacity(segments.count + 2 * markers.count)
        var segmentIndex = 0
        func copySegments(upTo proseEnd: Int, into block: inout ProseBlock) {
            while segmentIndex < segments.count, segments[segmentIndex].proseStart < proseEnd {
                let segment = segments[segmentIndex]
                block.append(
                    text[segment.proseStart..<(segment.proseStart + segment.proseLength)],
                    sourceStart: segment.sourceStart, sourceLength: segment.sourceLength)
                segmentIndex += 1
            }
        }
        for marker in markers {
            copySegments(upTo: marker.proseStart, into: &rewritten)
            // The marker's own segments are replaced by the bracketed digits.
            while segmentIndex < segments.count, segments[segmentIndex].proseStart < marker.proseEnd {
                segmentIndex += 1
            }
            rewritten.append([UInt8(ascii: "[")], sourceStart: marker.sourceStart, sourceLength: 0)
            rewritten.append(
                text[marker.proseStart..<marker.proseEnd], sourceStart: marker.sourceStart,
                sourceLength: max(marker.sourceEnd - marker.sourceStart, 0))
            rewritten.append([UInt8(ascii: "]")], sourceStart: marker.sourceEnd, sourceLength: 0)
        }
        copySegments(upTo: Int.max, into: &rewritten)
        // Links move right by the brackets written before them (a link that opens at a marker
        // opens before its `[`; one that closes after a marker closes after its `]`).
        rewritten.links = links.map { link in
            var moved = link
            moved.proseStart += 2 * markers.count { $0.proseStart < link.proseStart }
            moved.proseEnd += 2 * markers.count { $0.proseEnd <= link.proseEnd }
            return moved
        }
        rewritten.superscripts = []
        return rewritten
    }
}
