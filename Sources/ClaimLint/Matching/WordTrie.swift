/// A trie over word keys: the automaton every phrase list compiles into. Edges are exact words,
/// lexicon references (`{name}`), any number (`#`) or a gap of up to four words (`...`).
struct WordTrie: Sendable {
    enum Step: Equatable {
        case word(UInt64)
        case lexicon(Int)
        case number
        case gap
    }

    struct Node: Sendable {
        var words: [UInt64: Int32] = [:]
        var lexicons: [(lexicon: Int, child: Int32)] = []
        var number: Int32 = -1
        var gap: Int32 = -1
        var outputs: [Int32] = []
    }

    static let maximumGap = 4

    private(set) var nodes: [Node] = [Node()]

    /// Adds a path of steps and marks its end with `output`.
    mutating func insert(_ steps: [Step], output: Int32) {
        var current: Int32 = 0
        for step in steps {
            current = child(of: current, for: step)
        }
        nodes[Int(current)].outputs.append(output)
    }

    private mutating func child(of parent: Int32, for step: Step) -> Int32 {
        let index = Int(parent)
        switch step {
        case .word(let key):
            if let existing = nodes[index].words[key] { return existing }
            let new = appendNode()
            nodes[index].words[key] = new
            return new
        case .lexicon(let lexicon):
            if let existing = nodes[index].lexicons.first(where: { $0.lexicon == lexicon }) { return existing.child }
            let new = appendNode()
            nodes[index].lexicons.append((lexicon, new))
            return new
        case .number:
            if nodes[index].number >= 0 { return nodes[index].number }
            let new = appendNode()
            nodes[index].number = new
            return new
        case .gap:
            if nodes[index].gap >= 0 { return nodes[index].gap }
            let new = appendNode()
            nodes[index].gap = new
            return new
        }
    }

    private mutating func appendNode() -> Int32 {
        nodes.append(Node())
        return Int32(nodes.count - 1)
    }

    /// Can any path start with this token? A cheap test before walking.
    @inline(__always)
    func mayStart(with token: Token) -> Bool {
        let root = nodes[0]
        return root.words[token.key] != nil || !root.lexicons.isEmpty || (root.number >= 0 && token.kind == .number)
    }

    /// Calls `found(output, end)` for every path that matches tokens starting at `start`, within `limit`.
    /// `lexiconEnds(lexicon, position)` gives where a lexicon term starting at `position` can end.
    func walk(
        _ tokens: [Token], from start: Int, limit: Int,
        lexiconEnds: (Int, Int) -> [Int],
        found: (Int32, Int) -> Void
    ) {
        visit(node: 0, position: start, tokens: tokens, limit: limit, lexiconEnds: lexiconEnds, found: found)
    }

    private func visit(
        node index: Int32, position: Int, tokens: [Token], limit: Int,
        lexiconEnds: (Int, Int) -> [Int], found: (Int32, Int) -> Void
    ) {
        let node = nodes[Int(index)]
        for output in node.outputs { found(output, position) }
        guard position < limit else { return }
        let token = tokens[position]
        if let next = node.words[token.key] {
            visit(node: next, position: position + 1, tokens: tokens, limit: limit, lexiconEnds: lexiconEnds, found: found)
        }
        if node.number >= 0, token.kind == .number {
            visit(node: node.number, position: position + 1, tokens: tokens, limit: limit, lexiconEnds: lexiconEnds, found: found)
        }
        for (lexicon, child) in node.lexicons {
            for end in lexiconEnds(lexicon, position) {
                visit(node: child, position: end, tokens: tokens, limit: limit, lexiconEnds: lexiconEnds, found: found)
            }
        }
        if node.gap >= 0 {
            // A gap always has a step after it (a phrase cannot end in "..."), so it never matches empty text at the end.
            for skip in 0...Self.maximumGap where position + skip < limit {
                visit(node: node.gap, position: position + skip, tokens: tokens, limit: limit, lexiconEnds: lexiconEnds, found: found)
            }
        }
    }
}
