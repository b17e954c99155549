import Foundation

/// A run in the Test Anything Protocol (version 14): one test point per request, failures
/// explained in a YAML block, skipped requests with `# SKIP`.
public enum TAPReport {
    public static func text(_ summary: RunSummary) -> String {
        let outcomes = summary.outcomes
        var lines = ["TAP version 14", "1..\(outcomes.count)"]
        for (index, outcome) in outcomes.enumerated() {
            let description = "\(outcome.request.relativePath) \(outcome.request.template.name)"
                .replacingOccurrences(of: "#", with: "\\#").replacingOccurrences(of: "\n", with: " ")
            switch outcome.verdict {
            case .passed:
                lines.append("ok \(index + 1) - \(description)")
            case .skipped:
                lines.append("ok \(index + 1) - \(description) # SKIP \(outcome.skipReason ?? "")")
            case .failed, .error:
                lines.append("not ok \(index + 1) - \(description)")
                lines.append("  ---")
                lines.append("  verdict: \(outcome.verdict.rawValue)")
                if let status = outcome.exchange?.response?.status { lines.append("  status: \(status)") }
                lines.append("  failures:")
                for reason in outcome.failureLines { lines.append("    - \(JSONValue.string(reason).serialized())") }
                lines.append("  ...")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
