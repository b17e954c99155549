import Foundation

/// What a response body is, so the viewer can show it the right way: its kind, its charset and a
/// line for people, decided from its Content-Type and its first bytes.
///
/// When the declared type and the bytes disagree:
/// - Charset: a byte order mark wins over a `charset` parameter (it is not there by accident). A
///   parameter naming a charset Portico does not read falls back to UTF-8, with a note. With
///   neither, bytes whose every other byte is zero beside ASCII are UTF-16 (RFC 4627 §3 detected
///   JSON so); otherwise UTF-8.
/// - Binary bytes (`BodySample.looksBinary`: a NUL, or many control characters or invalid
///   UTF-8) win over a declared text type: shown as text they would be noise, and the hex view
///   hides nothing.
/// - A raster image's signature wins over the declared type when that type is an image type or
///   the bytes are not text either: an `application/octet-stream` PNG is an image, a `text/plain`
///   body that begins "GIF89a is…" stays text.
/// - Otherwise a declared JSON, JSON Lines, XML, HTML, form or text type is kept even when its
///   bytes do not parse: the document falls back to text by itself and says where the format
///   broke. The one exception: a body declared JSON whose lines are each a whole value is JSON
///   Lines, as servers often stream them under application/json.
/// - With no type, or `application/octet-stream` (the server does not know), the bytes decide:
///   HTML, JSON Lines, JSON, XML (a declaration or any markup first), else text.
/// - Under text/plain and unknown types (`application/vnd.…`), the bytes may make it HTML, JSON
///   Lines, JSON or XML (by its declaration only, as `<` starts many texts); other `text/*`
///   types (CSV, CSS, Markdown) are text.
/// - Known binary types (image/*, audio/*, video/*, font/*, archives, PDF) are never read as text.
/// - An empty body is empty text, whatever its type.
public struct BodyContent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case json
        /// JSON Lines (NDJSON): one value after another.
        case jsonLines
        /// XML, SVG included.
        case xml
        case html
        case text
        /// application/x-www-form-urlencoded: `FormBody` shows its fields.
        case form
        /// A raster image, shown as its description and its bytes.
        case image(ImageInfo)
        case binary
    }

    /// How many first bytes of a body `detect` looks at.
    public static let sampleSize = 64 << 10

    public var kind: Kind
    /// The charset of a text kind (UTF-8 for images and binary bodies).
    public var charset: BodyCharset
    /// The length of a byte order mark at the start, which no layout shows.
    public var byteOrderMarkLength: Int
    /// The declared media type without parameters, lowercased; nil when there is none.
    public var mediaType: String?
    /// What a person should know about how the body was read: a type or charset that was not
    /// taken at its word, or one Portico does not know.
    public var note: String?
    /// One line for people: "PNG image, 640 × 480, 12.3 KiB", "binary, 1.2 MiB (application/octet-stream)",
    /// "windows-1252 text, converted to UTF-8, 3.1 KiB".
    public var summary: String

    /// Whether a text layout needs the bytes through `BodyTranscoding` first: another charset, or
    /// a byte order mark to drop.
    public var needsTranscoding: Bool {
        charset != .utf8 || byteOrderMarkLength > 0
    }

    /// - Parameters:
    ///   - leading: the body's first bytes; only the first `sampleSize` are looked at.
    ///   - size: the whole body's size.
    public static func detect(contentType: String?, leading: Data, size: Int) -> BodyContent {
        let type = contentType?.lowercased() ?? ""
        let essence = (type.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
        let mediaType = essence.isEmpty ? nil : essence
        guard size > 0 else {
            return BodyContent(kind: .text, charset: .utf8, byteOrderMarkLength: 0, mediaType: mediaType, note: nil, summary: "empty body")
        }
        let leading = leading.prefix(sampleSize)
        let reading = TextReading(type: type, leading: leading)
        let sample = BodySample(leading: leading, charset: reading.charset, byteOrderMarkLength: reading.byteOrderMarkLength, isWhole: leading.count >= size)
        let image = ImageInfo.read(leading)
        let (kind, kindNote) = kind(declared: DeclaredType(essence), mediaType: mediaType, sample: sample, image: image)

        let isText: Bool
        switch kind {
        case .image, .binary: isText = false
        default: isText = true
        }
        let notes = [kindNote, isText ? reading.note : nil].compactMap { $0 }
        let note = notes.isEmpty ? nil : notes.joined(separator: "; ")
        let charset = isText ? reading.charset : .utf8
        let sizeText = ByteCountText.text(size)
        var summary: String
        switch kind {
        case .image(let info): summary = "\(info.description), \(sizeText)"
        case .binary: summary = "binary, \(sizeText) (\(mediaType ?? "no Content-Type"))"
        default:
            var name = kind.name
            if kind == .xml, let image, image.format == .svg { name = image.description }
            summary = charset == .utf8 ? "\(name), \(sizeText)" : "\(charset.name) \(name), converted to UTF-8, \(sizeText)"
        }
        if let note { summary += "; \(note)" }
        return BodyContent(kind: kind, charset: charset, byteOrderMarkLength: isText ? reading.byteOrderMarkLength : 0,
                           mediaType: mediaType, note: note, summary: summary)
    }

    /// The kind, and a note when the bytes overruled the declared type.
    private static func kind(declared: DeclaredType, mediaType: String?, sample: BodySample, image: ImageInfo?) -> (Kind, String?) {
        let sentAs = mediaType.map { "sent as \($0)" }
        if let image, image.format != .svg, declared == .image || sample.looksBinary {
            return (.image(image), image.format.mediaTypes.contains(mediaType ?? "") ? nil : sentAs)
        }
        switch declared {
        case .image, .binary:
            return (.binary, nil)
        case .unknown:
            if sample.looksBinary { return (.binary, nil) }
            return (sniffed(sample, markup: true) ?? .text, mediaType == nil ? "no Content-Type" : sentAs)
        case .json, .jsonLines, .xml, .html, .form, .otherText:
            let declaredKind: Kind = switch declared {
            case .json: .json
            case .jsonLines: .jsonLines
            case .xml: .xml
            case .html: .html
            case .form: .form
            default: .text
            }
            if sample.looksBinary { return (.binary, sentAs.map { "\($0), but the bytes are binary" }) }
            if declaredKind == .json, sample.looksLikeJSONLines {
                return (.jsonLines, sentAs.map { "\($0), but each line is a JSON value of its own" })
            }
            return (declaredKind, nil)
        case .plainText, .other:
            if sample.looksBinary { return (.binary, sentAs.map { "\($0), but the bytes are binary" }) }
            guard let found = sniffed(sample, markup: false) else { return (.text, nil) }
            return (found, sentAs)
        }
    }

    /// The text format the sample shows, if any; a bare `<` counts as XML only with `markup`.
    private static func sniffed(_ sample: BodySample, markup: Bool) -> Kind? {
        if sample.startsLikeHTML { return .html }
        if sample.looksLikeJSONLines { return .jsonLines }
        if sample.looksLikeJSON { return .json }
        if sample.startsWithXMLDeclaration || (markup && sample.startsWithMarkup) { return .xml }
        return nil
    }
}

