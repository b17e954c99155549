import Foundation
import NIOSSL

/// The TLS configuration async-http-client uses for a request's connection options, with the files
/// read up front so that a missing or broken file is named before anything is sent.
enum TLSSettings {
    static func configuration(for options: ConnectionOptions) throws(PorticoError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if options.verifyTLS == false {
            configuration.certificateVerification = .none
        }
        if let caFile = options.caFile {
            configuration.additionalTrustRoots = [.certificates(try certificates(caFile, role: "CA file (caFile)"))]
        }
        if options.clientKey != nil, options.clientCertificate == nil {
            throw .input("clientKey is set without clientCertificate; name the certificate file too")
        }
        if let certificateFile = options.clientCertificate {
            configuration.certificateChain = try certificates(certificateFile, role: "client certificate (clientCertificate)").map { .certificate($0) }
            let keyFile = options.clientKey ?? certificateFile
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            } catch {
                throw .input("cannot read the client certificate's private key from \(keyFile): \(readProblem(keyFile, error)); give it as a PEM file with clientKey (or in the certificate file)")
            }
        }
        return configuration
    }

    private static func certificates(_ path: String, role: String) throws(PorticoError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw .input("cannot read the \(role) \(path): \(readProblem(path, error))")
        }
        guard !certificates.isEmpty else { throw .input("the \(role) \(path) holds no PEM certificate") }
        return certificates
    }

    /// "no such file" when that is the problem, rather than BoringSSL's error stack.
    private static func readProblem(_ path: String, _ error: any Error) -> String {
        if !FileManager.default.fileExists(atPath: path) { return "no such file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return "not a valid PEM file (\(error))"
    }
}
