import Foundation

/// Timestamps of drawn frames for the TUI benchmark (`Benchmarks/tui_bench.py`), written only
/// when `PORTICO_FRAME_LOG` names a file: the start-up stages up to the first frame, and for each
/// batch of keys the moment the loop woke up and the moment the frame was drawn. Wall-clock
/// seconds, so the benchmark can compare them with the moment it started the process.
final class FrameLog: @unchecked Sendable {
    /// The one log of this process (nil unless asked for); written from one thread at a time.
    static let shared = fromEnvironment()

    private let handle: FileHandle

    private init(handle: FileHandle) { self.handle = handle }

    private static func fromEnvironment() -> FrameLog? {
        guard let path = ProcessInfo.processInfo.environment["PORTICO_FRAME_LOG"], !path.isEmpty,
              FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else { return nil }
        return FrameLog(handle: handle)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func record(_ event: String, _ times: Double...) {
        let line = ([event] + times.map { String(format: "%.6f", $0) }).joined(separator: " ") + "\n"
        handle.write(Data(line.utf8))
    }
}
