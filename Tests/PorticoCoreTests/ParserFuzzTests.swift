import Foundation
@testable import PorticoCore
import PorticoDemoServer
import Testing

/// Every parser must survive arbitrary input: an error is fine, a crash or a hang is not.
/// Inputs are mutations of valid documents (so the parsers get deep), from a fixed seed so a
/// failure reproduces.
@Suite("Parsers survive hostile input")
struct ParserFuzzTests {
    static let iterations = 3000

    static let requestSeed = """
    id: 7b0c2f7e
    name: Create a user
    method: POST
    url: "{{baseUrl}}/users?x={{$randomInt 1 9}}"
    params:
      - name: notify
        value: "true"
        enabled: false
    headers:
      - name: X-Id
        value: "{{$uuid}}"
    body:
      multipart:
        - name: a
          value: b
        - name: f
          file: ../x.bin
          filename: x.bin
    auth:
      apiKey: {name: K, value: "{{k}}", in: query}
    options:
      timeout: 2.5
      followRedirects: false
      maxRedirects: 3

    """

    static let collectionSeed = """
    id: c1
    name: Shop
    variables:
      baseUrl: http://localhost
    secrets: [token]
    headers:
      - name: Accept
        value: application/json
    auth:
      bearer: {token: "{{token}}"}
    environments:
      local:
        variables: {baseUrl: "http://127.0.0.1"}
        secrets: [pw]

    """

    @Test func requestFilesNeverCrashTheReader() {
        var random = SeededRandom(seed: 0x5EED_0001)
        for _ in 0..<Self.iterations {
            let text = random.mutate(Self.requestSeed)
            _ = try? RequestFileFormat.decode(text, defaultName: "fuzz")
        }
    }

    @Test func collectionFilesNeverCrashTheReader() {
        var random = SeededRandom(seed: 0x5EED_0002)
        for _ in 0..<Self.iterations {
            _ = try? CollectionFileFormat.decode(random.mutate(Self.collectionSeed), defaultName: "fuzz")
        }
    }

    @Test func templatesNeverCrashTheRenderer() {
        var random = SeededRandom(seed: 0x5EED_0003)
        let scope = VariableScope(collection: [Variable("a", "{{b}}"), Variable("b", "x{{a}}"), Variable("c", "plain")])
        for _ in 0..<Self.iterations {
            let text = random.mutate("{\"a\": \"{{c}}\", \"b\": \\{{c}}, \"$\": \"{{$randomInt 1 2}}\", \"d\": \"{{ a }}\"}")
            _ = try? scope.render(text)
        }
    }

    @Test func urlsNeverCrashTheBuilder() {
        var random = SeededRandom(seed: 0x5EED_0004)
        for _ in 0..<Self.iterations {
            _ = try? RequestURL.build(random.mutate("https://user:pw@[::1]:8080/a b/é?q=1&r=%zz#frag"), appending: [("k", random.mutate("v&=?"))])
        }
    }

    static let documentSeed = #"{"store": {"book": [{"title": "A \"b\" \u00e9", "price": 8.95, "tags": ["x", null, true]}, {"price": -1e3}], "n": 0}}"#

    @Test func jsonDocumentsNeverCrashTheParserAndRoundTrip() throws {
        var random = SeededRandom(seed: 0x5EED_0006)
        for _ in 0..<Self.iterations {
            guard let document = try? JSONValue.parse(random.mutate(Self.documentSeed)) else { continue }
            // What parses serializes to JSON that parses back to the same text: member order,
            // duplicates and number spelling included (the RFC's == would overlook those).
            for layout in [JSONValue.Layout.compact, .indented] {
                let again = try JSONValue.parse(document.serialized(layout))
                #expect(again.serialized() == document.serialized())
            }
        }
    }

