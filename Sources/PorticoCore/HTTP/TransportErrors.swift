import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Maps URLSession's errors onto Portico's kinds with a message that names the host.
enum TransportErrors {
    static func classify(_ error: any Error, url: URL?) -> PorticoError {
        let host = url.map { "\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" } ?? "the server"
        guard let urlError = error as? URLError else {
            return PorticoError(.protocol, (error as NSError).localizedDescription)
        }
        switch urlError.code {
        case .cannotFindHost, .dnsLookupFailed:
            return PorticoError(.dns, "cannot resolve host \(url?.host ?? host)")
        case .cannotConnectToHost:
            return PorticoError(.connect, "cannot connect to \(host): connection refused")
        case .networkConnectionLost, .notConnectedToInternet:
            return PorticoError(.connect, "lost the connection to \(host)")
        case .timedOut:
            return PorticoError(.timeout, "timed out waiting for \(host)")
        case .cancelled:
            return PorticoError(.cancelled, "cancelled")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
             .clientCertificateRequired:
            return PorticoError(.tls, "TLS with \(host) failed: \(TLSFailure.explanation(urlError.localizedDescription))")
        default:
            // libcurl's TLS failures reach URLSession's Linux port as an unknown error with its text.
            let text = urlError.localizedDescription
            if text == "Out of memory" {
                // libcurl's word for a response header line over its 100 KB limit.
                return PorticoError(.protocol, "exchange with \(host) failed: the response head was too large for URLSession's libcurl (it says \"Out of memory\" for a header line over 100 KB)")
            }
            if text.contains("SSL") || text.contains("certificate") {
                return PorticoError(.tls, "TLS with \(host) failed: \(TLSFailure.explanation(text))")
            }
            return PorticoError(.protocol, "exchange with \(host) failed: \(urlError.localizedDescription) (URLError \(urlError.code.rawValue))")
        }
    }
}
