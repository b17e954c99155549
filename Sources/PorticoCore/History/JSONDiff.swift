/// A structural comparison of two JSON documents: what was added, removed or changed, and where.
///
/// - Object members are matched by name (exact Unicode scalars, as JSON defines names); their
///   order does not matter. With duplicate names the last value counts, as `JSONValue[name]` does.
/// - Arrays are compared index by index, so an element inserted at the front shows every later
///   element as changed. Matching elements across positions would need a sequence alignment over
///   values (quadratic, and ambiguous for arrays of objects that differ slightly); index by index
///   keeps each reported path pointing at the same place in both documents, which is what a
///   JSONPath query of that path would show.
/// - Scalars compare as `JSONValue`'s equality does: numbers as exact decimals (`1.0` equals `1`),
///   strings by Unicode scalars.
/// - A value whose type changes (object to array, string to number, …) is one `.changed` at its
///   path, not a removal and addition of everything inside it.
public enum JSONDiff {
    public struct Change: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// Only in the new document.
            case added
            /// Only in the old document.
            case removed
            /// In both, with a different value (or a different type).
            case changed
        }

        /// The RFC 9535 normalized path of the value, e.g. `$['user']['tags'][2]`.
        public var path: String
        public var kind: Kind
        /// The value in the old document; nil when `.added`.
        public var old: JSONValue?
        /// The value in the new document; nil when `.removed`.
        public var new: JSONValue?

        public init(path: String, kind: Kind, old: JSONValue?, new: JSONValue?) {
            self.path = path
            self.kind = kind
            self.old = old
            self.new = new
        }
    }

    /// The changes that turn `old` into `new`, in document order: within an object the old
    /// document's member order, then members only the new document has in its order; within an
    /// array by index. Equal documents give no changes.
    public static func changes(from old: JSONValue, to new: JSONValue) -> [Change] {
        var walk = Walk()
        return walk.run(old: old, new: new)
    }
}

/// Walks both documents together with an explicit stack, so that deep documents cost heap rather
/// than call stack (the parser accepts 10,000 levels of nesting).
private struct Walk {
    /// Something still to do, popped in document order.
    private enum Step {
        /// Compare the values at a location in both documents.
        case compare(old: JSONValue, new: JSONValue, location: Int)
        /// Report a member or element that only one side has.
        case report(JSONDiff.Change.Kind, old: JSONValue?, new: JSONValue?, location: Int)
    }

    /// Locations as a tree of parent links: a path is spelled out only when a change is reported
    /// there, so walking deep unchanged subtrees never copies paths.
    private var parents: [Int] = []
    private var elements: [JSONPath.PathElement] = []
    private static let root = -1

    mutating func run(old: JSONValue, new: JSONValue) -> [JSONDiff.Change] {
        var changes: [JSONDiff.Change] = []
        var pending: [Step] = [.compare(old: old, new: new, location: Self.root)]
        while let step = pending.popLast() {
            switch step {
            case .report(let kind, let oldValue, let newValue, let location):
                changes.append(JSONDiff.Change(path: path(to: location), kind: kind, old: oldValue, new: newValue))
            case .compare(let oldValue, let newValue, let location):
                switch (oldValue, newValue) {
                case (.object(let oldMembers), .object(let newMembers)):
                    pending.append(contentsOf: memberSteps(oldMembers, newMembers, parent: location).reversed())
                case (.array(let oldElements), .array(let newElements)):
                    pending.append(contentsOf: elementSteps(oldElements, newElements, parent: location).reversed())
                default:
                    // Scalars, or a change of type: one change here, nothing below.
                    if oldValue != newValue {
                        changes.append(JSONDiff.Change(path: path(to: location), kind: .changed, old: oldValue, new: newValue))
                    }
                }
            }
        }
        return changes
    }

    private mutating func memberSteps(_ oldMembers: [JSONValue.Member], _ newMembers: [JSONValue.Member], parent: Int) -> [Step] {
        let oldValues = Self.lastValues(oldMembers)
        let newValues = Self.lastValues(newMembers)
        var steps: [Step] = []
        for name in Self.uniqueNames(oldMembers) {
            let key = Array(name.utf8)
            let location = child(of: parent, .name(name))
            if let newValue = newValues[key] {
                steps.append(.compare(old: oldValues[key]!, new: newValue, location: location))
            } else {
                steps.append(.report(.removed, old: oldValues[key]!, new: nil, location: location))
            }
        }
        for name in Self.uniqueNames(newMembers) where oldValues[Array(name.utf8)] == nil {
            steps.append(.report(.added, old: nil, new: newValues[Array(name.utf8)]!, location: child(of: parent, .name(name))))
        }
        return steps
    }

    private mutating func elementSteps(_ oldElements: [JSONValue], _ newElements: [JSONValue], parent: Int) -> [Step] {
        (0..<max(oldElements.count, newElements.count)).map { index in
            let location = child(of: parent, .index(index))
            switch (index < oldElements.count, index < newElements.count) {
            case (true, true): return .compare(old: oldElements[index], new: newElements[index], location: location)
            case (true, false): return .report(.removed, old: oldElements[index], new: nil, location: location)
            default: return .report(.added, old: nil, new: newElements[index], location: location)
            }
        }
    }

    private mutating func child(of parent: Int, _ element: JSONPath.PathElement) -> Int {
        parents.append(parent)
        elements.append(element)
        return parents.count - 1
    }

    private func path(to location: Int) -> String {
        var steps: [JSONPath.PathElement] = []
        var current = location
        while current != Self.root {
            steps.append(elements[current])
            current = parents[current]
        }
        return JSONPath.normalizedPath(steps.reversed())
    }

    /// Each member's value keyed by the UTF-8 of its name (JSON compares names by scalars, Swift's
    /// `String ==` by canonical equivalence); the last of duplicate names wins.
    private static func lastValues(_ members: [JSONValue.Member]) -> [[UInt8]: JSONValue] {
        Dictionary(members.map { (Array($0.name.utf8), $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Member names in order of first appearance, each once.
    private static func uniqueNames(_ members: [JSONValue.Member]) -> [String] {
        var seen = Set<[UInt8]>()
        return members.map(\.name).filter { seen.insert(Array($0.utf8)).inserted }
    }
}
