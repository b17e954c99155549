import Foundation

/// A saved request as a command another tool runs: curl or HTTPie, safe to paste into a POSIX shell
/// whatever the body holds. Built from the request rendered by `RequestRenderer`, so variables,
/// collection headers and auth are all in it; multipart bodies become form fields (the tool picks
/// its own boundary) and file bodies stay file references.
public struct CommandExport: Sendable {
    public enum Tool: String, Sendable, CaseIterable {
        case curl, httpie
    }

    public var request: ResolvedRequest
    /// The body as saved, for what is better exported as fields or a file than as bytes.
    public var savedBody: RequestBody
    public var renderer: RequestRenderer

    public init(template: RequestTemplate, renderer: RequestRenderer) throws(PorticoError) {
        request = try renderer.render(template)
        savedBody = template.body
        self.renderer = renderer
    }

    /// What the command sends as its body.
    private enum Body {
        case none
        case text(String)
        case file(path: String)
        case form([(name: String, value: FormValue)])
    }

    private enum FormValue {
        case text(String, contentType: String?)
        case file(path: String, filename: String?, contentType: String?)
    }

    private func body() throws(PorticoError) -> Body {
        switch savedBody {
        case .multipart(let parts):
            var fields: [(name: String, value: FormValue)] = []
            for part in parts where part.isEnabled {
                let name = try renderer.scope.render(part.name)
                switch part.content {
                case .text(let text):
                    fields.append((name, .text(try renderer.scope.render(text), contentType: part.contentType)))
                case .file(let path):
                    let rendered = try renderer.scope.render(path)
                    let resolved = (rendered.hasPrefix("/") ? URL(fileURLWithPath: rendered) : renderer.baseDirectory.appendingPathComponent(rendered)).standardizedFileURL.path
                    fields.append((name, .file(path: resolved, filename: part.filename, contentType: part.contentType)))
                }
            }
            return .form(fields)
        default:
            switch request.body {
            case .none: return .none
            case .file(let url): return .file(path: url.path)
            case .data(let data):
                guard let text = String(data: data, encoding: .utf8), ShellQuoting.canQuote(text) else {
                    throw .input("the body holds bytes a shell argument cannot carry (not UTF-8, or a NUL byte); save it to a file and use a file body")
                }
                return data.isEmpty ? .none : .text(text)
            }
        }
    }

    /// Headers to write: a multipart Content-Type is the tool's own (its boundary differs).
    private func headers(for body: Body) -> [HTTPField] {
        guard case .form = body else { return request.headers }
        return request.headers.filter { field in
            !(field.name.caseInsensitiveCompare("Content-Type") == .orderedSame && field.value.lowercased().hasPrefix("multipart/form-data"))
        }
    }

    public func command(for tool: Tool) throws(PorticoError) -> String {
        let body = try body()
        let command = switch tool {
        case .curl: curl(body)
        case .httpie: httpie(body)
        }
        if let aws = request.awsSigV4, tool == .httpie {
            return "# AWS Signature Version 4 (\(aws.service) in \(aws.region)): HTTPie cannot sign requests itself,\n"
                + "# so this command goes out unsigned; curl's --aws-sigv4 or Portico signs it.\n" + command
        }
        guard let oauth2 = request.oauth2 else { return command }
        return "# OAuth 2.0 (\(oauth2.grant.rawValue) grant, token from \(oauth2.tokenURL.absoluteString)): Portico gets the token when it sends;\n"
            + "# this command takes one from $\(Self.accessTokenVariable), which you set first.\n" + command
    }

    /// The shell variable an exported OAuth 2.0 request reads its access token from; the shell
    /// stops with a message when it is not set.
    static let accessTokenVariable = "OAUTH2_ACCESS_TOKEN"
    private static let accessTokenHeader = "\"Authorization: Bearer ${\(accessTokenVariable):?set it to an OAuth 2.0 access token}\""
    private static let accessTokenItem = "\"Authorization:Bearer ${\(accessTokenVariable):?set it to an OAuth 2.0 access token}\""

