import Foundation

/// What a run checks each file's findings against once the page's own directives are applied:
/// the baseline (findings recorded earlier), and a recorder writing a new baseline.
public struct Acceptance: Sendable {
    /// Findings it records become `baselined` (`--baseline`; it wins over a project file's `baseline:`).
    public var baseline: Baseline?
    /// Collects the findings that still count (`--write-baseline`).
    public var recorder: BaselineRecorder?
    /// The approved-claims library named by `--approved` (a project file can name its own).
    public var approved: ApprovedClaims?
    /// The same, while it is still being read: a run waits for it once its plan is made, and
    /// then judges by it as by `approved`.
    public var approvedLoading: ApprovedClaims.Loading?
    /// The day expiry dates are judged against.
    public var today = CalendarDate.today()

    public init(baseline: Baseline? = nil, recorder: BaselineRecorder? = nil, approved: ApprovedClaims? = nil) {
        self.baseline = baseline
        self.recorder = recorder
        self.approved = approved
    }
}

extension Acceptance {
    /// One file's report judged as `check` judges it after linting: the approved-claims library
    /// (`approved`, else the one the linter's configuration names) marks approved sentences and
    /// flags near variants, then the baseline (`baseline`, else the configuration's) absorbs what
    /// it records. `stale` is how many of the baseline's findings for this file did not occur. The
    /// recorder is not touched; while it records, the configuration's baseline is not used (a new
    /// baseline records every finding that counts, not only those the old one lacks).
    public func judge(_ report: FileReport, linter: Linter) -> (report: FileReport, stale: Int) {
        var report = report
        let stale = judge(&report, linter: linter)
        return (report, stale)
    }

    /// The same, in place (a run's own report, so the library changes its findings without
    /// copying them); returns `stale`.
    public func judge(_ report: inout FileReport, linter: Linter) -> Int {
        if let approved = approved ?? linter.approvedClaims {
            approved.apply(to: &report, rules: linter.approvalRules, today: today)
        }
        guard let baseline = baseline(for: linter) else { return 0 }
        let judged = baseline.apply(to: report)
        report = judged.report
        return judged.stale
    }
}

extension Acceptance {
    /// The baseline a file linted by `linter` is judged by, if any.
    public func baseline(for linter: Linter) -> Baseline? {
        baseline ?? (recorder == nil ? linter.baseline : nil)
    }
}

/// The stale baseline findings of a run, added up from the worker threads.
final class StaleCount: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func add(_ count: Int) {
        guard count > 0 else { return }
        lock.lock()
        value += count
        lock.unlock()
    }

    var total: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
