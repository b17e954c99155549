import Foundation
@testable import PorticoCore
import Testing

@Suite("Regular expressions compiled once per process")
struct CompiledExpressionsTests {
    @Test func aPatternAskedForAgainIsTheSameCompiledExpression() throws {
        let pattern = "compiled-once-\(UUID().uuidString)"
        let first = try #require(CompiledExpressions.expression(pattern))
        #expect(CompiledExpressions.expression(pattern) === first)
        #expect(first.firstMatch(in: "a \(pattern) b", range: NSRange(location: 0, length: pattern.utf16.count + 4)) != nil)
    }

    @Test func optionsMakeADifferentExpression() throws {
        let pattern = "Options-\(UUID().uuidString)"
        let plain = try #require(CompiledExpressions.expression(pattern))
        let folded = try #require(CompiledExpressions.expression(pattern, options: [.caseInsensitive]))
        #expect(plain !== folded)
        let lower = pattern.lowercased()
        let range = NSRange(location: 0, length: lower.utf16.count)
        #expect(plain.firstMatch(in: lower, range: range) == nil)
        #expect(folded.firstMatch(in: lower, range: range) != nil)
    }

    @Test func aPatternICURejectsIsNil() {
        #expect(CompiledExpressions.expression("unclosed-(\(UUID().uuidString)") == nil)
    }

    /// Past `capacity` patterns the oldest is let go, so a long session's memory stays bounded.
    @Test func theOldestPatternIsLetGoPastTheCapacity() throws {
        let store = CompiledExpressions(capacity: 3)
        let oldest = try #require(store.expression("p0"))
        let newer = try #require(store.expression("p1"))
        _ = store.expression("p2")
        #expect(store.expression("p0") === oldest)
        _ = store.expression("p3")
        #expect(store.expression("p1") === newer)
        #expect(store.expression("p0") !== oldest)
    }
}
