/// Claims and statistics whose rule is cleared by a citation anywhere in their paragraph, list
/// item or table row, waiting until that scope has been read. Most pages settle them all at the
/// end; a page with more waiting than the cap settles those of the scopes already read as it goes,
/// and keeps at most `cap` per scope: past it a scope's candidates are only counted (with the
/// first of them), and become unreported findings if the scope turns out to cite nothing. So a
/// 50 MB paragraph of claims holds `cap` candidates, not one per claim.
struct DeferredCandidates {
    let cap: Int
    private var waiting: [Candidate] = []
    /// Candidates waiting per scope, kept only once `waiting` has reached the cap (rare).
    private var waitingPerScope: [Int: Int] = [:]
    private var countsPerScope = false
    /// Per scope, candidates past the cap: how many, and the first of them.
    private var overflow: [Int: (count: Int, first: Candidate)] = [:]
    private var settleAt: Int

    init(cap: Int) {
        self.cap = cap
        settleAt = cap
    }

    var needsSettling: Bool { waiting.count >= settleAt }

    mutating func add(_ candidate: Candidate) {
        if waiting.count >= cap {
            if !countsPerScope {
                for item in waiting { waitingPerScope[item.scope, default: 0] += 1 }
                countsPerScope = true
            }
            guard waitingPerScope[candidate.scope, default: 0] < cap else {
                if let known = overflow[candidate.scope] {
                    overflow[candidate.scope] = (known.count + 1, known.first)
                } else {
                    overflow[candidate.scope] = (1, candidate)
                }
                return
            }
            waitingPerScope[candidate.scope, default: 0] += 1
        }
        waiting.append(candidate)
    }

    /// Settles every candidate `isSettled` says is decided: `settle` gets each waiting one, and
    /// `countUnstored` the count of a scope's candidates past the cap when it cites nothing.
    mutating func settle(
        isSettled: (Candidate) -> Bool, isCleared: (Candidate) -> Bool, settle: (Candidate) -> Void,
        countUnstored: (Int, Candidate) -> Void
    ) {
        var remaining: [Candidate] = []
        for candidate in waiting {
            if isSettled(candidate) { settle(candidate) } else { remaining.append(candidate) }
        }
        waiting = remaining
        for (scope, entry) in overflow where isSettled(entry.first) {
            if !isCleared(entry.first) { countUnstored(entry.count, entry.first) }
            overflow[scope] = nil
        }
        waitingPerScope.removeAll()
        countsPerScope = false
        settleAt = max(cap, 2 * waiting.count)
    }
}
