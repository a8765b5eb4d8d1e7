import Foundation
import Testing

@testable import ClaimLint

/// Large sites: `--shard I/N` slices, `claimlint merge` puts the slices back together exactly,
/// and Ctrl-C never leaves half a report behind.
@Suite("Shards and interrupts")
struct ShardAndInterruptTests {
    private func check(_ arguments: [String]) throws -> String {
        let output = try TestSupport.run(
            ["check", "--no-config", "--format", "json", "--fail-on", "never"] + arguments)
        #expect(output.status == 0, "\(output.stderr)")
        return output.stdout
    }

    @Test("the shards' reports, merged in any order, are byte for byte the report of one job")
    func shardsMergeToOneReport() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try check(["Samples", "Tests/ClaimLintTests/Fixtures/judgment/docs"])
        var paths: [String] = []
        var sliced: [String] = []
        for index in 1...3 {
            let text = try check(["--shard", "\(index)/3", "Samples", "Tests/ClaimLintTests/Fixtures/judgment/docs"])
            let url = folder.appendingPathComponent("shard-\(index).json")
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            sliced += ((report["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
        }
        // Every file in exactly one shard.
        #expect(sliced.count == Set(sliced).count)
        #expect(sliced.count == 17)
        let merged = try TestSupport.run(["merge", "--fail-on", "never", paths[2], paths[0], paths[1]])
        #expect(merged.status == 0)
        #expect(merged.stdout == whole)
    }

    static let shardedPaths = ["Samples", "Tests/ClaimLintTests/Fixtures/judgment/docs"]

    /// The JSON reports of `check --shard I/3` over `shardedPaths`, written to `folder`.
    private func shardReports(in folder: URL) throws -> [String] {
        try (1...3).map { index in
            let url = folder.appendingPathComponent("shard-\(index).json")
            try check(["--shard", "\(index)/3"] + Self.shardedPaths).write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
    }

    @Test(
        "merge --format F of three shards is one job's F report, on standard output and in --report files",
        arguments: ReportFormat.allCases)
    func mergeWritesEveryFormat(_ format: ReportFormat) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shards = try shardReports(in: folder)
        // The JSON report keeps no source lines, so a merged text report is compared without them.
        let options = ["--format", format.rawValue, "--fail-on", "never"] + (format == .text ? ["--quiet"] : [])
        // The HTML run record's date is fixed by SOURCE_DATE_EPOCH, as a reproducible build would.
        let stamped = { (arguments: [String]) in
            try TestSupport.runProgram(
                "/usr/bin/env", ["SOURCE_DATE_EPOCH=1767322800", TestSupport.binary.path] + arguments)
        }
        let whole = try stamped(["check", "--no-config"] + options + Self.shardedPaths)
        #expect(whole.status == 0, "\(whole.stderr)")
        let file = folder.appendingPathComponent("merged.\(format.rawValue)")
        let merged = try stamped(
            ["merge", "--no-config"] + options + [
                "--report", "\(format.rawValue)=\(file.path)", shards[1], shards[2], shards[0],
            ])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
        #expect(try String(contentsOf: file, encoding: .utf8) == whole.stdout)
    }

    @Test("merge exits by --fail-on over the merged findings, as the one job would")
    func mergeExitsByFailOn() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shards = try shardReports(in: folder)
        for failOn in ["error", "warning", "info", "never"] {
            let whole = try TestSupport.run(
                ["check", "--no-config", "--format", "json", "--fail-on", failOn] + Self.shardedPaths)
            let merged = try TestSupport.run(["merge", "--fail-on", failOn] + shards)
            #expect(merged.status == whole.status, "--fail-on \(failOn)")
        }
        #expect(try TestSupport.run(["merge"] + shards).status == 1)
    }

    @Test("merge refuses a missing shard or reports judged by different rules")
    func mergeRefusesMismatches() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("1.json")
        try check(["--shard", "1/2", "Samples"]).write(to: first, atomically: true, encoding: .utf8)
        let missing = try TestSupport.run(["merge", first.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("expected every shard of 2"))
        let other = folder.appendingPathComponent("2.json")
        let rules = folder.appendingPathComponent("rules.yml")
        try "version: 1\nrules: []\n".write(to: rules, atomically: true, encoding: .utf8)
        try check(["--shard", "2/2", "--rules", rules.path, "Samples"]).write(
            to: other, atomically: true, encoding: .utf8)
        let mixed = try TestSupport.run(["merge", first.path, other.path])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("judged by different rules"))
        #expect(try TestSupport.run(["check", "--shard", "3/2", "Samples"]).status == 64)
    }

