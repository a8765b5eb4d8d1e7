import ClaimLint
import Dispatch
import Foundation

/// A claimlint language server session (LSP 3.17): the protocol's lifecycle, open documents,
/// diagnostics, hover and code actions. It never prints: messages come in through `receive`
/// (called by one reader thread, in order) and go out through the `output` closure, already
/// framed.
///
/// Threads: `receive` answers what it can at once (hover, code actions, cancellation, errors)
/// and never lints. Linting runs on one serial worker queue, debounced per document; a newer
/// version of a document supersedes its older lint (a queued lint for an old version is skipped,
/// and the result of a running one is dropped), so the reader is never blocked by a long page.
/// Every `publishDiagnostics` is sent from the worker, so they are ordered with `didClose`.
public final class LanguageServer: @unchecked Sendable {
    public enum Outcome: Equatable, Sendable {
        case running
        /// The client sent `exit`: the process should end with this status (0 after `shutdown`, 1 without).
        case exit(Int32)
    }

    private enum Phase { case waitingForInitialize, running, shutDown }

    private struct OpenDocument {
        var path: String?
        var isMarkdown: Bool
        var document: TextDocument
        /// Bumped on every edit and every change of rules: a lint started for an older
        /// generation is out of date.
        var generation = 0
        var result: LintResult?
    }

    private let output: @Sendable ([UInt8]) -> Void
    private let outputLock = NSLock()
    private let lintQueue = DispatchQueue(label: "claimlint.lsp.lint", qos: .userInitiated)

    /// Guards everything below it.
    private let lock = NSLock()
    private var phase = Phase.waitingForInitialize
    private var settings = SessionSettings()
    private var documents: [String: OpenDocument] = [:]
    /// Requests answered from the worker (pull diagnostics), by id, until answered or cancelled.
    private var pendingRequests: Set<String> = []
    private var rulesEpoch = 0
    private var nextRequestID = 1

    /// Touched only on `lintQueue`.
    private var resolver = RuleResolver(source: RuleSource())
    private var shownProblems: [String: RulesError] = [:]

    /// `output` receives each outgoing message, framed, one at a time.
    public init(output: @escaping @Sendable ([UInt8]) -> Void) {
        self.output = output
    }

    /// Handles what the framer read. Call from one thread, in order.
    public func receive(_ event: MessageFramer.Event) -> Outcome {
        switch event {
        case .badHeader(let header):
            sendError(
                id: .null, code: .parseError,
                "cannot read the message header (no valid Content-Length): \(header.prefix(80))")
            return .running
        case .message(let body):
            return handle(body)
        }
    }

    /// Whether the client asked for `shutdown` (a client that then closes the pipe without `exit`
    /// still shut the session down properly).
    public var hasShutDown: Bool {
        lock.lock()
        defer { lock.unlock() }
        return phase == .shutDown
    }

    /// Blocks until the worker has finished what is queued (for an orderly exit, and tests).
    public func waitUntilIdle() {
        lintQueue.sync {}
    }

    // MARK: dispatch

    private func handle(_ body: [UInt8]) -> Outcome {
        guard let message = JSON.parse(body) else {
            sendError(id: .null, code: .parseError, "the message is not valid JSON")
            return .running
        }
        guard case .object = message else {
            sendError(id: .null, code: .invalidRequest, "a message must be a JSON object")
            return .running
        }
        let id = message["id"]
        guard let method = message["method"]?.string else {
            // A response to one of our requests (registerCapability, refresh): nothing to do.
            if id != nil, message["result"] != nil || message["error"] != nil { return .running }
            sendError(id: id ?? .null, code: .invalidRequest, "a request needs a 'method'")
            return .running
        }
        let params = message["params"]
        if let id {
            guard Self.isValidID(id) else {
                sendError(id: .null, code: .invalidRequest, "a request id must be a number or a string")
                return .running
            }
            request(method, id: id, params: params)
            return .running
        }
        return notification(method, params: params)
    }