    private func curl(_ body: Body) -> String {
        var words = ["curl"]
        let method = request.method.rawValue
        let implied: String = switch body {
        case .none: "GET"
        default: "POST"
        }
        if method == "HEAD", case .none = body {
            words.append("--head")
        } else if method != implied {
            words += ["-X", method]
        }
        words.append(request.url.absoluteString)
        if let digest = request.digest { words += ["--digest", "-u", "\(digest.username):\(digest.password)"] }
        if let aws = request.awsSigV4 {
            words += ["--aws-sigv4", "aws:amz:\(aws.region):\(aws.service)", "-u", "\(aws.accessKeyID):\(aws.secretAccessKey)"]
            // curl signs the x-amz-* headers it is given, so the token is signed as Portico signs it.
            if !aws.sessionToken.isEmpty { words += ["-H", "X-Amz-Security-Token: \(aws.sessionToken)"] }
        }
        for field in headers(for: body) {
            words += ["-H", field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"]
        }
        var quoted = words.map(ShellQuoting.quote)
        // Written as it is: the shell must expand the variable.
        if request.oauth2 != nil { quoted += ["-H", Self.accessTokenHeader] }
        words = []
        switch body {
        case .none: break
        case .text(let text): words += ["--data-raw", text]
        case .file(let path): words += ["--data-binary", "@" + path]
        case .form(let fields):
            for (name, value) in fields {
                switch value {
                case .text(let text, let contentType):
                    // --form-string takes the value literally (no @file or <file meaning).
                    if let contentType {
                        words += ["-F", "\(name)=\(text);type=\(contentType)"]
                    } else {
                        words += ["--form-string", "\(name)=\(text)"]
                    }
                case .file(let path, let filename, let contentType):
                    var spec = "\(name)=@\(path)"
                    if let contentType { spec += ";type=\(contentType)" }
                    if let filename { spec += ";filename=\(filename)" }
                    words += ["-F", spec]
                }
            }
        }
        if case .text = body, !request.headers.contains(named: "Content-Type") {
            // curl would add a form Content-Type to a body the request sends without one.
            words += ["-H", "Content-Type:"]
        }
        if request.options.followRedirects {
            words += ["-L", "--max-redirs", String(request.options.maxRedirects)]
        }
        words += ["--max-time", Self.number(request.options.timeout)]
        let connection = request.options.connection
        if let seconds = connection.connectTimeout { words += ["--connect-timeout", Self.number(seconds)] }
        if let proxy = connection.proxy, !proxy.isEmpty { words += ["-x", proxy] }
        if let hosts = connection.noProxy { words += ["--noproxy", hosts.joined(separator: ",")] }
        if connection.verifyTLS == false { words.append("-k") }
        if let path = connection.caFile { words += ["--cacert", path] }
        if let path = connection.clientCertificate { words += ["--cert", path] }
        if let path = connection.clientKey { words += ["--key", path] }
        return (quoted + words.map(ShellQuoting.quote)).joined(separator: " ")
    }

    private func httpie(_ body: Body) -> String {
        var words = ["http", "--ignore-stdin"]
        if request.options.followRedirects {
            words += ["--follow", "--max-redirects", String(request.options.maxRedirects)]
        }
        words += ["--timeout", Self.number(request.options.timeout)]
        // HTTPie has no connect timeout or no-proxy list of its own (it reads NO_PROXY).
        let connection = request.options.connection
        if let proxy = connection.proxy, !proxy.isEmpty { words += ["--proxy", "http:\(proxy)", "--proxy", "https:\(proxy)"] }
        if connection.verifyTLS == false {
            words.append("--verify=no")
        } else if let path = connection.caFile {
            words.append("--verify=\(path)")
        }
        if let path = connection.clientCertificate { words += ["--cert", path] }
        if let path = connection.clientKey { words += ["--cert-key", path] }
        if let digest = request.digest { words += ["--auth-type", "digest", "--auth", "\(digest.username):\(digest.password)"] }
        if case .form = body { words.append("--multipart") }
        if case .text(let text) = body { words += ["--raw", text] }
        words += [request.method.rawValue, request.url.absoluteString]
        // Request items: `Name:value` a header, `Name;` an empty one, `field=value`, `field@path`.
        // A backslash keeps a separator character in a name literal.
        func escaped(_ name: String) -> String {
            var result = ""
            for character in name {
                if [":", "=", "@", ";", "\\"].contains(character) { result.append("\\") }
                result.append(character)
            }
            return result
        }
        for field in headers(for: body) {
            words.append(field.value.isEmpty ? "\(escaped(field.name));" : "\(escaped(field.name)):\(field.value)")
        }
        var quoted = words.map(ShellQuoting.quote)
        if request.oauth2 != nil { quoted.append(Self.accessTokenItem) }
        words = []
        switch body {
        case .none, .text: break
        case .file(let path): words.append("@" + path)
        case .form(let fields):
            for (name, value) in fields {
                switch value {
                case .text(let text, _): words.append("\(escaped(name))=\(text)")
                case .file(let path, _, let contentType):
                    words.append("\(escaped(name))@\(path)" + (contentType.map { ";type=\($0)" } ?? ""))
                }
            }
        }
        return (quoted + words.map(ShellQuoting.quote)).joined(separator: " ")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
