import Foundation
import Hummingbird
import NIOCore

/// `/graphql`: the demo users as a GraphQL schema, answered the way GraphQL servers answer over
/// HTTP (200 with `data` and/or `errors`):
///
///     type Query { users: [User!]!  user(id: Int!): User }
///     type User { id: Int!  name: String!  email: String!  role: String! }
struct GraphQLEndpoint: Sendable {
    let store: UserStore

    static let userFields = ["id", "name", "email", "role"]

    private struct FieldError: Error {
        var message: String
        var location: GraphQLQueryParser.Location
        var path: [String] = []
    }

    func register(on router: Router<BasicRequestContext>) {
        router.post("/graphql") { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            guard let document = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any],
                  let query = document["query"] as? String else {
                return Self.errors(["Must provide a JSON body with a \"query\" string."], status: .badRequest)
            }
            let variables = document["variables"] as? [String: Any] ?? [:]
            let operationName = document["operationName"] as? String
            return await execute(query, variables: variables, operationName: operationName)
        }
    }

    private func execute(_ query: String, variables: [String: Any], operationName: String?) async -> Response {
        let operations: [GraphQLQueryParser.Operation]
        do {
            operations = try GraphQLQueryParser.parse(query)
        } catch {
            return Self.errors([(error.message, error.location)])
        }
        let chosen: GraphQLQueryParser.Operation
        if let operationName, !operationName.isEmpty {
            guard let named = operations.first(where: { $0.name == operationName }) else {
                return Self.errors(["Unknown operation named \"\(operationName)\"."])
            }
            chosen = named
        } else {
            guard operations.count == 1 else { return Self.errors(["Must provide operation name if query contains multiple operations."]) }
            chosen = operations[0]
        }
        guard chosen.kind == "query" else { return Self.errors(["The demo schema has no \(chosen.kind) type: only queries."]) }
        var data: [String: Any] = [:]
        var errors: [FieldError] = []
        for field in chosen.selections {
            do {
                data[field.responseKey] = try await resolveRoot(field, variables: variables)
            } catch let error as FieldError {
                errors.append(error)
                data[field.responseKey] = NSNull()
            } catch {
                errors.append(FieldError(message: "\(error)", location: field.location))
            }
        }
        var body: [String: Any] = ["data": data]
        if !errors.isEmpty {
            body["errors"] = errors.map(Self.errorObject)
            // A field the schema does not know is a validation error: nothing runs, there is no data.
            if errors.contains(where: { $0.path.isEmpty }) { body.removeValue(forKey: "data") }
        }
        return DemoJSON.response(body)
    }

    private func resolveRoot(_ field: GraphQLQueryParser.Field, variables: [String: Any]) async throws -> Any {
        switch field.name {
        case "__typename":
            return "Query"
        case "users":
            guard field.arguments.isEmpty else { throw FieldError(message: "Unknown argument \"\(field.arguments[0].name)\" on field \"Query.users\".", location: field.location) }
            let selections = try Self.subfields(field, type: "[User!]!")
            return try await store.all().map { try Self.object($0, selections) }
        case "user":
            guard let argument = field.arguments.first(where: { $0.name == "id" }) else {
                throw FieldError(message: "Field \"user\" argument \"id\" of type \"Int!\" is required, but it was not provided.", location: field.location)
            }
            let id: Int
            switch argument.value {
            case .int(let number): id = number
            case .variable(let name):
                guard let number = variables[name] as? Int else {
                    throw FieldError(message: "Variable \"$\(name)\" of required type \"Int!\" was not provided.", location: field.location)
                }
                id = number
            default:
                throw FieldError(message: "Int cannot represent a non-integer value for argument \"id\".", location: field.location)
            }
            let selections = try Self.subfields(field, type: "User")
            guard let user = await store.get(id) else {
                throw FieldError(message: "No user with id \(id).", location: field.location, path: [field.responseKey])
            }
            return try Self.object(user, selections)
        default:
            throw FieldError(message: "Cannot query field \"\(field.name)\" on type \"Query\".", location: field.location)
        }
    }

    private static func subfields(_ field: GraphQLQueryParser.Field, type: String) throws -> [GraphQLQueryParser.Field] {
        guard let selections = field.selections else {
            throw FieldError(message: "Field \"\(field.name)\" of type \"\(type)\" must have a selection of subfields. Did you mean \"\(field.name) { ... }\"?", location: field.location)
        }
        for selection in selections where !(userFields + ["__typename"]).contains(selection.name) {
            throw FieldError(message: "Cannot query field \"\(selection.name)\" on type \"User\".", location: selection.location)
        }
        for selection in selections where selection.selections != nil {
            throw FieldError(message: "Field \"\(selection.name)\" must not have a selection since type \"String!\" has no subfields.", location: selection.location)
        }
        return selections
    }

    private static func object(_ user: DemoUser, _ selections: [GraphQLQueryParser.Field]) throws -> [String: Any] {
        var object: [String: Any] = [:]
        for selection in selections {
            object[selection.responseKey] = selection.name == "__typename" ? "User" : user.json[selection.name]
        }
        return object
    }

    private static func errorObject(_ error: FieldError) -> [String: Any] {
        var object: [String: Any] = ["message": error.message, "locations": [["line": error.location.line, "column": error.location.column]]]
        if !error.path.isEmpty { object["path"] = error.path }
        return object
    }

    private static func errors(_ messages: [(String, GraphQLQueryParser.Location)], status: HTTPResponse.Status = .ok) -> Response {
        DemoJSON.response(["errors": messages.map { errorObject(FieldError(message: $0.0, location: $0.1)) }], status: status)
    }

    private static func errors(_ messages: [String], status: HTTPResponse.Status = .ok) -> Response {
        DemoJSON.response(["errors": messages.map { ["message": $0] }], status: status)
    }
}
