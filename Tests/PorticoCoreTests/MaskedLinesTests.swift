import Foundation
import PorticoCore
import Testing

/// A secret stays hidden where a line cut splits it: each line is drawn alone, so each must hide
/// its own part of a secret that begins or ends on a neighbour.
@Suite("Masked document lines")
struct MaskedLinesTests {
    static let secret = "s3cr3t-TOKEN-0123456789abcdef"
    static let masker = SecretMasker(secrets: [secret])

    /// The lines as drawn, each joined.
    private func drawn(_ document: BodyDocument) -> [String] {
        document.indexAll()
        return (0..<document.lineCount).map { document.line($0, hiding: Self.masker).map(\.text).joined() }
    }

    /// Every piece of the secret of `length` or more bytes, to look for in what is drawn.
    private func fragments(minimum length: Int = 6) -> [String] {
        let characters = Array(Self.secret)
        return (0...(characters.count - length)).map { String(characters[$0..<($0 + length)]) }
    }

    @Test("a secret across a 4 KB cut of the Raw tab's text: hidden on both lines", arguments: [1, 6, 15, 28])
    func textCut(before: Int) {
        let cut = TextLineIndexer.maximumLineLength
        let body = String(repeating: "a", count: cut - before) + Self.secret + String(repeating: "b", count: 100)
        let lines = drawn(BodyDocument(text: body, layout: .text))
        #expect(lines.count == 2)
        for fragment in fragments() { #expect(!lines.contains { $0.contains(fragment) }, "\(fragment) shown") }
        #expect(lines[0] == String(repeating: "a", count: cut - before) + SecretMasker.mask)
        #expect(lines[1] == SecretMasker.mask + String(repeating: "b", count: 100))
    }

    @Test("a secret past a line's 16 KB shown limit: the shown part ends masked")
    func shownLimit() {
        let limit = BodyDocument.shownLineLimit
        let body = "[\"" + String(repeating: "x", count: limit - 12) + Self.secret + "\"]"
        let lines = drawn(BodyDocument(text: body, layout: .json(sequence: false)))
        let long = try? #require(lines.first { $0.contains("more bytes on this line") })
        for fragment in fragments() { #expect(long?.contains(fragment) == false, "\(fragment) shown") }
        #expect(long?.contains("x" + SecretMasker.mask + " … ") == true, "\(long ?? "")")
    }

    @Test("the 16 KB cut inside a character of a secret: the cut moves before the character, the secret stays hidden")
    func shownLimitInsideACharacter() {
        let secret = "XYä-topsecret"
        let masker = SecretMasker(secrets: [secret])
        let limit = BodyDocument.shownLineLimit
        // The line starts at the string's quote (byte 1); 'ä' is two bytes, cut after its first.
        let before = limit - 3
        let body = "[\"" + String(repeating: "x", count: before - 1) + secret + "\"]"
        let document = BodyDocument(text: body, layout: .json(sequence: false))
        document.indexAll()
        let long = (0..<document.lineCount).map { document.line($0, hiding: masker).map(\.text).joined() }.first { $0.contains("more bytes") } ?? ""
        #expect(!long.contains("XY") && !long.contains("\u{FFFD}"), "\(long.suffix(60))")
        #expect(long.contains("x" + SecretMasker.mask + " … "), "\(long.suffix(60))")
        let plain = (0..<document.lineCount).map { document.line($0).map(\.text).joined() }.first { $0.contains("more bytes") } ?? ""
        #expect(!plain.contains("\u{FFFD}"), "no part of a character is drawn: \(plain.suffix(40))")
    }

    @Test("a hex dump hides a secret's bytes in hex and text on every row it spans")
    func hexRows() {
        let body = "0123456789" + Self.secret + "tail"
        let lines = drawn(BodyDocument(text: body, layout: .hex))
        #expect(lines.count == 3)
        let secretHex = Self.secret.utf8.map { String(format: "%02x", $0) }
        // Each row shows its offset, 16 bytes in hex and their text: the secret's bytes as •.
        #expect(lines[0].hasPrefix("00000000  30 31 32 33 34 35 36 37 38 39 •• •• •• •• •• ••   0123456789••••••"), "\(lines[0])")
        #expect(lines[1].hasPrefix("00000010  " + Array(repeating: "••", count: 16).joined(separator: " ")), "\(lines[1])")
        #expect(lines[2].contains("•• •• •• •• •• •• •• 74 61 69 6c"), "\(lines[2])")
        #expect(lines[2].hasSuffix("•••••••tail"), "\(lines[2])")
        #expect(!lines.joined().contains(secretHex[0...3].joined(separator: " ")))
    }

    @Test("a secret inside a line, and one inside a JSON string, are masked as before")
    func withinLines() {
        let text = drawn(BodyDocument(text: "before \(Self.secret) after\nnext\n", layout: .text))
        #expect(text == ["before \(SecretMasker.mask) after", "next"])
        let json = drawn(BodyDocument(text: "{\"token\":\"\(Self.secret)\",\"n\":1}", layout: .json(sequence: false)))
        #expect(json == ["{", "  \"token\": \"\(SecretMasker.mask)\",", "  \"n\": 1", "}"])
    }

    @Test("without secrets a line is drawn as it is")
    func noSecrets() {
        let document = BodyDocument(text: "one\ntwo\n", layout: .text)
        document.indexAll()
        #expect(document.line(1, hiding: SecretMasker(secrets: [])) == document.line(1))
    }
}