    private static func isValidID(_ id: JSON) -> Bool {
        switch id {
        case .int, .string: true
        default: false
        }
    }

    private func request(_ method: String, id: JSON, params: JSON?) {
        lock.lock()
        let phase = self.phase
        lock.unlock()
        switch (phase, method) {
        case (.waitingForInitialize, "initialize"):
            initialize(id: id, params: params)
        case (.waitingForInitialize, _):
            sendError(id: id, code: .serverNotInitialized, "the server has not been initialized")
        case (_, "initialize"):
            sendError(id: id, code: .invalidRequest, "the server is already initialized")
        case (.shutDown, _):
            sendError(id: id, code: .invalidRequest, "the server is shutting down: only 'exit' is accepted")
        case (.running, "shutdown"):
            lock.lock()
            self.phase = .shutDown
            lock.unlock()
            sendResult(id: id, .null)
        case (.running, "textDocument/hover"):
            hover(id: id, params: params)
        case (.running, "textDocument/codeAction"):
            codeAction(id: id, params: params)
        case (.running, "textDocument/diagnostic"):
            pullDiagnostics(id: id, params: params)
        default:
            sendError(id: id, code: .methodNotFound, "claimlint does not handle '\(method)'")
        }
    }

    private func notification(_ method: String, params: JSON?) -> Outcome {
        lock.lock()
        let phase = self.phase
        lock.unlock()
        if method == "exit" {
            waitUntilIdle()
            return .exit(phase == .shutDown ? 0 : 1)
        }
        // Before `initialize` only `exit` counts; after `shutdown` nothing does.
        guard phase == .running else { return .running }
        switch method {
        case "initialized": initialized()
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didSave": rulesMayHaveChanged()
        case "textDocument/didClose": didClose(params)
        case "workspace/didChangeWatchedFiles": rulesMayHaveChanged()
        case "$/cancelRequest": cancel(params)
        default: break  // Notifications we do not handle are ignored, as the protocol says.
        }
        return .running
    }

    // MARK: lifecycle

    private func initialize(id: JSON, params: JSON?) {
        let settings = SessionSettings(initializeParams: params)
        lock.lock()
        self.settings = settings
        phase = .running
        lock.unlock()
        lintQueue.async {
            self.resolver = RuleResolver(
                source: RuleSource(
                    rulesFile: settings.rulesFile, useProjectConfiguration: settings.useProjectConfiguration),
                baselineFile: settings.baselineFile)
        }
        var capabilities: [(String, JSON)] = [
            ("positionEncoding", .string(settings.encoding.rawValue)),
            ("textDocumentSync", ["openClose": true, "change": 2, "save": ["includeText": false]]),
            ("hoverProvider", true),
            ("codeActionProvider", ["codeActionKinds": ["quickfix"]]),
        ]
        if settings.pull {
            capabilities.append(
                (
                    "diagnosticProvider",
                    ["identifier": "claimlint", "interFileDependencies": false, "workspaceDiagnostics": false]
                ))
        }
        sendResult(
            id: id,
            [
                "capabilities": .object(capabilities),
                "serverInfo": ["name": "claimlint", "version": .string(ClaimLintVersion.current)],
            ])
    }

    private func initialized() {
        lock.lock()
        let settings = self.settings
        lock.unlock()
        for warning in settings.warnings {
            sendNotification("window/showMessage", ["type": 2, "message": .string("claimlint: \(warning)")])
        }
        if settings.clientWatchesFilesDynamically {
            sendRequest(
                "client/registerCapability",
                [
                    "registrations": [
                        [
                            "id": "claimlint-configuration",
                            "method": "workspace/didChangeWatchedFiles",
                            "registerOptions": [
                                "watchers": [["globPattern": .string("**/\(ProjectConfiguration.fileName)")]]
                            ],
                        ]
                    ]
                ])
        }
    }

