/// Rewrites texts from tools whose templates also use `{{…}}` (Postman, Insomnia) into Portico
/// templates: each placeholder becomes what the importer says, and everything else that Portico
/// would read as a placeholder (an unclosed `{{`, one it cannot name) is escaped, so the text
/// renders as it did in the other tool instead of failing to render.
enum ForeignTemplate {
    /// What to write for one `{{inner}}` (`inner` trimmed of spaces).
    enum Replacement {
        /// A Portico placeholder, written `{{text}}`.
        case placeholder(String)
        /// The original placeholder, kept as literal text.
        case literal
    }

    static func translate(_ text: String, _ replace: (String) -> Replacement) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                result += "\\{{"
                rest = rest[open.upperBound...]
                continue
            }
            let original = rest[open.lowerBound..<close.upperBound]
            switch replace(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)) {
            case .placeholder(let inner): result += "{{\(inner)}}"
            case .literal: result += Template.literal(String(original))
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// `name` as a Portico variable name: characters a name cannot hold (spaces, slashes…) become `_`.
    static func variableName(_ name: String) -> String {
        if Template.isName(name) { return name }
        let replaced = String(name.map { Template.isName(String($0)) ? $0 : "_" })
        return replaced.isEmpty ? "_" : replaced
    }
}
