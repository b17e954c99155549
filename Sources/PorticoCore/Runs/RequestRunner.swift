import Foundation

/// Sends requests of one collection the way `portico run` does: what a request `needs:` first,
/// then the request; its captures are kept for the requests after it and its checks are judged.
/// One runner serves a whole run; a round (one pass of `--repeat` or `--every`) sends each needed
/// request at most once.
public final class RequestRunner: @unchecked Sendable {
    public let collection: Collection
    /// The collection folder (or `.http` file).
    public let location: URL
    public let environment: String?
    public let overrides: [Variable]
    public let engine: RequestEngine
    public let captures: CaptureStore
    /// Where exchanges are recorded; nil: they are not.
    public let history: HistoryStore?
    public var dynamicValues: any DynamicValueSource = LiveDynamicValueSource()
    var now: @Sendable () -> Date = { Date() }

    private let lock = NSLock()
    private var sentThisRound: [String: RequestOutcome] = [:]

    public init(collection: Collection, location: URL, environment: String?, overrides: [Variable], engine: RequestEngine, captures: CaptureStore, history: HistoryStore?) {
        self.collection = collection
        self.location = location
        self.environment = environment
        self.overrides = overrides
        self.engine = engine
        self.captures = captures
        self.history = history
    }

    /// Forgets which requests were sent: the next round sends needed requests again.
    public func startRound() {
        lock.withLock { sentThisRound = [:] }
    }

    /// Sends `request`, after what it needs. The outcomes come in the order they were sent, needed
    /// requests first; none when the request was already sent this round (as another's need).
    public func run(_ request: StoredRequest) async -> [RequestOutcome] {
        if lock.withLock({ sentThisRound[request.template.id] }) != nil { return [] }
        return await ensure(request, neededBy: nil, chain: []).outcomes
    }

    /// Sends what `request` needs and is not fresh, but not `request` itself: `portico send` and
    /// the explorer send it their own way. The problem says why it cannot be sent.
    public func sendNeeds(of request: StoredRequest) async -> (outcomes: [RequestOutcome], problem: PorticoError?) {
        let (outcomes, blocker) = await needs(of: request, neededBy: nil, chain: [])
        return (outcomes, blocker?.problem)
    }

    private func ensure(_ request: StoredRequest, neededBy: String?, chain: [String]) async -> (outcomes: [RequestOutcome], passed: Bool) {
        let (outcomes, blocker) = await needs(of: request, neededBy: neededBy, chain: chain)
        if let blocker { return finish(request, outcomes, blocker) }
        return finish(request, outcomes, await send(request, neededBy: neededBy))
    }

    /// The outcomes of the needed requests sent, and the outcome `request` gets instead of being
    /// sent when one of them did not pass.
    private func needs(of request: StoredRequest, neededBy: String?, chain: [String]) async -> ([RequestOutcome], RequestOutcome?) {
        var outcomes: [RequestOutcome] = []
        for dependency in request.template.needs {
            let needed: StoredRequest
            do throws(PorticoError) { needed = try collection.request(named: dependency.request) } catch {
                return (outcomes, RequestOutcome(request: request, neededBy: neededBy, problem: PorticoError(.input, "needs: \(error.message)")))
            }
            if needed.template.id == request.template.id || chain.contains(needed.template.id) {
                let names = (chain + [request.template.id, needed.template.id]).compactMap { id in collection.allRequests.first { $0.template.id == id }?.relativePath }
                return (outcomes, RequestOutcome(request: request, neededBy: neededBy, problem: .input("needs: a cycle, \(names.joined(separator: " -> "))")))
            }
            if let earlier = lock.withLock({ sentThisRound[needed.template.id] }) {
                if earlier.verdict == .passed { continue }
                return (outcomes, blocked(request, by: needed, neededBy: neededBy))
            }
            if let seconds = dependency.reuseFor,
               let entry = captures.entry(requestID: needed.template.id, collectionID: collection.id, environment: environment),
               now().timeIntervalSince(entry.capturedAt) < seconds {
                continue
            }
            let (sent, passed) = await ensure(needed, neededBy: request.relativePath, chain: chain + [request.template.id])
            outcomes += sent
            if !passed { return (outcomes, blocked(request, by: needed, neededBy: neededBy)) }
        }
        return (outcomes, nil)
    }

