import Foundation
@testable import PorticoCore

/// The JSON pretty-printer, against Portico's own JSON reader, and the line index that lays out
/// large bodies the same way.
enum JSONTarget {
    static func run(_ data: Data) {
        // Any bytes: indexed a byte at a time as in one block, and every line drawn.
        let raw = Array(data)
        if LineIndexSplitting.starts(raw, blockSize: 1, JSONLineIndexer()) != LineIndexSplitting.starts(raw, blockSize: max(1, raw.count), JSONLineIndexer()) {
            violated("the JSON line index does not depend on how the body is split", String(decoding: data, as: UTF8.self))
        }
        let rawDocument = BodyDocument(bytes: BodyBytes(data), layout: .json(sequence: false))
        rawDocument.indexAll()
        _ = rawDocument.lines(0..<rawDocument.lineCount)

        let text = String(decoding: data, as: UTF8.self)
        let parsed = try? JSONValue.parse(text)
        if let parsed {
            // Serialising then reading gives the same value.
            let serialized = parsed.serialized(.compact)
            guard let again = try? JSONValue.parse(serialized) else { violated("serialized JSON reads again", serialized) }
            if again != parsed { violated("serialized JSON reads as the same value", "\(text)\n->\n\(serialized)") }
        }
        guard let lines = JSONPrettyPrinter.lines(text) else { return }
        // Pretty-printing changes layout only: the printed text is the same value.
        let printed = lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
        guard let parsed else { violated("what the pretty-printer accepts is JSON", text) }
        guard let reread = try? JSONValue.parse(printed) else { violated("pretty-printed JSON reads again", "\(text)\n->\n\(printed)") }
        if reread != parsed { violated("pretty-printed JSON is the same value", "\(text)\n->\n\(printed)") }
        // The index shows what the printer prints, line by line.
        let document = BodyDocument(text: text, layout: .json(sequence: false))
        document.indexAll()
        if document.lines(0..<document.lineCount).map({ $0.map(\.text).joined() }) != lines.map({ $0.map(\.text).joined() }) {
            violated("the JSON line index shows the printer's lines", "\(text)\n->\n\(document.problem.map(\.reason) ?? "different lines")")
        }
    }
}
