import Foundation
import PorticoCore
import PorticoTUI
import Testing

@Suite("protocol bodies in the explorer")
struct ProtocolBodyEditorTests {
    /// "List users" opened (no body), its Body tab shown, and `t` pressed `kinds` times.
    private func bodyTab(pressingT kinds: Int) -> AppState {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("l"), .character("l"))
        for _ in 0..<kinds { state.press(.character("t")) }
        return state
    }

    /// The rows of the request pane's inside, trimmed.
    private func requestPaneText(_ state: AppState) -> [String] {
        let grid = render(state)
        let pane = Layout(state).request
        return (pane.row..<(pane.row + pane.height)).map { row in
            grid.text(row: row, columns: pane.column..<(pane.column + pane.width)).trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }
    }

    @Test("GraphQL: the query and the variables in the body editor, one after the other; the operation name on one line")
    func graphQL() {
        var state = bodyTab(pressingT: 5)
        #expect(state.draft.body == .graphQL(GraphQLBody()))
        state.press(.enter)
        guard case .editingBody = state.mode else { Issue.record("not editing: \(state.mode)"); return }
        state.type("{ users { id } }")
        state.press(.escape, .character("j"), .enter)
        state.type("{\"a\": 1}")
        state.press(.escape, .character("j"), .enter)
        state.type("Op")
        state.press(.enter)
        #expect(state.draft.body == .graphQL(GraphQLBody(query: "{ users { id } }", variables: "{\"a\": 1}", operationName: "Op")))
        #expect(state.mode == .normal)

        let lines = requestPaneText(state)
        #expect(lines.contains("GraphQL · Enter edits the chosen part"), "\(lines)")
        #expect(lines.contains("query"))
        #expect(lines.contains("{ users { id } }"))
        #expect(lines.contains("variables (JSON)"))
        #expect(lines.contains("{\"a\": 1}"))
        #expect(lines.contains("operation  Op"))

        // Editing the query again shows which part the editor holds.
        state.press(.character("k"), .character("k"), .enter)
        #expect(requestPaneText(state).contains { $0.hasPrefix("GraphQL query · line 1/1") })
    }

    @Test("JSON-RPC: method, params and id; a adds a batch call, d deletes one; a text id is quoted")
    func jsonRPC() {
        var state = bodyTab(pressingT: 6)
        state.press(.enter)
        state.type("add")
        state.press(.enter, .character("j"), .enter)
        state.type("[1, 2]")
        state.press(.escape, .character("j"), .enter, .control("u"))
        state.type("7")
        state.press(.enter)
        #expect(state.draft.body == .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "add", params: "[1, 2]", id: .number(7))])))

        state.press(.character("a"))
        state.type("log")
        state.press(.enter, .character("j"), .character("j"), .enter, .control("u"))
        state.type("notification")
        state.press(.enter, .character("a"))
        state.type("find")
        state.press(.enter, .character("j"), .character("j"), .enter, .control("u"))
        state.type("\"x-1\"")
        state.press(.enter)
        #expect(state.draft.body == .jsonRPC(JSONRPCBody(calls: [
            JSONRPCCall(method: "add", params: "[1, 2]", id: .number(7)), JSONRPCCall(method: "log", id: .notification), JSONRPCCall(method: "find", id: .string("x-1")),
        ], isBatch: true)))
        #expect(requestPaneText(state).contains("call 3 id      \"x-1\""), "\(requestPaneText(state))")

        // d on any part of the second call deletes that call.
        state.press(.character("k"), .character("k"), .character("k"), .character("d"))
        #expect(state.draft.body == .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "add", params: "[1, 2]", id: .number(7)), JSONRPCCall(method: "find", id: .string("x-1"))], isBatch: true)))
        // t keeps a body with calls.
        state.press(.character("t"))
        #expect(state.message?.contains("JSON-RPC 2.0 batch") == true, "\(state.message ?? "")")
        if case .jsonRPC = state.draft.body {} else { Issue.record("the calls were dropped") }
    }

    @Test("SOAP: Space switches 1.1 and 1.2, the action on a line, the envelope in the body editor")
    func soap() {
        var state = bodyTab(pressingT: 7)
        state.press(.character(" "))
        state.press(.character("j"), .enter)
        state.type("urn:a")
        state.press(.enter, .character("j"), .enter)
        state.type("<Ping/>")
        state.press(.escape)
        #expect(state.draft.body == .soap(SOAPBody(envelope: "<Ping/>", version: .v1_2, action: "urn:a")))
        #expect(requestPaneText(state).contains("version  1.2"), "\(requestPaneText(state))")
        state.press(.character("t"))
        #expect(state.draft.body == .soap(SOAPBody(envelope: "<Ping/>", version: .v1_2, action: "urn:a")), "an action is never dropped")
    }

    @Test("XML-RPC: a adds a string param, r changes its type (an unknown one is refused), d deletes it")
    func xmlRPC() {
        var state = bodyTab(pressingT: 8)
        state.press(.enter)
        state.type("sample.add")
        state.press(.enter, .character("a"))
        state.type("2")
        state.press(.enter, .character("r"), .control("u"))
        state.type("int")
        state.press(.enter, .character("a"))
        state.type("x")
        state.press(.enter, .character("r"), .control("u"))
        state.type("bogus")
        state.press(.enter)
        #expect(state.message?.hasPrefix("unknown XML-RPC type 'bogus'") == true)
        guard case .editingCell = state.mode else { Issue.record("the bad type closed the editor"); return }
        state.press(.escape)
        #expect(state.draft.body == .xmlRPC(XMLRPCCall(method: "sample.add", params: [.scalar(.int, "2"), .scalar(.string, "x")])))
        let lines = requestPaneText(state)
        #expect(lines.contains("param 1  int  2"), "\(lines)")
        #expect(lines.contains("param 2  string  x"), "\(lines)")
        state.press(.character("d"))
        #expect(state.draft.body == .xmlRPC(XMLRPCCall(method: "sample.add", params: [.scalar(.int, "2")])))
    }

    @Test("a struct param is shown but edited in the request file")
    func xmlRPCStruct() {
        var state = bodyTab(pressingT: 0)
        state.draft.body = .xmlRPC(XMLRPCCall(method: "m", params: [.structure([XMLRPCValue.Member("a", .scalar(.int, "1"))])]))
        state.press(.character("j"), .enter)
        #expect(state.mode == .normal)
        #expect(state.message?.contains("request file") == true)
        #expect(requestPaneText(state).contains("param 1  struct  {a: 1}"))
    }

    private func responseLines(_ body: String, contentType: String) -> (AppState, [String]) {
        var state = Fixtures.withListUsersOpen()
        state.press(.control("r"))
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(headers: [HTTPField("Content-Type", contentType)]), body: Data(body.utf8))))
        let grid = render(state)
        let pane = Layout(state).response
        return (state, (pane.row..<(pane.row + pane.height)).map { grid.text(row: $0, columns: pane.column..<(pane.column + pane.width)).trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) })
    }

    @Test("a GraphQL error is said above the body and in the footer, control characters escaped")
    func graphQLErrorShown() {
        let (state, lines) = responseLines("{\"errors\":[{\"message\":\"bad \\u001b[31mfield\",\"locations\":[{\"line\":1,\"column\":3}]}]}", contentType: "application/json")
        #expect(state.message == "GraphQL: bad \u{1B}[31mfield (line 1, column 3)")
        #expect(lines.contains { $0.hasPrefix("GraphQL: bad ") && $0.hasSuffix("[31mfield (line 1, column 3)") && !$0.contains("\u{1B}") }, "\(lines)")
    }

    @Test("an XML-RPC answer is shown as a tree")
    func xmlRPCTree() {
        let (state, lines) = responseLines("<?xml version=\"1.0\"?><methodResponse><params><param><value><struct><member><name>sum</name><value><i4>42</i4></value></member></struct></value></param></params></methodResponse>", contentType: "text/xml")
        #expect(state.message == nil)
        let body = lines.drop { !$0.hasPrefix("XML-RPC") }
        #expect(Array(body.prefix(3)) == ["XML-RPC: 1 value", "result: struct", "sum: int 42"], "\(lines)")
    }
}
