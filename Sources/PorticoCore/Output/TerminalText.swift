import Foundation

/// Makes bytes from the network safe to show in a terminal: control characters (escape sequences
/// could retitle the window, rewrite the screen or the clipboard) become visible symbols,
/// invisible and bidi characters (which hide or reorder text) visible escapes, and invalid UTF-8
/// becomes U+FFFD. Works on a stream: sequences split across chunks are kept intact.
public final class TerminalText: @unchecked Sendable {
    private var carry: [UInt8] = []
    /// Carried from chunk to chunk, so an emoji sequence split between chunks is kept whole.
    private var sequence = EmojiSequence()

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
        // A zero-width joiner is kept only when an emoji follows it: wait for what does.
        if end >= 3, carry[(end - 3)..<end].elementsEqual([0xE2, 0x80, 0x8D]) { end -= 3 }
        let ready = Array(carry[0..<end])
        carry.removeFirst(end)
        return Data(Self.sanitize(String(decoding: ready, as: UTF8.self), sequence: &sequence).utf8)
    }

    public func finish() -> Data {
        let rest = carry
        carry = []
        return Data(Self.sanitize(String(decoding: rest, as: UTF8.self), sequence: &sequence).utf8)
    }

    /// What a terminal is shown instead of a scalar that would act on it or hide itself, taken
    /// alone: C0 controls and DEL as their control pictures (␛, ␇, ␡); C1 controls (0x9B is a
    /// one-byte CSI), bidi overrides, isolates and marks (which reorder what is shown) and invisible
    /// characters (zero-width spaces and joiners, word joiner, BOM, tags, fillers) as `<U+XXXX>`,
    /// as `less` shows them. Variation selectors stay: they only pick a glyph's presentation.
    /// Nil for a scalar that is safe to print. `visible(_:)` and `sanitize(_:)` also keep the
    /// joiners and tags that hold an emoji sequence together.
    public static func replacement(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x00..<0x20: String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: "\u{2421}"
        case 0x80..<0xA0: codePoint(scalar)
        case 0x20..<0x7F: nil
        default: isInvisible(scalar) ? codePoint(scalar) : nil
        }
    }

    /// `<U+200B>`: a scalar named, in characters that cannot act on a terminal.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>"
    }

    /// Unicode's default-ignorable code points (DerivedCoreProperties.txt, Unicode 15.1) but the
    /// variation selectors: a terminal draws nothing for them, so they hide text or reorder it.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x061C, 0x115F...0x1160, 0x17B4...0x17B5, 0x180E, 0x200B...0x200F, 0x202A...0x202E,
             0x2060...0x206F, 0x3164, 0xFEFF, 0xFFA0, 0xFFF0...0xFFF8, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A,
             0xE0000...0xE00FF, 0xE01F0...0xE0FFF:
            true
        default:
            false
        }
    }

    /// How one character (a grapheme cluster) is shown on a terminal, or nil when it is safe as it
    /// is. A zero-width joiner between two emoji and the tags of an emoji flag sequence are kept
    /// (👩‍💻, 🏴󠁧󠁢󠁳󠁣󠁴󠁿); anywhere else they are escaped like any invisible character.
    public static func visible(_ character: Character) -> String? {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            return replacement(for: scalar)
        }
        var output = String.UnicodeScalarView()
        var context = EmojiSequence()
        var changed = false
        var iterator = scalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if !context.keeps(scalar, before: pending), let shown = replacement(for: scalar) {
                output.append(contentsOf: shown.unicodeScalars)
                changed = true
            } else {
                output.append(scalar)
            }
        }
        return changed ? String(output) : nil
    }

    /// Escapes one whole text (headers, messages).
    public static func sanitize(_ text: String) -> String {
        var sequence = EmojiSequence()
        return sanitize(text, sequence: &sequence)
    }

    private static func sanitize(_ text: String, sequence context: inout EmojiSequence) -> String {
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
            case 0x20..<0x7F:
                output.append(scalar)
                context.reset()
            default:
                if !context.keeps(scalar, before: pending), let shown = replacement(for: scalar) {
                    output.append(contentsOf: shown.unicodeScalars)
                } else {
                    output.append(scalar)
                }
            }
        }
        return String(output)
    }
}

/// Follows a run of scalars to tell the joiners and tags that belong to an emoji sequence (which
/// must stay, or 👩‍💻 falls apart) from the same scalars used to hide text.
struct EmojiSequence {
    /// The last scalar that counts was an emoji (its modifiers and selectors do not interrupt it).
    private var afterEmoji = false
    private var inTags = false

    mutating func reset() {
        afterEmoji = false
        inTags = false
    }

    /// Whether `scalar` is kept as it is here; moves past it.
    mutating func keeps(_ scalar: Unicode.Scalar, before next: Unicode.Scalar?) -> Bool {
        switch scalar.value {
        case 0x200D:
            // A joiner joins two emoji, or it is hiding something.
            let joins = afterEmoji && next.map(Self.isEmoji) == true
            if !joins { reset() }
            return joins
        case 0xE0020...0xE007E:
            let kept = afterEmoji || inTags
            inTags = kept
            return kept
        case 0xE007F:
            let kept = inTags
            reset()
            return kept
        case 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0x20E3, 0xE0100...0xE01EF:
            // Selectors, skin tones and the keycap mark continue what came before.
            return true
        default:
            afterEmoji = Self.isEmoji(scalar)
            inTags = false
            return false
        }
    }

    private static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x7F && scalar.properties.isEmoji
    }
}
