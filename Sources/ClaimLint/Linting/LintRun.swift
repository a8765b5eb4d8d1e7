import Dispatch
import Foundation

/// One run over the paths a user named: resolves the rule set for each file (defaults or
/// `--rules`, extended by the `.claimlint.yml` files above each file, through `RuleSource`), reads and lints the
/// files in parallel, and returns the reports in input order.
public struct LintRun {
    public var paths: [String]
    /// Where the rules come from.
    public var ruleSource: RuleSource
    /// A rules file that replaces the embedded defaults.
    public var rulesFile: String? {
        get { ruleSource.rulesFile }
        set { ruleSource.rulesFile = newValue }
    }
    /// Look for `.claimlint.yml` above each file.
    public var useProjectConfiguration: Bool {
        get { ruleSource.useProjectConfiguration }
        set { ruleSource.useProjectConfiguration = newValue }
    }
    public var exclude: [String] = []
    /// Lint only this slice of the files (the rules and path errors are those of the whole run).
    public var shard: Shard?
    /// Files this run will write (`--report`): one that is also an input, the rules file or a
    /// configuration file stops the run before anything is written (`OutputIsInput`).
    public var outputs: [String] = []
    /// The largest input linted, in bytes (`InputFile`); larger files are refused with a message.
    public var maxFileSize = InputFile.defaultSizeLimit
    /// Compute each input's SHA-256 for the run record (reports other than text show it).
    public var computeDigests = true
    /// Supplies standard input's bytes when a path is `-`.
    public var readStandardInput: @Sendable () -> [UInt8] = { [] }
    /// What each file's findings are checked against after linting: the baseline absorbs the
    /// findings it records, and the recorder collects the findings that still count.
    public var acceptance = Acceptance()
    /// Told of what the user should be warned of before the files are linted (a configuration file
    /// that anyone may have written); the CLI writes these to standard error.
    public var notice: (Notice) -> Void = { _ in }

    public enum Notice: Sendable, Equatable {
        case note(String)
        case warning(String)
    }
    /// The real path of the page on standard input (`--stdin-filename`, for editors): it is reported
    /// under this path, and its configuration and `exclude` are those of a file there.
    public var standardInputPath: String?

    public init(paths: [String], rulesFile: String? = nil) {
        self.init(paths: paths, ruleSource: RuleSource(rulesFile: rulesFile))
    }

    public init(paths: [String], ruleSource: RuleSource) {
        self.paths = paths
        self.ruleSource = ruleSource
    }

    /// Lints everything into one report held in memory (tests, editors, library users). The CLI
    /// streams instead; this is the same run, collected.
    public func run() throws -> LintReport {
        var files: [FileReport] = []
        var digest = ""
        let outcome = try stream({ files.append($0) }, prepared: { digest = $0.rulesDigest })
        var report = LintReport(files: files, errors: outcome.errors, rulesDigest: digest)
        report.shard = shard
        report.baseline = outcome.baseline
        report.notes = outcome.notes
        return report
    }

    /// What a run knows before its first file: the rules that judge it.
    public struct Prepared: Sendable {
        /// The digest of the first file's rules (of the whole list, so every shard reports what one job would).
        public var rulesDigest: String
        /// The base rules, then any rule a project file added, for reporters that describe rules (SARIF, HTML).
        public var rules: RuleSet
        /// Whether a baseline (`--baseline`, or a project file's `baseline:`) judges some file:
        /// SARIF then gives every result a `baselineState`.
        public var usesBaseline = false
    }

    /// What a streamed run knows besides its files.
    public struct Outcome: Sendable {
        /// Problems with the paths themselves (missing, a folder without Markdown).
        public var errors: [String]
        /// Notes about the paths (a named file that `exclude` drops).
        public var notes: [String] = []
        /// Set when a baseline judged the run: its file and how many of its findings did not occur.
        public var baseline: BaselineSummary?
    }

    /// The rules this run would use, without linting anything (`merge` describes the rules of
    /// the shards it merges). Throws as `stream` does for a rules or configuration file that is wrong.
    public func prepare() throws -> Prepared {
        let plan = try makePlan()
        return Prepared(rulesDigest: plan.rulesDigest, rules: plan.rules, usesBaseline: !plan.baselines.isEmpty)
    }

