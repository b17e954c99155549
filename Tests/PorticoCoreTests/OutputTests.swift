import Foundation
import PorticoCore
import Testing

/// Feeds `bytes` to a streaming filter in the given chunks and returns everything it gave back.
private func stream(_ chunks: [ArraySlice<UInt8>], process: (Data) -> Data, finish: () -> Data) -> Data {
    var output = Data()
    for chunk in chunks { output.append(process(Data(chunk))) }
    output.append(finish())
    return output
}

private func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

@Suite("Masking secrets")
struct SecretMaskerTests {
    @Test func masksEveryOccurrence() {
        let masker = SecretMasker(secrets: ["abc123"])
        #expect(masker.mask("token=abc123&again=abc123!") == "token=••••••&again=••••••!")
        #expect(masker.mask("nothing here") == "nothing here")
        #expect(!masker.isEmpty)
    }

    @Test func emptySecretsAreIgnored() {
        let masker = SecretMasker(secrets: ["", ""])
        #expect(masker.isEmpty)
        #expect(masker.mask("abc") == "abc")
        #expect(masker.process(Data("abc".utf8)) + masker.finish() == Data("abc".utf8))
    }

    @Test func aLongerSecretContainingAShorterOneIsMaskedWhole() {
        for order in [["pass", "password123"], ["password123", "pass"]] {
            let masker = SecretMasker(secrets: order)
            #expect(masker.mask("x password123 y pass z") == "x •••••• y •••••• z")
            let streamed = stream([ArraySlice("x password123 y pass z".utf8)], process: masker.process, finish: masker.finish)
            #expect(text(streamed) == "x •••••• y •••••• z")
        }
    }

    @Test func overlappingOccurrencesOfTwoSecretsRevealNeitherSecret() {
        // "abcdef" and "efgh" overlap in "abcdefgh": whichever is masked first, no part of the
        // other may be left readable.
        let masker = SecretMasker(secrets: ["abcdef", "efgh"])
        let whole = masker.mask("[abcdefgh]")
        let streamed = text(stream([ArraySlice("[abcdefgh]".utf8)], process: masker.process, finish: masker.finish))
        for output in [whole, streamed] {
            #expect(output.hasPrefix("[") && output.hasSuffix("]"))
            for letter in "abcdefgh" {
                #expect(!output.contains(letter), "\(output) shows '\(letter)'")
            }
        }
    }

    @Test func aSecretFollowedByACombiningMarkIsStillMasked() {
        // As bytes the secret is there; masking must not depend on where characters begin.
        let masker = SecretMasker(secrets: ["abc"])
        let input = "x abc\u{301} y"
        #expect(!masker.mask(input).contains("ab"))
        let streamed = text(stream([ArraySlice(input.utf8)], process: masker.process, finish: masker.finish))
        #expect(!streamed.contains("ab"))
    }

    @Test func aSecretSplitAtEveryPositionIsStillMasked() {
        let secret = "s3cr3t-välue"
        let masker = SecretMasker(secrets: [secret])
        let input = Array("before \(secret) middle \(secret)\(secret) after".utf8)
        let expected = Data(masker.mask(String(decoding: input, as: UTF8.self)).utf8)
        for split in 0...input.count {
            let fresh = SecretMasker(secrets: [secret])
            let output = stream([input[..<split], input[split...]], process: fresh.process, finish: fresh.finish)
            #expect(output == expected, "split at \(split): \(text(output))")
        }
    }

    @Test func aSecretSplitAcrossThreeChunksIsStillMasked() {
        let secret = "tok3n"
        let input = Array("a tok3n b".utf8)
        let expected = Data("a •••••• b".utf8)
        for first in 0...input.count {
            for second in first...input.count {
                let masker = SecretMasker(secrets: [secret, "other-longer-secret"])
                let output = stream([input[..<first], input[first..<second], input[second...]], process: masker.process, finish: masker.finish)
                #expect(output == expected, "splits at \(first), \(second)")
            }
        }
    }

    @Test func byteAtATimeMatchesWholeMasking() {
        let masker = SecretMasker(secrets: ["abc", "zz-top-secret"])
        let input = Array("abcabc zz-top-secret zz-top ab".utf8)
        let output = stream(input.indices.map { input[$0...$0] }, process: masker.process, finish: masker.finish)
        // Touching occurrences form one masked run.
        #expect(text(output) == "•••••• •••••• zz-top ab")
        #expect(text(output) == SecretMasker(secrets: ["abc", "zz-top-secret"]).mask("abcabc zz-top-secret zz-top ab"))
    }

