import Foundation
import PorticoDemoServer
import Testing

/// `portico demo --init` and sending the request files of a collection.
@Suite("collections")
struct CollectionTests {
    /// Request files below `folder`, relative to it: every `.yaml`/`.yml` but portico.yaml and the sample files.
    private func requestFiles(in folder: URL) throws -> [String] {
        let root = folder.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw HarnessError("cannot walk \(folder.path)")
        }
        var files: [String] = []
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(root) else { continue }
            let relative = String(path.dropFirst(root.count))
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            if relative == "portico.yaml" || relative.hasPrefix("files/") { continue }
            files.append(relative)
        }
        return files.sorted()
    }

    @Test func initWritesTheCollectionAndItsSampleFile() async throws {
        let sandbox = try Sandbox()
        let port = try await DemoAPI.port()
        let result = try await sandbox.run(["demo", "--init", "demo", "--port", String(port)])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutText.contains("demo/users/list-users.yaml"), "\(result)")
        let folder = sandbox.path("demo")
        let collectionFile = try String(contentsOf: folder.appendingPathComponent("portico.yaml"), encoding: .utf8)
        #expect(collectionFile.contains("id: portico-demo"), "\(collectionFile)")
        #expect(collectionFile.contains("http://127.0.0.1:\(port)"), "the demo environment does not point at --port: \(collectionFile)")
        let sample = try String(contentsOf: folder.appendingPathComponent(DemoCollection.sampleFile.path), encoding: .utf8)
        #expect(sample == DemoCollection.sampleFile.contents)
        let expected = DemoCollection.make(port: port).allRequests.map(\.relativePath).sorted()
        #expect(try requestFiles(in: folder) == expected)
    }

    @Test func everyDemoRequestGetsAnAnswer() async throws {
        // The collection renames, creates and deletes users: on a server of its own.
        try await DemoAPI.withOwnServer { server in try await sendEveryDemoRequest(port: server.port) }
    }

    private func sendEveryDemoRequest(port: Int) async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection(port: port)
        let files = try requestFiles(in: folder)
        #expect(files.count == DemoCollection.make(port: 1).allRequests.count)
        // The code grant waits for a person to sign in in a browser; OAuth2Tests plays that person.
        for file in files where file != "oauth2/authorization-code.yaml" {
            let result = try await sandbox.run(["send", folder.appendingPathComponent(file).path, "-e", "demo", "--format", "json"])
            #expect(result.exitCode == 0, "\(file): \(result)")
            guard let document = try? result.json() else {
                Issue.record("\(file): stdout is not JSON: \(result)")
                continue
            }
            #expect(document.isNull("error"), "\(file): \(document["error"] ?? "")")
            let status = document.object("response")?.int("status")
            // A SOAP Fault comes with 500, as SOAP requires: the demo shows one on purpose.
            let expected = file.hasSuffix("soap12-divide-by-zero.yaml") ? 500 : nil
            if let expected {
                #expect(status == expected, "\(file): status \(String(describing: status))")
            } else {
                #expect(status.map { $0 < 500 } == true, "\(file): status \(String(describing: status))")
            }
        }
    }

    @Test func initRefusesAFolderHoldingAnotherCollection() async throws {
        let sandbox = try Sandbox()
        let folder = sandbox.path("mine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = "id: mine-1234\nname: Mine\n"
        try original.write(to: folder.appendingPathComponent("portico.yaml"), atomically: true, encoding: .utf8)

        let result = try await sandbox.run(["demo", "--init", folder.path, "--port", String(try await DemoAPI.port())])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("Mine"), "the message does not name the collection there: \(result)")
        #expect(try String(contentsOf: folder.appendingPathComponent("portico.yaml"), encoding: .utf8) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["portico.yaml"])
    }

    @Test func initTwiceIntoTheSameFolderIsFine() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let before = try requestFiles(in: folder)
        try await sandbox.initDemoCollection()
        #expect(try requestFiles(in: folder) == before)
    }

    @Test func varOverridesTheCollectionVariable() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let file = folder.appendingPathComponent("users/get-user.yaml").path

        let overridden = try await sandbox.run(["send", file, "-e", "demo", "--var", "userId=2"])
        #expect(overridden.exitCode == 0, "\(overridden)")
        #expect(try overridden.json().int("id") == 2, "\(overridden)")

        let json = try await sandbox.run(["send", file, "-e", "demo", "--var", "userId=2", "--format", "json"])
        #expect(try json.json().object("request")?.string("url") == (try await DemoAPI.url("/users/2")))
    }

    @Test func unknownEnvironmentListsTheAvailableOnes() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let result = try await sandbox.run(["send", folder.appendingPathComponent("users/get-user.yaml").path, "-e", "nosuchenv"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("nosuchenv"), "\(result)")
        #expect(result.stderr.contains("demo"), "the available environment is not listed: \(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func brokenRequestFileIsReportedWithItsLineAndTheOthersStillWork() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let broken = folder.appendingPathComponent("users/broken.yaml")
        try """
        id: test-broken
        url: "{{baseUrl}}/users"
        hedaers:
          - name: X-Typo
            value: "1"

        """.write(to: broken, atomically: true, encoding: .utf8)

        let result = try await sandbox.run(["send", broken.path, "-e", "demo"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("\(broken.path):3:"), "\(result)")
        #expect(result.stderr.contains("hedaers"), "\(result)")
        #expect(result.stdout.isEmpty)

        let good = try await sandbox.run(["send", folder.appendingPathComponent("users/list-users.yaml").path, "-e", "demo", "--format", "json"])
        #expect(good.exitCode == 0, "\(good)")
        #expect(try good.json().object("response")?.int("status") == 200, "\(good)")
        #expect(!good.stderr.contains("broken.yaml"), "a problem in another request file is not this request's: \(good.stderr)")
    }

    @Test("a folder's _folder.yaml auth reaches the requests inside that inherit, and only them")
    func folderAuthIsInherited() async throws {
        let sandbox = try Sandbox()
        let folder = sandbox.path("api")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("secure"), withIntermediateDirectories: true)
        let base = try await DemoAPI.url("")
        try "id: folder-auth\nname: API\nvariables:\n  baseUrl: \(base)\n".write(to: folder.appendingPathComponent("portico.yaml"), atomically: true, encoding: .utf8)
        try "auth:\n  bearer:\n    token: demo-token\n".write(to: folder.appendingPathComponent("secure/_folder.yaml"), atomically: true, encoding: .utf8)
        try "id: inside\nname: inside\nurl: \"{{baseUrl}}/bearer\"\n".write(to: folder.appendingPathComponent("secure/me.yaml"), atomically: true, encoding: .utf8)
        try "id: outside\nname: outside\nurl: \"{{baseUrl}}/bearer\"\n".write(to: folder.appendingPathComponent("me.yaml"), atomically: true, encoding: .utf8)
        let inside = try await sandbox.run(["send", "api/secure/me.yaml", "--fail", "--no-history"])
        #expect(inside.exitCode == 0, "\(inside)")
        #expect(try inside.json()["authenticated"] as? Bool == true)
        let outside = try await sandbox.run(["send", "api/me.yaml", "--fail", "--no-history"])
        #expect(outside.exitCode == 1, "\(outside)")
    }
}
