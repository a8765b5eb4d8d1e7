import Foundation

/// Reads one input file, refusing what would hang or explode the run: a FIFO or device named
/// `*.md` (opened without blocking, then checked with `fstat`), a file over the size limit, a file
/// that grows past it while being read. Reads in a loop, so no single `read` is trusted to return
/// the whole file (Linux returns at most 2 GiB per call). Every refusal says why in words.
public enum InputFile {
    /// The default largest input, in bytes (`--max-file-size`).
    public static let defaultSizeLimit = 64 << 20
    /// The largest limit allowed: libcmark aborts on a block over 1 GiB.
    public static let largestSizeLimit = 1 << 30

    public static func read(_ path: String, sizeLimit: Int = defaultSizeLimit) -> Result<[UInt8], Failure> {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        let descriptor = FileName.withCString(path) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard descriptor >= 0 else { return .failure(Failure(openError: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(Failure(reason: "cannot read this file: \(String(cString: strerror(errno)))"))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return .failure(Failure(reason: "not a regular file (\(Self.kind(status.st_mode))); only files are linted"))
        }
        let size = Int(status.st_size)
        guard size <= sizeLimit else { return .failure(Failure.tooLarge(size: size, limit: sizeLimit)) }
        // Back to blocking reads for a regular file (O_NONBLOCK has no effect on them, but be plain).
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return contents(reportedSize: size, sizeLimit: sizeLimit) { buffer in
            while true {
                let count = Foundation.read(descriptor, buffer.baseAddress!, buffer.count)
                if count < 0, errno == EINTR { continue }
                return count < 0 ? .failure(ReadError(code: errno)) : .success(count)
            }
        }
    }

    /// One `read`: up to the buffer's size (fewer is not the end), 0 at the end, or its errno.
    typealias ReadCall = (UnsafeMutableBufferPointer<UInt8>) -> Result<Int, ReadError>

    struct ReadError: Error {
        var code: Int32
    }

    /// A file's bytes read with `read`, given the size `fstat` reported. The size is a hint, not
    /// a promise: a file being appended to (a log, a page an editor is saving) has more bytes than
    /// it said, and a file in /proc says 0. So one byte more than the size is asked for, and when
    /// it comes the file is read on in chunks up to `sizeLimit`, past which it is refused; never
    /// "until the allocation fails". `read` is a parameter so the tests can hand it a file that
    /// never ends.
    static func contents(reportedSize size: Int, sizeLimit: Int, read: ReadCall) -> Result<[UInt8], Failure> {
        // The size fstat gave, read straight into the array (in a loop: a read may return less).
        var readError: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = readFully(into: buffer, error: &readError, read)
        }
        if bytes.count > sizeLimit { return .failure(Failure.grew(past: sizeLimit)) }
        // One byte more than fstat said means the file is growing: read on, up to the limit.
        var chunk = [UInt8](repeating: 0, count: bytes.count > size ? 65536 : 0)
        while readError == 0, bytes.count > size, !chunk.isEmpty {
            let count = chunk.withUnsafeMutableBufferPointer { readFully(into: $0, error: &readError, read) }
            if count == 0 { break }
            guard bytes.count + count <= sizeLimit else { return .failure(Failure.grew(past: sizeLimit)) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        if readError != 0 {
            return .failure(Failure(reason: "cannot read this file: \(String(cString: strerror(readError)))"))
        }
        return .success(bytes)
    }

    /// Reads until the buffer is full or the file ends; returns the bytes read.
    private static func readFully(
        into buffer: UnsafeMutableBufferPointer<UInt8>, error: inout Int32, _ read: ReadCall
    ) -> Int {
        var count = 0
        while count < buffer.count {
            switch read(UnsafeMutableBufferPointer(rebasing: buffer[count...])) {
            case .failure(let failure):
                error = failure.code
                return count
            case .success(0):
                return count
            case .success(let read):
                count += read
            }
        }
        return count
    }

    public struct Failure: Error, Equatable, Sendable {
        public var reason: String

        init(reason: String) { self.reason = reason }

        init(openError code: Int32) {
            switch code {
            case ENOENT: reason = "no longer exists: it was removed after the run found it"
            case EACCES: reason = "cannot read this file: permission denied"
            default: reason = "cannot read this file: \(String(cString: strerror(code)))"
            }
        }

        static func tooLarge(size: Int, limit: Int) -> Failure {
            Failure(
                reason: "is \(megabytes(size)), over the \(megabytes(limit)) size limit (--max-file-size); not linted")
        }

        static func grew(past limit: Int) -> Failure {
            Failure(
                reason: "grew past the \(megabytes(limit)) size limit while being read (--max-file-size); not linted")
        }

        static func megabytes(_ bytes: Int) -> String {
            bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
        }
    }

    /// Reads a size as written on the command line: bytes, or a number with K, M or G (KiB, MiB, GiB).
    public static func parseSize(_ text: String) -> Int? {
        var digits = text.uppercased()
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits.removeLast(suffix.count)
            break
        }
        var scale = 1
        if let last = digits.last, let shift = ["K": 10, "M": 20, "G": 30][String(last)] {
            scale = 1 << shift
            digits.removeLast()
        }
        guard let value = Int(digits), value > 0 else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a folder"
        default: "not a file"
        }
    }
}
