import ClaimLint

/// The one form every problem claimlint reports on standard error takes, documented in the README
/// next to the exit codes: `claimlint: error: PATH[:LINE[:COLUMN]]: message` (and `note:` for
/// things worth knowing that are not failures). Editors and CI logs can jump to the location.
enum Diagnostics {
    static func error(_ message: String, path: String? = nil, line: Int? = nil, column: Int? = nil) {
        write("error", message, path: path, line: line, column: column)
    }

    static func warning(_ message: String, path: String? = nil) {
        write("warning", message, path: path, line: nil, column: nil)
    }

    static func note(_ message: String, path: String? = nil) {
        write("note", message, path: path, line: nil, column: nil)
    }

    /// A rules or configuration file's problem, at the line and column it names.
    static func error(_ problem: RulesError) {
        error(problem.message, path: problem.file, line: problem.line, column: problem.column)
    }

    /// The line, as written, for tests and for messages that are already located (`PATH: message`).
    static func line(_ level: String, _ message: String, path: String?, line: Int?, column: Int?) -> String {
        // Page text, file names and YAML keys may hold ESC or BEL: never raw on a terminal.
        let message = ControlCharacters.escaped(message)
        var location = ""
        if let path {
            location = ControlCharacters.escaped(path)
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            location += ": "
        }
        return "claimlint: \(level): \(location)\(message)\n"
    }

    private static func write(_ level: String, _ message: String, path: String?, line: Int?, column: Int?) {
        Terminal.writeError(Self.line(level, message, path: path, line: line, column: column))
    }
}
