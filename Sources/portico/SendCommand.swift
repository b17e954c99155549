import ArgumentParser
import Foundation
import PorticoCore

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send one request and print the response body.",
        discussion: """
        TARGET is a URL (`http://` is assumed when no scheme is given; `:8642/x` means localhost), \
        the path of a request file, or a request of a .http/.rest file: `api.http#login` by its \
        name or `api.http#2` by its position (just `api.http` when it holds one request). A request file inside a collection folder is rendered with \
        the collection's variables, default headers and auth; -e picks an environment, --var \
        overrides a variable. Values of secret variables are masked in everything printed, \
        unless --show-secrets; the body written by -o is never altered.

        Examples:
          portico send :8642/users
          portico send http://127.0.0.1:8642/users -X POST --json '{"name":"Ada","email":"ada@example.com"}'
          portico send demo/users/get-user.yaml -e demo --var userId=2 -i
          portico send demo/users/list-users.yaml --format json | jq .timing
          portico send api.http#login -e dev
          pbpaste | portico send --curl -       # a curl command copied from documentation or devtools

        A request file's `checks:` are judged after the response (failures on standard error; \
        --fail turns them into exit code 1), its `captures:` kept for later requests, and the \
        requests it `needs:` sent first (docs/checks.md).

        Exit codes: 0 a response arrived; 1 status >= 400 (or a failed check) with --fail; 2 bad input; 3 network failure; 130 cancelled.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "A URL, or the path of a request file.")
    var target: String?

    @Option(help: ArgumentHelp("Send the request a curl command line describes, read from this file (- for standard input).", valueName: "file"))
    var curl: String?

    @Option(name: [.customShort("X"), .long], help: "The method: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or any token.")
    var method: String?

    @Option(name: [.customShort("H"), .customLong("header")], help: ArgumentHelp("A header, 'Name: value' (repeatable; replaces a header of the same name in a request file).", valueName: "header"))
    var headers: [String] = []

    @Option(name: [.customShort("d"), .long], help: "A body, sent as application/x-www-form-urlencoded unless -H sets a Content-Type.")
    var data: String?

    @Option(name: .customLong("data-file"), help: ArgumentHelp("Send this file's bytes as the body (streamed).", valueName: "file"))
    var dataFile: String?

    @Option(help: ArgumentHelp("A JSON body; sets Content-Type and Accept to application/json.", valueName: "json"))
    var json: String?

    @Option(name: [.customShort("c"), .long], help: ArgumentHelp("The collection folder (default: the folder above the request file that holds portico.yaml).", valueName: "dir"))
    var collection: String?

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("The environment of the collection to render with.", valueName: "name"))
    var environment: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable, highest precedence (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Option(help: ArgumentHelp("Total time limit in seconds, fractions allowed (default 30, or the request file's).", valueName: "seconds"))
    var timeout: Double?

    @Flag(name: .customLong("no-follow"), help: "Do not follow redirects; show the redirect response itself.")
    var noFollow = false

    @Option(name: .customLong("max-redirects"), help: ArgumentHelp("Follow at most this many redirects (default 10).", valueName: "n"))
    var maxRedirects: Int?

    @Flag(name: .customLong("show-secrets"), help: "Print the values of secret variables instead of masking them.")
    var showSecrets = false

    @OptionGroup(title: "Transport, proxy and TLS") var connection: ConnectionFlags

    @OptionGroup var display: ExchangeOutput

    @Flag(name: .customLong("no-history"), help: "Do not record this exchange in history (docs/history-format.md).")
    var noHistory = false

    func validate() throws {
        if (target == nil) == (curl == nil) {
            throw ValidationError(target == nil ? "give a URL or request file, or --curl FILE" : "give either a URL or request file, or --curl, not both")
        }
        if let timeout, !(timeout > 0 && timeout <= RequestOptions.maximumTimeout) {
            throw ValidationError("--timeout must be more than 0 and at most \(Int(RequestOptions.maximumTimeout)) seconds")
        }
        if let maxRedirects, maxRedirects < 0 { throw ValidationError("--max-redirects must be 0 or more") }
        if [data != nil, dataFile != nil, json != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give only one of -d, --data-file and --json")
        }
    }

    func run() async throws {
        let prepared: PreparedSend
        do {
            prepared = try await prepare()
        } catch {
            if display.format == .json {
                FileHandle.standardOutput.write(ExchangeJSON.encode(exchange: nil, body: nil, bodySize: 0, error: error, masker: SecretMasker(secrets: [])))
                FileHandle.standardOutput.write(Data("\n".utf8))
                throw ExitCodes.code(for: error)
            }
            throw Console.fail(error)
        }
        let history = prepared.history.map { HistoryRecording(store: HistoryRecording.store(), context: $0) }
        try await ExchangePresenter(options: display, prepared: prepared, history: history).run()
    }

    /// What to send, how to mask it, and how to record it (nil: not recorded).
    struct PreparedSend {
        var request: ResolvedRequest
        var masker: SecretMasker
        var history: HistoryContext?
        /// The cookie jar of the exchange (nil: none), shared with the requests it needs.
        var cookies: KeptCookieJar?
        /// The request's checks and captures, when it has some.
        var judged: JudgedSend? = nil
    }

    /// A request file's `checks:` and `captures:`, and where captured values are kept.
    struct JudgedSend {
        var template: RequestTemplate
        /// Where a schema file a check names is found: the request file's folder.
        var baseDirectory: URL
        /// Nil outside a collection: values are captured but not kept.
        var captures: CaptureStore?
        var collectionID: String
        var environment: String?
    }

    private func prepare() async throws(PorticoError) -> PreparedSend {
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
        let records = !noHistory && template.options.recordsHistory && (loaded?.history.record ?? true)
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
            let masker = SecretMasker(secrets: showSecrets ? [] : scope.secretValues + scope.secretValues.map(RequestURL.encodeQueryComponent))
            throw PorticoError(error.kind, masker.mask(error.message))
        }
        let history = records ? HistoryContext(
            source: "cli", template: isFile ? template : nil, collection: loaded, collectionFolder: collectionFolder,
            environment: environment, scope: scope) : nil
        let judged = isFile && !(template.checks.isEmpty && template.captures.isEmpty)
            ? JudgedSend(template: template, baseDirectory: baseDirectory, captures: captures, collectionID: loaded?.id ?? "", environment: environment) : nil
        return PreparedSend(request: request, masker: SecretMasker(secrets: showSecrets ? [] : renderer.secretValues(for: request)), history: history,
                            cookies: cookies, judged: judged)
    }

    /// Sends what the request `needs:` first (unless its captured values are still fresh), saying
    /// so on standard error; fails when one of them did not pass.
    private func sendNeeds(of stored: StoredRequest, in collection: Collection, at folder: URL, overrides: [Variable], captures: CaptureStore,
                           cookies: KeptCookieJar?, records: Bool) async throws(PorticoError) {
        let engine = RequestEngine(transport: AutomaticTransport(defaults: CommandLineSettings.config.network), oauth2: .commandLine(), cookieJar: cookies?.jar)
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
