import Foundation
import PorticoCore
@testable import PorticoTUI
import Testing

/// The Body tab's cursor: folding objects and arrays, copying a value or its JSONPath, and a body
/// far larger than the screen drawn a screenful at a time.
@Suite("Folding and copying in the response body")
struct ResponseFoldingTests {
    private static let body = #"{"users":[{"id":1,"name":"Ada","tags":["x","y"]},{"id":2,"name":"Grace"}],"total":2}"#

    private func answered(_ body: String = Self.body) -> AppState {
        var state = Fixtures.state(width: 120, height: 40)
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(headers: [HTTPField("Content-Type", "application/json")]), body: Data(body.utf8))))
        state.focus = .response
        return state
    }

    @Test("f folds what the cursor's line opens into one line with its closer, and f again unfolds it")
    func foldingOneValue() {
        var state = answered()
        state.press(.character("j"), .character("j"))
        #expect(state.responseCursor == 2)
        state.press(.character("f"))
        #expect(state.responsePaneText.contains { $0.hasSuffix("{ … 6 lines … },") })
        #expect(!state.responsePaneText.contains { $0.contains("\"Ada\"") })
        // The next row is the next record: the folded lines are skipped.
        state.press(.character("j"))
        #expect(tabFolds(state).line(atRow: state.responseCursor) == 10)
        state.press(.character("k"), .character("f"))
        #expect(state.responsePaneText.contains { $0.contains("\"Ada\"") })
    }

    @Test("f on a line inside a value folds the value around it")
    func foldingTheEnclosingValue() {
        var state = answered()
        state.press(.character(":"))
        state.type("5")
        state.press(.enter)
        state.press(.character("f"))
        #expect(state.folds.isFolded(2))
        #expect(state.responseCursor == 2)
    }

    @Test("F folds every value at the cursor's depth, and unfolds them all again")
    func foldingALevel() {
        var state = answered()
        state.press(.character("j"), .character("j"), .character("F"))
        #expect(state.responsePaneText.filter { $0.contains("{ … ") }.count == 2)
        #expect(state.message == "2 values at depth 2 folded")
        state.press(.character("F"))
        #expect(state.folds.isEmpty)
    }

    @Test("F where nothing at the line's depth opens says so")
    func foldingALevelOfScalars() {
        var state = answered(#"{"a":1,"b":2}"#)
        state.press(.character("j"), .character("F"))
        #expect(state.folds.isEmpty)
        #expect(state.message == "no object or array at this line's depth to fold")
    }

    @Test("F unfolds thousands of folded records at once")
    func unfoldingALargeLevel() {
        var state = answered("[" + (0..<20_000).map { #"{"id":\#($0)}"# }.joined(separator: ",") + "]")
        state.press(.character("j"), .character("F"))
        #expect(state.folds.folds.count == 20_000)
        state.press(.character("F"))
        #expect(state.folds.isEmpty)
    }

    @Test("a search does not find a secret the screen hides, and Esc ends it for good")
    func searchingMasked() {
        var state = Fixtures.state(width: 120, height: 40)
        let view = ResponseView(exchange: Fixtures.exchange(headers: [HTTPField("Content-Type", "application/json")]),
                                body: Data(#"{"token":"s3cr3tvalue","note":"s3cr3t is not the token"}"#.utf8), masker: SecretMasker(secrets: ["s3cr3tvalue"]))
        _ = reduce(&state, .responseArrived(view))
        state.focus = .response
        state.press(.character("/"))
        state.type("s3cr")
        state.press(.enter)
        #expect(state.search?.matches.map(\.line) == [2])
        #expect(state.responsePaneText.contains { $0.contains("\"token\": \"••••••\"") })
        state.press(.character("$"))
        state.type("[?@ == 's3cr3tvalue']")
        #expect(state.query?.summary == "0 values")
    }

    @Test("p copies the JSONPath of the cursor's value and Y the value itself")
    func copying() {
        var state = answered()
        state.press(.character(":"))
        state.type("5")
        state.press(.enter)
        #expect(state.press(.character("p")) == [.copy("$['users'][0]['name']")])
        #expect(state.press(.character("Y")) == [.copy("Ada")])
        state.press(.character("k"), .character("k"))
        #expect(state.press(.character("Y")) == [.copy(#"{"id":1,"name":"Ada","tags":["x","y"]}"#)])
        state.responseTab = .headers
        #expect(state.press(.character("p")).isEmpty)
        #expect(state.message == "the Body tab of a JSON response has values to copy")
    }

    /// 40,000 records (over a megabyte): drawn a screenful at a time, the last line reached at once, a search across
    /// all of it run in the background and its matches brought back.
    @Test("a large body scrolls to its end and is searched whole")
    func largeBody() throws {
        let records = (0..<40_000).map { #"{"id":\#($0),"name":"record \#($0)"}"# }.joined(separator: ",")
        var state = answered("[" + records + "]")
        // The first screen is ready before the whole body is read; the explorer's background
        // task reads the rest and says so.
        let document = try #require(state.response?.document)
        #expect(!document.isIndexed)
        #expect(tabLines(state).count >= 256)
        // G before the end is known goes to the last line read, and says so.
        state.press(.character("G"))
        #expect(state.message == "the body is still being read: this is the last line read so far")
        document.indexAll()
        _ = reduce(&state, .bodyIndexed(fraction: 1, exchange: nil))
        let lines = tabLines(state).count
        #expect(lines == 40_000 * 4 + 2)
        state.press(.character("G"))
        #expect(state.responseCursor == lines - 1)
        #expect(state.message == nil)
        #expect(state.responsePaneText.contains { $0 == "]" })
        state.press(.character("/"))
        state.type("record 39999")
        let effects = state.press(.enter)
        guard case .searchBody(let job)? = effects.first else {
            Issue.record("a large body is searched in the background: \(effects)")
            return
        }
        #expect(state.search?.isRunning == true)
        let search = job.run { false }
        _ = reduce(&state, .searchFinished(search, job: job.number, jumps: job.jumps))
        #expect(state.search?.matches.map(\.line) == [lines - 3])
        #expect(state.responseCursor == lines - 3)
        #expect(state.responsePaneText.contains { $0.contains("\"record 39999\"") })
    }
}

@Suite("A large body that breaks its format")
struct BrokenLargeBodyTests {
    @Test("a body that stops being JSON past its first screen is shown as received, saying where it broke")
    func fallsBackToText() throws {
        let records = (0..<100_000).map { #"{"id":\#($0)}"# }.joined(separator: ",\n")
        let body = "[" + records + ",]"
        var state = Fixtures.state(width: 120, height: 40)
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(headers: [HTTPField("Content-Type", "application/json")]), body: Data(body.utf8))))
        state.focus = .response
        // The first screen is pretty: the break is far below it.
        #expect(tabLines(state).line(2).map(\.text).joined() == "    \"id\": 0")
        state.press(.character("j"), .character("j"), .character("F"))
        state.press(.character("G"))
        let document = try #require(state.response?.document)
        document.indexAll()
        _ = reduce(&state, .bodyIndexed(fraction: 1, exchange: nil))
        #expect(document.layout == .text)
        #expect(state.folds.isEmpty)
        let shown = tabLines(state)
        #expect(state.responseCursor < shown.count)
        #expect(shown.line(0).map(\.text).joined() == "not well-formed at byte \(body.utf8.count - 1) (a closing bracket out of place): shown as received")
        #expect(shown.count == 100_001)
    }
}

@Suite("Querying a large response body")
struct LargeBodyQueryTests {
    @Test("a JSONPath query selects the values of a body of several megabytes")
    func queryOnALargeBody() throws {
        let records = (0..<60_000).map { #"{"id":\#($0),"name":"record \#($0)"}"# }.joined(separator: ",")
        var state = Fixtures.state(width: 120, height: 40)
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(headers: [HTTPField("Content-Type", "application/json")]), body: Data(("[" + records + "]").utf8))))
        state.focus = .response
        state.press(.character("$"))
        state.type("..id")
        #expect(state.query?.summary.hasPrefix("60000 values") == true, "\(state.query?.summary ?? "")")
        #expect(tabLines(state).line(1).map(\.text).joined() == "  0,")
    }
}
