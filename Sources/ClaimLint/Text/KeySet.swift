/// A fixed set of word keys with a cheap membership test: open addressing and a multiply-shift
/// hash, because `Set<UInt64>` runs SipHash on every look-up and these run on every token.
struct KeySet: Sendable {
    private var slots: [UInt64]
    private var used: [Bool]
    private let mask: Int

    init(_ keys: some Sequence<UInt64>) {
        let unique = Array(Set(keys))
        var capacity = 8
        while capacity < unique.count * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        used = Array(repeating: false, count: capacity)
        mask = capacity - 1
        for key in unique {
            var index = Self.slot(key, mask)
            while used[index] { index = (index + 1) & mask }
            slots[index] = key
            used[index] = true
        }
    }

    /// Keys of words as written in rules: `KeySet(words: ["not", "never"])`.
    init(words: [String]) {
        self.init(words.map(WordKey.of))
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        var index = Self.slot(key, mask)
        while used[index] {
            if slots[index] == key { return true }
            index = (index + 1) & mask
        }
        return false
    }
}
