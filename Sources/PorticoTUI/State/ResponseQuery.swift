import Foundation
import PorticoCore

/// A JSONPath query (RFC 9535) over the response body, typed in the response pane: while it is on,
/// the Body tab shows the values it selects instead of the whole body, updated at every key.
public struct ResponseQuery: Sendable {
    public var text: String
    /// One line for above the values: how many there are, or what is wrong with the query.
    public var summary: String
    public var isValid: Bool
    /// The selected values as one pretty-printed, highlighted JSON array.
    public var lines: [ResponseView.Line]

    /// Runs `text` on the response's body (parsed once, on the first query, and kept).
    static func run(_ text: String, on response: inout ResponseView) -> ResponseQuery {
        if text.trimmingCharacters(in: .whitespaces) == "$" {
            // The root is the body itself, already on screen: no need to serialize and re-print
            // megabytes on the key that opens the query line.
            return ResponseQuery(text: text, summary: "the whole body · type on: $.name, $..id, $[?@.n > 1]", isValid: true, lines: response.bodyLines)
        }
        let query: JSONPath
        do {
            query = try JSONPath.parse(text)
        } catch {
            // The caret is drawn under the query line by the pane; the summary says why.
            let column = DisplayWidth.of(String(String.UnicodeScalarView(text.unicodeScalars.prefix(error.offset))))
            return ResponseQuery(text: text, summary: error.message, isValid: false, lines: [], errorOffset: column)
        }
        // The query first: a half-typed one should not cost a parse of the body.
        guard let document = response.parsedDocument() else {
            let why = response.note != nil
                ? "only the first part of the body is here: S saves it whole, then portico query FILE"
                : "the body is not JSON: queries need a JSON body"
            return ResponseQuery(text: text, summary: why, isValid: false, lines: [])
        }
        let values = query.select(in: document).map(\.value)
        let pretty = JSONPrettyPrinter.lines(JSONValue.array(values).serialized()) ?? []
        let lines = pretty.map { line in line.map { ResponseView.Span($0.text, ResponseView.role($0.kind)) } }
        return ResponseQuery(text: text, summary: values.count == 1 ? "1 value" : "\(values.count) values", isValid: true, lines: lines)
    }

    /// The display column in `text` where the query stops being valid, for a caret under it.
    public var errorOffset: Int?

    init(text: String, summary: String, isValid: Bool, lines: [ResponseView.Line], errorOffset: Int? = nil) {
        self.text = text
        self.summary = summary
        self.isValid = isValid
        self.lines = lines
        self.errorOffset = errorOffset
    }
}
