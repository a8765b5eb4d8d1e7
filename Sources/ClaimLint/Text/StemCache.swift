import Foundation

/// The key of each word's stem, by the key of the word as written. Snowball costs about 215 ns a
/// word and a hash look-up a few, and prose repeats its words, so each distinct word is stemmed
/// once per thread rather than once per occurrence.
///
/// Each thread has its own cache (`current`), with its own stemmer: the parallel workers share
/// nothing and take no lock. A direct-mapped table: a word whose slot another word took is
/// stemmed again, which costs time, never a wrong key (slots compare the whole 64-bit key).
///
/// Two tables, as a processor has two cache levels: one look-up per word of every page is bound by
/// memory latency, and the words prose repeats most ("the", "and", "patients") are a few hundred.
/// A small table of recent words (32 KiB: it stays in the L1 cache and its pages in the TLB)
/// answers most words; the large one (half a megabyte) answers the rest without stemming again.
public final class StemCache {
    private struct Slot {
        var written: UInt64 = 0
        var stem: UInt64 = 0
    }

    /// Words Snowball merges with a word of another meaning, kept whole instead: "alcoholism" and
    /// "alcoholic" would stem to "alcohol" (a page about an IV drip's alcohol is not about addiction),
    /// and "depressed" (a mood, listed among a thyroid's symptoms) to "depress", as "depression" does.
    private static let keptStems = [
        "alcoholism": "alcoholism", "alcoholisms": "alcoholism", "alcoholic": "alcoholic",
        "alcoholics": "alcoholic", "depressed": "depressed",
    ]
    private static func hash(_ word: String) -> UInt64 { Array(word.utf8).withUnsafeBufferPointer { WordKey.hash($0) } }
    private static let keptWhole: [UInt64: UInt64] = Dictionary(
        uniqueKeysWithValues: keptStems.map { (hash($0.key), hash($0.value)) })
    private static let keptSpelling: [UInt64: String] = Dictionary(
        keptStems.values.map { (hash($0), $0) }, uniquingKeysWith: { first, _ in first })

    /// 32,768 slots of 16 bytes: room for a large site's vocabulary in half a megabyte.
    private static let capacity = 1 << 15
    private let slots: UnsafeMutablePointer<Slot>
    /// 2,048 slots of 16 bytes, indexed by other bits of the key than `slots`.
    private static let hotCapacity = 1 << 11
    private let hot: UnsafeMutablePointer<Slot>
    private let stemmer = SnowballStemmer()
    /// The stem each key stands for, kept only when asked for before the first word is stemmed: the
    /// claim scorer's training dump names its features by their stems ("stem:restor").
    @_spi(Stages) public var spellings: [UInt64: String]?

    init() {
        // Zeroed memory from calloc is an empty table (a zero key marks an empty slot) whose pages
        // the system maps only when first written: no 512 KiB memset in every run's start-up.
        let memory = calloc(Self.capacity, MemoryLayout<Slot>.stride)!
        slots = memory.bindMemory(to: Slot.self, capacity: Self.capacity)
        hot = .allocate(capacity: Self.hotCapacity)
        hot.initialize(repeating: Slot(), count: Self.hotCapacity)
    }

    deinit {
        free(slots)
        hot.deallocate()
    }

    /// The slot each thread keeps its cache in; the thread's exit releases the cache.
    private static let threadSlot: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { cache in
            if let cache { Unmanaged<StemCache>.fromOpaque(cache).release() }
        }
        return key
    }()

    /// This thread's cache, made on its first use. Fetch it once per page or rule set, not per word.
    /// A thread-specific slot, not `Thread.current.threadDictionary`: the dictionary's look-up
    /// (a bridged String key) cost more than tokenizing the short headings that fetch the cache.
    public static var current: StemCache {
        if let cache = pthread_getspecific(threadSlot) {
            return Unmanaged<StemCache>.fromOpaque(cache).takeUnretainedValue()
        }
        let cache = StemCache()
        pthread_setspecific(threadSlot, Unmanaged.passRetained(cache).toOpaque())
        return cache
    }

    /// The key of a lowercased word's stem.
    @inline(__always)
    func key(of word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        key(of: word, written: WordKey.hash(word))
    }

    /// `key(of:)` for a word in the tokenizer's scratch, whose bytes are initialized past the word
    /// up to the next multiple of eight: its written key is hashed with one load for the last bytes.
    @inline(__always)
    func key(ofPadded word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        key(of: word, written: WordKey.hash(padded: word))
    }

    @inline(__always)
    private func key(of word: UnsafeBufferPointer<UInt8>, written: UInt64) -> UInt64 {
        // A zero key marks an empty slot; a word whose own key is zero is simply stemmed each time.
        let recent = hot + Int(truncatingIfNeeded: written >> 40) & (Self.hotCapacity - 1)
        if recent.pointee.written == written, written != 0 { return recent.pointee.stem }
        let slot = slots + Int(truncatingIfNeeded: written >> 17) & (Self.capacity - 1)
        let stem: UInt64
        if slot.pointee.written == written, written != 0 {
            stem = slot.pointee.stem
        } else if let kept = Self.keptWhole[written] {
            stem = kept
            if spellings != nil { spellings![stem] = Self.keptSpelling[kept] }
            slot.pointee = Slot(written: written, stem: stem)
        } else {
            let stemmed = stemmer.stem(word)
            stem = WordKey.hash(stemmed)
            if spellings != nil { spellings![stem] = String(decoding: stemmed, as: UTF8.self) }
            slot.pointee = Slot(written: written, stem: stem)
        }
        recent.pointee = Slot(written: written, stem: stem)
        return stem
    }
}
