import Foundation
import PorticoCore
@testable import PorticoTUI
import Testing

@Suite("Cookie jar screen")
struct CookieJarScreenTests {
    let created = Date(timeIntervalSince1970: 1_800_000_000)

    private func jarState() -> AppState {
        var state = Fixtures.withListUsersOpen()
        _ = reduce(&state, .cookiesChanged([
            StoredCookie(name: "session", value: "abc123", domain: "127.0.0.1", hostOnly: true, path: "/", httpOnly: true, sameSite: "Lax", created: created),
            StoredCookie(name: "theme", value: "dark\u{1B}]0;pwned\u{07}", domain: "example.com", hostOnly: false, path: "/app",
                         expires: Date(timeIntervalSince1970: 1_900_000_000), secure: true, created: created),
        ]))
        return state
    }

    @Test("C opens the jar: each cookie with its value and where it goes, network text escaped")
    func showsTheCookies() {
        var state = jarState()
        state.press(.character("C"))
        guard case .cookieJar = state.mode else {
            Issue.record("the jar did not open")
            return
        }
        let text = render(state).text
        #expect(text.contains("Cookie jar · 2 cookies"), "\(text)")
        #expect(text.contains("session") && text.contains("abc123") && text.contains("host 127.0.0.1; path /; session; HttpOnly; SameSite=Lax"), "\(text)")
        #expect(text.contains("domain .example.com; path /app; expires 2030-03-17T17:46:40Z; Secure"), "\(text)")
        #expect(!text.contains("\u{1B}") && text.contains("␛]0;pwned"), "a cookie value cannot reach the terminal as a control sequence")
        state.press(.escape)
        #expect(state.mode == .normal)
    }

    @Test("Enter edits the selected value, a adds a cookie written as Set-Cookie, d deletes, X clears")
    func editsAddsDeletesAndClears() {
        var state = jarState()
        state.press(.character("C"), .character("j"), .enter)
        for _ in 0..<30 { state.press(.backspace) }
        state.type("light")
        let edited = state.press(.enter)
        guard case .setCookie(let cookie)? = edited.first else {
            Issue.record("no change asked for: \(edited)")
            return
        }
        #expect(cookie.name == "theme" && cookie.value == "light" && cookie.domain == "example.com" && cookie.created == created)

        state.press(.character("a"))
        state.press(.control("u"))
        state.type("token=t1; Path=/")
        #expect(state.press(.enter).isEmpty)
        #expect(state.message?.contains("give the cookie a Domain=host") == true)
        state.type("; Domain=api.example.com; Max-Age=60")
        let added = state.press(.enter)
        guard case .setCookie(let new)? = added.first else {
            Issue.record("no cookie added: \(added)")
            return
        }
        #expect(new.name == "token" && new.domain == "api.example.com" && !new.hostOnly && new.expires != nil)

        #expect(state.press(.character("k"), .character("d")) == [.removeCookie(state.cookies[0].id)])
        #expect(state.press(.character("X")) == [.clearCookies])
        _ = reduce(&state, .cookiesChanged([]))
        #expect(render(state).text.contains("no cookies yet"))
    }

    @Test("the help overlay lists the jar's keys and the Auth tab's")
    func helpListsTheJarAndAuthKeys() {
        var state = jarState()
        state.width = 200
        state.height = 60
        state.press(.character("?"))
        let text = render(state).text
        #expect(text.contains("Cookie jar (C)") && text.contains("add a cookie (name=value; Domain=host; Path=/)"), "\(text)")
        #expect(text.contains("Auth tab") && text.contains("next auth kind"), "\(text)")
    }
}
