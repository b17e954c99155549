import Foundation
import Testing
@testable import PorticoCore

@Suite struct ShellWordsTests {
    @Test func quotesEscapesContinuationsAndComments() throws {
        let text = #"""
        curl 'a b' "c \"d\" \$e \\ f" $'g\th\x41\u00e9\'' i\ j \
          --k # a comment with 'quotes'
        "#l"
        """#
        #expect(try ShellWords.split(text).words == ["curl", "a b", #"c "d" $e \ f"#, "g\thAé'", "i j", "--k", "#l"])
    }

    @Test func windowsLineEndsEndLinesButACarriageReturnInQuotesIsKept() throws {
        #expect(try ShellWords.split("curl \\\r\n  -d 'a\r\nb' x\r\n").words == ["curl", "-d", "a\r\nb", "x"])
    }

    @Test func expansionsAreKeptAndReported() throws {
        let result = try ShellWords.split(#"curl -H "Authorization: Bearer $TOKEN" ${HOST}/x"#)
        #expect(result.words == ["curl", "-H", "Authorization: Bearer $TOKEN", "${HOST}/x"])
        #expect(result.unexpanded == ["$TOKEN", "${HOST}"])
    }

    @Test func theCommandEndsAtAPipeOrSeparator() throws {
        #expect(try ShellWords.split("curl x | jq .").words == ["curl", "x"])
        #expect(try ShellWords.split("curl 'x|y' ; echo").words == ["curl", "x|y"])
    }

    @Test func unclosedQuotesAreErrors() {
        #expect(throws: PorticoError.self) { try ShellWords.split("curl 'x") }
        #expect(throws: PorticoError.self) { try ShellWords.split(#"curl "x"#) }
        #expect(throws: PorticoError.self) { try ShellWords.split("curl $'x") }
    }

    @Test func quotingRoundTripsAnyText() throws {
        for text in ["plain", "", "it's", #"a "b" $c `d` \e"#, "line\nbreak", "tab\there", "café ☕", "'", "''", "--flag", "#hash", "{{x}}"] {
            #expect(try ShellWords.split("x " + ShellQuoting.quote(text)).words == ["x", text], "\(text)")
        }
    }
}

@Suite struct CurlCommandTests {
    let here = URL(fileURLWithPath: "/tmp")

    @Test func methodHeadersAndDataBecomeTheRequest() throws {
        let command = try CurlCommand.parse(#"curl -sSL -XPUT 'https://api.example.com/x?y=1' -H'Accept: application/json' -H 'X-Empty;' -d a=1 -d 'b={{c}}' -A agent -e http://from"#, baseDirectory: here)
        let template = command.template
        #expect(template.method.rawValue == "PUT")
        #expect(template.url == "https://api.example.com/x?y=1")
        #expect(template.headers.map(\.name) == ["Accept", "X-Empty", "User-Agent", "Referer"])
        #expect(template.headers[1].value == "")
        // `{{` from curl is text, not a Portico variable.
        #expect(template.body == .raw(text: #"a=1&b=\{{c}}"#, contentType: "application/x-www-form-urlencoded"))
        #expect(template.options.followRedirects)
        #expect(command.warnings.isEmpty)
    }

    @Test func getMovesDataIntoTheQuery() throws {
        let template = try CurlCommand.parse("curl -G http://h/s -d q=1 --data-urlencode 'name=Ada Lovelace'", baseDirectory: here).template
        #expect(template.method == .get)
        #expect(template.url == "http://h/s?q=1&name=Ada+Lovelace")
        #expect(template.body == .none)
        #expect(!template.options.followRedirects)
    }

    @Test func jsonSetsItsHeadersUnlessGiven() throws {
        let template = try CurlCommand.parse(#"curl --json '{"a":1}' h/x -H 'Accept: text/plain'"#, baseDirectory: here).template
        #expect(template.method == .post)
        #expect(template.url == "http://h/x")
        #expect(template.body == .raw(text: #"{"a":1}"#, contentType: "application/json"))
        #expect(template.headers.map { "\($0.name): \($0.value)" } == ["Accept: text/plain", "Content-Type: application/json"])
    }

    @Test func credentialsBecomeAuth() throws {
        #expect(try CurlCommand.parse("curl -u ada:pa:ss h", baseDirectory: here).template.auth == .basic(username: "ada", password: "pa:ss"))
        #expect(try CurlCommand.parse("curl --oauth2-bearer t0k h", baseDirectory: here).template.auth == .bearer(token: "t0k"))
        let digest = try CurlCommand.parse("curl --digest -u a:b h", baseDirectory: here)
        #expect(digest.template.auth == .digest(username: "a", password: "b"))
        #expect(digest.warnings.isEmpty)
        #expect(try CurlCommand.parse("curl --digest --basic -u a:b h", baseDirectory: here).template.auth == .basic(username: "a", password: "b"), "the last of --digest and --basic wins")
    }

    @Test func formFieldsAndFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("hello", to: "a.txt")
        let template = try CurlCommand.parse("curl -F name=Ada -F 'doc=@a.txt;type=text/plain;filename=b.txt' --form-string 'raw=@not-a-file' -F 'note=<a.txt' h", baseDirectory: folder.url).template
        guard case .multipart(let parts) = template.body else { Issue.record("not multipart: \(template.body)"); return }
        #expect(parts.map(\.name) == ["name", "doc", "raw", "note"])
        #expect(parts[1].content == .file(path: folder.path("a.txt").path))
        #expect(parts[1].contentType == "text/plain")
        #expect(parts[1].filename == "b.txt")
        #expect(parts[2].content == .text("@not-a-file"))
        #expect(parts[3].content == .text("hello"))
    }

    @Test func unknownAndUnsupportedOptionsAreListed() throws {
        let command = try CurlCommand.parse("curl --frobnicate --capath /etc/ssl --compressed -Z h", baseDirectory: here)
        let warnings = command.warnings.joined(separator: "\n")
        #expect(warnings.contains("--frobnicate"))
        #expect(warnings.contains("-Z"))
        #expect(warnings.contains("--capath: a folder of CA certificates is not supported"))
        #expect(!warnings.contains("--compressed"), "the transport always asks for compressed responses")
    }

    @Test func transportOptionsBecomeTheRequestsConnectionOptions() throws {
        let command = try CurlCommand.parse(
            "curl -k -x proxy.internal:3128 -U 'me:p@ss word' --noproxy 'localhost, .internal' --connect-timeout 2.5 --cacert certs/ca.pem -E /abs/me.pem --key me.key https://h/x",
            baseDirectory: here)
        #expect(command.warnings.isEmpty, "\(command.warnings)")
        let connection = command.template.options.connection
        #expect(connection.verifyTLS == false)
        #expect(connection.proxy == "http://me:p%40ss%20word@proxy.internal:3128")
        #expect(connection.noProxy == ["localhost", ".internal"])
        #expect(connection.connectTimeout == 2.5)
        #expect(connection.caFile == here.appendingPathComponent("certs/ca.pem").path)
        #expect(connection.clientCertificate == "/abs/me.pem")
        #expect(connection.clientKey == here.appendingPathComponent("me.key").path)
        #expect(try ProxyEndpoint.parse(connection.proxy ?? "").password == "p@ss word")

        let socks = try CurlCommand.parse("curl --socks5-hostname 127.0.0.1:1080 h", baseDirectory: here)
        #expect(socks.template.options.connection.proxy == "socks5://127.0.0.1:1080")
        #expect(throws: PorticoError.self) { try CurlCommand.parse("curl --connect-timeout soon h", baseDirectory: here) }
    }

    @Test func exportWritesTheConnectionOptionsBackAndImportReadsThemAgain() throws {
        var template = RequestTemplate(name: "tls", url: "https://h.example/x")
        template.options.connection = ConnectionOptions(connectTimeout: 1.5, proxy: "socks5://127.0.0.1:1080", noProxy: ["localhost", "10.0.0.1"],
                                                        verifyTLS: false, caFile: "/etc/ca.pem", clientCertificate: "/home/me/c.pem", clientKey: "/home/me/c.key")
        let renderer = RequestRenderer(scope: VariableScope(), baseDirectory: here)
        let curl = try CommandExport(template: template, renderer: renderer).command(for: .curl)
        let back = try CurlCommand.parse(curl, baseDirectory: here)
        #expect(back.warnings.isEmpty, "\(back.warnings)")
        #expect(back.template.options.connection == template.options.connection, "\(curl)")

        let httpie = try CommandExport(template: template, renderer: renderer).command(for: .httpie)
        #expect(httpie.contains("--verify=no") && httpie.contains("--proxy http:socks5://127.0.0.1:1080") && httpie.contains("--cert-key /home/me/c.key"), "\(httpie)")
    }

    @Test func mistakesAreClearErrors() {
        #expect(throws: PorticoError.self) { try CurlCommand.parse("curl -H", baseDirectory: here) }
        #expect(throws: PorticoError.self) { try CurlCommand.parse("curl -s", baseDirectory: here) }
        #expect(throws: PorticoError.self) { try CurlCommand.parse("curl -m soon h", baseDirectory: here) }
        #expect(throws: PorticoError.self) { try CurlCommand.parse("curl -d @/no/such/file h", baseDirectory: here) }
    }

    @Test func escapeMatchesCurl() {
        #expect(CurlCommand.escape("a b&c=d/é~+") == "a+b%26c%3Dd%2F%C3%A9~%2B")
    }
}
