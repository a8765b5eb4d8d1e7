import Foundation

/// When and from which commit a run was made, for the HTML report's run record (the other formats
/// carry no date, so the same pages give the same bytes). `SOURCE_DATE_EPOCH`
/// (https://reproducible-builds.org/specs/source-date-epoch/) replaces the clock, so a report made
/// in a reproducible build or a test is stable.
enum RunStamp {
    /// ISO 8601 in UTC, to the second.
    static func date(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let seconds =
            environment["SOURCE_DATE_EPOCH"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            ?? Int(Date().timeIntervalSince1970)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `git rev-parse HEAD` in the current folder, or nil outside a git work tree (or without git).
    static func commit() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "--verify", "--quiet", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
