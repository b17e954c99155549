import Foundation
import Testing
@testable import PorticoCore
import PorticoDemoServer

/// Chains against the real demo server: a login whose token the next request needs.
@Suite("request runner")
struct RequestRunnerTests {
    /// A collection of three requests: a token request (client credentials, scope `scope`), a
    /// protected call that needs it, and one that fails its check.
    static func collection(scope: String, ttl: Double? = nil) async throws -> Collection {
        let base = try await TestServer.baseURL()
        var login = RequestTemplate(id: "login-\(scope)", name: "Log in", method: .post, url: base + "/oauth/token",
                                    body: .formURLEncoded([KeyValueRow("grant_type", "client_credentials"), KeyValueRow("client_id", "demo-client"),
                                                           KeyValueRow("client_secret", "{{clientSecret}}"), KeyValueRow("scope", scope)]))
        login.checks = [try ResponseCheck.parse("status == 200")]
        login.captures = [try ResponseCapture.parse(name: "accessToken", expression: #"jsonpath "$.access_token" secret"#)]
        var protected = RequestTemplate(id: "protected-\(scope)", name: "Protected", url: base + "/oauth/protected", auth: .bearer(token: "{{accessToken}}"))
        protected.needs = [RequestDependency(request: "auth/login.yaml", reuseFor: ttl)]
        protected.checks = [try ResponseCheck.parse(#"jsonpath "$.scope" == "\#(scope)""#), try ResponseCheck.parse("status == 2xx")]
        var failing = RequestTemplate(id: "failing-\(scope)", name: "Failing", url: base + "/status/404")
        failing.checks = [try ResponseCheck.parse("status == 200")]
        var collection = Collection(id: "runner-\(scope)", name: "Runner", variables: [Variable("clientSecret", "demo-client-secret", isSecret: true)])
        collection.root = RequestGroup(name: "", groups: [RequestGroup(name: "auth", requests: [StoredRequest(relativePath: "auth/login.yaml", template: login)])],
                                       requests: [StoredRequest(relativePath: "failing.yaml", template: failing), StoredRequest(relativePath: "protected.yaml", template: protected)])
        return collection
    }

    static func runner(_ collection: Collection, captures: CaptureStore = CaptureStore(), history: HistoryStore? = nil) -> RequestRunner {
        RequestRunner(collection: collection, location: FileManager.default.temporaryDirectory, environment: nil, overrides: [],
                      engine: TestServer.engine, captures: captures, history: history)
    }

    static func tokenRequests(scope: String) async throws -> Int {
        let data = try await TestServer.send(ResolvedRequest(method: .get, url: try await TestServer.url("/oauth/stats?scope=\(scope)"))).body?.data() ?? Data()
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["token_requests"] as? Int ?? -1
    }

    @Test func aNeededRequestRunsFirstAndItsCaptureReachesTheNext() async throws {
        let scope = "chain-\(UUID().uuidString.prefix(8))"
        let collection = try await Self.collection(scope: scope)
        let runner = Self.runner(collection)
        let outcomes = await runner.run(try collection.request(named: "protected"))
        #expect(outcomes.map(\.request.relativePath) == ["auth/login.yaml", "protected.yaml"])
        #expect(outcomes.map(\.verdict) == [.passed, .passed])
        #expect(outcomes[0].neededBy == "protected.yaml")
        let token = try #require(outcomes[0].captured.first)
        #expect(token.name == "accessToken" && token.isSecret && !token.value.isEmpty)
        #expect(outcomes[1].exchange?.request.headers.first(named: "Authorization") == "Bearer \(token.value)")
        #expect(outcomes[1].secrets.contains(token.value))
        // Asked for itself later in the same round, the login is not sent again.
        #expect(await runner.run(try collection.request(named: "Log in")).isEmpty)
        #expect(try await Self.tokenRequests(scope: scope) == 1)
    }

    @Test func capturedValuesAreReusedWhileTheirTimeToLiveLasts() async throws {
        let scope = "ttl-\(UUID().uuidString.prefix(8))"
        let collection = try await Self.collection(scope: scope, ttl: 600)
        let store = CaptureStore()
        let runner = Self.runner(collection, captures: store)
        let protected = try collection.request(named: "protected.yaml")
        #expect(await runner.run(protected).map(\.verdict) == [.passed, .passed])
        runner.startRound()
        let second = await runner.run(protected)
        #expect(second.map(\.request.relativePath) == ["protected.yaml"])
        #expect(second.map(\.verdict) == [.passed])
        #expect(try await Self.tokenRequests(scope: scope) == 1)

        // Without a time to live the login is sent again in every round.
        let withoutTTL = try await Self.collection(scope: scope)
        #expect(await Self.runner(withoutTTL, captures: store).run(try withoutTTL.request(named: "protected.yaml")).count == 2)
        #expect(try await Self.tokenRequests(scope: scope) == 2)
    }

    @Test func aFailedNeedStopsTheRequestThatNeedsIt() async throws {
        var collection = try await Self.collection(scope: "blocked")
        collection.root.updateRequests { template in
            if template.name == "Log in" { template.body = .formURLEncoded([KeyValueRow("grant_type", "client_credentials")]) }
        }
        let outcomes = await Self.runner(collection).run(try collection.request(named: "Protected"))
        // The login is refused: its check fails and its token cannot be captured.
        #expect(outcomes.map(\.verdict) == [.error, .error])
        #expect(outcomes[0].failedChecks == 1)
        #expect(outcomes[1].exchange == nil)
        #expect(outcomes[1].problem?.message.contains("needs 'Log in' (auth/login.yaml), which did not pass") == true)
    }

    @Test func needsThatFormACycleAreAnErrorNotAHang() async throws {
        var collection = try await Self.collection(scope: "cycle")
        collection.root.updateRequests { template in
            if template.name == "Log in" { template.needs = [RequestDependency(request: "protected")] }
        }
        let outcomes = await Self.runner(collection).run(try collection.request(named: "protected"))
        #expect(outcomes.last?.verdict == .error)
        #expect(outcomes.contains { $0.problem?.message.contains("a cycle, protected.yaml -> auth/login.yaml -> protected.yaml") == true })
    }

    @Test func aFailedCheckIsAFailureAndSaysWhy() async throws {
        let collection = try await Self.collection(scope: "fail")
        let outcomes = await Self.runner(collection).run(try collection.request(named: "failing"))
        #expect(outcomes.map(\.verdict) == [.failed])
        #expect(outcomes[0].failureLines == ["status == 200: got 404: expected == 200"])
    }

    @Test func historyKeepsCapturedSecretsOnlyAsTheirNames() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = HistoryStore(folder: folder)
        let collection = try await Self.collection(scope: "history")
        let outcomes = await Self.runner(collection, history: history).run(try collection.request(named: "protected"))
        let token = try #require(outcomes.first?.captured.first?.value)
        var stored = ""
        for file in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            stored += (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
        }
        #expect(!stored.isEmpty)
        #expect(!stored.contains(token))
        #expect(stored.contains("{{accessToken}}"))
    }

    @Test func requestsAreFoundByPathFileNameOrName() async throws {
        let collection = try await Self.collection(scope: "lookup")
        #expect(try collection.request(named: "auth/login.yaml").template.name == "Log in")
        #expect(try collection.request(named: "auth/login").template.name == "Log in")
        #expect(try collection.request(named: "login").template.name == "Log in")
        #expect(try collection.request(named: "Log in").relativePath == "auth/login.yaml")
        #expect(throws: PorticoError.self) { try collection.request(named: "logout") }
    }
}

@Suite("run rounds")
struct RunRoundTests {
    @Test func aRoundWaitsAsLongAsA429Or503AskedFor() async throws {
        var collection = Collection(id: "rounds", name: "Rounds")
        let base = try await TestServer.baseURL()
        collection.root = RequestGroup(name: "", requests: [
            StoredRequest(relativePath: "limited.yaml", template: RequestTemplate(id: "limited", name: "Limited", url: base + "/status/429")),
            StoredRequest(relativePath: "fine.yaml", template: RequestTemplate(id: "fine", name: "Fine", url: base + "/status/200")),
        ])
        let runner = RequestRunnerTests.runner(collection)
        var outcomes: [RequestOutcome] = []
        for request in collection.allRequests { outcomes += await runner.run(request) }
        let round = RunRound(number: 1, startedAt: Date(), duration: .seconds(1), outcomes: outcomes)
        // The demo server's 429 says Retry-After: 30.
        #expect(round.retryAfter(now: Date()) == 30)
        #expect(RunRound(number: 2, startedAt: Date(), duration: .seconds(1), outcomes: [outcomes[1]]).retryAfter(now: Date()) == 0)
        #expect(round.count(.passed) == 2)
    }
}
