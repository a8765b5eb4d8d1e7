import Foundation

/// Part of a report that must come out later than it is made (SARIF's results after the
/// invocation, HTML's pages after the summary): kept in a 64 KB buffer, then in an unlinked
/// temporary file once it outgrows it, and copied to the report at the end. So a format that needs
/// the whole run before it can write its start holds a file's worth in memory, never the run.
final class ReportSpool {
    private var buffer: [UInt8] = []
    /// The temporary file, made on the first overflow; -1 until then. It is unlinked as soon as it
    /// is made, so nothing is left behind however the process ends.
    private var descriptor: Int32 = -1
    private var failure: (any Error)?
    private(set) var isEmpty = true
    private static let bufferSize = 1 << 16

    struct SpoolError: Error, CustomStringConvertible {
        var reason: String
        var description: String { "cannot write the report's temporary file: \(reason)" }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func write(_ text: String) {
        isEmpty = false
        buffer += text.utf8
        if buffer.count >= Self.bufferSize { spill() }
    }

    func write(_ bytes: [UInt8]) {
        isEmpty = false
        buffer += bytes
        if buffer.count >= Self.bufferSize { spill() }
    }

    /// Writes everything spooled to `out`, in order, and empties the spool.
    func copy(to out: ReportOutput) throws {
        defer { buffer.removeAll() }
        guard descriptor >= 0 else {
            out.write(buffer)
            return
        }
        spill()
        if let failure { throw failure }
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw SpoolError(reason: String(cString: strerror(errno))) }
        var piece = [UInt8](repeating: 0, count: Self.bufferSize)
        while true {
            let count = piece.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw SpoolError(reason: String(cString: strerror(errno))) }
            if count == 0 { break }
            out.write(count == piece.count ? piece : Array(piece[0..<count]))
        }
        close(descriptor)
        descriptor = -1
    }

    private func spill() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        if descriptor < 0 {
            let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array((folder + "/claimlint-spool-XXXXXX").utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                failure = SpoolError(reason: "\(folder): \(String(cString: strerror(errno)))")
                return
            }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        }
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes {
                Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                failure = SpoolError(reason: String(cString: strerror(errno)))
                return
            }
            offset += written
        }
    }
}
