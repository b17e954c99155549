import PorticoCore

/// Repeat mode in the response pane: how many were sent and how fast, the latency percentiles, a
/// sparkline of each quarter second's 99th percentile (newest at the right), and the status and
/// error counts.
func drawRepeat(_ grid: inout CellGrid, _ inner: Rect, _ run: RepeatRun, _ state: AppState, _ theme: Theme) {
    var row = inner.row
    func line(_ text: String, _ style: Style) {
        guard row < inner.row + inner.height else { return }
        grid.put(text, row: row, column: inner.column, style: style, limit: inner.width)
        row += 1
    }
    let progress = run.progress
    if run.isRunning {
        line("↻ repeating · \(state.keymap.label(for: .cancel)) stops", theme.accent)
    } else if !run.hasEnded {
        line("■ stopping…", theme.muted)
    } else {
        line("■ stopped · \(state.keymap.label(for: .repeatSend)) repeats again", theme.muted)
    }
    guard let progress else {
        line("starting…", theme.muted)
        return
    }
    line("\(progress.finished) sent · \(String(format: "%.0f", progress.throughput))/s · \(formatDuration(progress.elapsed))", theme.base)
    if let latency = progress.latency {
        line("p50 \(formatDuration(latency.p50))   p90 \(formatDuration(latency.p90))   p99 \(formatDuration(latency.p99))", theme.number)
        line("p99.9 \(formatDuration(latency.p999))   max \(formatDuration(latency.max))", theme.number)
    } else {
        line("no answer yet", theme.muted)
    }
    row += 1
    let shown = Array(run.samples.suffix(inner.width))
    let top = shown.compactMap { $0 }.max()
    line("p99 per ¼ s, top \(top.map(formatDuration) ?? "–")", theme.muted)
    line(sparkline(shown), theme.accent)
    row += 1
    let statuses = progress.statuses.sorted { $0.key < $1.key }
    for (status, count) in statuses {
        guard row < inner.row + inner.height else { return }
        let width = grid.put(" \(status) ", row: row, column: inner.column, style: theme.status(status), limit: inner.width)
        grid.put(" × \(count)", row: row, column: inner.column + width, style: theme.base, limit: inner.width - width)
        row += 1
    }
    for (kind, count) in progress.errorsByKind.sorted(by: { $0.value > $1.value }) {
        line("\(kind.rawValue) × \(count)", theme.error)
    }
}

/// One character per value, as tall as the value against the largest (▁ to █); a blank where a
/// value is missing, so a stall shows as a gap.
func sparkline(_ values: [Duration?]) -> String {
    let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    guard let top = values.compactMap({ $0 }).max(), top > .zero else {
        return String(values.map { $0 == nil ? " " : levels[0] })
    }
    return String(values.map { value -> Character in
        guard let value else { return " " }
        let level = Int((value / top * Double(levels.count - 1)).rounded())
        return levels[min(max(level, 0), levels.count - 1)]
    })
}
