import Foundation
import PorticoCore
import PorticoTUI
import Testing

@Suite("reduce")
struct ReducerTests {
    private func isEditingURL(_ state: AppState) -> Bool {
        if case .editingURL = state.mode { true } else { false }
    }

    // MARK: Sidebar

    @Test("j and k move the sidebar selection within bounds")
    func sidebarMoves() {
        var state = Fixtures.state()
        #expect(state.sidebarRows.count == 6)
        #expect(state.sidebarSelection == 0)
        state.press(.character("k"))
        #expect(state.sidebarSelection == 0)
        state.press(.character("j"))
        #expect(state.sidebarSelection == 1)
        state.press(.down, .down)
        #expect(state.sidebarSelection == 3)
        for _ in 0..<10 { state.press(.character("j")) }
        #expect(state.sidebarSelection == 5)
        state.press(.character("k"), .up)
        #expect(state.sidebarSelection == 3)
    }

    @Test("Enter on a folder folds and unfolds it")
    func foldFolder() {
        var state = Fixtures.state()
        #expect(state.expandedFolders == ["users", "admin"])
        let effects = state.press(.enter)
        #expect(effects.isEmpty)
        #expect(!state.expandedFolders.contains("users"))
        #expect(state.sidebarRows.map(\.title) == ["users", "admin", "Stats", "Health"])
        #expect(state.focus == .sidebar)
        state.press(.enter)
        #expect(state.expandedFolders.contains("users"))
        #expect(state.sidebarRows.map(\.title) == ["users", "List users", "Create user", "admin", "Stats", "Health"])
    }

    @Test("Enter on a request loads it into the draft and focuses the request pane")
    func openRequest() {
        var state = Fixtures.state()
        let effects = state.press(.character("j"), .character("j"), .enter)
        #expect(effects.isEmpty)
        #expect(state.draft == Fixtures.createUser)
        #expect(state.draftPath == "users/create.yaml")
        #expect(!state.isDirty)
        #expect(state.focus == .request)
    }

    // MARK: Focus

    @Test("Tab and BackTab cycle the focus through the three panes")
    func focusCycle() {
        var state = Fixtures.state()
        #expect(state.focus == .sidebar)
        state.press(.tab)
        #expect(state.focus == .request)
        state.press(.tab)
        #expect(state.focus == .response)
        state.press(.tab)
        #expect(state.focus == .sidebar)
        state.press(.backTab)
        #expect(state.focus == .response)
        state.press(.backTab)
        #expect(state.focus == .request)
    }

    // MARK: Editing the URL

