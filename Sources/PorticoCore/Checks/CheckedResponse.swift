import Foundation

/// A response as checks and captures read it: parsed as JSON or XML at most once, however many
/// checks look at it.
public final class CheckedResponse: @unchecked Sendable {
    public let status: Int
    public let headers: [HTTPField]
    public let body: Data
    /// The whole exchange, in milliseconds.
    public let durationMilliseconds: Double
    /// Where a schema file named by a check is looked for: the request file's folder.
    public let baseDirectory: URL

    private var parsedJSON: Result<JSONValue, JSONValue.ParseError>?
    private var parsedXML: XPathDocument??
    private var decodedText: String?

    public init(status: Int, headers: [HTTPField], body: Data, durationMilliseconds: Double, baseDirectory: URL) {
        self.status = status
        self.headers = headers
        self.body = body
        self.durationMilliseconds = durationMilliseconds
        self.baseDirectory = baseDirectory
    }

    /// The response of `exchange`, with its body read whole (nil: no response arrived).
    public convenience init?(_ exchange: Exchange, baseDirectory: URL) throws(PorticoError) {
        guard let response = exchange.response else { return nil }
        let body = try exchange.body?.data() ?? Data()
        self.init(status: response.status, headers: response.headers, body: body,
                  durationMilliseconds: exchange.timing.total.milliseconds,
                  baseDirectory: baseDirectory)
    }

    /// The body as text: UTF-8, with invalid bytes replaced.
    public var text: String {
        if let decodedText { return decodedText }
        let text = String(decoding: body, as: UTF8.self)
        decodedText = text
        return text
    }

    /// The values of every field called `name`, in order.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    public func json() throws(JSONValue.ParseError) -> JSONValue {
        if parsedJSON == nil {
            do throws(JSONValue.ParseError) { parsedJSON = .success(try JSONValue.parse(body)) } catch { parsedJSON = .failure(error) }
        }
        return try parsedJSON!.get()
    }

    struct XMLProblem: Error { var message: String }

    /// What `expression` selects or computes in the body read as XML.
    func xPath(_ expression: String) throws(XMLProblem) -> XPathValue {
        if parsedXML == nil { parsedXML = .some(XPathDocument(body)) }
        guard let document = parsedXML! else { throw XMLProblem(message: "the body is not well-formed XML") }
        let query: XPathExpression
        do throws(XPathExpression.SyntaxError) { query = try XPathExpression(expression) } catch {
            throw XMLProblem(message: "the XPath is not valid: \(error)")
        }
        do throws(XPathExpression.EvaluationError) { return try query.evaluate(in: document) } catch {
            throw XMLProblem(message: "the XPath cannot be evaluated: \(error)")
        }
    }
}
