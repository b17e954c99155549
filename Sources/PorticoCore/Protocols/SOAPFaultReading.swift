/// Finds the Fault in a SOAP response: 1.1 `faultcode`/`faultstring`, 1.2 `Code/Value` (with
/// its Subcode) and `Reason/Text`.
enum SOAPFaultReading {
    static func read(_ tree: XMLElementTree) -> ProtocolResponse? {
        let root = tree.root
        guard root.name == "Envelope", let version = SOAPBody.Version.allCases.first(where: { $0.envelopeNamespace == root.namespace }) else { return nil }
        let label = "SOAP \(version.rawValue)"
        guard let body = tree.child("Body", of: root) else { return nil }
        guard let fault = tree.child("Fault", of: body) else {
            let operation = tree.children(of: body).first?.name
            return ProtocolResponse(kind: .soap, errors: [], summary: "\(label): \(operation ?? "empty Body"), no fault", tree: [])
        }
        let code: String
        let reason: String
        switch version {
        case .v1_1:
            code = tree.child("faultcode", of: fault).map(tree.trimmedText) ?? "?"
            reason = tree.child("faultstring", of: fault).map(tree.trimmedText) ?? ""
        case .v1_2:
            var codes: [String] = []
            var current = tree.child("Code", of: fault)
            while let element = current {
                if let value = tree.child("Value", of: element) { codes.append(tree.trimmedText(value)) }
                current = tree.child("Subcode", of: element)
            }
            code = codes.isEmpty ? "?" : codes.joined(separator: " / ")
            reason = tree.child("Reason", of: fault).flatMap { tree.child("Text", of: $0) }.map(tree.trimmedText) ?? ""
        }
        let error = "Fault \(code): \(reason)"
        return ProtocolResponse(kind: .soap, errors: [error], summary: "\(label): \(error)", tree: [])
    }
}
