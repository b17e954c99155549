/// Fuzzy matching for the palette and the sidebar filter: the query's characters must appear in
/// order (ignoring case); matches at word starts and in runs score higher, so "cu" ranks
/// "Create user" above "Document".
public enum FuzzyMatch {
    public struct Match: Hashable, Sendable {
        public var score: Int
        /// Character offsets in the candidate that matched, for highlighting.
        public var positions: [Int]
    }

    public static func match(_ query: String, in candidate: String) -> Match? {
        let needle = Array(query.lowercased().filter { !$0.isWhitespace })
        guard !needle.isEmpty else { return Match(score: 0, positions: []) }
        let haystack = Array(candidate)
        let lowered = haystack.map { Character($0.lowercased()) }
        var positions: [Int] = []
        var score = 0
        var next = 0
        var previousMatch = -2
        for (index, character) in lowered.enumerated() where next < needle.count && character == needle[next] {
            let atWordStart = index == 0 || !haystack[index - 1].isLetter && !haystack[index - 1].isNumber
                || (haystack[index].isUppercase && haystack[index - 1].isLowercase)
            score += 1
            if atWordStart { score += 8 }
            if index == 0 { score += 10 }
            if previousMatch == index - 1 {
                score += 5
            } else if previousMatch >= 0 {
                // Letters far apart say less than letters together.
                score -= min(index - previousMatch - 1, 5)
            }
            positions.append(index)
            previousMatch = index
            next += 1
        }
        guard next == needle.count else { return nil }
        // Shorter candidates first among equals: the query says more of them.
        return Match(score: score * 100 - haystack.count, positions: positions)
    }
}
