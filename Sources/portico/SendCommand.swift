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

    @OptionGroup var change: RequestChangeFlags

    @Option(name: [.customShort("c"), .long], help: ArgumentHelp("The collection folder (default: the folder above the request file that holds portico.yaml).", valueName: "dir"))
    var collection: String?


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
        var judged: JudgedRequest? = nil
    }

    /// The request the arguments describe, resolved the way `bench` resolves its own.
    private func prepare() async throws(PorticoError) -> PreparedSend {
        try await RequestSource(
            target: target, curl: curl, method: change.method, headers: change.headers, data: change.data, dataFile: change.dataFile, json: change.json,
            collection: collection, environment: change.environment, variables: change.variables, timeout: timeout, noFollow: noFollow,
            maxRedirects: maxRedirects, showSecrets: showSecrets, recordsHistory: !noHistory, connection: connection
        ).prepare()
    }
}
