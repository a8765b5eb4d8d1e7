/// The words of a sentence as the baseline and the approved-claims library compare them: letters
/// and digits only, ASCII lower-cased, so case, whitespace, line breaks, punctuation and inline
/// markup never make two sentences differ ("FDA-cleared." and "fda cleared" are the same two
/// words). Read byte by byte: it runs on the sentence of every finding.
enum ClaimWords {
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var utf8 = Array(text.utf8)
        utf8.append(UInt8(ascii: " "))
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            var separator = false
            var length = 1
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(byte | 0x20)
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
                current.append(byte)
            default:
                separator = true
            }
            if separator, !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
            index += length
        }
        return words
    }

    /// The words joined by single spaces: the form keys and entries are compared in.
    static func normalised(_ text: String) -> String {
        words(text).joined(separator: " ")
    }
}