    private func finish(_ request: StoredRequest, _ outcomes: [RequestOutcome], _ outcome: RequestOutcome) -> (outcomes: [RequestOutcome], passed: Bool) {
        lock.withLock { sentThisRound[request.template.id] = outcome }
        return (outcomes + [outcome], outcome.verdict == .passed)
    }

    private func blocked(_ request: StoredRequest, by needed: StoredRequest, neededBy: String?) -> RequestOutcome {
        RequestOutcome(request: request, neededBy: neededBy, problem: .input("needs '\(needed.template.name)' (\(needed.relativePath)), which did not pass"))
    }

    private func send(_ request: StoredRequest, neededBy: String?) async -> RequestOutcome {
        let template = request.template
        var scope: VariableScope
        do throws(PorticoError) {
            scope = try VariableScope.make(collection: collection, environmentName: environment, overrides: overrides, dynamicValues: dynamicValues)
        } catch {
            return RequestOutcome(request: request, neededBy: neededBy, problem: error)
        }
        scope.setCaptured(captures.variables(collectionID: collection.id, environment: environment))
        if let history { scope.references = HistoryReferenceSource(store: history, collection: collection) }
        let baseDirectory = CollectionLocation.baseDirectory(of: location, requestPath: request.relativePath)
        let renderer = RequestRenderer(scope: scope, collection: collection, baseDirectory: baseDirectory, collectionFolder: CollectionLocation.folder(of: location))
        let secretValues = scope.secretValues
        let resolved: ResolvedRequest
        do throws(PorticoError) { resolved = try renderer.render(template) } catch {
            let masker = SecretMasker(secrets: secretValues + secretValues.map(RequestURL.encodeQueryComponent))
            return RequestOutcome(request: request, neededBy: neededBy, problem: PorticoError(error.kind, masker.mask(error.message)), secrets: secretValues)
        }
        if let credentials = resolved.oauth2, engine.oauth2.needsPerson(for: credentials) {
            return RequestOutcome(request: request, neededBy: neededBy,
                                  skipReason: "its OAuth 2.0 authorization-code grant needs a person to sign in: send it once with `portico send` or in the explorer, and runs use its token until it expires")
        }
        var secrets = renderer.secretValues(for: resolved)
        let exchange = await engine.send(resolved)
        secrets += exchange.obtainedSecrets
        var outcome = RequestOutcome(request: request, neededBy: neededBy, exchange: exchange, secrets: secrets)
        var capturedSecrets: [(name: String, value: String)] = []
        defer { record(exchange, of: template, scope: scope, capturedSecrets: capturedSecrets) }
        if let error = exchange.error {
            outcome.problem = error
            return outcome
        }
        let response: CheckedResponse?
        do throws(PorticoError) { response = try CheckedResponse(exchange, baseDirectory: baseDirectory) } catch {
            outcome.problem = error
            return outcome
        }
        guard let response else { return outcome }
        let judged = JudgedRequest(template: template, baseDirectory: baseDirectory, captures: captures, collectionID: collection.id, environment: environment)
        let judgement = judged.judge(response, at: now())
        outcome.captured = judgement.captured
        outcome.checks = judgement.checks
        outcome.problem = judgement.captureProblem
        capturedSecrets = judgement.secretCaptures
        outcome.secrets += capturedSecrets.map(\.value)
        return outcome
    }

    /// Appends the exchange to history with captured secrets redacted like secret variables; a
    /// failure to record never fails the run.
    private func record(_ exchange: Exchange, of template: RequestTemplate, scope: VariableScope, capturedSecrets: [(name: String, value: String)]) {
        guard let history, template.options.recordsHistory, collection.history.record else { return }
        var context = HistoryContext(source: "run", template: template, collection: collection, collectionFolder: location, environment: environment, scope: scope)
        context.privacy.secrets += capturedSecrets
        _ = try? history.append(HistoryDraft(exchange: exchange, context: context))
    }
}
