import Foundation
import PorticoCore

/// What `portico run` shows while and after it runs: a progress line on standard error when that
/// is a terminal, a table of the requests with the reasons of failures, and for `--every` one line
/// per round. Everything a server sent is escaped and secrets are masked.
struct RunConsole {
    let showsProgress = isatty(STDERR_FILENO) == 1

    func progress(_ index: Int, of total: Int, _ request: StoredRequest) {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(index)/\(total)] \(TerminalText.sanitize(request.relativePath))".utf8))
    }

    func clearProgress() {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// The table of one round: request, status, time, checks; then why each failure failed.
    func table(_ round: RunRound) -> String {
        let rows: [[String]] = round.outcomes.map { outcome in
            let mark = switch outcome.verdict {
            case .passed: "✓"
            case .failed: "✗"
            case .error: "!"
            case .skipped: "-"
            }
            let name = outcome.request.relativePath + (outcome.neededBy.map { " (for \($0))" } ?? "")
            let status = outcome.exchange?.response.map { String($0.status) } ?? (outcome.verdict == .skipped ? "skipped" : "error")
            let time = outcome.milliseconds.map { DurationText.describe(.milliseconds($0)) } ?? ""
            let checks = outcome.checks.isEmpty ? "" : "\(outcome.checks.count - outcome.failedChecks)/\(outcome.checks.count)"
            return [mark, name, status, time, checks]
        }
        let headers = ["", "REQUEST", "STATUS", "TIME", "CHECKS"]
        let widths = headers.indices.map { column in ([headers] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = [line(headers)]
        for (outcome, row) in zip(round.outcomes, rows) {
            lines.append(line(row))
            for reason in outcome.failureLines where outcome.verdict != .passed {
                lines.append("     \(outcome.verdict == .skipped ? "skipped: " : "")\(reason)")
            }
        }
        lines.append(totals(round))
        return TerminalText.sanitize(lines.joined(separator: "\n")) + "\n"
    }

    /// `14 requests: 12 passed, 1 failed, 1 error, 0 skipped in 1.23 s`.
    func totals(_ round: RunRound) -> String {
        let count = round.outcomes.count
        return "\(count) request\(count == 1 ? "" : "s"): \(round.count(.passed)) passed, \(round.count(.failed)) failed, "
            + "\(round.count(.error)) error\(round.count(.error) == 1 ? "" : "s"), \(round.count(.skipped)) skipped in \(DurationText.describe(round.duration))"
    }

    /// One line per `--every` round, with the latency of its requests and what failed.
    func monitorLine(_ round: RunRound) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        let times = round.outcomes.compactMap(\.milliseconds).sorted()
        var line = "\(formatter.string(from: round.startedAt))  round \(round.number): \(round.count(.passed)) passed, \(round.count(.failed)) failed, \(round.count(.error)) errors"
        if !times.isEmpty {
            let median = times[(times.count - 1) / 2]
            line += " · p50 \(DurationText.describe(.milliseconds(median))) · max \(DurationText.describe(.milliseconds(times.last!)))"
        }
        var lines = [line]
        for outcome in round.outcomes where outcome.verdict == .failed || outcome.verdict == .error {
            lines.append("    \(outcome.request.relativePath): \(outcome.failureLines.joined(separator: "; "))")
        }
        return TerminalText.sanitize(lines.joined(separator: "\n")) + "\n"
    }
}
