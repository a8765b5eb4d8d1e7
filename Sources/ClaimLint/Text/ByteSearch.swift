/// Whether a string holds an ASCII marker ("<!--", "claimlint-"), searched over its UTF-8 bytes.
/// `String.contains` with a string argument resolves to Foundation's `range(of:)`, which compares
/// by canonical equivalence through NSString: thousands of instructions for each HTML block of a
/// page, where a byte search costs a few per byte.
enum ByteSearch {
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            needle.withUTF8Buffer { needle in
                guard let first = needle.first, needle.count <= bytes.count else { return needle.isEmpty }
                var index = 0
                let last = bytes.count - needle.count
                while index <= last {
                    if bytes[index] == first {
                        var offset = 1
                        while offset < needle.count, bytes[index + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
