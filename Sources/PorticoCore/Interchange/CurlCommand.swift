import Foundation

/// A curl command line turned into the request curl itself would send: same method, URL, headers and
/// body (curl's own User-Agent and Accept defaults aside). What Portico cannot do yet, and options
/// it does not know, come back as warnings: nothing is dropped silently.
public struct CurlCommand: Sendable {
    public var template: RequestTemplate
    public var warnings: [String]

    /// Options that take a value, by their short letter and long names.
    private static let shortWithValue: Set<Character> = ["A", "b", "c", "C", "d", "D", "e", "E", "F", "H", "K", "m", "o", "P", "Q", "r", "t", "T", "u", "U", "w", "x", "X", "y", "Y", "z"]
    private static let longWithValue: Set<String> = [
        "request", "header", "data", "data-ascii", "data-raw", "data-binary", "data-urlencode", "json", "form", "form-string",
        "user", "oauth2-bearer", "cookie", "user-agent", "referer", "url", "upload-file", "proxy", "max-time",
        "connect-timeout", "max-redirs", "output", "write-out", "cookie-jar", "cacert", "capath", "cert", "key", "cert-type",
        "key-type", "resolve", "connect-to", "retry", "retry-delay", "retry-max-time", "limit-rate", "proxy-user", "range",
        "config", "dump-header", "interface", "local-port", "trace", "trace-ascii", "stderr", "continue-at", "speed-limit",
        "speed-time", "time-cond", "expect100-timeout", "keepalive-time", "dns-servers", "noproxy", "preproxy", "socks5",
        "socks5-hostname", "aws-sigv4", "ciphers", "tls-max", "pinnedpubkey", "request-target", "unix-socket", "abstract-unix-socket",
    ]
    private static let shortToLong: [Character: String] = [
        "X": "request", "H": "header", "d": "data", "F": "form", "u": "user", "b": "cookie", "A": "user-agent", "e": "referer",
        "T": "upload-file", "x": "proxy", "m": "max-time", "L": "location", "k": "insecure", "G": "get", "I": "head",
        "o": "output", "s": "silent", "S": "show-error", "v": "verbose", "i": "include", "f": "fail", "w": "write-out",
        "c": "cookie-jar", "O": "remote-name", "D": "dump-header", "g": "globoff", "#": "progress-bar", "N": "no-buffer",
        "E": "cert", "K": "config", "C": "continue-at", "r": "range", "U": "proxy-user", "0": "http1.0",
    ]
    /// Options that only change what curl prints or where it writes: they do not change the request.
    private static let outputOnly: Set<String> = [
        "silent", "show-error", "verbose", "include", "fail", "fail-with-body", "output", "write-out", "remote-name",
        "remote-header-name", "dump-header", "progress-bar", "no-progress-meter", "no-buffer", "globoff", "trace",
        "trace-ascii", "stderr", "create-dirs", "styled-output", "no-styled-output",
    ]
    /// Options whose effect Portico always has: its transport asks for and decodes gzip, deflate,
    /// brotli and zstd, as `--compressed` makes curl do.
    private static let alwaysHonoured: Set<String> = ["compressed"]
    /// Options Portico understands but its transport cannot honour yet.
    private static let unsupported: [String: String] = [
        "capath": "a folder of CA certificates is not supported; give one PEM file with --cacert",
        "cert-type": "only PEM client certificates are supported",
        "key-type": "only PEM private keys are supported",
        "preproxy": "a proxy before the proxy is not supported",
        "http2": "the transport picks the HTTP version itself",
        "http1.1": "the transport picks the HTTP version itself",
        "http1.0": "the transport picks the HTTP version itself",
        "cookie-jar": "cookies are not written to a jar",
    ]

    /// - Parameter baseDirectory: where `@file` paths are read from.
    public static func parse(_ text: String, baseDirectory: URL) throws(PorticoError) -> CurlCommand {
        let split = try ShellWords.split(text)
        var words = split.words
        guard let first = words.first else { throw .input("the curl command is empty") }
        if first == "curl" || first.hasSuffix("/curl") { words.removeFirst() }
        var parser = Parser(baseDirectory: baseDirectory)
        for expansion in Set(split.unexpanded).sorted() {
            parser.warnings.append("\(expansion) was not expanded (Portico runs no shell); it is sent as written")
        }
        try parser.read(words)
        return CurlCommand(template: try parser.template(), warnings: parser.warnings)
    }

