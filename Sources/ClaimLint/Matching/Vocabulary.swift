/// The medical vocabulary generated from ICD-10-CM, the Human Phenotype Ontology and WordNet
/// (Rules/vocabulary.tsv, made by Scripts/generate-vocabulary.py and embedded by
/// Scripts/embed-rules.sh), offered to every rule set as four lexicons: `{vocab-condition}`,
/// `{vocab-body}`, `{vocab-pathogen}` and `{vocab-treatment}`, in phrases and `context:` keys.
///
/// Terms flagged `ambiguous` ("cold", "stroke", "depression", "head") count only in a sentence
/// with a medical context: another vocabulary term that is not ambiguous, or a `context` cue
/// ("symptoms", "treat", "patients"). No term counts inside an `exclude` compound ("cold drink",
/// "stroke of luck", "economic depression").
///
/// Its trie is made once per process, on first use, and shared by every rule set. Built from the
/// TSV, some 40,000 terms took a third of a second (stemming every word, hashing arrays of keys);
/// Scripts/embed-rules.sh compiles it at build time instead (`CompiledVocabulary`), and a run
/// then lays out the finished trie in a few milliseconds. A run whose rules never name the
/// vocabulary pays nothing.
struct Vocabulary: Sendable {
    /// The lexicon names, in the order of their class numbers.
    static let lexiconNames = ["vocab-condition", "vocab-body", "vocab-pathogen", "vocab-treatment"]
    /// The generator keeps terms of at most four words (`MAXIMUM_WORDS`): a `{vocab-…}` step has at
    /// most four lengths, which `PhraseWalkBound` needs to know without building the trie.
    static let maximumTermWords = 4
    private static let contextClass = 4
    private static let excludeClass = 5
    private static let classNames = lexiconNames.map { String($0.dropFirst("vocab-".count)) } + ["context", "exclude"]

    /// Built on first use (Swift initialises a static once, thread-safely): from its compiled form
    /// (`CompiledVocabulary`, made at build time) when that matches the embedded TSV and this
    /// process's stemmer, else from the TSV.
    static let shared = CompiledVocabulary.load() ?? Vocabulary(tsv: VocabularyData.tsv)

    /// Outputs are `class << 1 | ambiguous`.
    let trie: CompactTrie
    /// A 65,536-bit filter of the words terms start with: the trie's own root filter is
    /// saturated by tens of thousands of first words, and most words of a page start no term.
    private let firstWords: [UInt64]
    let termCount: Int

    /// One term as the trie holds it: its words' keys and its outputs, in the order they are inserted.
    struct Term {
        var words: [UInt64]
        var outputs: [Int32]
    }

    init(tsv: String) {
        self.init(terms: Self.terms(tsv: tsv, stems: StemCache.current))
    }

    init(terms: [Term]) {
        var builder = WordTrie()
        var firstWords = [UInt64](repeating: 0, count: 1024)
        var termCount = 0
        for term in terms {
            let steps = term.words.map(WordTrie.Step.word)
            for output in term.outputs {
                builder.insert(steps, output: output)
                termCount += 1
            }
            Self.noteFirstWord(term.words[0], in: &firstWords)
        }
        self.init(trie: builder.compacted(), firstWords: firstWords, termCount: termCount)
    }

    init(trie: CompactTrie, firstWords: [UInt64], termCount: Int) {
        self.trie = trie
        self.firstWords = firstWords
        self.termCount = termCount
    }

    static func noteFirstWord(_ key: UInt64, in filter: inout [UInt64]) {
        filter[Int(key & 0xFFFF) >> 6] |= 1 << (key & 63)
    }

