import Foundation
import PorticoCore
@testable import PorticoTUI
import Testing

/// The Auth tab edits the request's own auth: t changes the kind, j/k choose a part, Enter edits it.
@Suite("Auth tab editing")
struct AuthEditingTests {
    private func onAuthTab() -> AppState {
        var state = Fixtures.withListUsersOpen()
        state.focus = .request
        state.requestTab = .auth
        state.draft.auth = .inherit
        return state
    }

    @Test func basicAuthIsChosenAndTypedAndSurvivesASwitchToDigest() {
        var state = onAuthTab()
        #expect(render(state).text.contains("t gives the request auth of its own"))
        state.press(.character("t"), .character("t"))
        #expect(state.draft.auth == .basic(username: "", password: ""))
        state.press(.enter)
        state.type("ada")
        state.press(.enter)
        state.press(.character("j"), .enter)
        state.type("literal-password")
        state.press(.enter)
        #expect(state.draft.auth == .basic(username: "ada", password: "literal-password"))
        let text = render(state).text
        #expect(text.contains("username        ada") && text.contains("password        ••••••") && !text.contains("literal-password"), "\(text)")
        #expect(state.isDirty)
        state.press(.character("t"))
        #expect(state.draft.auth == .digest(username: "ada", password: "literal-password"), "Basic and Digest share the username and password")
        #expect(state.press(.control("s")).contains { if case .save(let template, _, _) = $0 { template.auth == .digest(username: "ada", password: "literal-password") } else { false } })
    }

    @Test func choicesMoveOnWithEnterAndEscapeKeepsWhatWasThere() {
        var state = onAuthTab()
        state.draft.auth = .apiKey(name: "X-Key", value: "{{key}}", location: .header)
        state.press(.character("j"), .character("j"), .enter)
        #expect(state.draft.auth == .apiKey(name: "X-Key", value: "{{key}}", location: .query))
        state.press(.enter)
        #expect(state.draft.auth == .apiKey(name: "X-Key", value: "{{key}}", location: .cookie))
        state.press(.character("k"), .enter)
        state.type("-changed")
        state.press(.escape)
        #expect(state.draft.auth == .apiKey(name: "X-Key", value: "{{key}}", location: .cookie))
        #expect(render(state).text.contains("value           {{key}}"))
    }

    @Test func anOAuthGrantBringsItsOwnPartsAndAPortIsChecked() {
        var state = onAuthTab()
        state.draft.auth = .oauth2(OAuth2Settings(grant: .clientCredentials, tokenURL: "{{base}}/token", clientID: "cli"))
        #expect(AuthField.all(in: state.draft.auth).contains(.authorizationURL) == false)
        state.press(.enter, .enter, .enter)
        guard case .oauth2(let settings) = state.draft.auth else { Issue.record("not OAuth: \(state.draft.auth)"); return }
        #expect(settings.grant == .authorizationCode)
        let fields = AuthField.all(in: state.draft.auth)
        #expect(fields.contains(.authorizationURL) && fields.contains(.redirectPort))
        let port = fields.firstIndex(of: .redirectPort)!
        state.tableSelection = port
        state.press(.enter)
        state.type("99999")
        state.press(.enter)
        #expect(state.message?.contains("redirect port is a number from 1 to 65535") == true)
        guard case .editingCell = state.mode else { Issue.record("the bad port left the editor"); return }
        state.press(.control("u"))
        state.type("8765")
        state.press(.enter)
        guard case .oauth2(let edited) = state.draft.auth else { return }
        #expect(edited.redirectPort == 8765 && state.mode == .normal)
    }

    @Test func tGoesRoundEveryKindBackToInherit() {
        var state = onAuthTab()
        var names: [String] = []
        for _ in 0..<8 {
            state.press(.character("t"))
            names.append(authKindName(state.draft.auth))
        }
        #expect(names == ["none", "Basic", "Digest", "Bearer", "API key", "OAuth 2.0", "AWS Signature V4", "inherit"])
    }
}
