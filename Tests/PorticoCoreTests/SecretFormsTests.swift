import Foundation
@testable import PorticoCore
import Testing

@Suite("The forms a secret travels in")
struct SecretFormsTests {
    @Test func aValueOfLettersDigitsAndDashDotUnderscoreHasOneForm() {
        #expect(SecretForms.of("sk-live_4f9a.B") == ["sk-live_4f9a.B"])
    }

    @Test func aValueIsHiddenPercentEncodedAndAsEachJSONWriterEscapesIt() {
        let forms = SecretForms.of("a/b\"é 😀")
        #expect(forms.first == "a/b\"é 😀")
        for expected in [
            "a/b%22%C3%A9%20%F0%9F%98%80",                // a query component
            "a%2Fb%22%C3%A9%20%F0%9F%98%80",              // a server encoding all but the unreserved
            "a%2Fb%22%C3%A9+%F0%9F%98%80",                // a form body
            #"a/b\"é 😀"#,                                 // JavaScript's JSON.stringify
            #"a\/b\"é 😀"#,                                // Swift's JSONEncoder
            #"a/b\"\u00e9 \ud83d\ude00"#,                  // Python's json.dumps
            #"a\/b\"\u00e9 \ud83d\ude00"#,                 // PHP's json_encode
            #"a/b\"\u00E9 \uD83D\uDE00"#,                  // Java writers escaping beyond ASCII
        ] {
            #expect(forms.contains(expected), "\(expected) missing from \(forms)")
        }
        #expect(Set(forms).count == forms.count)
    }

    @Test func controlsAreWrittenAsJSONWritesThem() {
        #expect(SecretForms.jsonEscaped("a\nb\u{01}\\", escapingSlash: false, beyondASCII: nil) == #"a\nb\u0001\\"#)
        #expect(SecretForms.jsonEscaped("\u{7F}", escapingSlash: false, beyondASCII: .lowercase) == #"\u007f"#)
    }

    /// What the screen hides: an echo of the secret, escaped the way the server wrote it.
    @Test func aMaskerMadeFromTheFormsHidesAnEscapedEcho() {
        let masker = SecretMasker(secrets: SecretForms.of("tok/en\"1"))
        let echoed = #"{"headers": [["X-Token", "tok\/en\"1"]], "url": "/e?t=tok%2Fen%221"}"#
        #expect(masker.mask(echoed) == #"{"headers": [["X-Token", "••••••"]], "url": "/e?t=••••••"}"#)
    }
}
