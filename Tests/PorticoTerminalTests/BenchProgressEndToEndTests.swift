import Foundation
import Testing

/// `portico bench` in a real terminal: while it runs, a progress line on standard error counts the
/// requests; when it ends, the line is gone and the report with its histogram is there.
@Suite("portico bench in a real terminal", .serialized)
struct BenchProgressEndToEndTests {
    @Test func progressLineThenReport() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        let binary = TmuxSession.binary
        // The demo server runs in the background of the same shell, on a free port it prints.
        try session.start(
            "cd '\(session.home.path)'; '\(binary)' demo --serve --port 0 > server.txt & until [ -s server.txt ]; do sleep 0.1; done; "
                + "'\(binary)' bench \"$(awk '{print $NF; exit}' server.txt)/delay/100\" -n 30; echo \"exited=$?\"; kill %1",
            width: 120, height: 30)
        session.waitFor("/30 requests")
        #expect(session.screen.contains("errors 0"), "\(session.screen)")
        session.waitFor("exited=0", timeout: 30)
        let screen = session.screen
        #expect(screen.contains("latency histogram (30 answers)"), "\(screen)")
        #expect(screen.contains("200 × 30"), "\(screen)")
        #expect(!screen.contains("/30 requests"), "the progress line stayed:\n\(screen)")
    }
}
