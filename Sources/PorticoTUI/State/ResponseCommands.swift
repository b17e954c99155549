/// The response viewer: scrolling, tabs, wrapping.
func runResponse(_ command: Command, _ state: inout AppState) {
    let tabs = AppState.ResponseTab.allCases
    let page = max(1, state.height / 2)
    switch command {
    case .down: scrollResponse(&state, by: 1)
    case .up: scrollResponse(&state, by: -1)
    case .pageDown: scrollResponse(&state, by: page)
    case .pageUp: scrollResponse(&state, by: -page)
    case .top: state.responseScroll = 0
    case .bottom: scrollResponse(&state, by: Int.max / 2)
    case .wrap: state.wrap.toggle()
    case .nextTab:
        state.responseTab = tabs.cycling(from: state.responseTab, by: 1)
        state.responseScroll = 0
    case .previousTab:
        state.responseTab = tabs.cycling(from: state.responseTab, by: -1)
        state.responseScroll = 0
    default:
        break
    }
}

/// Scrolls by `lines`, never past the last line of the tab shown.
func scrollResponse(_ state: inout AppState, by lines: Int) {
    let last = max(0, (state.response?.lineCount(state.responseTab) ?? 0) - 1)
    state.responseScroll = min(max(0, state.responseScroll + lines), last)
}