extension BodyContent.Kind {
    /// What people call it.
    public var name: String {
        switch self {
        case .json: "JSON"
        case .jsonLines: "JSON Lines"
        case .xml: "XML"
        case .html: "HTML"
        case .text: "text"
        case .form: "form data"
        case .image(let info): info.description
        case .binary: "binary"
        }
    }
}

extension ImageInfo.Format {
    /// The media types that name this format.
    var mediaTypes: Set<String> {
        switch self {
        case .png: ["image/png", "image/apng"]
        case .gif: ["image/gif"]
        case .jpeg: ["image/jpeg", "image/jpg", "image/pjpeg"]
        case .webp: ["image/webp"]
        case .bmp: ["image/bmp", "image/x-bmp", "image/x-ms-bmp"]
        case .ico: ["image/x-icon", "image/vnd.microsoft.icon", "image/ico"]
        case .svg: ["image/svg+xml"]
        }
    }
}

/// What a declared media type says a body is, before the bytes have their say.
private enum DeclaredType: Equatable {
    /// No type, or one that means the server does not know.
    case unknown
    case json, jsonLines, xml, html, form
    case plainText
    /// Another text/* type: CSV, CSS, Markdown, JavaScript.
    case otherText
    /// An image type other than SVG.
    case image
    /// Audio, video, fonts, archives, PDF: never text.
    case binary
    /// Any other type, e.g. application/vnd.example.
    case other

