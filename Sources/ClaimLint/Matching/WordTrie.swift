/// The automaton every phrase list compiles into: a trie over word keys whose edges are exact
/// words, lexicon references (`{name}`), any number (`#`) or a gap of up to four words (`...`).
///
/// It is built with `insert` and then frozen into flat arrays (`CompactTrie`) for matching:
/// one open-addressing table holds every word edge of every node, so a step costs one
/// multiply-shift hash and a probe or two, with no Swift dictionaries, closures or retains.
struct WordTrie: Sendable {
    enum Step: Equatable {
        case word(UInt64)
        case lexicon(Int)
        case number
        case gap
    }

    static let maximumGap = 4

    private var words: [WordEdge: Int32] = [:]
    private var lexiconEdges: [[(lexicon: Int32, child: Int32)]] = [[]]
    private var numberChild: [Int32] = [-1]
    private var gapChild: [Int32] = [-1]
    private var outputs: [[Int32]] = [[]]

    private struct WordEdge: Hashable {
        var node: Int32
        var key: UInt64
    }

    /// Adds a path of steps and marks its end with `output`.
    mutating func insert(_ steps: [Step], output: Int32) {
        var current: Int32 = 0
        for step in steps {
            current = child(of: current, for: step)
        }
        outputs[Int(current)].append(output)
    }

    private mutating func child(of parent: Int32, for step: Step) -> Int32 {
        let index = Int(parent)
        switch step {
        case .word(let key):
            if let existing = words[WordEdge(node: parent, key: key)] { return existing }
            let new = appendNode()
            words[WordEdge(node: parent, key: key)] = new
            return new
        case .lexicon(let lexicon):
            if let existing = lexiconEdges[index].first(where: { $0.lexicon == Int32(lexicon) }) {
                return existing.child
            }
            let new = appendNode()
            lexiconEdges[index].append((Int32(lexicon), new))
            return new
        case .number:
            if numberChild[index] >= 0 { return numberChild[index] }
            let new = appendNode()
            numberChild[index] = new
            return new
        case .gap:
            if gapChild[index] >= 0 { return gapChild[index] }
            let new = appendNode()
            gapChild[index] = new
            return new
        }
    }

    private mutating func appendNode() -> Int32 {
        lexiconEdges.append([])
        numberChild.append(-1)
        gapChild.append(-1)
        outputs.append([])
        return Int32(outputs.count - 1)
    }

    /// The frozen, flat form used for matching.
    func compacted() -> CompactTrie {
        var trie = CompactTrie(nodeCount: outputs.count, wordEdgeCount: words.count)
        for (edge, child) in words {
            trie.addWordEdge(node: edge.node, key: edge.key, child: child)
            if edge.node == 0 { trie.noteRootWord(edge.key) }
        }
        for node in 0..<outputs.count {
            var record = CompactTrie.Node(numberChild: numberChild[node], gapChild: gapChild[node])
            record.lexiconStart = Int32(trie.lexiconEdgeLexicon.count)
            for edge in lexiconEdges[node] {
                trie.lexiconEdgeLexicon.append(edge.lexicon)
                trie.lexiconEdgeChild.append(edge.child)
            }
            record.lexiconEnd = Int32(trie.lexiconEdgeLexicon.count)
            record.outputStart = Int32(trie.outputList.count)
            trie.outputList += outputs[node]
            record.outputEnd = Int32(trie.outputList.count)
            trie.nodes[node] = record
        }
        return trie
    }
}

/// `WordTrie` in flat arrays. Node 0 is the root. Matching is bound by memory latency, not
/// arithmetic, so what one step reads is kept together: a hash slot in 16 bytes, a node in 24.
struct CompactTrie: Sendable {
    struct Node: Sendable {
        /// The node's outputs are `outputList[outputStart..<outputEnd]`.
        var outputStart: Int32 = 0
        var outputEnd: Int32 = 0
        /// Its lexicon edges are `lexiconStart..<lexiconEnd` in the two lexicon edge arrays.
        var lexiconStart: Int32 = 0
        var lexiconEnd: Int32 = 0
        var numberChild: Int32
        var gapChild: Int32

