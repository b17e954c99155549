/// A parsed JSON document that keeps what the author wrote: object members stay in document
/// order (duplicates included) and numbers keep their literal text.
///
/// Equality is the one RFC 9535 uses for comparisons: numbers compare by value, objects are
/// equal when they have the same member names with equal values in any order, arrays compare
/// element by element.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"name": value` pair of an object.
    public struct Member: Sendable {
        public var name: String
        public var value: JSONValue

        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// The value of the member called `name`; with duplicate names, the last one wins, as in
    /// most JSON parsers.
    public subscript(name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.name.hasSameScalars(as: name) })?.value
    }
}

extension JSONValue: Equatable {
    // Iterative, so that comparing two very deep documents cannot exhaust the stack.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        var pending: [(JSONValue, JSONValue)] = [(lhs, rhs)]
        while let (left, right) = pending.popLast() {
            switch (left, right) {
            case (.null, .null):
                continue
            case (.bool(let a), .bool(let b)):
                if a != b { return false }
            case (.number(let a), .number(let b)):
                if a != b { return false }
            case (.string(let a), .string(let b)):
                if !a.hasSameScalars(as: b) { return false }
            case (.array(let a), .array(let b)):
                guard a.count == b.count else { return false }
                pending.append(contentsOf: zip(a, b))
            case (.object(let a), .object(let b)):
                let namesA = Dictionary(a.map { (ExactName($0.name), $0.value) }, uniquingKeysWith: { _, last in last })
                let namesB = Dictionary(b.map { (ExactName($0.name), $0.value) }, uniquingKeysWith: { _, last in last })
                guard namesA.count == namesB.count else { return false }
                for (name, valueA) in namesA {
                    guard let valueB = namesB[name] else { return false }
                    pending.append((valueA, valueB))
                }
            default:
                return false
            }
        }
        return true
    }
}

extension JSONValue.Member: Equatable {
    public static func == (lhs: JSONValue.Member, rhs: JSONValue.Member) -> Bool {
        lhs.name.hasSameScalars(as: rhs.name) && lhs.value == rhs.value
    }
}

/// A member name as a dictionary key that is equal only to the same scalars.
private struct ExactName: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactName, rhs: ExactName) -> Bool { lhs.text.hasSameScalars(as: rhs.text) }

    func hash(into hasher: inout Hasher) {
        for byte in text.utf8 { hasher.combine(byte) }
    }
}

extension String {
    /// Equality by Unicode scalars, as JSON and RFC 9535 define it. Swift's `==` also equates
    /// canonically equivalent spellings (precomposed "é" and "e" + U+0301), which JSON does not.
    func hasSameScalars(as other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}

extension JSONValue: Hashable {
    /// Shallow, so it agrees with the RFC's `==` (numbers by value, strings by scalars, members in
    /// any order) and costs nothing on deep documents: the kind, a scalar's value, a container's size.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let number): hasher.combine(number)
        case .string(let text): hasher.combine(Array(text.unicodeScalars.map(\.value)))
        case .array(let elements): hasher.combine(2); hasher.combine(elements.count)
        case .object(let members): hasher.combine(3); hasher.combine(members.count)
        }
    }
}
