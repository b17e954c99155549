extension JSONPath {
    /// One step from a value to its child: a member name or an array index (never negative).
    public enum PathElement: Sendable, Hashable {
        case name(String)
        case index(Int)
    }

    /// A selected value and where it sits in the document.
    public struct Node: Sendable, Equatable {
        public let value: JSONValue
        let locations: NodeLocations
        let locationID: Int

        /// The steps from the root to this node; empty for the root itself.
        public var location: [PathElement] { locations.path(to: locationID) }

        /// The RFC 9535 §2.7 Normalized Path, e.g. `$['store']['book'][0]`.
        public var path: String { JSONPath.normalizedPath(location) }

        public static func == (lhs: Node, rhs: Node) -> Bool {
            lhs.value == rhs.value && lhs.location == rhs.location
        }
    }

    /// Writes `elements` as a Normalized Path: names in single quotes with the minimal escapes
    /// RFC 9535 §2.7 allows (`\'`, `\\`, and control characters), indexes as plain integers.
    public static func normalizedPath(_ elements: [PathElement]) -> String {
        var text = "$"
        for element in elements {
            switch element {
            case .index(let index):
                text += "[\(index)]"
            case .name(let name):
                text += "['"
                for scalar in name.unicodeScalars {
                    switch scalar {
                    case "'": text += "\\'"
                    case "\\": text += "\\\\"
                    case "\u{8}": text += "\\b"
                    case "\u{C}": text += "\\f"
                    case "\n": text += "\\n"
                    case "\r": text += "\\r"
                    case "\t": text += "\\t"
                    case "\u{0}"..<"\u{20}":
                        let hex = String(scalar.value, radix: 16)
                        text += "\\u00" + (hex.count == 1 ? "0" : "") + hex
                    default: text.unicodeScalars.append(scalar)
                    }
                }
                text += "']"
            }
        }
        return text
    }
}

/// Where every node reached during one selection sits, as a tree of parent links shared by all
/// result nodes. Paths are only spelled out on request, so deep documents do not make each
/// result carry a copy of its whole path.
final class NodeLocations: Sendable {
    /// The location of the document root.
    static let root = -1

    private let parents: [Int]
    private let elements: [JSONPath.PathElement]

    init(parents: [Int], elements: [JSONPath.PathElement]) {
        self.parents = parents
        self.elements = elements
    }

    func path(to id: Int) -> [JSONPath.PathElement] {
        var steps: [JSONPath.PathElement] = []
        var current = id
        while current != NodeLocations.root {
            steps.append(elements[current])
            current = parents[current]
        }
        return steps.reversed()
    }
}
