import Foundation
import PorticoCore

/// A request as the command line names it: a URL, a request file (in a collection folder or a
/// .http file) or a curl command, with the flags that change it. `send` and `bench` resolve what
/// they send through this one path: collection, environment, variables, secrets and connection
/// settings alike.
struct RequestSource {
    var target: String?
    var curl: String? = nil
    var method: String? = nil
    var headers: [String] = []
    var data: String? = nil
    var dataFile: String? = nil
    var json: String? = nil
    var collection: String? = nil
    var environment: String? = nil
    var variables: [String] = []
    var timeout: Double? = nil
    var noFollow = false
    var maxRedirects: Int? = nil
    var showSecrets = false
    var recordsHistory = true
    var connection: ConnectionFlags

    func prepare() async throws(PorticoError) -> SendCommand.PreparedSend {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let overrides = try variables.map { assignment throws(PorticoError) in try VariableScope.override(assignment) }
        var loaded: Collection?
        var collectionFolder: URL?
        var template = RequestTemplate(name: "", url: "")
        var baseDirectory = cwd

        let target = self.target ?? ""
        let targetURL = URL(fileURLWithPath: target, relativeTo: cwd).standardizedFileURL
        var isFile = curl == nil && (target.hasSuffix(".yaml") || target.hasSuffix(".yml") || FileManager.default.fileExists(atPath: targetURL.path))
        if curl == nil, let (file, name) = HTTPFileTarget.split(target, relativeTo: cwd) {
            let opened = try CollectionLocation.load(file)
            let collection = try SecretStore(paths: .fromEnvironment()).applying(to: opened.collection)
            template = try HTTPFileTarget.request(named: name, in: collection, file: target)
            loaded = collection
            collectionFolder = file
            baseDirectory = file.deletingLastPathComponent()
            isFile = true
        } else if let folder = collection {
            collectionFolder = URL(fileURLWithPath: folder, relativeTo: cwd).standardizedFileURL
            loaded = try loadCollection(collectionFolder!, requestFile: isFile ? targetURL : nil)
        }
        if loaded != nil, collectionFolder.map(HTTPFileStore.isHTTPFile) == true {
            // The request was picked from the .http file above.
        } else if isFile {
            guard FileManager.default.isReadableFile(atPath: targetURL.path) else {
                throw .input("cannot read request file \(target): \(FileManager.default.fileExists(atPath: targetURL.path) ? "permission denied" : "no such file")")
            }
            if loaded == nil, let folder = CollectionStore.folder(containing: targetURL) {
                collectionFolder = folder
                loaded = try loadCollection(folder, requestFile: targetURL)
            }
            template = try CollectionStore.loadRequestFile(targetURL)
            baseDirectory = targetURL.deletingLastPathComponent()
        } else if let curl {
            let imported = try CurlCommand.parse(try ImportSource.read(curl), baseDirectory: cwd)
            for warning in imported.warnings { Console.info("curl: \(warning)") }
            template = imported.template
        } else {
            template = RequestTemplate(name: "command line", url: target)
        }
        try applyFlags(to: &template, isFile: isFile, cwd: cwd)

        var scope = try VariableScope.make(collection: loaded, environmentName: environment, overrides: overrides.map { variable in
            // A value given for a variable the collection keeps secret is a secret too.
            let isSecret = loaded.map { collection in collection.variables.contains { $0.name == variable.name && $0.isSecret }
                || collection.environments.contains { $0.variables.contains { $0.name == variable.name && $0.isSecret } } } ?? false
            return Variable(variable.name, variable.value, isSecret: isSecret)
        })
        if let loaded { scope.references = HistoryReferenceSource(store: HistoryRecording.store(), collection: loaded) }
        let records = recordsHistory && template.options.recordsHistory && (loaded?.history.record ?? true)
        let cookies = CommandLineCookies.jar(collectionID: loaded?.id)
        let stored = isFile ? loaded?.allRequests.first { $0.template.id == template.id } : nil
        var captures: CaptureStore?
        if let loaded, let collectionFolder, let stored {
            let store = CaptureStore(paths: .fromEnvironment())
            captures = store
            if !stored.template.needs.isEmpty {
                try await sendNeeds(of: stored, in: loaded, at: collectionFolder, overrides: scope.layers[0], captures: store, cookies: cookies, records: records)
            }
            scope.setCaptured(store.variables(collectionID: loaded.id, environment: environment))
        }
        let renderer = RequestRenderer(scope: scope, collection: loaded, baseDirectory: baseDirectory, collectionFolder: collectionFolder.map(CollectionLocation.folder(of:)))
        let request: ResolvedRequest
        do {
            request = try renderer.render(template)
        } catch {
            // Messages may quote rendered text (an invalid URL), which may hold a secret.
            let masker = SecretMasker(secrets: showSecrets ? [] : scope.secretValues.flatMap(SecretForms.of))
            throw PorticoError(error.kind, masker.mask(error.message))
        }
        let history = records ? HistoryContext(
            source: "cli", template: isFile ? template : nil, collection: loaded, collectionFolder: collectionFolder,
            environment: environment, scope: scope) : nil
        let judged = isFile && !(template.checks.isEmpty && template.captures.isEmpty)
            ? JudgedRequest(template: template, baseDirectory: baseDirectory, captures: captures, collectionID: loaded?.id ?? "", environment: environment) : nil
        return SendCommand.PreparedSend(request: request, masker: SecretMasker(secrets: showSecrets ? [] : renderer.secretValues(for: request)), history: history,
                                        cookies: cookies, judged: judged)
    }

