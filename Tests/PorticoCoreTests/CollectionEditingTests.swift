import Foundation
import PorticoCore
import Testing


private func template(_ id: String, _ name: String, url: String = "http://example.com/x") -> RequestTemplate {
    RequestTemplate(id: id, name: name, url: url)
}

/// Sorted as a load gives it:
///
///     admin/deep/x.yaml     Deep X
///     admin/list.yaml       List all
///     users/get-user.yaml   Get user
///     health.yaml           Health
private func sample() -> Collection {
    Collection(id: "collection-1", name: "Sample", root: RequestGroup(
        name: "",
        groups: [
            RequestGroup(name: "admin", groups: [
                RequestGroup(name: "deep", requests: [StoredRequest(relativePath: "admin/deep/x.yaml", template: template("deep-x", "Deep X"))]),
            ], requests: [
                StoredRequest(relativePath: "admin/list.yaml", template: template("admin-list", "List all")),
            ]),
            RequestGroup(name: "users", requests: [
                StoredRequest(relativePath: "users/get-user.yaml", template: template("users-get", "Get user")),
            ]),
        ],
        requests: [StoredRequest(relativePath: "health.yaml", template: template("health", "Health"))]))
}

/// Request paths by id: what a rename or move must change, while the ids stay.
private func pathsByID(_ collection: Collection) -> [String: String] {
    Dictionary(uniqueKeysWithValues: collection.allRequests.map { ($0.template.id, $0.relativePath) })
}

/// Runs `body` expecting an input error; returns its message.
@discardableResult
private func inputError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    do {
        try body()
        Issue.record("expected an error", sourceLocation: sourceLocation)
        return ""
    } catch {
        let error = error as? PorticoError
        #expect(error?.kind == .input, sourceLocation: sourceLocation)
        return error?.message ?? ""
    }
}

@Suite("Editing a collection in the model")
struct CollectionEditingModelTests {
    @Test func lookupsAndPaths() {
        let collection = sample()
        #expect(collection.request(at: "admin/deep/x.yaml")?.template.id == "deep-x")
        #expect(collection.request(at: "admin/missing.yaml") == nil)
        #expect(collection.request(at: "admin") == nil)
        #expect(collection.folder(at: "") == collection.root)
        #expect(collection.folder(at: "admin/deep")?.requests.map(\.template.id) == ["deep-x"])
        #expect(collection.folder(at: "admin/list.yaml") == nil)
        #expect(collection.folder(at: "nowhere") == nil)
        #expect(collection.folderPaths == ["", "admin", "admin/deep", "users"])
        #expect(Collection.pathComponents("admin/deep/x.yaml") == ["admin", "deep", "x.yaml"])
        #expect(Collection.pathComponents("") == [])
        #expect(Collection.parentPath(of: "admin/deep/x.yaml") == "admin/deep")
        #expect(Collection.parentPath(of: "health.yaml") == "")
        #expect(Collection.parentPath(of: "admin") == "")
    }

    // MARK: Requests

    @Test func addingARequestNamesItsFileAfterIt() throws {
        var collection = sample()
        let path = try collection.addRequest(template("new-1", "Create a User!"), inFolder: "users")
        #expect(path == "users/create-a-user.yaml")
        #expect(collection.request(at: path)?.template == template("new-1", "Create a User!"))
        // Sorted by file name, as a load would list them.
        #expect(collection.folder(at: "users")?.requests.map(\.relativePath) == ["users/create-a-user.yaml", "users/get-user.yaml"])

        let top = try collection.addRequest(template("new-2", "Zebra"), inFolder: "")
        #expect(top == "zebra.yaml")
        #expect(collection.root.requests.map(\.relativePath) == ["health.yaml", "zebra.yaml"])
        inputError { try collection.addRequest(template("new-3", "x"), inFolder: "nowhere") }
    }

