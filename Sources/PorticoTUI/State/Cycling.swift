extension Array where Element: Equatable {
    /// The element `step` places after `element`, wrapping around at either end: how tabs, panes
    /// and methods cycle. An element not in the array counts as the one before the first.
    func cycling(from element: Element, by step: Int) -> Element {
        let index = firstIndex(of: element) ?? (step > 0 ? -1 : 0)
        return self[((index + step) % count + count) % count]
    }
}
