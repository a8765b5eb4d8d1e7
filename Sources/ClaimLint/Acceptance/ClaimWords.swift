/// The words of a sentence as the baseline and the approved-claims library compare them: letters
/// and digits only, ASCII lower-cased, so case, whitespace, line breaks, punctuation and inline
/// markup never make two sentences differ ("FDA-cleared." and "fda cleared" are the same two
/// words). Read byte by byte: it runs on the sentence of every finding.
enum ClaimWords {
    static func words(_ text: String) -> [String] { wordsAndKey(text).words }

    /// The words joined by single spaces: the form keys and entries are compared in.
    static func normalised(_ text: String) -> String { split(text, keepingWords: false).key }

    /// Both, from one pass (joining the words afterwards cost as much as finding them).
    static func wordsAndKey(_ text: String) -> (words: [String], key: String) {
        var (ranges, key) = split(text, keepingWords: true)
        let words = key.withUTF8 { key in
            ranges.map { String(decoding: UnsafeBufferPointer(rebasing: key[$0]), as: UTF8.self) }
        }
        return (words, key)
    }

    /// The key, and where each word is in its UTF-8 bytes: what the library's near-variant
    /// search reads, with no string made for each word.
    static func keyAndWordRanges(_ text: String) -> (key: String, words: [Range<Int>]) {
        let (ranges, key) = split(text, keepingWords: true)
        return (key, ranges)
    }

    private static func split(_ text: String, keepingWords: Bool) -> (words: [Range<Int>], key: String) {
        var text = text
        return text.withUTF8 { utf8 in
            var words: [Range<Int>] = []
            // Room for every word a sentence of this length is likely to have (most are longer than three letters).
            if keepingWords { words.reserveCapacity(utf8.count / 4 + 1) }
            // The key is written straight into the string's storage: no byte of it is at a
            // larger offset than in the text, but for the space after the last word.
            let key = String(unsafeUninitializedCapacity: utf8.count + 1) { key in
                // The key so far is `key[..<length]`; the current word is its bytes from `wordStart` on.
                var length = 0
                var wordStart = 0
                func endWord() {
                    guard length > wordStart else { return }
                    if keepingWords { words.append(wordStart..<length) }
                    key[length] = UInt8(ascii: " ")
                    length += 1
                    wordStart = length
                }
                var index = 0
                while index < utf8.count {
                    let byte = utf8[index]
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        key[length] = byte
                        length += 1
                        index += 1
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        key[length] = byte | 0x20
                        length += 1
                        index += 1
                    case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80:
                        // General punctuation: ’ “ ” – — … and the thin and zero-width spaces.
                        endWord()
                        index += 3
                    case 0xC2 where index + 1 < utf8.count && Self.isLatin1Separator(utf8[index + 1]):
                        // No-break space, « », ·.
                        endWord()
                        index += 2
                    case 0x80...:
                        // Other letters (é, ß, Cyrillic…) belong to the word; they are compared as written.
                        key[length] = byte
                        length += 1
                        index += 1
                    default:
                        endWord()
                        index += 1
                    }
                }
                endWord()
                return length > 0 ? length - 1 : 0
            }
            return (words, key)
        }
    }

    /// The second byte of a no-break space, «, » or ·.
    private static func isLatin1Separator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0xA0, 0xAB, 0xBB, 0xB7: true
        default: false
        }
    }
}
