import Foundation
@testable import PorticoCore

/// The XML pretty-printer of the response view, and the line index that lays out large bodies the
/// same way.
enum XMLTarget {
    static func run(_ data: Data) {
        // Any bytes, valid UTF-8 or not: indexed a byte at a time as in one block, and every line drawn.
        let raw = Array(data)
        if LineIndexSplitting.starts(raw, blockSize: 1, XMLLineIndexer()) != LineIndexSplitting.starts(raw, blockSize: max(1, raw.count), XMLLineIndexer()) {
            violated("the XML line index does not depend on how the body is split", String(decoding: data, as: UTF8.self))
        }
        let rawDocument = BodyDocument(bytes: BodyBytes(data), layout: .xml)
        rawDocument.indexAll()
        _ = rawDocument.lines(0..<rawDocument.lineCount)

        let text = String(decoding: data, as: UTF8.self)
        guard let lines = XMLPrettyPrinter.lines(text) else { return }
        // The printed document keeps every character that is not layout.
        let printed = lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
        if significant(printed) != significant(text) { violated("pretty-printing keeps every non-space character", "\(text)\n->\n\(printed)") }
        // The index shows what the printer prints, line by line and piece by piece.
        let document = BodyDocument(text: text, layout: .xml)
        document.indexAll()
        let expected = lines.map { line in line.map { StyledPiece($0.text, kind($0.kind)) } }
        if document.lines(0..<document.lineCount) != expected {
            violated("the XML line index shows the printer's lines", "\(text)\n->\n\(document.problem.map(\.reason) ?? "different lines")")
        }
    }

    private static func significant(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { !$0.properties.isWhitespace }
    }

    private static func kind(_ kind: XMLPrettyPrinter.TokenKind) -> StyledPiece.Kind {
        switch kind {
        case .punctuation: .punctuation
        case .elementName: .elementName
        case .attributeName: .attributeName
        case .attributeValue: .attributeValue
        case .text: .plain
        case .comment: .comment
        case .declaration: .declaration
        }
    }
}
