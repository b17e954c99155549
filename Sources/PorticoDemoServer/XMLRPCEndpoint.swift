import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import NIOCore

/// `/xmlrpc`: XML-RPC with `sample.add` (two ints), `sample.echo` (its params back, as sent) and
/// `sample.fault` (a fault with the code and text given); anything else is a fault too, as XML-RPC
/// servers answer (HTTP 200 with a `<fault>`).
enum XMLRPCEndpoint {
    /// A decoded value, kept with its type so `sample.echo` sends back exactly what came.
    indirect enum Value {
        case scalar(type: String, text: String)
        case array([Value])
        case structure([(String, Value)])
    }

    static func register(on router: Router<BasicRequestContext>) {
        router.post("/xmlrpc") { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            guard let call = MethodCallReader.read(Data(buffer.readableBytesView)) else {
                return fault(-32700, "parse error: the body is not an XML-RPC methodCall")
            }
            switch call.method {
            case "sample.add":
                guard call.params.count == 2, case .scalar(let typeA, let a) = call.params[0], case .scalar(let typeB, let b) = call.params[1],
                      ["int", "i4"].contains(typeA), ["int", "i4"].contains(typeB), let x = Int32(a), let y = Int32(b) else {
                    return fault(-32602, "sample.add takes two ints")
                }
                let (sum, overflow) = x.addingReportingOverflow(y)
                if overflow { return fault(-32603, "sample.add: the sum does not fit in an int") }
                return answer(.scalar(type: "int", text: String(sum)))
            case "sample.echo":
                return answer(call.params.count == 1 ? call.params[0] : .array(call.params))
            case "sample.fault":
                guard call.params.count == 2, case .scalar(_, let code) = call.params[0], let number = Int32(code), case .scalar(_, let text) = call.params[1] else {
                    return fault(-32602, "sample.fault takes a code (int) and a text")
                }
                return fault(Int(number), text)
            default:
                return fault(-32601, "requested method not found: \(call.method)")
            }
        }
    }

    private static func answer(_ value: Value) -> Response {
        document("<params><param>\(xml(value))</param></params>")
    }

    private static func fault(_ code: Int, _ message: String) -> Response {
        document("<fault>\(xml(.structure([("faultCode", .scalar(type: "int", text: String(code))), ("faultString", .scalar(type: "string", text: message))])))</fault>")
    }

    private static func document(_ content: String) -> Response {
        let text = "<?xml version=\"1.0\"?>\n<methodResponse>\(content)</methodResponse>\n"
        return Response(status: .ok, headers: [.contentType: "text/xml"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private static func xml(_ value: Value) -> String {
        switch value {
        case .scalar(let type, let text): "<value><\(type)>\(escape(text))</\(type)></value>"
        case .array(let items): "<value><array><data>" + items.map(xml).joined() + "</data></array></value>"
        case .structure(let members): "<value><struct>" + members.map { "<member><name>\(escape($0.0))</name>\(xml($0.1))</member>" }.joined() + "</struct></value>"
        }
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Reads `<methodCall>` into its method name and params.
    private final class MethodCallReader: NSObject, XMLParserDelegate {
        /// An element being read: its name, text, and the values and member names found in it.
        private struct Open {
            var name: String
            var text = ""
            var values: [Value] = []
            var memberName: String?
            var members: [(String, Value)] = []
        }

        private var stack: [Open] = []
        private var method: String?
        private var params: [Value] = []

        static func read(_ data: Data) -> (method: String, params: [Value])? {
            let reader = MethodCallReader()
            let parser = XMLParser(data: data)
            parser.shouldResolveExternalEntities = false
            parser.delegate = reader
            guard parser.parse(), let method = reader.method else { return nil }
            return (method, reader.params)
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            stack.append(Open(name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            let closed = stack.removeLast()
            switch closed.name {
            case "methodName":
                method = closed.text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "value":
                // A value with no type element is a string.
                let value = closed.values.first ?? .scalar(type: "string", text: closed.text)
                if stack.last?.name == "param" { params.append(value) } else if !stack.isEmpty { stack[stack.count - 1].values.append(value) }
            case "name":
                if !stack.isEmpty { stack[stack.count - 1].memberName = closed.text }
            case "member":
                if let name = closed.memberName, let value = closed.values.first, !stack.isEmpty { stack[stack.count - 1].members.append((name, value)) }
            case "data":
                if !stack.isEmpty { stack[stack.count - 1].values.append(contentsOf: closed.values) }
            case "array":
                if !stack.isEmpty { stack[stack.count - 1].values.append(.array(closed.values)) }
            case "struct":
                if !stack.isEmpty { stack[stack.count - 1].values.append(.structure(closed.members)) }
            case "int", "i4", "boolean", "string", "double", "dateTime.iso8601", "base64":
                if !stack.isEmpty { stack[stack.count - 1].values.append(.scalar(type: closed.name, text: closed.text)) }
            default:
                break
            }
        }
    }
}
