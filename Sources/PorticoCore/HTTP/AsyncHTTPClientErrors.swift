import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Maps async-http-client's and SwiftNIO's errors onto Portico's kinds, with messages that name the
/// host (and the proxy, when one was in the way), as `TransportErrors` does for URLSession.
enum AsyncHTTPClientErrors {
    static func classify(_ error: any Error, url: URL, proxy: ProxyEndpoint?) -> PorticoError {
        let host = "\(url.host ?? "the server")\(url.port.map { ":\($0)" } ?? "")"
        let via = proxy.map { " through the proxy \($0.displayText)" } ?? ""
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout:
                return PorticoError(.timeout, "connecting to \(proxy?.displayText ?? host) took longer than the connect timeout (connectTimeout)")
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return PorticoError(.timeout, "timed out after the request's time limit")
            case .cancelled:
                return PorticoError(.cancelled, "cancelled")
            case .remoteConnectionClosed:
                return PorticoError(.protocol, "\(host) closed the connection before the response was complete\(via)")
            case .proxyAuthenticationRequired:
                return PorticoError(.connect, "the proxy \(proxy?.displayText ?? "") asks for a username and password (407); put them in the proxy URL")
            case .invalidProxyResponse, .httpProxyHandshakeTimeout, .socksHandshakeTimeout:
                return PorticoError(.connect, "the proxy \(proxy?.displayText ?? "") refused to connect to \(host) (\(error))")
            case .tlsHandshakeTimeout:
                return PorticoError(.tls, "the TLS handshake with \(host) timed out\(via)")
            default:
                return PorticoError(.protocol, "exchange with \(host) failed\(via): \(error)")
            }
        }
        if let error = error as? HTTPParserError {
            // A head too large, a control character in a header, bytes that are not HTTP at all.
            return PorticoError(.protocol, "\(host) sent a response that is not valid HTTP\(via): \(error)")
        }
        if let error = error as? NIOConnectionError {
            if (error.dnsAError ?? error.dnsAAAAError) != nil, error.connectionErrors.isEmpty {
                return PorticoError(.dns, "cannot resolve host \(error.host)")
            }
            let target = proxy.map { "the proxy \($0.displayText)" } ?? host
            return PorticoError(.connect, "cannot connect to \(target): connection refused")
        }
        if let error = error as? IOError {
            let target = proxy.map { "the proxy \($0.displayText)" } ?? host
            if error.errnoCode == ECONNREFUSED { return PorticoError(.connect, "cannot connect to \(target): connection refused") }
            if error.errnoCode == ECONNRESET { return PorticoError(.connect, "\(host) reset the connection\(via)") }
            return PorticoError(.connect, "the connection to \(target) failed: \(error)")
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return PorticoError(.tls, "TLS with \(host) failed: \(TLSFailure.explanation(String(describing: error)))")
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return PorticoError(.timeout, "connecting to \(proxy?.displayText ?? host) took longer than the connect timeout (connectTimeout)")
        }
        return PorticoError(.protocol, "exchange with \(host) failed\(via): \(error)")
    }
}
