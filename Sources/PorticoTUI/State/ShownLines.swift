import PorticoCore

/// The lines a response tab shows: made on the spot (headers, timing, a decoded protocol answer),
/// or drawn from a body document a line at a time, so a 100 MB body costs only the lines on
/// screen. A few lines can go above the body (a note, a protocol summary).
public struct ShownLines: Sendable {
    /// Lines above the body: notes about it.
    public var header: [ResponseView.Line]
    /// The body's lines, when it is a document.
    public var document: BodyDocument?
    /// The lines, when they are not a document.
    public var memory: [ResponseView.Line]
    /// Hides the values of secrets in every line drawn from the document.
    var masker: SecretMasker?

    public init(_ lines: [ResponseView.Line], header: [ResponseView.Line] = []) {
        self.header = header
        memory = lines
    }

    /// The document's lines when there is one, else `lines`.
    init(_ lines: [ResponseView.Line], document: ShownLines?) {
        self = document ?? ShownLines(lines)
    }

    public init(document: BodyDocument, header: [ResponseView.Line] = [], masker: SecretMasker? = nil) {
        self.header = header
        self.document = document
        memory = []
        self.masker = masker
    }

    public var count: Int { header.count + (document?.lineCount ?? memory.count) }

    public func line(_ number: Int) -> ResponseView.Line {
        if number < header.count { return number >= 0 ? header[number] : [] }
        let body = number - header.count
        guard let document else { return memory.indices.contains(body) ? memory[body] : [] }
        let pieces = masker.map { document.line(body, hiding: $0) } ?? document.line(body)
        return pieces.map { ResponseView.Span($0.text, ResponseView.role($0.kind)) }
    }

    public func lines(_ range: Range<Int>) -> [ResponseView.Line] {
        range.clamped(to: 0..<count).map(line)
    }

    /// Every line: for small tabs, tests and copying what fits the clipboard.
    public var all: [ResponseView.Line] { lines(0..<count) }

    /// The document line of tab line `number`, when it is one.
    func documentLine(_ number: Int) -> Int? {
        guard document != nil, number >= header.count, number < count else { return nil }
        return number - header.count
    }
}