    init(_ essence: String) {
        switch essence {
        case "", "application/octet-stream", "binary/octet-stream", "application/unknown":
            self = .unknown
        case "application/json", "text/json":
            self = .json
        case "application/x-ndjson", "application/jsonl", "application/jsonlines", "application/x-jsonlines":
            self = .jsonLines
        case "text/xml", "application/xml":
            self = .xml
        case "text/html":
            self = .html
        case "application/x-www-form-urlencoded":
            self = .form
        case "text/plain":
            self = .plainText
        case _ where essence.hasSuffix("+json"):
            self = .json
        case _ where essence.hasSuffix("+xml"):
            self = .xml
        case _ where essence.hasPrefix("text/"):
            self = .otherText
        case _ where essence.hasPrefix("image/"):
            self = .image
        case _ where Self.binaryPrefixes.contains(where: essence.hasPrefix):
            self = .binary
        default:
            self = .other
        }
    }

    private static let binaryPrefixes = [
        "audio/", "video/", "font/", "application/zip", "application/gzip", "application/x-gzip", "application/x-tar",
        "application/x-7z-compressed", "application/x-bzip2", "application/zstd", "application/pdf", "application/wasm",
        "application/x-protobuf", "application/protobuf", "application/vnd.google.protobuf",
    ]
}

/// The charset a body is read in, from its byte order mark, its `charset` parameter or its bytes.
private struct TextReading {
    var charset = BodyCharset.utf8
    var byteOrderMarkLength = 0
    var note: String?

    init(type: String, leading: Data) {
        let label = BodyText.charset(of: type)
        let named = label.flatMap(BodyCharset.init(label:))
        if let mark = BodyCharset.byteOrderMark(at: leading) {
            charset = mark.charset
            byteOrderMarkLength = mark.length
            // A bare "utf-16" leaves the order to the mark (RFC 2781 §4.3).
            let agrees = named == mark.charset || (["utf-16", "utf16"].contains(label ?? "") && mark.charset != .utf8)
            if let label, !agrees { note = "the byte order mark says \(mark.charset.name), not charset=\(label)" }
        } else if let label {
            if let named {
                charset = named
            } else {
                note = "unknown charset \"\(label)\", read as UTF-8"
            }
        } else if let found = Self.utf16WithoutMark(leading) {
            charset = found
            note = "no charset given; the bytes look like \(found.name)"
        }
    }

    /// UTF-16 without a byte order mark, known by ASCII text with a zero byte beside every
    /// character: the zero after (little-endian) or before (big-endian) each.
    private static func utf16WithoutMark(_ leading: Data) -> BodyCharset? {
        let bytes = Array(leading.prefix(64))
        let count = bytes.count & ~1
        guard count >= 4 else { return nil }
        func isText(_ byte: UInt8) -> Bool { (0x20..<0x7F).contains(byte) || [0x09, 0x0A, 0x0D].contains(byte) }
        let evens = stride(from: 0, to: count, by: 2).map { bytes[$0] }
        let odds = stride(from: 1, to: count, by: 2).map { bytes[$0] }
        if odds.allSatisfy({ $0 == 0 }), evens.allSatisfy(isText) { return .utf16LittleEndian }
        if evens.allSatisfy({ $0 == 0 }), odds.allSatisfy(isText) { return .utf16BigEndian }
        return nil
    }
}
