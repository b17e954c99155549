import Foundation

/// What a response says in the terms of the protocol that produced it: GraphQL `errors`, JSON-RPC
/// error objects, a SOAP Fault, an XML-RPC fault or result. Read from the body alone, so a history
/// entry is understood as well as a fresh response.
public struct ProtocolResponse: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case graphQL = "graphql"
        case jsonRPC = "jsonrpc"
        case soap
        case xmlRPC = "xmlrpc"
    }

    public var kind: Kind
    /// The errors the body reports, one line each; empty when it reports none.
    public var errors: [String]
    /// One line for a status line: what the protocol says, the first error first.
    public var summary: String
    /// A decoded XML-RPC answer (or fault) as indented lines; empty for the other protocols.
    public var tree: [String]

    public var isError: Bool { !errors.isEmpty }

    /// Bodies larger than this are not analysed (a protocol answer that large is data, not an error).
    public static let sizeLimit = 4 << 20

    /// The analysis of a response body, or nil when it is not one of the protocols' answers (or
    /// says nothing they define, like a GraphQL answer without errors).
    public static func analyse(_ body: Data) -> ProtocolResponse? {
        guard body.count <= sizeLimit else { return nil }
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        // A cheap look for the protocols' own words first: most bodies are none of them, and are
        // not parsed a second time.
        func mentions(_ words: [String]) -> Bool { words.contains { body.range(of: Data($0.utf8)) != nil } }
        switch first {
        case UInt8(ascii: "{")?, UInt8(ascii: "[")?:
            guard mentions(["\"errors\"", "\"jsonrpc\""]), let document = try? JSONValue.parse(body) else { return nil }
            return jsonRPC(document) ?? graphQL(document)
        case UInt8(ascii: "<")?:
            guard mentions(["Envelope", "methodResponse"]), let tree = XMLElementTree(body) else { return nil }
            return SOAPFaultReading.read(tree) ?? XMLRPCResponseReading.read(tree)
        default:
            return nil
        }
    }

    private static func graphQL(_ document: JSONValue) -> ProtocolResponse? {
        guard case .array(let items)? = document["errors"], !items.isEmpty else { return nil }
        let errors = items.map { item -> String in
            var line = text(item["message"]) ?? item.serialized()
            if case .array(let locations)? = item["locations"], let location = locations.first,
               let row = text(location["line"]), let column = text(location["column"]) {
                line += " (line \(row), column \(column))"
            }
            if case .array(let path)? = item["path"], !path.isEmpty {
                line += " at " + path.map { text($0) ?? "?" }.joined(separator: ".")
            }
            return line
        }
        return ProtocolResponse(kind: .graphQL, errors: errors, summary: "GraphQL: " + describe(errors), tree: [])
    }

    private static func jsonRPC(_ document: JSONValue) -> ProtocolResponse? {
        func isResponse(_ value: JSONValue) -> Bool { text(value["jsonrpc"]) == "2.0" && (value["result"] != nil || value["error"] != nil) }
        let responses: [JSONValue]
        switch document {
        case .object where isResponse(document): responses = [document]
        case .array(let items) where !items.isEmpty && items.allSatisfy(isResponse): responses = items
        default: return nil
        }
        let errors = responses.compactMap { response -> String? in
            guard let error = response["error"] else { return nil }
            let code = text(error["code"]).map { "\($0) " } ?? ""
            let message = text(error["message"]) ?? error.serialized()
            let id = response["id"].map { $0 == .null ? "" : " (id \(text($0) ?? $0.serialized()))" } ?? ""
            return "error \(code)\(message)\(id)"
        }
        let what = responses.count == 1 && !isBatch(document) ? "" : "batch of \(responses.count), "
        let summary = errors.isEmpty ? "JSON-RPC: \(what)no errors" : "JSON-RPC: \(what)" + describe(errors)
        return ProtocolResponse(kind: .jsonRPC, errors: errors, summary: summary, tree: [])
    }

    private static func isBatch(_ document: JSONValue) -> Bool {
        if case .array = document { true } else { false }
    }

    /// "1 error: first" or "3 errors, the first: first".
    static func describe(_ errors: [String]) -> String {
        errors.count == 1 ? errors[0] : "\(errors.count) errors, the first: \(errors[0])"
    }

    /// Strings and numbers as text; nil for the rest.
    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .number(let number)?: number.literal
        default: nil
        }
    }
}