    @Test func fileNamesAreUniqueWithoutRegardToCase() throws {
        var collection = sample()
        // A hand-made file whose name differs from the slug only in case still counts.
        collection.root.requests.append(StoredRequest(relativePath: "Notes.yaml", template: template("notes", "Notes")))
        let lowerCase = try collection.addRequest(template("n2", "notes"), inFolder: "")
        #expect(lowerCase == "notes-2.yaml")
        let upperCase = try collection.addRequest(template("n3", "NOTES"), inFolder: "")
        #expect(upperCase == "notes-3.yaml")
        let sameAsExisting = try collection.addRequest(template("h2", "Health"), inFolder: "")
        #expect(sameAsExisting == "health-2.yaml")
        #expect(Set(collection.allRequests.map(\.template.id)).count == collection.allRequests.count)
    }

    @Test func addingAvoidsFilesTheCollectionDidNotLoad() throws {
        var collection = sample()
        let path = try collection.addRequest(template("b", "Broken"), inFolder: "", avoiding: ["BROKEN.yaml", "broken-2.yaml", "README.md"])
        #expect(path == "broken-3.yaml")
    }

    @Test func aRequestNeverTakesTheCollectionFileName() throws {
        var collection = sample()
        let path = try collection.addRequest(template("p", "Portico"), inFolder: "")
        #expect(path == "portico-2.yaml")
        // In a sub-folder the name is free.
        let inSubfolder = try collection.addRequest(template("p2", "Portico"), inFolder: "users")
        #expect(inSubfolder == "users/portico.yaml")
        let moved = try collection.moveRequest(at: "users/portico.yaml", toFolder: "")
        #expect(moved != CollectionStore.collectionFileName)
        let renamed = try collection.renameRequest(at: "health.yaml", to: "portico")
        #expect(renamed != CollectionStore.collectionFileName)
    }

    @Test func replacingARequestKeepsItsFile() throws {
        var collection = sample()
        var changed = template("health", "Health check", url: "http://example.com/health")
        changed.method = .head
        try collection.replaceRequest(at: "health.yaml", with: changed)
        #expect(collection.request(at: "health.yaml")?.template == changed)
        #expect(collection.allRequests.count == 4)
        inputError { try collection.replaceRequest(at: "gone.yaml", with: changed) }
    }

    @Test func renamingARequestMovesItsFileAndKeepsItsID() throws {
        let original = sample()
        var collection = original
        let path = try collection.renameRequest(at: "admin/list.yaml", to: "  Every admin  ")
        #expect(path == "admin/every-admin.yaml")
        #expect(collection.request(at: "admin/list.yaml") == nil)
        let renamed = try #require(collection.request(at: path))
        #expect(renamed.template.id == "admin-list")
        #expect(renamed.template.name == "Every admin")
        #expect(renamed.template.url == original.request(at: "admin/list.yaml")?.template.url)
        #expect(collection.folder(at: "admin")?.requests.map(\.relativePath) == ["admin/every-admin.yaml"])
        var expectedPaths = pathsByID(original)
        expectedPaths["admin-list"] = "admin/every-admin.yaml"
        #expect(pathsByID(collection) == expectedPaths)
        // Nothing else moved.
        #expect(collection.folder(at: "admin/deep") == original.folder(at: "admin/deep"))
        #expect(collection.folder(at: "users") == original.folder(at: "users"))
    }

    @Test func renamingToATakenFileNamePicksAnother() throws {
        var collection = sample()
        try collection.addRequest(template("other", "Other"), inFolder: "")
        let renamed = try collection.renameRequest(at: "other.yaml", to: "health")
        #expect(renamed == "health-2.yaml")
        #expect(collection.request(at: "health.yaml")?.template.id == "health")
        #expect(collection.request(at: "health-2.yaml")?.template.id == "other")
    }

    @Test func renamingOnlyTheCaseKeepsTheFile() throws {
        var collection = sample()
        let renamed = try collection.renameRequest(at: "users/get-user.yaml", to: "GET User")
        #expect(renamed == "users/get-user.yaml")
        #expect(collection.request(at: "users/get-user.yaml")?.template.name == "GET User")
    }

