import Foundation

/// How a front end shows the authorization-code grant's sign-in page: Core knows no screen, so
/// the CLI prints the URL (and opens a browser when it can) and the explorer shows it in an overlay.
public protocol OAuth2AuthorizationPresenter: Sendable {
    /// Portico is listening for the redirect: the user should open `url` and sign in.
    func present(authorizationURL url: URL) async
    /// The wait is over (signed in, refused, cancelled or timed out): take the URL off the screen.
    func dismiss() async
}
