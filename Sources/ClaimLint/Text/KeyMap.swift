/// A fixed map from word keys to small integers, with the cheap look-up of `KeySet`: the claim
/// scorer looks up every word of a sentence, and `Dictionary` would run SipHash on each. A key and
/// its value share one 16-byte slot, so a probe reads one cache line, not one in each of two arrays.
struct KeyMap: Sendable {
    private struct Slot {
        var key: UInt64 = 0
        /// -1 marks an empty slot.
        var value: Int32 = -1
    }

    private var slots: [Slot]
    private let mask: Int

    /// `values` are 0 or more; a key listed twice keeps its first value.
    init(_ pairs: [(key: UInt64, value: Int32)]) {
        var capacity = 8
        while capacity < pairs.count * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        for (key, value) in pairs {
            var index = Self.slot(key, mask)
            while slots[index].value >= 0, slots[index].key != key { index = (index + 1) & mask }
            if slots[index].value >= 0 { continue }
            slots[index] = Slot(key: key, value: value)
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
        while true {
            let slot = slots[index]
            if slot.value < 0 { return -1 }
            if slot.key == key { return slot.value }
            index = (index + 1) & mask
        }
    }
}
