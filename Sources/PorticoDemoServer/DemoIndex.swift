/// What `GET /` lists: every endpoint of the demo API with a line about it.
enum DemoIndex {
    static var document: [String: Any] { [
        "name": "Portico demo API",
        "endpoints": [
            "/echo": "any method: returns the method, path, query, headers and body it received",
            "/users": "GET list, POST create (JSON name, email, role)",
            "/users/{id}": "GET, PUT, PATCH, DELETE one user",
            "/xml": "an XML document",
            "/html": "an HTML page",
            "/soap": "SOAP 1.1 calculator: Add, Subtract, Multiply, Divide (POST, SOAPAction)",
            "/jsonrpc": "JSON-RPC 2.0: add, subtract, echo; batches and notifications",
            "/status/{code}": "answers with that status",
            "/delay/{ms}": "answers after a delay",
            "/bytes/{n}": "n bytes of binary data",
            "/stream/{n}": "n JSON lines, chunked",
            "/large.json?mb=N": "a generated JSON array of about N megabytes, streamed",
            "/gzip": "a gzip-encoded JSON body",
            "/redirect/{n}": "n redirects, then 200",
            "/redirect-to?url=U&status=S": "one redirect to U with status S",
            "/basic-auth": "Basic auth: user demo, password open-sesame-42",
            "/digest-auth?algorithm=A&qop=Q": "Digest auth, same user: A is MD5 (default), SHA-256, MD5-sess or SHA-256-sess; Q is auth (default) or none",
            "/bearer": "Bearer auth: token demo-token",
            "/oauth/token?expires_in=N": "OAuth 2.0 token endpoint: client demo-client, secret demo-client-secret; grants client_credentials, password (user demo), refresh_token, authorization_code with PKCE",
            "/oauth/authorize": "OAuth 2.0 authorization: redirects at once to the loopback redirect_uri with a code",
            "/oauth/protected": "accepts only a current OAuth 2.0 access token",
            "/oauth/revoke": "revokes an OAuth 2.0 token (RFC 7009)",
            "/aws/echo": "AWS Signature Version 4 (any method, any path below): access key AKIDPORTICODEMO, secret key portico/demo+secret-key, any region and service (s3 signs as S3 does), optional session token portico-demo-session-token",
            "/cookies/set?name=value": "sets cookies",
            "/cookies/redirect?name=value": "sets cookies and redirects to /cookies",
            "/cookies": "shows the cookies sent",
        ],
    ] }
}
