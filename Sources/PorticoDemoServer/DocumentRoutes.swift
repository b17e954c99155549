import Foundation
import Hummingbird
import NIOCore

/// Documents in other formats: an XML catalogue and HTML.
enum DocumentRoutes {
    static let catalogue = """
    <?xml version="1.0" encoding="UTF-8"?>
    <catalogue xmlns="urn:portico:demo">
      <book id="bk101" available="true">
        <title>Structure and Interpretation of Computer Programs</title>
        <author>Harold Abelson</author>
        <author>Gerald Jay Sussman</author>
        <year>1985</year>
        <price currency="EUR">42.50</price>
      </book>
      <book id="bk102" available="false">
        <title>The Art of Computer Programming</title>
        <author>Donald E. Knuth</author>
        <year>1968</year>
        <price currency="EUR">199.00</price>
      </book>
      <!-- prices are examples -->
    </catalogue>

    """

    static func register(on router: Router<BasicRequestContext>) {
        router.get("/xml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: catalogue)))
        }
        router.get("/html") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "<!doctype html>\n<html><head><title>Portico demo</title></head><body><h1>Portico demo</h1><p>Try <a href=\"/users\">/users</a>.</p></body></html>\n")))
        }
    }
}
