import Foundation

/// Makes bytes from the network safe to show in a terminal: control characters (escape sequences
/// could retitle the window, rewrite the screen or the clipboard) become visible symbols, and
/// invalid UTF-8 becomes U+FFFD. Works on a stream: sequences split across chunks are kept intact.
public final class TerminalText: @unchecked Sendable {
    private var carry: [UInt8] = []

    public init() {}

    public func process(_ chunk: Data) -> Data {
        carry.append(contentsOf: chunk)
        // Hold back an incomplete UTF-8 sequence and a trailing CR (it may start a CRLF).
        var end = carry.count
        var back = 0
        while back < 3, end - back - 1 >= 0, carry[end - back - 1] & 0xC0 == 0x80 { back += 1 }
        if end - back - 1 >= 0 {
            let lead = carry[end - back - 1]
            let needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
            if needed > back { end = end - back - 1 }
        }
        if end > 0, carry[end - 1] == 0x0D { end -= 1 }
        let ready = Array(carry[0..<end])
        carry.removeFirst(end)
        return Data(Self.sanitize(String(decoding: ready, as: UTF8.self)).utf8)
    }

    public func finish() -> Data {
        let rest = carry
        carry = []
        return Data(Self.sanitize(String(decoding: rest, as: UTF8.self)).utf8)
    }

    /// What a terminal is shown instead of a scalar that would act on it: C0 controls and DEL as
    /// their control pictures, C1 controls (0x9B is a one-byte CSI) and bidi overrides (which
    /// reorder what is shown) as U+FFFD. Nil for a scalar that is safe to print.
    public static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value)
        case 0x7F: "\u{2421}"
        case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: "\u{FFFD}"
        default: nil
        }
    }

    /// Escapes one whole text (headers, messages).
    public static func sanitize(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar.value {
            case 0x0A, 0x09:
                output.append(scalar)
            case 0x0D:
                // CRLF is a line end; a lone CR could hide what came before it on the line.
                if pending?.value == 0x0A { output.append(scalar) } else { output.append("\u{240D}") }
            default:
                output.append(replacement(for: scalar) ?? scalar)
            }
        }
        return String(output)
    }
}
