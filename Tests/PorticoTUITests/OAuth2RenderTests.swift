import Foundation
import PorticoCore
import PorticoTUI
import Testing

@Suite("OAuth 2.0 in the explorer")
struct OAuth2RenderTests {
    /// The request pane's rows from the tab line down, without borders.
    private func requestLines(_ state: AppState) -> [String] {
        let grid = render(state)
        let pane = Layout(state).request
        return (pane.row..<(pane.row + pane.height)).map { row in
            grid.text(row: row, columns: pane.column..<(pane.column + pane.width)).trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }
    }

    @Test func theAuthTabListsTheGrantsSettingsWithSecretsMasked() {
        var state = Fixtures.withListUsersOpen()
        state.draft.auth = .oauth2(OAuth2Settings(grant: .password, tokenURL: "{{baseUrl}}/oauth/token", clientID: "demo-client",
                                                  clientSecret: "typed-in-secret", scope: "demo.read", username: "demo", password: "{{demoPassword}}"))
        state.requestTab = .auth
        let lines = requestLines(state)
        let start = try? #require(lines.firstIndex(of: "OAuth 2.0 · t: kind · Enter: edit"))
        #expect(start != nil, "\(lines.joined(separator: "\n"))")
        guard let start else { return }
        // The grant's line goes on with its choices, past the pane's edge here.
        #expect(lines[start + 1].hasPrefix("grant           password  (client_credentials"))
        #expect(Array(lines[(start + 2)..<(start + 10)]) == [
            "token URL       {{baseUrl}}/oauth/token",
            "client id       demo-client",
            "client secret   ••••••",
            "client auth     basic  (basic / body)",
            "scope           demo.read",
            "audience        (empty)",
            "username        demo",
            "password        {{demoPassword}}",
        ])
        #expect(!lines.joined().contains("typed-in-secret"))
    }

    @Test func anInheritingRequestNamesTheFolderItsAuthComesFrom() throws {
        var state = Fixtures.withListUsersOpen()
        #expect(state.draftPath == "users/list.yaml")
        try state.collection.setFolderAuth(.bearer(token: "{{usersToken}}"), at: "users")
        state.draft.auth = .inherit
        state.requestTab = .auth
        let lines = requestLines(state)
        #expect(lines.contains("inherited from the folder users/:"), "\(lines.joined(separator: "\n"))")
        #expect(lines.contains("token           {{usersToken}}"))
    }

    @Test func theSignInURLIsShownWhileTheRequestWaitsAndGoesAwayAfter() {
        var state = Fixtures.withListUsersOpen()
        _ = reduce(&state, .sendDraft)
        #expect(state.inFlight != nil)
        let url = "http://127.0.0.1:8642/oauth/authorize?response_type=code&client_id=demo-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A40123%2Fcallback&state=s"
        _ = reduce(&state, .signInWaiting(URL(string: url)!))
        let grid = render(state)
        let screen = grid.text
        #expect(screen.contains("OAuth 2.0 sign-in"), "\(screen)")
        // Wrapped over the box's width (the screen's less 8 columns, centred), the URL reads back whole.
        let box = (grid.width - (grid.width - 8)) / 2
        let inside = (0..<grid.height).map { grid.text(row: $0, columns: (box + 2)..<(grid.width - box - 1)).trimmingCharacters(in: .whitespaces) }
        #expect(inside.joined().contains(url), "\(screen)")
        #expect(screen.contains("Esc cancels"))
        _ = reduce(&state, .signInEnded)
        #expect(!render(state).text.contains("OAuth 2.0 sign-in"))
    }
}
