import Foundation
import PorticoCore
import PorticoTUI

/// The explorer's side of the OAuth 2.0 authorization-code grant: the URL goes into an overlay
/// (the terminal is the explorer's, nothing may be printed) and, when there is a display, to
/// `xdg-open`. Esc cancels the send as it cancels any request in flight, which ends the wait.
struct ExplorerSignIn: OAuth2AuthorizationPresenter {
    let inbox: ActionInbox

    func present(authorizationURL url: URL) async {
        inbox.post(.signInWaiting(url))
        BrowserSignIn.open(url)
    }

    func dismiss() async {
        inbox.post(.signInEnded)
    }
}
