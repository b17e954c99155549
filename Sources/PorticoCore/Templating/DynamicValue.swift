import Foundation

/// Where dynamic values come from: the live one uses the clock, a random source and the process
/// environment; tests give fixed ones.
public protocol DynamicValueSource: Sendable {
    func uuid() -> String
    func now() -> Date
    func randomInt(in range: ClosedRange<Int>) -> Int
    func processEnvironment(_ name: String) -> String?
}

public struct LiveDynamicValueSource: DynamicValueSource {
    public init() {}
    public func uuid() -> String { UUID().uuidString.lowercased() }
    public func now() -> Date { Date() }
    public func randomInt(in range: ClosedRange<Int>) -> Int { Int.random(in: range) }
    public func processEnvironment(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }
}

/// The `{{$name args}}` values.
enum DynamicValue {
    static let knownNames = "$uuid, $timestamp, $isoTimestamp, $randomInt MIN MAX, $env NAME"

    /// The names VS Code REST Client and JetBrains HTTP Client give the same values, so that a
    /// `.http` file opened as a collection sends what those tools would send.
    static let aliases = ["guid": "uuid", "random.uuid": "uuid", "processEnv": "env"]

    static func evaluate(_ name: String, _ arguments: [String], source: any DynamicValueSource) throws(PorticoError) -> String {
        func expectArguments(_ count: Int, _ usage: String) throws(PorticoError) {
            guard arguments.count == count else { throw .template("{{$\(name)}} takes \(usage)") }
        }
        if let canonical = aliases[name] { return try evaluate(canonical, arguments, source: source) }
        switch name {
        case "datetime":
            // REST Client: {{$datetime iso8601}} and {{$datetime rfc1123}}; offsets and custom formats are not supported.
            switch arguments.first {
            case "iso8601"?: return try evaluate("isoTimestamp", [], source: source)
            case "rfc1123"?:
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "GMT")
                formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
                return formatter.string(from: source.now())
            default: throw .template("{{$datetime}} takes iso8601 or rfc1123")
            }
        case "uuid":
            try expectArguments(0, "no arguments")
            return source.uuid()
        case "timestamp":
            try expectArguments(0, "no arguments")
            return String(Int(source.now().timeIntervalSince1970))
        case "isoTimestamp":
            try expectArguments(0, "no arguments")
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: source.now())
        case "randomInt" where arguments.isEmpty:
            // JetBrains' {{$randomInt}}: between 0 and 1000.
            return String(source.randomInt(in: 0...1000))
        case "randomInt":
            try expectArguments(2, "two whole numbers: {{$randomInt MIN MAX}}")
            guard let low = Int(arguments[0]), let high = Int(arguments[1]), low <= high else {
                throw .template("{{$randomInt \(arguments.joined(separator: " "))}} needs two whole numbers MIN <= MAX")
            }
            return String(source.randomInt(in: low...high))
        case "env":
            try expectArguments(1, "the name of a process environment variable: {{$env NAME}}")
            guard let value = source.processEnvironment(arguments[0]) else {
                throw .template("environment variable \(arguments[0]) is not set (used as {{$env \(arguments[0])}})")
            }
            return value
        default:
            throw .template("unknown dynamic value {{$\(name)}}; known: \(knownNames)")
        }
    }
}
