import ArgumentParser
import ClaimLint
import Foundation

/// The options of every command that loads rules (check, rules, explain): one definition, so they
/// are spelled, documented and applied the same way everywhere, and one place (`RuleSource`) loads.
struct RuleOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A rules file that builds on the embedded defaults (its `extends` key: defaults, lexicons or none).",
            valueName: "file"))
    var rules: String?

    @Flag(help: "Ignore .claimlint.yml project files.")
    var noConfig = false

    var source: RuleSource { RuleSource(rulesFile: rules, useProjectConfiguration: !noConfig) }

    /// The rules in force for files in the current folder (what `check` applies to a page here).
    /// A bad rules or configuration file is reported, and the command exits 2.
    func rulesInForce() throws -> RuleSet {
        do {
            return try source.rules(inForceIn: FileManager.default.currentDirectoryPath)
        } catch let error as RulesError {
            Diagnostics.error(error)
            throw ExitStatus.couldNotRun
        }
    }
}
