import Foundation

/// Builds a multipart/form-data body (RFC 7578).
struct MultipartEncoder {
    let boundary: String
    private var body = Data()

    init(boundary: String) { self.boundary = boundary }

    mutating func addText(name: String, value: String, contentType: String?) {
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        body.append(Data((head + "\r\n").utf8))
        body.append(Data(value.utf8))
        body.append(Data("\r\n".utf8))
    }

    mutating func addFile(name: String, filename: String, contentType: String, data: Data) {
        let head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(filename))\"\r\nContent-Type: \(contentType)\r\n\r\n"
        body.append(Data(head.utf8))
        body.append(data)
        body.append(Data("\r\n".utf8))
    }

    mutating func finish() -> Data {
        body.append(Data("--\(boundary)--\r\n".utf8))
        return body
    }

    /// RFC 7578 §2 / WHATWG: quotes and line breaks in names are percent-encoded.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
