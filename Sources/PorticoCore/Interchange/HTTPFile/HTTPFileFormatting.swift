import Foundation

/// A request written as `.http` lines: the request line, headers, a blank line and the body. The
/// form both dialects read: credentials and query parameters go where the file format has them.
enum HTTPFileFormatting {
    static func lines(for template: RequestTemplate, style: HTTPFileRequestStyle = HTTPFileRequestStyle()) throws(PorticoError) -> [String] {
        var url = template.url
        var headers = template.headers
        switch template.auth {
        case .basic(let username, let password):
            // REST Client and JetBrains both encode `Basic user password` themselves.
            headers.insert(KeyValueRow("Authorization", "Basic \(username)\(style.basicSeparator)\(password)"), at: min(style.authorizationIndex ?? 0, headers.count))
        case .digest(let username, let password):
            // REST Client's form; it answers the challenge itself.
            headers.insert(KeyValueRow("Authorization", "Digest \(username) \(password)"), at: min(style.authorizationIndex ?? 0, headers.count))
        case .bearer(let token):
            headers.insert(KeyValueRow("Authorization", "Bearer \(token)"), at: 0)
        case .apiKey(let name, let value, .header):
            headers.insert(KeyValueRow(name, value), at: 0)
        case .apiKey(let name, let value, .query):
            url = appending([KeyValueRow(name, value)], to: url)
        case .apiKey(let name, let value, .cookie):
            headers.insert(KeyValueRow("Cookie", "\(name)=\(value)"), at: 0)
        case .awsSigV4(let settings):
            // REST Client's form, which it signs itself.
            var value = "AWS \(settings.accessKeyID) \(settings.secretAccessKey)"
            if !settings.sessionToken.isEmpty { value += " token:\(settings.sessionToken)" }
            value += " region:\(settings.region) service:\(settings.service)"
            headers.insert(KeyValueRow("Authorization", value), at: min(style.authorizationIndex ?? 0, headers.count))
        case .inherit, .none, .oauth2:
            break
        }
        url = appending(template.params.filter(\.isEnabled), to: url)
        if let type = template.body.defaultContentType, !headers.contains(where: { $0.isEnabled && $0.name.lowercased() == "content-type" }) {
            headers.append(KeyValueRow("Content-Type", type == "multipart/form-data" ? "\(type); boundary=\(boundary)" : type))
        }
        // A protocol's own headers (SOAPAction) go on the wire too; the file keeps their templates.
        var ignoredProblems: [String] = []
        for field in template.body.protocolWire({ text, _ in text }, problems: &ignoredProblems)?.headers ?? []
        where !headers.contains(where: { $0.isEnabled && $0.name.lowercased() == field.name.lowercased() }) {
            headers.append(KeyValueRow(field.name, field.value))
        }
        var lines: [String] = []
        if case .oauth2(let settings) = template.auth {
            // Neither dialect has a form for it that the other reads: say so where the header would be.
            lines.append("# OAuth 2.0 \(settings.grant.rawValue) grant (token URL \(settings.tokenURL)): Portico obtains the token when it sends; this file has no Authorization for it")
        }
        lines.append("\(template.method.rawValue) \(url)" + (style.httpVersion.map { " " + $0 } ?? ""))
        for (index, header) in headers.enumerated() {
            lines += style.headerComments.filter { $0.position == index }.map(\.line)
            lines.append(header.isEnabled ? "\(header.name): \(header.value)" : "# \(header.name): \(header.value)")
        }
        lines += style.headerComments.filter { $0.position >= headers.count }.map(\.line)
        let body = bodyLines(template.body)
        try checkReadsBack(body, template: template)
        if !body.isEmpty { lines += [""] + body }
        return lines
    }

    static let boundary = "PorticoBoundary"

    /// A body line the file format would read as something else (a separator, a response handler,
    /// a file include) cannot be written: the request would come back changed.
    private static func checkReadsBack(_ body: [String], template: RequestTemplate) throws(PorticoError) {
        if case .binaryFile = template.body { return }
        for (number, line) in body.enumerated() {
            let readAsOther = HTTPFileParser.isSeparator(line) ? "a separator" : HTTPFileParser.isResponseHandler(line) ? "a response handler"
                : body.count == 1 && HTTPFileParser.fileInclude(line) != nil ? "a file include" : nil
            if let readAsOther {
                throw .input("line \(number + 1) of the body of '\(template.name)' would read as \(readAsOther) in a .http file; change it, or import the file (portico import http) to keep such bodies")
            }
        }
    }

    private static func appending(_ rows: [KeyValueRow], to url: String) -> String {
        guard !rows.isEmpty else { return url }
        let query = rows.map { "\(FormURLEncoding.encodeKeepingTemplates($0.name))=\(FormURLEncoding.encodeKeepingTemplates($0.value))" }.joined(separator: "&")
        return url + (url.contains("?") ? "&" : "?") + query
    }

    private static func bodyLines(_ body: RequestBody) -> [String] {
        switch body {
        case .none: return []
        case .raw(let text, _), .json(let text), .xml(let text): return text.components(separatedBy: "\n")
        case .formURLEncoded(let rows):
            let pairs = rows.filter(\.isEnabled).map { "\(FormURLEncoding.encodeKeepingTemplates($0.name))=\(FormURLEncoding.encodeKeepingTemplates($0.value))" }
            return pairs.isEmpty ? [] : [pairs.joined(separator: "&")]
        case .binaryFile(let path, _): return ["< \(path)"]
        case .graphQL, .jsonRPC, .soap, .xmlRPC:
            // What goes on the wire, templates kept: a value's type is checked when it is sent.
            var ignoredProblems: [String] = []
            let text = body.protocolWire({ text, _ in text }, problems: &ignoredProblems)?.text ?? ""
            return text.trimmingCharacters(in: .newlines).components(separatedBy: "\n")
        case .multipart(let parts):
            var lines: [String] = []
            for part in parts where part.isEnabled {
                lines.append("--\(boundary)")
                switch part.content {
                case .text(let value):
                    lines.append("Content-Disposition: form-data; name=\"\(part.name)\"")
                    if let type = part.contentType { lines.append("Content-Type: \(type)") }
                    lines += [""] + value.components(separatedBy: "\n")
                case .file(let path):
                    let filename = part.filename ?? (path as NSString).lastPathComponent
                    lines.append("Content-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(filename)\"")
                    lines.append("Content-Type: \(part.contentType ?? MediaTypes.guess(forPath: path))")
                    lines += ["", "< \(path)"]
                }
            }
            return lines.isEmpty ? [] : lines + ["--\(boundary)--"]
        }
    }
}

extension FormURLEncoding {
    /// Encodes `text` but leaves `{{placeholders}}` as they are, so they still render.
    static func encodeKeepingTemplates(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            output += encode(String(rest[..<open.lowerBound])) + rest[open.lowerBound..<close.upperBound]
            rest = rest[close.upperBound...]
        }
        return output + encode(String(rest))
    }
}
