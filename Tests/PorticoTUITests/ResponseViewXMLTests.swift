import Foundation
import PorticoCore
import PorticoTUI
import Testing

@Suite("ResponseView formats XML bodies")
struct ResponseViewXMLTests {
    private func view(_ body: String, contentType: String?) -> ResponseView {
        let headers = contentType.map { [HTTPField("Content-Type", $0)] } ?? []
        return ResponseView(exchange: Fixtures.exchange(headers: headers), body: Data(body.utf8))
    }

    private func text(_ view: ResponseView) -> [String] {
        view.bodyLines.map { $0.map(\.text).joined() }
    }

    private static let soap = """
    <?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">\
    <soap:Body><m:Sum xmlns:m="urn:calc"><m:Result>5</m:Result></m:Sum><!-- done --></soap:Body></soap:Envelope>
    """

    private static let soapLines = [
        "<?xml version=\"1.0\"?>",
        "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">",
        "  <soap:Body>",
        "    <m:Sum xmlns:m=\"urn:calc\">",
        "      <m:Result>5</m:Result>",
        "    </m:Sum>",
        "    <!-- done -->",
        "  </soap:Body>",
        "</soap:Envelope>",
    ]

    @Test("an XML media type is pretty-printed, with roles", arguments: [
        "application/soap+xml; charset=utf-8", "text/xml", "application/xml", "application/atom+xml", "APPLICATION/XML",
    ])
    func xmlMediaTypes(_ contentType: String) {
        let response = view(Self.soap, contentType: contentType)
        #expect(text(response) == Self.soapLines)
        #expect(response.bodyLines[4].map(\.role) == [.plain, .punctuation, .key, .punctuation, .plain, .punctuation, .key, .punctuation])
        #expect(response.bodyLines[3].map(\.role) == [.plain, .punctuation, .key, .plain, .literal, .punctuation, .string, .punctuation])
        #expect(response.bodyLines[6].map(\.role) == [.plain, .muted])
        #expect(response.bodyLines[0].map(\.role) == [.muted])
        #expect(response.rawLines == [Self.soap])
    }

    @Test("a body that starts with < is tried as XML whatever its type says", arguments: [nil, "text/plain", "application/vnd.example"])
    func sniffedXML(_ contentType: String?) {
        #expect(text(view("\n  " + Self.soap, contentType: contentType)) == Self.soapLines)
    }

    @Test("HTML stays as sent, even when it is well-formed")
    func htmlIsRaw() {
        let html = "<html><body><p>Hello</p></body></html>"
        for contentType in ["text/html", "text/html; charset=utf-8", "TEXT/HTML"] {
            let response = view(html, contentType: contentType)
            #expect(text(response) == [html])
            #expect(response.bodyLines.map { $0.map(\.role) } == [[.plain]])
        }
        for body in ["<!DOCTYPE html>\n<html><body/></html>", "  <html>\n<body/>\n</html>"] {
            let response = view(body, contentType: nil)
            #expect(text(response) == response.rawLines)
        }
    }

    @Test("XML that is not well-formed is shown raw")
    func malformedXMLIsRaw() {
        let body = "<a><b>unclosed</a>\nsecond line"
        #expect(text(view(body, contentType: "application/xml")) == ["<a><b>unclosed</a>", "second line"])
    }

    @Test("JSON is still formatted as JSON, and plain text is left alone")
    func otherBodies() {
        #expect(text(view("{\"a\":1}", contentType: "application/xml")) == ["{", "  \"a\": 1", "}"])
        #expect(text(view("a < b\nc", contentType: "text/plain")) == ["a < b", "c"])
    }
}
