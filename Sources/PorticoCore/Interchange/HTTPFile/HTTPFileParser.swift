import Foundation

/// Reads `.http` and `.rest` files in both dialects: VS Code REST Client and JetBrains HTTP Client.
///
/// A file is blocks separated by lines starting with `###` (JetBrains takes the text after it as
/// the request's name). A block holds, in order: comments (`#` or `//`) and directives such as
/// `# @name login`, file variables (`@host = example.com`), the request line (`METHOD URL
/// [HTTP/VERSION]`, or a bare URL for GET) with optional `?`/`&` continuation lines, headers up to
/// a blank line, and the body up to the next separator or a JetBrains response handler (`> {% … %}`).
public enum HTTPFileParser {
    static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT"]

    public static func parse(_ text: String) throws(PorticoError) -> HTTPFileDocument {
        // "\r\n" is one Character in Swift. Each line keeps its own terminator, so a file that
        // mixes them is written back as it was.
        var lines: [String] = []
        var terminators: [String] = []
        var current = ""
        for character in text {
            if character == "\n" || character == "\r\n" {
                lines.append(current)
                terminators.append(String(character))
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty {
            lines.append(current)
            terminators.append("")
        }
        let crlf = terminators.filter { $0 == "\r\n" }.count
        let lineEnding = crlf * 2 > terminators.filter({ !$0.isEmpty }).count ? "\r\n" : "\n"
        var document = HTTPFileDocument(lines: lines, terminators: terminators, lineEnding: lineEnding, variables: [], requests: [], warnings: [])
        guard !lines.isEmpty else { return document }
        var starts = [0]
        for (index, line) in lines.enumerated() where index > 0 && isSeparator(line) { starts.append(index) }
        var usedIDs: Set<String> = []
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : lines.count
            guard var request = try parseBlock(start..<end, in: &document) else { continue }
            let id = UniqueName.first("http-" + CollectionStore.slug(request.isNamed ? request.template.name : String(document.requests.count + 1)), notIn: usedIDs)
            usedIDs.insert(id)
            request.template.id = id
            document.requests.append(request)
        }
        return document
    }

    static func isSeparator(_ line: String) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("###")
    }

