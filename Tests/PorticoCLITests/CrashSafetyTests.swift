import Foundation
import PorticoCore
import Testing

/// kill -9 at random moments while collection requests are saved and history records appended
/// (by WriteLoopDriver, through PorticoCore's own save and append), 200 times. After each kill the
/// next start must find every file readable, every write that was acknowledged present, and no
/// temporary file left; at the end Portico itself starts on the same folders and finds the same.
@Suite("Crash safety: kill -9 during saves and history appends")
struct CrashSafetyTests {
    static let kills = 200
    /// A kill lands at a random moment this long after the writes start.
    static let longestRun = 60_000

    @Test func everyAcknowledgedWriteSurvivesKillNine() async throws {
        let sandbox = try Sandbox()
        let driver = try WriteLoopDriverBinary.require()
        let collectionFolder = sandbox.path("collection")
        let historyFolder = sandbox.dataHome.appendingPathComponent("portico/history")
        var expected = AcknowledgedWrites()
        var checked = 0
        var lost = 0
        /// Temporary files the kills left, which the next start had to remove: evidence that kills
        /// landed mid-write.
        var leftByKills = 0
        let started = ContinuousClock.now

        for round in 0..<Self.kills {
            let io = sandbox.root.appendingPathComponent("driver-\(round)")
            try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
            let stdout = io.appendingPathComponent("stdout")
            let stderrURL = io.appendingPathComponent("stderr")
            try Data().write(to: stdout)
            try Data().write(to: stderrURL)
            let process = Process()
            process.executableURL = driver
            process.arguments = [collectionFolder.path, historyFolder.path, String(expected.nextSequence)]
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = try FileHandle(forWritingTo: stdout)
            process.standardError = try FileHandle(forWritingTo: stderrURL)
            let launched = try LaunchedProcess(process)

            try await Self.waitForReady(stdout, process: process)
            // The driver has started as Portico starts: what the last kill left must be cleared.
            let found = try Self.verify(expected, collection: collectionFolder, history: historyFolder, round: round, bodiesFrom: expected.previousNextSequence)
            checked += found.checked
            lost += found.lost

            let delay = Int.random(in: 0..<Self.longestRun)
            input.fileHandleForWriting.write(Data("go\n".utf8))
            try await Task.sleep(for: .microseconds(delay))
            kill(process.processIdentifier, SIGKILL)
            await launched.wait()
            try? input.fileHandleForWriting.close()
            let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the driver ended before the kill: \(stderr)")
            expected.read(try String(contentsOf: stdout, encoding: .utf8))
            leftByKills += Self.temporaryFiles(in: collectionFolder).count + Self.temporaryFiles(in: historyFolder).count
            try? FileManager.default.removeItem(at: io)
        }

        // Portico itself starts on the same folders: the history command recovers the history,
        // the export loads the collection; then nothing temporary is left and nothing is lost.
        let list = try await sandbox.run(["history", "list", "--limit", "0", "--json"])
        #expect(list.exitCode == 0, "\(list)")
        #expect(list.stderr.isEmpty, "the history reads without a warning: \(list.stderr)")
        let export = try await sandbox.run(["export", "http", collectionFolder.path, "-o", sandbox.path("collection.http").path])
        #expect(export.exitCode == 0, "\(export)")
        let found = try Self.verify(expected, collection: collectionFolder, history: historyFolder, round: Self.kills, bodiesFrom: 0)
        checked += found.checked
        lost += found.lost

        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("crash safety: \(Self.kills) kills, \(expected.saves) saves and \(expected.appends.count) appends acknowledged, \(checked) records checked, \(lost) lost, \(leftByKills) temporary files left by kills and removed at the next start, in \(String(format: "%.1f", seconds)) s")
    }

