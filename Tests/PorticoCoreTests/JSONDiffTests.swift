import Foundation
@testable import PorticoCore
import Testing

private func json(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

private func changes(_ old: String, _ new: String) throws -> [JSONDiff.Change] {
    JSONDiff.changes(from: try json(old), to: try json(new))
}

@Suite("Diffing JSON documents")
struct JSONDiffTests {
    @Test func equalDocumentsHaveNoChanges() throws {
        #expect(try changes(#"{"a": [1, {"b": null}], "c": "x"}"#, #"{"a": [1, {"b": null}], "c": "x"}"#).isEmpty)
        #expect(try changes("42", "42").isEmpty)
        #expect(try changes("[]", "[]").isEmpty)
    }

    @Test func memberOrderIsIgnored() throws {
        #expect(try changes(#"{"a": 1, "b": {"x": true, "y": false}}"#, #"{"b": {"y": false, "x": true}, "a": 1}"#).isEmpty)
    }

    @Test func numbersCompareAsExactDecimals() throws {
        #expect(try changes(#"{"n": 1.0, "m": 10e-1, "big": 12345678901234567890}"#, #"{"n": 1, "m": 1, "big": 1.2345678901234567890e19}"#).isEmpty)
        // These two are the same Double, but not the same number.
        let found = try changes("[9007199254740993]", "[9007199254740992]")
        #expect(found == [JSONDiff.Change(path: "$[0]", kind: .changed, old: try json("9007199254740993"), new: try json("9007199254740992"))])
    }

    @Test func nestedChangeIsReportedAtItsPath() throws {
        let found = try changes(#"{"user": {"name": "Ada", "age": 36}}"#, #"{"user": {"name": "Grace", "age": 36}}"#)
        #expect(found == [JSONDiff.Change(path: "$['user']['name']", kind: .changed, old: .string("Ada"), new: .string("Grace"))])
    }

    @Test func addedAndRemovedMembersComeInDocumentOrder() throws {
        let found = try changes(
            #"{"a": 1, "gone": true, "b": {"old": 1, "kept": 2}, "c": 3}"#,
            #"{"new2": "y", "c": 4, "b": {"kept": 2, "fresh": [1]}, "a": 1, "new1": "x"}"#
        )
        #expect(found == [
            JSONDiff.Change(path: "$['gone']", kind: .removed, old: .bool(true), new: nil),
            JSONDiff.Change(path: "$['b']['old']", kind: .removed, old: try json("1"), new: nil),
            JSONDiff.Change(path: "$['b']['fresh']", kind: .added, old: nil, new: try json("[1]")),
            JSONDiff.Change(path: "$['c']", kind: .changed, old: try json("3"), new: try json("4")),
            JSONDiff.Change(path: "$['new2']", kind: .added, old: nil, new: .string("y")),
            JSONDiff.Change(path: "$['new1']", kind: .added, old: nil, new: .string("x")),
        ])
    }

    @Test func aChangeOfTypeIsOneChangeNotACascade() throws {
        let found = try changes(#"{"v": {"a": 1, "b": [2, 3]}, "w": [1, 2], "x": "1", "y": null}"#, #"{"v": [1, 2], "w": {"0": 1}, "x": 1, "y": false}"#)
        #expect(found.map(\.path) == ["$['v']", "$['w']", "$['x']", "$['y']"])
        #expect(found.allSatisfy { $0.kind == .changed })
        #expect(found[0].old == (try json(#"{"a": 1, "b": [2, 3]}"#)))
        #expect(found[0].new == (try json("[1, 2]")))
        #expect(found[2].old == .string("1"))
    }

    @Test func arraysAreComparedIndexByIndex() throws {
        let longer = try changes(#"{"tags": ["a", "b"]}"#, #"{"tags": ["a", "B", "x", {"k": 1}]}"#)
        #expect(longer == [
            JSONDiff.Change(path: "$['tags'][1]", kind: .changed, old: .string("b"), new: .string("B")),
            JSONDiff.Change(path: "$['tags'][2]", kind: .added, old: nil, new: .string("x")),
            JSONDiff.Change(path: "$['tags'][3]", kind: .added, old: nil, new: try json(#"{"k": 1}"#)),
        ])
        let shorter = try changes("[1, 2, 3]", "[1]")
        #expect(shorter == [
            JSONDiff.Change(path: "$[1]", kind: .removed, old: try json("2"), new: nil),
            JSONDiff.Change(path: "$[2]", kind: .removed, old: try json("3"), new: nil),
        ])
        // An insertion at the front shifts every element: each index is compared with the same index.
        #expect(try changes(#"["a", "b"]"#, #"["z", "a", "b"]"#).map(\.kind) == [.changed, .changed, .added])
    }

    @Test func changesInsideArraysOfObjectsHaveFullPaths() throws {
        let found = try changes(#"{"items": [{"id": 1, "q": 2}, {"id": 2, "q": 5}]}"#, #"{"items": [{"id": 1, "q": 2}, {"id": 2, "q": 6}]}"#)
        #expect(found.map(\.path) == ["$['items'][1]['q']"])
    }

    @Test func rootScalarsAndContainersChangeAtTheRoot() throws {
        #expect(try changes("1", "2") == [JSONDiff.Change(path: "$", kind: .changed, old: try json("1"), new: try json("2"))])
        #expect(try changes("{}", "[]").map(\.path) == ["$"])
    }

    @Test func namesAreMatchedByScalarsAndEscapedInPaths() throws {
        // "é" precomposed and decomposed are different JSON names, though Swift's == equates them.
        let found = try changes(#"{"caf\u00e9": 1, "it's": 1}"#, #"{"cafe\u0301": 1, "it's": 2}"#)
        #expect(found.map(\.path) == ["$['café']", "$['it\\'s']", "$['cafe\u{301}']"])
        #expect(found.map(\.kind) == [.removed, .changed, .added])
    }

    @Test func duplicateNamesCountOnceWithTheLastValue() throws {
        #expect(try changes(#"{"a": 1, "a": 2}"#, #"{"a": 2}"#).isEmpty)
        #expect(try changes(#"{"a": 1, "a": 2}"#, #"{"a": 1}"#).map(\.path) == ["$['a']"])
    }

    @Test func veryDeepDocumentsDoNotExhaustTheStack() throws {
        let depth = 5_000
        let old = try json(String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth))
        let new = try json(String(repeating: "[", count: depth) + "2" + String(repeating: "]", count: depth))
        let found = JSONDiff.changes(from: old, to: new)
        #expect(found.count == 1)
        #expect(found.first?.path == "$" + String(repeating: "[0]", count: depth))
    }
}
