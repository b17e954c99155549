import Foundation
import Testing
@testable import PorticoCore

/// The viewer's document: lines indexed from the bytes as received and drawn from them, the same
/// as printing the whole body would give.
struct BodyDocumentTests {
    static let jsonSamples = [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"},"empty":{},"none":[]}"#,
        #"[1,-2.5,3e10,0,-0.0,1E+2,{"x":[[],[{}]]}]"#,
        "  {\n  \"spaced\" :  [ 1 , 2 ] ,\r\n\t\"s\": \"a \\\" quote, a \\\\ and \\u00e9\"  }  \n",
        #""just a string""#,
        "42",
        #"{"unicode":"café ☕ 😀","k\"ey":"v"}"#,
        String(repeating: "[", count: 70) + "1" + String(repeating: "]", count: 70),
        #"{"a":{"b":{"c":{"d":[1,{"e":[]},{"f":{}}]}}}}"#,
        "[ ]",
        "{ \n }",
    ]

    static func text(_ pieces: [StyledPiece]) -> String { pieces.map(\.text).joined() }

    @Test(arguments: jsonSamples)
    func jsonLinesAreThePrintersLines(sample: String) throws {
        let printed = try #require(JSONPrettyPrinter.lines(sample))
        let document = BodyDocument(text: sample, layout: .json(sequence: false))
        document.indexAll()
        #expect(document.layout == .json(sequence: false))
        #expect(document.problem == nil)
        let lines = (0..<document.lineCount).map { Self.text(document.line($0)) }
        #expect(lines == printed.map { $0.map(\.text).joined() })
        // Colours too: keys, strings, numbers, literals and punctuation as the printer tags them.
        let kinds = (0..<document.lineCount).map { document.line($0).filter { !$0.text.allSatisfy(\.isWhitespace) }.map(\.kind) }
        let printedKinds = printed.map { $0.filter { !$0.text.allSatisfy(\.isWhitespace) }.map { Self.kind($0.kind) } }
        #expect(kinds == printedKinds)
    }

    static func kind(_ kind: JSONPrettyPrinter.TokenKind) -> StyledPiece.Kind {
        switch kind {
        case .punctuation: .punctuation
        case .key: .key
        case .string: .string
        case .number: .number
        case .literal: .literal
        case .plain: .plain
        }
    }

    /// Whatever the blocks the bytes arrive in, the index is the same.
    @Test(arguments: jsonSamples)
    func indexDoesNotDependOnBlocks(sample: String) throws {
        let bytes = Array(sample.utf8)
        func index(blockSize: Int) throws -> [Int] {
            let index = try indexInBlocks(JSONLineIndexer(), bytes, blockSize: blockSize).get()
            return (0..<index.count).map { index.offset(of: $0) * 100_000 + index.depth(of: $0) * 10 + (index.flags(of: $0).contains(.closer) ? 1 : 0) }
        }
        let whole = try index(blockSize: bytes.count)
        for size in 1...7 { #expect(try index(blockSize: size) == whole) }
    }

    static let notJSON: [(String, Int)] = [
        (#"{"a":1,}"#, 7), (#"[1 2]"#, 3), (#"{"a" 1}"#, 5), ("060", 1), (#"["\x"]"#, 3), ("[1]]", 3),
        ("{\"a\":\"tab\there\"}", 9), ("[tru]", 4), ("[1", 2), ("", 0), ("-", 1), ("[1.]", 3), ("{} {}", 3), ("[--1]", 2), ("[1,-]", 4),
    ]

    @Test(arguments: notJSON)
    func bodyThatIsNotJSONIsShownAsTextSayingWhere(sample: String, offset: Int) {
        #expect(JSONPrettyPrinter.lines(sample) == nil)
        let document = BodyDocument(text: sample, layout: .json(sequence: false))
        document.indexAll()
        #expect(document.layout == .text)
        #expect(document.problem?.offset == offset)
        #expect((0..<document.lineCount).map { Self.text(document.line($0)) } == (sample.isEmpty ? [] : sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
    }

    /// A UTF-8 byte order mark is skipped, even when it arrives a byte at a time.
    @Test func byteOrderMarkIsSkippedInAnyBlocks() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)
        for size in 1...3 {
            let index = try indexInBlocks(JSONLineIndexer(), bytes, blockSize: size).get()
            #expect((0..<index.count).map { index.offset(of: $0) } == [3, 4, 5])
        }
        var indexer = JSONLineIndexer()
        var index = LineIndex()
        #expect(throws: NotThisFormat.self) { try [0xEF, 0xBB, 0x5B].withUnsafeBytes { try indexer.consume($0, at: 0, into: &index) } }
    }

