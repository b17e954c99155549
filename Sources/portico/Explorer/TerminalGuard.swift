import Foundation

/// Puts the terminal back if Portico dies abruptly (a crash signal; SIGINT, SIGTERM or SIGHUP
/// before the explorer's loop runs — the loop itself ends cleanly on those): the saved terminal modes are
/// restored with async-signal-safe calls only, the alternate screen is left and the cursor shown,
/// so the user's shell is usable again.
enum TerminalGuard {
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var armed = false
    /// The handlers that were there before (the Swift runtime's backtracer among them), run after
    /// the terminal is restored so crash reports still appear.
    nonisolated(unsafe) private static var previous: [sigaction] = Array(repeating: sigaction(), count: 65)
    /// Bracketed paste and mouse off, attributes reset, cursor shown, alternate screen left. Built
    /// when armed: a signal handler must not allocate.
    nonisolated(unsafe) private static var reset: [UInt8] = []

    static func arm() {
        reset = Array("\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)
        tcgetattr(STDIN_FILENO, &saved)
        armed = true
        for signalNumber in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                TerminalGuard.restoreFromSignal()
                sigaction(number, &TerminalGuard.previous[Int(number)], nil)
                raise(number)
            }
            sigaction(signalNumber, &action, &previous[Int(signalNumber)])
        }
    }

    static func disarm() { armed = false }

    private static func restoreFromSignal() {
        guard armed else { return }
        reset.withUnsafeBufferPointer { buffer in
            _ = write(STDOUT_FILENO, buffer.baseAddress, buffer.count)
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }
}
