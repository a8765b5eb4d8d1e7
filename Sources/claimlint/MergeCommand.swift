import ArgumentParser
import ClaimLint
import Foundation

/// `claimlint merge a.json b.json …`: the JSON reports of `--shard` jobs as the report one job
/// would have written, in any format, exiting as that job would have.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract:
            "Merge the JSON reports of `check --shard I/N` jobs into the report one job would have written, in any format."
    )

    @Argument(help: "The shard reports (JSON), in any order.")
    var shards: [String]

    @OptionGroup
    var reportOptions: ReportOptions<MergeCommand>

    /// The rules the shards were linted with, for the rule descriptions in SARIF and HTML.
    @OptionGroup(title: "Rules")
    var ruleOptions: RuleOptions

    func run() throws {
        guard !shards.isEmpty else { throw ValidationError("name the JSON reports to merge") }
        InterruptCleanup.install()
        let merged: LintReport
        do {
            let read = try shards.map { path throws(JSONReportReader.ReadError) in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw JSONReportReader.ReadError(path: path, reason: "cannot read this file")
                }
                return (path, try JSONReportReader.read(data, path: path))
            }
            merged = try JSONReportReader.merge(read)
        } catch {
            Diagnostics.error(error.reason, path: error.path)
            throw ExitStatus.couldNotRun
        }
        let ruleSet = try rulesToDescribe(merged)
        let targets = reportOptions.targets()
        targets.begin(
            RunStart(
                toolVersion: merged.toolVersion, rulesDigest: merged.rulesDigest, rules: ruleSet,
                usesBaseline: merged.baseline != nil), quiet: reportOptions.quiet)
        for file in merged.files { targets.file(file) }
        let totals = targets.end(errors: merged.errors, baselineStale: merged.baseline?.stale)
        let status = reportOptions.failOn.exitStatus(totals, reportsWritten: targets.allWritten)
        if status != ExitStatus.clean { throw status }
    }

    /// The rules the shards were judged by, found as `check` finds them (`--rules`, then the
    /// `.claimlint.yml` files beside the merged paths), for the formats that describe rules. Rules
    /// other than the shards' (another digest) are a note: the findings are the shards', only
    /// their descriptions may differ.
    private func rulesToDescribe(_ merged: LintReport) throws -> RuleSet {
        guard reportOptions.needRules else { return RuleSet() }
        let run = LintRun(paths: merged.files.map(\.path).filter { $0 != "-" }, ruleSource: ruleOptions.source)
        let prepared: LintRun.Prepared
        do {
            prepared = try run.prepare()
        } catch let error as RulesError {
            Diagnostics.error(error)
            throw ExitStatus.couldNotRun
        }
        if prepared.rulesDigest != merged.rulesDigest {
            Diagnostics.note(
                "the rules found here (digest \(prepared.rulesDigest.prefix(12))…) are not the ones that judged the shards (\(merged.rulesDigest.prefix(12))…); rule descriptions come from the rules found here"
            )
        }
        return prepared.rules
    }
}

extension MergeCommand: ReportDefaults {
    static let format = ReportFormat.json
    static let judged = "a merged finding"
}
