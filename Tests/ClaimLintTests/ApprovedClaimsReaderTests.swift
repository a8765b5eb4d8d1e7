import Foundation
import Testing

@testable import ClaimLint

/// The approved-claims library's reader without Yams (`ApprovedClaimsFastReader`) reads what Yams
/// reads, locations included, and leaves to Yams every file outside its subset or with a mistake.
@Suite("Approved claims reader")
struct ApprovedClaimsReaderTests {
    /// A random library in the shapes people write: lists at any indentation, fields in any
    /// order, plain, single- and double-quoted values, comments, blank lines, both list forms of `paths`.
    static func library(using generator: inout some RandomNumberGenerator) -> String {
        func pick<T>(_ choices: [T]) -> T { choices.randomElement(using: &generator)! }
        let wordings = [
            "Our laser therapy may ease joint pain in some adults.", "Caf\u{E9} \u{2014} results vary; ask us.",
            "Sessions can reduce stress: see the study.", "Rated no#1 by 5 out of 10 reviewers",
            "It's \"gentle\" and 100% drug-free", "Acupuncture [as studied] may help {some} people with migraine",
        ]
        func value(_ text: String) -> String {
            var styles = [
                "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + "\"",
                "'" + text.replacingOccurrences(of: "'", with: "''") + "'",
            ]
            // Plain only where YAML reads it as the same text.
            if !text.contains(": "), !text.contains(" #"), !"\"'[{&*!|>%@`-?#".contains(text.first!) {
                styles.append(text)
            }
            var written = pick(styles)
            if text.unicodeScalars.contains(where: { $0.value > 0x7F }), written.hasPrefix("\""),
                Bool.random(using: &generator)
            {
                written = written.replacingOccurrences(of: "\u{E9}", with: "\\u00e9")
            }
            return written + pick(["", "", "   ", "  # a comment"])
        }
        let listIndent = pick([0, 2, 4])
        let dashGap = pick([1, 1, 3])
        let keyIndent = listIndent + 1 + dashGap
        var lines = pick([["# An approved-claims library", ""], []])
        let version = "version: \(pick(["1", "\"1\"", "1  # the format"]))"
        let claimsFirst = Bool.random(using: &generator)
        if !claimsFirst { lines.append(version) }
        lines.append(pick(["claims:", "claims:  # the entries"]))
        for number in 0..<Int.random(in: 1...6, using: &generator) {
            var fields: [[String]] = [
                ["id: \(value("entry-\(number)"))"],
                ["text: \(value(wordings[number % wordings.count] + " \(number)"))"],
                ["reference: \(value("Example J. 2020;\(number):1-9"))"], ["approved-by: \(value("Review board"))"],
                ["approved-on: \(value("2024-0\(number % 9 + 1)-1\(number % 10)"))"],
            ]
            if Bool.random(using: &generator) { fields.append(["expires: \(value("2031-12-31"))"]) }
            if Bool.random(using: &generator) {
                let globs = ["services/**", "blog/*.md", "a b/c"]
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: fields.append(["paths: []"])
                case 1:
                    fields.append([
                        "paths: [" + globs.map { pick(["\"\($0)\"", "'\($0)'", $0]) }.joined(separator: ", ") + "]"
                    ])
                default:
                    let itemIndent = pick([0, 2])
                    fields.append(
                        ["paths:" + pick(["", "  # where"])]
                            + globs.map { String(repeating: " ", count: itemIndent) + "- " + value($0) })
                }
            }
            fields.shuffle(using: &generator)
            for (position, field) in fields.enumerated() {
                let lead =
                    position == 0
                    ? String(repeating: " ", count: listIndent) + "-" + String(repeating: " ", count: dashGap)
                    : String(repeating: " ", count: keyIndent)
                lines.append(lead + field[0])
                lines += field.dropFirst().map { String(repeating: " ", count: keyIndent) + $0 }
                if Int.random(in: 0..<6, using: &generator) == 0 { lines.append(pick(["", "    # between fields"])) }
            }
        }
        if claimsFirst { lines.append(version) }
        return lines.joined(separator: "\n") + pick(["\n", "", "\n\n"])
    }

    @Test("it reads random libraries in the usual shapes exactly as Yams does")
    func agreesWithYams() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let yaml = Self.library(using: &generator)
            let fast = ApprovedClaimsFastReader.read(yaml, file: "approved.yml")
            let yams = try ApprovedClaims.yamsEntries(yaml: yaml, file: "approved.yml")
            #expect(fast != nil, "left to Yams:\n\(yaml)")
            #expect(fast == nil || fast == yams, "\(yaml)")
        }
    }

    static let entry = "  - id: a\n    text: Our therapy may help.\n    reference: r\n    approved-by: b\n"

    /// Files outside the subset, valid or not; each must be read by Yams.
    static let leftToYams: [String] = [
        "version: 1\nclaims:\n\(entry)    approved-on: &day 2024-02-01\n",
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-01\n    expires: *day\n",
        "version: 1\nclaims:\n  - id: a\n    text: |\n      Our therapy may help.\n    reference: r\n    approved-by: b\n    approved-on: 2024-02-01\n",
        "version: 1\nclaims:\n  - id: a\n    text: Our therapy\n      may help.\n    reference: r\n    approved-by: b\n    approved-on: 2024-02-01\n",
        "version: 1\r\nclaims:\r\n  - id: a\r\n    text: x\r\n    reference: r\r\n    approved-by: b\r\n    approved-on: 2024-02-01\r\n",
        "---\nversion: 1\nclaims:\n\(entry)    approved-on: 2024-02-01\n",
        "version: 1\nclaims:\n\(entry)    \"approved-on\": 2024-02-01\n",
        "version: 1\nclaims:\n\(entry)    approved-on: !!str 2024-02-01\n",
        "version: 1\nclaims:\n  - {id: a, text: x, reference: r, approved-by: b, approved-on: 2024-02-01}\n",
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-01\n    paths: services/**\n",
        "version: 1\nclaims:\n\(entry)    approved-on: \"2024-02-01\\x41\"\n",
        "version: 1\nclaims:\n\(entry)    approved-on: \"2024-02-01\\u+041\"\n",
        "version: 1\nclaims:\n\(entry)\tapproved-on: 2024-02-01\n",
        // Mistakes: Yams gives their file:line:column.
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-30\n",
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-01\n    owner: me\n",
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-01\n\(entry)    approved-on: 2024-02-01\n",
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-01\n    approved-on: 2024-02-02\n",
        "version: 2\nclaims:\n\(entry)    approved-on: 2024-02-01\n",
        "version: 1\nclaims: []\n",
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-01\n    expires: 2023-01-01\n",
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-01\n    paths: [\"\"]\n",
        "version: 1\nclaims:\n  - id: a\n    text: \"...\"\n    reference: r\n    approved-by: b\n    approved-on: 2024-02-01\n",
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-01\n   reference: r\n",
        "version: 1\nclaims:\n\(entry)    approved-on: 2024-02-01 # \u{85}\n",
    ]

    @Test("anything outside its subset, and any mistake, is left to Yams", arguments: leftToYams)
    func leavesToYams(_ yaml: String) {
        #expect(ApprovedClaimsFastReader.read(yaml, file: "approved.yml") == nil)
        // What Yams reads (or rejects) is what loading gives.
        let loaded = Result { try ApprovedClaims.load(yaml: yaml, file: "approved.yml").entries }
        let yams = Result { try ApprovedClaims.yamsEntries(yaml: yaml, file: "approved.yml") }
        switch (loaded, yams) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)")
        default: Issue.record("load and Yams disagree: \(loaded) vs \(yams)")
        }
    }
}
