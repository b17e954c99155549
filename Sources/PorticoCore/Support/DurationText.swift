import Foundation

/// A span of time as people type it on a command line: `500ms`, `10s`, `2m`, `1h`, `1.5s`.
public enum DurationText {
    public static func parse(_ text: String) throws(PorticoError) -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let number = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(number.count).lowercased()
        let milliseconds: [String: Double] = ["ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000]
        guard let value = Double(number), let scale = milliseconds[unit], value > 0, value * scale <= 31_536_000_000 else {
            throw .input("'\(text)' is not a duration: write a number above 0 and a unit, ms, s, m or h (e.g. 500ms, 30s, 2m)")
        }
        return .microseconds(Int64((value * scale * 1000).rounded()))
    }

    /// `1.5 s`, `250 ms`, `2 min`: a duration as the reports write it.
    public static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.milliseconds
        if milliseconds < 1000 { return "\(trimmed(milliseconds)) ms" }
        if milliseconds < 120_000 { return "\(trimmed(milliseconds / 1000)) s" }
        return "\(trimmed(milliseconds / 60_000)) min"
    }

    private static func trimmed(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    }
}