    // MARK: documents

    private func didOpen(_ params: JSON?) {
        guard let item = params?["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else {
            return
        }
        let isMarkdown = DocumentURI.isMarkdown(uri: uri, languageID: item["languageId"]?.string)
        lock.lock()
        documents[uri] = OpenDocument(
            path: DocumentURI.path(of: uri), isMarkdown: isMarkdown,
            document: TextDocument(text: text, version: item["version"]?.int ?? 0))
        scheduleLint(uri, immediately: true)
        lock.unlock()
    }

    private func didChange(_ params: JSON?) {
        guard let uri = params?["textDocument"]?["uri"]?.string, let changes = params?["contentChanges"]?.array else {
            return
        }
        lock.lock()
        defer { lock.unlock() }
        guard var open = documents[uri] else { return }
        for change in changes {
            guard let text = change["text"]?.string else { continue }
            open.document.replace(LSPRange(change["range"]), with: text, encoding: settings.encoding)
        }
        open.document.version = params?["textDocument"]?["version"]?.int ?? open.document.version + 1
        documents[uri] = open
        scheduleLint(uri, immediately: false)
    }

    private func didClose(_ params: JSON?) {
        guard let uri = params?["textDocument"]?["uri"]?.string else { return }
        lock.lock()
        let wasOpen = documents.removeValue(forKey: uri) != nil
        let pull = settings.pull
        lock.unlock()
        // A closed page's findings leave the problems list (sent from the worker, after any lint of it).
        if wasOpen, !pull {
            lintQueue.async { self.publish(uri: uri, version: nil, diagnostics: []) }
        }
    }

    /// A save or a watched-file event may mean a configuration changed: read them all again and
    /// re-lint every open page.
    private func rulesMayHaveChanged() {
        lintQueue.async { self.resolver.invalidate() }
        lock.lock()
        rulesEpoch += 1
        let settings = self.settings
        for uri in documents.keys {
            scheduleLint(uri, immediately: true)
        }
        lock.unlock()
        if settings.pull, settings.clientRefreshesDiagnostics {
            sendRequest("workspace/diagnostic/refresh", nil)
        } else if settings.pull {
            // Without refresh the client pulls again on its next edit; configuration problems are still pushed.
            lintQueue.async { self.publishRulesProblems() }
        }
    }

    /// Bumps the document's generation and, when diagnostics are pushed, queues its lint. Call under `lock`.
    private func scheduleLint(_ uri: String, immediately: Bool) {
        guard documents[uri] != nil else { return }
        documents[uri]!.generation += 1
        guard !settings.pull, documents[uri]!.isMarkdown else { return }
        let generation = documents[uri]!.generation
        let delay = immediately ? 0 : settings.debounceMilliseconds
        if delay == 0 {
            lintQueue.async { self.lintAndPublish(uri, generation: generation) }
        } else {
            lintQueue.asyncAfter(deadline: .now() + .milliseconds(delay)) {
                self.lintAndPublish(uri, generation: generation)
            }
        }
    }

    // MARK: linting (on lintQueue only)

    private func lintAndPublish(_ uri: String, generation: Int) {
        guard let result = lintIfCurrent(uri, generation: generation) else { return }
        publish(
            uri: uri, version: result.document.version,
            diagnostics: DiagnosticBuilder.diagnostics(result.findings, uri: uri))
    }

    /// Lints the document if `generation` is still its latest, stores and returns the result;
    /// nil when the document was closed or changed meanwhile.
    private func lintIfCurrent(_ uri: String, generation: Int) -> LintResult? {
        lock.lock()
        guard let open = documents[uri], open.generation == generation else {
            lock.unlock()
            return nil
        }
        let epoch = rulesEpoch
        let encoding = settings.encoding
        lock.unlock()

        let result = lint(open, epoch: epoch, encoding: encoding)

        lock.lock()
        defer { lock.unlock() }
        guard documents[uri]?.generation == generation else { return nil }
        documents[uri]!.result = result
        return result
    }

