/// Checks JSON text the user spliced into a protocol body, so a typo is reported before sending
/// rather than answered with a parse error by the server.
enum JSONText {
    enum Allowed { case object, structured }

    static func problem(_ text: String, allowed: Allowed) -> String? {
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch { return "not JSON (\(error.description))" }
        switch (allowed, value) {
        case (_, .object), (.structured, .array): return nil
        case (.object, _): return "must be a JSON object"
        case (.structured, _): return "must be a JSON array or object"
        }
    }
}
