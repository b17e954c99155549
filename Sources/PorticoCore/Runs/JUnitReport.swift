import Foundation

/// A run as JUnit XML, the format CI systems read test results in: one `<testsuite>` per round,
/// one `<testcase>` per request sent, with `<failure>` for failed checks, `<error>` for requests
/// that could not be checked and `<skipped>` for those not sent.
public enum JUnitReport {
    public static func xml(_ summary: RunSummary, hostname: String = ProcessInfo.processInfo.hostName) -> String {
        let total = summary.outcomes.count
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let totalTime = summary.rounds.reduce(0) { $0 + $1.duration.milliseconds } / 1000
        lines.append("<testsuites name=\"\(escape("portico run: " + summary.collectionName))\" tests=\"\(total)\" failures=\"\(summary.count(.failed))\" errors=\"\(summary.count(.error))\" skipped=\"\(summary.count(.skipped))\" time=\"\(seconds(totalTime))\">")
        for round in summary.rounds {
            let name = summary.collectionName + (summary.environment.map { " (\($0))" } ?? "") + (summary.rounds.count > 1 ? " round \(round.number)" : "")
            lines.append("  <testsuite name=\"\(escape(name))\" tests=\"\(round.outcomes.count)\" failures=\"\(round.count(.failed))\" errors=\"\(round.count(.error))\" skipped=\"\(round.count(.skipped))\" time=\"\(seconds(round.duration.milliseconds / 1000))\" timestamp=\"\(timestamp(round.startedAt))\" hostname=\"\(escape(hostname))\">")
            for outcome in round.outcomes {
                lines += testCase(outcome)
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func testCase(_ outcome: RequestOutcome) -> [String] {
        let path = outcome.request.relativePath
        let folder = path.split(separator: "/").dropLast().joined(separator: ".")
        let name = "\(outcome.request.template.name) (\(path))" + (outcome.neededBy.map { ", needed by \($0)" } ?? "")
        let time = seconds((outcome.milliseconds ?? 0) / 1000)
        var lines = ["    <testcase classname=\"\(escape(folder.isEmpty ? "collection" : folder))\" name=\"\(escape(name))\" time=\"\(time)\">"]
        let reasons = outcome.failureLines
        switch outcome.verdict {
        case .passed: break
        case .skipped:
            lines.append("      <skipped message=\"\(escape(reasons.first ?? ""))\"/>")
        case .error:
            lines.append("      <error message=\"\(escape(reasons.first ?? ""))\" type=\"\(escape(outcome.problem?.kind.rawValue ?? "error"))\">\(escape(reasons.joined(separator: "\n")))</error>")
        case .failed:
            let failed = outcome.failedChecks
            lines.append("      <failure message=\"\(escape("\(failed) of \(outcome.checks.count) checks failed: \(reasons.first ?? "")"))\" type=\"check\">\(escape(reasons.joined(separator: "\n")))</failure>")
        }
        var output: [String] = []
        if let line = outcome.requestLine { output.append(line) }
        if let status = outcome.exchange?.response?.status { output.append("status \(status), \(String(format: "%.1f", outcome.milliseconds ?? 0)) ms") }
        for check in outcome.checks { output.append("\(check.passed ? "pass" : "FAIL")  \(outcome.masked(check.check.source))  (got \(outcome.masked(check.actual)))") }
        if !output.isEmpty { lines.append("      <system-out>\(escape(output.joined(separator: "\n")))</system-out>") }
        lines.append("    </testcase>")
        return lines
    }

    /// XML text: markup characters as entities, and characters XML 1.0 cannot hold (most
    /// control characters) as visible `\u{…}` escapes.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF {
                    result += "\\u{\(String(value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