    @Test func renamingToTheSameNameLeavesAHandNamedFileAlone() throws {
        var collection = sample()
        // "List all" lives in list.yaml, not in the slug list-all.yaml.
        let renamed = try collection.renameRequest(at: "admin/list.yaml", to: "List all")
        #expect(renamed == "admin/list.yaml")
        #expect(collection == sample())
    }

    @Test("a request name must not be empty or span lines", arguments: ["", "   ", "two\nlines", "cr\rhere"])
    func invalidRequestNames(_ name: String) {
        var collection = sample()
        let message = inputError { try collection.renameRequest(at: "health.yaml", to: name) }
        #expect(message.contains("name") || message.contains("line"), "\(message)")
        #expect(collection == sample())
    }

    @Test func renamingAMissingRequestFails() {
        var collection = sample()
        inputError { try collection.renameRequest(at: "gone.yaml", to: "x") }
        #expect(collection == sample())
    }

    @Test func duplicatingGivesANewIDBesideTheOriginal() throws {
        var collection = sample()
        let path = try collection.duplicateRequest(at: "users/get-user.yaml", id: "copy-id")
        #expect(path == "users/get-user-copy.yaml")
        let copy = try #require(collection.request(at: path))
        var expected = template("users-get", "Get user")
        expected.id = "copy-id"
        expected.name = "Get user copy"
        #expect(copy.template == expected)
        #expect(collection.request(at: "users/get-user.yaml")?.template == template("users-get", "Get user"))

        // Again: the name says copy twice, the file name stays unique.
        let secondCopy = try collection.duplicateRequest(at: "users/get-user.yaml", id: "copy-2")
        #expect(secondCopy == "users/get-user-copy-2.yaml")
        // Without an id given, a fresh one.
        let third = try collection.duplicateRequest(at: "health.yaml")
        let thirdID = try #require(collection.request(at: third)?.template.id)
        #expect(thirdID != "health")
        #expect(Set(collection.allRequests.map(\.template.id)).count == collection.allRequests.count)
        inputError { try collection.duplicateRequest(at: "gone.yaml") }
    }

    @Test func movingARequestKeepsItsID() throws {
        let original = sample()
        var collection = original
        let path = try collection.moveRequest(at: "health.yaml", toFolder: "admin/deep")
        #expect(path == "admin/deep/health.yaml")
        #expect(collection.request(at: "health.yaml") == nil)
        #expect(collection.request(at: path)?.template == original.request(at: "health.yaml")?.template)
        #expect(collection.folder(at: "admin/deep")?.requests.map(\.relativePath) == ["admin/deep/health.yaml", "admin/deep/x.yaml"])
        #expect(collection.root.requests.isEmpty)

        // Into the folder it is in: nothing changes.
        let unchanged = collection
        let unmoved = try collection.moveRequest(at: "admin/deep/x.yaml", toFolder: "admin/deep")
        #expect(unmoved == "admin/deep/x.yaml")
        #expect(collection == unchanged)

        inputError { try collection.moveRequest(at: "admin/deep/x.yaml", toFolder: "nowhere") }
        inputError { try collection.moveRequest(at: "gone.yaml", toFolder: "") }
        #expect(collection == unchanged)
    }

    @Test func movingARequestBesideOneOfTheSameNamePicksAnotherFile() throws {
        var collection = sample()
        try collection.addRequest(template("h2", "Health"), inFolder: "users")
        let moved = try collection.moveRequest(at: "users/health.yaml", toFolder: "")
        #expect(moved == "health-2.yaml")
        #expect(collection.request(at: "health.yaml")?.template.id == "health")
        #expect(collection.request(at: "health-2.yaml")?.template.id == "h2")
    }

    @Test func removingARequest() throws {
        var collection = sample()
        try collection.removeRequest(at: "admin/deep/x.yaml")
        #expect(collection.request(at: "admin/deep/x.yaml") == nil)
        #expect(collection.folder(at: "admin/deep") == RequestGroup(name: "deep"), "the folder stays, empty")
        #expect(collection.allRequests.count == 3)
        inputError { try collection.removeRequest(at: "admin/deep/x.yaml") }
    }