    @Test func jsonPathQueriesNeverCrashTheParserOrTheEvaluator() throws {
        var random = SeededRandom(seed: 0x5EED_0007)
        let document = try JSONValue.parse(Self.documentSeed)
        let seeds = [#"$.store.book[?@.price < 10 && match(@.title, "A.*")].tags[0:2]"#,
                     #"$..[?count(@.*) > 1 || !@.n]['title', 'price']"#,
                     #"$.store.book[-1::-1][?length(value(@.tags)) == 3 && search(@.title, '[é]')]"#]
        for index in 0..<Self.iterations {
            guard let query = try? JSONPath.parse(random.mutate(seeds[index % seeds.count])) else { continue }
            _ = query.select(in: document)
        }
    }

    static let httpFileSeed = """
    @base = http://localhost
    ### Create
    # @name create
    // @no-redirect
    < {%
        request.variables.set("a", 1)
    %}
    POST {{base}}/users
        ?x=1
        &y={{$randomInt 1 9}} HTTP/1.1
    Content-Type: application/json
    Authorization: Basic u:p
    # X-Off: 1

    {"id": "{{$guid}}", "t": "{{create.response.body.$.token}}"}

    > {% client.test("x", function() {}) %}
    >> out.json

    ###
    PUT {{base}}/file
    Content-Type: image/png

    < ./a.png
    """

    /// Whatever parses writes back unchanged, and an edited request reads back as edited.
    @Test func httpFilesNeverCrashTheParserAndWriteBackExactly() throws {
        var random = SeededRandom(seed: 0x5EED_0008)
        for _ in 0..<Self.iterations {
            let text = random.mutate(Self.httpFileSeed)
            guard let document = try? HTTPFileParser.parse(text) else { continue }
            let baseline = document.collection(id: "x", name: "x")
            let unchanged = try document.text(applying: baseline, baseline: baseline)
            #expect(unchanged == text, "an unchanged collection rewrote \(text.debugDescription)")
            guard let first = baseline.allRequests.first else { continue }
            var edited = baseline
            var template = first.template
            template.url = "http://edited.example/path"
            try edited.replaceRequest(at: first.relativePath, with: template)
            guard let reread = try? HTTPFileParser.parse(try document.text(applying: edited, baseline: baseline)) else {
                Issue.record("an edit made \(text.debugDescription) unreadable")
                continue
            }
            #expect(reread.requests.contains { $0.template.url == "http://edited.example/path" }, "the edit of \(text.debugDescription) was lost")
        }
    }

    @Test func roundTripsSurviveArbitraryText() throws {
        var random = SeededRandom(seed: 0x5EED_0005)
        for _ in 0..<300 {
            let text = random.text(length: random.next(upTo: 40))
            let template = RequestTemplate(id: "r", name: text, description: text, url: text,
                                           headers: [KeyValueRow(text, text)], body: .json(text), auth: .bearer(token: text))
            let decoded = try RequestFileFormat.decode(try RequestFileFormat.encode(template), defaultName: "x")
            #expect(decoded == template, "round trip changed \(text.debugDescription)")
        }
    }
}

/// The mutations the fuzz tests apply, from a seeded generator.
struct SeededRandom {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next(upTo bound: Int) -> Int { Int(generator.next() % UInt64(max(bound, 1))) }
    /// Characters that matter to YAML, templates and URLs, plus control and multi-byte ones.
    static let alphabet: [Character] = Array("{}$\\:-#'\"|>&*!%@`[], \t\n\r?=/é€😀\u{0}\u{1b}\u{7f}\u{202e}aZ09") + ["\r\n"]

    mutating func text(length: Int) -> String {
        String((0..<length).map { _ in Self.alphabet[next(upTo: Self.alphabet.count)] })
    }

    mutating func mutate(_ seed: String) -> String {
        var characters = Array(seed)
        for _ in 0..<(1 + next(upTo: 6)) {
            guard !characters.isEmpty else { break }
            let position = next(upTo: characters.count)
            switch next(upTo: 4) {
            case 0: characters.remove(at: position)
            case 1: characters.insert(Self.alphabet[next(upTo: Self.alphabet.count)], at: position)
            case 2: characters[position] = Self.alphabet[next(upTo: Self.alphabet.count)]
            default:
                let end = min(characters.count, position + next(upTo: 20))
                characters.insert(contentsOf: characters[position..<end], at: next(upTo: characters.count))
            }
        }
        return String(characters)
    }
}
