/// The variables a request is rendered against, in order of precedence: values given on the command
/// line, then values captured from responses (`captures:`), then the selected environment, then the
/// collection. The process environment is reached only
/// through an explicit `{{$env NAME}}`.
public struct VariableScope: Sendable {
    /// Highest precedence first.
    public private(set) var layers: [[Variable]]
    public var dynamicValues: any DynamicValueSource
    /// Resolves `{{name.response…}}`; nil where there is no history to read them from.
    public var references: (any RequestReferenceSource)?

    public init(
        overrides: [Variable] = [],
        environment: Environment? = nil,
        collection: [Variable] = [],
        dynamicValues: any DynamicValueSource = LiveDynamicValueSource()
    ) {
        self.layers = [overrides, [], environment?.variables ?? [], collection]
        self.dynamicValues = dynamicValues
    }

    /// Values captured from responses, above the environment and below the command line.
    public mutating func setCaptured(_ values: [Variable]) {
        layers[Self.capturedLayer] = values
    }

    /// Command-line and captured values are taken literally: they are not templates.
    private static let capturedLayer = 1

    public func lookup(_ name: String) -> Variable? {
        find(name)?.variable
    }

    private func find(_ name: String) -> (variable: Variable, layer: Int)? {
        for (index, layer) in layers.enumerated() {
            if let found = layer.last(where: { $0.name == name }) { return (found, index) }
        }
        return nil
    }

    /// Names that are secret in any layer: a value given on the command line for a variable the
    /// collection marks secret is still a secret.
    public var secretNames: Set<String> {
        Set(layers.joined().filter(\.isSecret).map(\.name))
    }

    /// The values to mask in output: those of every secret variable that has one.
    public var secretValues: [String] {
        secretNames.compactMap { lookup($0)?.value }.filter { !$0.isEmpty }
    }

    /// Renders a text. Values from the collection and environment files may themselves hold
    /// `{{placeholders}}`; secrets, command-line and captured values are taken literally, since a
    /// password may contain anything.
    public func render(_ text: String) throws(PorticoError) -> String {
        try render(Template(parsing: text), resolving: [])
    }

    private func render(_ template: Template, resolving chain: [String]) throws(PorticoError) -> String {
        var output = ""
        for segment in template.segments {
            switch segment {
            case .literal(let text):
                output += text
            case .dynamic(let name, let arguments):
                output += try DynamicValue.evaluate(name, arguments, source: dynamicValues)
            case .reference(let reference):
                guard let references else {
                    throw .template("\(reference) needs the history of a collection's requests; send it from a collection")
                }
                output += try references.resolve(reference)
            case .variable(let name):
                if chain.contains(name) {
                    throw .template("variable cycle: \((chain + [name]).joined(separator: " -> "))")
                }
                guard let (variable, layer) = find(name) else {
                    throw .template("undefined variable '\(name)'")
                }
                guard let value = variable.value else {
                    throw .template("secret '\(name)' has no value here: set it with `portico secret set \(name)` or pass --var \(name)=VALUE")
                }
                if variable.isSecret || layer <= Self.capturedLayer {
                    output += value
                } else {
                    output += try render(Template(parsing: value), resolving: chain + [name])
                }
            }
        }
        return output
    }
}

extension VariableScope {
    /// The scope for a request of `collection` (secrets already filled in) in the environment named
    /// `environmentName`, with command-line `overrides` on top.
    public static func make(collection: Collection?, environmentName: String?, overrides: [Variable], dynamicValues: any DynamicValueSource = LiveDynamicValueSource()) throws(PorticoError) -> VariableScope {
        var environment: Environment?
        if let environmentName {
            guard let collection else {
                throw .input("-e \(environmentName) needs a collection: give a request file inside one, or -c DIR")
            }
            guard let found = collection.environment(named: environmentName) else {
                let names = collection.environments.map(\.name)
                throw .input("collection '\(collection.name)' has no environment '\(environmentName)'; \(names.isEmpty ? "it has none" : "available: " + names.joined(separator: ", "))")
            }
            environment = found
        }
        return VariableScope(overrides: overrides, environment: environment, collection: collection?.variables ?? [], dynamicValues: dynamicValues)
    }

    /// Parses `NAME=VALUE` as given to `--var`.
    public static func override(_ assignment: String) throws(PorticoError) -> Variable {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw .input("--var '\(assignment)' must be NAME=VALUE")
        }
        let name = String(assignment[..<equals])
        guard Template.isName(name) else { throw .input("--var '\(assignment)': '\(name)' is not a variable name") }
        return Variable(name, String(assignment[assignment.index(after: equals)...]))
    }
}