    private struct DataPart {
        enum Kind { case ascii, raw, binary, urlencode, json }
        var kind: Kind
        var value: String
    }

    private struct Parser {
        let baseDirectory: URL
        var warnings: [String] = []
        var urls: [String] = []
        var method: String?
        var headers: [(String, String)] = []
        var removedHeaders: [String] = []
        var data: [DataPart] = []
        var form: [MultipartPart] = []
        var uploadFile: String?
        var user: String?
        var bearer: String?
        var digest = false
        /// `--aws-sigv4`'s `provider1[:provider2[:region[:service]]]`.
        var awsSigV4: String?
        var get = false
        var head = false
        var follow = false
        var maxRedirects: Int?
        var timeout: Double?
        /// -k, -x, --noproxy, --connect-timeout, --cacert, --cert, --key.
        var connection = ConnectionOptions()
        var proxyUser: String?
        var unknown: [String] = []

        init(baseDirectory: URL) { self.baseDirectory = baseDirectory }

        mutating func read(_ words: [String]) throws(PorticoError) {
            var index = 0
            func value(for option: String) throws(PorticoError) -> String {
                index += 1
                guard index < words.count else { throw .input("curl option \(option) needs a value") }
                return words[index]
            }
            var optionsEnded = false
            while index < words.count {
                let word = words[index]
                if optionsEnded || !word.hasPrefix("-") || word == "-" {
                    urls.append(word)
                } else if word == "--" {
                    optionsEnded = true
                } else if word.hasPrefix("--") {
                    let name = String(word.dropFirst(2))
                    if CurlCommand.longWithValue.contains(name) {
                        try apply(name, try value(for: word), enabled: true)
                    } else if name.hasPrefix("no-"), !Self.isKnown(name) {
                        // curl accepts --no-X to turn a boolean off.
                        try apply(String(name.dropFirst(3)), nil, enabled: false)
                    } else {
                        try apply(name, nil, enabled: true)
                    }
                } else {
                    // Short options combine: -sSL, -XPOST, -H'Accept: x'.
                    var letters = Substring(word.dropFirst())
                    while let letter = letters.first {
                        letters = letters.dropFirst()
                        let long = CurlCommand.shortToLong[letter]
                        if CurlCommand.shortWithValue.contains(letter) {
                            let argument = letters.isEmpty ? try value(for: "-\(letter)") : String(letters)
                            letters = ""
                            if let long { try apply(long, argument, enabled: true) } else { unknown.append("-\(letter)") }
                        } else if let long {
                            try apply(long, nil, enabled: true)
                        } else {
                            unknown.append("-\(letter)")
                        }
                    }
                }
                index += 1
            }
            if !unknown.isEmpty {
                warnings.append("unknown curl options ignored: \(unknown.joined(separator: " "))")
            }
            if urls.count > 1 {
                warnings.append("only the first URL is imported; also given: \(urls.dropFirst().joined(separator: " "))")
            }
        }

        static func isKnown(_ name: String) -> Bool {
            CurlCommand.longWithValue.contains(name) || CurlCommand.outputOnly.contains(name) || CurlCommand.unsupported[name] != nil
                || ["location", "get", "head", "basic", "digest", "insecure", "compressed", "location-trusted"].contains(name)
        }

