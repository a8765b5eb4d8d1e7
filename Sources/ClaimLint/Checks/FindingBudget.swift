/// How many findings one page reports (`max-findings-per-file`), and how many more it had. The
/// checks hand it each finding as soon as it is settled (its citation scope known); it keeps the
/// first `cap` in report order and only counts the rest, so a page of nothing but claims (a 50 MB
/// line, a 33 MB table) holds at most twice `cap` pending findings, never one per claim.
struct FindingBudget {
    let cap: Int
    /// Kept findings, each with its place in report order; at most `2 * cap` between trims.
    private var kept: [(key: Key, finding: PendingFinding)] = []
    /// Findings seen and not kept.
    private(set) var unreported = 0
    /// The report-order key of the first finding not kept, where the limit finding goes.
    private(set) var firstUnreported: Key?
    /// Once `cap` findings are kept, a finding that sorts after the last of them can never be
    /// reported: it is counted on arrival, without being stored.
    private var threshold: Key?

    /// A finding's place in report order: its source start and end, then its rule's rank by id.
    struct Key: Comparable {
        var start: Int
        var end: Int
        var rank: Int

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.start, lhs.end, lhs.rank) < (rhs.start, rhs.end, rhs.rank) }
    }

    init(cap: Int) {
        self.cap = max(cap, 1)
    }

    var isEmpty: Bool { kept.isEmpty && unreported == 0 }

    mutating func add(_ finding: PendingFinding, key: Key) {
        if let threshold, !(key < threshold) {
            count(key)
            return
        }
        kept.append((key, finding))
        if kept.count >= 2 * cap { trim() }
    }

    /// Counts findings that were never stored (the claims of a paragraph past `cap`, found not to be cited).
    mutating func countUnstored(_ number: Int, first: Key) {
        guard number > 0 else { return }
        unreported += number
        if firstUnreported.map({ first < $0 }) ?? true { firstUnreported = first }
    }

    /// The kept findings in report order, at most `cap` of them; the rest are counted.
    mutating func finish() -> [(key: Key, finding: PendingFinding)] {
        trim()
        return kept
    }

    private mutating func count(_ key: Key) {
        unreported += 1
        if firstUnreported.map({ key < $0 }) ?? true { firstUnreported = key }
    }

    /// Sorts the kept findings and keeps the first `cap`, counting the others.
    private mutating func trim() {
        kept.sort { $0.key < $1.key }
        guard kept.count > cap else { return }
        for item in kept[cap...] { count(item.key) }
        kept.removeSubrange(cap...)
        threshold = kept[cap - 1].key
    }
}
