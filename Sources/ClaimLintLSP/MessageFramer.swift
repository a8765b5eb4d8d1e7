/// JSON-RPC's base protocol: each message is a header (`Content-Length: N`, optionally
/// `Content-Type`, each line ending in CRLF), an empty line, then N bytes of JSON.
///
/// Bytes go in as they arrive from the pipe, in chunks of any size; whole message bodies come out.
/// A header without a usable `Content-Length` cannot be framed: it is skipped and reported, and
/// reading resumes after it, so one bad message never ends the session.
public struct MessageFramer: Sendable {
    public enum Event: Equatable, Sendable {
        case message([UInt8])
        /// A header that could not be read; its text, for the error reply.
        case badHeader(String)
    }

    private var buffer: [UInt8] = []
    private var start = 0
    /// The length announced by a header already read, waiting for its body.
    private var pendingLength: Int?
    /// Set after a bad header, until the next header is found.
    private var resynchronising = false

    /// Messages larger than this are refused rather than buffered (a 64 MiB page is not an edit).
    public static let maximumLength = 64 << 20

    public init() {}

    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    /// Adds bytes read from the pipe and returns every event they complete.
    public mutating func append(_ bytes: some Collection<UInt8>) -> [Event] {
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        while let event = next() { events.append(event) }
        compact()
        return events
    }

    private mutating func next() -> Event? {
        if resynchronising, !resynchronise() { return nil }
        if let length = pendingLength {
            guard buffer.count - start >= length else { return nil }
            let body = Array(buffer[start..<start + length])
            start += length
            pendingLength = nil
            return .message(body)
        }
        guard let end = headerEnd() else {
            // No blank line yet. A header is a few dozen bytes; a kilobyte with no end is not one.
            if buffer.count - start > 8192 {
                let text = String(decoding: buffer[start..<min(buffer.count, start + 80)], as: UTF8.self)
                start = buffer.count
                resynchronising = true
                return .badHeader(text)
            }
            return nil
        }
        let header = String(decoding: buffer[start..<end], as: UTF8.self)
        start = end + 4
        guard let length = Self.contentLength(header), length <= Self.maximumLength else {
            resynchronising = true
            return .badHeader(header)
        }
        pendingLength = length
        return next()
    }

    private static let headerName = Array("Content-Length:".utf8)

    /// After a bad header its body (if any) is unframed bytes: skip to the next `Content-Length:`.
    /// Returns false when there is none yet (the bytes before it are dropped, all but a possible
    /// partial name at the end).
    private mutating func resynchronise() -> Bool {
        let name = Self.headerName
        var index = start
        while index + name.count <= buffer.count {
            if buffer[index] == name[0], Array(buffer[index..<index + name.count]) == name {
                start = index
                resynchronising = false
                return true
            }
            index += 1
        }
        start = max(start, buffer.count - name.count + 1)
        return false
    }

    /// The offset of the `\r\n\r\n` that ends the header starting at `start`.
    private func headerEnd() -> Int? {
        var index = start
        while index + 3 < buffer.count {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }

    static func contentLength(_ header: String) -> Int? {
        for line in header.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: " \t")
            guard name.lowercased() == "content-length" else { continue }
            return Int(line[line.index(after: colon)...].trimmingCharacters(in: " \t")).flatMap { $0 >= 0 ? $0 : nil }
        }
        return nil
    }

    /// Drops consumed bytes once they are most of the buffer, so it does not grow over a session.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            start = 0
        } else if start > 65536, start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
