import ArgumentParser
import ClaimLint
import Foundation

/// `claimlint merge a.json b.json …`: the JSON reports of `--shard` jobs as the report one job would write.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the JSON reports of `check --shard I/N` jobs into the report one job would have written."
    )

    @Argument(help: "The shard reports (JSON), in any order.")
    var reports: [String]

    func run() throws {
        guard !reports.isEmpty else { throw ValidationError("name the JSON reports to merge") }
        do {
            let read = try reports.map { path throws(JSONReportReader.ReadError) in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw JSONReportReader.ReadError(path: path, reason: "cannot read this file")
                }
                return (path, try JSONReportReader.read(data, path: path))
            }
            Terminal.write(JSONReporter().render(try JSONReportReader.merge(read)))
        } catch {
            Diagnostics.error(error.reason, path: error.path)
            throw ExitStatus.couldNotRun
        }
    }
}
