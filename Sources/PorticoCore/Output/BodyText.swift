import Foundation

/// Decides whether a body is text and decodes it with the charset its Content-Type names.
public enum BodyText {
    private static let binaryTypes = ["image/", "audio/", "video/", "font/", "application/octet-stream", "application/zip", "application/gzip", "application/pdf", "application/x-protobuf", "application/protobuf"]

    /// The text of the body, or nil when it is binary (by its type, or bytes that are not valid in
    /// its charset).
    public static func decode(_ data: Data, contentType: String?) -> String? {
        let type = contentType?.lowercased() ?? ""
        if binaryTypes.contains(where: { type.hasPrefix($0) }) { return nil }
        switch charset(of: type) {
        case "iso-8859-1", "latin1", "latin-1": return String(data: data, encoding: .isoLatin1)
        case "us-ascii", "ascii": return String(data: data, encoding: .ascii)
        case "utf-16": return String(data: data, encoding: .utf16)
        case "utf-16le": return String(data: data, encoding: .utf16LittleEndian)
        case "utf-16be": return String(data: data, encoding: .utf16BigEndian)
        default:
            guard let text = String(data: data, encoding: .utf8) else { return nil }
            // NUL bytes are valid UTF-8 but mark binary data in practice.
            return text.utf8.contains(0) ? nil : text
        }
    }

    public static func charset(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "charset" { return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }
}
