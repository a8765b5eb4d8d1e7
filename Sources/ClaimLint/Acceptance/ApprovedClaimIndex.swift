/// Finds the approved claims a sentence is, or nearly is, without comparing it with every entry
/// of a 5,000-entry library. Exact wording is one dictionary lookup. For near variants, a prefix
/// filter (as in similarity joins): words get numbers, rarest across the library first, and each
/// entry is indexed under its rarest distinct words. A sentence that keeps 80% of an entry's n
/// words lacks at most ⌊0.2n⌋ of its distinct words, and one within three word edits at most
/// three; so if an entry is indexed under `missing + 2` words, a variant holds at least two of
/// them. Only entries found under two words of the sentence (one, for entries with too few
/// distinct words) are counted word by word and then compared in full, with a bit-parallel
/// longest common subsequence and edit distance (one machine word per sentence of up to 64 words).
/// A word's postings run shortest entry first: an entry more than a quarter (and three words)
/// longer than the sentence can be neither, so the walk stops there.
///
/// Entries and postings are flat arrays (an array of arrays costs a retain and a release per
/// look), and the per-sentence counters live in a `Scratch` reused from sentence to sentence.
struct ApprovedClaimIndex: Sendable {
    /// Each entry's words, for describing how a sentence differs.
    private let words: [[String]]
    /// Every entry's word numbers, end to end; entry `i` is `entryWords[entryStart[i]..<entryStart[i + 1]]`.
    private let entryWords: [Int32]
    private let entryStart: [Int32]
    private let exact: [String: Int]
    /// The library's words by their numbers.
    private let wordNumbers: WordNumbers
    /// Entries by indexed word number, end to end: word `w`'s are
    /// `postings[postingStart[w]..<postingStart[w + 1]]`, shortest first, and `postingLengths` their lengths.
    private let postings: [Int32]
    private let postingLengths: [Int32]
    private let postingStart: [Int32]
    /// How many of its indexed words a sentence must hold to be compared with the entry.
    private let requiredHits: [UInt16]
    /// Per entry, `allowedMissing` of its length (looked up, not divided, for each candidate).
    private let missingWords: [Int32]
    /// Per entry, a bit per word (its number modulo 64): where a sentence lacks more of an entry's
    /// bits than the entry may lack words, it is no variant, found without reading the entry's
    /// words (which, read for a hundred scattered entries a sentence, were most of the cost).
    private let signatures: [UInt64]

    var entryCount: Int { requiredHits.count }
    var wordCount: Int { postingStart.count - 1 }