    /// Lints everything in parallel and hands each file's report to `each` in input order, as soon
    /// as it and every file before it are done; reports are not kept, so memory does not grow with
    /// the number of files. `prepared` is called once, before any file. `each` is called one file
    /// at a time, from whichever worker thread is delivering, while the other workers go on linting.
    /// Throws only for a rules or configuration file that is wrong, which stops the run before any file.
    public func stream(_ each: @escaping (FileReport) -> Void, prepared: (Prepared) -> Void = { _ in }) throws
        -> Outcome
    {
        let plan = try makePlan()
        let acceptance = try readyAcceptance()
        prepared(Prepared(rulesDigest: plan.rulesDigest, rules: plan.rules, usesBaseline: !plan.baselines.isEmpty))
        let delivery = OrderedDelivery<FileReport>(each)
        let readStandardInput = self.readStandardInput
        let computeDigests = self.computeDigests
        let sizeLimit = self.maxFileSize
        let standardInputName = standardInputPath ?? "-"
        let jobs = plan.jobs
        let linters = plan.linters
        let stale = StaleCount()
        let schedule = Self.largestFirst(jobs.map(\.size))
        DispatchQueue.concurrentPerform(iterations: jobs.count) { turn in
            let index = schedule[turn]
            let (path, linterIndex, _) = jobs[index]
            let linter = linters[linterIndex]
            var report: FileReport
            if path == "-" {
                report = linter.lint(bytes: readStandardInput(), path: standardInputName, digest: computeDigests)
            } else {
                switch InputFile.read(path, sizeLimit: sizeLimit) {
                case .success(let bytes): report = linter.lint(bytes: bytes, path: path, digest: computeDigests)
                case .failure(let failure):
                    report = FileReport(path: path, error: failure.reason)
                    report.rulesDigest = linter.rulesDigest
                }
            }
            // `--approved` wins over a project file's `approved-claims:`; then the baseline.
            stale.add(acceptance.judge(&report, linter: linter))
            acceptance.recorder?.record(report)
            delivery.deliver(report, at: index)
        }
        let baseline =
            plan.baselines.isEmpty
            ? nil : BaselineSummary(file: plan.baselines.joined(separator: ", "), stale: stale.total)
        return Outcome(errors: plan.errors, notes: plan.notes, baseline: baseline)
    }

    /// `acceptance`, with an approved-claims library still being read waited for: it was read
    /// while the plan was made.
    private func readyAcceptance() throws -> Acceptance {
        var acceptance = self.acceptance
        if let loading = acceptance.approvedLoading {
            acceptance.approved = try loading.wait()
            acceptance.approvedLoading = nil
        }
        return acceptance
    }

    /// The order to lint in: files of 256 KB or more first, largest first, then the rest in order.
    /// A 5 MB page started last would leave every other core idle while it finishes; output stays
    /// in input order whatever this order is.
    static func largestFirst(_ sizes: [Int]) -> [Int] {
        var large: [(index: Int, size: Int)] = []
        var small: [Int] = []
        for (index, size) in sizes.enumerated() {
            if size >= 256 * 1024 {
                large.append((index, size))
            } else {
                small.append(index)
            }
        }
        return large.sorted { $0.size > $1.size }.map(\.index) + small
    }

    private struct Plan {
        /// Each file with its linter's place in `linters`: a `Linter` is a few hundred bytes, and a
        /// copy of it per file made the plan the one part of a run's memory that grew with the files.
        var jobs: [(path: String, linter: Int, size: Int)] = []
        var linters: [Linter] = []
        var errors: [String] = []
        var notes: [String] = []
        var rulesDigest = ""
        var rules = RuleSet()
        /// The baseline files that judge the jobs, in the order first used.
        var baselines: [String] = []
    }

