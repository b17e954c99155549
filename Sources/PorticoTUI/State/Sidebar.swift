import PorticoCore

/// One visible line of the collection tree.
public struct SidebarRow: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case folder(path: String, isExpanded: Bool)
        case request(relativePath: String, method: HTTPMethod)
    }

    public var kind: Kind
    public var depth: Int
    public var title: String
}

/// The collection tree flattened into the rows the sidebar shows.
public enum SidebarTree {
    /// Folders listed in `expanded` show their children. With a filter, only requests whose name
    /// or path contain the filter's characters in order are shown, with their folders open.
    public static func rows(_ root: RequestGroup, expanded: Set<String>, filter: String) -> [SidebarRow] {
        var rows: [SidebarRow] = []
        append(root, path: "", depth: 0, expanded: expanded, filter: filter.lowercased(), into: &rows)
        return rows
    }

    private static func append(_ group: RequestGroup, path: String, depth: Int, expanded: Set<String>, filter: String, into rows: inout [SidebarRow]) {
        for child in group.groups {
            let childPath = path.isEmpty ? child.name : "\(path)/\(child.name)"
            var nested: [SidebarRow] = []
            append(child, path: childPath, depth: depth + 1, expanded: expanded, filter: filter, into: &nested)
            if !filter.isEmpty, nested.isEmpty { continue }
            let isExpanded = !filter.isEmpty || expanded.contains(childPath)
            rows.append(SidebarRow(kind: .folder(path: childPath, isExpanded: isExpanded), depth: depth, title: child.name))
            if isExpanded { rows += nested }
        }
        for request in group.requests where filter.isEmpty || matches(filter, request) {
            rows.append(SidebarRow(kind: .request(relativePath: request.relativePath, method: request.template.method), depth: depth, title: request.template.name))
        }
    }

    /// Fuzzy: the filter's characters appear in order in the name or the path.
    static func matches(_ filter: String, _ request: StoredRequest) -> Bool {
        isSubsequence(filter, of: request.template.name.lowercased()) || isSubsequence(filter, of: request.relativePath.lowercased())
    }

    static func isSubsequence(_ needle: String, of haystack: String) -> Bool {
        var remaining = needle[...]
        for character in haystack where character == remaining.first {
            remaining = remaining.dropFirst()
            if remaining.isEmpty { return true }
        }
        return remaining.isEmpty
    }
}
