import ArgumentParser
import ClaimLint
import Foundation

@main
struct ClaimLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimlint",
        abstract: "Lint health-clinic marketing Markdown for uncited claims, statistics and missing disclosures.",
        discussion: """
            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on; \
            2 could not run (bad rules or configuration file, unreadable or invalid input); 64 usage error. \
            Problems go to standard error as: claimlint: error: PATH[:LINE:COLUMN]: message.
            """,
        version: "claimlint \(ClaimLintVersionString.value)",
        subcommands: [
            CheckCommand.self, RulesCommand.self, ExplainCommand.self, ConfigCommand.self, InitCommand.self,
            MergeCommand.self, LSPCommand.self,
        ],
        defaultSubcommand: CheckCommand.self
    )

    /// ArgumentParser's own `main`, except that a usage error takes claimlint's one error form
    /// (`claimlint: error: message`, then the usage) instead of the parser's `Error: message`.
    static func main() {
        do {
            var command = try parseAsRoot(argumentsAsBytes())
            try command.run()
        } catch {
            let status = exitCode(for: error)
            let text = fullMessage(for: error)
            if status == .success {
                if !text.isEmpty { Terminal.write(text + "\n") }
            } else if !text.isEmpty {
                let located = text.hasPrefix("Error: ") ? "claimlint: error: " + text.dropFirst("Error: ".count) : text
                Terminal.writeError(located + "\n")
            }
            Foundation.exit(status.rawValue)
        }
    }

    /// The arguments as `FileName` holds them: `CommandLine.arguments` replaces bytes that are not
    /// UTF-8 with U+FFFD, so a file named `caf\xE9.md` could never be found again.
    static func argumentsAsBytes() -> [String] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return "" }
            return FileName.string(
                UnsafeBufferPointer(start: argument, count: strlen(argument)).lazy.map { UInt8(bitPattern: $0) })
        }
    }
}
