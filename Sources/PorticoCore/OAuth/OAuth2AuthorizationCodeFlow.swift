import Foundation

/// The front-channel half of the authorization-code grant with PKCE: listen on the loopback,
/// show the authorization URL, wait for the browser's redirect, check `state`. The code it
/// returns is exchanged for a token by the caller, with the verifier.
struct OAuth2AuthorizationCodeFlow: Sendable {
    var credentials: OAuth2Credentials
    var presenter: any OAuth2AuthorizationPresenter
    var signInLimit: Duration

    struct Authorization: Sendable {
        var code: String
        var redirectURI: String
        var codeVerifier: String
    }

    func authorize() async throws(PorticoError) -> Authorization {
        guard let authorizationURL = credentials.authorizationURL else {
            throw .input("the OAuth 2.0 authorization_code grant needs an authorization URL (authorizationUrl in the auth settings)")
        }
        let listener = try await LoopbackRedirectListener.start(port: credentials.redirectPort)
        let verifier = PKCE.makeVerifier()
        // Ties the redirect to this sign-in, so a page cannot inject a code of its own (RFC 6749 §10.12).
        let state = PKCE.makeVerifier()
        let url = Self.url(authorizationURL, credentials: credentials, redirectURI: listener.redirectURI, state: state, challenge: PKCE.challenge(for: verifier))
        await presenter.present(authorizationURL: url)

        let result = await waitForRedirect(listener, state: state)
        await listener.close()
        await presenter.dismiss()
        let code = try result.get()
        return Authorization(code: code, redirectURI: listener.redirectURI, codeVerifier: verifier)
    }

    /// The authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3), keeping any query the URL has.
    static func url(_ base: URL, credentials: OAuth2Credentials, redirectURI: String, state: String, challenge: String) -> URL {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: true) ?? URLComponents()
        var items = components.queryItems ?? []
        items += [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: credentials.clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
        ]
        if !credentials.scope.isEmpty { items.append(URLQueryItem(name: "scope", value: credentials.scope)) }
        if !credentials.audience.isEmpty { items.append(URLQueryItem(name: "audience", value: credentials.audience)) }
        items += [
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "code_challenge", value: challenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        components.percentEncodedQuery = items.map {
            RequestURL.encodeQueryComponent($0.name) + "=" + RequestURL.encodeQueryComponent($0.value ?? "")
        }.joined(separator: "&")
        return components.url ?? base
    }

    /// The code of the first redirect that carries this sign-in's state; a redirect with another
    /// state is not ours and is ignored. Ends on an error answer, cancellation, or the time limit.
    private func waitForRedirect(_ listener: LoopbackRedirectListener, state: String) async -> Result<String, PorticoError> {
        let limit = signInLimit
        return await withTaskGroup(of: Result<String, PorticoError>.self) { group in
            group.addTask {
                for await redirect in listener.redirects {
                    let query = Dictionary((redirect.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
                    guard query["state"] == state else { continue }
                    if let error = query["error"] {
                        let description = query["error_description"].map { " (\($0))" } ?? ""
                        return .failure(.input("the OAuth 2.0 sign-in was refused: \(error)\(description)"))
                    }
                    guard let code = query["code"], !code.isEmpty else {
                        return .failure(PorticoError(.protocol, "the OAuth 2.0 redirect carried neither a code nor an error"))
                    }
                    return .success(code)
                }
                return .failure(PorticoError(.cancelled, "cancelled while waiting for the OAuth 2.0 sign-in"))
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                if Task.isCancelled { return .failure(PorticoError(.cancelled, "cancelled while waiting for the OAuth 2.0 sign-in")) }
                return .failure(PorticoError(.timeout, "no OAuth 2.0 sign-in within \(limit.components.seconds) s; the redirect listener on 127.0.0.1:\(listener.port) was closed"))
            }
            let first = await group.next() ?? .failure(PorticoError(.cancelled, "cancelled"))
            group.cancelAll()
            return first
        }
    }
}
