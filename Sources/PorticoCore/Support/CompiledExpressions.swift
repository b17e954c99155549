import Foundation
import Synchronization

/// Regular expressions compiled once per process and shared by whoever asks for the same pattern.
///
/// Two reasons. swift-corelibs-foundation leaks its copy of every pattern longer than 256 UTF-16
/// units that compiles (`_CFRegularExpressionCreate` frees the copy only when ICU rejects the
/// pattern), so compiling a pattern once bounds the leak to the patterns a session uses, however
/// often it uses them. And the explorer asks for a search's expression at every frame, which now
/// costs a lookup instead of a compile.
///
/// `NSRegularExpression` is immutable once made and documented as safe to use from several
/// threads at once, so one compiled expression serves every caller.
public final class CompiledExpressions: Sendable {
    /// The one the process shares.
    static let shared = CompiledExpressions(capacity: 256)

    /// Patterns kept at most; past that the oldest is compiled again when next asked for.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The compiled `pattern`, or nil when ICU cannot compile it, from the process's shared store.
    public static func expression(_ pattern: String, options: NSRegularExpression.Options = []) -> NSRegularExpression? {
        shared.expression(pattern, options: options)
    }

    /// The compiled `pattern`, or nil when ICU cannot compile it (remembered as well).
    func expression(_ pattern: String, options: NSRegularExpression.Options = []) -> NSRegularExpression? {
        let key = Key(pattern: pattern, options: options.rawValue)
        if let known = kept.withLock({ $0.expressions[key] }) { return known.expression }
        // Compiled outside the lock: a long pattern takes a while, and two threads compiling the same
        // one at once only means one of the two copies is kept.
        let compiled = Compiled(expression: try? NSRegularExpression(pattern: pattern, options: options))
        return kept.withLock { kept in
            if let raced = kept.expressions[key] { return raced.expression }
            kept.expressions[key] = compiled
            kept.order.append(key)
            if kept.order.count > capacity {
                kept.expressions[kept.order.removeFirst()] = nil
            }
            return compiled.expression
        }
    }

    private struct Key: Hashable {
        var pattern: String
        var options: UInt
    }

    /// `@unchecked Sendable`: see the type's comment; the expression is never changed once made.
    private struct Compiled: @unchecked Sendable {
        let expression: NSRegularExpression?
    }

    private struct Kept {
        var expressions: [Key: Compiled] = [:]
        /// The keys in the order they were compiled, oldest first.
        var order: [Key] = []
    }

    private let kept = Mutex(Kept())
}
