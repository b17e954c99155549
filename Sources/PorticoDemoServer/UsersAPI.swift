import Foundation
import Hummingbird
import NIOCore

/// A user of the demo API.
struct DemoUser: Sendable {
    var id: Int
    var name: String
    var email: String
    var role: String

    var json: [String: Any] { ["id": id, "name": name, "email": email, "role": role] }
}

/// The demo's in-memory users, seeded with a few so that a first GET shows something.
actor UserStore {
    private var users: [Int: DemoUser] = [:]
    private var nextID = 1

    init() {
        for (name, email, role) in [("Ada Lovelace", "ada@example.com", "admin"), ("Alan Turing", "alan@example.com", "member"), ("Grace Hopper", "grace@example.com", "member")] {
            users[nextID] = DemoUser(id: nextID, name: name, email: email, role: role)
            nextID += 1
        }
    }

    func all() -> [DemoUser] { users.values.sorted { $0.id < $1.id } }
    func get(_ id: Int) -> DemoUser? { users[id] }

    func create(name: String, email: String, role: String) -> DemoUser {
        let user = DemoUser(id: nextID, name: name, email: email, role: role)
        users[nextID] = user
        nextID += 1
        return user
    }

    func put(_ user: DemoUser) { users[user.id] = user }
    func delete(_ id: Int) -> Bool { users.removeValue(forKey: id) != nil }
}

/// `/users`: list, create, read, replace, update and delete, with validation errors as 422.
struct UsersAPI: Sendable {
    let store: UserStore

    func register(on router: Router<BasicRequestContext>) {
        router.get("/users") { _, _ in
            DemoJSON.response(await store.all().map(\.json))
        }
        router.post("/users") { request, _ in
            let fields = try await Self.fields(of: request)
            guard let fields else { return DemoJSON.error(.badRequest, "body must be a JSON object") }
            guard let name = fields["name"] as? String, !name.isEmpty, let email = fields["email"] as? String, email.contains("@") else {
                return DemoJSON.error(.unprocessableContent, "fields 'name' (text) and 'email' (an address) are required")
            }
            let user = await store.create(name: name, email: email, role: fields["role"] as? String ?? "member")
            return DemoJSON.response(user.json, status: .created, headers: [.location: "/users/\(user.id)"])
        }
        router.get("/users/:id") { _, context in
            guard let id = context.parameters.get("id", as: Int.self), let user = await store.get(id) else {
                return DemoJSON.error(.notFound, "no such user")
            }
            return DemoJSON.response(user.json)
        }
        router.put("/users/:id") { request, context in
            try await update(request, context, replacing: true)
        }
        router.patch("/users/:id") { request, context in
            try await update(request, context, replacing: false)
        }
        router.delete("/users/:id") { _, context in
            guard let id = context.parameters.get("id", as: Int.self), await store.delete(id) else {
                return DemoJSON.error(.notFound, "no such user")
            }
            return Response(status: .noContent)
        }
    }

    private func update(_ request: Request, _ context: BasicRequestContext, replacing: Bool) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int.self), var user = await store.get(id) else {
            return DemoJSON.error(.notFound, "no such user")
        }
        guard let fields = try await Self.fields(of: request) else {
            return DemoJSON.error(.badRequest, "body must be a JSON object")
        }
        if replacing {
            guard let name = fields["name"] as? String, let email = fields["email"] as? String else {
                return DemoJSON.error(.unprocessableContent, "PUT replaces the user: 'name' and 'email' are required")
            }
            user = DemoUser(id: id, name: name, email: email, role: fields["role"] as? String ?? "member")
        } else {
            if let name = fields["name"] as? String { user.name = name }
            if let email = fields["email"] as? String { user.email = email }
            if let role = fields["role"] as? String { user.role = role }
        }
        await store.put(user)
        return DemoJSON.response(user.json)
    }

    private static func fields(of request: Request) async throws -> [String: Any]? {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any]
    }
}
