import Foundation
import PorticoCore
import PorticoTUI

/// The explorer's history: records exchanges as they end and answers the history screen's reads,
/// all off the UI thread, each result handed back as an action.
final class ExplorerHistory: @unchecked Sendable {
    let store: HistoryStore
    /// False with `--no-history`.
    let recordsExchanges: Bool
    private let post: @Sendable (Action) -> Void
    /// Records are written one at a time, in the order their exchanges ended.
    private let recordQueue = DispatchQueue(label: "portico.history.record")
    private let pendingRecords = DispatchGroup()
    /// Reads of entries and comparisons, side by side.
    private let readQueue = DispatchQueue(label: "portico.history.read", qos: .userInitiated, attributes: .concurrent)
    /// Listings run one at a time per purpose, and one that a newer listing for the same purpose
    /// replaced before it started is skipped: typing a search asks for one per key.
    private let listQueues: [HistoryListPurpose: DispatchQueue] = [
        .sidebar: DispatchQueue(label: "portico.history.list.sidebar", qos: .userInitiated),
        .browser: DispatchQueue(label: "portico.history.list.browser", qos: .userInitiated),
    ]
    private let lock = NSLock()
    private var newestListing: [HistoryListPurpose: Int] = [:]

    init(store: HistoryStore, recordsExchanges: Bool, post: @escaping @Sendable (Action) -> Void) {
        self.store = store
        self.recordsExchanges = recordsExchanges
        self.post = post
    }

    /// Whether an exchange of `template` is recorded: not with `--no-history`, not when the request
    /// says `options: {history: false}` or the collection `history: {record: false}`.
    func records(_ template: RequestTemplate?, in collection: Collection) -> Bool {
        recordsExchanges && (template?.options.recordsHistory ?? true) && collection.history.record
    }

    /// Appends the exchange numbered `number`; `historyRecorded` says so once it is on disk. A
    /// failure is said in the footer and the explorer goes on.
    func record(_ exchange: Exchange, context: HistoryContext, number: Int) {
        pendingRecords.enter()
        recordQueue.async { [store, post, pendingRecords] in
            defer { pendingRecords.leave() }
            do throws(PorticoError) {
                let record = try store.append(HistoryDraft(exchange: exchange, context: context))
                post(.historyRecorded(record, exchange: number))
            } catch {
                post(.failed("history: the exchange was not recorded: \(error.message)"))
            }
        }
    }

    /// Waits for records still being written, so that quitting right after a send keeps it; a
    /// disk that hangs does not keep the explorer from exiting.
    func finishRecording() {
        _ = pendingRecords.wait(timeout: .now() + 5)
    }

    func list(_ filter: HistoryFilter, limit: Int, purpose: HistoryListPurpose, read: Int) {
        lock.withLock { newestListing[purpose] = read }
        listQueues[purpose]?.async { [self] in
            guard lock.withLock({ newestListing[purpose] == read }) else { return }
            do throws(PorticoError) {
                let listing = try store.list(filter, limit: limit)
                post(.historyListed(listing.records, warnings: listing.warnings, read: read))
            } catch {
                post(.historyReadFailed(error.message, read: read))
            }
        }
    }

    /// Reads the entry's bodies and prepares it for the screen.
    func loadEntry(_ record: HistoryRecord, read: Int) {
        readQueue.async { [store, post] in
            var problems: [String] = []
            func body(_ stored: HistoryRecord.Body?) -> Data? {
                do { return try store.bodyData(stored) } catch {
                    problems.append(error.message)
                    return nil
                }
            }
            let requestBody = body(record.request.body)
            let responseBody = body(record.response?.body)
            post(.historyEntryLoaded(HistoryEntry(record: record, requestBody: requestBody, responseBody: responseBody, problems: problems), read: read))
        }
    }

    func compare(old: HistoryRecord, new: HistoryRecord, read: Int) {
        readQueue.async { [store, post] in
            // A body that cannot be read is compared as "not available" (ExchangeDiff says so).
            let lines = ExchangeDiff.lines(old: old, oldBody: try? store.bodyData(old.response?.body),
                                           new: new, newBody: try? store.bodyData(new.response?.body))
            post(.comparisonReady(lines, read: read))
        }
    }

    /// Compares an entry with an exchange that may not be recorded, redacted as it would be.
    func compare(_ record: HistoryRecord, with exchange: Exchange, context: HistoryContext, read: Int) {
        readQueue.async { [store, post] in
            let current = HistoryDraft(exchange: exchange, context: context).record
            var body = try? exchange.body?.leading(store.maxBodySize)
            let replacements = context.privacy(for: exchange).replacements
            if let data = body, !replacements.isEmpty {
                let masker = SecretMasker(replacements: replacements)
                body = masker.process(data) + masker.finish()
            }
            let lines = ExchangeDiff.lines(old: record, oldBody: try? store.bodyData(record.response?.body), new: current, newBody: body)
            post(.comparisonReady(lines, read: read))
        }
    }
}
