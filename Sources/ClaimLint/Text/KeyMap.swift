/// A fixed map from word keys to small integers, with the cheap look-up of `KeySet`: the claim
/// scorer looks up every word of a sentence, and `Dictionary` would run SipHash on each.
struct KeyMap: Sendable {
    private var slots: [UInt64]
    private var values: [Int32]
    private let mask: Int

    /// `values` are 0 or more; a key listed twice keeps its first value.
    init(_ pairs: [(key: UInt64, value: Int32)]) {
        var capacity = 8
        while capacity < pairs.count * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        values = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for (key, value) in pairs {
            var index = Self.slot(key, mask)
            while values[index] >= 0, slots[index] != key { index = (index + 1) & mask }
            if values[index] >= 0 { continue }
            slots[index] = key
            values[index] = value
        }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The key's value, or -1.
    @inline(__always)
    func value(_ key: UInt64) -> Int32 {
        var index = Self.slot(key, mask)
        while values[index] >= 0 {
            if slots[index] == key { return values[index] }
            index = (index + 1) & mask
        }
        return -1
    }
}
