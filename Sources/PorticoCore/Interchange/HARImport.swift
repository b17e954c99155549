import Foundation

/// An HTTP Archive (HAR 1.2, as browsers' developer tools and `portico history export` write it)
/// turned into a collection: one request per entry, in a folder per host.
///
/// What goes in, and why:
/// - The query stays in the URL, as `portico import curl` keeps it: the URL is what was sent, and
///   HAR's `queryString` only repeats it.
/// - Headers that the browser or the transport sets by itself are left out (HTTP/2 pseudo-headers,
///   Host, Content-Length, Connection, Accept-Encoding and the other hop-by-hop ones); Cookie and
///   Authorization stay, and the builder moves their values into secrets.
/// - A multipart body's Content-Type is left out too: its boundary belongs to the browser's body,
///   and Portico makes its own.
/// - Responses, timings, cookies lists and pages are not part of a request and are not imported.
public enum HARImport {
    /// Which entries to keep.
    public struct Filter: Sendable, Hashable {
        /// Keep only entries to these hosts (`host` or `host:port`, any case); empty keeps all.
        public var onlyHosts: [String]
        /// Leave out images, fonts, style sheets and scripts, which fill a page load's archive.
        public var excludeStatic: Bool

        public init(onlyHosts: [String] = [], excludeStatic: Bool = false) {
            self.onlyHosts = onlyHosts
            self.excludeStatic = excludeStatic
        }
    }

    /// The collection, and how many entries the filter left out (they are not warnings: the user asked).
    public struct Result: Sendable {
        public var imported: ImportedCollection
        public var skippedOtherHosts: Int
        public var skippedStatic: Int

        /// One line for the user, or nil when the filter left nothing out.
        public var skippedSummary: String? {
            var parts: [String] = []
            if skippedStatic > 0 { parts.append("\(skippedStatic) static (images, fonts, CSS, JS)") }
            if skippedOtherHosts > 0 { parts.append("\(skippedOtherHosts) to other hosts") }
            guard !parts.isEmpty else { return nil }
            let total = skippedStatic + skippedOtherHosts
            return "skipped \(total) \(total == 1 ? "entry" : "entries"): " + parts.joined(separator: ", ")
        }
    }

    /// Headers never copied into a request: the transport makes them (RFC 9110 §7.6.1 hop-by-hop
    /// fields among them) and a copied one would be wrong or refused.
    static let transportHeaders: Set<String> = [
        "host", "content-length", "connection", "accept-encoding", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te",
    ]

    /// Response media types and URL extensions of a page's static resources.
    static let staticExtensions: Set<String> = [
        "css", "js", "mjs", "map", "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "woff", "woff2", "ttf", "otf", "eot",
    ]
    static let scriptAndStyleTypes: Set<String> = [
        "text/css", "text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript", "application/font-woff",
    ]