    /// Which files, each with the linter its configuration files (and their overrides) call for.
    private func makePlan() throws -> Plan {
        let base = try ruleSource.baseRules()
        let collected = FileCollector(exclude: exclude).collect(paths)
        var plan = Plan(errors: collected.errors, notes: collected.notes)
        // Per folder argument: how many of its files the configuration excluded, by which patterns.
        var excludedByConfiguration: [String: (count: Int, patterns: [String])] = [:]
        var lintedFrom: [String: Int] = [:]
        // Per folder, the configuration files governing it; per stack and set of matching overrides, a linter.
        var stackOfFolder: [String: ConfigurationStack?] = [:]
        var parsed: [String: ProjectConfiguration] = [:]
        // Per stack and overrides, the linter's place in `plan.linters`.
        var linters: [String: Int] = [:]
        var libraries: [String: ApprovedClaims] = [:]
        var baselines: [String: Baseline] = [:]
        let defaultLinter = try Linter(ruleSet: base)
        plan.linters.append(defaultLinter)
        for (index, (path, size)) in zip(collected.files, collected.sizes).enumerated() {
            let argument = collected.folderArguments[index]
            // Standard input is judged as the file it names (`--stdin-filename`), if it names one.
            let named = path == "-" ? standardInputPath : path
            let folder = named.map(Self.folder(of:)) ?? FileManager.default.currentDirectoryPath
            if stackOfFolder[folder] == nil {
                stackOfFolder[folder] = .some(
                    try ruleSource.configurationStack(governing: folder) { configurationPath in
                        if let known = parsed[configurationPath] { return known }
                        if let warning = ConfigurationSearch.ownershipWarning(for: configurationPath) {
                            notice(.warning(warning))
                        }
                        let configuration = try ruleSource.configuration(at: configurationPath)
                        parsed[configurationPath] = configuration
                        return configuration
                    })
            }
            guard let stack = stackOfFolder[folder] ?? nil else {
                if let argument { lintedFrom[argument, default: 0] += 1 }
                plan.jobs.append((path, 0, size))
                continue
            }
            let overrides = stack.hasOverrides ? stack.overrides(for: named ?? path) : []
            let key =
                stack.paths.joined(separator: "\n") + overrides.map { "\n#\($0.file).\($0.index)" }.joined()
            if linters[key] == nil {
                linters[key] = plan.linters.count
                plan.linters.append(
                    try Linter(
                        stack: stack, overrides: overrides, base: base,
                        library: { library in
                            if libraries[library] == nil { libraries[library] = try ApprovedClaims.load(file: library) }
                            return libraries[library]!
                        },
                        baseline: { file in
                            // `--baseline` wins, and `--write-baseline` records afresh: then the file is not read.
                            guard acceptance.baseline == nil, acceptance.recorder == nil else { return nil }
                            if baselines[file] == nil { baselines[file] = try Baseline.load(file: file) }
                            return baselines[file]!
                        }))
            }
            if let (pattern, file) = stack.exclusion(of: named ?? path) {
                let source = "'\(pattern)' in \(file)"
                if let argument {
                    excludedByConfiguration[argument, default: (0, [])].count += 1
                    if !excludedByConfiguration[argument]!.patterns.contains(source) {
                        excludedByConfiguration[argument]!.patterns.append(source)
                    }
                } else {
                    plan.notes.append("\(named ?? path): not linted: it matches \(source)")
                }
                continue
            }
            if let argument { lintedFrom[argument, default: 0] += 1 }
            plan.jobs.append((path, linters[key]!, size))
        }
        // A folder whose every file a configuration excluded is an error, as a folder without Markdown is.
        for (argument, excluded) in excludedByConfiguration.sorted(by: { $0.key < $1.key })
        where lintedFrom[argument] == nil {
            plan.errors.append(
                "\(argument): all \(excluded.count) Markdown file\(excluded.count == 1 ? "" : "s") excluded by \(excluded.patterns.joined(separator: ", "))"
            )
        }
        try checkOutputs(inputs: plan.jobs.map(\.path), configurations: Array(parsed.keys))
        // The digest and the slice come from the whole list, so every shard reports what one job would.
        plan.rulesDigest = plan.jobs.first.map { plan.linters[$0.linter].rulesDigest } ?? defaultLinter.rulesDigest
        if let shard { plan.jobs = Array(shard.slice(plan.jobs)) }
        for (_, linter, _) in plan.jobs {
            guard let file = acceptance.baseline(for: plan.linters[linter])?.file, !plan.baselines.contains(file) else {
                continue
            }
            plan.baselines.append(file)
        }
        plan.rules = base
        for (_, index) in linters.sorted(by: { $0.key < $1.key }) {
            let linter = plan.linters[index]
            let known = Set(plan.rules.rules.map(\.id))
            plan.rules.rules += linter.ruleSet.rules.filter { !known.contains($0.id) }
        }
        return plan
    }

    /// A report that would overwrite what the run reads.
    public struct OutputIsInput: Error, Equatable {
        public var output: String
        public var input: String
        public var what: String
        public var message: String { "this report would overwrite \(what) of this run (\(input)); write it elsewhere" }
    }

    /// Refuses an output that is (the same file as) an input, the rules file or a configuration file.
    private func checkOutputs(inputs: [String], configurations: [String]) throws {
        func identity(_ path: String) -> [UInt64]? {
            var status = stat()
            guard FileName.withCString(path, { stat($0, &status) }) == 0 else { return nil }
            return [UInt64(status.st_dev), UInt64(status.st_ino)]
        }
        let outputs = self.outputs.compactMap { path in identity(path).map { (path, $0) } }
        guard !outputs.isEmpty else { return }
        var read: [(path: String, what: String)] = inputs.filter { $0 != "-" }.map { ($0, "an input") }
        if let rulesFile = ruleSource.rulesFile { read.append((rulesFile, "the rules file")) }
        read += configurations.sorted().map { ($0, "a configuration file") }
        for (path, what) in read {
            guard let readIdentity = identity(path) else { continue }
            // A Markdown report from an earlier run is found again but not linted: writing it anew is fine.
            if let clash = outputs.first(where: { $0.1 == readIdentity }),
                !(what == "an input" && Self.isClaimLintReport(path))
            {
                throw OutputIsInput(output: clash.0, input: path, what: what)
            }
        }
    }

    private static func isClaimLintReport(_ path: String) -> Bool {
        guard case .success(let bytes) = InputFile.read(path) else { return false }
        return InputValidator.verdict(for: Array(bytes.prefix(InputValidator.reportMarker.count + 1)))
            == .claimLintReport
    }

    /// The folder part of a path ("a/b/c.md" → "a/b", "c.md" → ".", "/c.md" → "/"), without
    /// bridging to NSString for each of thousands of files.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
