import Foundation
@testable import PorticoCore

/// The XML pretty-printer of the response view.
enum XMLTarget {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        guard let lines = XMLPrettyPrinter.lines(text) else { return }
        // The printed document keeps every character that is not layout.
        let printed = lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
        if significant(printed) != significant(text) { violated("pretty-printing keeps every non-space character", "\(text)\n->\n\(printed)") }
    }

    private static func significant(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { !$0.properties.isWhitespace }
    }
}
