import Foundation

/// A deliberate crash while a frame is drawn, for the tmux test that checks the terminal is given
/// back after a crash (TerminalGuard). It exists only in debug builds (release builds compile it
/// to nothing) and fires only when PORTICO_TEST_CRASH_WHILE_DRAWING is exactly `after-first-key`,
/// a value no one sets by accident: the first frame drawn after a key press crashes.
enum TestCrash {
    #if DEBUG
    private static let armed = ProcessInfo.processInfo.environment["PORTICO_TEST_CRASH_WHILE_DRAWING"] == "after-first-key"
    #endif

    /// Crashes when armed and the frame being drawn answers a key; otherwise does nothing.
    static func whileDrawing(afterKey: Bool) {
        #if DEBUG
        if armed, afterKey {
            fatalError("PORTICO_TEST_CRASH_WHILE_DRAWING=after-first-key: crashing while drawing, as the test asked")
        }
        #endif
    }
}
