import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import NIOCore

/// `/soap`: a SOAP calculator (Add, Subtract, Multiply, Divide with intA and intB) in SOAP 1.1 and
/// 1.2, answering in the version of the envelope it got, and faults the way real services do:
/// HTTP 500 with a Fault (1.1 faultcode/faultstring, 1.2 Code/Value and Reason/Text).
enum SOAPCalculator {
    static let namespace = "urn:portico:demo:calculator"
    static let operations = ["Add", "Subtract", "Multiply", "Divide"]
    static let namespace11 = "http://schemas.xmlsoap.org/soap/envelope/"
    static let namespace12 = "http://www.w3.org/2003/05/soap-envelope"

    /// Who is at fault: the 1.1 and 1.2 names of the two codes.
    enum Culprit {
        case sender, receiver
        func code(soap12: Bool) -> String {
            switch self {
            case .sender: soap12 ? "soap:Sender" : "soap:Client"
            case .receiver: soap12 ? "soap:Receiver" : "soap:Server"
            }
        }
    }

    static func register(on router: Router<BasicRequestContext>) {
        router.post("/soap") { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            guard let call = SOAPCall.parse(Data(buffer.readableBytesView)) else {
                return fault(.sender, "the body is not a SOAP 1.1 or 1.2 envelope with an operation in its Body", soap12: false)
            }
            let soap12 = call.envelopeNamespace == namespace12
            // SOAP 1.1 names the action in a header, 1.2 in the Content-Type's action parameter.
            let action = soap12 ? actionParameter(request.headers[.contentType] ?? "") : request.headers[HTTPField.Name("SOAPAction")!]
            if let action {
                let expected = "\(namespace)/\(call.operation)"
                let given = action.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if !given.isEmpty, given != expected { return fault(.sender, "SOAP action '\(given)' does not match the operation; expected '\(expected)'", soap12: soap12) }
            }
            guard operations.contains(call.operation) else {
                return fault(.sender, "unknown operation '\(call.operation)'; known: \(operations.joined(separator: ", "))", soap12: soap12)
            }
            guard let a = call.arguments["intA"].flatMap(Int.init), let b = call.arguments["intB"].flatMap(Int.init) else {
                return fault(.sender, "\(call.operation) needs whole numbers intA and intB", soap12: soap12)
            }
            let result: Int
            switch call.operation {
            case "Add": result = a &+ b
            case "Subtract": result = a &- b
            case "Multiply": result = a &* b
            default:
                guard b != 0 else { return fault(.receiver, "division by zero", soap12: soap12) }
                result = a / b
            }
            return envelope(status: .ok, "<\(call.operation)Response xmlns=\"\(namespace)\"><\(call.operation)Result>\(result)</\(call.operation)Result></\(call.operation)Response>", soap12: soap12)
        }
    }

    /// `action="…"` of a SOAP 1.2 Content-Type.
    private static func actionParameter(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "action" { return pair[1] }
        }
        return nil
    }

    private static func fault(_ culprit: Culprit, _ reason: String, soap12: Bool) -> Response {
        let code = culprit.code(soap12: soap12)
        let fault = soap12
            ? "<soap:Fault><soap:Code><soap:Value>\(code)</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">\(escape(reason))</soap:Text></soap:Reason></soap:Fault>"
            : "<soap:Fault><faultcode>\(code)</faultcode><faultstring>\(escape(reason))</faultstring></soap:Fault>"
        return envelope(status: .internalServerError, fault, soap12: soap12)
    }

    private static func envelope(status: HTTPResponse.Status, _ body: String, soap12: Bool) -> Response {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="\(soap12 ? namespace12 : namespace11)">
          <soap:Body>\(body)</soap:Body>
        </soap:Envelope>

        """
        let contentType = soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8"
        return Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// The operation and its arguments found in a SOAP envelope's Body.
struct SOAPCall {
    var envelopeNamespace: String
    var operation: String
    var arguments: [String: String]

    static func parse(_ data: Data) -> SOAPCall? {
        let reader = EnvelopeReader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        guard parser.parse(), let operation = reader.operation, [SOAPCalculator.namespace11, SOAPCalculator.namespace12].contains(reader.envelopeNamespace) else { return nil }
        return SOAPCall(envelopeNamespace: reader.envelopeNamespace, operation: operation, arguments: reader.arguments)
    }

    private final class EnvelopeReader: NSObject, XMLParserDelegate {
        var path: [String] = []
        var operation: String?
        var envelopeNamespace = ""
        var arguments: [String: String] = [:]
        var text = ""

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if path.isEmpty, elementName == "Envelope" { envelopeNamespace = namespaceURI ?? "" }
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