    private func lint(_ open: OpenDocument, epoch: Int, encoding: PositionEncoding) -> LintResult {
        let resolution = resolver.resolve(path: open.path)
        publishRulesProblems()
        guard open.isMarkdown, let resolution, !resolution.excluded else {
            return LintResult(empty: open.document, rulesEpoch: epoch)
        }
        let linted = resolution.linter.lint(bytes: open.document.bytes, path: open.path ?? "<editor>", digest: false)
        // Approved claims, near variants and the baseline, judged as `check` judges them.
        let report = resolution.acceptance.judge(linted, linter: resolution.linter).report
        return LintResult(
            document: open.document, report: report, rules: resolution.rules, encoding: encoding,
            rulesEpoch: epoch)
    }

    /// Shows each new problem with a rules or configuration file once, as a diagnostic at its line
    /// and column and a message, and clears those that were fixed.
    private func publishRulesProblems() {
        let problems = resolver.problems
        guard problems != shownProblems else { return }
        for (file, error) in problems where shownProblems[file] != error {
            publish(uri: DocumentURI.uri(of: file), version: nil, diagnostics: [DiagnosticBuilder.diagnostic(error)])
            let fallback =
                file == resolver.rulesFile
                ? "pages are linted with the embedded rules"
                : file == resolver.baselineFile
                    ? "findings are shown without the baseline"
                    : file.hasSuffix(ProjectConfiguration.fileName)
                        ? "pages below it are linted without it"
                        : "pages of the configuration that names it are linted without that configuration"
            sendNotification(
                "window/showMessage",
                ["type": 1, "message": .string("claimlint: \(error) (\(fallback) until it is fixed)")])
        }
        for file in shownProblems.keys where problems[file] == nil {
            publish(uri: DocumentURI.uri(of: file), version: nil, diagnostics: [])
        }
        shownProblems = problems
    }

    private func publish(uri: String, version: Int?, diagnostics: JSON) {
        var params: [(String, JSON)] = [("uri", .string(uri))]
        if let version { params.append(("version", .int(version))) }
        params.append(("diagnostics", diagnostics))
        sendNotification("textDocument/publishDiagnostics", .object(params))
    }

    // MARK: requests about a document

    /// The open document a request names, or an error reply (nil) when it names none that is open.
    private func openDocument(for id: JSON, _ params: JSON?) -> (
        uri: String, document: OpenDocument, settings: SessionSettings
    )? {
        guard let uri = params?["textDocument"]?["uri"]?.string else {
            sendError(id: id, code: .invalidParams, "the request needs 'textDocument.uri'")
            return nil
        }
        lock.lock()
        let open = documents[uri]
        let settings = self.settings
        lock.unlock()
        guard let open else {
            sendError(id: id, code: .invalidParams, "\(uri) is not open (send textDocument/didOpen first)")
            return nil
        }
        return (uri, open, settings)
    }

    private func hover(id: JSON, params: JSON?) {
        guard let (_, open, settings) = openDocument(for: id, params) else { return }
        guard let position = LSPPosition(params?["position"]) else {
            return sendError(id: id, code: .invalidParams, "the request needs a 'position'")
        }
        guard let result = open.result, case let found = result.findings(at: position), let first = found.first else {
            return sendResult(id: id, .null)
        }
        let markdown = HoverText.markdown(found)
        let contents: JSON =
            settings.clientShowsMarkdown
            ? ["kind": "markdown", "value": .string(markdown)] : ["kind": "plaintext", "value": .string(markdown)]
        sendResult(id: id, ["contents": contents, "range": first.range.json])
    }

