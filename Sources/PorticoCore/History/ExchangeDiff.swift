import Foundation

/// What differs between two recorded exchanges, as lines that the CLI prints and the TUI shows:
/// the request line, the status, the response headers, the timings and the response body.
///
/// Every text that came from the network or from a record passes through the terminal sanitiser
/// (`TerminalText.replacement(for:)`) and is kept to one line, so a hostile header or body cannot
/// send escape sequences to the terminal or break the layout.
public enum ExchangeDiff {
    public struct Line: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: Sendable, Hashable {
            /// The name of a section: Request, Status, Headers, Timing, Body.
            case heading
            /// Unchanged, or a remark about both sides (sizes, truncation).
            case same
            /// Only in the old exchange.
            case removed
            /// Only in the new exchange.
            case added
            /// In both, different; the text shows `old → new`.
            case changed
        }

        public var kind: Kind
        /// The line without its marker; a heading's name.
        public var text: String

        public init(kind: Kind, text: String) {
            self.kind = kind
            self.text = text
        }

        /// The marker a plain-text rendering puts before `text`: `+`, `-`, `~` or a space.
        public var marker: String {
            switch kind {
            case .heading: ""
            case .same: " "
            case .removed: "-"
            case .added: "+"
            case .changed: "~"
            }
        }

