import Foundation
import Testing

/// Compares `text` with the file `__Snapshots__/NAME.txt` next to this test file, exactly.
/// With `PORTICO_RECORD_SNAPSHOTS=1` in the environment the file is written instead: record on
/// demand, then read the file to check that it shows what it should.
func assertSnapshot(_ text: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = folder.appendingPathComponent("\(name).txt")
    let contents = text + "\n"
    if ProcessInfo.processInfo.environment["PORTICO_RECORD_SNAPSHOTS"] == "1" {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: file, options: .atomic)
        } catch {
            Issue.record("could not record \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: file.path), let expected = String(data: data, encoding: .utf8) else {
        Issue.record("no snapshot at \(file.path): run with PORTICO_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if expected != contents {
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = contents.components(separatedBy: "\n")
        let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let expectedLine = firstDifference < expectedLines.count ? expectedLines[firstDifference] : "(none)"
        let actualLine = firstDifference < actualLines.count ? actualLines[firstDifference] : "(none)"
        Issue.record("""
            snapshot \(name) differs from line \(firstDifference + 1):
              expected: \(expectedLine)
              actual:   \(actualLine)
            full output:
            \(contents)
            """, sourceLocation: sourceLocation)
    }
}
