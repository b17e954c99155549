import Foundation
import PorticoCore

/// The command line's side of the OAuth 2.0 authorization-code grant: prints the sign-in URL to
/// standard error and, when there is a display, asks `xdg-open` to show it in a browser. Without
/// a display (ssh, a container) the URL is there to copy.
struct BrowserSignIn: OAuth2AuthorizationPresenter {
    func present(authorizationURL url: URL) async {
        Console.info("OAuth 2.0: sign in at this URL; Portico waits for the redirect (Ctrl-C cancels):\n  \(url.absoluteString)")
        Self.open(url)
    }

    func dismiss() async {}

    /// Hands `url` to the desktop's browser when there is a desktop; never fails.
    static func open(_ url: URL) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil else { return }
        let opener = Process()
        opener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        opener.arguments = ["xdg-open", url.absoluteString]
        opener.standardInput = FileHandle.nullDevice
        opener.standardOutput = FileHandle.nullDevice
        opener.standardError = FileHandle.nullDevice
        // No xdg-open, or no browser behind it: the printed URL still works.
        try? opener.run()
    }
}

extension OAuth2Authorizer {
    /// The authorizer of `portico send` and `history replay`: tokens kept in the user's data folder.
    static func commandLine(paths: UserPaths = .fromEnvironment()) -> OAuth2Authorizer {
        OAuth2Authorizer(store: OAuth2TokenStore(paths: paths), presenter: BrowserSignIn())
    }
}