    // MARK: Folders

    @Test func addingAFolder() throws {
        var collection = sample()
        let reports = try collection.addFolder(named: " reports ", inFolder: "admin")
        #expect(reports == "admin/reports")
        #expect(collection.folder(at: "admin/reports") == RequestGroup(name: "reports"))
        let upperB = try collection.addFolder(named: "B", inFolder: "")
        #expect(upperB == "B")
        let lowerA = try collection.addFolder(named: "a", inFolder: "")
        #expect(lowerA == "a")
        // Sorted without case, as a load lists folders.
        #expect(collection.root.groups.map(\.name) == ["a", "admin", "B", "users"])
        #expect(collection.folder(at: "admin")?.groups.map(\.name) == ["deep", "reports"])
        #expect(collection.folderPaths == ["", "a", "admin", "admin/deep", "admin/reports", "B", "users"])
        inputError { try collection.addFolder(named: "x", inFolder: "nowhere") }
    }

    @Test("folder names: not empty, no slash, no leading dot, one line", arguments: [
        "", "   ", "a/b", "/", "a\\b", ".hidden", ".", "..", "two\nlines", "tab\there",
    ])
    func invalidFolderNames(_ name: String) {
        var collection = sample()
        inputError { try collection.addFolder(named: name, inFolder: "") }
        inputError { try collection.renameFolder(at: "users", to: name) }
        #expect(collection == sample())
    }

    @Test("a folder name taken in its parent is refused, whatever its case", arguments: ["users", "USERS", "Admin", "health.yaml", "HEALTH.YAML"])
    func takenFolderNames(_ name: String) {
        var collection = sample()
        let message = inputError { try collection.addFolder(named: name, inFolder: "") }
        #expect(message.contains("taken"), "\(message)")
        #expect(collection == sample())
        // The same name is free one level down.
        let oneLevelDown = try? collection.addFolder(named: name, inFolder: "admin/deep")
        #expect(oneLevelDown == "admin/deep/\(name)")
    }

    @Test func renamingAFolderRebasesEverythingInIt() throws {
        let original = sample()
        var collection = original
        let path = try collection.renameFolder(at: "admin", to: "operations")
        #expect(path == "operations")
        #expect(collection.folder(at: "admin") == nil)
        #expect(collection.folderPaths == ["", "operations", "operations/deep", "users"])
        var expected = pathsByID(original)
        expected["admin-list"] = "operations/list.yaml"
        expected["deep-x"] = "operations/deep/x.yaml"
        #expect(pathsByID(collection) == expected)
        // The templates themselves did not change.
        let templates: [RequestTemplate] = collection.allRequests.map(\.template).sorted { $0.id < $1.id }
        let originalTemplates: [RequestTemplate] = original.allRequests.map(\.template).sorted { $0.id < $1.id }
        #expect(templates == originalTemplates)
        #expect(collection.root.groups.map(\.name) == ["operations", "users"])

        let deeper = try collection.renameFolder(at: "operations/deep", to: "Deeper")
        #expect(deeper == "operations/Deeper")
        #expect(collection.request(at: "operations/Deeper/x.yaml")?.template.id == "deep-x")
        #expect(collection.folder(at: "operations")?.requests.map(\.relativePath) == ["operations/list.yaml"])
    }

    @Test func renamingAFolderSortsItAmongItsSiblings() throws {
        var collection = sample()
        try collection.renameFolder(at: "admin", to: "zeta")
        #expect(collection.root.groups.map(\.name) == ["users", "zeta"])
    }

    @Test func renamingAFolderToItsOwnNameChangesNothing() throws {
        var collection = sample()
        let renamed = try collection.renameFolder(at: "admin", to: "admin")
        #expect(renamed == "admin")
        #expect(collection == sample())
    }

