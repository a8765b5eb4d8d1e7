import ArgumentParser
import ClaimLint
import Foundation

/// `claimlint init`: writes a commented starter `.claimlint.yml`, never over an existing one.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter .claimlint.yml in the current folder (or --path); never overwrites one.")

    @Option(
        help: ArgumentHelp("The folder to write .claimlint.yml in (default: the current folder).", valueName: "folder"))
    var path: String = "."

    func run() throws {
        let file =
            path == "."
            ? ProjectConfiguration.fileName
            : (path as NSString).appendingPathComponent(
                ProjectConfiguration.fileName)
        // Created exclusively: an existing file (or a symlink planted there) is never replaced.
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            let reason =
                errno == EEXIST
                ? "already exists; claimlint init does not overwrite it (edit it, or remove it first)"
                : "cannot be created: \(String(cString: strerror(errno)))"
            Diagnostics.error(reason, path: file)
            throw ExitStatus.couldNotRun
        }
        let bytes = Array(StarterConfiguration.text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let closed = close(descriptor)
        guard written == bytes.count, closed == 0 else {
            unlink(file)  // a partial starter file would only be a confusing error on the next run
            Diagnostics.error("could not be written completely", path: file)
            throw ExitStatus.couldNotRun
        }
        Terminal.write("Wrote \(file): a starter configuration; `claimlint config` shows what is in force.\n")
    }
}