    /// A comment line: `#` or `//` (but not a `###` separator).
    static func comment(_ line: String) -> Substring? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("//") { return trimmed.dropFirst(2) }
        if trimmed.hasPrefix("#"), !trimmed.hasPrefix("###") { return trimmed.dropFirst() }
        return nil
    }

    /// `@name value` or `@name = value` inside a comment.
    static func directive(_ commentText: Substring) -> (name: String, value: String)? {
        let text = commentText.drop { $0 == " " || $0 == "\t" }
        guard text.hasPrefix("@") else { return nil }
        let body = text.dropFirst()
        let name = body.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        guard !name.isEmpty else { return nil }
        var value = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("=") { value = String(value.dropFirst()).trimmingCharacters(in: .whitespaces) }
        return (String(name), value)
    }

    /// `@name = value` at the start of a line: a file variable.
    static func fileVariable(_ line: String) -> (name: String, value: String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("@"), let equals = trimmed.firstIndex(of: "=") else { return nil }
        let name = trimmed[trimmed.index(after: trimmed.startIndex)..<equals].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, Template.isName(name) else { return nil }
        return (name, trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces))
    }

    /// JetBrains response handlers and redirections, which end a body.
    static func isResponseHandler(_ line: String) -> Bool {
        let text = Substring(line)
        if text.hasPrefix(">>") || text.hasPrefix("<> ") { return true }
        guard text.hasPrefix(">") else { return false }
        let rest = text.dropFirst().drop { $0 == " " }
        return rest.hasPrefix("{%") || (text.dropFirst().first == " " && !rest.isEmpty)
    }

    private static func parseBlock(_ block: Range<Int>, in document: inout HTTPFileDocument) throws(PorticoError) -> HTTPFileRequest? {
        let lines = document.lines
        var index = block.lowerBound
        var separatorLine: Int?
        var title: String?
        if isSeparator(lines[index]) {
            separatorLine = index
            let text = lines[index].drop { $0 == " " || $0 == "\t" }.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { title = text }
            index += 1
        }
        var name: String?
        var nameLine: Int?
        var options = RequestOptions()
        // Comments, directives, variables and scripts before the request line.
        while index < block.upperBound {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { index += 1; continue }
            if let text = comment(line) {
                if let (key, value) = directive(text) {
                    switch key {
                    case "name":
                        name = value
                        nameLine = index
                    case "no-redirect": options.followRedirects = false
                    case "no-log": options.recordsHistory = false
                    case "timeout":
                        if let seconds = Double(value.split(separator: " ").first ?? ""), seconds > 0 { options.timeout = min(seconds, RequestOptions.maximumTimeout) }
                    case "prompt": document.warnings.append(ImportWarning("line \(index + 1)", "@prompt is not supported: give '\(value.split(separator: " ").first ?? "")' a value as a variable instead"))
                    default: break
                    }
                }
                index += 1
                continue
            }
            if let variable = fileVariable(line) {
                document.variables.append(HTTPFileVariable(name: variable.name, value: variable.value, line: index))
                index += 1
                continue
            }
            if trimmed.hasPrefix("< {%") || trimmed.hasPrefix("<{%") {
                document.warnings.append(ImportWarning("line \(index + 1)", "pre-request scripts are not run; the script is kept in the file"))
                while index < block.upperBound, !lines[index].contains("%}") { index += 1 }
                index += 1
                continue
            }
            break
        }
        guard index < block.upperBound else { return nil }

        let requestLine = index
        var style = HTTPFileRequestStyle()
        var (method, url) = try requestLineParts(lines[index], line: index + 1)
        index += 1
        while index < block.upperBound, let first = lines[index].first, first == " " || first == "\t" {
            let part = lines[index].trimmingCharacters(in: .whitespaces)
            guard part.hasPrefix("?") || part.hasPrefix("&") else { break }
            url += part
            index += 1
        }
        if let version = url.range(of: #"\s+HTTP/\d(\.\d)?$"#, options: .regularExpression) { url.removeSubrange(version) }
        if let version = lines[requestLine..<index].joined().range(of: #"HTTP/\d(\.\d)?$"#, options: .regularExpression) {
            style.httpVersion = String(lines[requestLine..<index].joined()[version])
        }

        var headers: [KeyValueRow] = []
        while index < block.upperBound, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
            let line = lines[index]
            if let text = comment(line) {
                // `# Name: value` is how a disabled header is written back; other comments are kept as such.
                if let header = header(String(text.drop { $0 == " " })) {
                    headers.append(KeyValueRow(header.name, header.value, isEnabled: false))
                } else {
                    style.headerComments.append(HTTPFileRequestStyle.HeaderComment(position: headers.count, line: line))
                }
            } else if isResponseHandler(line) {
                break
            } else if let header = header(line) {
                headers.append(KeyValueRow(header.name, header.value))
            } else {
                throw .input("line \(index + 1): '\(line)' is not a header (Name: value); leave a blank line before the body")
            }
            index += 1
        }
        var lastRequestLine = index
        var bodyLines: [String] = []
        if index < block.upperBound, !isResponseHandler(lines[index]) {
            index += 1
            let bodyStart = index
            var bodyEnd = index
            while index < block.upperBound, !isResponseHandler(lines[index]) {
                if !lines[index].trimmingCharacters(in: .whitespaces).isEmpty { bodyEnd = index + 1 }
                index += 1
            }
            bodyLines = Array(lines[bodyStart..<bodyEnd])
            if !bodyLines.isEmpty { lastRequestLine = bodyEnd }
        }
        if index < block.upperBound, isResponseHandler(lines[index]) {
            document.warnings.append(ImportWarning("line \(index + 1)", "response handlers and redirections are not run; they are kept in the file"))
        }

        var template = RequestTemplate(name: "", method: method, url: url, headers: headers, options: options)
        template.auth = auth(from: &template.headers, url: url, style: &style)
        template.body = body(bodyLines, headers: template.headers)
        if case .raw(let text, let type) = template.body, type.lowercased().hasPrefix("multipart/"), text.split(separator: "\n").contains(where: { $0.hasPrefix("< ") }) {
            document.warnings.append(ImportWarning("line \(requestLine + 1)", "file includes inside a multipart body are sent as written, not replaced by the files"))
        }
        let explicitName = name ?? title
        template.name = explicitName ?? "\(method.rawValue) \(url)"
        return HTTPFileRequest(template: template, isNamed: explicitName != nil, block: block, separatorLine: separatorLine,
                               nameLine: nameLine, requestLines: requestLine..<lastRequestLine, style: style)
    }

    static func requestLineParts(_ line: String, line number: Int) throws(PorticoError) -> (HTTPMethod, String) {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let last = words.last, words.count > 1, last.range(of: #"^HTTP/\d(\.\d)?$"#, options: .regularExpression) != nil { words.removeLast() }
        guard let first = words.first else { throw .input("line \(number): a request line is missing") }
        if methods.contains(first) {
            guard words.count > 1 else { throw .input("line \(number): '\(line)' has a method but no URL") }
            return (try HTTPMethod(first), words.dropFirst().joined(separator: " "))
        }
        if words.count == 1 { return (.get, first) }
        if first.uppercased() == first, first.allSatisfy(\.isLetter) {
            return (try HTTPMethod(first), words.dropFirst().joined(separator: " "))
        }
        throw .input("line \(number): '\(line)' is not a request line (METHOD URL [HTTP/VERSION])")
    }

    static func header(_ line: String) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon]
        guard !name.isEmpty, name.utf8.allSatisfy(HTTPToken.isTokenCharacter) else { return nil }
        return (String(name), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// REST Client writes Basic credentials in clear (`Basic user:password` or `Basic user
    /// password`) and encodes them itself; that becomes Basic auth. Base64 has neither ':' nor ' '.
    private static func auth(from headers: inout [KeyValueRow], url: String, style: inout HTTPFileRequestStyle) -> Auth {
        guard let index = headers.firstIndex(where: { $0.isEnabled && $0.name.lowercased() == "authorization" }) else { return .inherit }
        let value = headers[index].value
        let scheme = value.prefix { $0 != " " }.lowercased()
        let credentials = value.drop { $0 != " " }.trimmingCharacters(in: .whitespaces)
        if scheme == "aws", let settings = awsSigV4(credentials, url: url) {
            headers.remove(at: index)
            style.authorizationIndex = index
            return .awsSigV4(settings)
        }
        guard scheme == "basic" || scheme == "digest", let split = credentials.firstIndex(where: { $0 == ":" || $0 == " " }) else { return .inherit }
        headers.remove(at: index)
        style.authorizationIndex = index
        let username = String(credentials[..<split])
        let password = credentials[credentials.index(after: split)...].trimmingCharacters(in: .whitespaces)
        // REST Client's `Digest user password` asks it to answer the server's challenge.
        if scheme == "digest" { return .digest(username: username, password: password) }
        style.basicSeparator = credentials[split]
        return .basic(username: username, password: password)
    }

    /// REST Client's `AWS accessId accessKey [token:…] [region:…] [service:…]`, which it signs
    /// itself; a region or service left out comes from the AWS host name, as REST Client does it.
    private static func awsSigV4(_ credentials: String, url: String) -> AWSSigV4Settings? {
        let words = credentials.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return nil }
        var settings = AWSSigV4Settings(accessKeyID: words[0], secretAccessKey: words[1], region: "", service: "")
        for word in words.dropFirst(2) {
            guard let colon = word.firstIndex(of: ":") else { return nil }
            let text = String(word[word.index(after: colon)...])
            switch word[..<colon] {
            case "token": settings.sessionToken = text
            case "region": settings.region = text
            case "service": settings.service = text
            default: return nil
            }
        }
        if let fromHost = URLComponents(string: url)?.host.flatMap(AWSSigV4Settings.serviceAndRegion(fromHost:)) {
            if settings.region.isEmpty { settings.region = fromHost.region }
            if settings.service.isEmpty { settings.service = fromHost.service }
        }
        return settings
    }

    private static func body(_ lines: [String], headers: [KeyValueRow]) -> RequestBody {
        guard !lines.isEmpty else { return .none }
        let contentType = headers.last { $0.isEnabled && $0.name.lowercased() == "content-type" }?.value
        if lines.count == 1, let include = fileInclude(lines[0]) {
            return .binaryFile(path: include, contentType: contentType)
        }
        let text = lines.joined(separator: "\n")
        let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if type == "application/json" || type.hasSuffix("+json") { return .json(text) }
        if type == "application/xml" || type == "text/xml" || type.hasSuffix("+xml") { return .xml(text) }
        return .raw(text: text, contentType: contentType ?? "")
    }

    /// `< ./path` (or REST Client's `<@ ./path`, which renders variables in the file).
    static func fileInclude(_ line: String) -> String? {
        var text = Substring(line)
        guard text.hasPrefix("<") else { return nil }
        text = text.dropFirst()
        if text.hasPrefix("@") { text = text.dropFirst().drop { $0.isLetter || $0.isNumber || $0 == "-" } }
        guard text.first == " " || text.first == "\t" else { return nil }
        let path = text.trimmingCharacters(in: .whitespaces)
        return path.isEmpty ? nil : path
    }

}
