import Foundation
@testable import PorticoCore
import PorticoDemoServer
import Testing

/// The line index stores lines narrowly, block by block: whatever the spacing and depth of the
/// lines, it gives back what was put in.
@Suite("Line index")
struct LineIndexTests {
    struct Line: Equatable {
        var offset: Int
        var depth: Int
        var flags: LineIndex.Flags
    }

    /// Lines with gaps of every size (two-byte lines, 64 KB and 4 GiB jumps) and depths on either
    /// side of what a narrow mark holds, with every flag.
    static func lines(count: Int, seed: UInt64) -> [Line] {
        var random = SplitMix64(seed: seed)
        var offset = 0
        return (0..<count).map { _ in
            switch random.next() % 100 {
            case 0: offset += 70_000 + Int(random.next() % 10_000)
            case 1: offset += 5 << 30
            case 2...40: offset += 2
            default: offset += Int(random.next() % 90)
            }
            let depth = random.next() % 50 == 0 ? 64 + Int(random.next() % 20_000) : Int(random.next() % 64)
            let flags = LineIndex.Flags(rawValue: UInt16(random.next() % 4) << 14)
            return Line(offset: offset, depth: depth, flags: flags)
        }
    }

    private func read(_ index: LineIndex) -> [Line] {
        (0..<index.count).map { Line(offset: index.offset(of: $0), depth: index.depth(of: $0), flags: index.flags(of: $0)) }
    }

    @Test("what goes in comes out, line by line and appended whole", arguments: [0, 1, 255, 256, 257, 5_000, 70_000])
    func roundTrip(count: Int) {
        let lines = Self.lines(count: count, seed: UInt64(count) + 7)
        var index = LineIndex()
        for line in lines { index.append(offset: line.offset, depth: line.depth, flags: line.flags) }
        let expected = lines.map { Line(offset: $0.offset, depth: min($0.depth, LineIndex.maximumDepth), flags: $0.flags) }
        #expect(index.count == count)
        #expect(read(index) == expected)

        // Appended in two parts, the second whole, as a document adds each step's lines.
        var first = LineIndex()
        var second = LineIndex()
        for (number, line) in lines.enumerated() {
            if number < count / 3 { first.append(offset: line.offset, depth: line.depth, flags: line.flags) }
            else { second.append(offset: line.offset, depth: line.depth, flags: line.flags) }
        }
        first.append(contentsOf: second)
        #expect(read(first) == expected)
    }

    @Test("the line holding a byte is the last one starting at or before it")
    func lineContaining() {
        let lines = Self.lines(count: 20_000, seed: 3)
        var index = LineIndex()
        for line in lines { index.append(offset: line.offset, depth: line.depth, flags: line.flags) }
        let starts = lines.map(\.offset)
        var random = SplitMix64(seed: 11)
        var probes = starts + starts.map { $0 + 1 } + starts.map { $0 - 1 }
        probes += (0..<2_000).map { _ in Int(random.next() % UInt64(starts.last! + 10)) }
        for probe in probes {
            // Several lines can start at one byte (an empty line): the last of them holds it.
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] <= probe { low = middle + 1 } else { high = middle }
            }
            #expect(index.line(containing: probe) == max(0, low - 1), "byte \(probe)")
        }
        #expect(LineIndex().line(containing: 5) == 0)
    }

    @Test("two-byte lines (`[0,0,0,…]`) take about three bytes each")
    func denseLinesAreNarrow() {
        var index = LineIndex()
        for line in 0..<100_000 { index.append(offset: line * 2, depth: 1) }
        #expect(index.storedBytes < 100_000 * 32 / 10, "\(index.storedBytes) bytes for 100,000 lines")
        #expect(index.offset(of: 99_999) == 199_998)
    }
}
