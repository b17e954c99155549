import Foundation
import PorticoCore
import PorticoTUI
import Testing

@Suite("curl pasted into the request pane")
struct CurlPasteTests {
    @Test("a pasted curl command is read outside (it may name files), a URL is just pasted")
    func pasteAsksForAnImport() {
        var state = Fixtures.withListUsersOpen()
        let command = "  curl -X POST https://api.example.com/orders --json '{}'"
        #expect(state.press(.paste(command)) == [.importCurl(command)])
        #expect(state.press(.paste("https://api.example.com/x")) == [])
        if case .editingURL(let editor) = state.mode { #expect(editor.string.hasSuffix("https://api.example.com/x")) } else { Issue.record("not editing the URL") }
        // Pasted while the URL is being edited, it is a command too.
        #expect(state.press(.paste("curl https://h/y")) == [.importCurl("curl https://h/y")])
        #expect(state.mode == .normal)
    }

    @Test("the imported request replaces the draft's contents, keeping its id and name, and says what was not imported")
    func importedRequestFillsTheDraft() {
        var state = Fixtures.withListUsersOpen()
        let id = state.draft.id
        let name = state.draft.name
        var imported = RequestTemplate(name: "orders", method: .post, url: "https://api.example.com/orders")
        imported.headers = [KeyValueRow("X-From", "curl")]
        imported.body = .raw(text: "{}", contentType: "application/json")
        imported.auth = .bearer(token: "t")
        imported.options.followRedirects = false
        _ = reduce(&state, .curlImported(imported, warnings: ["--insecure: not supported"]))
        #expect(state.draft.id == id)
        #expect(state.draft.name == name)
        #expect(state.draft.method == .post)
        #expect(state.draft.url == "https://api.example.com/orders")
        #expect(state.draft.headers == [KeyValueRow("X-From", "curl")])
        #expect(state.draft.body == .raw(text: "{}", contentType: "application/json"))
        #expect(state.draft.auth == .bearer(token: "t"))
        #expect(!state.draft.options.followRedirects)
        #expect(state.isDirty)
        #expect(state.message?.contains("--insecure") == true)
    }

    @Test("a pasted curl's -k and -x land in the Options tab, which says where each setting comes from")
    func transportOptionsShowInTheOptionsTab() {
        var state = Fixtures.withListUsersOpen()
        state.collection.connection = ConnectionOptions(caFile: "certs/ca.pem")
        var imported = RequestTemplate(name: "orders", url: "https://api.example.com/orders")
        imported.options.connection = ConnectionOptions(proxy: "http://proxy.internal:3128", verifyTLS: false)
        _ = reduce(&state, .curlImported(imported, warnings: []))
        #expect(state.draft.options.connection.verifyTLS == false)
        state.requestTab = .options
        state.focus = .request
        let text = render(state).text
        #expect(text.contains("verify TLS       no"), "\(text)")
        #expect(text.contains("proxy            http://proxy.internal:3128"), "\(text)")
        #expect(text.contains("CA file          certs/ca.pem (collection)"), "\(text)")
        #expect(text.contains("transport        auto"), "\(text)")
    }
}
