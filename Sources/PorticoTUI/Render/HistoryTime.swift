import Foundation

/// Times of history entries as the screen shows them, in a given time zone (render stays pure).
public enum HistoryTime {
    /// `2026-11-29 06:10:00`
    public static func full(_ date: Date, _ timeZone: TimeZone) -> String {
        let parts = components(date, timeZone)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// `06:10`
    static func short(_ date: Date, _ timeZone: TimeZone) -> String {
        let parts = components(date, timeZone)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    private static func components(_ date: Date, _ timeZone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }
}