        mutating func apply(_ name: String, _ value: String?, enabled: Bool) throws(PorticoError) {
            switch name {
            case "request": method = value
            case "header": addHeader(value ?? "")
            case "user-agent": headers.removeAll { $0.0.lowercased() == "user-agent" }; headers.append(("User-Agent", value ?? ""))
            case "referer": headers.append(("Referer", value ?? ""))
            case "cookie":
                let cookie = value ?? ""
                if cookie.contains("=") { headers.append(("Cookie", cookie)) } else { warnings.append("-b \(cookie): reading cookies from a file is not supported; no cookie is sent") }
            case "data", "data-ascii": data.append(DataPart(kind: .ascii, value: value ?? ""))
            case "data-raw": data.append(DataPart(kind: .raw, value: value ?? ""))
            case "data-binary": data.append(DataPart(kind: .binary, value: value ?? ""))
            case "data-urlencode": data.append(DataPart(kind: .urlencode, value: value ?? ""))
            case "json": data.append(DataPart(kind: .json, value: value ?? ""))
            case "form": form.append(try formPart(value ?? "", literal: false))
            case "form-string": form.append(try formPart(value ?? "", literal: true))
            case "user": user = value
            case "basic": digest = false
            case "digest": digest = enabled
            case "oauth2-bearer": bearer = value
            case "aws-sigv4": awsSigV4 = value
            case "url": urls.append(value ?? "")
            case "upload-file": uploadFile = value
            case "get": get = enabled
            case "head": head = enabled
            case "location", "location-trusted": follow = enabled
            case "max-redirs":
                guard let count = Int(value ?? ""), count >= -1 else { throw .input("--max-redirs needs a whole number, not '\(value ?? "")'") }
                maxRedirects = count < 0 ? RequestOptions.defaultMaxRedirects : count
            case "max-time":
                guard let seconds = Double(value ?? ""), seconds > 0, seconds <= RequestOptions.maximumTimeout else {
                    throw .input("--max-time needs a number of seconds, not '\(value ?? "")'")
                }
                timeout = seconds
            case "connect-timeout":
                guard let seconds = Double(value ?? ""), seconds > 0, seconds <= RequestOptions.maximumTimeout else {
                    throw .input("--connect-timeout needs a number of seconds, not '\(value ?? "")'")
                }
                connection.connectTimeout = seconds
            case "insecure": connection.verifyTLS = enabled ? false : nil
            case "proxy": connection.proxy = value
            case "socks5", "socks5-hostname": connection.proxy = "socks5://" + (value ?? "")
            case "proxy-user": proxyUser = value
            case "noproxy": connection.noProxy = ProxyRoute.noProxyList(value ?? "")
            case "cacert": connection.caFile = resolve(value ?? "")
            case "cert": connection.clientCertificate = resolve(value ?? "")
            case "key": connection.clientKey = resolve(value ?? "")
            default:
                if CurlCommand.outputOnly.contains(name) || CurlCommand.alwaysHonoured.contains(name) { return }
                if let reason = CurlCommand.unsupported[name] {
                    warnings.append("--\(name): \(reason)")
                    return
                }
                unknown.append("--\(name)")
            }
        }

        /// `Name: value` sets a header, `Name:` removes one curl would add, `Name;` sends it empty.
        mutating func addHeader(_ line: String) {
            if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if value.isEmpty {
                    removedHeaders.append(name.lowercased())
                    headers.removeAll { $0.0.lowercased() == name.lowercased() }
                } else {
                    headers.append((name, value))
                }
            } else if line.hasSuffix(";") {
                headers.append((String(line.dropLast()).trimmingCharacters(in: .whitespaces), ""))
            } else {
                warnings.append("-H '\(line)' is not a header (Name: value); ignored")
            }
        }

