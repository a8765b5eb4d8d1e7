#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (or SIGTERM, or SIGHUP) while a report is being written must not leave half a file behind. The
/// report goes to a temporary file that is renamed into place when complete; this removes that
/// temporary file if the process is interrupted first. A signal handler may only call
/// async-signal-safe functions, so the path lives in a fixed C buffer and the handler calls
/// `unlink` and `_exit`, nothing else.
enum InterruptCleanup {
    static func install() {
        _ = pendingReportPath
        signal(SIGINT, removePendingReportAndExit)
        signal(SIGTERM, removePendingReportAndExit)
        // A closed terminal cleans up as Ctrl-C does.
        signal(SIGHUP, removePendingReportAndExit)
        // A reader that goes away (`| head -1`) is an EPIPE from write, handled where output is
        // written (Terminal), so that the report files are still written; not a silent death.
        signal(SIGPIPE, SIG_IGN)
    }

    /// The temporary file being written now, removed if the run is interrupted.
    static func willWrite(_ path: String) {
        let bytes = Array(path.utf8.prefix(pendingReportCapacity - 1))
        // The first byte is written last, so the handler never sees a half-written path.
        pendingReportPath[0] = 0
        for (index, byte) in bytes.enumerated().dropFirst() { pendingReportPath[index] = CChar(bitPattern: byte) }
        pendingReportPath[bytes.count] = 0
        if let first = bytes.first { pendingReportPath[0] = CChar(bitPattern: first) }
    }

    static func didFinish() {
        pendingReportPath[0] = 0
    }
}

private let pendingReportCapacity = 4096

nonisolated(unsafe) private let pendingReportPath: UnsafeMutablePointer<CChar> = {
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: pendingReportCapacity)
    buffer.initialize(repeating: 0, count: pendingReportCapacity)
    return buffer
}()

private func removePendingReportAndExit(_ signal: Int32) {
    if pendingReportPath[0] != 0 { unlink(pendingReportPath) }
    _exit(128 + signal)
}
