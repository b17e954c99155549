extension ResponseCapture {
    /// The captured text: a string as it is, any other JSON value as JSON, several values as an array.
    public func value(in response: CheckedResponse) throws(PorticoError) -> String {
        func nothing(_ what: String) -> PorticoError { .input("capture \(name): \(expression) \(what)") }
        func selected(_ observation: Observation) throws(PorticoError) -> String {
            switch observation {
            case .found(.string(let text)): return text
            case .found(let value): return value.serialized()
            case .missing: throw nothing("selects nothing")
            case .unreadable(let reason): throw nothing("cannot read the body: \(reason)")
            }
        }
        switch source {
        case .status:
            return String(response.status)
        case .body:
            return response.text
        case .header(let header):
            let values = response.headerValues(header)
            guard !values.isEmpty else { throw nothing("finds no such header") }
            return values.joined(separator: ", ")
        case .regex(let pattern):
            guard let match = RegularExpressionCheck.firstMatch(pattern, in: response.text) else { throw nothing("matches nothing in the body") }
            return match
        case .jsonPath(let path):
            return try selected(Observation.of(.jsonPath(path), measure: .value, in: response))
        case .xPath(let path):
            return try selected(Observation.of(.xPath(path), measure: .value, in: response))
        }

    }
}