    /// `keys`: each entry's words joined by single spaces, where the caller has them.
    init(_ words: [[String]], keys: [String]? = nil) {
        // Each word is hashed once: it gets a number in the order first seen, and the entries'
        // words are kept as those numbers while the distinct entries holding each are counted.
        var exact: [String: Int] = [:]
        var firstSeen: [String: Int32] = [:]
        var spelling: [String] = []
        var frequency: [Int] = []
        var lastEntry: [Int] = []
        var seenNumbers: [Int32] = []
        for (index, entry) in words.enumerated() {
            let key = keys?[index] ?? entry.joined(separator: " ")
            if exact[key] == nil { exact[key] = index }
            for word in entry {
                let number: Int32
                if let known = firstSeen[word] {
                    number = known
                } else {
                    number = Int32(spelling.count)
                    firstSeen[word] = number
                    spelling.append(word)
                    frequency.append(0)
                    lastEntry.append(-1)
                }
                seenNumbers.append(number)
                if lastEntry[Int(number)] != index {
                    lastEntry[Int(number)] = index
                    frequency[Int(number)] += 1
                }
            }
        }
        // Number words rarest first, so an entry's rarest words are its smallest numbers.
        let ordered = spelling.indices.sorted { (frequency[$0], spelling[$0]) < (frequency[$1], spelling[$1]) }
        var renumbered = [Int32](repeating: 0, count: ordered.count)
        for (number, first) in ordered.enumerated() { renumbered[first] = Int32(number) }
        var entryWords: [Int32] = []
        var entryStart: [Int32] = [0]
        // Each entry's indexed words, end to end, and how many entries each word indexes.
        var indexedWords: [Int32] = []
        var indexedStart: [Int32] = [0]
        var listSizes = [Int32](repeating: 0, count: ordered.count)
        var requiredHits: [UInt16] = []
        var missingWords: [Int32] = []
        var signatures: [UInt64] = []
        entryWords.reserveCapacity(seenNumbers.count)
        var distinct: [Int32] = []
        for entry in words {
            let start = entryWords.count
            for position in start..<(start + entry.count) { entryWords.append(renumbered[Int(seenNumbers[position])]) }
            let numbers = entryWords[start...]
            signatures.append(numbers.reduce(0) { $0 | Self.bit($1) })
            entryStart.append(Int32(entryWords.count))
            distinct.removeAll(keepingCapacity: true)
            distinct += numbers
            distinct.sort()
            var unique = 0
            for position in distinct.indices where unique == 0 || distinct[unique - 1] != distinct[position] {
                distinct[unique] = distinct[position]
                unique += 1
            }
            distinct.removeLast(distinct.count - unique)
            let missing = Self.allowedMissing(numbers.count)
            let indexed = distinct.prefix(missing + 2)
            indexedWords += indexed
            indexedStart.append(Int32(indexedWords.count))
            for word in indexed { listSizes[Int(word)] += 1 }
            requiredHits.append(UInt16(max(1, indexed.count - missing)))
            missingWords.append(Int32(missing))
        }
        // Each word's entries shortest first (ties by entry number), filled into their places in
        // that order with the entries sorted once (sorting every word's list on its own was a
        // fifth of building the index).
        var postingStart: [Int32] = [0]
        postingStart.reserveCapacity(listSizes.count + 1)
        for size in listSizes { postingStart.append(postingStart[postingStart.count - 1] + size) }
        var lengths = [Int32](repeating: 0, count: words.count)
        for entry in words.indices { lengths[entry] = entryStart[entry + 1] - entryStart[entry] }
        let shortestFirst = words.indices.sorted { (lengths[$0], $0) < (lengths[$1], $1) }
        var postings = [Int32](repeating: 0, count: indexedWords.count)
        var postingLengths = [Int32](repeating: 0, count: indexedWords.count)
        var next = postingStart.dropLast()
        for entry in shortestFirst {
            for word in indexedWords[Int(indexedStart[entry])..<Int(indexedStart[entry + 1])] {
                let place = Int(next[Int(word)])
                postings[place] = Int32(entry)
                postingLengths[place] = lengths[entry]
                next[Int(word)] += 1
            }
        }
        self.words = words
        self.entryWords = entryWords
        self.entryStart = entryStart
        self.exact = exact
        wordNumbers = WordNumbers(ordered.map { spelling[$0] })
        self.postings = postings
        self.postingLengths = postingLengths
        self.postingStart = postingStart
        self.requiredHits = requiredHits
        self.missingWords = missingWords
        self.signatures = signatures
    }

    /// A word's bit in a signature.
    static func bit(_ word: Int32) -> UInt64 { 1 << UInt64(word & 63) }

    /// The most distinct words of an n-word entry a near variant can lack.
    static func allowedMissing(_ count: Int) -> Int { max(count / 5, WordDiff.allowedEdits(count)) }

    /// The entry whose words are exactly these.
    func exactMatch(_ normalised: String) -> Int? { exact[normalised] }

    /// Working memory for `nearVariant`, sized for one index and reused across sentences.
    final class Scratch {
        /// Per entry, the number of the sentence it was last hit for (high 16 bits) and its hits
        /// in that sentence (low 16): a new sentence takes a new number instead of clearing the
        /// counters of the few hundred entries the last one hit. Cleared once in 65,535 sentences.
        var hits: [UInt32]
        var sentence: UInt32
        /// The entries that reached their required hits in this sentence, at its start: a slot
        /// for every entry (each reaches them once a sentence), written without appending.
        var candidates: [Int32]
        /// Per library word, the positions of the sentence that hold it (bit `j` for word `j`,
        /// modulo 64 past the 64th word, where only "is it there" is asked), and the words set.
        var masks: [UInt64]
        var present: [Int32] = []
        var numbers: [Int32] = []

        /// `sentence`: the number the last sentence had (the tests start near the wrap).
        init(entries: Int, words: Int, sentence: UInt32 = 0) {
            hits = [UInt32](repeating: 0, count: entries)
            candidates = [Int32](repeating: 0, count: entries)
            masks = [UInt64](repeating: 0, count: words)
            self.sentence = sentence
        }
    }

    func makeScratch() -> Scratch { Scratch(entries: entryCount, words: wordCount) }