    /// Sends what the request `needs:` first (unless its captured values are still fresh), saying
    /// so on standard error; fails when one of them did not pass.
    private func sendNeeds(of stored: StoredRequest, in collection: Collection, at folder: URL, overrides: [Variable], captures: CaptureStore,
                           cookies: KeptCookieJar?, records: Bool) async throws(PorticoError) {
        let engine = RequestEngine(transport: AutomaticTransport(defaults: CommandLineSettings.config.network), oauth2: .commandLine(), cookieJar: cookies?.jar,
                                   maxBodySize: CommandLineSettings.config.responseMaxBodySize)
        let runner = RequestRunner(collection: collection, location: folder, environment: environment, overrides: overrides, engine: engine,
                                   captures: captures, history: records ? HistoryRecording.store() : nil)
        let (outcomes, problem) = await runner.sendNeeds(of: stored)
        for outcome in outcomes {
            let status = outcome.exchange?.response.map { " \($0.status)" } ?? ""
            let checks = outcome.checks.isEmpty ? "" : ", \(outcome.checks.count - outcome.failedChecks)/\(outcome.checks.count) checks passed"
            Console.info("* needed \(outcome.request.relativePath):\(status) \(outcome.verdict.rawValue)\(checks)")
            for line in outcome.failureLines where outcome.verdict != .passed { Console.info("    \(line)") }
        }
        if let problem { throw problem }
    }

    private func loadCollection(_ folder: URL, requestFile: URL?) throws(PorticoError) -> Collection {
        let loaded = try CollectionStore.load(folder)
        // Only problems that touch this request matter here: its own file and the collection file.
        let relevant = loaded.diagnostics.filter { $0.path == requestFile?.path || $0.path.hasSuffix("/" + CollectionStore.collectionFileName) }
        for diagnostic in relevant where diagnostic.severity == .warning || diagnostic.path != requestFile?.path {
            Console.info(diagnostic.description)
        }
        return try SecretStore(paths: .fromEnvironment()).applying(to: loaded.collection)
    }

    private func applyFlags(to template: inout RequestTemplate, isFile: Bool, cwd: URL) throws(PorticoError) {
        if let method { template.method = try HTTPMethod(method) }
        for header in headers {
            guard let colon = header.firstIndex(of: ":") else {
                throw .input("-H '\(header)' must be 'Name: value'")
            }
            let name = header[..<colon].trimmingCharacters(in: .whitespaces)
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            template.headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            template.headers.append(KeyValueRow(name, value))
        }
        if let data {
            template.body = .raw(text: data, contentType: "application/x-www-form-urlencoded")
        } else if let json {
            template.body = .json(json)
            if !headers.contains(where: { $0.lowercased().hasPrefix("accept:") }) {
                template.headers.append(KeyValueRow("Accept", "application/json"))
            }
        } else if let dataFile {
            template.body = .binaryFile(path: URL(fileURLWithPath: dataFile, relativeTo: cwd).standardizedFileURL.path, contentType: nil)
        }
        if method == nil, !isFile, curl == nil, template.body != .none { template.method = .post }
        if let timeout { template.options.timeout = timeout }
        if noFollow { template.options.followRedirects = false }
        if let maxRedirects { template.options.maxRedirects = maxRedirects }
        template.options.connection = connection.options(cwd: cwd).overriding(template.options.connection)
    }
}