    @Test func jsonLinesAreOneValueAfterAnother() {
        let document = BodyDocument(text: "{\"a\":1}\n{\"a\":2}\n[]\n", layout: .json(sequence: true))
        document.indexAll()
        #expect(document.problem == nil)
        #expect((0..<document.lineCount).map { Self.text(document.line($0)) } == ["{", "  \"a\": 1", "}", "{", "  \"a\": 2", "}", "[]"])
    }

    @Test func textLinesEndAtLFCRLFAndCR() {
        let document = BodyDocument(text: "one\r\ntwo\rthree\n\nfive\n", layout: .text)
        document.indexAll()
        #expect((0..<document.lineCount).map { Self.text(document.line($0)) } == ["one", "two", "three", "", "five"])
    }

    /// A minified body is one line as received; the text view cuts it into pieces it can scroll,
    /// never inside a character.
    @Test func longTextLinesAreCutAtCharacterBoundaries() {
        let line = String(repeating: "é", count: 5000) + "\nend"
        let document = BodyDocument(text: line, layout: .text)
        document.indexAll()
        #expect(document.lineCount == 4)
        let lines = (0..<document.lineCount).map { Self.text(document.line($0)) }
        #expect(lines.joined(separator: "") == String(repeating: "é", count: 5000) + "end")
        #expect(!lines.joined().contains("\u{FFFD}"))
        #expect(document.shape(ofLine: 1).flags.contains(.continuation))
        #expect(!document.shape(ofLine: 3).flags.contains(.continuation))
    }

    @Test func invalidUTF8IsShownWithReplacementMarkers() {
        let document = BodyDocument(bytes: BodyBytes(Data([0x61, 0xFF, 0x62, 0xC3])), layout: .text)
        document.indexAll()
        #expect(Self.text(document.line(0)) == "a\u{FFFD}b\u{FFFD}")
    }

    @Test func hexLinesAreSixteenBytesEach() {
        let document = BodyDocument(bytes: BodyBytes(Data((0..<40).map { UInt8($0 + 60) })), layout: .hex)
        #expect(document.lineCount == 3)
        #expect(Self.text(document.line(0)) == "00000000  3c 3d 3e 3f 40 41 42 43 44 45 46 47 48 49 4a 4b   <=>?@ABCDEFGHIJK")
        #expect(Self.text(document.line(2)) == "00000020  5c 5d 5e 5f 60 61 62 63                           \\]^_`abc")
    }

    /// A line longer than the viewer draws says how much more there is instead of drawing it.
    @Test func veryLongLinesAreCutWithANote() {
        let value = String(repeating: "x", count: 100_000)
        let document = BodyDocument(text: "[\"\(value)\",1]", layout: .json(sequence: false))
        document.indexAll()
        let first = document.line(1)
        #expect(Self.text(first).hasPrefix("  \"xxx"))
        #expect(first.last?.kind == .muted)
        #expect(first.last?.text.contains("more bytes on this line") == true)
        #expect(Self.text(document.line(2)) == "  1")
    }

    /// A spooled body is read from its file, a block at a time, and lines can be read while it is
    /// indexed.
    @Test func fileBodiesAreIndexedInSteps() throws {
        let body = ResponseBody(memoryLimit: 1024)
        var text = "["
        for index in 0..<100_000 { text += (index == 0 ? "" : ",") + "{\"id\":\(index)}" }
        text += "]"
        try body.receive(Data(text.utf8))
        #expect(body.fileURL != nil)
        let document = BodyDocument(bytes: try BodyBytes(body), layout: .json(sequence: false))
        document.index(atLeast: 50)
        #expect(!document.isIndexed)
        #expect(document.lineCount >= 50)
        #expect(Self.text(document.line(2)) == "    \"id\": 0")
        document.indexAll()
        #expect(document.isIndexed)
        #expect(document.lineCount == 100_000 * 3 + 2)
        #expect(Self.text(document.line(document.lineCount - 2)) == "  }")
        #expect(document.shape(ofLine: document.lineCount - 2).flags.contains(.closer))
    }
}

