import ArgumentParser
import Foundation
import PorticoCore

/// The documented exit codes (docs/cli.md).
enum ExitCodes {
    static let httpFailure = ExitCode(1)
    static let badInput = ExitCode(2)
    static let network = ExitCode(3)
    static let cancelled = ExitCode(130)

    static func code(for error: PorticoError) -> ExitCode {
        switch error.kind {
        case .template, .input: badInput
        case .cancelled: cancelled
        case .connect, .dns, .tls, .timeout, .protocol: network
        }
    }
}

/// Messages for people go to standard error, escaped: they may quote what a server sent.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("portico: \(TerminalText.sanitize(message))\n".utf8))
    }

    static func info(_ message: String) {
        FileHandle.standardError.write(Data("\(TerminalText.sanitize(message))\n".utf8))
    }

    /// Fails with a message and the exit code of its kind.
    static func fail(_ error: PorticoError) -> ExitCode {
        Self.error("\(error.kind == .template ? "template error: " : "")\(error.message)")
        return ExitCodes.code(for: error)
    }
}
