#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (or SIGTERM, or SIGHUP) while reports are being written must not leave half files behind. Each
/// report goes to a temporary file that is renamed into place when complete; this removes those
/// temporary files if the process is interrupted first. A signal handler may only call
/// async-signal-safe functions, so the paths live in a NULL-terminated C array that is replaced
/// whole (one pointer store) whenever a path comes or goes, and the handler calls `unlink` and
/// `_exit`, nothing else. Replaced arrays are never freed: a handler may still be reading one.
enum InterruptCleanup {
    static func install() {
        signal(SIGINT, removePendingReportsAndExit)
        signal(SIGTERM, removePendingReportsAndExit)
        // A closed terminal cleans up as Ctrl-C does.
        signal(SIGHUP, removePendingReportsAndExit)
        // A reader that goes away (`| head -1`) is an EPIPE from write, handled where output is
        // written (Terminal), so that the report files are still written; not a silent death.
        signal(SIGPIPE, SIG_IGN)
    }

    /// A temporary file being written now, removed if the run is interrupted.
    static func willWrite(_ path: String) {
        pending.append(path)
        publish()
    }

    static func didFinish(_ path: String) {
        if let index = pending.firstIndex(of: path) { pending.remove(at: index) }
        publish()
    }

    /// The paths as Swift strings; only the main thread writes reports, so this needs no lock.
    nonisolated(unsafe) private static var pending: [String] = []

    private static func publish() {
        let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: pending.count + 1)
        for (index, path) in pending.enumerated() { list[index] = strdup(path) }
        list[pending.count] = nil
        pendingReportPaths = list
    }
}

nonisolated(unsafe) private var pendingReportPaths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil

private func removePendingReportsAndExit(_ signal: Int32) {
    if let list = pendingReportPaths {
        var index = 0
        while let path = list[index] {
            unlink(path)
            index += 1
        }
    }
    _exit(128 + signal)
}
