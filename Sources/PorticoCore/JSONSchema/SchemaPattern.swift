import Foundation

/// A `pattern` or `patternProperties` regular expression: ECMA-262 syntax, as JSON Schema says,
/// run by ICU through `NSRegularExpression`, searching anywhere in the string (not anchored).
///
/// `@unchecked Sendable`: the expression is immutable once made, and `NSRegularExpression` is
/// documented as safe to use from several threads at once.
struct SchemaPattern: @unchecked Sendable {
    /// The pattern as the schema wrote it.
    let source: String
    private let expression: NSRegularExpression

    /// Nil when ICU cannot compile the pattern.
    init?(_ source: String) {
        guard let expression = CompiledExpressions.expression(SchemaPattern.icuSyntax(forECMAScript: source)) else {
            return nil
        }
        self.source = source
        self.expression = expression
    }

    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Rewrites the few ECMA-262 constructs whose meaning differs in ICU: `$` ends only the input in
    /// ECMA-262 (ICU also matches before a final line break), and `\d` and `\w` are ASCII-only in
    /// ECMA-262 (ICU's include every script's digits and letters). Everything else means the same.
    static func icuSyntax(forECMAScript pattern: String) -> String {
        var result = ""
        var insideClass = false
        var scalars = pattern.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\\" {
                guard let escaped = scalars.next() else {
                    result.unicodeScalars.append(scalar)
                    break
                }
                switch (escaped, insideClass) {
                case ("d", false): result += "[0-9]"
                case ("D", false): result += "[^0-9]"
                case ("w", false): result += "[A-Za-z0-9_]"
                case ("W", false): result += "[^A-Za-z0-9_]"
                case ("d", true): result += "0-9"
                case ("w", true): result += "A-Za-z0-9_"
                default:
                    result.unicodeScalars.append(scalar)
                    result.unicodeScalars.append(escaped)
                }
                continue
            }
            if insideClass {
                if scalar == "]" { insideClass = false }
                result.unicodeScalars.append(scalar)
            } else if scalar == "[" {
                insideClass = true
                result.unicodeScalars.append(scalar)
            } else if scalar == "$" {
                result += "\\z"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
