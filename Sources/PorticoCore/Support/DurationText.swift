import Foundation

/// A span of time as people type it on a command line and in files: `500ms`, `10s`, `2m`, `1h`, `1.5s`.
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

    /// Milliseconds for `text` in a check line, where a bare number is milliseconds; nil when it is not a duration.
    public static func milliseconds(_ text: String) -> Double? {
        milliseconds(text, bareUnit: 1)
    }

    /// Seconds for `text` in a file (a `ttl`), where a bare number is seconds; nil when it is not a duration.
    public static func seconds(_ text: String) -> Double? {
        milliseconds(text, bareUnit: 1000).map { $0 / 1000 }
    }

    private static func milliseconds(_ text: String, bareUnit: Double) -> Double? {
        let units: [(suffix: String, factor: Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            if let number = Double(trimmed.dropLast(unit.suffix.count)), number.isFinite, number >= 0 { return number * unit.factor }
        }
        guard let number = Double(trimmed), number.isFinite, number >= 0, trimmed.first?.isNumber == true else { return nil }
        return number * bareUnit
    }

    /// `30s`, `5m`, `1h`, `1.5s`: how a file writes a number of seconds.
    public static func text(seconds: Double) -> String {
        for (unit, size) in [("h", 3600.0), ("m", 60.0)] where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
            return literal(seconds / size) + unit
        }
        return literal(seconds) + "s"
    }

    /// A JSON number literal for a count: whole numbers without a fraction.
    static func literal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
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
