import Foundation
@testable import PorticoCore

/// VS Code / JetBrains `.http` files: the parser, and the import that turns a document into requests.
enum HTTPFileTarget {
    static let file = URL(fileURLWithPath: "/nonexistent/fuzz.http")

    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = try? HTTPFileParser.parse(text)
        _ = try? HTTPFileImport.parse(text, file: file)
    }
}
