/// Folded objects, arrays and elements of the body tab: each hides the lines after its opening
/// line up to and including its closing line. Rows on screen map to lines and back by binary
/// search over the folds, so thousands of folds (every record of a large array) cost nothing
/// per frame.
public struct FoldSet: Hashable, Sendable {
    /// Opening line to closing line, as folded (a fold inside another is kept for when the outer
    /// one opens).
    public private(set) var folds: [Int: Int] = [:]
    /// The folds that hide lines now (not inside another), by opening line.
    private var openers: [Int] = []
    private var closers: [Int] = []
    /// Lines hidden by the effective folds before each one.
    private var hiddenBefore: [Int] = []

    public init() {}

    public var isEmpty: Bool { folds.isEmpty }

    /// Lines hidden in all.
    public var hiddenCount: Int { (hiddenBefore.last ?? 0) + (closers.last.map { $0 - openers.last! } ?? 0) }

    public func isFolded(_ line: Int) -> Bool { folds[line] != nil }

    /// The closing line of the effective fold at `line`, if it opens one that hides lines now.
    public func closer(ofFoldAt line: Int) -> Int? {
        let position = lastOpener(atOrBefore: line)
        guard let position, openers[position] == line else { return nil }
        return closers[position]
    }

    public mutating func fold(_ opener: Int, to closer: Int) {
        folds[opener] = closer
        rebuild()
    }

    public mutating func unfold(_ opener: Int) {
        folds[opener] = nil
        rebuild()
    }

    /// Unfolds all of `openers` at once (every record of a long list).
    public mutating func unfold(_ openers: [Int]) {
        for opener in openers { folds[opener] = nil }
        rebuild()
    }

    public mutating func fold(_ pairs: [(opener: Int, closer: Int)]) {
        for pair in pairs { folds[pair.opener] = pair.closer }
        rebuild()
    }

    /// Opens every fold hiding `line`, so it can be shown.
    public mutating func reveal(_ line: Int) {
        var changed = false
        for (opener, closer) in folds where opener < line && line <= closer {
            folds[opener] = nil
            changed = true
        }
        if changed { rebuild() }
    }

    private mutating func rebuild() {
        openers = []
        closers = []
        hiddenBefore = []
        var hidden = 0
        for opener in folds.keys.sorted() {
            let closer = folds[opener]!
            if let last = closers.last, opener <= last { continue }
            hiddenBefore.append(hidden)
            openers.append(opener)
            closers.append(closer)
            hidden += closer - opener
        }
    }

    /// The index in `openers` of the last effective fold opening at or before `line`.
    private func lastOpener(atOrBefore line: Int) -> Int? {
        var low = 0, high = openers.count - 1
        var found: Int?
        while low <= high {
            let middle = (low + high) / 2
            if openers[middle] <= line {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return found
    }

    /// The line shown on row `row` (rows count visible lines from the top).
    public func line(atRow row: Int) -> Int {
        // The last fold whose opening row is before `row`: every fold up to it hides its lines.
        var low = 0, high = openers.count - 1
        var found: Int?
        while low <= high {
            let middle = (low + high) / 2
            if openers[middle] - hiddenBefore[middle] < row {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        guard let found else { return row }
        return row + hiddenBefore[found] + closers[found] - openers[found]
    }

    /// The row showing `line`; a hidden line shows on its fold's row.
    public func row(ofLine line: Int) -> Int {
        guard let position = lastOpener(atOrBefore: line) else { return line }
        if line <= closers[position] { return openers[position] - hiddenBefore[position] }
        return line - hiddenBefore[position] - (closers[position] - openers[position])
    }

    /// Rows in all for `lineCount` lines.
    public func rowCount(lineCount: Int) -> Int { max(0, lineCount - hiddenCount) }
}
