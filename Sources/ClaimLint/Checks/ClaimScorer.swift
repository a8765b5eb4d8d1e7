/// The trained claim scorer: a logistic regression over `SentenceFeature`s. Its weights are
/// Rules/claim-scorer.tsv, written by Scripts/train-scorer.py and embedded as `ClaimScorerData.tsv`:
/// `#` header lines with the provenance, then one `feature<TAB>weight` per line. Besides the
/// features, `bias` is the intercept and `threshold:report` and `threshold:drop` the log-odds
/// above which a sentence is reported as a likely claim and below which a generic rule's finding
/// is dropped (chosen by cross-validation, never by in-sample scores).
struct ClaimScorer: Sendable {
    private(set) var bias = 0.0
    private(set) var reportAbove = Double.infinity
    private(set) var dropBelow = -Double.infinity
    /// Every weight and its feature's name, by the index the tables below hold.
    private(set) var weights: [Double] = []
    private(set) var names: [String] = []
    private let stems: KeyMap
    private let firstWords: KeyMap
    private let lexicons: [Int32]
    private let rules: [Int32]
    private let shapes: [Int32]

    /// Features the rule set does not have (a lexicon or rule another rules file defines) are left out.
    init(tsv: String, lexiconNames: [String], ruleIDs: [String]) {
        let lexiconIndex = Dictionary(lexiconNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { $1 })
        let ruleIndex = Dictionary(ruleIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let shapeIndex = Dictionary(uniqueKeysWithValues: SentenceShape.allCases.enumerated().map { ($1.rawValue, $0) })
        var stems: [(key: UInt64, value: Int32)] = []
        var firstWords: [(key: UInt64, value: Int32)] = []
        var lexicons = [Int32](repeating: -1, count: lexiconNames.count)
        var rules = [Int32](repeating: -1, count: ruleIDs.count)
        var shapes = [Int32](repeating: -1, count: SentenceShape.allCases.count)
        for fields in Self.lines(of: tsv) {
            guard fields.count == 2, let weight = Double(fields[1]) else { continue }
            let name = fields[0]
            let index = Int32(weights.count)
            let (family, value) = Self.split(name)
            switch family {
            case "bias": bias = weight
            case "threshold" where value == "report": reportAbove = weight
            case "threshold" where value == "drop": dropBelow = weight
            case "stem": stems.append((Self.key(of: value), index))
            case "first": firstWords.append((Self.key(of: value), index))
            case "lexicon": if let at = lexiconIndex[value] { lexicons[at] = index }
            case "rule": if let at = ruleIndex[value] { rules[at] = index }
            case "shape": if let at = shapeIndex[value] { shapes[at] = index }
            default: continue
            }
            weights.append(weight)
            names.append(name)
        }
        self.stems = KeyMap(stems)
        self.firstWords = KeyMap(firstWords)
        self.lexicons = lexicons
        self.rules = rules
        self.shapes = shapes
    }

    /// The tab-separated fields (empty ones left out) of each line that is not empty and not a `#`
    /// comment, cut over the UTF-8 bytes: `String.split` took most of the scorer's share of start-up.
    private static func lines(of tsv: String) -> [[String]] {
        var tsv = tsv
        return tsv.withUTF8 { bytes in
            var lines: [[String]] = []
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                guard lineEnd > lineStart, bytes[lineStart] != UInt8(ascii: "#") else { continue }
                var fields: [String] = []
                var fieldStart = lineStart
                for index in lineStart...lineEnd where index == lineEnd || bytes[index] == UInt8(ascii: "\t") {
                    if index > fieldStart {
                        fields.append(
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<index]), as: UTF8.self))
                    }
                    fieldStart = index + 1
                }
                lines.append(fields)
            }
            return lines
        }
    }

    /// "stem:restor" → ("stem", "restor"); "bias" → ("bias", "").
    private static func split(_ name: String) -> (String, String) {
        guard let colon = name.firstIndex(of: ":") else { return (name, "") }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    /// The key a stem's spelling hashes to, as `StemCache` computes it for the words that stem to it.
    private static func key(of stem: String) -> UInt64 {
        Array(stem.utf8).withUnsafeBufferPointer { WordKey.hash($0) }
    }

    /// The index of the feature's weight, or -1 when the model has none.
    @inline(__always)
    func index(of feature: SentenceFeature) -> Int32 {
        switch feature {
        case .stem(let key): stems.value(key)
        case .first(let key): firstWords.value(key)
        case .lexicon(let index): index < lexicons.count ? lexicons[index] : -1
        case .rule(let index): index < rules.count ? rules[index] : -1
        case .shape(let shape): shapes[shape.ordinal]
        }
    }

    /// The name a feature has in the weights file, whether or not the model weighs it.
    static func name(
        of feature: SentenceFeature, lexiconNames: [String], ruleIDs: [String], spellings: [UInt64: String]
    ) -> String {
        func stem(_ key: UInt64) -> String { spellings[key] ?? "#\(String(key, radix: 16))" }
        switch feature {
        case .stem(let key): return "stem:" + stem(key)
        case .first(let key): return "first:" + stem(key)
        case .lexicon(let index): return "lexicon:" + lexiconNames[index]
        case .rule(let index): return "rule:" + ruleIDs[index]
        case .shape(let shape): return "shape:" + shape.rawValue
        }
    }
}
