import Foundation
import Testing

/// `portico import openapi` with the real binary, on a spec of the demo server's own routes: the
/// imported collection is sent as it is against the running demo server.
@Suite("import openapi")
struct OpenAPIImportCLITests {
    static let usersSpec = """
    openapi: 3.0.3
    info:
      title: Demo users
      version: "1"
    servers:
      - url: http://127.0.0.1:8080
        description: Local demo
    tags:
      - name: users
    paths:
      /users:
        get:
          tags: [users]
          summary: List users
          responses:
            '200': {description: Every user.}
        post:
          tags: [users]
          summary: Create a user
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  $ref: '#/components/schemas/NewUser'
          responses:
            '201': {description: Created.}
      /users/{id}:
        get:
          tags: [users]
          summary: Get a user
          parameters:
            - name: id
              in: path
              required: true
              schema: {type: integer, example: 2}
          responses:
            '200': {description: The user.}
            '404': {description: No such user.}
    components:
      schemas:
        NewUser:
          type: object
          required: [name, email]
          properties:
            id: {type: integer, readOnly: true}
            name: {type: string, example: Katherine Johnson}
            email: {type: string, format: email}
            role: {type: string, enum: [member, admin]}
    """

    @Test func importedRequestsSendAgainstTheDemoServer() async throws {
        let sandbox = try Sandbox()
        try Data(Self.usersSpec.utf8).write(to: sandbox.path("users.yaml"))
        let imported = try await sandbox.run(["import", "openapi", "users.yaml", "--into", "demo-users"])
        #expect(imported.exitCode == 0, "\(imported)")
        #expect(imported.stderr.contains("imported 3 requests, 1 folder, 1 environment, 0 warnings into demo-users"), "\(imported)")

        let baseURL = try await DemoAPI.url("")
        let getUser = sandbox.path("demo-users/users/get-a-user.yaml").path
        let fetched = try await sandbox.run(["send", getUser, "-e", "local-demo", "--var", "baseUrl=\(baseURL)", "--no-history"])
        #expect(fetched.exitCode == 0, "\(fetched)")
        #expect(try fetched.json().int("id") == 2, "the path parameter's example is the collection's id")
        #expect(try fetched.json().string("name") == "Alan Turing", "\(fetched)")

        let createUser = sandbox.path("demo-users/users/create-a-user.yaml").path
        let created = try await sandbox.run(["send", createUser, "--var", "baseUrl=\(baseURL)", "--no-history", "--format", "json"])
        #expect(created.exitCode == 0, "\(created)")
        #expect(try created.json().object("response")?.int("status") == 201, "\(created)")
    }

    @Test func aSwagger2DocumentIsRefusedAndNothingIsWritten() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["import", "openapi", "-", "--into", "old"], stdin: Data("swagger: '2.0'\ninfo: {title: Old, version: '1'}\npaths: {}\n".utf8))
        #expect(result.exitCode != 0, "\(result)")
        #expect(result.stderr.contains("Swagger 2 (OpenAPI 2.0) documents are not supported"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("old").path))
    }
}
