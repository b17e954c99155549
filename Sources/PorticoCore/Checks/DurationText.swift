import Foundation

/// Durations as people write them in checks and on the command line: `250ms`, `1.5s`, `2m`, `1h`;
/// a bare number is in milliseconds in a check and in seconds where a flag says so.
public enum DurationText {
    /// Milliseconds for `text`, a bare number counting as milliseconds; nil when it is not a duration.
    public static func milliseconds(_ text: String) -> Double? {
        milliseconds(text, bareUnit: 1)
    }

    /// Seconds for `text`, a bare number counting as seconds; nil when it is not a duration.
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

    /// A JSON number literal for a count of milliseconds: whole numbers without a fraction.
    static func literal(_ milliseconds: Double) -> String {
        milliseconds == milliseconds.rounded() && abs(milliseconds) < 1e15 ? String(Int64(milliseconds)) : String(milliseconds)
    }

    /// `1.2 s`, `340 ms`: for people.
    public static func describe(milliseconds: Double) -> String {
        milliseconds >= 1000 ? "\(String(format: "%.2f", milliseconds / 1000)) s" : "\(String(format: milliseconds < 10 ? "%.1f" : "%.0f", milliseconds)) ms"
    }
}
