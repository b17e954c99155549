/// Names made unique by a counter, as people number copies: `token`, `token2`… or `dev`, `dev-2`….
enum UniqueName {
    /// `base` if it is free, else `base` with the first counter from 2 up that makes it free.
    /// With `comparingLowercased`, `taken` holds lower-cased names (file names on file systems that ignore case).
    static func first(_ base: String, separator: String = "-", notIn taken: Set<String>, comparingLowercased: Bool = false) -> String {
        var name = base
        var counter = 2
        while taken.contains(comparingLowercased ? name.lowercased() : name) {
            name = "\(base)\(separator)\(counter)"
            counter += 1
        }
        return name
    }
}
