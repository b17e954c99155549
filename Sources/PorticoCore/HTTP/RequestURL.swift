import Foundation

/// Builds the URL that goes on the wire from what the user typed plus query rows.
public enum RequestURL {
    /// - `example.com/x` and `localhost:8080/x` get `http://`; `:8080/x` means `http://localhost:8080/x`.
    /// - Characters that cannot stand in a URL (spaces, non-ASCII) are percent-encoded; existing `%XX` stay.
    /// - Query rows are appended after any query already in the URL, in order, encoded.
    public static func build(_ text: String, appending query: [(String, String)] = []) throws(PorticoError) -> URL {
        var typed = text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { throw .input("invalid URL: it is empty") }
        if typed.hasPrefix(":") { typed = "http://localhost" + typed }
        if typed.range(of: "^[A-Za-z][A-Za-z0-9+.-]*://", options: .regularExpression) == nil {
            typed = "http://" + typed
        }
        let encoded = encodeInvalidCharacters(typed)
        guard var components = URLComponents(string: encoded) else {
            throw .input("invalid URL '\(text)'")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .input("invalid URL '\(text)': only http and https are supported")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .input("invalid URL '\(text)': it has no host")
        }
        if components.path.isEmpty { components.percentEncodedPath = "/" }
        if !query.isEmpty {
            let added = query.map { encodeQueryComponent($0.0) + "=" + encodeQueryComponent($0.1) }.joined(separator: "&")
            if let existing = components.percentEncodedQuery, !existing.isEmpty {
                components.percentEncodedQuery = existing + "&" + added
            } else {
                components.percentEncodedQuery = added
            }
        }
        guard let url = components.url else { throw .input("invalid URL '\(text)'") }
        return url
    }

    /// RFC 3986 unreserved characters plus the few sub-delimiters that are safe inside a query value.
    private static let queryValueAllowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        set.insert(charactersIn: "!$'()*,/:@?")
        return set
    }()

    public static func encodeQueryComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? text
    }

    /// Everything a URL may hold as typed: unreserved, reserved and `%`.
    private static let urlAllowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        set.insert(charactersIn: ":/?#[]@!$&'()*+,;=%")
        return set
    }()

    static func encodeInvalidCharacters(_ text: String) -> String {
        var result = text.addingPercentEncoding(withAllowedCharacters: urlAllowed) ?? text
        // A `%` not followed by two hex digits is a literal percent sign.
        result = result.replacingOccurrences(of: "%(?![0-9A-Fa-f]{2})", with: "%25", options: .regularExpression)
        return result
    }
}
