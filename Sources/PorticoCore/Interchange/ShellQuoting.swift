/// Quotes words for a POSIX shell (sh, dash, bash, zsh): single quotes keep every byte but the
/// single quote itself literal, which is written `'\''`. No `$'…'`, which dash lacks.
public enum ShellQuoting {
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(isSafe) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// Characters that mean nothing to a shell in any position of a word.
    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "/", ":", "@", "%", "+", ",", "=": true
        default: false
        }
    }

    /// Whether a word can be passed as an argument at all (a NUL byte cannot).
    public static func canQuote(_ word: String) -> Bool {
        !word.unicodeScalars.contains("\u{0}")
    }
}