    public static func parse(_ text: String, filter: Filter = Filter()) throws(PorticoError) -> Result {
        let document: JSONValue
        do { document = try JSONValue.parse(text) } catch {
            throw .input("the file is not JSON: \(error)")
        }
        guard let log = document["log"], case .array(let entries)? = log["entries"] else {
            throw .input("the file is not a HAR archive: it has no log.entries (save one with your browser's developer tools, \"Save all as HAR\")")
        }
        var builder = CollectionBuilder(name: "Imported")
        if let comment = log["comment"]?.text, !comment.isEmpty { builder.update { $0.description = comment } }
        var skippedOtherHosts = 0
        var skippedStatic = 0
        var folders: [String: String] = [:]
        var collectionName: String?
        for (index, entry) in entries.enumerated() {
            let location = "log.entries[\(index)]"
            guard let request = entry["request"], let url = request["url"]?.text, let components = URLComponents(string: url) else {
                builder.warn(location, "has no request URL; skipped")
                continue
            }
            let scheme = components.scheme?.lowercased() ?? ""
            guard scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
                builder.warn(location, "\(Self.shortened(url)) is not an http(s) request; skipped")
                continue
            }
            let hostAndPort = components.port.map { "\(host):\($0)" } ?? host
            if !filter.onlyHosts.isEmpty, !filter.onlyHosts.contains(where: { $0.caseInsensitiveCompare(host) == .orderedSame || $0.caseInsensitiveCompare(hostAndPort) == .orderedSame }) {
                skippedOtherHosts += 1
                continue
            }
            if filter.excludeStatic, isStatic(entry, path: components.path) {
                skippedStatic += 1
                continue
            }
            let methodName = request["method"]?.text ?? "GET"
            let method: HTTPMethod
            do { method = try HTTPMethod(methodName) } catch {
                builder.warn(location, "\(error.message); skipped")
                continue
            }
            var template = RequestTemplate(name: "\(method) \(Self.shortenedPath(components.percentEncodedPath))", method: method, url: Template.literal(url), auth: .none)
            template.headers = headers(of: request, location: location, builder: &builder)
            template.body = body(of: request["postData"], location: "\(location).request.postData", builder: &builder)
            if case .multipart = template.body {
                template.headers.removeAll { $0.name.caseInsensitiveCompare("Content-Type") == .orderedSame }
            }
            let comments = [entry["comment"], request["comment"], request["postData"]?["comment"]].compactMap { $0?.text }.filter { !$0.isEmpty }
            if !comments.isEmpty { template.description = comments.joined(separator: "\n\n") }
            let folder = folders[hostAndPort] ?? builder.addFolder(named: hostAndPort)
            folders[hostAndPort] = folder
            collectionName = collectionName ?? hostAndPort
            builder.addRequest(template, in: folder)
        }
        if let collectionName { builder.update { $0.name = collectionName } }
        return Result(imported: builder.finish(), skippedOtherHosts: skippedOtherHosts, skippedStatic: skippedStatic)
    }

    /// An image, font, style sheet or script, by Chrome's resource type, the response's media type
    /// or the URL's extension.
    static func isStatic(_ entry: JSONValue, path: String) -> Bool {
        if let kind = entry["_resourceType"]?.text, ["image", "font", "stylesheet", "script"].contains(kind.lowercased()) { return true }
        let mimeType = mediaType(entry["response"]?["content"]?["mimeType"]?.text ?? "")
        if mimeType.hasPrefix("image/") || mimeType.hasPrefix("font/") || scriptAndStyleTypes.contains(mimeType) { return true }
        let fileExtension = (path as NSString).pathExtension.lowercased()
        return staticExtensions.contains(fileExtension)
    }

    private static func headers(of request: JSONValue, location: String, builder: inout CollectionBuilder) -> [KeyValueRow] {
        guard case .array(let headers)? = request["headers"] else { return [] }
        var rows: [KeyValueRow] = []
        for header in headers {
            guard let name = header["name"]?.text, !name.isEmpty, !name.hasPrefix(":"), !transportHeaders.contains(name.lowercased()) else { continue }
            let value = header["value"]?.text ?? ""
            if value == HistoryRecord.redactedValue {
                builder.warn("\(location).request.headers", "\(name) was redacted when it was recorded: the row is kept empty and off; fill it in")
                rows.append(KeyValueRow(Template.literal(name), "", isEnabled: false))
            } else {
                rows.append(KeyValueRow(Template.literal(name), Template.literal(value)))
            }
        }
        return rows
    }

    // MARK: - Bodies

    private static func body(of postData: JSONValue?, location: String, builder: inout CollectionBuilder) -> RequestBody {
        guard let postData else { return .none }
        let fullType = postData["mimeType"]?.text ?? ""
        let type = mediaType(fullType)
        let text = postData["text"]?.text ?? ""
        var params: [JSONValue] = []
        if case .array(let list)? = postData["params"] { params = list }
        if postData["_encoding"]?.text == "base64" || postData["encoding"]?.text == "base64" {
            builder.warn(location, "a binary body (base64) is not imported; save it to a file and choose it as the body")
            return .none
        }
        if text.isEmpty, params.isEmpty { return .none }
        switch type {
        case "application/x-www-form-urlencoded":
            if !text.isEmpty {
                return .formURLEncoded(FormURLEncoding.decodePairs(Substring(text)).map { KeyValueRow(Template.literal($0.name), Template.literal($0.value)) })
            }
            return .formURLEncoded(params.map { KeyValueRow(Template.literal($0["name"]?.text ?? ""), Template.literal($0["value"]?.text ?? "")) })
        case "multipart/form-data":
            let parts = params.isEmpty ? multipartParams(text, boundary: parameter("boundary", of: fullType)) : params.map(Param.init)
            return .multipart(parts.map { multipartPart($0, location: location, builder: &builder) })
        default:
            if type == "application/json" || type.hasSuffix("+json") { return .json(Template.literal(text)) }
            if type == "application/xml" || type == "text/xml" || type.hasSuffix("+xml") { return .xml(Template.literal(text)) }
            return .raw(text: Template.literal(text), contentType: fullType.isEmpty ? "text/plain" : fullType)
        }
    }

    /// A posted parameter as HAR lists it (`postData.params[]`) or as read from a multipart text.
    struct Param: Equatable {
        var name: String
        var value: String?
        var fileName: String?
        var contentType: String?

        init(name: String, value: String?, fileName: String?, contentType: String?) {
            self.name = name
            self.value = value
            self.fileName = fileName
            self.contentType = contentType
        }

        init(_ json: JSONValue) {
            self.init(name: json["name"]?.text ?? "", value: json["value"]?.text, fileName: json["fileName"]?.text, contentType: json["contentType"]?.text)
        }
    }

    /// A file's content can only be sent from a file: a file part whose content the archive holds
    /// becomes a text field, one without content a file part that is off until a file is chosen.
    private static func multipartPart(_ param: Param, location: String, builder: inout CollectionBuilder) -> MultipartPart {
        let name = Template.literal(param.name)
        guard let fileName = param.fileName else {
            return MultipartPart(name: name, content: .text(Template.literal(param.value ?? "")), contentType: param.contentType)
        }
        if let value = param.value, !value.isEmpty {
            builder.warn(location, "file part '\(param.name)' (\(fileName)) is sent as a text field holding the file's content; save it to a file for a file part")
            return MultipartPart(name: name, content: .text(Template.literal(value)), contentType: param.contentType)
        }
        builder.warn(location, "file part '\(param.name)': the archive does not hold the content of \(fileName); the part is off until you choose the file")
        return MultipartPart(name: name, content: .file(path: Template.literal(fileName)), filename: Template.literal(fileName), contentType: param.contentType, isEnabled: false)
    }

    /// The parts of a multipart/form-data text (RFC 7578), for archives that list no `params`.
    static func multipartParams(_ text: String, boundary: String?) -> [Param] {
        guard let boundary, !boundary.isEmpty else { return [] }
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var params: [Param] = []
        for section in normalized.components(separatedBy: "--" + boundary).dropFirst() {
            if section.hasPrefix("--") { break }
            var lines = section.components(separatedBy: "\n")
            if lines.first == "" { lines.removeFirst() }
            guard let blank = lines.firstIndex(of: "") else { continue }
            var param = Param(name: "", value: nil, fileName: nil, contentType: nil)
            for line in lines[..<blank] {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let headerName = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let headerValue = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if headerName == "content-disposition" {
                    param.name = parameter("name", of: headerValue) ?? ""
                    param.fileName = parameter("filename", of: headerValue)
                } else if headerName == "content-type" {
                    param.contentType = headerValue
                }
            }
            // The line end before the next boundary belongs to the delimiter, not the content.
            var content = lines[(blank + 1)...].joined(separator: "\n")
            if content.hasSuffix("\n") { content.removeLast() }
            param.value = content
            params.append(param)
        }
        return params
    }

    // MARK: - Text helpers

    /// `type/subtype` of a Content-Type, lower-cased, without parameters.
    static func mediaType(_ contentType: String) -> String {
        String(contentType.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The value of `name=value` or `name="value"` among a header's `;`-separated parameters.
    static func parameter(_ name: String, of header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            return value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }

    /// A path short enough for a request name: long ones keep their last two segments.
    static func shortenedPath(_ path: String) -> String {
        let path = path.isEmpty ? "/" : path
        guard path.count > 48 else { return path }
        let tail = path.split(separator: "/").suffix(2).joined(separator: "/")
        return "…/" + (tail.count > 45 ? String(tail.prefix(44)) + "…" : tail)
    }

    /// A URL for a warning line: data: URLs run to megabytes.
    private static func shortened(_ url: String) -> String {
        url.count > 60 ? String(url.prefix(59)) + "…" : url
    }
}

private extension JSONValue {
    var text: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
