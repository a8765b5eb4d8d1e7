// The claim scorer's training dump (Scripts/train-scorer.py runs it): for each Markdown file named,
// one JSON line per sentence with the file, the sentence's byte range in the file, what the rules
// report there once citations are considered (nothing, generic, specific), whether a citation would
// clear a finding on it, and its features, named as in Rules/claim-scorer.tsv.
//
//   CLAIMLINT_TRAIN=1 swift run -c release --scratch-path .build-train ScorerFeatures FILE.md ...
@_spi(Stages) import ClaimLint
import Foundation

// Stems are named by their spelling, which the stem cache keeps only when asked before any word is stemmed.
StemCache.current.spellings = [:]
let checker = try DocumentChecker(ruleSet: try RulesLoader.defaultRules())

func quoted(_ string: String) -> String {
    var out = "\""
    for scalar in string.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

var output = ""
for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write("ScorerFeatures: cannot read \(path)\n".data(using: .utf8)!)
        exit(1)
    }
    let document = MarkdownParser.parse(SourceText(bytes: [UInt8](data))).readingSuperscriptMarkers()
    for record in checker.sentenceRecords(document) {
        let block = document.blocks[record.block]
        let start = block.sourceOffset(ofProse: record.sentence.lowerBound)
        let end = max(start, block.sourceEnd(ofProse: record.sentence.upperBound))
        output += "{\"file\":\(quoted(path)),\"start\":\(start),\"end\":\(end),\"found\":\"\(record.found.rawValue)\","
        output += "\"cited\":\(record.cited),\"features\":[\(record.features.map(quoted).joined(separator: ","))]}\n"
    }
}
FileHandle.standardOutput.write(output.data(using: .utf8)!)
