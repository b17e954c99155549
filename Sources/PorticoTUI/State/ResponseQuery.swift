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

    /// How much of a result the pane shows, in bytes of compact JSON.
    static let shownLimit = 256 << 10

    /// Runs `text` on the response's body (parsed once, on the first query, and kept).
    static func run(_ text: String, on response: inout ResponseView) -> ResponseQuery {
        if text.trimmingCharacters(in: .whitespaces) == "$" {
            // The root is the body itself, already on screen: no need to serialize and re-print
            // megabytes on the key that opens the query line.
            var whole = ResponseQuery(text: text, summary: "the whole body · type on: $.name, $..id, $[?@.n > 1]", isValid: true, lines: [])
            whole.showsWholeBody = true
            return whole
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
        let document: JSONValue
        switch response.parsedDocument() {
        case .success(let value): document = value
        case .failure(let why): return ResponseQuery(text: text, summary: why.message, isValid: false, lines: [])
        }
        let values = query.select(in: document).map(\.value)
        // Shown up to a size a person reads, so one key never re-prints megabytes (`$..*` on a
        // deep body selects millions of lines); `portico query` gives all of it.
        var shown: [String] = []
        var size = 0
        for value in values {
            let text = value.serialized()
            if size + text.utf8.count > shownLimit, !shown.isEmpty { break }
            shown.append(text)
            size += text.utf8.count
            if size > shownLimit { break }
        }
        let pretty = size > shownLimit ? nil : JSONPrettyPrinter.lines("[" + shown.joined(separator: ",") + "]")
        let lines = pretty.map { $0.map { line in line.map { ResponseView.Span(response.masker.mask($0.text), ResponseView.role($0.kind)) } } }
            ?? [[ResponseView.Span("one value is larger than \(formatSize(shownLimit)): S saves the body, portico query shows it all", .muted)]]
        var summary = values.count == 1 ? "1 value" : "\(values.count) values"
        if shown.count < values.count { summary += ", the first \(shown.count) shown" }
        return ResponseQuery(text: text, summary: summary, isValid: true, lines: lines)
    }

    /// The query is `$`: the Body tab shows the body itself, folds and all.
    public var showsWholeBody = false

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
