/// The words of a sentence as the baseline and the approved-claims library compare them: letters
/// and digits only, ASCII lower-cased, so case, whitespace, line breaks, punctuation and inline
/// markup never make two sentences differ ("FDA-cleared." and "fda cleared" are the same two
/// words). Read byte by byte: it runs on the sentence of every finding.
enum ClaimWords {
    static func words(_ text: String) -> [String] { split(text, keepingWords: true).words }

    /// The words joined by single spaces: the form keys and entries are compared in.
    static func normalised(_ text: String) -> String { split(text, keepingWords: false).key }

    /// Both, from one pass (joining the words afterwards cost as much as finding them).
    static func wordsAndKey(_ text: String) -> (words: [String], key: String) { split(text, keepingWords: true) }

    private static func split(_ text: String, keepingWords: Bool) -> (words: [String], key: String) {
        var words: [String] = []
        // The key as it grows; the current word is its bytes from `wordStart` on.
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        var wordStart = 0
        var utf8 = Array(text.utf8)
        utf8.append(UInt8(ascii: " "))
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            var separator = false
            var length = 1
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                key.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                key.append(byte | 0x20)
            case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80:
                // General punctuation: ’ “ ” – — … and the thin and zero-width spaces.
                separator = true
                length = 3
            case 0xC2 where index + 1 < utf8.count && [0xA0, 0xAB, 0xBB, 0xB7].contains(utf8[index + 1]):
                // No-break space, « », ·.
                separator = true
                length = 2
            case 0x80...:
                // Other letters (é, ß, Cyrillic…) belong to the word; they are compared as written.
                key.append(byte)
            default:
                separator = true
            }
            if separator, key.count > wordStart {
                if keepingWords { words.append(String(decoding: key[wordStart...], as: UTF8.self)) }
                key.append(UInt8(ascii: " "))
                wordStart = key.count
            }
            index += length
        }
        if key.last == UInt8(ascii: " ") { key.removeLast() }
        return (words, String(decoding: key, as: UTF8.self))
    }
}
