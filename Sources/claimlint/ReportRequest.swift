import ArgumentParser
import ClaimLint

/// One `--report FORMAT=PATH`: a report to write to a file beside the terminal output.
struct ReportRequest: ExpressibleByArgument {
    var format: ReportFormat
    var path: String

    init?(argument: String) {
        // Split at the first '=': the format never holds one, a path may.
        guard let equals = argument.firstIndex(of: "="),
            let format = ReportFormat(rawValue: String(argument[..<equals])),
            equals < argument.index(before: argument.endIndex)
        else { return nil }
        self.format = format
        self.path = String(argument[argument.index(after: equals)...])
    }

    static var defaultValueDescription: String { "FORMAT=PATH" }
}