    @Test func renamingAFolderIsRefusedWhereItCannotGo() {
        var collection = sample()
        inputError { try collection.renameFolder(at: "admin", to: "Users") }
        inputError { try collection.renameFolder(at: "", to: "root") }
        inputError { try collection.renameFolder(at: "nowhere", to: "x") }
        #expect(collection == sample())
    }

    @Test func movingAFolderTakesItsContents() throws {
        let original = sample()
        var collection = original
        let path = try collection.moveFolder(at: "admin/deep", toFolder: "users")
        #expect(path == "users/deep")
        #expect(collection.folder(at: "admin/deep") == nil)
        #expect(collection.folderPaths == ["", "admin", "users", "users/deep"])
        var expected = pathsByID(original)
        expected["deep-x"] = "users/deep/x.yaml"
        #expect(pathsByID(collection) == expected)

        // And back up to the top.
        let atTop = try collection.moveFolder(at: "users/deep", toFolder: "")
        #expect(atTop == "deep")
        #expect(collection.root.groups.map(\.name) == ["admin", "deep", "users"])
        #expect(collection.request(at: "deep/x.yaml")?.template.id == "deep-x")

        // Into the folder it is already in: nothing changes.
        let unchanged = collection
        let unmoved = try collection.moveFolder(at: "deep", toFolder: "")
        #expect(unmoved == "deep")
        #expect(collection == unchanged)
    }

    @Test func aFolderCannotMoveIntoItself() throws {
        var collection = sample()
        try collection.addFolder(named: "deeper", inFolder: "admin/deep")
        let unchanged = collection
        let message = inputError { try collection.moveFolder(at: "admin", toFolder: "admin") }
        #expect(message.contains("itself"))
        inputError { try collection.moveFolder(at: "admin", toFolder: "admin/deep") }
        inputError { try collection.moveFolder(at: "admin", toFolder: "admin/deep/deeper") }
        inputError { try collection.moveFolder(at: "admin/deep", toFolder: "admin/deep/deeper") }
        #expect(collection == unchanged)

        // A folder whose name merely starts the same is somewhere else.
        try collection.addFolder(named: "administration", inFolder: "")
        let moved = try collection.moveFolder(at: "admin", toFolder: "administration")
        #expect(moved == "administration/admin")
        #expect(collection.request(at: "administration/admin/deep/x.yaml")?.template.id == "deep-x")
    }

    @Test func movingAFolderIsRefusedWhereItCannotGo() throws {
        var collection = sample()
        try collection.addFolder(named: "Deep", inFolder: "users")
        let unchanged = collection
        inputError { try collection.moveFolder(at: "admin/deep", toFolder: "users") }
        inputError { try collection.moveFolder(at: "admin", toFolder: "nowhere") }
        inputError { try collection.moveFolder(at: "nowhere", toFolder: "") }
        inputError { try collection.moveFolder(at: "", toFolder: "users") }
        #expect(collection == unchanged)
    }

    @Test func removingAFolderRemovesEverythingInIt() throws {
        var collection = sample()
        try collection.removeFolder(at: "admin")
        #expect(collection.folderPaths == ["", "users"])
        #expect(collection.allRequests.map(\.template.id) == ["health", "users-get"])
        try collection.removeFolder(at: "users")
        #expect(collection.allRequests.map(\.template.id) == ["health"])
        inputError { try collection.removeFolder(at: "users") }
        inputError { try collection.removeFolder(at: "") }
    }

    @Test func removingANestedFolderLeavesItsParent() throws {
        var collection = sample()
        try collection.removeFolder(at: "admin/deep")
        #expect(collection.folderPaths == ["", "admin", "users"])
        #expect(collection.folder(at: "admin")?.requests.map(\.template.id) == ["admin-list"])
    }
}

