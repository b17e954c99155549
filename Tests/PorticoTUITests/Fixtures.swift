import Foundation
import PorticoCore
import PorticoTUI

/// A small collection and a response that every TUI test can share. Ids are fixed so states
/// and effects compare equal across runs.
enum Fixtures {
    static let listUsers = RequestTemplate(id: "req-list-users", name: "List users", url: "{{base}}/users")
    static let createUser = RequestTemplate(id: "req-create-user", name: "Create user", method: .post, url: "{{base}}/users", body: .json("{\"name\":\"Ada\"}"))
    static let stats = RequestTemplate(id: "req-stats", name: "Stats", url: "{{base}}/admin/stats")
    static let health = RequestTemplate(id: "req-health", name: "Health", url: "{{base}}/health")

    /// Two folders (both expanded at start) and a request at the root:
    ///
    ///     0 users/            3 admin/
    ///     1   List users      4   Stats
    ///     2   Create user     5 Health
    static let collection = Collection(
        id: "collection-demo",
        name: "Demo API",
        environments: [Environment(name: "local", variables: [Variable("base", "http://localhost:8080")])],
        root: RequestGroup(
            name: "",
            groups: [
                RequestGroup(name: "users", requests: [
                    StoredRequest(relativePath: "users/list.yaml", template: listUsers),
                    StoredRequest(relativePath: "users/create.yaml", template: createUser),
                ]),
                RequestGroup(name: "admin", requests: [
                    StoredRequest(relativePath: "admin/stats.yaml", template: stats),
                ]),
            ],
            requests: [StoredRequest(relativePath: "health.yaml", template: health)]
        )
    )

    /// The start state with "List users" opened (Enter on row 1): focus on the request pane.
    static func withListUsersOpen() -> AppState {
        var state = state()
        state.press(.character("j"), .enter)
        return state
    }

    static func state(width: Int = 120, height: Int = 40) -> AppState {
        AppState(width: width, height: height, collection: collection, collectionFolder: nil, environmentName: nil)
    }

    static let usersBody = Data("{\"users\":[{\"id\":1,\"name\":\"Ada\"}]}".utf8)

    static func exchange(status: Int = 200, headers: [HTTPField] = [HTTPField("Content-Type", "application/json")]) -> Exchange {
        let url = URL(string: "http://example.test/users")!
        return Exchange(
            request: ResolvedRequest(method: .get, url: url),
            response: ResponseHead(status: status, headers: headers, url: url),
            body: nil,
            redirects: [],
            timing: ExchangeTiming(startedAt: Date(timeIntervalSince1970: 0), timeToFirstByte: .milliseconds(5), total: .milliseconds(12)),
            error: nil
        )
    }

    static func usersResponse() -> ResponseView {
        ResponseView(exchange: exchange(), body: usersBody)
    }
}

extension AppState {
    /// Feeds keys one by one, as the terminal would; returns every effect asked for.
    @discardableResult
    mutating func press(_ keys: KeyEvent...) -> [Effect] {
        keys.flatMap { reduce(&self, .key($0)) }
    }

    /// The response pane's rows as drawn, without the box's sides and the padding.
    var responsePaneText: [String] {
        let grid = render(self)
        let pane = Layout(self).response
        return (pane.row..<(pane.row + pane.height)).map { row in
            grid.text(row: row, columns: pane.column..<(pane.column + pane.width)).trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }
    }

    /// Types each character as its own key press.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { reduce(&self, .key(.character($0))) }
    }
}

extension CellGrid {
    /// One row of the text dump.
    func line(_ row: Int) -> String {
        String((0..<width).compactMap { self[row, $0].character })
    }

    /// The characters of one row between two columns (the cells of a pane).
    func text(row: Int, columns: Range<Int>) -> String {
        String(columns.clamped(to: 0..<width).compactMap { self[row, $0].character })
    }

    /// Every scalar drawn anywhere in the grid.
    var scalars: [Unicode.Scalar] {
        cells.compactMap(\.character).flatMap(\.unicodeScalars)
    }
}

/// C0 and C1 control characters, DEL, bidi controls and zero-width characters: what must never
/// reach a terminal.
func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
    default: false
    }
}
