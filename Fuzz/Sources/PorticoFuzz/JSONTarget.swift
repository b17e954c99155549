import Foundation
@testable import PorticoCore

/// The JSON pretty-printer of the response view, against Portico's own JSON reader.
enum JSONTarget {
    static func run(_ data: Data) {
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
    }
}
