import ArgumentParser
import Foundation
import PorticoCore

/// `--report junit:FILE`, `json:FILE`, `tap` or `tap:FILE`.
struct RunReportTarget: Sendable {
    enum Format: String, CaseIterable, Sendable {
        case junit, json, tap
    }

    var format: Format
    /// nil: standard output (TAP only).
    var file: URL?

    init(_ specification: String) throws {
        let parts = specification.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first, let format = Format(rawValue: name) else {
            throw ValidationError("--report '\(specification)': write junit:FILE, json:FILE, tap or tap:FILE")
        }
        self.format = format
        if parts.count == 2, !parts[1].isEmpty {
            file = URL(fileURLWithPath: parts[1], relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        } else if format != .tap {
            throw ValidationError("--report \(format.rawValue) needs a file: \(format.rawValue):FILE")
        }
    }

    /// Writes the report whole (a reader never sees half of one); a failure is said, not fatal.
    func write(_ summary: RunSummary) {
        guard let file else { return }
        let data: Data = switch format {
        case .junit: Data(JUnitReport.xml(summary).utf8)
        case .json: RunJSONReport.json(summary)
        case .tap: Data(TAPReport.text(summary).utf8)
        }
        do throws(PorticoError) { try AtomicFile.write(data, to: file) } catch {
            Console.error("the \(format.rawValue) report was not written: \(error.message)")
        }
    }
}
