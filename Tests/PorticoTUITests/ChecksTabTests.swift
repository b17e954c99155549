import Foundation
import PorticoCore
@testable import PorticoTUI
import Testing

/// The Checks tab edits the request's checks as lines; the response's Checks tab shows how they fared.
@Suite("Checks tabs")
struct ChecksTabTests {
    private func onChecksTab() -> AppState {
        var state = Fixtures.withListUsersOpen()
        state.focus = .request
        state.requestTab = .checks
        state.draft.checks = []
        return state
    }

    @Test func aCheckIsAddedOnlyOnceItReadsAsOne() {
        var state = onChecksTab()
        #expect(render(state).text.contains("no checks · a: add · Enter: edit"), "\(render(state).text)")
        state.press(.character("a"))
        state.type("status = 200")
        state.press(.enter)
        #expect(state.draft.checks.isEmpty)
        #expect(state.message?.contains("not a check at character 8: expected a test") == true, "\(state.message ?? "")")
        state.press(.escape)
        #expect(state.draft.checks.isEmpty)
        state.press(.character("a"))
        state.type(#"jsonpath "$[0].id" == 1"#)
        state.press(.enter)
        state.press(.character("a"))
        state.type("status == 2xx")
        state.press(.enter)
        #expect(state.draft.checks.map(\.source) == [#"jsonpath "$[0].id" == 1"#, "status == 2xx"])
        #expect(state.isDirty)
        let text = render(state).text
        #expect(text.contains("Checks 2"), "\(text)")
        #expect(text.contains(#"jsonpath "$[0].id" == 1"#))
        #expect(state.press(.control("s")).contains { if case .save(let template, _, _) = $0 { template.checks.count == 2 } else { false } })
    }

    @Test func aCheckIsEditedAndAnEmptiedLineOrDDeletesIt() throws {
        var state = onChecksTab()
        state.draft.checks = [try ResponseCheck.parse("status == 200"), try ResponseCheck.parse(#"header "X" exists"#)]
        state.press(.enter)
        for _ in 0..<3 { state.press(.backspace) }
        state.type("201")
        state.press(.enter)
        #expect(state.draft.checks.map(\.source) == ["status == 201", #"header "X" exists"#])
        state.press(.character("j"), .character("d"))
        #expect(state.draft.checks.map(\.source) == ["status == 201"])
        state.press(.enter, .control("u"), .enter)
        #expect(state.draft.checks.isEmpty)
    }

    @Test func theResponseShowsWhichChecksHeldAndWhatWasFound() throws {
        var state = onChecksTab()
        state.draft.checks = [try ResponseCheck.parse("status == 200"), try ResponseCheck.parse(#"jsonpath "$[0].name" == "Grace""#)]
        var view = Fixtures.usersResponse()
        view.requestID = state.draft.id
        let body = CheckedResponse(status: 200, headers: [], body: Data(#"[{"id": 1, "name": "Ada"}]"#.utf8), durationMilliseconds: 3, baseDirectory: URL(fileURLWithPath: "/"))
        view.checks = state.draft.checks.map { $0.evaluate(body) }
        view.captured = ["firstId"]
        state.response = view
        let requestTab = render(state).text
        #expect(requestTab.contains("✓ status == 200"), "\(requestTab)")
        #expect(requestTab.contains(#"✗ jsonpath "$[0].name" == "Grace"  got "Ada""#))
        #expect(requestTab.contains("✗ 1/2 checks failed"))
        state.focus = .response
        state.responseTab = .checks
        let responseTab = render(state).text
        #expect(responseTab.contains(#"got "Ada": expected == "Grace""#), "\(responseTab)")
        #expect(responseTab.contains("captured: firstId"))
        // Another request's response says nothing about this draft's checks.
        state.response?.requestID = "another"
        state.focus = .request
        state.responseTab = .body
        #expect(!render(state).text.contains("✗ jsonpath"))
    }
}
