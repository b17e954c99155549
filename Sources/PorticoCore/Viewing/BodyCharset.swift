import Foundation

/// The character encodings the viewer reads a text body in. Everything is shown as UTF-8, so a
/// body in any other of these is converted first (`BodyTranscoding`).
public enum BodyCharset: Hashable, Sendable {
    case utf8
    /// Latin-1 with printable characters (€, curly quotes, dashes) where Latin-1 has its C1
    /// controls, 0x80 to 0x9F. The ISO-8859-1 and Latin-1 labels read as this too, as the WHATWG
    /// Encoding Standard and every browser read them: text labelled Latin-1 is nearly always
    /// windows-1252, and the C1 controls are never text.
    case windows1252
    case utf16LittleEndian
    case utf16BigEndian

    /// The name people know it by.
    public var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .windows1252: "windows-1252"
        case .utf16LittleEndian: "UTF-16LE"
        case .utf16BigEndian: "UTF-16BE"
        }
    }

    /// The charset a `charset=` parameter names (case and quotes ignored), or nil for one the
    /// viewer does not read. US-ASCII is read as UTF-8, of which it is a part: a body that keeps
    /// to its 128 characters needs no conversion, and one that does not breaks the label anyway.
    /// `utf-16` without a byte order mark is big-endian (RFC 2781 §4.3).
    public init?(label: String) {
        let label = label.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us":
            self = .utf8
        case "windows-1252", "cp1252", "x-cp1252", "cswindows1252",
             "iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "latin1", "latin-1", "l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1":
            self = .windows1252
        case "utf-16le":
            self = .utf16LittleEndian
        case "utf-16", "utf16", "utf-16be", "unicode-1-1", "csunicode":
            self = .utf16BigEndian
        default:
            return nil
        }
    }

    /// The charset a byte order mark at the start of `bytes` announces, and the mark's length.
    public static func byteOrderMark(at bytes: Data) -> (charset: BodyCharset, length: Int)? {
        let first = Array(bytes.prefix(3))
        if first.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if first.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
        if first.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
        return nil
    }
}
