import ArgumentParser
import ClaimLint

/// claimlint's exit codes, documented in the README.
enum ExitStatus {
    /// Nothing at or above `--fail-on`.
    static let clean = ExitCode(0)
    /// Findings at or above `--fail-on`.
    static let findings = ExitCode(1)
    /// Could not run: a bad rules or configuration file, or an input that could not be linted.
    static let couldNotRun = ExitCode(2)
    // 64 (usage) comes from ArgumentParser's ValidationError.
}

enum ClaimLintVersionString {
    static let value = ClaimLintVersion.current
}
