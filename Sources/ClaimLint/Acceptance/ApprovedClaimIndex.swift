/// Finds the approved claims a sentence is, or nearly is, without comparing it with every entry
/// of a 5,000-entry library. Exact wording is one dictionary lookup. For near variants, a prefix
/// filter (as in similarity joins): words get numbers, rarest across the library first, and each
/// entry is indexed under its rarest distinct words. A sentence that keeps 80% of an entry's n
/// words lacks at most ⌊0.2n⌋ of its distinct words, and one within three word edits at most
/// three; so if an entry is indexed under `missing + 2` words, a variant holds at least two of
/// them. Only entries found under two words of the sentence (one, for entries with too few
/// distinct words) are counted word by word and then compared in full.
struct ApprovedClaimIndex: Sendable {
    /// Each entry's words, and the same as numbers.
    private let words: [[String]]
    private let entries: [[Int32]]
    private let exact: [String: Int]
    private let wordID: [String: Int32]
    /// Entries by indexed word number.
    private let postings: [[Int32]]
    /// How many of its indexed words a sentence must hold to be compared with the entry.
    private let requiredHits: [UInt16]

    init(_ words: [[String]]) {
        var exact: [String: Int] = [:]
        var frequency: [String: Int] = [:]
        for (index, entry) in words.enumerated() {
            let key = entry.joined(separator: " ")
            if exact[key] == nil { exact[key] = index }
            for word in Set(entry) { frequency[word, default: 0] += 1 }
        }
        // Number words rarest first, so an entry's rarest words are its smallest numbers.
        let ordered = frequency.keys.sorted { (frequency[$0]!, $0) < (frequency[$1]!, $1) }
        var wordID: [String: Int32] = [:]
        for (number, word) in ordered.enumerated() { wordID[word] = Int32(number) }
        var postings = [[Int32]](repeating: [], count: ordered.count)
        var requiredHits: [UInt16] = []
        let entries = words.map { $0.map { wordID[$0]! } }
        for (index, entry) in entries.enumerated() {
            let distinct = Array(Set(entry)).sorted()
            let missing = Self.allowedMissing(entry.count)
            let indexed = distinct.prefix(missing + 2)
            for word in indexed { postings[Int(word)].append(Int32(index)) }
            requiredHits.append(UInt16(max(1, indexed.count - missing)))
        }
        self.words = words
        self.entries = entries
        self.exact = exact
        self.wordID = wordID
        self.postings = postings
        self.requiredHits = requiredHits
    }

    /// The most distinct words of an n-word entry a near variant can lack.
    static func allowedMissing(_ count: Int) -> Int { max(count / 5, WordDiff.allowedEdits(count)) }

    /// The entry whose words are exactly these.
    func exactMatch(_ normalised: String) -> Int? { exact[normalised] }

    /// The entry this sentence is a near variant of (the closest, then the first listed), and how
    /// the sentence's words differ from the entry's.
    func nearVariant(of sentence: [String]) -> (entry: Int, changes: [WordDiff.Change])? {
        // Words no entry has get numbers of their own, past the library's, so they match nothing.
        var next = Int32(postings.count)
        let numbers = sentence.map { word -> Int32 in
            if let number = wordID[word] { return number }
            next += 1
            return next
        }
        // Hits per entry in a flat array (a dictionary here was most of the cost), and the entries touched.
        var hits = [UInt16](repeating: 0, count: entries.count)
        var touched: [Int32] = []
        // Which library words the sentence holds, as flags by number (a hashed set was the next cost).
        var holds = [Bool](repeating: false, count: postings.count)
        for word in numbers where Int(word) < postings.count { holds[Int(word)] = true }
        let present = Set(numbers)
        for word in present where Int(word) < postings.count {
            for entry in postings[Int(word)] {
                if hits[Int(entry)] == 0 { touched.append(entry) }
                hits[Int(entry)] += 1
            }
        }
        guard !touched.isEmpty else { return nil }
        var best: (entry: Int, kept: Int)?
        for candidate in touched where hits[Int(candidate)] >= requiredHits[Int(candidate)] {
            let entry = entries[Int(candidate)]
            // The sentence must hold enough of the entry's words at all before their order is compared.
            let held = entry.count { holds[Int($0)] }
            guard held + Self.allowedMissing(entry.count) >= entry.count else { continue }
            let kept = WordDiff.longestCommonSubsequence(entry, numbers)
            guard WordDiff.isNearVariant(entry: entry, sentence: numbers, kept: kept) else { continue }
            let index = Int(candidate)
            if let current = best {
                let better =
                    kept * entries[current.entry].count > current.kept * entry.count
                    || kept * entries[current.entry].count == current.kept * entry.count && index < current.entry
                if !better { continue }
            }
            best = (index, kept)
        }
        guard let best else { return nil }
        return (best.entry, WordDiff.changes(from: words[best.entry], to: sentence))
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

    /// The changes from `a` to `b` along a longest common subsequence.
    static func changes(from a: [String], to b: [String]) -> [Change] {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var changes: [Change] = []
        var pending = Change(removed: [], added: [])
        var i = 0
        var j = 0
        func flush() {
            if !pending.removed.isEmpty || !pending.added.isEmpty { changes.append(pending) }
            pending = Change(removed: [], added: [])
        }
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                flush()
                i += 1
                j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                pending.added.append(b[j])
                j += 1
            } else {
                pending.removed.append(a[i])
                i += 1
            }
        }
        flush()
        return changes
    }

    /// `"may reduce" → "eliminates"`, `"in adults" dropped`, `"fully" added`, the first few of them.
    static func describe(_ changes: [Change]) -> String {
        let shown = changes.prefix(4).map { change -> String in
            let removed = "\"" + change.removed.joined(separator: " ") + "\""
            let added = "\"" + change.added.joined(separator: " ") + "\""
            if change.added.isEmpty { return "\(removed) dropped" }
            if change.removed.isEmpty { return "\(added) added" }
            return "\(removed) → \(added)"
        }
        return shown.joined(separator: "; ") + (changes.count > 4 ? "; and \(changes.count - 4) more" : "")
    }
}
