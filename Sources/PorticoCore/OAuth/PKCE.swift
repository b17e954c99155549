import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636) with the S256 method: the code is worth nothing to
/// whoever intercepts the redirect without the verifier that only Portico holds.
public enum PKCE {
    /// 32 random bytes as base64url: 43 characters, the shortest verifier the RFC allows, with 256 bits of entropy.
    public static func makeVerifier() -> String {
        base64URL(Data((0..<32).map { _ in UInt8.random(in: 0...255) }))
    }

    /// `BASE64URL(SHA256(verifier))`, what the authorization request carries as `code_challenge`.
    public static func challenge(for verifier: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Base64 with the URL-safe alphabet and no padding (RFC 7636 Appendix A).
    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
