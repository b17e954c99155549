/// Turns a TLS library's error text (BoringSSL's under async-http-client, OpenSSL's through libcurl
/// under URLSession) into what a person can act on.
enum TLSFailure {
    static func explanation(_ text: String) -> String {
        let upper = text.uppercased()
        if upper.contains("CERTIFICATE_VERIFY_FAILED") || upper.contains("CERTIFICATE PROBLEM") || upper.contains("UNABLE TO GET LOCAL ISSUER") {
            return "the server's certificate could not be verified (an untrusted issuer, another host name or an expired certificate); "
                + "trust its CA with caFile (--cacert), or turn verification off with verifyTLS: false (-k)"
        }
        if upper.contains("CERTIFICATE_REQUIRED") {
            return "the server requires a client certificate; give one with clientCertificate and clientKey (--cert, --key)"
        }
        if upper.contains("UNKNOWN_CA") || upper.contains("BAD_CERTIFICATE") || upper.contains("CERTIFICATE_UNKNOWN") {
            return "the server did not accept the client certificate (\(text))"
        }
        return text
    }
}
