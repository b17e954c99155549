import ArgumentParser
import Foundation
import PorticoCore
import PorticoTUI

/// `portico query EXPR [FILE]`: RFC 9535 JSONPath over a JSON document, for scripts and for
/// trying a query before using it in a request's checks.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Select values from a JSON document with a JSONPath query (RFC 9535).",
        discussion: """
        Prints the selected values as a JSON array (indented; --compact for one line), or with \
        --paths their normalized paths (such as $['users'][0]['name']). Reads FILE, or standard \
        input when FILE is absent or -. Filters, slices, descendants and the functions length, \
        count, match, search and value are supported; see docs/jsonpath.md.

        Exit codes: 0 the query ran (even if it selected nothing); 2 an invalid query (the message \
        points at the position), a file that cannot be read, or a document that is not JSON.
        """
    )

    @Argument(help: ArgumentHelp("The JSONPath query, such as '$.users[?@.age > 30].name'.", valueName: "query"))
    var expression: String

    @Argument(help: ArgumentHelp("The JSON document (default: standard input).", valueName: "file"))
    var file: String?

    @Flag(help: "Print the normalized paths of the selected values instead of the values.")
    var paths = false

    @Flag(help: "Print the result on one line.")
    var compact = false

    func run() throws {
        let query: JSONPath
        do {
            query = try JSONPath.parse(expression)
        } catch {
            // The offset counts Unicode scalars; the caret goes under the column they end at (wide
            // characters take two).
            let column = DisplayWidth.of(String(String.UnicodeScalarView(expression.unicodeScalars.prefix(error.offset))))
            Console.error("invalid JSONPath: \(error.message)\n  \(expression)\n  \(String(repeating: " ", count: column))^")
            throw ExitCodes.badInput
        }
        let source = file.flatMap { $0 == "-" ? nil : $0 }
        let data: Data
        do {
            data = try source.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } ?? FileHandle.standardInput.readToEnd() ?? Data()
        } catch {
            Console.error("cannot read \(source ?? "standard input"): \(error.localizedDescription)")
            throw ExitCodes.badInput
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            Console.error("\(source ?? "standard input"):\(error.line):\(error.column): not JSON: \(error.message)")
            throw ExitCodes.badInput
        }
        let nodes = query.select(in: document)
        let result: JSONValue = paths ? .array(nodes.map { .string($0.path) }) : .array(nodes.map(\.value))
        StandardOutput.write(Data(result.serialized(compact ? .compact : .indented).utf8 + [0x0A]))
    }
}
