#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where output goes, and whether it may be coloured.
enum Terminal {
    static func write(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    static func writeError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Set when standard output's reader went away (`| head -1`): the rest of the output is
    /// dropped quietly, and the run goes on to write its report files and exit by its findings.
    nonisolated(unsafe) static var standardOutputClosed = false
    /// Why writing standard output failed (a full disk, /dev/full), for a message and exit 2 at the end.
    nonisolated(unsafe) static var standardOutputFailure: String?

    static func write(bytes: [UInt8]) {
        write(bytes[...], to: STDOUT_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        write(Array(text.utf8)[...], to: descriptor)
    }

    private static func write(_ bytes: ArraySlice<UInt8>, to descriptor: Int32) {
        if descriptor == STDOUT_FILENO, standardOutputClosed || standardOutputFailure != nil { return }
        var bytes = bytes
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { SystemCall.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 {
                guard descriptor == STDOUT_FILENO else { return }
                if written < 0, errno == EPIPE {
                    standardOutputClosed = true
                } else {
                    standardOutputFailure = written < 0 ? String(cString: strerror(errno)) : "nothing could be written"
                }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// After the run: a failed write on standard output (other than a closed pipe) is an error.
    static func checkStandardOutput() throws {
        guard let failure = standardOutputFailure else { return }
        Diagnostics.error("cannot write standard output: \(failure)")
        throw ExitStatus.couldNotRun
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM is
    /// unset or `dumb`.
    static var standardOutputWantsColor: Bool {
        guard isatty(STDOUT_FILENO) != 0, getenv("NO_COLOR") == nil, let term = getenv("TERM") else { return false }
        return String(cString: term) != "dumb"
    }

    static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = SystemCall.read(STDIN_FILENO, &buffer, buffer.count)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }
}

/// The C library's `read` and `write`, named through whichever module provides them here (inside
/// `Terminal`, a bare `write` would mean the Swift method).
private enum SystemCall {
    #if canImport(Glibc)
    static func write(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        Glibc.write(descriptor, bytes, count)
    }
    static func read(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        Glibc.read(descriptor, bytes, count)
    }
    #elseif canImport(Darwin)
    static func write(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        Darwin.write(descriptor, bytes, count)
    }
    static func read(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        Darwin.read(descriptor, bytes, count)
    }
    #endif
}