    @Test(
        "Ctrl-C at any moment leaves no temporary or partial report file", .needsShared("bench/make-corpus.py"),
        .needsPython("sys"))
    func interruptLeavesNoPartialReport() throws {
        let generator = TestMaterial.shared("bench/make-corpus.py")
        try #require(FileManager.default.fileExists(atPath: generator.path))
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["python3", generator.path, corpus.path, "--mb", "1", "--seed", "2"]
        make.standardOutput = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        try #require(make.terminationStatus == 0, "the corpus generator failed")
        // SIGINT at three moments, SIGHUP and SIGTERM once each (issue 10, item 5: SIGHUP cleans up as SIGINT),
        // each that long after the run opened its reports.
        let signals: [(name: String, number: Int32, delay: Double)] = [
            ("SIGINT", SIGINT, 0.05), ("SIGINT", SIGINT, 0.3), ("SIGINT", SIGINT, 1.0), ("SIGHUP", SIGHUP, 0.3),
            ("SIGTERM", SIGTERM, 0.3),
        ]
        var interrupted = 0
        for (attempt, sent) in signals.enumerated() {
            let (name, delay) = (sent.name, sent.delay)
            let out = folder.appendingPathComponent("out-\(attempt)")
            let process = Process()
            process.executableURL = TestSupport.binary
            process.arguments = [
                "check", "--no-config", "--quiet", "--fail-on", "never", "--report", "json=\(out.path)/report.json",
                "--report", "html=\(out.path)/review.html", corpus.path,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try Self.runWithSignalsUnblocked(process, [SIGINT, SIGHUP, SIGTERM])
            // The report folder is made when the reports are opened, after the handlers are installed:
            // a signal before that would meet the default action, which proves nothing.
            let opened = Date().addingTimeInterval(20)
            while process.isRunning, !FileManager.default.fileExists(atPath: out.path), Date() < opened {
                Thread.sleep(forTimeInterval: 0.005)
            }
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, sent.number)
            process.waitUntilExit()
            // The temporaries are `.report.json.XXXXXX` beside the reports (mkstemp): only the
            // finished reports themselves may be left.
            let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
            #expect(
                left.allSatisfy { ["report.json", "review.html"].contains($0) },
                "temporary files left after \(name) at \(delay) s: \(left)")
            if left.contains("report.json") {
                let data = try Data(contentsOf: out.appendingPathComponent("report.json"))
                #expect(
                    (try? JSONSerialization.jsonObject(with: data)) != nil,
                    "report.json is incomplete after \(name) at \(delay) s")
            }
            let exited = process.terminationReason == .exit
            if exited, process.terminationStatus == 128 + sent.number { interrupted += 1 }
            #expect(
                exited && (process.terminationStatus == 128 + sent.number || process.terminationStatus == 0),
                "\(exited ? "exit" : "killed by signal") \(process.terminationStatus) after \(name) at \(delay) s"
            )
        }
        // Runs that all ended on their own would have tested no signal at all.
        #expect(interrupted > 0, "no run was interrupted: the signals never reached claimlint")
    }

    /// Starts `process` with these signals unblocked. A child inherits the signal mask of the thread
    /// that starts it, and the test runner's threads block SIGINT, SIGHUP and SIGTERM: started as it
    /// is, claimlint would hold every signal sent to it pending, run to its end and exit 0, so the
    /// interrupt test would pass whatever claimlint did with the signals.
    static func runWithSignalsUnblocked(_ process: Process, _ signals: [Int32]) throws {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in signals { sigaddset(&unblock, number) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }
}
