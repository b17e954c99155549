import Foundation

/// An application/x-www-form-urlencoded body as the viewer shows it: one `name = value` line a
/// field, decoded as the request side encodes them (`FormURLEncoding`).
public enum FormBody {
    /// The fields of `data` in order. An invalid percent escape is shown as written; a line break
    /// or other control character in a name or value is shown escaped, so a field stays one line;
    /// line breaks after the last field (a text-file habit) are not a part of it.
    public static func lines(_ data: Data) -> [String] {
        var text = Substring(String(decoding: data, as: UTF8.self))
        while text.last?.isNewline == true { text = text.dropLast() }
        return FormURLEncoding.decodePairs(text).map { "\(visible($0.name)) = \(visible($0.value))" }
    }

    private static func visible(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}
