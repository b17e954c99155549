import ArgumentParser
import Foundation
import PorticoCore

struct HistoryPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove the oldest recorded exchanges, and the bodies no remaining entry uses.",
        discussion: """
        Each limit given applies; what is kept is always the newest part of the history. Without \
        options the limits of config.yaml's `history:` apply (by default the newest 50,000 entries), \
        which Portico also applies by itself as history grows.

        Examples:
          portico history prune --older-than 30d
          portico history prune --keep 1000 --max-size 500MB
        """
    )

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Remove entries older than this age: 45s, 90m, 12h, 30d, 2w.", valueName: "age"))
    var olderThan: String?

    @Option(help: ArgumentHelp("Keep at most this many entries.", valueName: "n"))
    var keep: Int?

    @Option(name: .customLong("max-size"), help: ArgumentHelp("Keep at most this much: records and bodies, e.g. 500MB, 2GB.", valueName: "size"))
    var maxSize: String?

    func validate() throws {
        if let keep, keep < 0 { throw ValidationError("--keep must be 0 or more") }
    }

    func run() throws {
        let store = HistoryRecording.store()
        do {
            var retention = store.retention ?? HistoryRetention.default
            if olderThan != nil || keep != nil || maxSize != nil {
                retention = HistoryRetention(
                    keep: keep,
                    olderThan: try olderThan.map { text throws(PorticoError) in try HistoryRetention.parseAge(text) },
                    maxSize: try maxSize.map { text throws(PorticoError) in try HistoryRetention.parseSize(text) })
            }
            let result = try store.prune(retention)
            let freed = ByteCountFormatter.string(fromByteCount: Int64(result.freedBytes), countStyle: .file)
            Console.info("removed \(result.removedRecords) \(result.removedRecords == 1 ? "entry" : "entries") and \(result.removedBodies) \(result.removedBodies == 1 ? "body" : "bodies") (\(freed)); \(result.remainingRecords) remain")
        } catch {
            throw Console.fail(error)
        }
    }
}
