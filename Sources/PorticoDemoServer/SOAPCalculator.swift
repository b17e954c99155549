import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import NIOCore

/// `/soap`: a SOAP 1.1 calculator (Add, Subtract, Multiply, Divide with intA and intB), answering
/// faults the way real services do: HTTP 500 with a soap:Fault.
enum SOAPCalculator {
    static let namespace = "urn:portico:demo:calculator"
    static let operations = ["Add", "Subtract", "Multiply", "Divide"]

    static func register(on router: Router<BasicRequestContext>) {
        router.post("/soap") { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            guard let call = SOAPCall.parse(Data(buffer.readableBytesView)) else {
                return fault("soap:Client", "the body is not a SOAP 1.1 envelope with an operation in its Body")
            }
            if let action = request.headers[HTTPField.Name("SOAPAction")!] {
                let expected = "\(namespace)/\(call.operation)"
                let given = action.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if given != expected { return fault("soap:Client", "SOAPAction '\(given)' does not match the operation; expected '\(expected)'") }
            }
            guard operations.contains(call.operation) else {
                return fault("soap:Client", "unknown operation '\(call.operation)'; known: \(operations.joined(separator: ", "))")
            }
            guard let a = call.arguments["intA"].flatMap(Int.init), let b = call.arguments["intB"].flatMap(Int.init) else {
                return fault("soap:Client", "\(call.operation) needs whole numbers intA and intB")
            }
            let result: Int
            switch call.operation {
            case "Add": result = a &+ b
            case "Subtract": result = a &- b
            case "Multiply": result = a &* b
            default:
                guard b != 0 else { return fault("soap:Server", "division by zero") }
                result = a / b
            }
            return envelope(status: .ok, "<\(call.operation)Response xmlns=\"\(namespace)\"><\(call.operation)Result>\(result)</\(call.operation)Result></\(call.operation)Response>")
        }
    }

    private static func fault(_ code: String, _ reason: String) -> Response {
        envelope(status: .internalServerError, "<soap:Fault><faultcode>\(code)</faultcode><faultstring>\(escape(reason))</faultstring></soap:Fault>")
    }

    private static func envelope(status: HTTPResponse.Status, _ body: String) -> Response {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
          <soap:Body>\(body)</soap:Body>
        </soap:Envelope>

        """
        return Response(status: status, headers: [.contentType: "text/xml; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// The operation and its arguments found in a SOAP envelope's Body.
struct SOAPCall {
    var operation: String
    var arguments: [String: String]

    static func parse(_ data: Data) -> SOAPCall? {
        let reader = EnvelopeReader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        guard parser.parse(), let operation = reader.operation else { return nil }
        return SOAPCall(operation: operation, arguments: reader.arguments)
    }

    private final class EnvelopeReader: NSObject, XMLParserDelegate {
        var path: [String] = []
        var operation: String?
        var arguments: [String: String] = [:]
        var text = ""

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if path.count == 2, path == ["Envelope", "Body"], operation == nil { operation = elementName }
            path.append(elementName)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if path.count == 4, path[2] == operation { arguments[elementName] = text.trimmingCharacters(in: .whitespacesAndNewlines) }
            path.removeLast()
        }
    }
}
