/// Every failure Portico reports, sorted by what the user can do about it.
public struct PorticoError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case connect, dns, tls, timeout, cancelled
        /// The server answered something that is not valid HTTP, or the exchange broke off.
        case `protocol`
        /// A `{{variable}}` could not be rendered.
        case template
        /// Bad input from the user: usage, files, URLs, methods.
        case input
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func input(_ message: String) -> PorticoError { PorticoError(.input, message) }
    public static func template(_ message: String) -> PorticoError { PorticoError(.template, message) }

    public var description: String { message }
}
