import Foundation

/// A collection written as readable API documentation in Markdown (GitHub flavour): its variables,
/// environments and auth, then every request with its parameters, headers and example body, and
/// the latest response recorded for it when there is one.
///
/// Secret values never appear: secret variables show as `(secret)` and auth only by its kind.
/// Everything a server sent is put in code spans or fenced blocks whose fences are longer than any
/// backtick run inside, so a response can never close a block or start a heading of its own.
public enum MarkdownExport {
    /// The latest exchange recorded for a request, with its response body as stored in history
    /// (already redacted of secrets when it was recorded).
    public struct Example: Sendable {
        public var record: HistoryRecord
        public var responseBody: Data?

        public init(record: HistoryRecord, responseBody: Data?) {
            self.record = record
            self.responseBody = responseBody
        }
    }

    /// Response bodies longer than this many characters are cut, at a line end when there is one.
    public static let bodyLimit = 3000
    /// The response headers worth showing in documentation; the others are transport detail.
    static let exampleHeaders = ["content-type", "location", "cache-control", "etag", "retry-after", "www-authenticate"]

    /// The document; `examples` are keyed by request id.
    public static func document(_ collection: Collection, examples: [String: Example] = [:]) -> String {
        var head = Writer()
        head.heading(1, collection.name)
        if let description = collection.description?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty {
            head.paragraph(description)
        }
        let sections = Self.sections(collection.root, path: [])
        if !sections.isEmpty { head.heading(2, "Contents") }
        // The rest is written first, so that the contents can link to the anchors its headings got.
        var rest = Writer(anchors: head.anchors)
        variables(collection, &rest)
        if !collection.headers.isEmpty {
            rest.heading(2, "Headers sent with every request")
            rest.table(["Name", "Value"], rows(collection.headers))
        }
        rest.heading(2, "Authentication")
        rest.paragraph(authKind(collection.auth, inherited: nil))
        var contents: [String] = []
        for section in sections {
            contents.append("- [\(Writer.escaped(section.title))](#\(rest.heading(2, section.title)))")
            for request in section.requests {
                let anchor = self.request(request.template, inherited: collection.inheritedAuth(atPath: request.relativePath), example: examples[request.template.id], &rest)
                contents.append("  - [\(Writer.escaped(request.template.name))](#\(anchor))")
            }
        }
        if !contents.isEmpty { head.paragraph(contents.joined(separator: "\n")) }
        return head.text + "\n" + rest.text
    }

    // MARK: - Sections

    /// A folder's own requests under one heading titled with the folder's whole path, so that
    /// nested folders need no nesting in the contents: the top level first, then folders depth first.
    struct Section {
        var title: String
        var requests: [StoredRequest]
    }

    static func sections(_ group: RequestGroup, path: [String]) -> [Section] {
        var result: [Section] = []
        if !group.requests.isEmpty {
            result.append(Section(title: path.isEmpty ? "Requests" : path.joined(separator: " / "), requests: group.requests))
        }
        for child in group.groups {
            result += sections(child, path: path + [child.name])
        }
        return result
    }

    private static func variables(_ collection: Collection, _ writer: inout Writer) {
        guard !collection.variables.isEmpty || !collection.environments.isEmpty else { return }
        writer.heading(2, "Variables")
        if !collection.variables.isEmpty {
            writer.table(["Name", "Value"], collection.variables.map(variableRow))
        }
        for environment in collection.environments {
            writer.heading(3, "Environment: \(environment.name)")
            if environment.variables.isEmpty {
                writer.paragraph("*No variables.*")
            } else {
                writer.table(["Name", "Value"], environment.variables.map(variableRow))
            }
        }
    }

    private static func variableRow(_ variable: Variable) -> [String] {
        [Writer.code(variable.name), variable.isSecret ? "(secret)" : Writer.code(variable.value ?? "")]
    }

    // MARK: - Requests

    /// Writes the request's section; returns its heading's anchor.
    private static func request(_ template: RequestTemplate, inherited: (auth: Auth, folder: String?), example: Example?, _ writer: inout Writer) -> String {
        let anchor = writer.heading(3, template.name)
        writer.paragraph(Writer.code("\(template.method) \(template.url)"))
        if let description = template.description?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty {
            writer.paragraph(description)
        }
        if !template.params.isEmpty {
            writer.paragraph("**Query parameters**")
            writer.table(["Name", "Value"], rows(template.params))
        }
        if !template.headers.isEmpty {
            writer.paragraph("**Headers**")
            writer.table(["Name", "Value"], rows(template.headers))
        }
        writer.paragraph("**Auth:** " + authKind(template.auth, inherited: inherited))
        body(template.body, &writer)
        if let example { self.example(example, &writer) }
        return anchor
    }

