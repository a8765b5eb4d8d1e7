/// Finds the approved claims a sentence is, or nearly is, without comparing it with every entry
/// of a 5,000-entry library. Exact wording is one dictionary lookup. For near variants, each entry
/// is indexed under its rarest words (rarest across the library), enough of them that a variant
/// must keep at least one: a sentence that keeps 80% of an entry's n words lacks at most ⌊0.2n⌋ of
/// its distinct words, and one within three word edits lacks at most three, so ⌊0.2n⌋ + 1 (at
/// least four) rare words always leave one in the sentence. Only entries found under a word of
/// the sentence are compared with it, word by word.
struct ApprovedClaimIndex: Sendable {
    private let words: [[String]]
    private let exact: [String: Int]
    private let postings: [String: [Int]]

    init(_ words: [[String]]) {
        self.words = words
        var exact: [String: Int] = [:]
        var frequency: [String: Int] = [:]
        for (index, entry) in words.enumerated() {
            exact[entry.joined(separator: " ")] = exact[entry.joined(separator: " ")] ?? index
            for word in Set(entry) { frequency[word, default: 0] += 1 }
        }
        var postings: [String: [Int]] = [:]
        for (index, entry) in words.enumerated() {
            let distinct = Set(entry).sorted { (frequency[$0] ?? 0, $0) < (frequency[$1] ?? 0, $1) }
            for word in distinct.prefix(max(4, entry.count / 5 + 1)) { postings[word, default: []].append(index) }
        }
        self.exact = exact
        self.postings = postings
    }

    /// The entry whose words are exactly these.
    func exactMatch(_ normalised: String) -> Int? { exact[normalised] }

    /// The entry this sentence is a near variant of (the closest, then the first listed), and how
    /// the sentence's words differ from the entry's.
    func nearVariant(of sentence: [String]) -> (entry: Int, changes: [WordDiff.Change])? {
        var candidates: [Int] = []
        for word in Set(sentence) {
            if let entries = postings[word] { candidates += entries }
        }
        guard !candidates.isEmpty else { return nil }
        var best: (entry: Int, kept: Int)?
        for entry in Set(candidates).sorted() {
            let entryWords = words[entry]
            // The 80% test needs at least 0.8n words in the sentence; the edit test, n - 3.
            guard sentence.count * 5 >= entryWords.count * 4 || sentence.count + 3 >= entryWords.count else { continue }
            let kept = WordDiff.longestCommonSubsequence(entryWords, sentence)
            guard WordDiff.isNearVariant(entry: entryWords, sentence: sentence, kept: kept) else { continue }
            if best.map({ kept * entryWords.count > $0.kept * words[$0.entry].count }) ?? true { best = (entry, kept) }
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
    static func isNearVariant(entry: [String], sentence: [String], kept: Int) -> Bool {
        if kept * 5 >= entry.count * 4 { return true }
        let allowed = min(3, entry.count / 3)
        guard abs(entry.count - sentence.count) <= allowed else { return false }
        return editDistance(entry, sentence, limit: allowed) <= allowed
    }

    static func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
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
    static func editDistance(_ a: [String], _ b: [String], limit: Int) -> Int {
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
