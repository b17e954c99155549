import Foundation

/// Token requests (RFC 6749 §4 and §6): a form POST to the token URL, answered with JSON. Sent
/// through the request's transport, so the token comes over the same path as the request.
struct OAuth2TokenEndpoint: Sendable {
    var transport: any HTTPTransport
    /// The proxy and TLS settings of the request the token is for.
    var connection: ConnectionOptions

    /// Asks for a token with `fields` (`grant_type` and the grant's own fields); the client
    /// authenticates as the credentials say.
    func requestToken(_ fields: [(String, String)], credentials: OAuth2Credentials, deadline: ContinuousClock.Instant, now: Date) async throws(PorticoError) -> OAuth2Token {
        var form = fields
        if !credentials.scope.isEmpty { form.append(("scope", credentials.scope)) }
        if !credentials.audience.isEmpty { form.append(("audience", credentials.audience)) }
        var headers = [HTTPField("Content-Type", "application/x-www-form-urlencoded"), HTTPField("Accept", "application/json")]
        if credentials.clientAuthentication == .basic, !credentials.clientSecret.isEmpty {
            // §2.3.1: id and secret are form-encoded before they are joined, so a ':' in either survives.
            let pair = FormURLEncoding.encode(credentials.clientID) + ":" + FormURLEncoding.encode(credentials.clientSecret)
            headers.append(HTTPField("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        } else {
            // A public client (no secret) names itself in the body whichever way was chosen.
            form.append(("client_id", credentials.clientID))
            if !credentials.clientSecret.isEmpty { form.append(("client_secret", credentials.clientSecret)) }
        }
        let body = form.map { FormURLEncoding.encode($0.0) + "=" + FormURLEncoding.encode($0.1) }.joined(separator: "&")
        var request = ResolvedRequest(method: .post, url: credentials.tokenURL, headers: headers, body: .data(Data(body.utf8)))
        request.options.connection = connection
        request.headers.append(HTTPField("User-Agent", "portico/\(PorticoVersion.current)"))

        let answer = ResponseBody(maximumSize: 1 << 20)
        let response: TransportResponse
        do {
            response = try await transport.perform(request, deadline: deadline) { _ in answer }
        } catch {
            throw PorticoError(error.kind, "OAuth 2.0 token request to \(credentials.tokenURL.absoluteString) failed: \(error.message)")
        }
        let data = (try? answer.data()) ?? Data()
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let status = response.head.status
        guard (200..<300).contains(status) else {
            var message = "the OAuth 2.0 token endpoint \(credentials.tokenURL.absoluteString) answered \(status) \(HTTPStatus.reason(for: status))"
            if let code = object?["error"] as? String {
                message += ": \(code)"
                if let description = object?["error_description"] as? String { message += " (\(description))" }
            }
            throw PorticoError((400..<500).contains(status) ? .input : .protocol, message)
        }
        guard let object, let accessToken = object["access_token"] as? String, !accessToken.isEmpty else {
            throw PorticoError(.protocol, "the OAuth 2.0 token endpoint \(credentials.tokenURL.absoluteString) answered \(status) without an access_token in a JSON object")
        }
        let tokenType = object["token_type"] as? String ?? "Bearer"
        guard tokenType.caseInsensitiveCompare("bearer") == .orderedSame else {
            throw PorticoError(.protocol, "the OAuth 2.0 token endpoint \(credentials.tokenURL.absoluteString) issued a '\(tokenType)' token; Portico sends bearer tokens only")
        }
        // expires_in is a number of seconds; some servers send it as a string.
        let lifetime = (object["expires_in"] as? NSNumber)?.doubleValue ?? (object["expires_in"] as? String).flatMap(Double.init)
        return OAuth2Token(accessToken: accessToken, tokenType: "Bearer", expiresAt: lifetime.map { now.addingTimeInterval($0) },
                           refreshToken: object["refresh_token"] as? String)
    }
}