    private static func rows(_ rows: [KeyValueRow]) -> [[String]] {
        rows.map { row in [Writer.code(row.name) + (row.isEnabled ? "" : " (disabled)"), Writer.code(row.value)] }
    }

    /// What kind of auth, never its credentials.
    /// - Parameter inherited: what an inheriting request gets, and the folder it comes from (nil: the collection).
    static func authKind(_ auth: Auth, inherited: (auth: Auth, folder: String?)?) -> String {
        switch auth {
        case .inherit:
            guard let inherited else { return "none" }
            let owner = inherited.folder.map { "the folder \(Writer.code($0 + "/"))'s" } ?? "the collection's"
            return "\(owner) (\(authKind(inherited.auth, inherited: nil)))"
        case .none: return "none"
        case .basic: return "Basic (username and password)"
        case .digest: return "Digest (username and password)"
        case .bearer: return "Bearer token"
        case .apiKey(let name, _, let location): return "API key \(Writer.code(name)) in the \(location.rawValue)"
        case .oauth2(let settings):
            let scope = settings.scope.isEmpty ? "" : ", scope \(Writer.code(settings.scope))"
            return "OAuth 2.0 (\(Writer.code(settings.grant.rawValue)) grant, token URL \(Writer.code(settings.tokenURL))\(scope))"
        case .awsSigV4(let settings):
            return "AWS Signature Version 4 (service \(Writer.code(settings.service)), region \(Writer.code(settings.region)))"
        }
    }

    private static func body(_ body: RequestBody, _ writer: inout Writer) {
        switch body {
        case .none:
            return
        case .json(let text):
            writer.paragraph("**Body** (\(Writer.code("application/json")))")
            writer.fenced(text, language: "json")
        case .xml(let text):
            writer.paragraph("**Body** (\(Writer.code("application/xml")))")
            writer.fenced(text, language: "xml")
        case .raw(let text, let contentType):
            writer.paragraph("**Body** (\(Writer.code(contentType)))")
            writer.fenced(text, language: language(for: contentType))
        case .formURLEncoded(let fields):
            writer.paragraph("**Body** (\(Writer.code("application/x-www-form-urlencoded")))")
            writer.table(["Name", "Value"], rows(fields))
        case .multipart(let parts):
            writer.paragraph("**Body** (\(Writer.code("multipart/form-data")))")
            writer.table(["Name", "Value", "Content type"], parts.map { part in
                let value: String
                switch part.content {
                case .text(let text): value = Writer.code(text)
                case .file(let path): value = "file " + Writer.code(path)
                }
                return [Writer.code(part.name) + (part.isEnabled ? "" : " (disabled)"), value, part.contentType.map(Writer.code) ?? ""]
            })
        case .binaryFile(let path, let contentType):
            writer.paragraph("**Body** (\(Writer.code(contentType ?? "application/octet-stream"))): the bytes of the file \(Writer.code(path))")
        case .graphQL, .jsonRPC, .soap, .xmlRPC:
            // The document as sent, templates kept: what a reader needs to call the service.
            var ignoredProblems: [String] = []
            guard let wire = body.protocolWire({ text, _ in text }, problems: &ignoredProblems) else { return }
            writer.paragraph("**Body** (\(Writer.code(wire.contentType)), \(body.protocolName ?? ""))")
            if !wire.headers.isEmpty { writer.table(["Header", "Value"], wire.headers.map { [Writer.code($0.name), Writer.code($0.value)] }) }
            writer.fenced(wire.text.trimmingCharacters(in: .newlines), language: wire.contentType == "application/json" ? "json" : "xml")
        }
    }

    // MARK: - Example responses

    private static func example(_ example: Example, _ writer: inout Writer) {
        let timestamps = ISO8601DateFormatter()
        timestamps.formatOptions = [.withInternetDateTime]
        guard let response = example.record.response else { return }
        writer.paragraph("**Example response** (recorded \(timestamps.string(from: example.record.time)))")
        writer.paragraph(Writer.code("\(response.status) \(response.reason)".trimmingCharacters(in: .whitespaces)))
        let headers = response.headers.filter { exampleHeaders.contains($0.name.lowercased()) }
        if !headers.isEmpty {
            writer.table(["Header", "Value"], headers.map { [Writer.code($0.name), Writer.code($0.value)] })
        }
        guard let data = example.responseBody, !data.isEmpty else { return }
        let contentType = response.headers.first(named: "Content-Type")
        guard let text = BodyText.decode(data, contentType: contentType) else {
            writer.paragraph("*A binary body of \(response.body?.size ?? data.count) bytes, not shown.*")
            return
        }
        let language = language(for: contentType ?? "")
        var shown = text
        if language == "json", let document = try? JSONValue.parse(text) {
            // Documentation is shared: a token a login returned must not be published with it.
            shown = redactingCredentials(document).serialized(.indented)
        } else if language == "json", let lines = JSONPrettyPrinter.lines(text) {
            shown = lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
        }
        var note: String?
        if shown.count > bodyLimit {
            var cut = String(shown.prefix(bodyLimit))
            if let lineEnd = cut.lastIndex(of: "\n") { cut = String(cut[..<lineEnd]) }
            note = "*Cut: the first \(cut.count) of \(shown.count) characters are shown.*"
            shown = cut
        } else if response.body?.truncated == true {
            note = "*History kept only the first \(data.count) of \(response.body?.size ?? data.count) bytes.*"
        }
        writer.fenced(shown, language: language)
        if let note { writer.paragraph(note) }
    }

