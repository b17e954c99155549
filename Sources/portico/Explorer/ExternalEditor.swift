import Foundation
import PorticoCore

/// Edits a text in the user's `$VISUAL` / `$EDITOR` (default vi) through a private temporary file.
enum ExternalEditor {
    static func edit(_ text: String) -> Result<String, EditorError> {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portico-body-\(UUID().uuidString).txt")
        do {
            let handle = try NewFile.create(file, mode: 0o600)
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } catch {
            return .failure(EditorError(message: "cannot create a temporary file for the editor: \(error)"))
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor setting may carry arguments ("code -w"); the file name is passed safely as $1.
        process.arguments = ["-c", "\(editor) \"$1\"", "portico-editor", file.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return .failure(EditorError(message: "cannot start the editor '\(editor)': \(error.localizedDescription)"))
        }
        guard process.terminationStatus == 0 else {
            return .failure(EditorError(message: "the editor '\(editor)' exited with status \(process.terminationStatus); the body is unchanged"))
        }
        guard let data = FileManager.default.contents(atPath: file.path), let edited = String(data: data, encoding: .utf8) else {
            return .failure(EditorError(message: "the edited body is not UTF-8 text; it is unchanged"))
        }
        return .success(edited)
    }

    struct EditorError: Error {
        let message: String
    }
}
