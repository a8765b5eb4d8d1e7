import Foundation
import Testing

@testable import ClaimLint

/// Issue 10, item 10: a file is read in a loop up to the size limit, whatever size `fstat` said.
/// A file being appended to while it is read has more bytes than it reported; it must be read on
/// to its end when that end is under the limit, and refused once it passes the limit, not read
/// until an allocation fails. The reads come from a stand-in `read` that serves a file of any
/// length (one that never ends, too) and counts what it handed over.
@Suite("Growing input files (issue 10, item 10)")
struct GrowingFileTests {
    /// A file of `length` bytes (nil: one that never ends), `a` to `z` over and over, served at
    /// most `step` bytes a call, as `read` may.
    final class GrowingFile {
        let length: Int?
        let step: Int
        private(set) var served = 0
        private(set) var calls = 0

        init(length: Int?, step: Int = .max) {
            self.length = length
            self.step = step
        }

        func read(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Result<Int, InputFile.ReadError> {
            calls += 1
            let left = length.map { $0 - served } ?? .max
            let count = min(buffer.count, step, left)
            for offset in 0..<count { buffer[offset] = UInt8(ascii: "a") + UInt8((served + offset) % 26) }
            served += count
            return .success(count)
        }

        func expected(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) } }
    }

    @Test("a file that grew after fstat is read to its end when that is under the limit")
    func grownFileIsReadWhole() throws {
        let file = GrowingFile(length: 200_000)
        let bytes = try InputFile.contents(reportedSize: 1_000, sizeLimit: 1 << 20, read: file.read).get()
        #expect(bytes == file.expected(200_000))
    }

    @Test("a file that never stops growing is refused at the limit, having read little past it")
    func endlessFileIsRefusedAtTheLimit() throws {
        let limit = 1 << 20
        let file = GrowingFile(length: nil)
        let failure = try #require(throws: InputFile.Failure.self) {
            try InputFile.contents(reportedSize: 4_096, sizeLimit: limit, read: file.read).get()
        }
        #expect(failure.reason == "grew past the 1 MiB size limit while being read (--max-file-size); not linted")
        // One chunk past the limit at most: the read stopped because of the limit, not the memory.
        #expect(file.served > limit)
        #expect(file.served <= limit + 65_536)
    }

    @Test("a file that grows to exactly the limit is read; one byte more is refused")
    func limitIsInclusive() throws {
        let limit = 300_000
        let atLimit = GrowingFile(length: limit)
        #expect(try InputFile.contents(reportedSize: 10, sizeLimit: limit, read: atLimit.read).get().count == limit)
        let overLimit = GrowingFile(length: limit + 1)
        #expect(throws: InputFile.Failure.self) {
            try InputFile.contents(reportedSize: 10, sizeLimit: limit, read: overLimit.read).get()
        }
    }

    @Test("reads that return a few bytes at a time still give the whole file")
    func shortReadsAreRepeated() throws {
        let file = GrowingFile(length: 5_000, step: 7)
        let bytes = try InputFile.contents(reportedSize: 5_000, sizeLimit: 1 << 20, read: file.read).get()
        #expect(bytes == file.expected(5_000))
        #expect(file.calls > 5_000 / 7)
    }

    @Test("a read error is reported in words, not as a cut file")
    func readErrorIsAFailure() throws {
        let failure = try #require(throws: InputFile.Failure.self) {
            try InputFile.contents(reportedSize: 100, sizeLimit: 1 << 20) { _ in
                .failure(InputFile.ReadError(code: EIO))
            }.get()
        }
        #expect(failure.reason == "cannot read this file: \(String(cString: strerror(EIO)))")
    }

    #if os(Linux)
    /// A real file whose reported size is smaller than its content: /proc reports 0 bytes.
    @Test("a file that reports 0 bytes but has more is read on, and refused past the limit")
    func procFileReportsZero() throws {
        var status = stat()
        try #require(stat("/proc/self/status", &status) == 0 && status.st_size == 0)
        let bytes = try InputFile.read("/proc/self/status").get()
        #expect(String(decoding: bytes, as: UTF8.self).contains("Name:"))
        let failure = try #require(throws: InputFile.Failure.self) {
            try InputFile.read("/proc/self/status", sizeLimit: 16).get()
        }
        #expect(failure.reason.hasPrefix("grew past the"))
    }
    #endif
}
