/// The medical vocabulary's trie, worked out at build time so that a rule naming `{vocab-…}` costs
/// a few milliseconds at start-up, not the third of a second that stemming and merging 38,000
/// terms takes (`Vocabulary.terms`). Scripts/embed-rules.sh writes it
/// (`CompiledVocabulary+Generated.swift`, through CompiledVocabularyTests); a run reads it back
/// into the same `CompactTrie` the TSV would give, node for node.
///
/// The text holds the words' keys in hexadecimal (a key is the hash of a word's stem, or of a
/// number's digits, so it is the same on every machine), then the trie's nodes in the order they were made, each as the distance back to its
/// parent, its word's stem and its outputs. Two checks keep it honest: a fingerprint of the TSV it
/// was made from, and a sample of written words with the stems they had at build time, stemmed
/// again by this process's Snowball. When either differs (the TSV was regenerated, or libstemmer
/// is another version), `load` returns nil and the vocabulary is built from the TSV.
enum CompiledVocabulary {
    /// Bumped whenever the layout of the text changes.
    static let layoutVersion = 1
    /// Every how many distinct written words one is kept as a stemmer check.
    static let sampleEvery = 32

    struct Malformed: Error {}

    /// A cheap fingerprint of the TSV: its length and every 61st byte (hashing all 1.5 MB would
    /// cost a millisecond and a half of every start-up that uses the vocabulary).
    static func fingerprint(of tsv: String) -> UInt64 {
        var tsv = tsv
        return tsv.withUTF8 { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count) ^ UInt64(layoutVersion) << 56
            var index = 0
            while index < bytes.count {
                hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
                index += 61
            }
            return hash
        }
    }

    /// The compiled text of the TSV's vocabulary, stemmed with `stems`.
    static func encode(tsv: String, stems: StemCache) -> String {
        let terms = Vocabulary.terms(tsv: tsv, stems: stems)
        var stemIndex: [UInt64: Int] = [:]
        var stemList: [String] = []
        func index(of key: UInt64) -> Int {
            if let known = stemIndex[key] { return known }
            stemIndex[key] = stemList.count
            stemList.append(String(key, radix: 16))
            return stemList.count - 1
        }
        // The nodes as `WordTrie.insert` makes them: one per new (parent, word), in insertion order.
        var children: [Int64: Int] = [:]
        var parents: [Int] = [0]
        var words: [Int] = [0]
        var outputs: [[Int32]] = [[]]
        for term in terms {
            var node = 0
            for key in term.words {
                let stem = index(of: key)
                let edge = Int64(node) << 32 | Int64(stem)
                if let child = children[edge] {
                    node = child
                } else {
                    parents.append(node)
                    words.append(stem)
                    outputs.append([])
                    children[edge] = parents.count - 1
                    node = parents.count - 1
                }
            }
            outputs[node] += term.outputs
        }
        // Written words with their stems, to check the stemmer that reads this: every
        // `sampleEvery`-th distinct word of the terms, in sorted order.
        var written = Set<String>()
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            for word in fields[1].split(separator: " ") where word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) {
                written.insert(String(word))
            }
        }
        var samples: [(String, Int)] = []
        var tokens: [Token] = []
        for (offset, word) in written.sorted().enumerated() where offset % sampleEvery == 0 {
            let bytes = Array(word.utf8)
            Tokenizer.tokenize(bytes, range: 0..<bytes.count, stems: stems, into: &tokens)
            guard tokens.count == 1, let stem = stemIndex[tokens[0].key] else { continue }
            samples.append((word, stem))
        }
        var out = "v\(layoutVersion)\n\(stemList.count)\n"
        for stem in stemList { out += stem + "\n" }
        out += "\(samples.count)\n"
        for (word, stem) in samples { out += "\(word) \(stem)\n" }
        out += "\(parents.count)\n"
        for node in 1..<parents.count {
            out += "\(node - parents[node]) \(words[node])"
            for output in outputs[node] { out += " \(output)" }
            out += "\n"
        }
        return out
    }

    /// The vocabulary from the generated text, or nil when it does not match the embedded TSV or
    /// this process's stemmer.
    static func load() -> Vocabulary? {
        guard CompiledVocabularyData.fingerprint == fingerprint(of: VocabularyData.tsv) else { return nil }
        return try? decode(CompiledVocabularyData.text, stems: StemCache.current)
    }

    static func decode(_ text: String, stems: StemCache) throws -> Vocabulary {
        var text = text
        return try text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            guard try reader.word() == Array("v\(layoutVersion)".utf8) else { throw Malformed() }
            let stemCount = try reader.number()
            var keys: [UInt64] = []
            keys.reserveCapacity(stemCount)
            for _ in 0..<stemCount {
                keys.append(try reader.hexadecimal())
            }
            var tokens: [Token] = []
            for _ in 0..<(try reader.number()) {
                let word = try reader.word()
                let stem = try reader.number()
                Tokenizer.tokenize(word, range: 0..<word.count, stems: stems, into: &tokens)
                guard stem < keys.count, tokens.count == 1, tokens[0].key == keys[stem] else { throw Malformed() }
            }
            let nodeCount = try reader.number()
            guard nodeCount >= 1 else { throw Malformed() }
            var trie = CompactTrie(nodeCount: nodeCount, wordEdgeCount: nodeCount - 1)
            var firstWords = [UInt64](repeating: 0, count: 1024)
            var termCount = 0
            trie.outputList.reserveCapacity(nodeCount)
            for node in 1..<nodeCount {
                let back = try reader.number()
                let stem = try reader.number()
                guard back >= 1, back <= node, stem < keys.count else { throw Malformed() }
                let parent = node - back
                let key = keys[stem]
                trie.addWordEdge(node: Int32(parent), key: key, child: Int32(node))
                if parent == 0 {
                    trie.noteRootWord(key)
                    Vocabulary.noteFirstWord(key, in: &firstWords)
                }
                trie.nodes[node].outputStart = Int32(trie.outputList.count)
                while reader.hasNumberOnLine {
                    trie.outputList.append(Int32(try reader.number()))
                    termCount += 1
                }
                trie.nodes[node].outputEnd = Int32(trie.outputList.count)
                try reader.endLine()
            }
            guard reader.atEnd else { throw Malformed() }
            return Vocabulary(trie: trie, firstWords: firstWords, termCount: termCount)
        }
    }

    /// Numbers separated by single spaces, lines ended by newlines.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }

        /// A number follows on this line.
        var hasNumberOnLine: Bool { index < bytes.count && bytes[index] == UInt8(ascii: " ") }

        /// Bytes up to a space or newline, and past a space.
        mutating func word() throws -> [UInt8] {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: " "), bytes[index] != UInt8(ascii: "\n") {
                index += 1
            }
            guard index < bytes.count, index > start else { throw Malformed() }
            let word = Array(bytes[start..<index])
            if bytes[index] == UInt8(ascii: " ") { index += 1 } else { index += 1 }
            return word
        }

        /// A line holding one hexadecimal number, and past its newline.
        mutating func hexadecimal() throws -> UInt64 {
            var value: UInt64 = 0
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
                let byte = bytes[index] | 0x20
                let digit: UInt8
                if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    digit = byte - UInt8(ascii: "0")
                } else if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "f") {
                    digit = byte - UInt8(ascii: "a") + 10
                } else {
                    throw Malformed()
                }
                guard index - start < 16 else { throw Malformed() }
                value = value << 4 | UInt64(digit)
                index += 1
            }
            guard index < bytes.count, index > start else { throw Malformed() }
            index += 1
            return value
        }

        /// A decimal number, after an optional space, before a space or newline (newline consumed).
        mutating func number() throws -> Int {
            if index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            var value = 0
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                guard value < 1 << 31 else { throw Malformed() }
                index += 1
            }
            guard index > start, index < bytes.count else { throw Malformed() }
            if bytes[index] == UInt8(ascii: "\n") { index += 1 }
            return value
        }

        /// Past the newline that ends a node's line (`number` consumed it already when it was last).
        mutating func endLine() throws {
            guard index <= bytes.count, index > 0, bytes[index - 1] == UInt8(ascii: "\n") else { throw Malformed() }
        }
    }
}
