import Foundation
@testable import PorticoCore

/// `portico import curl`, `send --curl` and a curl command pasted into the explorer: shell words,
/// then curl's options.
enum CurlTarget {
    /// Empty, so a `-d @file` in an input reads nothing of the machine's but what it names absolutely.
    static let baseDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("portico-fuzz-curl-\(getpid())")

    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        if let split = try? ShellWords.split(text) {
            // What Portico quotes, its own splitter reads back word for word (curl export relies on it).
            let words = split.words.filter(ShellQuoting.canQuote)
            let quoted = words.map(ShellQuoting.quote).joined(separator: " ")
            guard let again = try? ShellWords.split(quoted) else { violated("quoted words split again", quoted) }
            if again.words != words { violated("quoting then splitting gives the same words", "\(words) -> \(quoted) -> \(again.words)") }
        }
        _ = try? CurlCommand.parse(text, baseDirectory: baseDirectory)
    }
}