    /// `value` with the values of members named like credentials (`token`, `password`, …) replaced.
    static func redactingCredentials(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.map { member in
                switch member.value {
                case .object, .array: return JSONValue.Member(name: member.name, value: redactingCredentials(member.value))
                case .null: return member
                default: return ImportedCredentials.isCredentialField(member.name) ? JSONValue.Member(name: member.name, value: .string("[redacted]")) : member
                }
            })
        case .array(let items): return .array(items.map(redactingCredentials))
        default: return value
        }
    }

    /// The info string of a fenced block for a media type, for syntax highlighting.
    static func language(for contentType: String) -> String {
        let type = String(contentType.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
        if type == "application/json" || type.hasSuffix("+json") { return "json" }
        if type.hasSuffix("/xml") || type.hasSuffix("+xml") { return "xml" }
        switch type {
        case "text/html": return "html"
        case "text/css": return "css"
        case "text/javascript", "application/javascript": return "javascript"
        case "application/yaml", "application/x-yaml", "text/yaml": return "yaml"
        case "application/graphql": return "graphql"
        case "text/plain", "text/csv", "application/x-www-form-urlencoded": return "text"
        default: return ""
        }
    }

    // MARK: - Writing Markdown

    struct Writer {
        private(set) var text = ""
        private(set) var anchors: Anchors

        init(anchors: Anchors = Anchors()) { self.anchors = anchors }

        /// Writes a heading; returns the anchor GitHub gives it.
        @discardableResult
        mutating func heading(_ level: Int, _ title: String) -> String {
            block(String(repeating: "#", count: level) + " " + Self.escaped(title))
            return anchors.next(title)
        }

        mutating func paragraph(_ markdown: String) { block(markdown) }

        mutating func table(_ header: [String], _ rows: [[String]]) {
            var lines = ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined()]
            lines += rows.map { "| " + $0.map(Self.cell).joined(separator: " | ") + " |" }
            block(lines.joined(separator: "\n"))
        }

        /// A fenced block that nothing inside can close: the fence is longer than any backtick run.
        mutating func fenced(_ content: String, language: String) {
            let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(content) + 1))
            let body = content.hasSuffix("\n") ? String(content.dropLast()) : content
            block(fence + language + "\n" + body + "\n" + fence)
        }

        private mutating func block(_ markdown: String) {
            if !text.isEmpty { text += "\n" }
            text += markdown + "\n"
        }

        /// Inline code on one line, whatever the text holds: a longer backtick fence than any run
        /// inside, and padding when the text starts or ends with a backtick.
        static func code(_ text: String) -> String {
            let oneLine = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).joined(separator: " ")
            guard !oneLine.isEmpty else { return "" }
            let fence = String(repeating: "`", count: longestBacktickRun(oneLine) + 1)
            let padded = oneLine.hasPrefix("`") || oneLine.hasSuffix("`") ? " \(oneLine) " : oneLine
            return fence + padded + fence
        }

        /// A table cell: `|` escaped (GitHub honours `\|` even inside code) and line ends removed.
        static func cell(_ text: String) -> String {
            text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).joined(separator: " ")
                .replacingOccurrences(of: "|", with: "\\|")
        }

        /// Text shown as written: Markdown's punctuation is escaped.
        static func escaped(_ text: String) -> String {
            var result = ""
            for character in text {
                if "\\`*_[]<>#|!~".contains(character) { result.append("\\") }
                result.append(character)
            }
            return result
        }

        static func longestBacktickRun(_ text: String) -> Int {
            var longest = 0
            var current = 0
            for character in text {
                current = character == "`" ? current + 1 : 0
                longest = max(longest, current)
            }
            return longest
        }
    }

    /// GitHub's heading anchors: lower case, punctuation dropped, spaces as `-`, repeats numbered.
    struct Anchors {
        private var used: [String: Int] = [:]

        mutating func next(_ title: String) -> String {
            let slug = String(title.lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                if character == "-" || character == "_" || character.isLetter || character.isNumber { return character }
                return nil
            })
            let count = used[slug, default: 0]
            used[slug] = count + 1
            return count == 0 ? slug : "\(slug)-\(count)"
        }
    }
}