    private func codeAction(id: JSON, params: JSON?) {
        guard let (uri, open, settings) = openDocument(for: id, params) else { return }
        guard let range = LSPRange(params?["range"]) else {
            return sendError(id: id, code: .invalidParams, "the request needs a 'range'")
        }
        if let only = params?["context"]?["only"]?.array?.compactMap(\.string),
            !only.contains(where: { "quickfix".hasPrefix($0) })
        {
            return sendResult(id: id, [])
        }
        guard let result = open.result else { return sendResult(id: id, []) }
        let actions = CodeActions(
            uri: uri, result: result, encoding: settings.encoding, versionedEdits: settings.clientTakesVersionedEdits)
        sendResult(id: id, .array(result.findings(overlapping: range).flatMap(actions.actions)))
    }

    /// `textDocument/diagnostic`: answered from the worker (a fresh lint when the text or rules
    /// changed since the last one), unless cancelled first.
    private func pullDiagnostics(id: JSON, params: JSON?) {
        guard let (uri, _, _) = openDocument(for: id, params) else { return }
        let key = id.text
        let previous = params?["previousResultId"]?.string
        lock.lock()
        pendingRequests.insert(key)
        lock.unlock()
        lintQueue.async {
            self.lock.lock()
            guard self.pendingRequests.contains(key), let open = self.documents[uri] else {
                let cancelled = !self.pendingRequests.contains(key)
                self.pendingRequests.remove(key)
                self.lock.unlock()
                if !cancelled { self.sendError(id: id, code: .invalidParams, "\(uri) was closed") }
                return
            }
            let epoch = self.rulesEpoch
            let generation = open.generation
            let reusable = open.result.flatMap {
                $0.rulesEpoch == epoch && $0.document.version == open.document.version ? $0 : nil
            }
            self.lock.unlock()
            let result =
                reusable ?? self.lintIfCurrent(uri, generation: generation)
                ?? self.lint(open, epoch: epoch, encoding: self.settingsSnapshot.encoding)
            self.lock.lock()
            let stillWanted = self.pendingRequests.remove(key) != nil
            self.lock.unlock()
            guard stillWanted else { return }
            if previous == result.resultID {
                self.sendResult(id: id, ["kind": "unchanged", "resultId": .string(result.resultID)])
            } else {
                self.sendResult(
                    id: id,
                    [
                        "kind": "full", "resultId": .string(result.resultID),
                        "items": DiagnosticBuilder.diagnostics(result.findings, uri: uri),
                    ])
            }
        }
    }

    private var settingsSnapshot: SessionSettings {
        lock.lock()
        defer { lock.unlock() }
        return settings
    }

    private func cancel(_ params: JSON?) {
        guard let id = params?["id"] else { return }
        lock.lock()
        let wasPending = pendingRequests.remove(id.text) != nil
        lock.unlock()
        if wasPending { sendError(id: id, code: .requestCancelled, "cancelled") }
    }

    // MARK: output

    private func send(_ message: JSON) {
        let framed = MessageFramer.frame(message.bytes)
        outputLock.lock()
        output(framed)
        outputLock.unlock()
    }

    private func sendResult(id: JSON, _ result: JSON) {
        send(["jsonrpc": "2.0", "id": id, "result": result])
    }

    private func sendError(id: JSON, code: ErrorCode, _ message: String) {
        send(["jsonrpc": "2.0", "id": id, "error": ["code": .int(code.rawValue), "message": .string(message)]])
    }

    private func sendNotification(_ method: String, _ params: JSON) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    private func sendRequest(_ method: String, _ params: JSON?) {
        lock.lock()
        let id = nextRequestID
        nextRequestID += 1
        lock.unlock()
        var message: [(String, JSON)] = [
            ("jsonrpc", "2.0"), ("id", .string("claimlint-\(id)")), ("method", .string(method)),
        ]
        if let params { message.append(("params", params)) }
        send(.object(message))
    }
}

/// JSON-RPC and LSP error codes.
enum ErrorCode: Int {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case serverNotInitialized = -32002
    case requestCancelled = -32800
}
