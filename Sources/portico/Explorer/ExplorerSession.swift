import Foundation
import PorticoCore
import PorticoTerminal
import PorticoTUI

/// Runs the explorer: the UI thread waits in poll() on the terminal and the action inbox, reduces,
/// renders and draws; effects (sending, saving, reading history) run as tasks and come back
/// through the inbox. While nothing happens, nothing wakes up; only a request in flight ticks the
/// spinner.
final class ExplorerSession: @unchecked Sendable {
    private var state: AppState
    private let terminal: CursesTerminal
    private let inbox = ActionInbox()
    private let engine: RequestEngine
    /// Values requests capture, kept between sends and shared with `portico send` and `run`.
    private let captureStore = CaptureStore(paths: .fromEnvironment())
    private let cookies: KeptCookieJar?
    private let history: ExplorerHistory
    private var sendTask: Task<Void, Never>?
    private var repeatTask: Task<Void, Never>?
    /// The body of the exchange in flight, for its progress.
    private let receivingBody = LockedBox<ResponseBody?>(nil)
    /// The number of the newest search: an older one still running stops.
    private let latestSearch = LockedBox(0)
    /// The exchange whose response the response pane shows: its body is what S saves, and what
    /// the history screen compares an entry with.
    private let shownExchange = LockedBox<ShownExchange?>(nil)
    /// When the request in flight left, for the spinner's elapsed time.
    private var sentAt: ContinuousClock.Instant?
    private let stopRequested = LockedBox(false)
    /// Set once the loop has ended: an exchange cut short by quitting is not recorded.
    private let quitting = LockedBox(false)
    private let frameLog = FrameLog.shared

    private var theme: Theme
    private let themes: ThemeCatalog
    private let hasColor: Bool

    struct ShownExchange {
        var number: Int
        var exchange: Exchange
        var context: HistoryContext
    }

    init(state: AppState, terminal: CursesTerminal, settings: ExplorerSettings) {
        self.state = state
        self.terminal = terminal
        theme = settings.theme
        themes = settings.catalog
        hasColor = terminal.hasColor
        cookies = settings.cookieJar ? KeptCookieJar(collectionID: state.collection.id, store: settings.cookieStore) : nil
        engine = RequestEngine(transport: AutomaticTransport(defaults: settings.network), oauth2: OAuth2Authorizer(store: settings.tokenStore, presenter: ExplorerSignIn(inbox: inbox)),
                               cookieJar: cookies?.jar, maxBodySize: settings.maxBodySize)
        history = ExplorerHistory(store: settings.historyStore, recordsExchanges: settings.recordsHistory) { [inbox] action in
            inbox.post(action)
        }
    }

    /// Blocks the calling thread until the user quits.
    func run(initialActions: [Action]) {
        var initialActions = initialActions
        if let cookies {
            let inbox = inbox
            initialActions.append(.cookiesChanged(cookies.jar.cookies))
            if let problem = cookies.loadProblem { initialActions.append(.failed(problem)) }
            cookies.jar.onChange = { [cookies] now in
                inbox.post(.cookiesChanged(now))
                if let problem = cookies.keep(now) { inbox.post(.failed(problem)) }
            }
        }
        let stopNumbers = [SIGINT, SIGTERM, SIGHUP]
        // The stop signals are taken over while the explorer runs and given back after.
        let previousHandlers = stopNumbers.map { signal($0, SIG_IGN) }
        let stopSignals = stopNumbers.map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { [weak self] in
                self?.stopRequested.value = true
                self?.inbox.wake()
            }
            source.resume()
            return source
        }
        let resizeSignal = DispatchSource.makeSignalSource(signal: SIGWINCH)
        resizeSignal.setEventHandler { [inbox] in inbox.wake() }
        resizeSignal.resume()
        defer {
            stopSignals.forEach { $0.cancel() }
            resizeSignal.cancel()
            for (number, handler) in zip(stopNumbers, previousHandlers) { signal(number, handler) }
        }