        /// `name=value`, `name=@file[;type=…][;filename=…]`, `name=<file` (the file's text as a field).
        func formPart(_ spec: String, literal: Bool) throws(PorticoError) -> MultipartPart {
            guard let equals = spec.firstIndex(of: "=") else { throw .input("-F '\(spec)' must be name=value") }
            let name = String(spec[..<equals])
            let rest = String(spec[spec.index(after: equals)...])
            if literal { return MultipartPart(name: name, content: .text(rest)) }
            if rest.hasPrefix("@") || rest.hasPrefix("<") {
                var attributes = rest.dropFirst().split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                let path = attributes.removeFirst()
                var contentType: String?
                var filename: String?
                for attribute in attributes {
                    let trimmed = attribute.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("type=") { contentType = String(trimmed.dropFirst(5)) }
                    else if trimmed.hasPrefix("filename=") { filename = String(trimmed.dropFirst(9)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                }
                let resolved = resolve(path)
                if rest.hasPrefix("<") {
                    return MultipartPart(name: name, content: .text(try readText(path)), contentType: contentType)
                }
                guard FileManager.default.isReadableFile(atPath: resolved) else { throw .input("-F \(name)=@\(path): cannot read \(resolved)") }
                return MultipartPart(name: name, content: .file(path: resolved), filename: filename, contentType: contentType)
            }
            var value = rest
            var contentType: String?
            if let semicolon = rest.range(of: ";type=") {
                value = String(rest[..<semicolon.lowerBound])
                contentType = String(rest[semicolon.upperBound...])
            }
            return MultipartPart(name: name, content: .text(value), contentType: contentType)
        }

        func resolve(_ path: String) -> String {
            (path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)).standardizedFileURL.path
        }

        func readText(_ path: String) throws(PorticoError) -> String {
            guard path != "-" else { throw .input("reading data from standard input (@-) is not supported; put it in a file") }
            let resolved = resolve(path)
            guard let data = FileManager.default.contents(atPath: resolved) else { throw .input("cannot read \(resolved)") }
            guard let text = String(data: data, encoding: .utf8) else { throw .input("\(resolved) is not UTF-8 text; use --data-binary @file for bytes") }
            return text
        }

        /// The bytes curl sends for the data options, in order: `-d` parts joined with `&`
        /// (files without their line ends), `--json` parts concatenated.
        func dataText() throws(PorticoError) -> String? {
            guard !data.isEmpty else { return nil }
            var pieces: [String] = []
            var jsonText = ""
            for part in data {
                switch part.kind {
                case .json:
                    jsonText += part.value.hasPrefix("@") ? try readText(String(part.value.dropFirst())) : part.value
                case .raw:
                    pieces.append(part.value)
                case .ascii:
                    if part.value.hasPrefix("@") {
                        pieces.append(try readText(String(part.value.dropFirst())).filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" })
                    } else {
                        pieces.append(part.value)
                    }
                case .binary:
                    pieces.append(part.value.hasPrefix("@") ? try readText(String(part.value.dropFirst())) : part.value)
                case .urlencode:
                    pieces.append(try urlencoded(part.value))
                }
            }
            if !jsonText.isEmpty { pieces.append(jsonText) }
            return pieces.joined(separator: "&")
        }

        /// --data-urlencode forms: `content`, `=content`, `name=content`, `@file`, `name@file`.
        func urlencoded(_ spec: String) throws(PorticoError) -> String {
            if spec.hasPrefix("=") { return CurlCommand.escape(String(spec.dropFirst())) }
            if let equals = spec.firstIndex(of: "="), let at = spec.firstIndex(of: "@"), at < equals {
                return String(spec[..<at]) + "=" + CurlCommand.escape(try readText(String(spec[spec.index(after: at)...])))
            }
            if let equals = spec.firstIndex(of: "=") {
                return String(spec[..<equals]) + "=" + CurlCommand.escape(String(spec[spec.index(after: equals)...]))
            }
            if let at = spec.firstIndex(of: "@") {
                let name = String(spec[..<at])
                let content = CurlCommand.escape(try readText(String(spec[spec.index(after: at)...])))
                return name.isEmpty ? content : name + "=" + content
            }
            return CurlCommand.escape(spec)
        }

        mutating func template() throws(PorticoError) -> RequestTemplate {
            guard let rawURL = urls.first else { throw .input("the curl command has no URL") }
            var url = rawURL.contains("://") ? rawURL : "http://" + rawURL
            var template = RequestTemplate(name: Self.name(for: url), url: "")
            var headerRows = headers.map { KeyValueRow(Template.literal($0.0), Template.literal($0.1)) }
            func hasHeader(_ name: String) -> Bool { headers.contains { $0.0.lowercased() == name.lowercased() } }

            let text = try dataText()
            var methodName = "GET"
            if let text, get {
                url += (url.contains("?") ? "&" : "?") + text
            } else if data.contains(where: { $0.kind == .json }), let text {
                methodName = "POST"
                template.body = .raw(text: Template.literal(text), contentType: "application/json")
                if !hasHeader("Content-Type") { headerRows.append(KeyValueRow("Content-Type", "application/json")) }
                if !hasHeader("Accept") { headerRows.append(KeyValueRow("Accept", "application/json")) }
            } else if let text {
                methodName = "POST"
                if data.count == 1, data[0].kind == .binary, data[0].value.hasPrefix("@") {
                    template.body = .binaryFile(path: resolve(String(data[0].value.dropFirst())), contentType: "application/x-www-form-urlencoded")
                } else {
                    template.body = .raw(text: Template.literal(text), contentType: "application/x-www-form-urlencoded")
                }
            } else if !form.isEmpty {
                methodName = "POST"
                template.body = .multipart(form.map { part in
                    var part = part
                    part.name = Template.literal(part.name)
                    if case .text(let value) = part.content { part.content = .text(Template.literal(value)) }
                    return part
                })
            } else if let uploadFile {
                methodName = "PUT"
                let path = resolve(uploadFile)
                guard FileManager.default.isReadableFile(atPath: path) else { throw .input("-T \(uploadFile): cannot read \(path)") }
                if url.hasSuffix("/") { url += URL(fileURLWithPath: path).lastPathComponent }
                template.body = .binaryFile(path: path, contentType: nil)
            }
            if head { methodName = "HEAD" }
            if let method { methodName = method }
            template.method = try HTTPMethod(methodName)
            template.url = Template.literal(url)
            template.headers = headerRows
            if let awsSigV4 {
                template.auth = awsAuth(awsSigV4, host: URL(string: url)?.host() ?? "", headers: &template.headers)
            } else if let bearer {
                template.auth = .bearer(token: Template.literal(bearer))
            } else if let user {
                let parts = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let (username, password) = (Template.literal(String(parts[0])), Template.literal(parts.count > 1 ? String(parts[1]) : ""))
                template.auth = digest ? .digest(username: username, password: password) : .basic(username: username, password: password)
            } else {
                template.auth = .none
            }
            template.options.followRedirects = follow
            if let maxRedirects { template.options.maxRedirects = maxRedirects }
            if let timeout { template.options.timeout = timeout }
            template.options.connection = try connectionOptions()
            return template
        }

        /// `--aws-sigv4` with `-u ACCESS_KEY:SECRET_KEY`. Like curl, a region or service left out is
        /// taken from an AWS host name (`SERVICE.REGION.amazonaws.com`); an `X-Amz-Security-Token`
        /// header becomes the session token, which Portico then signs and sends itself.
        mutating func awsAuth(_ value: String, host: String, headers: inout [KeyValueRow]) -> Auth {
            let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts[0].lowercased() == "aws" else {
                warnings.append("--aws-sigv4 \(value): only the 'aws' provider is supported; imported without auth")
                return .none
            }
            let fromHost = AWSSigV4Settings.serviceAndRegion(fromHost: host)
            let region = parts.count > 2 && !parts[2].isEmpty ? parts[2] : fromHost?.region ?? ""
            let service = parts.count > 3 && !parts[3].isEmpty ? parts[3] : fromHost?.service ?? ""
            if region.isEmpty || service.isEmpty {
                warnings.append("--aws-sigv4 \(value): no region or service given and none in the host name; fill them in before sending")
            }
            let credentials = (user ?? "").split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if user == nil { warnings.append("--aws-sigv4 without -u: fill in the access key id and secret access key before sending") }
            let sessionToken = headers.last { $0.name.caseInsensitiveCompare("X-Amz-Security-Token") == .orderedSame }?.value ?? ""
            headers.removeAll { $0.name.caseInsensitiveCompare("X-Amz-Security-Token") == .orderedSame }
            return .awsSigV4(AWSSigV4Settings(
                accessKeyID: Template.literal(credentials.first ?? ""), secretAccessKey: Template.literal(credentials.count > 1 ? credentials[1] : ""),
                sessionToken: sessionToken, region: Template.literal(region), service: Template.literal(service)))
        }

        /// The connection options, with `--proxy-user` written into the proxy URL (where Portico keeps
        /// a proxy's credentials) and every text a literal, not a template.
        func connectionOptions() throws(PorticoError) -> ConnectionOptions {
            var options = connection
            if let proxy = options.proxy {
                var text = proxy.contains("://") ? proxy : "http://" + proxy
                if let proxyUser {
                    guard let range = text.range(of: "://") else { return options }
                    let parts = proxyUser.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                    let credentials = parts.map { String($0).addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? String($0) }.joined(separator: ":")
                    text.replaceSubrange(range, with: "://" + credentials + "@")
                }
                options.proxy = Template.literal(text)
            }
            options.caFile = options.caFile.map(Template.literal)
            options.clientCertificate = options.clientCertificate.map(Template.literal)
            options.clientKey = options.clientKey.map(Template.literal)
            return options
        }

        /// A name for the request from its URL: the method-less path, e.g. `users/1`.
        static func name(for url: String) -> String {
            let path = URLComponents(string: url)?.path ?? ""
            let trimmed = path.split(separator: "/").suffix(2).joined(separator: "/")
            return trimmed.isEmpty ? (URLComponents(string: url)?.host ?? "imported request") : trimmed
        }
    }

    /// Encodes as curl's --data-urlencode does: a space as `+`, everything else but ASCII letters,
    /// digits and `-._~` percent-encoded (measured with curl 7.88).
    static func escape(_ text: String) -> String {
        // A space is the only byte that encodes as %20.
        PercentEncoding.allButUnreserved(text).replacingOccurrences(of: "%20", with: "+")
    }
}
