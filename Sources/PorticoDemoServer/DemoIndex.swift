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
            "/soap": "SOAP 1.1 and 1.2 calculator: Add, Subtract, Multiply, Divide (POST, SOAPAction or action=)",
            "/graphql": "GraphQL: users, user(id) { id name email role }, with errors for bad queries",
            "/xmlrpc": "XML-RPC: sample.add, sample.echo, sample.fault; other methods answer a fault",
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
            "/cookies/set?name=value": "sets cookies",
            "/cookies": "shows the cookies sent",
        ],
    ] }
}
