import Foundation
import Testing

@testable import ClaimLint

/// check, rules and explain share `--rules` and `--no-config` and load rules in one place, so they
/// agree about which rules are in force for the same folder and options.
@Suite("Rule options shared by check, rules and explain")
struct RuleOptionsTests {
    private static func project(_ configuration: String) throws -> URL {
        let folder = try TestSupport.temporaryFolder()
        try configuration.write(to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        try "Our clinic offers the best care in town for knee pain.\n".write(
            to: folder.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("rules lists the folder's .claimlint.yml: a disabled rule as disabled, a changed severity with its old one")
    func rulesFollowsTheProjectFile() throws {
        let folder = try Self.project("version: 1\ndisable: [superlative]\nseverity: {efficacy: error}\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let withConfig = try TestSupport.run(["rules"], in: folder)
        #expect(withConfig.status == 0, "\(withConfig.stderr)")
        let lines = withConfig.stdout.split(separator: "\n")
        let superlative = try #require(lines.first { $0.hasPrefix("superlative ") })
        #expect(superlative.contains(" disabled "), "\(superlative)")
        let efficacy = try #require(lines.first { $0.hasPrefix("efficacy ") })
        #expect(efficacy.contains(" error (was warning) "), "\(efficacy)")
        let file = folder.appendingPathComponent(".claimlint.yml").standardizedFileURL.path
        #expect(withConfig.stdout.contains("  superlative: disabled at \(file):2:11\n"), "\(withConfig.stdout)")
        #expect(withConfig.stdout.contains("  efficacy: severity error at \(file):3:12\n"), "\(withConfig.stdout)")
        let withoutConfig = try TestSupport.run(["rules", "--no-config"], in: folder)
        let plain = try #require(withoutConfig.stdout.split(separator: "\n").first { $0.hasPrefix("superlative ") })
        #expect(!plain.contains("disabled"))
        #expect(!withoutConfig.stdout.contains("changed by the project configuration"))
    }

    @Test("rules lists the rules in force first, then those the project file disabled in a section of their own")
    func rulesListsDisabledLast() throws {
        // A rules file of its own (not the defaults), so that the golden moves only with this command's output.
        func rule(_ id: String, _ severity: String, _ word: String) -> String {
            """
              - id: \(id)
                kind: claim
                category: efficacy
                severity: \(severity)
                message: House style avoids "\(word)".
                fix: Say what the treatment does instead.
                source: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
                phrases: [\(word)]
                citation: none
                examples:
                  trigger: ["A \(word) for your skin."]
                  pass: ["A facial for your skin."]

            """
        }
        let folder = try Self.project(
            "version: 1\ndisable: [house-alpha, house-gamma]\nseverity: {house-delta: error}\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules =
            "version: 1\nextends: none\nrules:\n" + rule("house-alpha", "warning", "marvel")
            + rule("house-beta", "warning", "wonder") + rule("house-gamma", "info", "sensation")
            + rule("house-delta", "warning", "phenomenon")
        try rules.write(to: folder.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        let listed = try TestSupport.run(["rules", "--rules", "rules.yml"], in: folder)
        #expect(listed.status == 0, "\(listed.stderr)")
        let file = folder.appendingPathComponent(".claimlint.yml").standardizedFileURL.path
        try TestSupport.assertGolden(listed.stdout.replacingOccurrences(of: file, with: "CONFIG"), "rules.txt")
    }

    @Test("explain sees the same rules as check: a disabled rule says so, --no-config does not")
    func explainFollowsTheProjectFile() throws {
        let folder = try Self.project("version: 1\ndisable: [superlative]\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let disabled = try TestSupport.run(["explain", "superlative"], in: folder)
        #expect(disabled.status == 0, "\(disabled.stderr)")
        #expect(
            disabled.stdout.contains("Disabled here by the project configuration (disabled at "), "\(disabled.stdout)")
        let explained = try TestSupport.run(["explain", "superlative", "--no-config"], in: folder)
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("superlative"))
        #expect(!explained.stdout.contains("Disabled here"))
    }

    @Test(
        "a bad project file stops check, rules and explain alike: exit 2, claimlint: error: PATH:LINE:COLUMN: message",
        arguments: [
            ["check", "page.md"], ["rules"], ["explain", "efficacy"],
        ])
    func badProjectFile(_ arguments: [String]) throws {
        let folder = try Self.project("version: 1\ndisable: [no-such-rule]\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try TestSupport.run(arguments, in: folder)
        #expect(output.status == 2)
        let file = folder.appendingPathComponent(".claimlint.yml").standardizedFileURL.path
        #expect(
            output.stderr == "claimlint: error: \(file):2:11: disable: no rule has the id 'no-such-rule'\n",
            "\(output.stderr)")
    }

    @Test(
        "every command that loads rules lists --rules and --no-config in its help",
        arguments: ["check", "rules", "explain"])
    func sharedOptionsInHelp(_ command: String) throws {
        let help = try TestSupport.run(["help", command]).stdout
        #expect(help.contains("--rules <file>"))
        #expect(help.contains("--no-config"))
    }

    @Test("RuleSource: the base rules are the defaults, or the --rules file")
    func ruleSourceBase() throws {
        let defaults = try RuleSource().baseRules()
        #expect(defaults.rule(withID: "superlative") != nil)
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rules.yml")
        // A --rules file builds on the defaults unless it says `extends: none`.
        try "version: 1\nrules: []\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try RuleSource(rulesFile: file.path).baseRules().rules.map(\.id) == defaults.rules.map(\.id))
        try "version: 1\nextends: none\nrules: []\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try RuleSource(rulesFile: file.path).baseRules().rules.isEmpty)
        #expect(
            throws: RulesError(file: folder.appendingPathComponent("none.yml").path, message: "cannot read this file")
        ) {
            try RuleSource(rulesFile: folder.appendingPathComponent("none.yml").path).baseRules()
        }
    }
}
