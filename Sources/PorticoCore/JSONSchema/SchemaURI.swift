import Foundation

/// Just enough of RFC 3986 for `$id` and `$ref`: resolving a reference against a base URI and
/// splitting off the fragment.
enum SchemaURI {
    /// The base of a document without `$id`. Not a URL that can be fetched: relative references
    /// against it find nothing unless an `$id` in the document matches.
    static let defaultBase = "urn:portico:schema"

    static func resolve(_ reference: String, against base: String) -> String {
        let baseWithoutFragment = split(base).resource
        if reference.isEmpty { return baseWithoutFragment }
        if reference.hasPrefix("#") { return baseWithoutFragment + reference }
        if hasScheme(reference) { return reference }
        guard let baseURL = URL(string: baseWithoutFragment),
              let resolved = URL(string: reference, relativeTo: baseURL)?.absoluteString else {
            return reference
        }
        return resolved
    }

    /// The URI without its fragment, and the fragment (without "#") if there is one.
    static func split(_ uri: String) -> (resource: String, fragment: String?) {
        guard let hash = uri.firstIndex(of: "#") else { return (uri, nil) }
        return (String(uri[..<hash]), String(uri[uri.index(after: hash)...]))
    }

    /// RFC 3986 scheme: a letter, then letters, digits, "+", "-" or ".", then ":".
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}
