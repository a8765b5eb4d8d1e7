import Foundation

/// What the client told us in `initialize`: its capabilities that change what we send, and
/// claimlint's own `initializationOptions`:
///
/// ```json
/// {"debounceMs": 150, "rulesFile": "rules/clinic.yml", "noConfig": false, "diagnosticMode": "auto",
///  "baseline": "claimlint-baseline.json"}
/// ```
struct SessionSettings {
    enum DiagnosticMode: String {
        /// Pull when the client can (`textDocument.diagnostic`), push otherwise.
        case auto, push, pull
    }

    var encoding = PositionEncoding.utf16
    /// Time to wait after an edit before linting; another edit in that time restarts the wait.
    var debounceMilliseconds = 150
    var rulesFile: String?
    /// A baseline file (`claimlint check --write-baseline`): the findings it records are not shown.
    var baselineFile: String?
    var useProjectConfiguration = true
    var pull = false
    var clientRefreshesDiagnostics = false
    var clientWatchesFilesDynamically = false
    var clientTakesVersionedEdits = false
    var clientShowsMarkdown = true
    /// Problems with the options themselves, shown to the user once the session starts.
    var warnings: [String] = []

    init() {}

    init(initializeParams params: JSON?) {
        let capabilities = params?["capabilities"]
        encoding = PositionEncoding.negotiate(
            offered: capabilities?["general"]?["positionEncodings"]?.array?.compactMap(\.string))
        let canPull = capabilities?["textDocument"]?["diagnostic"] != nil
        clientRefreshesDiagnostics = capabilities?["workspace"]?["diagnostics"]?["refreshSupport"]?.bool ?? false
        clientWatchesFilesDynamically =
            capabilities?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.bool ?? false
        clientTakesVersionedEdits = capabilities?["workspace"]?["workspaceEdit"]?["documentChanges"]?.bool ?? false
        if let formats = capabilities?["textDocument"]?["hover"]?["contentFormat"]?.array?.compactMap(\.string),
            !formats.isEmpty
        {
            clientShowsMarkdown = formats.contains("markdown")
        }

        let options = params?["initializationOptions"]
        if let value = options?["debounceMs"] {
            if let milliseconds = value.int, milliseconds >= 0 {
                debounceMilliseconds = min(milliseconds, 60_000)
            } else {
                warnings.append(
                    "initializationOptions.debounceMs must be a whole number of milliseconds, 0 or more; using 150")
            }
        }
        if let value = options?["rulesFile"] {
            if let file = value.string, !file.isEmpty {
                rulesFile = Self.absolute(file, root: Self.workspaceRoot(params))
            } else {
                warnings.append(
                    "initializationOptions.rulesFile must be the path of a rules file; using the embedded rules")
            }
        }
        if let value = options?["baseline"] {
            if let file = value.string, !file.isEmpty {
                baselineFile = Self.absolute(file, root: Self.workspaceRoot(params))
            } else {
                warnings.append("initializationOptions.baseline must be the path of a baseline file; using none")
            }
        }
        if let noConfig = options?["noConfig"]?.bool { useProjectConfiguration = !noConfig }
        var mode = DiagnosticMode.auto
        if let value = options?["diagnosticMode"] {
            if let name = value.string, let chosen = DiagnosticMode(rawValue: name) {
                mode = chosen
            } else {
                warnings.append("initializationOptions.diagnosticMode must be auto, push or pull; using auto")
            }
        }
        pull = mode == .pull || (mode == .auto && canPull)
    }

    /// The first workspace folder, or the root the client named, as a path.
    static func workspaceRoot(_ params: JSON?) -> String? {
        if let uri = params?["workspaceFolders"]?[0]?["uri"]?.string ?? params?["rootUri"]?.string,
            let path = DocumentURI.path(of: uri)
        {
            return path
        }
        return params?["rootPath"]?.string
    }

    static func absolute(_ path: String, root: String?) -> String {
        if path.hasPrefix("/") { return path }
        let base = root ?? FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: base).appendingPathComponent(path).standardizedFileURL.path
    }
}

/// File URIs and the paths they name.
enum DocumentURI {
    /// The path of a `file:` URI (percent-decoded); nil for other schemes (an unsaved buffer).
    static func path(of uri: String) -> String? {
        guard uri.hasPrefix("file:"), let url = URL(string: uri), url.isFileURL else { return nil }
        return url.path
    }

    static func uri(of path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }

    static func isMarkdown(uri: String, languageID: String?) -> Bool {
        if languageID == "markdown" { return true }
        let name = (path(of: uri) ?? uri).lowercased()
        return name.hasSuffix(".md") || name.hasSuffix(".markdown")
    }
}
