import Foundation

/// A value taken from a response into a variable that later requests use (`captures:` in a request
/// file): `token: jsonpath "$.token" secret`.
public struct ResponseCapture: Hashable, Sendable, CustomStringConvertible {
    public enum Source: Hashable, Sendable {
        case status
        case header(String)
        case jsonPath(String)
        case xPath(String)
        /// The first match in the body: its first group when the pattern has one.
        case regex(String)
        case body
    }

    /// The variable it sets.
    public var name: String
    public var source: Source
    /// Masked wherever it is shown, like a secret variable.
    public var isSecret: Bool
    /// The expression as written, kept so that a save leaves it as it was.
    public var expression: String

    public init(name: String, source: Source, isSecret: Bool = false, expression: String) {
        self.name = name
        self.source = source
        self.isSecret = isSecret
        self.expression = expression
    }

    public var description: String { "\(name): \(expression)" }

    /// Reads `SOURCE [secret]`, where SOURCE is `status`, `header "NAME"`, `jsonpath "EXPR"`,
    /// `xpath "EXPR"`, `regex /PATTERN/` or `body`.
    public static func parse(name: String, expression: String) throws(ResponseCheck.SyntaxError) -> ResponseCapture {
        guard Template.isName(name) else {
            throw ResponseCheck.SyntaxError(offset: 0, message: "'\(name)' is not a variable name (letters, digits, _ and -)")
        }
        var scanner = CheckLineScanner(expression)
        do throws(CheckLineScanner.Problem) {
            let start = scanner.position()
            let source: Source
            switch scanner.word() {
            case "status": source = .status
            case "body": source = .body
            case "header": source = .header(try scanner.quoted("the header name"))
            case "jsonpath":
                let at = scanner.position()
                let text = try scanner.quoted("the JSONPath")
                do { _ = try JSONPath.parse(text) } catch { throw scanner.problem("the JSONPath is not valid: \(error)", at: at) }
                source = .jsonPath(text)
            case "xpath":
                let at = scanner.position()
                let text = try scanner.quoted("the XPath")
                do throws(XPathExpression.SyntaxError) { _ = try XPathExpression(text) } catch {
                    throw scanner.problem("the XPath is not valid: \(error)", at: at)
                }
                source = .xPath(text)
            case "regex":
                let at = scanner.position()
                let pattern = try scanner.pattern()
                guard RegularExpressionCheck.isValid(pattern) else {
                    throw scanner.problem("the pattern is not a valid regular expression (ICU syntax)", at: at)
                }
                source = .regex(pattern)
            default:
                throw scanner.problem("a capture takes its value from: status, header \"NAME\", jsonpath \"EXPR\", xpath \"EXPR\", regex /PATTERN/ or body", at: start)
            }
            let secret = scanner.take("secret")
            try scanner.expectEnd()
            return ResponseCapture(name: name, source: source, isSecret: secret, expression: expression.trimmingCharacters(in: .whitespaces))
        } catch {
            throw ResponseCheck.SyntaxError(offset: error.offset, message: error.message)
        }
    }
}

/// Another request this one needs first, for the values it captures (`needs:` in a request file).
public struct RequestDependency: Hashable, Sendable, CustomStringConvertible {
    /// The needed request's name, or its path in the collection (`auth/login.yaml`).
    public var request: String
    /// How long its captured values may be reused before it is sent again, in seconds; nil: it is
    /// sent again by every command that needs it (once per `portico run` round).
    public var reuseFor: Double?

    public init(request: String, reuseFor: Double? = nil) {
        self.request = request
        self.reuseFor = reuseFor
    }

    public var description: String { request }
}
