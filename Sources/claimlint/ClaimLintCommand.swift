import ArgumentParser

@main
struct ClaimLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimlint",
        abstract: "Lint health-clinic marketing Markdown for uncited claims, statistics and missing disclosures.",
        discussion: """
        Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on; \
        2 could not run (bad rules or configuration file, unreadable or invalid input); 64 usage error.
        """,
        version: "claimlint \(ClaimLintVersionString.value)",
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self, MergeCommand.self],
        defaultSubcommand: CheckCommand.self
    )
}