/// Folding, paths and search over a document.
struct BodyDocumentOutlineTests {
    static let users = #"{"users":[{"id":1,"name":"Ada","tags":["x","y"]},{"id":2,"name":"Grace","o d'd":{"k":[]}}],"total":2}"#

    static func document(_ text: String) -> BodyDocument {
        let document = BodyDocument(text: text, layout: .json(sequence: false))
        document.indexAll()
        return document
    }

    @Test func linesOpeningSomethingCloseOnTheirOwnDepth() {
        let document = Self.document(Self.users)
        let text = (0..<document.lineCount).map { BodyDocumentTests.text(document.line($0)) }
        #expect(text[1] == "  \"users\": [")
        let close = document.closingLine(of: 1)
        #expect(close.map { text[$0] } == "  ],")
        #expect(document.closingLine(of: 0) == document.lineCount - 1)
        // A scalar, an empty container and a closing line open nothing.
        #expect(document.closingLine(of: 3) == nil)
        #expect(text[14] == "        \"k\": []")
        #expect(document.closingLine(of: 14) == nil)
        #expect(document.closingLine(of: close!) == nil)
    }

    @Test func everyLineNamesWhereItsValueSits() {
        let document = Self.document(Self.users)
        let paths = (0..<document.lineCount).map { document.jsonPath(ofLine: $0) ?? "-" }
        #expect(paths == [
            "$", "$['users']", "$['users'][0]", "$['users'][0]['id']", "$['users'][0]['name']", "$['users'][0]['tags']",
            "$['users'][0]['tags'][0]", "$['users'][0]['tags'][1]", "$['users'][0]['tags']", "$['users'][0]",
            "$['users'][1]", "$['users'][1]['id']", "$['users'][1]['name']", "$['users'][1]['o d\\'d']", "$['users'][1]['o d\\'d']['k']",
            "$['users'][1]['o d\\'d']", "$['users'][1]", "$['users']", "$['total']", "$",
        ])
        // Each path selects, in the parsed document, the value printed on its line.
        let value = try! JSONValue.parse(Data(Self.users.utf8))
        for line in 0..<document.lineCount {
            let path = try! JSONPath.parse(paths[line])
            #expect(path.select(in: value).count == 1, "line \(line): \(paths[line])")
        }
    }

    @Test func plainSearchFindsMatchesOnTheirLines() {
        let document = Self.document(Self.users)
        let search = BodySearch.plain("NAME", in: document, ignoringCase: true, limit: 100)
        #expect(search.lines == [4, 12])
        #expect(BodySearch.plain("NAME", in: document, ignoringCase: false, limit: 100).lines.isEmpty)
        let capped = BodySearch.plain("\"", in: document, ignoringCase: false, limit: 3)
        #expect(capped.lines.count == 3)
        #expect(capped.isTruncated)
    }

    /// Matches across block boundaries are found once each, spaces as shown included.
    @Test func plainSearchAcrossBlocks() throws {
        var text = "["
        for index in 0..<400_000 { text += (index == 0 ? "" : ",") + "{\"k\":\"needle-\(index % 10)\"}" }
        text += "]"
        #expect(text.utf8.count > BodySearch.blockSize, "the body spans blocks")
        let document = Self.document(text)
        for needle in ["needle-7", "\"k\": \"needle-7\""] {
            let search = BodySearch.plain(needle, in: document, ignoringCase: false, limit: 1_000_000)
            #expect(search.lines.count == 40_000, "\(needle)")
            #expect(search.lines.first == 23, "\(needle)")
            #expect(search.lines.last == 1_199_993, "\(needle)")
            #expect(Set(search.lines).count == 40_000, "\(needle)")
        }
    }

    /// Plain search finds what the lines show, not what the bytes hold: a pretty layout adds and
    /// drops spaces, and puts tokens the bytes hold side by side on separate lines.
    @Test func plainSearchFindsWhatIsShown() {
        let document = Self.document(#"{"a":1,"b":"x y","c":  [true,"É"]}"#)
        #expect(document.lines(0..<document.lineCount).map { $0.map(\.text).joined() } == [
            "{", #"  "a": 1,"#, #"  "b": "x y","#, #"  "c": ["#, "    true,", #"    "É""#, "  ]", "}",
        ])
        func lines(_ text: String, ignoringCase: Bool = false) -> [Int] {
            BodySearch.plain(text, in: document, ignoringCase: ignoringCase, limit: 100).lines
        }
        #expect(lines(#""a": 1"#) == [1], "the space the layout adds is found")
        #expect(lines(#""a":1"#).isEmpty, "what the bytes hold but the line does not show is not")
        #expect(lines(#"1,"b""#).isEmpty, "bytes shown on two lines are not one match")
        #expect(lines(#""c": ["#) == [3], "the spaces the bytes hold and the line drops are not needed")
        #expect(lines("x y") == [2])
        #expect(lines("xy").isEmpty)
        #expect(lines("x  y").isEmpty)
        #expect(lines("  ") == [1, 2, 3, 4, 4, 5, 5, 6], "whitespace alone is looked for on every line")
        #expect(lines("é", ignoringCase: true) == [5], "case folded beyond ASCII, as the highlighter folds it")
        #expect(lines("é").isEmpty)
    }

    /// Plain search finds exactly what the same text finds on every drawn line: the bytes are
    /// only a short cut. Bodies whose layout adds or drops spaces, Unicode that folds to ASCII
    /// letters, long gaps and a hex dump.
    @Test(arguments: [
        (#"{"name" : "x", "e": [ ], "o" : { }, "n": [1 , 2]}"#, BodyDocument.Layout.json(sequence: false),
         [#""name": "x""#, #"name":"#, "[]", "{}", "1,", #""e": []"#, #""n": ["#, " : ", "x y"]),
        (#"<r><a  x = "1"/><br /><b >t</b ><c>Straße 300 K ſecret</c></r>"#, .xml,
         [#"x="1""#, "<br/>", "</b>", "<b>", "strasse", "300 k", "secret", "STRASSE", "straße", "ß"]),
        ("{\"a\":" + String(repeating: " ", count: 200) + "1}", .json(sequence: false), [#""a": 1"#, "a"]),
        ("line one\r\nline  two\n\tthree", .text, ["line one", "line two", "line  two", "e t", "\tthree", "three"]),
        ("ab\u{0}cdef0123456789abcdefab", .hex, ["61 62", "ab", "a.b", "ab.c", "0000", "1"]),
    ])
    func plainSearchAgreesWithTheDrawnLines(body: String, layout: BodyDocument.Layout, needles: [String]) throws {
        let document = BodyDocument(text: body, layout: layout)
        document.indexAll()
        for needle in needles {
            for ignoringCase in [false, true] {
                let expression = try #require(BodySearch.plainExpression(needle, ignoringCase: ignoringCase))
                let drawn = BodySearch.regularExpression(expression, in: document, limit: 100).lines
                let found = BodySearch.plain(needle, in: document, ignoringCase: ignoringCase, limit: 100).lines
                #expect(found == drawn, "\(needle) (ignoring case: \(ignoringCase)) in \(body)")
            }
        }
        if layout == .json(sequence: false), body.hasPrefix(#"{"name""#) {
            #expect(BodySearch.plain("[]", in: document, ignoringCase: false, limit: 100).lines == [2], "a layout that drops spaces")
        }
    }

    /// ASCII text folds ASCII case only, in the search and in what it highlights alike.
    @Test func asciiTextFoldsASCIICase() throws {
        let expression = try #require(BodySearch.plainExpression("strasse k", ignoringCase: true))
        func matches(_ text: String) -> Int { expression.numberOfMatches(in: text, range: NSRange(location: 0, length: (text as NSString).length)) }
        #expect(matches("STRASSE K") == 1)
        #expect(matches("Straße K") == 0)
        #expect(matches("strasse \u{212A}") == 0)
        let unicode = try #require(BodySearch.plainExpression("straße", ignoringCase: true))
        #expect(unicode.numberOfMatches(in: "STRASSE", range: NSRange(location: 0, length: 7)) == 1, "a letter beyond ASCII folds the Unicode way")
    }

    /// A search whose text is in the bytes on every line but shown on none still stops when asked.
    @Test func aLongFruitlessSearchStops() {
        let document = Self.document("[" + Array(repeating: "0", count: 300_000).joined(separator: ",") + "]")
        var asked = 0
        let search = BodySearch.plain("0,0", in: document, ignoringCase: false, limit: 100) {
            asked += 1
            return asked > 1
        }
        #expect(search.isCancelled)
        #expect(search.lines.isEmpty)
    }

    @Test func regularExpressionsRunOnShownLines() throws {
        let document = Self.document(Self.users)
        let search = BodySearch.regularExpression(try NSRegularExpression(pattern: #""id": \d"#), in: document, limit: 100)
        #expect(search.lines == [3, 11])
    }
}
