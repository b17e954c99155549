import CNcurses
import PorticoTUI

/// Maps styles to ncurses attributes and colour pairs, allocating pairs as new combinations appear
/// and reducing colours to what the terminal has.
struct ColorPairs {
    enum Depth { case none, eight, sixteen, full }

    let depth: Depth
    let limit: Int
    private var pairs: [PairKey: Int32] = [:]

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    init(depth: Depth, limit: Int) {
        self.depth = depth
        self.limit = limit
    }

    mutating func attributes(for style: Style) -> (attr_t, Int32) {
        var attributes = portico_a_normal()
        if style.bold { attributes |= portico_a_bold() }
        if style.dim { attributes |= portico_a_dim() }
        if style.italic { attributes |= portico_a_italic() }
        if style.underline { attributes |= portico_a_underline() }
        if style.reverse { attributes |= portico_a_reverse() }
        guard depth != .none else { return (attributes, 0) }
        let key = PairKey(foreground: reduce(style.foreground), background: reduce(style.background))
        if key.foreground == -1 && key.background == -1 { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        let pair = Int32(pairs.count + 1)
        guard pair < limit else { return (attributes, 0) }
        init_extended_pair(pair, key.foreground, key.background)
        pairs[key] = pair
        return (attributes, pair)
    }

    /// -1 is the terminal's default colour.
    private func reduce(_ color: TerminalColor) -> Int32 {
        guard case .palette(let index) = color else { return -1 }
        switch depth {
        case .full, .none: return Int32(index)
        case .sixteen: return Int32(Self.nearestANSI(index, count: 16))
        case .eight: return Int32(Self.nearestANSI(index, count: 8))
        }
    }

    /// The closest of the first 8 or 16 palette colours to a 256-colour index.
    static func nearestANSI(_ index: UInt8, count: Int) -> UInt8 {
        if Int(index) < count { return index }
        if index < 16 { return index - 8 }
        let (r, g, b) = rgb(index)
        var best = 0
        var bestDistance = Int.max
        for candidate in 0..<count {
            let (cr, cg, cb) = rgb(UInt8(candidate))
            let distance = (r - cr) * (r - cr) + (g - cg) * (g - cg) + (b - cb) * (b - cb)
            if distance < bestDistance { best = candidate; bestDistance = distance }
        }
        return UInt8(best)
    }

    /// Approximate RGB of an xterm palette entry.
    static func rgb(_ index: UInt8) -> (Int, Int, Int) {
        let ansi: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                                       (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        if index < 16 { return ansi[Int(index)] }
        if index >= 232 { let level = 8 + Int(index - 232) * 10; return (level, level, level) }
        let cube = Int(index) - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    }
}
