import Foundation
@testable import PorticoCore

/// `{{placeholders}}`: parsing and rendering, with variables that refer to each other.
enum TemplateTarget {
    static let scope = VariableScope(collection: [Variable("a", "{{b}}"), Variable("b", "x{{a}}"), Variable("c", "plain"), Variable("d", "{{c}}-{{c}}")])

    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = try? Template(parsing: text)
        _ = try? scope.render(text)
        // Any text written as a literal renders as itself (import relies on it for foreign bodies).
        let literal = Template.literal(text)
        guard let rendered = try? VariableScope().render(literal) else { violated("a literal parses", literal) }
        if rendered != text { violated("a literal renders as itself", "\(text.debugDescription) -> \(literal.debugDescription) -> \(rendered.debugDescription)") }
    }
}