        /// The line as plain text: headings bare, other lines after their marker and a space.
        public var description: String { kind == .heading ? text : marker + " " + text }
    }

    /// Texts with more lines than this on either side are compared by size only: the line diff
    /// takes time proportional to the product of the two line counts.
    public static let maximumDiffedLines = 5_000
    /// JSON values longer than this many characters are cut, so that one change stays one line.
    public static let maximumValueLength = 120
    /// Header values and body lines longer than this are cut: a minified body can be one line of
    /// megabytes, which no terminal line can show.
    public static let maximumLineLength = 1_000
    /// Body changes beyond this many are counted rather than listed.
    public static let maximumBodyChanges = 2_000
    /// Unchanged lines kept around each change in a text diff.
    static let contextLines = 3

    /// Compares `old` with `new`. `oldBody` and `newBody` are the bytes of their response bodies,
    /// loaded by the caller; nil when there is none or it could not be loaded.
    public static func lines(old: HistoryRecord, oldBody: Data?, new: HistoryRecord, newBody: Data?) -> [Line] {
        var lines: [Line] = []
        lines.append(Line(kind: .heading, text: "Request"))
        lines += requestLines(old.request, new.request)
        lines.append(Line(kind: .heading, text: "Status"))
        lines += statusLines(old, new)
        lines.append(Line(kind: .heading, text: "Headers"))
        lines += headerLines(old.response?.headers ?? [], new.response?.headers ?? [])
        lines.append(Line(kind: .heading, text: "Timing"))
        lines += timingLines(old.timing, new.timing)
        lines.append(Line(kind: .heading, text: "Body"))
        lines += bodyLines(old: BodySide(record: old, data: oldBody, side: "old"), new: BodySide(record: new, data: newBody, side: "new"))
        return lines
    }

    // MARK: - Sections

    private static func requestLines(_ old: HistoryRecord.Request, _ new: HistoryRecord.Request) -> [Line] {
        let oldLine = displayable(old.method + " " + old.url)
        let newLine = displayable(new.method + " " + new.url)
        if old.method == new.method, old.url == new.url { return [Line(kind: .same, text: oldLine)] }
        return [Line(kind: .removed, text: oldLine), Line(kind: .added, text: newLine)]
    }

    private static func statusLines(_ old: HistoryRecord, _ new: HistoryRecord) -> [Line] {
        let oldOutcome = outcome(old)
        let newOutcome = outcome(new)
        if oldOutcome == newOutcome { return [Line(kind: .same, text: oldOutcome)] }
        return [Line(kind: .changed, text: oldOutcome + " → " + newOutcome)]
    }

    /// The status line, and the error when the exchange failed (possibly after the head arrived).
    private static func outcome(_ record: HistoryRecord) -> String {
        var parts: [String] = []
        if let response = record.response {
            let reason = response.reason.isEmpty ? HTTPStatus.reason(for: response.status) : response.reason
            parts.append(reason.isEmpty ? String(response.status) : "\(response.status) \(reason)")
        } else {
            parts.append("no response")
        }
        if let error = record.error { parts.append("\(error.kind): \(error.message)") }
        return displayable(parts.joined(separator: "; "))
    }

    /// Headers matched by name case-insensitively, as HTTP defines names; values compared exactly.
    /// A name that repeats (Set-Cookie) is compared as its list of values in order.
    private static func headerLines(_ old: [HTTPField], _ new: [HTTPField]) -> [Line] {
        let oldGroups = HeaderGroup.grouping(old)
        let newGroups = HeaderGroup.grouping(new)
        let newByName = Dictionary(uniqueKeysWithValues: newGroups.map { ($0.key, $0) })
        let oldNames = Set(oldGroups.map(\.key))
        var lines: [Line] = []
        var unchanged = 0
        for group in oldGroups {
            guard let counterpart = newByName[group.key] else {
                lines += group.values.map { Line(kind: .removed, text: headerText(group.name, $0)) }
                continue
            }
            if group.values == counterpart.values {
                unchanged += 1
            } else if group.values.count == 1, counterpart.values.count == 1 {
                let oldValue = displayable(group.values[0])
                let newValue = displayable(counterpart.values[0])
                lines.append(Line(kind: .changed, text: displayable(group.name) + ": " + oldValue + " → " + newValue))
            } else {
                lines += group.values.map { Line(kind: .removed, text: headerText(group.name, $0)) }
                lines += counterpart.values.map { Line(kind: .added, text: headerText(counterpart.name, $0)) }
            }
        }
        for group in newGroups where !oldNames.contains(group.key) {
            lines += group.values.map { Line(kind: .added, text: headerText(group.name, $0)) }
        }
        if lines.isEmpty {
            return [Line(kind: .same, text: unchanged == 0 ? "no headers on either side" : "identical (\(count(unchanged, "header")))")]
        }
        if unchanged > 0 { lines.append(Line(kind: .same, text: "\(count(unchanged, "other header")) identical")) }
        return lines
    }

    private static func headerText(_ name: String, _ value: String) -> String {
        displayable(name + ": " + value)
    }

    /// All values of one header name, under the spelling of its first occurrence.
    private struct HeaderGroup {
        let key: String
        let name: String
        var values: [String]

        static func grouping(_ fields: [HTTPField]) -> [HeaderGroup] {
            var groups: [HeaderGroup] = []
            var positions: [String: Int] = [:]
            for field in fields {
                let key = field.name.lowercased()
                if let position = positions[key] {
                    groups[position].values.append(field.value)
                } else {
                    positions[key] = groups.count
                    groups.append(HeaderGroup(key: key, name: field.name, values: [field.value]))
                }
            }
            return groups
        }
    }

    private static func timingLines(_ old: HistoryRecord.Timing, _ new: HistoryRecord.Timing) -> [Line] {
        [timingLine("time to first byte", old.ttfbMs, new.ttfbMs), timingLine("total", old.totalMs, new.totalMs)]
    }

    private static func timingLine(_ label: String, _ old: Double?, _ new: Double?) -> Line {
        let oldText = old.map(milliseconds) ?? "none"
        let newText = new.map(milliseconds) ?? "none"
        if oldText == newText { return Line(kind: .same, text: "\(label): \(oldText)") }
        var text = "\(label): \(oldText) → \(newText)"
        if let old, let new { text += " (" + String(format: "%+.1f ms", new - old) + ")" }
        return Line(kind: .changed, text: text)
    }

    private static func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value) }

    // MARK: - Body

    /// One exchange's response body as far as the diff needs it.
    private struct BodySide {
        let side: String
        let data: Data?
        let recorded: HistoryRecord.Body?
        let contentType: String?

        init(record: HistoryRecord, data: Data?, side: String) {
            self.side = side
            self.data = data
            recorded = record.response?.body
            contentType = record.response?.headers.first(named: "Content-Type")
        }

        /// The record says there is a body, but the caller could not supply its bytes.
        var isMissing: Bool { data == nil && (recorded?.size ?? 0) > 0 }
        var bytes: Data { data ?? Data() }
    }

    private static func bodyLines(old: BodySide, new: BodySide) -> [Line] {
        var lines: [Line] = []
        for side in [old, new] {
            if let recorded = side.recorded, recorded.truncated == true {
                lines.append(Line(kind: .same, text: "the \(side.side) body was kept only in part (\(side.bytes.count) of \(count(recorded.size, "byte"))); comparing what was kept"))
            }
        }
        let missing = [old, new].filter(\.isMissing)
        if !missing.isEmpty {
            lines += missing.map { Line(kind: .same, text: "the \($0.side) body (\(count($0.recorded?.size ?? 0, "byte"))) is not available") }
            return lines
        }
        if old.bytes == new.bytes {
            lines.append(Line(kind: .same, text: old.bytes.isEmpty ? "no body on either side" : "identical (\(count(old.bytes.count, "byte")))"))
            return lines
        }
        if !old.bytes.isEmpty, !new.bytes.isEmpty,
           let oldDocument = try? JSONValue.parse(old.bytes), let newDocument = try? JSONValue.parse(new.bytes) {
            return lines + jsonLines(JSONDiff.changes(from: oldDocument, to: newDocument))
        }
        guard let oldText = BodyText.decode(old.bytes, contentType: old.contentType),
              let newText = BodyText.decode(new.bytes, contentType: new.contentType) else {
            lines.append(Line(kind: .changed, text: "binary content differs: \(count(old.bytes.count, "byte")) → \(count(new.bytes.count, "byte"))"))
            return lines
        }
        return lines + textLines(oldText, newText, old: old.bytes, new: new.bytes)
    }

    private static func jsonLines(_ changes: [JSONDiff.Change]) -> [Line] {
        if changes.isEmpty { return [Line(kind: .same, text: "equal as JSON (only the formatting differs)")] }
        var lines = changes.prefix(maximumBodyChanges).map { change -> Line in
            let path = cut(change.path, limit: maximumLineLength) + ": "
            switch change.kind {
            case .added: return Line(kind: .added, text: sanitized(path + value(change.new)))
            case .removed: return Line(kind: .removed, text: sanitized(path + value(change.old)))
            case .changed: return Line(kind: .changed, text: sanitized(path + value(change.old) + " → " + value(change.new)))
            }
        }
        if changes.count > maximumBodyChanges {
            lines.append(Line(kind: .same, text: "… and \(count(changes.count - maximumBodyChanges, "more change"))"))
        }
        return lines
    }

    private static func value(_ value: JSONValue?) -> String {
        cut(value?.serialized(.compact) ?? "", limit: maximumValueLength)
    }

    private static func textLines(_ oldText: String, _ newText: String, old: Data, new: Data) -> [Line] {
        let oldLines = splitLines(oldText)
        let newLines = splitLines(newText)
        if oldLines.count > maximumDiffedLines || newLines.count > maximumDiffedLines {
            return [Line(kind: .changed, text: "too long to compare line by line (\(count(oldLines.count, "line")) → \(count(newLines.count, "line"))); \(count(old.count, "byte")) → \(count(new.count, "byte")), contents differ")]
        }
        let edits = LineDiff.edits(oldLines, newLines)
        let changeCount = edits.count { $0.isChange }
        guard changeCount > 0 else {
            return [Line(kind: .changed, text: "the lines are the same; the bytes differ (line endings or encoding)")]
        }
        // Keep the unchanged lines near a change; fold each longer run into one line.
        var nearChange = [Bool](repeating: false, count: edits.count)
        for (index, edit) in edits.enumerated() where edit.isChange {
            for near in max(0, index - contextLines)...min(edits.count - 1, index + contextLines) { nearChange[near] = true }
        }
        var lines: [Line] = []
        var folded = 0
        func flushFolded() {
            if folded > 0 { lines.append(Line(kind: .same, text: "⋯ \(count(folded, "unchanged line"))")) }
            folded = 0
        }
        var shownChanges = 0
        for (index, edit) in edits.enumerated() {
            guard nearChange[index] else {
                folded += 1
                continue
            }
            flushFolded()
            switch edit {
            case .same(let oldIndex):
                lines.append(Line(kind: .same, text: displayable(oldLines[oldIndex])))
            case .removed(let oldIndex):
                lines.append(Line(kind: .removed, text: displayable(oldLines[oldIndex])))
                shownChanges += 1
            case .added(let newIndex):
                lines.append(Line(kind: .added, text: displayable(newLines[newIndex])))
                shownChanges += 1
            }
            if shownChanges == maximumBodyChanges, changeCount > maximumBodyChanges {
                lines.append(Line(kind: .same, text: "… and \(count(changeCount - maximumBodyChanges, "more changed line"))"))
                return lines
            }
        }
        flushFolded()
        return lines
    }

    /// Lines without their terminators, LF or CRLF (one `Character` in Swift, so both are
    /// matched); a final line end does not start an empty last line.
    static func splitLines(_ text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    // MARK: - Text

    /// `text` made safe for one terminal line: every control character but tab (line ends
    /// included), every bidi and invisible character becomes a visible symbol, as `TerminalText`
    /// shows them.
    static func sanitized(_ text: String) -> String {
        var shown = ""
        for character in text {
            if character == "\t" { shown.append(character) } else { shown += TerminalText.visible(character) ?? String(character) }
        }
        return shown
    }

    /// `text` cut after `limit` characters, with `…` saying so.
    static func cut(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    /// A whole line of record text: cut to the line limit, then sanitized.
    private static func displayable(_ text: String) -> String {
        sanitized(cut(text, limit: maximumLineLength))
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}

/// The shortest edit script between two lists of lines, by Hirschberg's algorithm: a longest
/// common subsequence in time proportional to the product of the lengths, but in linear space,
/// so 5,000 lines a side needs no 25-million-cell table.
enum LineDiff {
    enum Edit: Equatable {
        /// A line both sides have: its index in the old list.
        case same(Int)
        /// Only in the old list: its index there.
        case removed(Int)
        /// Only in the new list: its index there.
        case added(Int)

        var isChange: Bool {
            if case .same = self { false } else { true }
        }
    }

    static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        // Lines become numbers, equal exactly when their UTF-8 is (Swift's `String ==` would also
        // equate canonically equivalent spellings, which are different bytes on the wire).
        var numbers: [[UInt8]: Int] = [:]
        func number(_ line: String) -> Int {
            let key = Array(line.utf8)
            if let known = numbers[key] { return known }
            numbers[key] = numbers.count
            return numbers.count - 1
        }
        let oldNumbers = old.map(number)
        let newNumbers = new.map(number)
        var edits: [Edit] = []
        edits.reserveCapacity(max(old.count, new.count))
        align(oldNumbers[...], newNumbers[...], into: &edits)
        return edits
    }

    /// Appends the edits turning `old` into `new`; slices keep their indexes into the full lists.
    /// Recursion halves `old` each time, so its depth is the logarithm of the line count.
    private static func align(_ old: ArraySlice<Int>, _ new: ArraySlice<Int>, into edits: inout [Edit]) {
        var old = old
        var new = new
        while let first = old.first, first == new.first {
            edits.append(.same(old.startIndex))
            old = old.dropFirst()
            new = new.dropFirst()
        }
        var commonSuffix = 0
        while commonSuffix < min(old.count, new.count), old[old.endIndex - 1 - commonSuffix] == new[new.endIndex - 1 - commonSuffix] {
            commonSuffix += 1
        }
        let suffixStart = old.endIndex - commonSuffix
        old = old.dropLast(commonSuffix)
        new = new.dropLast(commonSuffix)

        if old.isEmpty {
            edits += new.indices.map { .added($0) }
        } else if new.isEmpty {
            edits += old.indices.map { .removed($0) }
        } else if old.count == 1 {
            // Prefix and suffix trimming left one old line that is neither new's first nor last.
            if let match = new.firstIndex(of: old[old.startIndex]) {
                edits += new[..<match].indices.map { .added($0) }
                edits.append(.same(old.startIndex))
                edits += new[(match + 1)...].indices.map { .added($0) }
            } else {
                edits.append(.removed(old.startIndex))
                edits += new.indices.map { .added($0) }
            }
        } else {
            let middle = old.startIndex + old.count / 2
            let forward = lcsLengths(old[..<middle], new)
            let backward = lcsLengths(old[middle...].reversed(), new.reversed())
            var split = 0
            var best = -1
            for offset in 0...new.count where forward[offset] + backward[new.count - offset] > best {
                best = forward[offset] + backward[new.count - offset]
                split = offset
            }
            align(old[..<middle], new[..<(new.startIndex + split)], into: &edits)
            align(old[middle...], new[(new.startIndex + split)...], into: &edits)
        }
        edits += (0..<commonSuffix).map { .same(suffixStart + $0) }
    }

    /// For each prefix length k of `new` (which is not empty), the length of the longest common
    /// subsequence of `old` and `new`'s first k elements; one row at a time.
    private static func lcsLengths<Old: Swift.Collection<Int>, New: Swift.Collection<Int>>(_ old: Old, _ new: New) -> [Int] {
        let newElements = Array(new)
        var previous = [Int](repeating: 0, count: newElements.count + 1)
        var current = previous
        for element in old {
            for column in 1...newElements.count {
                current[column] = element == newElements[column - 1]
                    ? previous[column - 1] + 1
                    : max(previous[column], current[column - 1])
            }
            swap(&previous, &current)
        }
        return previous
    }
}
