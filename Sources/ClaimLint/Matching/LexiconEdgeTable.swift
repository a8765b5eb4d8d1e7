/// One trie node's lexicon edges as a table by lexicon: the child along `{lexicon}`, or -1. The
/// root has an edge for each of the dozens of lexicons a phrase starts with, and every lexicon
/// term of every token asks for its edge, so one look-up replaces a scan of them all. A node has
/// at most one edge per lexicon (`WordTrie.insert` reuses it), so the table finds the same child
/// the scan found.
struct LexiconEdgeTable: Sendable {
    private var children: [Int32] = []

    init() {}

    init(_ trie: CompactTrie, node: Int) {
        for edge in trie.nodes[node].lexiconEdges {
            let lexicon = Int(trie.lexiconEdgeLexicon[edge])
            guard lexicon >= 0 else { continue }
            if lexicon >= children.count { children += [Int32](repeating: -1, count: lexicon + 1 - children.count) }
            children[lexicon] = trie.lexiconEdgeChild[edge]
        }
    }

    /// The child along a term of `lexicon` (-1 for a withdrawn vocabulary hit, which matches nothing).
    @inline(__always)
    func child(_ lexicon: Int32) -> Int32 {
        lexicon >= 0 && Int(lexicon) < children.count ? children[Int(lexicon)] : -1
    }
}
