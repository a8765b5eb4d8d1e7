import ArgumentParser
import ClaimLintLSP
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `claimlint lsp`: the language server on standard input and output. This file is only the
/// transport: one thread reads and frames messages and hands them to the session in order; the
/// session (ClaimLintLSP) lints on its own worker and writes through `writeAll`.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the claimlint language server (LSP 3.17) on standard input and output.",
        discussion: """
            Start it from an editor, not by hand: see docs/editors.md. Options come from the client's \
            initializationOptions: debounceMs (default 150), rulesFile, noConfig, diagnosticMode (auto, push, pull). \
            Exit status: 0 after shutdown and exit, 1 when the client exits or goes away without shutdown.
            """
    )

    func run() throws {
        // A client that goes away mid-write must end the session with an error status, not a signal.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(output: { bytes in LSPCommand.writeAll(bytes) })
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            for event in framer.append(buffer[0..<count]) {
                if case .exit(let status) = server.receive(event) {
                    throw ExitCode(status)
                }
            }
        }
        // Standard input closed without `exit`: the client is gone.
        server.waitUntilIdle()
        throw ExitCode(server.hasShutDown ? 0 : 1)
    }

    static func writeAll(_ bytes: [UInt8]) {
        var remaining = bytes[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            remaining = remaining.dropFirst(written)
        }
    }
}
