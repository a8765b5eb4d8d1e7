import Foundation

/// The text report's escaped copies (`ControlCharacters.escaped`) of the strings its findings
/// repeat: every finding of a rule carries the rule's message and fix (the same string). Most
/// need no escaping, which one `ByteScan` pass says, and are written as they are; a string that
/// may need it is looked up by its length first, so finding it again costs a few integer
/// comparisons, and a string not seen before is escaped as it always was.
struct EscapedTextCache {
    /// A run's findings name a few dozen rules (and a few dozen disclosure wordings); past this
    /// many strings, the others are escaped each time.
    static let capacity = 128
    /// Apart, so that the look-up reads lengths without copying (retaining) any string.
    private var lengths: [Int] = []
    private var texts: [String] = []
    private var escapedTexts: [String] = []

    mutating func escaped(_ text: String) -> String {
        // Most text needs no escaping, which one pass eight bytes a step says more cheaply than
        // looking it up (a variant's message, new for every sentence, was also scanned twice).
        var text = text
        guard text.withUTF8(ByteScan.mayNeedEscaping) else { return text }
        let length = text.utf8.count
        for index in lengths.indices where lengths[index] == length && Self.sameBytes(texts[index], text) {
            return escapedTexts[index]
        }
        let escaped = ControlCharacters.escaped(text)
        if lengths.count < Self.capacity {
            lengths.append(length)
            texts.append(text)
            escapedTexts.append(escaped)
        }
        return escaped
    }

    /// Byte for byte, as escaping reads them: `==` on strings compares canonical equivalence,
    /// which for text with any non-ASCII letter ("→" in a variant's message) is a slow path.
    private static func sameBytes(_ left: String, _ right: String) -> Bool {
        var left = left
        var right = right
        return left.withUTF8 { left in
            right.withUTF8 { right in
                left.count == right.count
                    && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
    }

    /// Where a reporter keeps its cache from one file to the next. Files are rendered one at a
    /// time; one rendered meanwhile (a caller rendering on its own) starts with an empty cache.
    final class Shelf: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: EscapedTextCache?

        func take() -> EscapedTextCache {
            lock.lock()
            defer { lock.unlock() }
            let cache = stored ?? EscapedTextCache()
            stored = nil
            return cache
        }

        func give(_ cache: EscapedTextCache) {
            lock.lock()
            stored = cache
            lock.unlock()
        }
    }
}
