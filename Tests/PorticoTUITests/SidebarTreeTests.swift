import PorticoCore
import PorticoTUI
import Testing

@Suite("SidebarTree")
struct SidebarTreeTests {
    private static func request(_ path: String, _ name: String, _ method: HTTPMethod = .get) -> StoredRequest {
        StoredRequest(relativePath: path, template: RequestTemplate(id: path, name: name, method: method, url: "http://api.test/\(path)"))
    }

    /// users/ (List users, Create user), admin/ (audit/ (Audit events), Stats), Health.
    private let root = RequestGroup(
        name: "",
        groups: [
            RequestGroup(name: "users", requests: [
                request("users/list.yaml", "List users"),
                request("users/create.yaml", "Create user", .post),
            ]),
            RequestGroup(name: "admin", groups: [
                RequestGroup(name: "audit", requests: [request("admin/audit/events.yaml", "Audit log")]),
            ], requests: [
                request("admin/stats.yaml", "Stats"),
            ]),
        ],
        requests: [request("health.yaml", "Health")]
    )

    /// Rows as "depth:title" with a marker for folders (▸ closed, ▾ open).
    private func describe(_ rows: [SidebarRow]) -> [String] {
        rows.map { row in
            switch row.kind {
            case .folder(_, let isExpanded): "\(row.depth):\(isExpanded ? "▾" : "▸")\(row.title)"
            case .request: "\(row.depth):\(row.title)"
            }
        }
    }

    @Test("collapsed folders hide their children")
    func collapsed() {
        let rows = SidebarTree.rows(root, expanded: [], filter: "")
        #expect(describe(rows) == ["0:▸users", "0:▸admin", "0:Health"])
        #expect(rows[0].kind == .folder(path: "users", isExpanded: false))
        #expect(rows[2].kind == .request(relativePath: "health.yaml", method: .get))
    }

    @Test("expanded folders show their children one level deeper")
    func expanded() {
        let rows = SidebarTree.rows(root, expanded: ["users", "admin", "admin/audit"], filter: "")
        #expect(describe(rows) == [
            "0:▾users", "1:List users", "1:Create user",
            "0:▾admin", "1:▾audit", "2:Audit log", "1:Stats",
            "0:Health",
        ])
        #expect(rows[2].kind == .request(relativePath: "users/create.yaml", method: .post))
        #expect(rows[4].kind == .folder(path: "admin/audit", isExpanded: true))
    }

    @Test("a nested folder stays hidden while its parent is collapsed")
    func nestedUnderCollapsed() {
        let rows = SidebarTree.rows(root, expanded: ["admin/audit"], filter: "")
        #expect(describe(rows) == ["0:▸users", "0:▸admin", "0:Health"])
    }

    @Test("a nested folder is collapsed until listed itself")
    func nestedCollapsed() {
        let rows = SidebarTree.rows(root, expanded: ["admin"], filter: "")
        #expect(describe(rows) == ["0:▸users", "0:▾admin", "1:▸audit", "1:Stats", "0:Health"])
    }

    @Test("the filter is a case-insensitive subsequence of the name")
    func filterByName() {
        let rows = SidebarTree.rows(root, expanded: [], filter: "LsTuS")
        #expect(describe(rows) == ["0:▾users", "1:List users"])
    }

    @Test("the filter also matches the path, and opens the folders on the way")
    func filterByPath() {
        // "evts" is in "admin/audit/events.yaml" but not in "Audit log".
        let rows = SidebarTree.rows(root, expanded: [], filter: "evts")
        #expect(describe(rows) == ["0:▾admin", "1:▾audit", "2:Audit log"])
    }

    @Test("folders without matching requests are hidden")
    func filterHidesEmptyFolders() {
        let rows = SidebarTree.rows(root, expanded: ["users", "admin", "admin/audit"], filter: "stat")
        #expect(describe(rows) == ["0:▾admin", "1:Stats"])
    }

    @Test("characters out of order do not match")
    func filterOrder() {
        #expect(SidebarTree.rows(root, expanded: [], filter: "htlaeh").isEmpty)
        #expect(describe(SidebarTree.rows(root, expanded: [], filter: "hlth")) == ["0:Health"])
    }

    @Test("a filter matching nothing gives no rows")
    func filterNothing() {
        #expect(SidebarTree.rows(root, expanded: ["users"], filter: "zzz").isEmpty)
    }
}
