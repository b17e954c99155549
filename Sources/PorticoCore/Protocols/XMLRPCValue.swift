import Foundation

/// A typed XML-RPC value as the user writes it: scalars keep their text (which may hold
/// `{{placeholders}}`) and are checked against their type once rendered.
public indirect enum XMLRPCValue: Hashable, Sendable {
    case scalar(ScalarType, String)
    case array([XMLRPCValue])
    case structure([Member])

    /// The scalar types of the XML-RPC specification; the raw value is the element name.
    public enum ScalarType: String, Hashable, Sendable, CaseIterable {
        case int, boolean, string, double
        case dateTime = "dateTime.iso8601"
        case base64

        /// Why `text` is not a value of this type, or nil when it is.
        public func problem(with text: String) -> String? {
            switch self {
            case .int:
                return Int32(text.trimmingCharacters(in: .whitespaces)) == nil ? "'\(text)' is not a 32-bit whole number" : nil
            case .boolean:
                return ["0", "1", "true", "false"].contains(text.trimmingCharacters(in: .whitespaces)) ? nil : "'\(text)' is not a boolean (true, false, 1 or 0)"
            case .double:
                return Double(text.trimmingCharacters(in: .whitespaces)).map { $0.isFinite } == true ? nil : "'\(text)' is not a number"
            case .base64:
                return Data(base64Encoded: text.filter { !$0.isWhitespace }) == nil ? "'\(text)' is not base64" : nil
            case .string, .dateTime:
                return nil
            }
        }

        /// The text put between the tags: booleans are 1 or 0 on the wire.
        func wireText(_ text: String) -> String {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            switch self {
            case .boolean: return trimmed == "true" || trimmed == "1" ? "1" : "0"
            case .int, .double, .dateTime: return XMLText.escape(trimmed)
            case .base64: return text.filter { !$0.isWhitespace }
            case .string: return XMLText.escape(text)
            }
        }
    }

    public struct Member: Hashable, Sendable {
        public var name: String
        public var value: XMLRPCValue

        public init(_ name: String, _ value: XMLRPCValue) {
            self.name = name
            self.value = value
        }
    }

    /// The value with every text rendered, and the problems of scalars that do not fit their type.
    func rendered(at location: String, _ render: (_ text: String, _ location: String) -> String, problems: inout [String]) -> XMLRPCValue {
        switch self {
        case .scalar(let type, let text):
            let value = render(text, location)
            if let problem = type.problem(with: value) { problems.append("\(location): \(problem)") }
            return .scalar(type, value)
        case .array(let items):
            return .array(items.enumerated().map { $1.rendered(at: "\(location)[\($0 + 1)]", render, problems: &problems) })
        case .structure(let members):
            return .structure(members.map { Member(render($0.name, location), $0.value.rendered(at: "\(location).\($0.name)", render, problems: &problems)) })
        }
    }

    /// `<value>…</value>` lines indented by `depth` steps.
    func xmlLines(depth: Int) -> [String] {
        let pad = String(repeating: "  ", count: depth)
        switch self {
        case .scalar(let type, let text):
            return ["\(pad)<value><\(type.rawValue)>\(type.wireText(text))</\(type.rawValue)></value>"]
        case .array(let items):
            return ["\(pad)<value><array><data>"] + items.flatMap { $0.xmlLines(depth: depth + 1) } + ["\(pad)</data></array></value>"]
        case .structure(let members):
            return ["\(pad)<value><struct>"] + members.flatMap { member in
                ["\(pad)  <member><name>\(XMLText.escape(member.name))</name>"] + member.value.xmlLines(depth: depth + 2) + ["\(pad)  </member>"]
            } + ["\(pad)</struct></value>"]
        }
    }
}

/// An XML-RPC `methodCall`: a method name and its parameters in order.
public struct XMLRPCCall: Hashable, Sendable {
    public var method: String
    public var params: [XMLRPCValue]

    public init(method: String = "", params: [XMLRPCValue] = []) {
        self.method = method
        self.params = params
    }

    /// The `<methodCall>` sent; texts go through `render` first (see `GraphQLBody.wireText`) and
    /// scalars that do not fit their type once rendered are reported in `problems`.
    public func wireText(_ render: (_ text: String, _ location: String) -> String, problems: inout [String]) -> String {
        var lines = ["<?xml version=\"1.0\"?>", "<methodCall>", "  <methodName>\(XMLText.escape(render(method, "XML-RPC method")))</methodName>", "  <params>"]
        for (index, param) in params.enumerated() {
            let value = param.rendered(at: "XML-RPC param \(index + 1)", render, problems: &problems)
            lines += ["    <param>"] + value.xmlLines(depth: 3) + ["    </param>"]
        }
        lines += ["  </params>", "</methodCall>", ""]
        return lines.joined(separator: "\n")
    }
}

/// Escaping for text between XML tags.
enum XMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
