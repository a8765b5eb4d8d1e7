/// Text a finding quotes from its page (its sentence, the block around it) or makes from the
/// page's words (a suggested rewording), kept as the prose's bytes and a range until a reporter
/// reads it. The text report shows none of these, and making each a `String` for every finding
/// cost about a tenth of what a finding cost. Equal when their strings are, as `String`s were.
struct QuotedText: Sendable, Hashable {
    private enum Storage: Sendable {
        case string(String)
        /// `bytes[range]`, UTF-8 (a block's prose; the block's array is shared, not copied).
        case prose(bytes: [UInt8], range: Range<Int>)
        /// A `suggest` template cut at its `{match}` placeholders, joined by the matched words.
        case template(pieces: [Substring], match: String)
    }

    private let storage: Storage

    init(_ string: String) { storage = .string(string) }

    init(prose bytes: [UInt8], range: Range<Int>) { storage = .prose(bytes: bytes, range: range) }

    init(pieces: [Substring], joinedBy match: String) { storage = .template(pieces: pieces, match: match) }

    /// The text, made on each call (reporters read it once per finding).
    var string: String {
        switch storage {
        case .string(let text): text
        case .prose(let bytes, let range): String(decoding: bytes[range], as: UTF8.self)
        case .template(let pieces, let match): pieces.joined(separator: match)
        }
    }

    static func == (lhs: QuotedText, rhs: QuotedText) -> Bool {
        // Findings of one block quote the same bytes: equal without making either string.
        if case .prose(let left, let leftRange) = lhs.storage, case .prose(let right, let rightRange) = rhs.storage,
            leftRange.count == rightRange.count
        {
            let verdict: Bool? = left.withUnsafeBufferPointer { leftBuffer in
                right.withUnsafeBufferPointer { rightBuffer in
                    if leftBuffer.baseAddress == rightBuffer.baseAddress, leftRange == rightRange { return true }
                    if leftBuffer[leftRange].elementsEqual(rightBuffer[rightRange]) { return true }
                    // Different ASCII is different text; other bytes may still be equal strings
                    // (canonically equivalent), which `String` decides.
                    let leftASCII = leftBuffer[leftRange].allSatisfy { $0 < 0x80 }
                    let ascii = leftASCII && rightBuffer[rightRange].allSatisfy { $0 < 0x80 }
                    return ascii ? false : nil
                }
            }
            if let verdict { return verdict }
        }
        return lhs.string == rhs.string
    }

    /// Whether the two quote the same bytes: what a loop over a page's findings asks of each next
    /// one ("is this the sentence I just looked up?"), where `==` makes both strings whenever the
    /// lengths differ. Two quotes of prose equal only canonically (é composed and decomposed)
    /// count as different; other forms compare as `==` does.
    func quotesSameBytes(as other: QuotedText) -> Bool {
        guard case .prose(let left, let leftRange) = storage, case .prose(let right, let rightRange) = other.storage
        else { return self == other }
        guard leftRange.count == rightRange.count else { return false }
        return left.withUnsafeBufferPointer { leftBuffer in
            right.withUnsafeBufferPointer { rightBuffer in
                (leftBuffer.baseAddress == rightBuffer.baseAddress && leftRange == rightRange)
                    || leftBuffer[leftRange].elementsEqual(rightBuffer[rightRange])
            }
        }
    }

    /// The text's UTF-8 bytes, read where they lie for a quote of prose (made for the other forms).
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if case .prose(let bytes, let range) = storage {
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        var text = string
        return text.withUTF8(body)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(string)
    }
}
