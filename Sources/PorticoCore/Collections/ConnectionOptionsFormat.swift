import Yams

/// The YAML of `ConnectionOptions`, the same under a request's `options:`, a collection's
/// `options:` and the user's `network:` settings.
enum ConnectionOptionsFormat {
    static let keys = ["transport", "connectTimeout", "proxy", "noProxy", "verifyTLS", "caFile", "clientCertificate", "clientKey"]

    /// Reads the connection keys among `pairs` (other keys are the caller's).
    static func decode(_ pairs: [(key: String, value: Node, line: Int)], path: String) throws(FileProblem) -> ConnectionOptions {
        func get(_ key: String) -> Node? { YAMLReader.value(pairs, key) }
        var options = ConnectionOptions()
        if let node = get("transport") {
            let text = try YAMLReader.string(node, "\(path).transport")
            guard let choice = TransportChoice(rawValue: text) else {
                throw FileProblem(line: YAMLReader.line(node), "\(path).transport must be one of: \(TransportChoice.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.transport = choice
        }
        if let node = get("connectTimeout") {
            let seconds = try YAMLReader.number(node, "\(path).connectTimeout")
            guard seconds > 0, seconds <= RequestOptions.maximumTimeout else {
                throw FileProblem(line: YAMLReader.line(node), "\(path).connectTimeout must be more than 0 and at most \(Int(RequestOptions.maximumTimeout)) seconds")
            }
            options.connectTimeout = seconds
        }
        if let node = get("proxy") { options.proxy = try YAMLReader.string(node, "\(path).proxy") }
        if let node = get("noProxy") {
            // A list, or one comma-separated text as in the NO_PROXY variable.
            if node.sequence != nil {
                options.noProxy = try YAMLReader.sequence(node, "\(path).noProxy").map { item throws(FileProblem) in try YAMLReader.string(item, "\(path).noProxy") }
            } else {
                options.noProxy = ProxyRoute.noProxyList(try YAMLReader.string(node, "\(path).noProxy"))
            }
        }
        if let node = get("verifyTLS") { options.verifyTLS = try YAMLReader.bool(node, "\(path).verifyTLS") }
        if let node = get("caFile") { options.caFile = try YAMLReader.string(node, "\(path).caFile") }
        if let node = get("clientCertificate") { options.clientCertificate = try YAMLReader.string(node, "\(path).clientCertificate") }
        if let node = get("clientKey") { options.clientKey = try YAMLReader.string(node, "\(path).clientKey") }
        return options
    }

    /// The pairs to write; unset fields are left out.
    static func encode(_ options: ConnectionOptions) -> [(String, Node)] {
        var pairs: [(String, Node)] = []
        if let transport = options.transport { pairs.append(("transport", YAMLWriter.text(transport.rawValue))) }
        if let seconds = options.connectTimeout { pairs.append(("connectTimeout", YAMLWriter.number(seconds))) }
        if let proxy = options.proxy { pairs.append(("proxy", YAMLWriter.text(proxy))) }
        if let hosts = options.noProxy { pairs.append(("noProxy", YAMLWriter.sequence(hosts.map(YAMLWriter.text)))) }
        if let verify = options.verifyTLS { pairs.append(("verifyTLS", YAMLWriter.bool(verify))) }
        if let path = options.caFile { pairs.append(("caFile", YAMLWriter.text(path))) }
        if let path = options.clientCertificate { pairs.append(("clientCertificate", YAMLWriter.text(path))) }
        if let path = options.clientKey { pairs.append(("clientKey", YAMLWriter.text(path))) }
        return pairs
    }
}