    /// The entry this sentence is a near variant of (the closest, then the first listed), and how
    /// the sentence's words differ from the entry's.
    func nearVariant(of sentence: [String]) -> (entry: Int, changes: [WordDiff.Change])? {
        nearVariant(of: sentence, scratch: makeScratch())
    }

    func nearVariant(of sentence: [String], scratch: Scratch) -> (entry: Int, changes: [WordDiff.Change])? {
        // Joined as a key is, so that the words are looked up as a page's sentence's are.
        var key = ""
        var ranges: [Range<Int>] = []
        for word in sentence {
            if !key.isEmpty { key += " " }
            let start = key.utf8.count
            key += word
            ranges.append(start..<key.utf8.count)
        }
        return nearVariant(key: key, words: ranges, scratch: scratch)
    }

    /// The same, for a sentence given as its key (`ClaimWords.keyAndWordRanges`) and where each
    /// word is in the key's bytes, as the library's look-ups give it: only the words that differ
    /// from the entry are made into strings.
    func nearVariant(key: String, words sentence: [Range<Int>], scratch: Scratch) -> (
        entry: Int, changes: [WordDiff.Change]
    )? {
        var key = key
        return key.withUTF8 { bytes in
            let vocabulary = Int32(wordCount)
            let found = closestVariant(scratch: scratch) { numbers in
                for range in sentence {
                    numbers.append(wordNumbers.number(of: UnsafeBufferPointer(rebasing: bytes[range])) ?? vocabulary)
                }
            }
            guard let (entry, changes) = found else { return nil }
            let spelled = changes.map { change in
                WordDiff.Change(
                    removed: Array(words[entry][change.removed]),
                    added: sentence[change.added].map {
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)
                    })
            }
            return (entry, spelled)
        }
    }

    /// `numbering` appends the sentence's word numbers (`wordCount` for a word no entry has).
    private func closestVariant(
        scratch: Scratch, numbering: (inout [Int32]) -> Void
    ) -> (entry: Int, changes: [(removed: Range<Int>, added: Range<Int>)])? {
        let vocabulary = Int32(wordCount)
        // The scratch's arrays as locals for the loops (a class's stored arrays are checked for
        // exclusive access on every element), handed back cleared.
        var numbers = scratch.numbers
        var masks = scratch.masks
        var present = scratch.present
        var hits = scratch.hits
        var candidates = scratch.candidates
        scratch.numbers = []
        scratch.masks = []
        scratch.present = []
        scratch.hits = []
        scratch.candidates = []
        if scratch.sentence == 0xFFFF {
            for entry in hits.indices { hits[entry] = 0 }
            scratch.sentence = 0
        }
        scratch.sentence += 1
        let stamp = scratch.sentence << 16
        defer {
            for word in present { masks[Int(word)] = 0 }
            numbers.removeAll(keepingCapacity: true)
            present.removeAll(keepingCapacity: true)
            scratch.numbers = numbers
            scratch.masks = masks
            scratch.present = present
            scratch.hits = hits
            scratch.candidates = candidates
        }
        // Words no entry has get a number past the library's: they match nothing, but count in the sentence's length.
        var signature: UInt64 = 0
        numbering(&numbers)
        for (position, word) in numbers.enumerated() where word < vocabulary {
            if masks[Int(word)] == 0 { present.append(word) }
            masks[Int(word)] |= 1 << UInt64(position & 63)
            signature |= Self.bit(word)
        }
        // Each distinct library word once: its postings add a hit to the entries indexed under it,
        // up to the longest entry the sentence can be a variant of: one that keeps 80% of n words
        // has at least 0.8n, one within a few edits at least n - 3. An entry becomes a candidate
        // the moment it has the hits it needs; later hits are not counted.
        // Through buffer pointers: a write to an array checks that it is not shared, every time,
        // and these are a thousand postings a sentence.
        let longest = Int32(max(numbers.count * 5 / 4, numbers.count + 3))
        var candidateCount = 0
        hits.withUnsafeMutableBufferPointer { hits in
            candidates.withUnsafeMutableBufferPointer { candidates in
                postings.withUnsafeBufferPointer { postings in
                    postingLengths.withUnsafeBufferPointer { lengths in
                        requiredHits.withUnsafeBufferPointer { required in
                            for word in present {
                                var posting = Int(postingStart[Int(word)])
                                let end = Int(postingStart[Int(word) + 1])
                                while posting < end, lengths[posting] <= longest {
                                    let entry = Int(postings[posting])
                                    posting += 1
                                    var count = hits[entry] ^ stamp
                                    // Another sentence's hits: none yet in this one.
                                    if count > 0xFFFF { count = 0 }
                                    let needed = UInt32(required[entry])
                                    guard count < needed else { continue }
                                    count += 1
                                    hits[entry] = stamp | count
                                    if count == needed {
                                        candidates[candidateCount] = Int32(entry)
                                        candidateCount += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard candidateCount > 0 else { return nil }
        var best: (entry: Int, kept: Int, count: Int)?
        let bitParallel = numbers.count <= 64
        for candidate in candidates[..<candidateCount] {
            let index = Int(candidate)
            let range = Int(entryStart[index])..<Int(entryStart[index + 1])
            let count = range.count
            let missing = Int(missingWords[index])
            // Each bit the sentence lacks is at least one distinct word of the entry it lacks.
            guard (signatures[index] & ~signature).nonzeroBitCount <= missing else { continue }
            // The sentence must hold enough of the entry's words at all before their order is compared.
            var held = 0
            for position in range where masks[Int(entryWords[position])] != 0 { held += 1 }
            guard held + missing >= count else { continue }
            // The words kept in order are held words: an entry holding a smaller share of its
            // words than the closest so far keeps cannot be closer, and is not compared.
            if let current = best {
                let share = held * current.count
                let bestShare = current.kept * count
                if share < bestShare || share == bestShare && index > current.entry { continue }
            }
            let kept =
                bitParallel
                ? WordDiff.longestCommonSubsequence(entryWords[range], masks: masks, length: numbers.count)
                : WordDiff.longestCommonSubsequence(Array(entryWords[range]), numbers)
            if kept * 5 < count * 4 {
                // Not 80% kept: a near variant only if within a few edits, and every edit needs
                // at least the words the two do not share.
                let allowed = WordDiff.allowedEdits(count)
                guard max(count, numbers.count) - kept <= allowed, abs(count - numbers.count) <= allowed else {
                    continue
                }
                let edits =
                    bitParallel
                    ? WordDiff.editDistance(entryWords[range], masks: masks, length: numbers.count, limit: allowed)
                    : WordDiff.editDistance(Array(entryWords[range]), numbers, limit: allowed)
                guard edits <= allowed else { continue }
            }
            if let current = best {
                let better =
                    kept * current.count > current.kept * count
                    || kept * current.count == current.kept * count && index < current.entry
                if !better { continue }
            }
            best = (index, kept, count)
        }
        guard let best else { return nil }
        // Compared by number: a word no entry has never equals an entry's word, whatever it is.
        let range = Int(entryStart[best.entry])..<Int(entryStart[best.entry + 1])
        return (best.entry, WordDiff.changes(from: Array(entryWords[range]), to: numbers))
    }
}

/// Word-level comparison of an approved wording with a sentence.
enum WordDiff {
    /// One place where the sentence differs: words of the entry it lacks, and words it has instead.
    struct Change: Sendable, Equatable {
        var removed: [String]
        var added: [String]
    }

    /// A near variant keeps at least 80% of the entry's words in order, or is within a few word
    /// edits of it: three, or a third of the entry's words for entries shorter than nine (so that a
    /// three-word entry is not "near" every three-word sentence).
    static func isNearVariant<Word: Equatable>(entry: [Word], sentence: [Word], kept: Int) -> Bool {
        if kept * 5 >= entry.count * 4 { return true }
        let allowed = allowedEdits(entry.count)
        guard abs(entry.count - sentence.count) <= allowed else { return false }
        return editDistance(entry, sentence, limit: allowed) <= allowed
    }

    /// Three word edits, or a third of the words of an entry shorter than nine.
    static func allowedEdits(_ count: Int) -> Int { min(3, count / 3) }

    /// The longest common subsequence of `a` and a sentence of `length` ≤ 64 words, given for each
    /// word number the bit set of the sentence's positions that hold it (Allison–Dix, as Hyyrö
    /// writes it: one shift-free update per word of `a`, the answer the zero bits of `v`).
    static func longestCommonSubsequence(_ a: ArraySlice<Int32>, masks: [UInt64], length: Int) -> Int {
        var v = UInt64.max
        for word in a {
            let match = masks[Int(word)]
            let u = v & match
            v = (v &+ u) | (v & ~match)
        }
        let relevant: UInt64 = length == 64 ? .max : (1 << UInt64(length)) - 1
        return length - (v & relevant).nonzeroBitCount
    }

    /// Word edits from `a` to a sentence of `length` ≤ 64 words, given the same bit sets, with
    /// anything over `limit` as `limit + 1`: Myers' bit-vector algorithm as Hyyrö writes it for the
    /// whole of both (the vertical differences of one column of the table in two machine words;
    /// a 1 shifted in at the top, where the table's first row counts up).
    static func editDistance(_ a: ArraySlice<Int32>, masks: [UInt64], length: Int, limit: Int) -> Int {
        guard length > 0 else { return min(a.count, limit + 1) }
        var positive = UInt64.max
        var negative: UInt64 = 0
        let last: UInt64 = 1 << UInt64(length - 1)
        var score = length
        var left = a.count
        for word in a {
            let match = masks[Int(word)]
            let vertical = match | negative
            let horizontal = (((match & positive) &+ positive) ^ positive) | match
            var up = negative | ~(horizontal | positive)
            var down = positive & horizontal
            if up & last != 0 { score += 1 } else if down & last != 0 { score -= 1 }
            left -= 1
            // Each remaining word lowers the score by one at the most.
            if score - left > limit { return limit + 1 }
            up = up << 1 | 1
            down <<= 1
            positive = down | ~(vertical | up)
            negative = up & vertical
        }
        return min(score, limit + 1)
    }

    static func longestCommonSubsequence<Word: Equatable>(_ a: [Word], _ b: [Word]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for i in 1...a.count {
            for j in 1...b.count {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Word edits (insert, delete, substitute) from `a` to `b`; anything over `limit` is `limit + 1`.
    static func editDistance<Word: Equatable>(_ a: [Word], _ b: [Word], limit: Int) -> Int {
        if a.isEmpty || b.isEmpty { return min(max(a.count, b.count), limit + 1) }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            var rowBest = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowBest = min(rowBest, current[j])
            }
            if rowBest > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return min(previous[b.count], limit + 1)
    }

    /// The changes from `a` to `b` along a longest common subsequence: for each, the words of
    /// `a` it lacks and the words of `b` it has instead, as positions (between two kept words,
    /// both are runs).
    static func changes<Word: Equatable>(from a: [Word], to b: [Word]) -> [(removed: Range<Int>, added: Range<Int>)] {
        // One flat table (row i at i * width), not an array per row: it is built for every
        // variant, through pointers (each write to an array checks that it is not shared).
        let width = b.count + 1
        var table = [Int32](repeating: 0, count: (a.count + 1) * width)
        table.withUnsafeMutableBufferPointer { table in
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                let row = i * width
                let below = row + width
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    table[row + j] = a[i] == b[j] ? table[below + j + 1] + 1 : max(table[below + j], table[row + j + 1])
                }
            }
        }
        var changes: [(removed: Range<Int>, added: Range<Int>)] = []
        var i = 0
        var j = 0
        // Where the pending change starts in each.
        var removedStart = 0
        var addedStart = 0
        func flush() {
            if removedStart < i || addedStart < j { changes.append((removedStart..<i, addedStart..<j)) }
        }
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                flush()
                i += 1
                j += 1
                removedStart = i
                addedStart = j
            } else if j < b.count, i == a.count || table[i * width + j + 1] >= table[(i + 1) * width + j] {
                j += 1
            } else {
                i += 1
            }
        }
        flush()
        return changes
    }

    /// `"may reduce" → "eliminates"`, `"in adults" dropped`, `"fully" added`, the first few of
    /// them, appended to `text` (built in place: it is worded for every variant of a run).
    static func describe(_ changes: [Change], into text: inout ByteRoom) {
        func quoted(_ words: [String]) {
            text.append("\"")
            for (position, word) in words.enumerated() {
                if position > 0 { text.append(" ") }
                text.append(word)
            }
            text.append("\"")
        }
        for (position, change) in changes.prefix(4).enumerated() {
            if position > 0 { text.append("; ") }
            if change.added.isEmpty {
                quoted(change.removed)
                text.append(" dropped")
            } else if change.removed.isEmpty {
                quoted(change.added)
                text.append(" added")
            } else {
                quoted(change.removed)
                text.append(" → ")
                quoted(change.added)
            }
        }
        if changes.count > 4 { text.append("; and \(changes.count - 4) more") }
    }
}