    @Test func processHoldsBackOnlyWhatCouldStartASecret() {
        let masker = SecretMasker(secrets: ["secret"])
        let first = masker.process(Data("hello sec".utf8))
        // Nothing that is certainly not a secret should wait for the end of the stream.
        #expect(text(first).hasPrefix("hell"))
        #expect(text(first + masker.process(Data("ret!".utf8)) + masker.finish()) == "hello ••••••!")
    }
}

@Suite("Making text safe for a terminal")
struct TerminalTextTests {
    @Test func escapeBecomesAVisibleSymbol() {
        #expect(TerminalText.sanitize("\u{1B}[31mred\u{1B}]0;title\u{07}") == "\u{241B}[31mred\u{241B}]0;title\u{2407}")
    }

    @Test func c1ControlsAreNamed() {
        let output = TerminalText.sanitize("a\u{9B}31mb\u{85}c")
        #expect(!output.unicodeScalars.contains { (0x80..<0xA0).contains($0.value) })
        #expect(output == "a<U+009B>31mb<U+0085>c")
    }

    @Test func bidiOverridesAndIsolatesAreNamed() {
        let output = TerminalText.sanitize("file\u{202E}gpj.exe \u{2066}x\u{2069} \u{200F}")
        #expect(output == "file<U+202E>gpj.exe <U+2066>x<U+2069> <U+200F>")
    }

    @Test("zero-width and other invisible characters are named", arguments: [
        ("pay\u{200B}pal", "pay<U+200B>pal"), ("a\u{200C}b", "a<U+200C>b"), ("a\u{200D}b", "a<U+200D>b"),
        ("\u{FEFF}bom", "<U+FEFF>bom"), ("word\u{2060}joiner", "word<U+2060>joiner"), ("x\u{2064}", "x<U+2064>"),
        ("soft\u{AD}hyphen", "soft<U+00AD>hyphen"), ("tag\u{E0041}", "tag<U+E0041>"), ("\u{3164}", "<U+3164>"),
    ])
    func invisibleCharactersAreNamed(input: String, shown: String) {
        #expect(TerminalText.sanitize(input) == shown)
        #expect(input.map { TerminalText.visible($0) ?? String($0) }.joined() == shown)
    }

    @Test("emoji sequences keep their joiners, selectors, skin tones and tags", arguments: [
        "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "☺︎", "👍🏽", "1️⃣", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "👩🏽‍🚀",
    ])
    func emojiSequencesAreKept(emoji: String) {
        #expect(TerminalText.sanitize("a \(emoji) b") == "a \(emoji) b")
        #expect(emoji.allSatisfy { TerminalText.visible($0) == nil })
    }

    @Test func aJoinerOutsideAnEmojiSequenceIsNamed() {
        #expect(TerminalText.sanitize("👩\u{200D}x") == "👩<U+200D>x")
        #expect(TerminalText.sanitize("x\u{200D}👩") == "x<U+200D>👩")
        #expect(TerminalText.sanitize("👩\u{200D}") == "👩<U+200D>")
    }

    @Test func anEmojiSequenceSplitBetweenChunksIsKept() {
        let input = Array("a 👩‍💻 b 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}".utf8)
        let expected = Data(TerminalText.sanitize(String(decoding: input, as: UTF8.self)).utf8)
        for split in 0...input.count {
            let sanitizer = TerminalText()
            #expect(stream([input[..<split], input[split...]], process: sanitizer.process, finish: sanitizer.finish) == expected, "split at \(split)")
        }
    }

    @Test func loneCarriageReturnsAreShownButLineEndsAreKept() {
        #expect(TerminalText.sanitize("a\rb") == "a\u{240D}b")
        #expect(TerminalText.sanitize("a\r\nb") == "a\r\nb")
        #expect(TerminalText.sanitize("a\r") == "a\u{240D}")
        #expect(TerminalText.sanitize("\r\r\n") == "\u{240D}\r\n")
    }

    @Test func tabsNewlinesAndPrintableTextAreKept() {
        let plain = "col1\tcol2\nline two é € 😀 日本\n"
        #expect(TerminalText.sanitize(plain) == plain)
    }

    @Test func otherControlsBecomeControlPictures() {
        #expect(TerminalText.sanitize("\u{0}\u{8}\u{7F}") == "\u{2400}\u{2408}\u{2421}")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let sanitizer = TerminalText()
        let output = sanitizer.process(Data([0x61, 0xFF, 0x62, 0xC3, 0x28, 0x63])) + sanitizer.finish()
        #expect(text(output) == "a\u{FFFD}b\u{FFFD}(c")
    }

    @Test func aTruncatedSequenceAtTheEndBecomesAReplacementCharacter() {
        let sanitizer = TerminalText()
        let output = sanitizer.process(Data([0x61, 0xE2, 0x82])) + sanitizer.finish()
        #expect(text(output) == "a\u{FFFD}")
    }

