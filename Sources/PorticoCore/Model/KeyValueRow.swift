/// One row of a params, headers or form table: kept in order, repeats allowed, can be switched off.
public struct KeyValueRow: Hashable, Sendable {
    public var name: String
    public var value: String
    public var isEnabled: Bool

    public init(_ name: String, _ value: String, isEnabled: Bool = true) {
        self.name = name
        self.value = value
        self.isEnabled = isEnabled
    }
}
