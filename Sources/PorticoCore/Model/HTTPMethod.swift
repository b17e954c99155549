/// An HTTP request method: one of the standard ones or any valid custom token (RFC 9110 §9.1).
public struct HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public static let get = HTTPMethod(unchecked: "GET")
    public static let post = HTTPMethod(unchecked: "POST")
    public static let put = HTTPMethod(unchecked: "PUT")
    public static let patch = HTTPMethod(unchecked: "PATCH")
    public static let delete = HTTPMethod(unchecked: "DELETE")
    public static let head = HTTPMethod(unchecked: "HEAD")
    public static let options = HTTPMethod(unchecked: "OPTIONS")

    public static let standard: [HTTPMethod] = [.get, .post, .put, .patch, .delete, .head, .options]

    /// Accepts any RFC 9110 token. Methods are case-sensitive on the wire, but people type
    /// `post` meaning `POST`, so the standard names are upper-cased; custom tokens are kept as typed.
    public init(_ text: String) throws(PorticoError) {
        guard !text.isEmpty, text.utf8.allSatisfy(HTTPToken.isTokenCharacter) else {
            throw .input("invalid method '\(text)': a method is a token of letters, digits and !#$%&'*+-.^_`|~")
        }
        let upper = text.uppercased()
        self.rawValue = HTTPMethod.standard.contains { $0.rawValue == upper } ? upper : text
    }

    private init(unchecked: String) { rawValue = unchecked }

    public var description: String { rawValue }
}

/// Character classes of RFC 9110 §5.6.2.
enum HTTPToken {
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenCharacter)
    }
}
