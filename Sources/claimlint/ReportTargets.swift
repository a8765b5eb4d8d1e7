import ArgumentParser
import ClaimLint
import Foundation

/// The reports one run writes: the `--format` report on standard output and each `--report`
/// file, all fed the same `begin`/`file`/`end` calls as the run goes. `check` feeds it as files
/// finish linting and `merge` as it reads the shards, so both write every format one way and
/// count the totals their exit status comes from one way.
final class ReportTargets {
    private struct Target {
        var format: ReportFormat
        var reporter: any Reporter
        var output: ReportOutput
        /// Nil for standard output.
        var file: ReportFile?
        var request: ReportRequest?
        var failed = false
    }

    private var targets: [Target] = []
    private let requests: [ReportRequest]
    private let workingDirectory: String
    /// The counts over every file so far.
    private(set) var totals = RunTotals()
    /// False once a report could not be written (already said on standard error).
    private(set) var allWritten = true

    init(format: ReportFormat, color: Bool, quiet: Bool, requests: [ReportRequest]) {
        workingDirectory = FileManager.default.currentDirectoryPath
        self.requests = requests
        let standardOutput = ReportOutput { Terminal.write(bytes: $0) }
        targets.append(
            Target(
                format: format,
                reporter: format.reporter(color: color, quiet: quiet, workingDirectory: workingDirectory),
                output: standardOutput))
    }

    /// Whether any report shows the inputs' SHA-256 (the text report alone does not, and a run for
    /// it alone skips computing them).
    static func needDigests(format: ReportFormat, requests: [ReportRequest]) -> Bool {
        format.showsDigests || requests.contains { $0.format.showsDigests }
    }

    /// Whether any report describes the rules (SARIF, HTML), so `merge` must know them.
    static func needRules(format: ReportFormat, requests: [ReportRequest]) -> Bool {
        ([format] + requests.map(\.format)).contains { $0 == .sarif || $0 == .html }
    }

    /// Opens the report files (a file that cannot be made is reported and skipped) and starts every report.
    func begin(_ start: RunStart, quiet: Bool) {
        var start = start
        if targets.contains(where: { $0.format == .html }) || requests.contains(where: { $0.format == .html }) {
            // Only the HTML report's run record shows when and from which commit.
            start.date = RunStamp.date()
            start.commit = RunStamp.commit()
        }
        for request in requests {
            do {
                let file = try ReportFile(creating: request.path)
                let output = ReportOutput { try file.write($0) }
                targets.append(
                    Target(
                        format: request.format,
                        reporter: request.format.reporter(quiet: quiet, workingDirectory: workingDirectory),
                        output: output, file: file, request: request))
            } catch {
                fail(request.format.rawValue, path: error.path, reason: error.reason)
            }
        }
        each { try $0.reporter.begin(start, to: $0.output) }
    }

    func file(_ file: FileReport) {
        totals.add(file)
        each { try $0.reporter.file(file, to: $0.output) }
    }

    /// Ends every report and puts the report files in place; returns the run's totals.
    /// `baselineStale` is the number of baseline entries nothing matched, when a baseline judged the run.
    func end(errors: [String], baselineStale: Int? = nil) -> RunTotals {
        totals.pathErrors = errors.count
        totals.baselineStale = baselineStale
        let end = RunEnd(errors: errors, totals: totals)
        each { target in
            try target.reporter.end(end, to: target.output)
            try target.output.finish()
            try target.file?.commit()
        }
        return totals
    }

    /// Runs `body` on every report still being written; one that fails is reported once and dropped.
    private func each(_ body: (Target) throws -> Void) {
        for index in targets.indices where !targets[index].failed {
            do {
                try body(targets[index])
            } catch {
                targets[index].failed = true
                targets[index].file?.discard()
                let reason = (error as? ReportFile.WriteError)?.reason ?? "\(error)"
                fail(targets[index].format.rawValue, path: targets[index].request?.path, reason: reason)
            }
        }
    }

    private func fail(_ format: String, path: String?, reason: String) {
        Diagnostics.error("cannot write the \(format) report: \(reason)", path: path ?? "standard output")
        allWritten = false
    }
}

/// `--fail-on`, shared by `check` and `merge`.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    /// The exit status of a run with these totals: 2 when an input was not linted or a report
    /// not written, 1 when a finding is at or above the threshold, else 0.
    func exitStatus(_ totals: RunTotals, reportsWritten: Bool) -> ExitCode {
        if totals.notLinted > 0 || !reportsWritten { return ExitStatus.couldNotRun }
        if let threshold = Severity(rawValue: rawValue), let worst = totals.worst, worst >= threshold {
            return ExitStatus.findings
        }
        return ExitStatus.clean
    }
}
