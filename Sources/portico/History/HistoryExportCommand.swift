import ArgumentParser
import Foundation
import PorticoCore

struct HistoryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write recorded exchanges as a HAR 1.2 file that browsers and other tools import.",
        discussion: "Entries are written oldest first. Redacted values stay redacted."
    )

    @Option(help: ArgumentHelp("The HAR file to write (- for standard output).", valueName: "file"))
    var har: String

    @OptionGroup var filters: HistoryFilterOptions

    @Option(help: ArgumentHelp("Export at most this many of the newest matching entries (default: all).", valueName: "n"))
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let store = HistoryRecording.store()
        let filter = try filters.filter()
        do {
            let records = try store.listReportingDamage(filter, limit: limit)
            let document = try HARExport.document(records: records.reversed()) { body in try store.bodyData(body) }
            if har == "-" {
                StandardOutput.write(isatty(STDOUT_FILENO) == 1 ? ExchangeJSON.escapingForTerminal(document) : document)
                StandardOutput.write(Data("\n".utf8))
            } else {
                // A HAR holds URLs and bodies: private, like the history it comes from.
                try AtomicFile.write(document, to: URL(fileURLWithPath: har), permissions: 0o600)
                Console.info("wrote \(records.count) \(records.count == 1 ? "entry" : "entries") to \(har)")
            }
        } catch let error as PorticoError {
            throw Console.fail(error)
        }
    }
}
