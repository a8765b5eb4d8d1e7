import ArgumentParser
import ClaimLint
import Foundation

/// `claimlint config [PATH]`: the configuration in force for a page or folder, and its files.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract:
            "Print the configuration in force for a file or folder (default: the current folder) and the .claimlint.yml files it came from, in order."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "A page or folder; per-path overrides are applied for a page only.")
    var path: String = "."

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup(title: "Rules")
    var ruleOptions: RuleOptions

    func run() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            Diagnostics.error("no such file or folder", path: path)
            throw ExitStatus.couldNotRun
        }
        let effective: EffectiveConfiguration
        do {
            effective = try EffectiveConfiguration.resolve(
                path, source: ruleOptions.source, isFolder: isFolder.boolValue)
        } catch let error as RulesError {
            Diagnostics.error(error)
            throw ExitStatus.couldNotRun
        }
        Terminal.write(format == .json ? effective.json() : effective.text())
    }
}