    @Test(arguments: ["é", "€", "😀", "a\r\nb", "x\u{1B}[2Jy", "\u{9B}", "👩‍👩‍👧"])
    func aCharacterSplitAtEveryByteGivesTheSameText(piece: String) {
        let input = Array("<\(piece)>".utf8)
        let expected = Data(TerminalText.sanitize("<\(piece)>").utf8)
        for split in 0...input.count {
            let sanitizer = TerminalText()
            let output = stream([input[..<split], input[split...]], process: sanitizer.process, finish: sanitizer.finish)
            #expect(output == expected, "split at \(split)")
        }
    }

    @Test func aMixedStreamFedByteByByteGivesTheSameText() {
        let input = Array("héllo € 😀\r\nlone\rcr \u{1B}[1m bold \u{202E} \t end\r".utf8) + [0xFF, 0x41]
        let expected = Data(TerminalText.sanitize(String(decoding: input, as: UTF8.self)).utf8)
        let sanitizer = TerminalText()
        let output = stream(input.indices.map { input[$0...$0] }, process: sanitizer.process, finish: sanitizer.finish)
        #expect(output == expected)
    }

    @Test func everyChunkThatIsReadyIsReturnedAtOnce() {
        let sanitizer = TerminalText()
        #expect(text(sanitizer.process(Data("complete line\n".utf8))) == "complete line\n")
    }
}

@Suite("Deciding whether a body is text")
struct BodyTextTests {
    @Test func latin1IsDecodedWithItsCharset() {
        let bytes = Data([0x63, 0x61, 0x66, 0xE9])
        #expect(BodyText.decode(bytes, contentType: "text/plain; charset=ISO-8859-1") == "café")
        #expect(BodyText.decode(bytes, contentType: "text/html;charset=\"iso-8859-1\"") == "café")
    }

    @Test func invalidUTF8IsBinary() {
        #expect(BodyText.decode(Data([0x61, 0xFF, 0x62]), contentType: "text/plain; charset=utf-8") == nil)
        #expect(BodyText.decode(Data([0x63, 0x61, 0x66, 0xE9]), contentType: "application/json") == nil)
    }

    @Test func binaryTypesAreBinaryWhateverTheBytes() {
        #expect(BodyText.decode(Data("looks like text".utf8), contentType: "image/png") == nil)
        #expect(BodyText.decode(Data("x".utf8), contentType: "application/octet-stream") == nil)
        #expect(BodyText.decode(Data("x".utf8), contentType: "Image/PNG") == nil)
    }

    @Test func utf8IsTheDefault() {
        #expect(BodyText.decode(Data("{\"a\": \"é€😀\"}".utf8), contentType: "application/json") == "{\"a\": \"é€😀\"}")
        #expect(BodyText.decode(Data("plain".utf8), contentType: nil) == "plain")
        #expect(BodyText.decode(Data(), contentType: "text/plain") == "")
    }

    @Test func nulBytesMarkBinaryData() {
        #expect(BodyText.decode(Data([0x61, 0x00, 0x62]), contentType: nil) == nil)
    }

    @Test func utf16WithItsCharset() {
        #expect(BodyText.decode(Data([0x68, 0x00, 0x69, 0x00]), contentType: "text/plain; charset=utf-16le") == "hi")
        #expect(BodyText.decode(Data([0x00, 0x68, 0x00, 0x69]), contentType: "text/plain; charset=UTF-16BE") == "hi")
    }
}

