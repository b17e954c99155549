import ArgumentParser
import Foundation
import PorticoCore

/// `send`'s transport, proxy and TLS flags, named as curl names them; they override the request
/// file, its collection and the `network:` settings (docs/transport.md).
struct ConnectionFlags: ParsableArguments {
    @Option(help: ArgumentHelp("auto (default), urlsession or async-http-client.", valueName: "name"))
    var transport: TransportChoice?

    @Option(name: [.customShort("x"), .long], help: ArgumentHelp("Send through this proxy: http://[user:pass@]host:port or socks5://host:port.", valueName: "url"))
    var proxy: String?

    @Option(name: .customLong("noproxy"), help: ArgumentHelp("Hosts to reach directly, comma-separated ('*' for all); overrides NO_PROXY.", valueName: "hosts"))
    var noProxy: String?

    @Flag(name: [.customShort("k"), .long], help: "Do not verify the server's TLS certificate.")
    var insecure = false

    @Option(name: .customLong("cacert"), help: ArgumentHelp("Also trust the CAs in this PEM file.", valueName: "file"))
    var caFile: String?

    @Option(name: .customLong("cert"), help: ArgumentHelp("Present this client certificate (PEM; may hold the key too).", valueName: "file"))
    var clientCertificate: String?

    @Option(name: .customLong("key"), help: ArgumentHelp("The client certificate's private key (PEM).", valueName: "file"))
    var clientKey: String?

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds allowed to connect, fractions allowed.", valueName: "seconds"))
    var connectTimeout: Double?

    func validate() throws {
        if let connectTimeout, !(connectTimeout > 0 && connectTimeout <= RequestOptions.maximumTimeout) {
            throw ValidationError("--connect-timeout must be more than 0 and at most \(Int(RequestOptions.maximumTimeout)) seconds")
        }
    }

    /// The flags given, as options that win over every other level.
    func options(cwd: URL) -> ConnectionOptions {
        ConnectionOptions(
            transport: transport, connectTimeout: connectTimeout, proxy: proxy, noProxy: noProxy.map(ProxyRoute.noProxyList),
            verifyTLS: insecure ? false : nil, caFile: caFile, clientCertificate: clientCertificate, clientKey: clientKey)
        .resolvingFiles(against: cwd)
    }
}

extension TransportChoice: ExpressibleByArgument {}
