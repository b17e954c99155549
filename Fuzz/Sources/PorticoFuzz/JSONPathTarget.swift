import Foundation
@testable import PorticoCore

/// RFC 9535 JSONPath: the input's first line is the query, the rest the document it runs on.
enum JSONPathTarget {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let (query, document) = text.firstIndex(of: "\n").map { (String(text[..<$0]), String(text[text.index(after: $0)...])) } ?? (text, "")
        guard let path = try? JSONPath.parse(query) else { return }
        let value = (try? JSONValue.parse(document)) ?? .array([])
        _ = path.select(in: value)
    }
}
