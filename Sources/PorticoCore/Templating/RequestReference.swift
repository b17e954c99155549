import Foundation

/// `{{login.response.body.$.token}}`: a value from the latest exchange of another request of the
/// collection, as VS Code REST Client and JetBrains files write it. The body part is selected with
/// a JSONPath (`$.token`) or taken whole (`*`); a header by its name.
public struct RequestReference: Hashable, Sendable, CustomStringConvertible {
    public enum Message: String, Hashable, Sendable {
        case request, response
    }

    public enum Part: Hashable, Sendable {
        case body(selector: String)
        case header(String)
    }

    public var requestName: String
    public var message: Message
    public var part: Part

    public init(requestName: String, message: Message, part: Part) {
        self.requestName = requestName
        self.message = message
        self.part = part
    }

    public var description: String {
        switch part {
        case .body(let selector): "{{\(requestName).\(message.rawValue).body.\(selector)}}"
        case .header(let name): "{{\(requestName).\(message.rawValue).headers.\(name)}}"
        }
    }

    /// `NAME.(request|response).(body.SELECTOR|headers.NAME)`, or nil for anything else.
    static func parse(_ inner: String) -> RequestReference? {
        let parts = inner.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, Template.isName(parts[0]),
              let message = Message(rawValue: parts[1]), !parts[3].isEmpty else { return nil }
        switch parts[2] {
        case "body": return RequestReference(requestName: parts[0], message: message, part: .body(selector: parts[3]))
        case "headers": return RequestReference(requestName: parts[0], message: message, part: .header(parts[3]))
        default: return nil
        }
    }

    /// The referenced value in a message with these headers and body.
    public func value(headers: [HTTPField], body: Data?) throws(PorticoError) -> String {
        switch part {
        case .header(let name):
            let values = headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
            guard !values.isEmpty else { throw .template("\(self): the latest \(message.rawValue) of '\(requestName)' has no \(name) header") }
            return values.joined(separator: ", ")
        case .body(let selector):
            let data = body ?? Data()
            if selector == "*" { return String(decoding: data, as: UTF8.self) }
            guard selector.hasPrefix("$") else {
                throw .template("\(self): only JSONPath ($…) and * select from a body; XPath is not supported")
            }
            let path: JSONPath
            do { path = try JSONPath.parse(selector) } catch { throw .template("\(self): \(error)") }
            let document: JSONValue
            do { document = try JSONValue.parse(data) } catch {
                throw .template("\(self): the latest \(message.rawValue) body of '\(requestName)' is not JSON (\(error))")
            }
            let nodes = path.select(in: document)
            switch nodes.count {
            case 0: throw .template("\(self) matches nothing in the latest \(message.rawValue) of '\(requestName)'")
            case 1:
                if case .string(let text) = nodes[0].value { return text }
                return nodes[0].value.serialized()
            default: return JSONValue.array(nodes.map(\.value)).serialized()
            }
        }
    }
}

/// Where referenced exchanges come from: history, in practice.
public protocol RequestReferenceSource: Sendable {
    func resolve(_ reference: RequestReference) throws(PorticoError) -> String
}
