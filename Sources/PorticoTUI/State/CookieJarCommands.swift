import Foundation
import PorticoCore

/// The cookie jar screen: the collection's cookies, to read, change the value of, add to,
/// delete and clear. The jar itself lives outside the pure core; these ask for changes as effects
/// and the jar's new contents come back as `cookiesChanged`.
public struct CookieJarScreen: Hashable, Sendable {
    public enum Editing: Hashable, Sendable {
        /// The value of the cookie with this id.
        case value(StoredCookie.ID, LineEditor)
        /// A new cookie, written as a Set-Cookie line.
        case new(LineEditor)
    }

    public var selection = 0
    public var editing: Editing?

    public init() {}
}

func openCookieJar(_ state: inout AppState) {
    state.mode = .cookieJar(CookieJarScreen())
}

func handleCookieJarKey(_ state: inout AppState, _ screen: CookieJarScreen, _ key: KeyEvent) -> [Effect] {
    var screen = screen
    let cookies = state.cookies
    if let editing = screen.editing {
        return editCookie(&state, &screen, editing, key)
    }
    switch key {
    case .escape, .character("q"):
        state.mode = .normal
        return []
    case .character("a"):
        screen.editing = .new(LineEditor("name=value; Domain=api.example.com; Path=/"))
    case .enter where !cookies.isEmpty:
        let cookie = cookies[min(screen.selection, cookies.count - 1)]
        screen.editing = .value(cookie.id, LineEditor(cookie.value))
    case .character("d"), .delete:
        guard !cookies.isEmpty else { break }
        let cookie = cookies[min(screen.selection, cookies.count - 1)]
        state.mode = .cookieJar(screen)
        return [.removeCookie(cookie.id)]
    case .character("X"):
        guard !cookies.isEmpty else { break }
        state.mode = .cookieJar(screen)
        return [.clearCookies]
    default:
        if let command = state.keymap.command(for: key, in: .sidebar) {
            _ = moveCursor(&screen.selection, for: command, page: 10, count: cookies.count)
        }
    }
    state.mode = .cookieJar(screen)
    return []
}

private func editCookie(_ state: inout AppState, _ screen: inout CookieJarScreen, _ editing: CookieJarScreen.Editing, _ key: KeyEvent) -> [Effect] {
    switch (editing, key) {
    case (_, .escape):
        screen.editing = nil
    case (.value(let id, let editor), .enter):
        screen.editing = nil
        if var cookie = state.cookies.first(where: { $0.id == id }) {
            cookie.value = editor.string
            state.mode = .cookieJar(screen)
            return [.setCookie(cookie)]
        }
    case (.new(let editor), .enter):
        switch CookieJarScreen.cookie(fromSetCookieLine: editor.string) {
        case .success(let cookie):
            screen.editing = nil
            state.mode = .cookieJar(screen)
            return [.setCookie(cookie)]
        case .failure(let problem):
            state.message = problem.description
        }
    case (.value(let id, var editor), _):
        _ = editor.handle(key)
        screen.editing = .value(id, editor)
    case (.new(var editor), _):
        _ = editor.handle(key)
        screen.editing = .new(editor)
    }
    state.mode = .cookieJar(screen)
    return []
}

extension CookieJarScreen {
    /// A cookie the user adds, written as a server would set it. It must name its Domain: there
    /// is no response whose host would supply one. The jar's own rules make it.
    static func cookie(fromSetCookieLine line: String, now: Date = Date()) -> Result<StoredCookie, CookieRefusal> {
        guard let parsed = SetCookie.parse(line), !parsed.name.isEmpty else {
            return .failure(CookieRefusal("write the cookie as name=value; Domain=host; Path=/ (Expires, Max-Age, Secure, HttpOnly, SameSite optional)"))
        }
        let domain = (parsed.domain ?? "").lowercased().drop { $0 == "." }
        guard !domain.isEmpty, let url = URL(string: "https://\(domain)/") else {
            return .failure(CookieRefusal("give the cookie a Domain=host: the host it is sent to (and its subdomains)"))
        }
        return CookieJar.storable(parsed, from: url, at: now)
    }
}