@Suite("The JSON form of an exchange")
struct ExchangeJSONTests {
    private static let mask = "••••••"

    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func documentsEveryKeyAndMasksSecrets() async throws {
        let url = try await TestServer.url("/echo?t=s3cr3t&x=1")
        let request = ResolvedRequest(method: .get, url: url, headers: [HTTPField("X-Token", "s3cr3t"), HTTPField("Accept", "application/json")])
        let exchange = await TestServer.send(request)
        #expect(exchange.error == nil)
        let body = try #require(try exchange.body?.data())
        let masker = SecretMasker(secrets: ["s3cr3t"])
        let output = ExchangeJSON.encode(exchange: exchange, body: body, bodySize: body.count, error: nil, masker: masker)

        let outputText = text(output)
        #expect(!outputText.contains("s3cr3t"))
        #expect(outputText.contains(Self.mask))

        let json = try object(output)
        #expect(Set(json.keys) == ["request", "response", "redirects", "timing", "error", "transport", "protocol_error", "checks"])
        #expect(json["error"] is NSNull)
        #expect((json["redirects"] as? [Any])?.isEmpty == true)

        let requestPart = try #require(json["request"] as? [String: Any])
        #expect(requestPart["method"] as? String == "GET")
        #expect(requestPart["url"] as? String == url.absoluteString.replacingOccurrences(of: "s3cr3t", with: Self.mask))
        let requestHeaders = try #require(requestPart["headers"] as? [[String]])
        #expect(requestHeaders.contains(["X-Token", Self.mask]))
        #expect(requestHeaders.contains(["Accept", "application/json"]))

        let response = try #require(json["response"] as? [String: Any])
        #expect(response["status"] as? Int == 200)
        #expect(response["reason"] as? String == "OK")
        #expect(response["url"] as? String != nil)
        let responseHeaders = try #require(response["headers"] as? [[String]])
        #expect(responseHeaders.allSatisfy { $0.count == 2 })
        #expect(responseHeaders.contains { $0[0].lowercased() == "content-type" && $0[1].hasPrefix("application/json") })
        #expect(response["size"] as? Int == body.count)
        let responseBody = try #require(response["body"] as? String)
        #expect(responseBody.contains(Self.mask))
        #expect(response["body_base64"] == nil)
        // The echoed body is still JSON after masking, and shows the request as the server got it.
        let echoed = try object(Data(responseBody.utf8))
        #expect(echoed["method"] as? String == "GET")

        let timing = try #require(json["timing"] as? [String: Any])
        let ttfb = try #require(timing["ttfb_ms"] as? Double)
        let total = try #require(timing["total_ms"] as? Double)
        #expect(ttfb >= 0)
        #expect(total >= ttfb)
    }

    @Test func aBinaryBodyIsBase64() async throws {
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: try await TestServer.url("/bytes/64")))
        let body = try #require(try exchange.body?.data())
        #expect(body.count == 64)
        let output = ExchangeJSON.encode(exchange: exchange, body: body, bodySize: body.count, error: nil, masker: SecretMasker(secrets: []))
        let response = try #require(try object(output)["response"] as? [String: Any])
        #expect(response["body"] is NSNull)
        let base64 = try #require(response["body_base64"] as? String)
        #expect(Data(base64Encoded: base64) == body)
        #expect(response["size"] as? Int == 64)
    }

    @Test func redirectsAreListed() async throws {
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: try await TestServer.url("/redirect/2")))
        let output = ExchangeJSON.encode(exchange: exchange, body: try exchange.body?.data(), bodySize: exchange.body?.size ?? 0, error: nil, masker: SecretMasker(secrets: []))
        let redirects = try #require(try object(output)["redirects"] as? [[String: Any]])
        #expect(redirects.map { $0["status"] as? Int } == [302, 302])
        #expect(redirects.map { $0["location"] as? String } == ["/redirect/1", "/redirect/0"])
    }

    @Test func aRequestThatCouldNotBeBuiltHasOnlyTheErrorMasked() throws {
        let error = PorticoError.template("undefined variable 'x' in header 'X-Key: hunter2'")
        let output = ExchangeJSON.encode(exchange: nil, body: nil, bodySize: 0, error: error, masker: SecretMasker(secrets: ["hunter2"]))
        let json = try object(output)
        #expect(Set(json.keys) == ["request", "response", "redirects", "timing", "error", "transport", "protocol_error", "checks"])
        #expect(json["request"] is NSNull)
        #expect(json["response"] is NSNull)
        #expect(json["timing"] is NSNull)
        let errorPart = try #require(json["error"] as? [String: Any])
        #expect(errorPart["kind"] as? String == "template")
        #expect(errorPart["message"] as? String == "undefined variable 'x' in header 'X-Key: \(Self.mask)'")
    }

    @Test func aNetworkFailureHasARequestAndAnErrorButNoResponse() async throws {
        // Nothing listens on port 1 of the loopback interface.
        var request = ResolvedRequest(method: .get, url: URL(string: "http://127.0.0.1:1/")!)
        request.options.timeout = 5
        let exchange = await TestServer.send(request)
        let failure = try #require(exchange.error)
        let output = ExchangeJSON.encode(exchange: exchange, body: nil, bodySize: 0, error: nil, masker: SecretMasker(secrets: []))
        let json = try object(output)
        #expect((json["request"] as? [String: Any])?["method"] as? String == "GET")
        #expect(json["response"] is NSNull)
        let timing = try #require(json["timing"] as? [String: Any])
        #expect(timing["ttfb_ms"] is NSNull)
        #expect(timing["total_ms"] is Double)
        let errorPart = try #require(json["error"] as? [String: Any])
        #expect(errorPart["kind"] as? String == failure.kind.rawValue)
        #expect(errorPart["message"] as? String == failure.message)
    }
}