    /// Waits until the driver printed `ready`, or failed.
    private static func waitForReady(_ stdout: URL, process: Process) async throws {
        for _ in 0..<4000 {
            if let text = try? String(contentsOf: stdout, encoding: .utf8), text.hasPrefix("ready\n") { return }
            guard process.isRunning else { throw HarnessError("WriteLoopDriver exited before it was ready") }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw HarnessError("WriteLoopDriver did not get ready")
    }

    /// Every request file and history record parses, each acknowledged write is there, no temporary
    /// file is left. The bodies of records from `bodiesFrom` on are read back (each once over the
    /// rounds, and all at the end). Returns how many acknowledged records were checked and lost.
    private static func verify(_ expected: AcknowledgedWrites, collection folder: URL, history: URL, round: Int, bodiesFrom: Int) throws -> (checked: Int, lost: Int) {
        var checked = 0
        var lost = 0
        if !expected.savedSequence.isEmpty {
            let loaded = try CollectionStore.load(folder)
            #expect(loaded.diagnostics.isEmpty, "round \(round): \(loaded.diagnostics)")
            for (path, acknowledged) in expected.savedSequence {
                let request = loaded.request(atRelativePath: path)
                let onDisk = request.flatMap { Int($0.template.url.split(separator: "/").last ?? "") }
                #expect((onDisk ?? -1) >= acknowledged, "round \(round): \(path) was saved as \(acknowledged), the file holds \(onDisk.map(String.init) ?? "nothing")")
                if (onDisk ?? -1) < acknowledged { lost += 1 }
                checked += 1
            }
        }
        if !expected.appends.isEmpty {
            let store = HistoryStore(folder: history)
            let listing = try store.list()
            #expect(listing.warnings.isEmpty, "round \(round): \(listing.warnings)")
            var found: [Int: HistoryRecord] = [:]
            for record in listing.records {
                if let sequence = Int(record.request.url.split(separator: "/").last ?? "") { found[sequence] = record }
            }
            for sequence in expected.appends {
                guard let record = found[sequence] else {
                    Issue.record("round \(round): the acknowledged history record \(sequence) is lost")
                    lost += 1
                    continue
                }
                // The body, inline or in bodies/, is the one written.
                if sequence >= bodiesFrom {
                    let body = try store.bodyData(record.response?.body).map { String(decoding: $0, as: UTF8.self) } ?? ""
                    #expect(body.hasPrefix("{\"sequence\": \(sequence),"), "round \(round): record \(sequence) has the body \(body.prefix(60))")
                }
                checked += 1
            }
        }
        let leftovers = temporaryFiles(in: folder) + temporaryFiles(in: history)
        #expect(leftovers.isEmpty, "round \(round): temporary files left after the start: \(leftovers)")
        return (checked, lost)
    }

    /// Files that only an interrupted write leaves: AtomicFile's hidden `.name.pid.random.tmp` and
    /// the history's bodies being written (`bodies/tmp/`).
    private static func temporaryFiles(in folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            if isFolder.boolValue { continue }
            if (name.hasPrefix(".") && name.hasSuffix(".tmp")) || path.hasPrefix("bodies/tmp/") { found.append(path) }
        }
        return found
    }
}

/// What the driver acknowledged over all rounds.
private struct AcknowledgedWrites {
    /// Request path -> the newest sequence number acknowledged as saved there.
    var savedSequence: [String: Int] = [:]
    var saves = 0
    var appends = Set<Int>()
    var nextSequence = 0
    /// `nextSequence` before the last round: the records of that round start there.
    var previousNextSequence = 0

    mutating func read(_ output: String) {
        previousNextSequence = nextSequence
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            switch words.first {
            case "saved" where words.count == 3:
                guard let sequence = Int(words[2]) else { continue }
                savedSequence[String(words[1])] = max(savedSequence[String(words[1])] ?? -1, sequence)
                saves += 1
                nextSequence = max(nextSequence, sequence + 1)
            case "appended" where words.count == 2:
                guard let sequence = Int(words[1]) else { continue }
                appends.insert(sequence)
                nextSequence = max(nextSequence, sequence + 1)
            default:
                continue
            }
        }
    }
}

/// The test driver built beside `portico`.
private enum WriteLoopDriverBinary {
    static func require() throws -> URL {
        let binary = try PorticoBinary.require().deletingLastPathComponent().appendingPathComponent("WriteLoopDriver")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw HarnessError("\(binary.path) was not found: run swift build first")
        }
        return binary
    }
}