    /// The TSV's terms by their words as the matcher sees them (keys of their stems), each with an
    /// output per class: written forms that stem alike ("depression", "depressant") are one term,
    /// ambiguous in every class if any of them is (a word cannot be its own medical context).
    static func terms(tsv: String, stems: StemCache) -> [Term] {
        let bytes = Array(tsv.utf8)
        var terms: [[UInt64]: [Int8]] = [:]
        var order: [[UInt64]] = []
        var tokens: [Token] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            guard lineEnd > lineStart, bytes[lineStart] != UInt8(ascii: "#") else { continue }
            // class TAB term TAB flag TAB sources
            var fieldEnds: [Int] = []
            for index in lineStart..<lineEnd where bytes[index] == UInt8(ascii: "\t") { fieldEnds.append(index) }
            guard fieldEnds.count >= 2,
                let kind = Self.classNames.firstIndex(where: { Self.equal(bytes, lineStart..<fieldEnds[0], $0) })
            else { continue }
            let ambiguous = Self.equal(
                bytes, fieldEnds[1] + 1..<(fieldEnds.count > 2 ? fieldEnds[2] : lineEnd), "ambiguous")
            Tokenizer.tokenize(bytes, range: fieldEnds[0] + 1..<fieldEnds[1], stems: stems, into: &tokens)
            let words = tokens.filter { $0.kind != .marker }.map(\.key)
            guard !words.isEmpty else { continue }
            // Per class: -1 absent, 0 plain, 1 ambiguous.
            var flags =
                terms[words]
                ?? {
                    order.append(words)
                    return [Int8](repeating: -1, count: Self.classNames.count)
                }()
            flags[kind] = max(flags[kind], ambiguous ? 1 : 0)
            terms[words] = flags
        }
        return order.map { words in
            let flags = terms[words] ?? []
            let ambiguous: Int32 = flags.contains(1) ? 1 : 0
            return Term(
                words: words,
                outputs: flags.enumerated().compactMap { kind, flag in flag >= 0 ? Int32(kind) << 1 | ambiguous : nil })
        }
    }

    private static func equal(_ bytes: [UInt8], _ range: Range<Int>, _ text: String) -> Bool {
        range.count == text.utf8.count && zip(bytes[range], text.utf8).allSatisfy { $0 == $1 }
    }

    /// A vocabulary term found in a sentence, before ambiguity and exclusions are settled.
    struct Hit {
        /// Its place in the scratch's hit arrays (-1 for context cues and exclusions, which are no hits).
        var slot: Int32
        var start: Int32
        var end: Int32
        var kind: Int8
        var ambiguous: Bool
    }

    /// Appends the terms that start at `tokens[start]` to the scratch's hit arrays, as lexicon
    /// `base + class`, and records them in `found` for `settle`.
    @inline(__always)
    func walk(
        _ tokens: [Token], from start: Int, base: Int32, hitLexicon: inout [Int32], hitEnd: inout [Int32],
        found: inout [Hit]
    ) {
        let first = tokens[start].key
        guard firstWords[Int(first & 0xFFFF) >> 6] & (1 << (first & 63)) != 0 else { return }
        var node: Int32 = 0
        var position = start
        while position < tokens.count {
            node = trie.wordChild(node, tokens[position].key)
            if node < 0 { break }
            position += 1
            for output in trie.nodes[Int(node)].outputs {
                let value = Int(trie.outputList[output])
                let kind = value >> 1
                var slot: Int32 = -1
                if kind < Self.contextClass {
                    slot = Int32(hitLexicon.count)
                    hitLexicon.append(base + Int32(kind))
                    hitEnd.append(Int32(position))
                }
                found.append(
                    Hit(
                        slot: slot, start: Int32(start), end: Int32(position), kind: Int8(kind),
                        ambiguous: value & 1 != 0))
            }
        }
    }

    /// Drops (marks as lexicon -1, which nothing matches) every hit inside an exclusion, and every
    /// ambiguous hit in a sentence without a medical context.
    static func settle(_ found: [Hit], hitLexicon: inout [Int32]) {
        guard !found.isEmpty else { return }
        var hasContext = false
        var hasAmbiguous = false
        let exclusions = found.filter { Int($0.kind) == excludeClass }
        for hit in found where Int(hit.kind) != excludeClass {
            let excluded = exclusions.contains { $0.start <= hit.start && hit.end <= $0.end }
            if excluded {
                if hit.slot >= 0 { hitLexicon[Int(hit.slot)] = -1 }
            } else if hit.ambiguous {
                hasAmbiguous = true
            } else {
                hasContext = true
            }
        }
        guard hasAmbiguous, !hasContext else { return }
        for hit in found where hit.ambiguous && hit.slot >= 0 {
            hitLexicon[Int(hit.slot)] = -1
        }
    }
}
