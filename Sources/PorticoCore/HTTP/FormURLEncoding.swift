import Foundation

/// application/x-www-form-urlencoded as the WHATWG URL standard defines it: space is `+`.
public enum FormURLEncoding {
    private static let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-._ ")

    public static func encode(_ text: String) -> String {
        (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: " ", with: "+")
    }

    /// The pairs of form text, decoded (`+` is a space). A pair without `=` has an empty value.
    public static func decodePairs(_ text: Substring) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        // An invalid escape (a lone `%`) is kept as written rather than dropping the parameter.
        return spaced.removingPercentEncoding ?? spaced
    }
}