@Suite("Saving an edited collection")
struct CollectionEditingFileTests {
    /// The sample saved into a fresh folder and loaded back: what the explorer starts from.
    private func savedSample() throws -> (TemporaryFolder, Collection) {
        let folder = try TemporaryFolder()
        try CollectionStore.save(sample(), to: folder.url)
        let loaded = try CollectionStore.load(folder.url)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.collection == sample(), "the sample is in load order")
        return (folder, loaded.collection)
    }

    /// Saves `changed` over `baseline` and loads the folder back, expecting the model.
    @discardableResult
    private func saveAndReload(_ changed: Collection, baseline: Collection, in folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws -> LoadedCollection {
        try CollectionStore.save(changed, to: folder.url, baseline: baseline)
        let reloaded = try CollectionStore.load(folder.url)
        #expect(reloaded.diagnostics.isEmpty, "\(reloaded.diagnostics)", sourceLocation: sourceLocation)
        #expect(reloaded.collection == changed, sourceLocation: sourceLocation)
        return reloaded
    }

    @Test func renamingARequestRenamesItsFile() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        let before = try folder.text("users/get-user.yaml")
        var changed = loaded
        let path = try changed.renameRequest(at: "users/get-user.yaml", to: "Fetch user")
        let written = try CollectionStore.save(changed, to: folder.url, baseline: loaded)
        #expect(Set(written) == ["users/get-user.yaml", "users/fetch-user.yaml"])
        #expect(!folder.exists("users/get-user.yaml"))
        #expect(try folder.text(path).contains("id: users-get"))
        #expect(try folder.text(path) == before.replacingOccurrences(of: "Get user", with: "Fetch user"))
        let reloaded = try CollectionStore.load(folder.url)
        #expect(reloaded.collection == changed)
        #expect(reloaded.request(atRelativePath: path)?.template.id == "users-get")
    }

    @Test func renamingAFolderOntoALinkedFolderWritesNothingOutsideTheCollection() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        let outside = try TemporaryFolder()
        defer { outside.remove() }
        // The loader does not follow links to folders, so the model does not see "shared" as taken.
        try FileManager.default.createSymbolicLink(atPath: folder.path("shared").path, withDestinationPath: outside.url.path)
        var changed = loaded
        try changed.renameFolder(at: "users", to: "shared")
        let message = inputError { try CollectionStore.save(changed, to: folder.url, baseline: loaded) }
        #expect(message.contains("is not a folder"), "\(message)")
        #expect(outside.tree().isEmpty, "written through the link: \(outside.tree())")
        #expect(folder.exists("users/get-user.yaml"), "the refused save removed the old folder")
    }

    @Test func aFolderNameChangingOnlyInCaseIsRefusedWithTheReason() throws {
        var collection = sample()
        let message = inputError { try collection.renameFolder(at: "users", to: "Users") }
        #expect(message.contains("only in case"), "\(message)")
        #expect(collection == sample())
    }

    @Test func renamingAFolderMovesEveryFileUnderTheNewName() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        var changed = loaded
        try changed.renameFolder(at: "admin", to: "operations")
        try saveAndReload(changed, baseline: loaded, in: folder)
        #expect(!folder.exists("admin"))
        #expect(folder.tree() == [
            "health.yaml", "operations/", "operations/deep/", "operations/deep/x.yaml", "operations/list.yaml",
            "portico.yaml", "users/", "users/get-user.yaml",
        ])
        #expect(try folder.text("operations/deep/x.yaml").contains("id: deep-x"))
    }

    @Test func movingAFolderIntoAnother() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        var changed = loaded
        try changed.moveFolder(at: "admin", toFolder: "users")
        try saveAndReload(changed, baseline: loaded, in: folder)
        #expect(folder.tree() == [
            "health.yaml", "portico.yaml", "users/", "users/admin/", "users/admin/deep/", "users/admin/deep/x.yaml",
            "users/admin/list.yaml", "users/get-user.yaml",
        ])
    }

    @Test func deletingAFolderRemovesItsDirectory() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        var changed = loaded
        try changed.addFolder(named: "empty", inFolder: "admin/deep")
        try saveAndReload(changed, baseline: loaded, in: folder)
        #expect(folder.isFolder("admin/deep/empty"))

        var deleted = changed
        try deleted.removeFolder(at: "admin")
        try saveAndReload(deleted, baseline: changed, in: folder)
        #expect(!folder.exists("admin"))
        #expect(folder.tree() == ["health.yaml", "portico.yaml", "users/", "users/get-user.yaml"])
    }

    @Test func deletingARequestKeepsItsFolder() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        var changed = loaded
        try changed.removeRequest(at: "users/get-user.yaml")
        try saveAndReload(changed, baseline: loaded, in: folder)
        #expect(folder.isFolder("users"))
        #expect(!folder.exists("users/get-user.yaml"))
    }

    @Test func aFolderHoldingAnUnknownFileStaysWhenItsRequestsMoveOut() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        try folder.write("remember the milk\n", to: "admin/notes.txt")
        var changed = loaded
        try changed.renameFolder(at: "admin", to: "operations")
        try CollectionStore.save(changed, to: folder.url, baseline: loaded)
        #expect(try folder.text("admin/notes.txt") == "remember the milk\n")
        #expect(!folder.exists("admin/deep"), "the sub-folder held only requests")
        #expect(!folder.exists("admin/list.yaml"))
        #expect(folder.exists("operations/list.yaml"))
        #expect(folder.exists("operations/deep/x.yaml"))

        // Next start: the old folder is an empty group, beside the renamed one.
        let reloaded = try CollectionStore.load(folder.url)
        #expect(reloaded.diagnostics.isEmpty)
        #expect(reloaded.collection.folder(at: "admin") == RequestGroup(name: "admin"))
        #expect(reloaded.collection.folderPaths == ["", "admin", "operations", "operations/deep", "users"])
    }

    @Test func aRequestMovedOutOfAFolderWithAnUnknownFileLeavesTheFile() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        try folder.write("#!/bin/sh\n", to: "users/seed.sh")
        var changed = loaded
        try changed.moveRequest(at: "users/get-user.yaml", toFolder: "")
        try changed.removeFolder(at: "users")
        try CollectionStore.save(changed, to: folder.url, baseline: loaded)
        #expect(folder.tree().filter { $0.hasPrefix("users") } == ["users/", "users/seed.sh"])
        #expect(folder.exists("get-user.yaml"))
    }

    @Test func aNewEmptyFolderIsCreatedAndLoadsAsAnEmptyGroup() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        var changed = loaded
        let path = try changed.addFolder(named: "Reports", inFolder: "admin")
        let written = try CollectionStore.save(changed, to: folder.url, baseline: loaded)
        #expect(!written.contains { $0.hasSuffix(".yaml") }, "no request file was written: \(written)")
        #expect(folder.isFolder(path))
        #expect(folder.tree().filter { $0.hasPrefix("admin/Reports") } == ["admin/Reports/"])
        let reloaded = try CollectionStore.load(folder.url)
        #expect(reloaded.collection.folder(at: "admin/Reports") == RequestGroup(name: "Reports"))
        #expect(reloaded.collection == changed)
    }

    @Test func aModelEditedManyWaysLoadsBackInTheSameOrder() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        var changed = loaded
        try changed.addFolder(named: "Zed", inFolder: "")
        try changed.addFolder(named: "b", inFolder: "")
        try changed.addRequest(template("apple", "apple"), inFolder: "")
        try changed.addRequest(template("Banana", "Banana"), inFolder: "")
        try changed.duplicateRequest(at: "health.yaml", id: "health-copy")
        try changed.moveRequest(at: "admin/list.yaml", toFolder: "b")
        try changed.renameRequest(at: "users/get-user.yaml", to: "A user")
        try changed.moveFolder(at: "admin/deep", toFolder: "Zed")
        try saveAndReload(changed, baseline: loaded, in: folder)
        #expect(changed.root.requests.map(\.relativePath) == ["apple.yaml", "banana.yaml", "health-copy.yaml", "health.yaml"])
        #expect(changed.root.groups.map(\.name) == ["admin", "b", "users", "Zed"])
    }

    @Test func theSameEditSavedTwiceTouchesNothingTheSecondTime() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        var changed = loaded
        try changed.renameFolder(at: "admin", to: "ops")
        try CollectionStore.save(changed, to: folder.url, baseline: loaded)
        #expect(try CollectionStore.save(changed, to: folder.url, baseline: changed) == [])
    }

    @Test func savingRefusesToOverwriteAFileThatFailedToLoad() throws {
        let (folder, _) = try savedSample()
        defer { folder.remove() }
        let broken = "id: broken-1\nurl: [unclosed\n"
        try folder.write(broken, to: "users/broken.yaml")
        let loaded = try CollectionStore.load(folder.url)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.path == folder.path("users/broken.yaml").path)
        #expect(loaded.diagnostics.first?.severity == .error)
        #expect(loaded.collection.request(at: "users/broken.yaml") == nil)

        // Without being told about the file, the model picks its name...
        var changed = loaded.collection
        let path = try changed.addRequest(template("new", "Broken"), inFolder: "users")
        #expect(path == "users/broken.yaml")
        // ...and the save refuses rather than overwrite somebody's work.
        do {
            try CollectionStore.save(changed, to: folder.url, baseline: loaded.collection)
            Issue.record("the save overwrote users/broken.yaml")
        } catch {
            #expect(error.message.contains("users/broken.yaml"), "\(error.message)")
        }
        #expect(try folder.text("users/broken.yaml") == broken)

        // Renaming onto it is refused the same way.
        var renamed = loaded.collection
        let brokenPath = try renamed.renameRequest(at: "users/get-user.yaml", to: "broken")
        #expect(brokenPath == "users/broken.yaml")
        #expect(throws: PorticoError.self) { try CollectionStore.save(renamed, to: folder.url, baseline: loaded.collection) }
        #expect(try folder.text("users/broken.yaml") == broken)
        #expect(folder.exists("users/get-user.yaml"), "the renamed request's old file is still there")
    }

    @Test func addingWhileAvoidingFilesOnDiskPicksAnotherName() throws {
        let (folder, _) = try savedSample()
        defer { folder.remove() }
        let broken = "not: [yaml\n"
        try folder.write(broken, to: "broken.yaml")
        let loaded = try CollectionStore.load(folder.url)
        #expect(loaded.diagnostics.count == 1)

        var changed = loaded.collection
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path))
        let path = try changed.addRequest(template("new", "Broken"), inFolder: "", avoiding: onDisk)
        #expect(path == "broken-2.yaml")
        #expect(try CollectionStore.save(changed, to: folder.url, baseline: loaded.collection) == ["broken-2.yaml"])
        #expect(try folder.text("broken.yaml") == broken)
        let reloaded = try CollectionStore.load(folder.url)
        #expect(reloaded.request(atRelativePath: "broken-2.yaml")?.template.id == "new")
        #expect(reloaded.diagnostics.count == 1, "the broken file is still reported")
    }

    @Test func deletingAFolderThatHoldsABrokenFileKeepsTheFile() throws {
        let (folder, _) = try savedSample()
        defer { folder.remove() }
        try folder.write("id: [\n", to: "admin/deep/broken.yaml")
        let loaded = try CollectionStore.load(folder.url)
        var changed = loaded.collection
        try changed.removeFolder(at: "admin")
        try CollectionStore.save(changed, to: folder.url, baseline: loaded.collection)
        #expect(folder.tree().filter { $0.hasPrefix("admin") } == ["admin/", "admin/deep/", "admin/deep/broken.yaml"])
    }

    @Test func aRequestCalledPorticoIsSavedBesideTheCollectionFile() throws {
        let (folder, loaded) = try savedSample()
        defer { folder.remove() }
        let settings = try folder.read("portico.yaml")
        var changed = loaded
        let path = try changed.renameRequest(at: "health.yaml", to: "Portico")
        try saveAndReload(changed, baseline: loaded, in: folder)
        #expect(path != "portico.yaml")
        #expect(try folder.read("portico.yaml") == settings)
    }
}
