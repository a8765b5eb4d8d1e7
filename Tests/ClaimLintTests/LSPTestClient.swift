import ClaimLintLSP
import Foundation

/// A language-server client for the tests: runs the built `claimlint lsp` as a child process and
/// speaks JSON-RPC with Content-Length framing over real pipes, as an editor does. A reader
/// thread frames what the server writes; the test waits for the messages it expects.
final class LSPTestClient: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let condition = NSCondition()
    private var received: [JSON] = []
    private var nextID = 1
    private var readerDone = false

    init(arguments: [String] = ["lsp"], in directory: URL = TestSupport.packageRoot) throws {
        process.executableURL = TestSupport.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var framer = MessageFramer()
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                for event in framer.append(Array(data)) {
                    guard case .message(let body) = event, let message = JSON.parse(body) else { continue }
                    condition.lock()
                    received.append(message)
                    condition.broadcast()
                    condition.unlock()
                }
            }
            condition.lock()
            readerDone = true
            condition.broadcast()
            condition.unlock()
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    // MARK: sending

    func writeRaw(_ bytes: [UInt8]) {
        input.fileHandleForWriting.write(Data(bytes))
    }

    func send(_ message: JSON) {
        writeRaw(MessageFramer.frame(message.bytes))
    }

    /// Sends a request and returns its id.
    @discardableResult
    func request(_ method: String, _ params: JSON = .null) -> Int {
        condition.lock()
        let id = nextID
        nextID += 1
        condition.unlock()
        send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return id
    }

    func notify(_ method: String, _ params: JSON = .null) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and waits for its response.
    func call(_ method: String, _ params: JSON = .null) throws -> JSON {
        let id = request(method, params)
        return try response(to: id)
    }

    func closeInput() throws {
        try input.fileHandleForWriting.close()
    }

    // MARK: receiving

    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "no \(what) from the server within the time limit" }
    }

    /// Waits for the first message (not yet taken) that `matches`, takes it and returns it.
    func wait(for what: String, seconds: Double = 60, _ matches: (JSON) -> Bool) throws -> JSON {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let index = received.firstIndex(where: matches) {
                return received.remove(at: index)
            }
            if readerDone || !condition.wait(until: deadline) { throw Timeout(what: what) }
        }
    }

    func response(to id: Int) throws -> JSON {
        try wait(for: "response to request \(id)") { $0["id"]?.int == id && $0["method"] == nil }
    }

    /// The next diagnostics published for `uri`.
    func diagnostics(for uri: String) throws -> [JSON] {
        let message = try wait(for: "diagnostics for \(uri)") {
            $0["method"]?.string == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == uri
        }
        return message["params"]?["diagnostics"]?.array ?? []
    }

    /// Every message received and not yet taken, in order.
    func pending() -> [JSON] {
        condition.lock()
        defer { condition.unlock() }
        return received
    }

    /// Waits for the server to exit and returns its status.
    func exitStatus(seconds: Double = 30) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() > deadline { throw Timeout(what: "exit") }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return process.terminationStatus
    }

    // MARK: conveniences

    /// `initialize` then `initialized`; returns the server's `initialize` result.
    func initialize(capabilities: JSON = [:], options: JSON = ["debounceMs": 0], root: URL? = nil) throws -> JSON {
        var params: [(String, JSON)] = [
            ("processId", .null), ("capabilities", capabilities), ("initializationOptions", options),
        ]
        params.append(("rootUri", root.map { .string($0.absoluteString) } ?? .null))
        let response = try call("initialize", .object(params))
        notify("initialized", [:])
        return response["result"] ?? .null
    }

    func open(_ uri: String, text: String, version: Int = 1, languageID: String = "markdown") {
        notify(
            "textDocument/didOpen",
            [
                "textDocument": [
                    "uri": .string(uri), "languageId": .string(languageID), "version": .int(version),
                    "text": .string(text),
                ]
            ])
    }
}
