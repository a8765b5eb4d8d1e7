/// Where a reporter writes. Bytes gather in a buffer and go to `sink` in pieces of 64 KB, so a
/// report of any size goes out as it is made and never sits whole in memory. A failed write is
/// kept, later writes are dropped, and `finish` throws it: reporters write without `try` at
/// every line, and the caller still learns of a full disk.
public final class ReportOutput {
    public typealias Sink = ([UInt8]) throws -> Void

    private var buffer: [UInt8] = []
    private let sink: Sink
    private var failure: (any Error)?
    private static let pieceSize = 1 << 16

    public init(sink: @escaping Sink) {
        self.sink = sink
        buffer.reserveCapacity(Self.pieceSize + 4096)
    }

    public func write(_ text: String) {
        buffer += text.utf8
        if buffer.count >= Self.pieceSize { flush() }
    }

    public func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= Self.pieceSize { flush() }
    }

    /// Hands everything buffered to the sink; throws the first write that failed, if any.
    public func finish() throws {
        flush()
        if let failure { throw failure }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try sink(buffer)
        } catch {
            failure = error
        }
    }
}

extension ReportOutput {
    /// An output that collects the report in memory, for tests and editors: `text()` after `finish()`.
    public static func inMemory() -> (output: ReportOutput, text: () -> String) {
        let collected = Collected()
        let output = ReportOutput { collected.bytes += $0 }
        return (output, { String(decoding: collected.bytes, as: UTF8.self) })
    }

    private final class Collected {
        var bytes: [UInt8] = []
    }
}
