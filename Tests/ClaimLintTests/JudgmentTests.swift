import Foundation
import Testing

@testable import ClaimLint

/// Guards claimlint's judgment on the project's own labelled pages (Fixtures/judgment, our own
/// writing; see its README): every mechanism a reviewer applies (context, negation and hedging,
/// claim grammar, statistics versus numbers, citation scope, disclosure triggers) has labelled
/// sentences both ways there. Scored as ../shared/eval/score.py scores: a claim or statistic
/// finding is true when its range overlaps an uncited labelled sentence.
@Suite("Judgment on our labelled pages")
struct JudgmentTests {
    static let corpus = TestSupport.fixtures.appendingPathComponent("judgment")

    struct Label {
        var doc: String
        var text: String
        var kinds: [String]
        var cited: Bool
        var borderline: Bool
    }

    struct Scores {
        var recall: Double
        var precision: Double
        var statisticRecall: Double
        var disclosureRecall: Double
        var falseDisclosureAlarms: Int
        var missed: [String]
        var falseAlarms: [String]
    }

    static func jsonLines(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Lints the pages as a user would (with the corpus's .claimlint.yml) and scores the findings.
    static func score() throws -> Scores {
        let labels = try jsonLines("labels.jsonl").map {
            Label(
                doc: $0["doc"] as! String, text: $0["text"] as! String, kinds: $0["kinds"] as! [String],
                cited: $0["cited"] as! Bool, borderline: ($0["why"] as? String ?? "").hasPrefix("borderline:"))
        }
        let report = try LintRun(paths: [corpus.appendingPathComponent("docs").path]).run()
        var hit: Set<Int> = []
        var statisticHit: Set<Int> = []
        var truePositives = 0
        var falseAlarms: [String] = []
        for file in report.files {
            let doc = (file.path as NSString).lastPathComponent
            let text = try String(contentsOfFile: file.path, encoding: .utf8)
            let scalars = Array(text.unicodeScalars)
            var lineStarts = [0]
            for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
            func offset(_ position: SourcePosition) -> Int { lineStarts[position.line - 1] + position.column - 1 }
            let spans: [(Int, Range<Int>)] = labels.enumerated().compactMap { index, label in
                guard label.doc == doc, let range = text.range(of: label.text) else { return nil }
                let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
                return (index, start..<(start + label.text.unicodeScalars.count))
            }
            var seen: Set<String> = []
            for finding in file.findings where finding.kind == .claim || finding.kind == .statistic {
                let start = offset(finding.range.start)
                let span = start..<max(offset(finding.range.end), start + 1)
                guard seen.insert("\(span)\(finding.kind)").inserted else { continue }
                let uncited = spans.filter { $0.1.overlaps(span) && !labels[$0.0].cited }.map(\.0)
                if uncited.isEmpty {
                    falseAlarms.append("\(doc): \(finding.matchedText) [\(finding.ruleID)]")
                } else {
                    truePositives += 1
                    hit.formUnion(uncited)
                    if finding.kind == .statistic {
                        statisticHit.formUnion(uncited.filter { labels[$0].kinds.contains("statistic") })
                    }
                }
            }
        }
        let strict = labels.indices.filter { !labels[$0].cited && !labels[$0].borderline }
        let statistics = strict.filter { labels[$0].kinds.contains("statistic") }

        var wanted = 0
        var flagged = 0
        var wrong = 0
        for row in try jsonLines("disclaimers.jsonl") {
            let doc = row["doc"] as! String
            let names = report.files.filter { ($0.path as NSString).lastPathComponent == doc }
                .flatMap(\.findings).filter { $0.kind == .disclosure }.map {
                    ($0.ruleID + " " + $0.category).lowercased()
                }.joined(separator: " ")
            for (key, word) in [("off_label_disclosure", "off-label"), ("crisis_line", "crisis")] {
                let found = names.contains(word)
                if row["needs_" + key] as? Bool == true, row["has_" + key] as? Bool != true {
                    wanted += 1
                    if found { flagged += 1 }
                } else if found, row["needs_" + key] as? Bool != true {
                    wrong += 1
                }
            }
        }
        return Scores(
            recall: Double(strict.count { hit.contains($0) }) / Double(max(1, strict.count)),
            precision: Double(truePositives) / Double(max(1, truePositives + falseAlarms.count)),
            statisticRecall: Double(statistics.count { statisticHit.contains($0) }) / Double(max(1, statistics.count)),
            disclosureRecall: Double(flagged) / Double(max(1, wanted)),
            falseDisclosureAlarms: wrong,
            missed: strict.filter { !hit.contains($0) }.map { "\(labels[$0].doc): \(labels[$0].text)" },
            falseAlarms: falseAlarms
        )
    }

    @Test("recall, precision and disclosures stay at or above their measured level")
    func judgmentHolds() throws {
        let scores = try Self.score()
        // Measured 1.000 / 1.000 / 0.952 / 1.000 when this guard was written; the bounds leave room for one or two misses.
        #expect(scores.recall >= 0.96, "missed: \(scores.missed)")
        #expect(scores.precision >= 0.97, "false alarms: \(scores.falseAlarms)")
        #expect(scores.statisticRecall >= 0.90, "missed: \(scores.missed)")
        #expect(scores.disclosureRecall == 1.0)
        #expect(scores.falseDisclosureAlarms == 0)
    }
}
