import Foundation

/// The regular expressions of checks and captures (ICU syntax, as NSRegularExpression reads it).
enum RegularExpressionCheck {
    /// Whether `pattern` compiles (Foundation on Linux gives no reason when it does not).
    static func isValid(_ pattern: String) -> Bool {
        CompiledExpressions.expression(pattern) != nil
    }

    /// The first match of `pattern` in `text`: its first group when it has one, else the whole match.
    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let expression = CompiledExpressions.expression(pattern) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        guard let match = expression.firstMatch(in: text, range: range) else { return nil }
        let group = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range
        return Range(group, in: text).map { String(text[$0]) }
    }
}
