extension UInt8 {
    /// Whitespace as JSON and XML know it, and as a pretty layout adds or drops it: space, tab,
    /// CR and LF. The printers, the line indexers, their line drawing and the search all ask
    /// this one question.
    @inline(__always)
    var isLayoutSpace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
