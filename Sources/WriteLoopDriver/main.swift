import Foundation
import PorticoCore

// A test driver, not part of Portico: the crash-safety test (Tests/PorticoCLITests/CrashSafetyTests)
// kills it with SIGKILL at random moments. It starts as Portico does (loading the collection and
// recovering the history, which clears what an earlier kill left), prints `ready`, waits for a line
// on standard input, then saves requests of a collection and appends history records in a loop
// through PorticoCore's own save and append, printing an acknowledgement after each one returns:
//
//     saved <request path> <sequence number>
//     appended <sequence number>
//
// Usage: WriteLoopDriver <collection folder> <history folder> <first sequence number>

func acknowledge(_ line: String) {
    // Straight to the file descriptor, unbuffered: a line printed is a line the test reads after the kill.
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("WriteLoopDriver: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let first = Int(arguments[3]) else {
    fail("usage: WriteLoopDriver <collection folder> <history folder> <first sequence number>")
}
let collectionFolder = URL(fileURLWithPath: arguments[1])
let history = HistoryStore(folder: URL(fileURLWithPath: arguments[2]))

var collection: Collection
do throws(PorticoError) {
    collection = CollectionStore.isCollection(collectionFolder)
        ? try CollectionStore.load(collectionFolder).collection
        : Collection(id: "write-loop", name: "Write loop")
    try history.recover()
} catch {
    fail(error.message)
}
acknowledge("ready")
guard readLine() != nil else { exit(0) }

/// Sixteen requests in three folders: the first saves create files and folders, later ones replace them.
func requestPath(_ sequence: Int) -> (folder: String, name: String) {
    let slot = sequence % 16
    return ("group-\(slot % 3)", "request-\(slot)")
}

var sequence = first
while true {
    let (folder, name) = requestPath(sequence)
    // The body's size varies, so a torn write would show as a file that does not parse.
    let template = RequestTemplate(id: "write-loop-\(name)", name: name, method: .post, url: "http://127.0.0.1/\(sequence)",
                                   body: .json("{\"sequence\": \(sequence), \"padding\": \"\(String(repeating: "x", count: sequence % 700))\"}\n"))
    var saved = collection
    do throws(PorticoError) {
        let path = "\(folder)/\(name).yaml"
        if saved.folder(at: folder) == nil { try saved.addFolder(named: folder, inFolder: "") }
        if saved.request(at: path) != nil {
            try saved.replaceRequest(at: path, with: template)
        } else {
            try saved.addRequest(template, inFolder: folder)
        }
        try CollectionStore.save(saved, to: collectionFolder, baseline: collection)
        collection = saved
        acknowledge("saved \(path) \(sequence)")
    } catch {
        fail(error.message)
    }

    // Every fifth response body is large enough to be stored in bodies/ rather than in the record.
    let body = Data("{\"sequence\": \(sequence), \"padding\": \"\(String(repeating: "y", count: sequence % 5 == 0 ? 6000 + sequence % 97 : 40))\"}".utf8)
    let record = HistoryRecord(
        id: HistoryRecord.newID(), time: Date(), source: "write-loop",
        request: HistoryRecord.Request(method: "POST", url: "http://127.0.0.1/\(sequence)", headers: [], body: nil, timeout: 30, followRedirects: true, maxRedirects: 10),
        response: HistoryRecord.Response(status: 200, reason: "OK", url: "http://127.0.0.1/\(sequence)", headers: [HTTPField("Content-Type", "application/json")], body: nil),
        timing: HistoryRecord.Timing(ttfbMs: 1, totalMs: 2))
    do throws(PorticoError) {
        try history.append(HistoryDraft(record: record, responseBody: HistoryDraft.BodySource(.data(body))))
        acknowledge("appended \(sequence)")
    } catch {
        fail(error.message)
    }
    sequence += 1
}
