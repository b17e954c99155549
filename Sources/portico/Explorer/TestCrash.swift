import Foundation

/// A deliberate crash while a frame is drawn, for the tmux test that checks the terminal is given
/// back after a crash (TerminalGuard). It exists only in debug builds (release builds compile it
/// to nothing) and fires only when PORTICO_TEST_CRASH_DRAWING_FRAME holds the number of the frame
/// to crash in (1 is the first), a name no one sets by accident.
enum TestCrash {
    #if DEBUG
    private static let frame = ProcessInfo.processInfo.environment["PORTICO_TEST_CRASH_DRAWING_FRAME"].flatMap { Int($0) }
    #endif

    /// Crashes if this is the frame the test asked for; otherwise does nothing.
    static func whileDrawing(frame number: Int) {
        #if DEBUG
        if let frame, frame == number {
            fatalError("PORTICO_TEST_CRASH_DRAWING_FRAME=\(frame): crashing while drawing frame \(number), as the test asked")
        }
        #endif
    }
}
