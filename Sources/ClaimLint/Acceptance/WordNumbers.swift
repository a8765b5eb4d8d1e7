/// The approved-claims library's words and their numbers, looked up by a sentence's bytes: a
/// sentence's words are never made into strings, and each look-up hashes a few bytes (FNV-1a)
/// instead of a `String` with `Hasher` (the 5,000-entry benchmark's 113,000 look-ups take 16 M
/// instructions, against 37 M for a dictionary of strings, and its 11,000 arrays of word strings
/// are gone). Open addressing, at most half full.
struct WordNumbers: Sendable {
    /// Every word's bytes, end to end: word `n` is `bytes[starts[n]..<starts[n + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int32]
    /// A word number per slot, -1 where empty; `mask` is the slot count less one.
    private let slots: [Int32]
    private let mask: Int

    /// `words[n]` gets number `n`.
    init(_ words: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        for word in words {
            bytes += word.utf8
            starts.append(Int32(bytes.count))
        }
        var size = 8
        while size < words.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        bytes.withUnsafeBufferPointer { all in
            for number in words.indices {
                let word = UnsafeBufferPointer(rebasing: all[Int(starts[number])..<Int(starts[number + 1])])
                var slot = Self.hash(word) & (size - 1)
                while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = Int32(number)
            }
        }
        self.bytes = bytes
        self.starts = starts
        self.slots = slots
        mask = size - 1
    }

    /// The word's number, or nil for a word the library does not have.
    func number(of word: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = Self.hash(word) & mask
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let number = slots[slot]
                if number < 0 { return nil }
                let start = Int(starts[Int(number)])
                let end = Int(starts[Int(number) + 1])
                if end - start == word.count, Self.sameBytes(all.baseAddress! + start, word) { return number }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Byte by byte: `elementsEqual` on buffer slices was not specialised, and cost more than the hash.
    @inline(__always)
    private static func sameBytes(_ stored: UnsafePointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in word.indices where stored[index] != word[index] { return false }
        return true
    }

    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
