import Foundation
import Testing

@testable import ClaimLint

/// The README and docs/ must match the tool: every `claimlint …` line in their fenced blocks runs
/// against the built binary (placeholders filled in) and exits as the exit-code table says; every
/// option `claimlint help COMMAND` lists is documented; the README's rule example works as shown;
/// and `claimlint explain` cites nothing a user does not have.
@Suite("Documentation matches the tool")
struct DocumentationTests {
    static let documents: [URL] = {
        let docs = TestSupport.packageRoot.appendingPathComponent("docs")
        let pages = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        return [TestSupport.packageRoot.appendingPathComponent("README.md")]
            + pages.filter { $0.hasSuffix(".md") }.sorted().map { docs.appendingPathComponent($0) }
    }()

    static let subcommands: Set<String> = ["check", "rules", "explain", "merge", "config", "init", "help"]

    struct DocumentedCommand: CustomTestStringConvertible, Sendable {
        var file: String
        var line: Int
        var text: String
        /// The line's `# comment`, which may state the exit code ("exits 0").
        var comment = ""
        var testDescription: String { "\(file):\(line): \(text)" }
    }

    /// Every command line in a fenced block that runs claimlint (directly, or after `swift run …`),
    /// with `\` continuations joined and a trailing `# comment` dropped.
    static func documentedCommands() throws -> [DocumentedCommand] {
        var found: [DocumentedCommand] = []
        for document in documents {
            let name = document.lastPathComponent == "README.md" ? "README.md" : "docs/" + document.lastPathComponent
            let lines = try String(contentsOf: document, encoding: .utf8).components(separatedBy: "\n")
            var inFence = false
            var index = 0
            while index < lines.count {
                let start = index
                var line = lines[index]
                index += 1
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    inFence.toggle()
                    continue
                }
                guard inFence else { continue }
                while line.hasSuffix("\\"), index < lines.count {
                    line = String(line.dropLast()) + " " + lines[index].trimmingCharacters(in: .whitespaces)
                    index += 1
                }
                if let command = claimlintCommand(in: line) {
                    let comment = line.range(of: " #").map { String(line[$0.upperBound...]) } ?? ""
                    found.append(DocumentedCommand(file: name, line: start + 1, text: command, comment: comment))
                }
            }
        }
        return found
    }

    /// From the last `claimlint` word followed by a subcommand, to the end of the line or a `#` comment.
    static func claimlintCommand(in line: String) -> String? {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard
            let at = words.lastIndex(where: {
                $0 == "claimlint" || $0.hasSuffix("/claimlint") || $0.hasSuffix("/claimlint\"")
            }),
            at + 1 < words.count, subcommands.contains(words[at + 1])
        else { return nil }
        var kept: [String] = ["claimlint"]
        for word in words[(at + 1)...] {
            if word.hasPrefix("#") { break }
            kept.append(word)
        }
        return kept.joined(separator: " ")
    }

    /// The command's arguments with the synopsis' placeholders filled in: optional `[…]` groups left
    /// out, PATH and the docs' example folders as the sample pages, RULE-ID as a real rule.
    static func arguments(_ command: String) -> [String] {
        var text = ""
        var depth = 0
        for character in command {
            if character == "[" {
                depth += 1
                continue
            }
            if character == "]" {
                depth -= 1
                continue
            }
            if depth == 0 { text.append(character) }
        }
        let fills = [
            "PATH": "Samples", "RULE-ID": "efficacy", "ID": "efficacy", "FILE": "rules.yml",
            "SHARD.json": "shard-1.json", "...": "shard-2.json",
        ]
        var words = shellWords(text).dropFirst().map { fills[$0] ?? $0 }
        if words.first != "merge" { words.removeAll { $0 == "shard-2.json" } }
        return words
    }

    /// Splits a command line as a shell would for these simple cases: spaces, and '…' or "…" quoting.
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// A folder laid out as the docs' examples expect: the sample pages as Samples/, site/ and
    /// content/, a rules file, and two shard reports for `merge`.
    static func exampleFolder() throws -> URL {
        let folder = try TestSupport.temporaryFolder()
        let samples = TestSupport.packageRoot.appendingPathComponent("Samples")
        for name in ["Samples", "site", "content"] {
            try FileManager.default.copyItem(at: samples, to: folder.appendingPathComponent(name))
        }
        try "version: 1\nrules: []\n".write(
            to: folder.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        // A baseline of content/ as it is, for the docs' `--baseline` examples.
        _ = try TestSupport.run(
            ["check", "content", "--no-config", "--quiet", "--write-baseline", "claimlint-baseline.json"], in: folder)
        for shard in 1...2 {
            let output = try TestSupport.run(
                ["check", "Samples", "--no-config", "--format", "json", "--shard", "\(shard)/2", "--fail-on", "never"],
                in: folder)
            try output.stdout.write(
                to: folder.appendingPathComponent("shard-\(shard).json"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test("the README and docs/ show claimlint commands in fenced blocks (the extraction finds them)")
    func commandsAreFound() throws {
        let commands = try Self.documentedCommands()
        for subcommand in ["check", "rules", "explain", "merge", "config", "init"] {
            #expect(
                commands.contains { Self.arguments($0.text).first == subcommand },
                "no documented `claimlint \(subcommand)` line")
        }
    }

    @Test(
        "every claimlint line in the docs' fenced blocks runs and exits as documented",
        arguments: try documentedCommands())
    func documentedCommandRuns(_ command: DocumentedCommand) throws {
        let folder = try Self.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = Self.arguments(command.text)
        let output = try TestSupport.run(arguments, in: folder)
        // What the line's comment says ("exits 0"), else the exit-code table: 1 when a finding is
        // at or above --fail-on (the sample pages have errors; `merge` exits as the one job would),
        // 0 for commands that report on rules, with --fail-on never, or against a baseline that
        // records every finding.
        let failOn = arguments.firstIndex(of: "--fail-on").map { arguments[$0 + 1] } ?? "error"
        let stated = try Regex(#"\bexits (\d+)\b"#).firstMatch(in: command.comment).flatMap {
            Int32($0.output[1].substring ?? "")
        }
        let baselined = arguments.contains("--baseline")
        let expected: Int32 =
            stated ?? (["check", "merge"].contains(arguments.first) && failOn != "never" && !baselined ? 1 : 0)
        #expect(
            output.status == expected,
            "\(command.testDescription) → claimlint \(arguments.joined(separator: " ")): exit \(output.status), stderr: \(output.stderr.prefix(400))"
        )
        #expect(!output.stdout.isEmpty || arguments.contains("--report"))
    }

    @Test(
        "every option `claimlint help COMMAND` lists is documented in the README or docs/",
        arguments: ["check", "rules", "explain", "merge", "config", "init"])
    func everyOptionDocumented(_ subcommand: String) throws {
        let help = try TestSupport.run(["help", subcommand])
        #expect(help.status == 0)
        let documentation = try Self.documents.map { try String(contentsOf: $0, encoding: .utf8) }.joined(
            separator: "\n")
        let options = Set(
            help.stdout.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).filter {
                $0.hasPrefix("--") && $0.count > 2
            }.map(String.init))
        #expect(options.contains("--help"))
        for option in options.sorted() {
            // The option as a whole word: `--color` is not documented by `--no-color`.
            let word = try NSRegularExpression(pattern: "(?<![A-Za-z0-9-])\(option)(?![A-Za-z0-9-])")
            let range = NSRange(documentation.startIndex..., in: documentation)
            #expect(
                word.firstMatch(in: documentation, range: range) != nil,
                "claimlint \(subcommand) \(option) is not documented")
        }
    }

    @Test(
        "the README's rule example, used as a --rules file, triggers on its trigger example and not on its pass example"
    )
    func readmeRuleExampleWorks() throws {
        let readme = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Writing a rule"))
        let after = readme[section.upperBound...]
        let open = try #require(after.range(of: "```yaml\n"))
        let close = try #require(after[open.upperBound...].range(of: "```"))
        let yaml = String(after[open.upperBound..<close.lowerBound])
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try yaml.write(to: folder.appendingPathComponent("my-rules.yml"), atomically: true, encoding: .utf8)
        let set = try RulesLoader.load(yaml: yaml, file: "README.md")
        let rule = try #require(set.rules.first)
        try rule.examples.trigger.joined(separator: "\n\n").write(
            to: folder.appendingPathComponent("trigger.md"), atomically: true, encoding: .utf8)
        try rule.examples.pass.joined(separator: "\n\n").write(
            to: folder.appendingPathComponent("pass.md"), atomically: true, encoding: .utf8)
        let triggered = try TestSupport.run(
            ["check", "--no-config", "--rules", "my-rules.yml", "--fail-on", "info", "trigger.md"], in: folder)
        #expect(triggered.status == 1, "\(triggered.stdout)\(triggered.stderr)")
        #expect(triggered.stdout.contains("[\(rule.id)]"))
        let passed = try TestSupport.run(
            ["check", "--no-config", "--rules", "my-rules.yml", "--fail-on", "info", "pass.md"], in: folder)
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
    }

    @Test("claimlint explain cites only what a user has: no references to the project's private material")
    func explanationsCiteNothingPrivate() throws {
        for rule in try RulesLoader.defaultRules().rules {
            let text = RuleExplanation.render(rule)
            for private_ in ["domain reference", "domain.md", "§", "../shared", "C9"] {
                #expect(!text.contains(private_), "explain \(rule.id) mentions \(private_)")
            }
        }
    }

    @Test("the README documents the one error format and the exit codes")
    func errorFormatDocumented() throws {
        let readme = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("claimlint: error: PATH[:LINE:COLUMN]: message"))
        for code in ["| 0 |", "| 1 |", "| 2 |", "| 64 |"] { #expect(readme.contains(code)) }
    }
}
