/// A `.http` or `.rest` file (VS Code REST Client and JetBrains HTTP Client) as read: its lines,
/// its file variables and its requests, each with the lines it came from, so that an edit can be
/// written back into exactly those lines and everything Portico does not model stays as it was.
public struct HTTPFileDocument: Sendable {
    /// The file's lines without their terminators.
    public var lines: [String]
    /// Each line's own terminator: `\n`, `\r\n`, or empty for a last line without one.
    public var terminators: [String]
    /// The terminator most lines have, for lines Portico writes.
    public var lineEnding: String
    public var variables: [HTTPFileVariable]
    public var requests: [HTTPFileRequest]
    /// Parts of the file that Portico reads but cannot act on (scripts, prompts, includes), by line.
    public var warnings: [ImportWarning]
}

/// `@name = value`, a variable the whole file shares.
public struct HTTPFileVariable: Hashable, Sendable {
    public var name: String
    public var value: String
    /// Index into `HTTPFileDocument.lines`.
    public var line: Int
}

/// One request of the file and where it is.
public struct HTTPFileRequest: Hashable, Sendable {
    public var template: RequestTemplate
    /// Whether the file named it (`# @name`, or a JetBrains `### title`): unnamed requests get a name
    /// from their method and URL, which is not written back.
    public var isNamed: Bool
    /// The whole block: from its `###` separator (or the start of the file) up to the next one.
    public var block: Range<Int>
    /// The `###` line that opens the block, if any.
    public var separatorLine: Int?
    /// The `# @name` line, if any.
    public var nameLine: Int?
    /// From the request line to the end of the body: the lines a changed request replaces.
    public var requestLines: Range<Int>
    /// How the file wrote what Portico models differently, so a rewrite keeps its look.
    public var style = HTTPFileRequestStyle()
}

/// Details of how a request was written that its template does not hold.
public struct HTTPFileRequestStyle: Hashable, Sendable {
    /// `HTTP/1.1` when the request line named a version.
    public var httpVersion: String?
    /// Where among the headers the Basic `Authorization` line stood.
    public var authorizationIndex: Int?
    /// `:` for `Basic user:password`, ` ` for `Basic user password`.
    public var basicSeparator: Character = " "
    /// Comment lines among the headers, each with how many header lines came before it.
    public var headerComments: [HeaderComment] = []

    public struct HeaderComment: Hashable, Sendable {
        public var position: Int
        public var line: String
    }

    public init() {}
}
