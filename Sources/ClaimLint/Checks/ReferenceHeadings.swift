/// The headings that open a page's reference list ("References", "Sources", "Works cited"): the
/// rules' `reference-heading` lexicon, so a site that titles its list "Evidence base" can say so.
/// A block under such a heading is a reference, never a claim, and its numbered entries are what
/// citation markers resolve to.
struct ReferenceHeadings: Sendable {
    private let headings: Set<String>
    private let headingBytes: [[UInt8]]

    init(_ terms: [String]) {
        headings = Set(terms.map { $0.lowercased().trimmingSpaces })
        headingBytes = headings.map { Array($0.utf8) }
    }

    /// Is this text one of the headings, ignoring case, surrounding spaces and trailing `:` or `.`?
    /// Byte by byte for ASCII text (every heading and short item on a page comes here); other text
    /// goes through `String`.
    func matches(_ text: ArraySlice<UInt8>) -> Bool {
        guard text.count <= 40 else { return false }
        var lower = text.startIndex
        var upper = text.endIndex
        if !text.allSatisfy({ $0 < 0x80 }) { return matches(String(decoding: text, as: UTF8.self)) }
        while lower < upper, SentenceSplitter.isSpace(text[lower]) || text[lower] == 0x0B || text[lower] == 0x0C {
            lower += 1
        }
        while upper > lower,
            SentenceSplitter.isSpace(text[upper - 1]) || text[upper - 1] == 0x0B || text[upper - 1] == 0x0C
        { upper -= 1 }
        while upper > lower, text[upper - 1] == UInt8(ascii: ":") || text[upper - 1] == UInt8(ascii: ".") { upper -= 1 }
        let length = upper - lower
        return headingBytes.contains { heading in
            heading.count == length
                && zip(heading, text[lower..<upper]).allSatisfy { expected, byte in
                    expected == (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
                }
        }
    }

    func matches(_ text: String) -> Bool {
        var words = text.lowercased().trimmingSpaces
        while let last = words.last, last == ":" || last == "." { words.removeLast() }
        return headings.contains(words)
    }
}
