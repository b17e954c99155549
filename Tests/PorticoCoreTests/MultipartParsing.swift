import Foundation

/// One part of a multipart body as a receiver sees it.
struct ParsedPart: Equatable {
    /// Header names lower-cased.
    var headers: [String: String]
    var content: Data

    var text: String { String(decoding: content, as: UTF8.self) }
}

/// Splits a multipart body (RFC 2046 §5.1) independently of the code that built it. Returns nil
/// when the body does not have the delimiter structure, so the test fails rather than guessing.
func parseMultipart(_ body: Data, boundary: String) -> [ParsedPart]? {
    let crlf = Data("\r\n".utf8)
    let delimiter = Data("\r\n--\(boundary)".utf8)
    // The first delimiter has no CRLF before it.
    var data = crlf
    data.append(body)
    guard data.starts(with: delimiter) else { return nil }

    var parts: [ParsedPart] = []
    var position = data.startIndex + delimiter.count
    while true {
        let rest = data[position...]
        if rest.starts(with: Data("--\r\n".utf8)) {
            return rest.count == 4 ? parts : nil
        }
        guard rest.starts(with: crlf), let next = data.range(of: delimiter, in: (position + 2)..<data.endIndex) else { return nil }
        let part = data[(position + 2)..<next.lowerBound]
        guard let split = part.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        var headers: [String: String] = [:]
        for line in String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        parts.append(ParsedPart(headers: headers, content: Data(part[split.upperBound...])))
        position = next.upperBound
    }
}

/// The `boundary` parameter of a multipart Content-Type.
func multipartBoundary(of contentType: String?) -> String? {
    guard let contentType else { return nil }
    for parameter in contentType.split(separator: ";").dropFirst() {
        let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        if pair.count == 2, pair[0].lowercased() == "boundary" { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }
    return nil
}
