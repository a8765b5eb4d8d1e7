// Stage timings for the README's Performance section (Scripts/bench.sh runs this).
// Single-threaded, on files already in memory: how long each stage of the pipeline takes on the
// whole corpus, each measured cumulatively (a stage includes the ones before it) and reported as
// the difference, the best of several rounds.
//
//   CLAIMLINT_BENCH=1 swift run -c release --scratch-path .build-bench StageBench LIST [ROUNDS [ONLY]]
// With ONLY (parse, check or report), just that stage runs, for a profiler.
@_spi(Stages) import ClaimLint
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2, let list = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write("usage: StageBench FILE-LIST [ROUNDS]\n".data(using: .utf8)!)
    exit(64)
}
let rounds = arguments.count >= 3 ? Int(arguments[2]) ?? 3 : 3
let inputs = list.split(separator: "\n").compactMap {
    FileManager.default.contents(atPath: String($0)).map { [UInt8]($0) }
}
let totalBytes = inputs.reduce(0) { $0 + $1.count }
let ruleSet = try RulesLoader.defaultRules()
let checker = try DocumentChecker(ruleSet: ruleSet)
let matcher = try PhraseMatcher(ruleSet: ruleSet)
let reporter = TextReporter()

if arguments.count >= 4 {
    let documents = inputs.map { MarkdownParser.parse(SourceText(bytes: $0)).readingSuperscriptMarkers() }
    let reports = documents.map { FileReport(path: "page.md", findings: checker.check($0)) }
    var sum = 0
    for _ in 0..<rounds {
        switch arguments[3] {
        case "parse": sum += inputs.reduce(0) { $0 + MarkdownParser.parse(SourceText(bytes: $1)).blocks.count }
        case "check": sum += documents.reduce(0) { $0 + checker.check($1).count }
        case "report": sum += reports.reduce(0) { $0 + reporter.render(file: $1).utf8.count }
        default: exit(64)
        }
    }
    print(sum)
    exit(0)
}

func best(_ body: () -> Int) -> (seconds: Double, checksum: Int) {
    var fastest = Double.infinity
    var checksum = 0
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        checksum = body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (fastest, checksum)
}

let documents = inputs.map { MarkdownParser.parse(SourceText(bytes: $0)).readingSuperscriptMarkers() }
var stages: [(String, Double)] = []
stages.append(("source lines", best { inputs.reduce(0) { $0 + SourceText(bytes: $1).lineCount } }.seconds))
stages.append(
    (
        "parse + tree walk",
        best { inputs.reduce(0) { $0 + MarkdownParser.parse(SourceText(bytes: $1)).blocks.count } }.seconds
    ))
stages.append(
    (
        "sentence splitting",
        best {
            documents.reduce(0) { sum, document in
                document.blocks.reduce(sum) {
                    $0 + SentenceSplitter.split($1.text, isTableRow: $1.kind == .tableRow).count
                }
            }
        }.seconds
    ))
/// Splits every block into sentences and takes each sentence through the first `depth` steps:
/// 1 tokenizes it, 2 also finds its lexicon terms, 3 also matches the phrases.
func sentences(through depth: Int) -> Int {
    var tokens: [Token] = []
    let stems = StemCache.current
    var scratch = PhraseMatcher.Scratch()
    var matches: [PhraseMatcher.Match] = []
    var count = 0
    for document in documents {
        for block in document.blocks {
            for sentence in SentenceSplitter.split(block.text, isTableRow: block.kind == .tableRow) {
                Tokenizer.tokenize(block.text, range: sentence, stems: stems, into: &tokens)
                count += tokens.count
                guard depth >= 2 else { continue }
                matcher.prepare(tokens, text: block.text, &scratch)
                count += scratch.hitCount
                guard depth >= 3 else { continue }
                matches.removeAll(keepingCapacity: true)
                matcher.matches(in: tokens, range: 0..<tokens.count, scratch: &scratch, into: &matches)
                count += matches.count
            }
        }
    }
    return count
}
stages.append(("tokenizing", best { sentences(through: 1) }.seconds))
stages.append(("lexicon terms", best { sentences(through: 2) }.seconds))
stages.append(("phrase matching", best { sentences(through: 3) }.seconds))
var findingCount = 0
stages.append(
    (
        "checks, citations, findings",
        best {
            findingCount = documents.reduce(0) { $0 + checker.check($1).count }
            return findingCount
        }.seconds
    ))
let reports = documents.map { FileReport(path: "page.md", findings: checker.check($0)) }
let parseTime = stages[1].1
let checkTime = stages[6].1
stages.append(("text report", best { reports.reduce(0) { $0 + reporter.render(file: $1).utf8.count } }.seconds))

print("StageBench: \(inputs.count) files, \(totalBytes) bytes, \(findingCount) findings; one thread, best of \(rounds)")
var previous = 0.0
for (index, (name, seconds)) in stages.enumerated() {
    // Stages 3–7 each include the splitting, tokenizing and matching before them; parse and report stand alone.
    let own: Double
    switch index {
    case 0, 1, 2:
        own = seconds
        previous = index == 2 ? seconds : previous
    case 7: own = seconds
    default:
        own = seconds - previous
        previous = seconds
    }
    print(
        String(
            format: "  %@ %7.3f s  %6.1f MB/s", name.padding(toLength: 30, withPad: " ", startingAt: 0), own,
            Double(totalBytes) / own / 1e6))
}
let total = parseTime + checkTime + stages[7].1
print(
    String(
        format: "  %@ %7.3f s  %6.1f MB/s", "parse + check + report".padding(toLength: 30, withPad: " ", startingAt: 0),
        total, Double(totalBytes) / total / 1e6))
