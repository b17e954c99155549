/// A named set of variable values (e.g. `local`, `staging`) that a collection's requests are rendered against.
public struct Environment: Hashable, Sendable {
    public var name: String
    public var variables: [Variable]

    public init(name: String, variables: [Variable] = []) {
        self.name = name
        self.variables = variables
    }
}

/// A named value. A secret variable's value never lives in a file meant for git: it comes from the
/// user's secret store (see `SecretStore`) or the command line, and it is masked in all output.
public struct Variable: Hashable, Sendable {
    public var name: String
    /// Nil for a secret whose value lives elsewhere.
    public var value: String?
    public var isSecret: Bool

    public init(_ name: String, _ value: String?, isSecret: Bool = false) {
        self.name = name
        self.value = value
        self.isSecret = isSecret
    }
}
