import Foundation
@testable import PorticoCore
import Testing

/// Spool files carry their process's id, so that what a killed process left is removed later.
@Suite("Spool files")
struct SpoolFilesTests {
    /// The id of a process that has ended.
    private func endedProcess() async throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        return process.processIdentifier
    }

    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portico-spool-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("the files of ended processes go; those of running ones, other names and folders stay")
    func orphansAreRemoved() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ended = try await endedProcess()
        let names = [
            "portico-body-p\(ended)-\(UUID().uuidString)",
            "portico-utf8-p\(ended)-\(UUID().uuidString)",
            "portico-body-p\(getpid())-\(UUID().uuidString)",
            "portico-body-p1-\(UUID().uuidString)",
            "portico-body-\(UUID().uuidString)",
            "portico-body-p\(ended)-not-a-uuid",
            "portico-body-\(UUID().uuidString).txt",
            "notes.txt",
        ]
        for name in names { FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("x".utf8)) }
        let directory = folder.appendingPathComponent("portico-body-p\(ended)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)

        // A file whose process looks gone but that is held open and locked (by a process in
        // another container sharing the folder, played here by this one) stays.
        let held = folder.appendingPathComponent("portico-body-p\(ended)-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: held.path, contents: Data("x".utf8))
        let holder = try FileHandle(forReadingFrom: held)
        defer { try? holder.close() }
        #expect(flock(holder.fileDescriptor, LOCK_SH) == 0)

        #expect(SpoolFiles.removeOrphans(in: folder) == 2)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(left == Set(names.dropFirst(2) + [directory.lastPathComponent, held.lastPathComponent]))
    }

    @Test("a new spool file is private, named for this process, and its first use clears the folder")
    func creation() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let leftover = folder.appendingPathComponent("portico-body-p\(try await endedProcess())-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: leftover.path, contents: Data())
        let (url, handle) = try SpoolFiles.create(.body, in: folder)
        try handle.close()
        #expect(SpoolFiles.owningProcess(url.lastPathComponent) == getpid())
        #expect((try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
    }
}