        var outputs: Range<Int> { Int(outputStart)..<Int(outputEnd) }
        var lexiconEdges: Range<Int> { Int(lexiconStart)..<Int(lexiconEnd) }
    }

    private struct Slot {
        var key: UInt64 = 0
        var node: Int32 = -1
        var child: Int32 = -1
    }

    var nodes: [Node]
    var lexiconEdgeLexicon: [Int32] = []
    var lexiconEdgeChild: [Int32] = []
    var outputList: [Int32] = []

    /// A 65,536-bit (8 KiB) filter of the root's word keys: most tokens start no phrase, and one bit
    /// test says so without hashing. Thousands of phrases start with hundreds of words: a smaller
    /// filter would pass a third of all tokens on to a probe of the table.
    var rootWords = [UInt64](repeating: 0, count: 1024)

    // Open addressing over (node, key) → child.
    private var slots: [Slot]
    private let mask: Int
    /// One bit per (node, key) hash, about 16 bits per edge: most probes ask for an edge that does
    /// not exist, and a miss in this filter (small enough to stay in the cache) costs no read of
    /// the table (which does not), where matching spends its time waiting on memory.
    private var edgeFilter: [UInt64]
    private let filterMask: Int

    init(nodeCount: Int, wordEdgeCount: Int) {
        nodes = Array(repeating: Node(numberChild: -1, gapChild: -1), count: nodeCount)
        var capacity = 16
        while capacity < wordEdgeCount * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        var filterBits = 4096
        while filterBits < wordEdgeCount * 16, filterBits < 1 << 20 { filterBits <<= 1 }
        edgeFilter = [UInt64](repeating: 0, count: filterBits / 64)
        filterMask = filterBits - 1
    }

    @inline(__always)
    private static func hash(_ node: Int32, _ key: UInt64) -> UInt64 {
        var hash = key &+ UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 31
        return hash &* 0xBF58_476D_1CE4_E5B9
    }

    /// The table slot comes from the hash's high half, the filter bit from bits 6 to 26.
    @inline(__always)
    private func filterBit(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 6) & filterMask }

    mutating func addWordEdge(node: Int32, key: UInt64, child: Int32) {
        let hash = Self.hash(node, key)
        let bit = filterBit(hash)
        edgeFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        var index = Int(truncatingIfNeeded: hash >> 32) & mask
        while slots[index].node >= 0 { index = (index + 1) & mask }
        slots[index] = Slot(key: key, node: node, child: child)
    }

    /// Records a word edge of the root in `rootWords`.
    mutating func noteRootWord(_ key: UInt64) {
        rootWords[Int(key & 0xFFFF) >> 6] |= 1 << (key & 63)
    }

    /// The child of `node` along the word `key`, or -1.
    @inline(__always)
    func wordChild(_ node: Int32, _ key: UInt64) -> Int32 {
        let hash = Self.hash(node, key)
        let bit = filterBit(hash)
        guard edgeFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return -1 }
        var index = Int(truncatingIfNeeded: hash >> 32) & mask
        while true {
            let occupant = slots[index]
            if occupant.node < 0 { return -1 }
            if occupant.node == node, occupant.key == key { return occupant.child }
            index = (index + 1) & mask
        }
    }

    /// Whether any lexicon edge names one of `lexicons`.
    func usesLexicon(_ lexicons: Set<Int>) -> Bool {
        lexiconEdgeLexicon.contains { lexicons.contains(Int($0)) }
    }

    /// False when no word edge leaves the root with this key (true may still find none).
    @inline(__always)
    func mayStart(_ key: UInt64) -> Bool {
        rootWords[Int(key & 0xFFFF) >> 6] & (1 << (key & 63)) != 0
    }
}
