import ArgumentParser
import Foundation
import PorticoCore

struct ImportHARCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "har",
        abstract: "Import an HTTP Archive (HAR) as a new collection.",
        discussion: """
        Reads a HAR 1.2 file as browsers' developer tools save it ("Save all as HAR") or as \
        `portico history export` writes it. Each entry becomes a request named after its method \
        and path, in a folder per host; the query stays in the URL. Headers the browser or the \
        transport sets by itself are left out; Authorization and Cookie values go to the secret \
        store. Entries that are not http(s) (data:, ws:, extensions) are skipped with a warning.

        Examples:
          portico import har shop.har --exclude-static
          portico import har session.har --only-host api.shop.example --into shop-api
        """
    )

    @OptionGroup var options: CollectionImportOptions

    @Option(name: .customLong("only-host"), help: ArgumentHelp("Import only entries to this host, or host:port (repeatable).", valueName: "host"))
    var onlyHosts: [String] = []

    @Flag(name: .customLong("exclude-static"), help: "Leave out images, fonts, style sheets and scripts (by response type or URL extension).")
    var excludeStatic = false

    func run() throws {
        var skipped: String?
        try options.run { text in
            let result = try HARImport.parse(text, filter: HARImport.Filter(onlyHosts: onlyHosts, excludeStatic: excludeStatic))
            skipped = result.skippedSummary
            return result.imported
        }
        if let skipped { Console.info(skipped) }
    }
}