    @Test("i edits the URL; typing and Enter commit it and make the draft dirty")
    func editURL() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("i"))
        #expect(isEditingURL(state))
        let effects = state.type("?page=2")
        #expect(effects.isEmpty)
        #expect(state.draft.url == "{{base}}/users", "the draft changes only on Enter")
        state.press(.enter)
        #expect(state.mode == .normal)
        #expect(state.draft.url == "{{base}}/users?page=2")
        #expect(state.isDirty)
    }

    @Test("keys typed into the URL are text, not commands")
    func typingIsNotCommands() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("i"))
        let effects = state.type("q?e/")
        #expect(effects.isEmpty)
        #expect(state.mode != .confirmQuit)
        #expect(state.environmentName == nil)
        #expect(!state.quitRequested)
        state.press(.enter)
        #expect(state.draft.url == "{{base}}/usersq?e/")
    }

    @Test("Esc cancels URL editing and keeps the old URL")
    func cancelURL() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("i"), .control("u"))
        state.type("http://other.test")
        state.press(.escape)
        #expect(state.mode == .normal)
        #expect(state.draft.url == "{{base}}/users")
        #expect(!state.isDirty)
    }

    @Test("m cycles through the standard methods")
    func cycleMethod() {
        var state = Fixtures.withListUsersOpen()
        var seen: [String] = [state.draft.method.rawValue]
        for _ in 0..<7 {
            state.press(.character("m"))
            seen.append(state.draft.method.rawValue)
        }
        #expect(seen == ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "GET"])
    }

    // MARK: Params table

    @Test("a adds a param and edits its name; Tab moves to the value; Enter commits")
    func addParam() {
        var state = Fixtures.withListUsersOpen()
        #expect(state.requestTab == .params)
        state.press(.character("a"))
        #expect(state.draft.params == [KeyValueRow("", "")])
        #expect(state.mode == .editingCell(row: 0, column: 0, LineEditor()))
        state.type("page")
        state.press(.tab)
        #expect(state.draft.params[0].name == "page")
        guard case .editingCell(0, 1, _) = state.mode else {
            Issue.record("expected to edit the value, mode is \(state.mode)")
            return
        }
        state.type("2")
        state.press(.enter)
        #expect(state.mode == .normal)
        #expect(state.draft.params == [KeyValueRow("page", "2")])
        #expect(state.isDirty)
    }

    @Test("Space toggles a row's enabled flag and d deletes it")
    func toggleAndDeleteParam() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("a"))
        state.type("a")
        state.press(.tab)
        state.type("1")
        state.press(.enter, .character("a"))
        state.type("b")
        state.press(.tab)
        state.type("2")
        state.press(.enter)
        #expect(state.draft.params == [KeyValueRow("a", "1"), KeyValueRow("b", "2")])
        #expect(state.tableSelection == 1)

        state.press(.character(" "))
        #expect(state.draft.params[1].isEnabled == false)
        #expect(state.draft.params[0].isEnabled == true)
        state.press(.character(" "))
        #expect(state.draft.params[1].isEnabled == true)

        state.press(.character("d"))
        #expect(state.draft.params == [KeyValueRow("a", "1")])
        #expect(state.tableSelection == 0)
        state.press(.character("d"))
        #expect(state.draft.params.isEmpty)
        state.press(.character("d"))
        #expect(state.draft.params.isEmpty)
    }

    // MARK: Sending

    @Test("Ctrl+R sends the draft with the environment and marks it in flight")
    func send() {
        var state = Fixtures.withListUsersOpen()
        #expect(state.inFlight == nil)
        let effects = state.press(.control("r"))
        #expect(effects == [.send(Fixtures.listUsers, environmentName: nil, exchange: 1)])
        #expect(state.inFlight != nil)

        var withEnvironment = Fixtures.withListUsersOpen()
        withEnvironment.press(.character("e"))
        #expect(withEnvironment.press(.control("r")) == [.send(Fixtures.listUsers, environmentName: "local", exchange: 1)])
    }

    @Test("sending again while in flight cancels the first request")
    func sendTwice() {
        var state = Fixtures.withListUsersOpen()
        state.press(.control("r"))
        #expect(state.press(.control("r")) == [.cancelSend, .send(Fixtures.listUsers, environmentName: nil, exchange: 2)])
        #expect(state.inFlight?.id == 2)

        // The late result of the cancelled first exchange does not end the second.
        _ = reduce(&state, .responseArrived(Fixtures.usersResponse(), exchange: 1))
        #expect(state.inFlight?.id == 2)
        #expect(state.response == nil)
        _ = reduce(&state, .responseArrived(Fixtures.usersResponse(), exchange: 2))
        #expect(state.inFlight == nil)
        #expect(state.response?.status == 200)
    }

    @Test("a draft without a URL is not sent")
    func sendWithoutURL() {
        var state = Fixtures.state()
        #expect(state.press(.control("r")).isEmpty)
        #expect(state.inFlight == nil)
        #expect(state.message != nil)
    }

    @Test("Esc while in flight cancels the request")
    func cancelInFlight() {
        var state = Fixtures.withListUsersOpen()
        state.press(.control("r"))
        #expect(state.press(.escape) == [.cancelSend])
        #expect(state.inFlight == nil)
        #expect(state.press(.escape).isEmpty)
    }

    @Test("a response clears the in-flight state and is stored")
    func responseArrives() {
        var state = Fixtures.withListUsersOpen()
        state.press(.control("r"))
        state.responseScroll = 7
        let effects = reduce(&state, .responseArrived(Fixtures.usersResponse()))
        #expect(effects.isEmpty)
        #expect(state.inFlight == nil)
        #expect(state.response?.status == 200)
        #expect(state.response?.reason == "OK")
        #expect(state.response?.bodyLines.count == 8)
        #expect(state.responseScroll == 0)
    }

    // MARK: Environments

    @Test("e cycles the environment: none, local, none")
    func cycleEnvironment() {
        var state = Fixtures.state()
        #expect(state.environmentName == nil)
        state.press(.character("e"))
        #expect(state.environmentName == "local")
        #expect(state.environment?.name == "local")
        state.press(.character("e"))
        #expect(state.environmentName == nil)
    }

    // MARK: Quitting

    @Test("q with a clean draft quits at once")
    func quitClean() {
        var start = Fixtures.state()
        #expect(start.press(.character("q")) == [.quit])
        #expect(start.quitRequested)

        var opened = Fixtures.withListUsersOpen()
        #expect(opened.press(.character("q")) == [.quit])
    }

    @Test("q with a dirty draft asks; y quits")
    func quitDirtyConfirmed() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("m"))
        #expect(state.isDirty)
        #expect(state.press(.character("q")).isEmpty)
        #expect(state.mode == .confirmQuit)
        #expect(!state.quitRequested)
        #expect(state.press(.character("y")) == [.quit])
        #expect(state.quitRequested)
    }

    @Test("q with a dirty draft asks; any other key stays", arguments: [
        KeyEvent.character("n"), .character("q"), .escape, .enter, .paste("y"),
    ])
    func quitDirtyDeclined(_ key: KeyEvent) {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("m"))
        state.press(.character("q"))
        #expect(state.mode == .confirmQuit)
        #expect(state.press(key).isEmpty)
        #expect(state.mode == .normal)
        #expect(!state.quitRequested)
        #expect(state.draft.method == .post)
    }

    @Test("a new draft with params but no URL still counts as unsaved work")
    func newDraftWithParamsIsDirty() {
        var state = Fixtures.state()
        state.press(.tab, .character("a"))
        state.type("token")
        state.press(.tab)
        state.type("secret")
        state.press(.enter)
        #expect(state.draft.params == [KeyValueRow("token", "secret")])
        #expect(state.isDirty)
        #expect(state.press(.character("q")).isEmpty, "quitting would lose the param")
        #expect(state.mode == .confirmQuit)
    }

    // MARK: Saving

    @Test("Ctrl+S asks to save the draft at its path")
    func save() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("m"))
        var expected = Fixtures.listUsers
        expected.method = .post
        #expect(state.press(.control("s")) == [.save(expected, relativePath: "users/list.yaml", folder: "")])

        var fresh = Fixtures.state()
        fresh.press(.character("n"))
        fresh.type("http://x.test")
        fresh.press(.enter)
        let draft = fresh.draft
        #expect(fresh.press(.control("s")) == [.save(draft, relativePath: nil, folder: "users")], "a new request goes into the folder selected when it was started")
    }

    @Test(".saved stores the collection and clears the dirty flag")
    func saved() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("m"))
        #expect(state.isDirty)
        var collection = Fixtures.collection
        collection.root.groups[0].requests[0].template = state.draft
        collection.name = "Renamed"
        let effects = reduce(&state, .saved(relativePath: "users/list.yaml", collection: collection))
        #expect(effects.isEmpty)
        #expect(state.collection == collection)
        #expect(state.draftPath == "users/list.yaml")
        #expect(!state.isDirty)
    }

    @Test("a request saved for the first time is selected in the sidebar")
    func newRequestSelected() throws {
        var state = Fixtures.state()
        state.press(.character("n"))
        state.type("http://x.test/new")
        state.press(.enter)
        var collection = state.collection
        let path = try collection.addRequest(state.draft, inFolder: "users")
        _ = reduce(&state, .saved(relativePath: path, collection: collection))
        #expect(state.draftPath == path)
        #expect(!state.isDirty)
        let row = state.sidebarRows[state.sidebarSelection]
        guard case .request(let selected, _) = row.kind else {
            Issue.record("a folder is selected: \(row)")
            return
        }
        #expect(selected == path)
    }

    @Test("a change made while the save was running stays unsaved")
    func editDuringSave() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("m"))
        let effects = state.press(.control("s"))
        guard case .save(let saving, let path, _) = effects.first else {
            Issue.record("no save effect: \(effects)")
            return
        }
        // The user keeps working before the save effect reports back.
        state.press(.character("m"))
        var collection = Fixtures.collection
        collection.root.groups[0].requests[0].template = saving
        _ = reduce(&state, .saved(relativePath: path ?? "", collection: collection))
        #expect(state.draft.method == .put)
        #expect(state.isDirty, "the PUT was never written, yet the draft counts as saved")
    }

    // MARK: Filter

    @Test("/ then typing filters the sidebar; Esc clears the filter")
    func filter() {
        var state = Fixtures.state()
        state.press(.character("/"))
        #expect(state.mode == .filtering)
        let effects = state.type("stat")
        #expect(effects.isEmpty)
        #expect(state.filter.string == "stat")
        #expect(state.sidebarRows.map(\.title) == ["admin", "Stats"])
        #expect(state.sidebarSelection == 1)
        state.press(.escape)
        #expect(state.mode == .normal)
        #expect(state.filter.string == "")
        #expect(state.sidebarRows.count == 6)
    }

    @Test("keys typed into the filter are text, not commands")
    func filterTypingIsText() {
        var state = Fixtures.state()
        state.press(.character("/"))
        #expect(state.type("qe?").isEmpty)
        #expect(state.filter.string == "qe?")
        #expect(state.mode == .filtering)
        #expect(state.environmentName == nil)
    }

    @Test("Enter keeps the filter and selects the first match")
    func filterEnter() {
        var state = Fixtures.state()
        state.press(.character("/"))
        state.type("health")
        state.press(.enter)
        #expect(state.mode == .normal)
        #expect(state.filter.string == "health")
        #expect(state.sidebarRows.map(\.title) == ["Health"])
        #expect(state.sidebarSelection == 0)
        state.press(.enter)
        #expect(state.draftPath == "health.yaml")
    }

    // MARK: Help, resize, paste

    @Test("? opens the help and any key closes it", arguments: [KeyEvent.character("q"), .escape, .character("?"), .control("r")])
    func help(_ key: KeyEvent) {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("?"))
        #expect(state.mode == .help)
        #expect(state.press(key).isEmpty)
        #expect(state.mode == .normal)
        #expect(!state.quitRequested)
        #expect(state.inFlight == nil)
    }

    @Test("a resize updates the size, in any mode")
    func resize() {
        var state = Fixtures.state()
        state.press(.character("?"))
        #expect(state.press(.resize(width: 93, height: 27)).isEmpty)
        #expect(state.width == 93)
        #expect(state.height == 27)
        #expect(state.mode == .help)
    }

    @Test("a paste in the request pane goes into the URL as text, never as commands")
    func pasteIntoRequest() {
        var state = Fixtures.state()
        state.press(.tab)
        #expect(state.focus == .request)
        let effects = state.press(.paste("q"))
        #expect(effects.isEmpty)
        #expect(!state.quitRequested)
        #expect(state.mode != .confirmQuit)
        #expect(isEditingURL(state))
        state.press(.enter)
        #expect(state.draft.url == "q")

        var other = Fixtures.state()
        other.press(.tab, .paste("http://api.test/\nusers?q=1"))
        other.press(.enter)
        #expect(other.draft.url == "http://api.test/users?q=1")
    }

    @Test("a pasted URL with a CR LF line end leaves no control character in the URL")
    func pasteCRLFIntoRequest() {
        var state = Fixtures.state()
        state.press(.tab, .paste("http://api.test/users\r\n"), .enter)
        #expect(state.draft.url == "http://api.test/users")
    }

    @Test("a paste while editing the URL is inserted at the cursor")
    func pasteWhileEditing() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("i"), .home)
        #expect(state.press(.paste("qz")).isEmpty)
        state.press(.enter)
        #expect(state.draft.url == "qz{{base}}/users")
        #expect(!state.quitRequested)
    }
}