        for action in initialActions { dispatch(action) }
        drawFrame(afterKey: false)
        frameLog?.record("first-frame", FrameLog.now())
        while !state.quitRequested, !stopRequested.value {
            let timedOut = waitForInput(timeout: state.inFlight == nil ? -1 : 100)
            let woke = FrameLog.now()
            var changed = false
            var keyed = false
            var delivered = false
            if let resize = terminal.checkResize() {
                dispatch(.key(resize))
                changed = true
            }
            for event in terminal.readEvents() {
                dispatch(.key(event))
                changed = true
                keyed = true
            }
            var frameEvents: [String] = []
            for action in inbox.drain() {
                if frameLog != nil, let event = Self.frameEvent(action) { frameEvents.append(event) }
                dispatch(action)
                changed = true
                delivered = true
            }
            if timedOut, state.inFlight != nil, let sentAt {
                dispatch(.progress(bytes: receivingBody.value?.size ?? 0))
                dispatch(.tick(elapsed: sentAt.duration(to: .now)))
                changed = true
            }
            if changed { drawFrame(afterKey: keyed) }
            if keyed { frameLog?.record("key-frame", woke, FrameLog.now()) }
            if delivered { frameLog?.record("result-frame", woke, FrameLog.now()) }
            for event in frameEvents { frameLog?.record(event, woke, FrameLog.now()) }
        }
        quitting.value = true
        sendTask?.cancel()
        repeatTask?.cancel()
        history.finishRecording()
    }

    /// What the benchmark of large responses (`Benchmarks/response_bench.py`) times a frame for.
    private static func frameEvent(_ action: Action) -> String? {
        switch action {
        case .responseArrived: "response-frame"
        case .bodyIndexed(let fraction, _) where fraction >= 1: "indexed-frame"
        case .searchFinished: "search-frame"
        default: nil
        }
    }

    /// Renders the state and copies what changed to the screen.
    private func drawFrame(afterKey: Bool) {
        let grid = render(state, theme: theme)
        TestCrash.whileDrawing(afterKey: afterKey)
        terminal.draw(grid)
    }

    /// Returns true when the timeout passed without input. A terminal that went away (hang-up,
    /// error) stops the explorer rather than waking it forever.
    private func waitForInput(timeout: Int32) -> Bool {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: inbox.readDescriptor, events: Int16(POLLIN), revents: 0)]
        let result = poll(&descriptors, 2, timeout)
        if result > 0, descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            stopRequested.value = true
        }
        return result == 0
    }

    private func dispatch(_ action: Action) {
        for effect in reduce(&state, action) { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .send(let template, let environmentName, let exchange):
            send(template, environmentName: environmentName, exchange: exchange)
        case .searchBody(let job):
            latestSearch.value = job.number
            let latestSearch = latestSearch
            Task.detached { [inbox] in
                let search = job.run { latestSearch.value != job.number }
                if latestSearch.value == job.number { inbox.post(.searchFinished(search, job: job.number, jumps: job.jumps)) }
            }
        case .cancelSend:
            sendTask?.cancel()
            sendTask = nil
        case .startRepeat(let template, let environmentName, let run):
            startRepeat(template, environmentName: environmentName, run: run)
        case .stopRepeat:
            repeatTask?.cancel()
            repeatTask = nil
        case .save(let template, let relativePath, let folder):
            save(template, relativePath: relativePath, folder: folder)
        case .writeCollection(let collection, let baseline, let message, let select):
            write(collection, baseline: baseline, message: message, select: select)
        case .switchTheme(let name):
            guard hasColor else {
                dispatch(.failed("colours are off (NO_COLOR, or the terminal has none): the monochrome theme stays"))
                return
            }
            switch themes.theme(named: name) {
            case .success(let theme):
                self.theme = theme
                dispatch(.themeSwitched(name))
            case .failure(let problem):
                dispatch(.failed(problem.description))
            }
        case .importCurl(let text):
            // Relative @file paths are read from the collection folder, else the working directory.
            let base = state.collectionFolder.map(CollectionLocation.folder(of:)) ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            do {
                let imported = try CurlCommand.parse(text, baseDirectory: base)
                dispatch(.curlImported(imported.template, warnings: imported.warnings))
            } catch {
                dispatch(.failed("curl: \(error.message)"))
            }
        case .editBody(let text):
            let result = terminal.suspended { ExternalEditor.edit(text) }
            switch result {
            case .success(let edited): dispatch(.bodyEdited(edited))
            case .failure(let error): dispatch(.failed(error.message))
            }
        case .copy(let text):
            // Control characters are copied as they are shown (␛), never as themselves: pasted
            // into a terminal, a response's ESC [201~ would end bracketed paste and run what follows.
            // Terminals drop (or choke on) huge OSC 52 payloads; a megabyte covers what is read.
            let bytes = Data(TerminalText.sanitize(text).utf8)
            guard bytes.count <= 1 << 20 else {
                dispatch(.failed("\(formatSize(bytes.count)) is too much for the terminal's clipboard; S saves the body to a file"))
                return
            }
            terminal.copyToClipboard(bytes)
            dispatch(.done("copied \(formatSize(bytes.count)) to the clipboard (OSC 52: the terminal must allow it)"))
        case .saveBody(let path):
            guard let body = shownExchange.value?.exchange.body else {
                dispatch(.failed("there is no body to save"))
                return
            }
            saveBody(to: path) { sink throws(PorticoError) in try body.forEachChunk { chunk throws(PorticoError) in try sink.receive(chunk) } }
        case .saveRecordedBody(let body, let path):
            let data: Data
            do {
                guard let stored = try history.store.bodyData(body) else {
                    dispatch(.failed("there is no body to save"))
                    return
                }
                data = stored
            } catch {
                dispatch(.failed(error.message))
                return
            }
            saveBody(to: path) { sink throws(PorticoError) in try sink.receive(data) }
        case .listHistory(let filter, let limit, let purpose, let read):
            history.list(filter, limit: limit, purpose: purpose, read: read)
        case .loadHistoryEntry(let record, let read):
            history.loadEntry(record, read: read)
        case .compareHistory(let old, let new, let read):
            history.compare(old: old, new: new, read: read)
        case .compareWithResponse(let record, let number, let read):
            guard let shown = shownExchange.value, shown.number == number else {
                dispatch(.historyReadFailed("the response shown is no longer available to compare", read: read))
                return
            }
            history.compare(record, with: shown.exchange, context: shown.context, read: read)
        case .replay(let record, let rendered, let environmentName, let exchange):
            replay(record, rendered: rendered, environmentName: environmentName, exchange: exchange)
        case .quit:
            break
        case .setCookie(let cookie):
            cookies?.jar.set(cookie)
        case .removeCookie(let id):
            cookies?.jar.remove(id: id)
        case .clearCookies:
            cookies?.jar.clear()
        }
    }

    /// Writes a whole body (not only the part on screen) to `path`, complete or not at all; an
    /// existing file is never replaced from here.
    private func saveBody(to path: String, _ write: (FileBodySink) throws(PorticoError) -> Void) {
        let expanded = UserPaths.expandingTilde(in: path)
        let url = URL(fileURLWithPath: expanded, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        guard !FileManager.default.fileExists(atPath: url.path) else {
            dispatch(.failed("\(url.path) exists: give another name"))
            return
        }
        let sink: FileBodySink
        do {
            sink = try FileBodySink(destination: url)
        } catch {
            dispatch(.failed(error.message))
            return
        }
        do {
            try write(sink)
            try sink.commit()
            dispatch(.done("saved the body to \(url.path) (\(formatSize(sink.size)))"))
        } catch {
            // Nothing half-written stays behind.
            sink.discard()
            dispatch(.failed(error.message))
        }
    }

    /// What rendering a composer request takes, read from the state on the UI thread so that the
    /// rendering itself may run off it (after the requests a send needs).
    private func rendering(environmentName: String?) -> ComposerRendering {
        let folder = state.collectionFolder
        let baseDirectory = state.draftPath.flatMap { path in folder.map { CollectionLocation.baseDirectory(of: $0, requestPath: path) } }
            ?? folder.map(CollectionLocation.folder(of:)) ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return ComposerRendering(collection: state.collection, folder: folder, baseDirectory: baseDirectory, environmentName: environmentName,
                                 history: history.store, captures: captureStore)
    }

    private func send(_ template: RequestTemplate, environmentName: String?, exchange id: Int) {
        let rendering = rendering(environmentName: environmentName)
        // The draft as it is now, under its saved path: what it needs is sent first, and what it
        // captures is kept for the requests after it.
        let draft = StoredRequest(relativePath: state.draftPath ?? "", template: template)
        let records = history.records(template, in: rendering.collection)
        let history = history
        let engine = engine
        let inbox = inbox
        sendTask?.cancel()
        sentAt = .now
        sendTask = Task { [self] in
            if !template.needs.isEmpty, let folder = rendering.folder {
                let runner = RequestRunner(collection: rendering.collection, location: folder, environment: environmentName, overrides: [], engine: engine,
                                           captures: rendering.captures, history: records ? history.store : nil)
                let (_, problem) = await runner.sendNeeds(of: draft)
                if let problem {
                    if !Task.isCancelled { inbox.post(.sendFailed(problem.message, exchange: id)) }
                    return
                }
            }
            let resolved: ComposerRendering.Resolved
            switch rendering.resolve(template) {
            case .success(let found): resolved = found
            case .failure(let error):
                inbox.post(.sendFailed(error.message, exchange: id))
                return
            }
            let judged = template.checks.isEmpty && template.captures.isEmpty ? nil
                : JudgedRequest(template: template, baseDirectory: rendering.baseDirectory, captures: rendering.captures,
                                 collectionID: rendering.collection.id, environment: environmentName)
            await exchange(resolved.request, number: id, masker: resolved.masker, context: resolved.context, records: records, isReplay: false, judged: judged)
        }
    }

    /// Repeat mode: the request rendered once and sent one at a time until stopped, its figures
    /// posted every quarter second. Not recorded in history: thousands of identical exchanges would
    /// push out everything worth going back to.
    private func startRepeat(_ template: RequestTemplate, environmentName: String?, run id: Int) {
        let request: ResolvedRequest
        switch rendering(environmentName: environmentName).resolve(template) {
        case .success(let resolved): request = resolved.request
        case .failure(let error):
            dispatch(.sendFailed(error.message, exchange: id))
            return
        }
        repeatTask?.cancel()
        let runner = BenchRunner(engine: engine)
        repeatTask = Task { [inbox] in
            let result = await runner.run(request, plan: BenchPlan(concurrency: 1)) { progress in
                inbox.post(.repeatProgress(progress, run: id))
            }
            inbox.post(.repeatEnded(result.progress, run: id))
        }
    }

    /// Sends a recorded request again: exactly (what was redacted filled in from the present), or
    /// its saved request rendered with the current environment. Prepared off the UI thread, since
    /// a recorded body is read from the store.
    private func replay(_ record: HistoryRecord, rendered: Bool, environmentName: String?, exchange id: Int) {
        let collection = state.collection
        let folder = state.collectionFolder
        sendTask?.cancel()
        sentAt = .now
        sendTask = Task { [self] in
            let prepared: PreparedReplay
            do throws(PorticoError) {
                prepared = try PreparedReplay(record, rendered: rendered, collection: collection, folder: folder, environmentName: environmentName, store: history.store)
            } catch {
                if !Task.isCancelled { inbox.post(.sendFailed("cannot replay \(record.id.prefix(8)): \(error.message)", exchange: id)) }
                return
            }
            let records = history.records(prepared.saved?.template, in: collection)
            await exchange(prepared.request, number: id, masker: prepared.masker, context: prepared.context, records: records, isReplay: true)
        }
    }

    /// Sends `request` and hands the outcome to the UI thread, then records it. Runs off the UI
    /// thread, so it touches only what is safe to share: the engine, the inbox, history, the boxes.
    private func exchange(_ request: ResolvedRequest, number: Int, masker: SecretMasker, context: HistoryContext, records: Bool, isReplay: Bool,
                          judged: JudgedRequest? = nil) async {
        let receivingBody = self.receivingBody
        let exchange = await engine.send(request) { _ in
            let body = ResponseBody()
            receivingBody.value = body
            return body
        }
        FrameLog.shared?.record("response-complete", FrameLog.now())
        // A cancelled exchange was already reported by the reducer; a newer one may be running.
        let cancelled = exchange.error?.kind == .cancelled || Task.isCancelled
        // Captured secrets: masked on screen and kept out of history by name.
        var captured: [(name: String, value: String)] = []
        if !cancelled {
            if isReplay {
                // A replay's response is read on the history screen, as its new entry.
                let error = exchange.error.map { PorticoError($0.kind, masker.adding(exchange.obtainedSecrets).mask($0.message)) }
                inbox.post(.replayFinished(status: exchange.response?.status, error: error, total: exchange.timing.total, exchange: number))
            } else {
                shownExchange.value = ShownExchange(number: number, exchange: exchange, context: context)
                let judgement = judged.flatMap { $0.judge(exchange) }
                captured = judgement?.secretCaptures ?? []
                // A large body stays in its file: the viewer reads the lines on screen from it.
                let bytes: BodyBytes
                var unreadable: String?
                do throws(PorticoError) {
                    bytes = try exchange.body.map { body throws(PorticoError) in try BodyBytes(body) } ?? BodyBytes(Data())
                } catch {
                    bytes = BodyBytes(Data())
                    unreadable = error.message
                }
                let shownMasker = masker.adding(exchange.obtainedSecrets + captured.map(\.value))
                var view = ResponseView(exchange: exchange, bytes: bytes, masker: shownMasker)
                if let unreadable { view.note = unreadable }
                view.requestID = judged?.template.id
                if let judgement {
                    view.checks = judgement.checks.map { result in
                        var shown = result
                        shown.actual = shownMasker.mask(result.actual)
                        shown.failure = result.failure.map(shownMasker.mask)
                        return shown
                    }
                    view.captured = judgement.captured.map(\.name)
                    view.captureProblem = judgement.captureProblem.map { shownMasker.mask($0.message) }
                }
                inbox.post(.responseArrived(view, exchange: number))
                indexInBackground(view, exchange: number)
            }
        }
        // What was sent is recorded, cancelled or not; but not what quitting cut short.
        if records, !(cancelled && quitting.value) {
            var context = context
            context.privacy.secrets += captured
            history.record(exchange, context: context, number: number)
        }
    }

    /// Indexes the rest of a large body, telling the screen about ten times a second so new lines
    /// and the progress show; stops when a newer exchange replaces it.
    private nonisolated func indexInBackground(_ view: ResponseView, exchange number: Int) {
        let documents = view.rawDocument === view.document ? [view.document] : [view.document, view.rawDocument]
        guard documents.contains(where: { !$0.isIndexed }) else { return }
        let shown = shownExchange
        let inbox = inbox
        Task.detached(priority: .utility) {
            var reported = ContinuousClock.now
            for document in documents {
                while !document.indexStep() {
                    if shown.value?.number != number { return }
                    if reported.duration(to: .now) > .milliseconds(100) {
                        reported = .now
                        inbox.post(.bodyIndexed(fraction: view.document.indexedFraction, exchange: number))
                    }
                }
            }
            inbox.post(.bodyIndexed(fraction: 1, exchange: number))
        }
    }

    private func save(_ template: RequestTemplate, relativePath: String?, folder newRequestFolder: String) {
        guard let folder = state.collectionFolder else {
            dispatch(.failed("this explorer has no collection folder to save into"))
            return
        }
        var collection = state.collection
        let baseline = collection
        let path: String
        do {
            if let relativePath, collection.request(at: relativePath) != nil {
                try collection.replaceRequest(at: relativePath, with: template)
                path = relativePath
            } else {
                // Files that failed to load are still there: a new name must not land on one of them.
                let target = collection.folder(at: newRequestFolder) != nil ? newRequestFolder : ""
                let onDisk = HTTPFileStore.isHTTPFile(folder) ? [] : Set((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? [])
                path = try collection.addRequest(template, inFolder: target, avoiding: onDisk)
            }
            if let reloaded = try CollectionLocation.save(collection, to: folder, baseline: baseline) {
                let fresh = try withSecrets(reloaded)
                // The request read back from the file is the one that was saved, whatever its new id and path.
                let saved = fresh.allRequests.last { stored in var same = stored.template; same.id = template.id; return same == template }
                dispatch(.saved(relativePath: saved?.relativePath ?? path, collection: fresh))
            } else {
                dispatch(.saved(relativePath: path, collection: collection))
            }
        } catch {
            dispatch(.failed("cannot save: \(error.message)"))
        }
    }

    /// A collection read back from its file, with the secret values the user stored.
    private func withSecrets(_ collection: Collection) throws(PorticoError) -> Collection {
        try SecretStore(paths: .fromEnvironment()).applying(to: collection)
    }

    private func write(_ collection: Collection, baseline: Collection, message: String, select: String?) {
        guard let folder = state.collectionFolder else {
            dispatch(.failed("this explorer has no collection folder to save into"))
            return
        }
        do {
            let reloaded = try CollectionLocation.save(collection, to: folder, baseline: baseline)
            let written = try reloaded.map(withSecrets) ?? collection
            dispatch(.collectionWritten(written, message: message, select: select))
        } catch {
            dispatch(.failed("cannot save: \(error.message)"))
        }
    }
}
