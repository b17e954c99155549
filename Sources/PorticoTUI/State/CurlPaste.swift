import PorticoCore

/// A curl command pasted into the request pane becomes the request in the composer: what curl
/// would send, kept under the draft's own id and name so saving updates the request being edited.
enum CurlPaste {
    static func isCurlCommand(_ text: String) -> Bool {
        // The first word is `curl`, followed by more (a space, a tab, or a line continuation).
        let trimmed = text.drop { $0.isWhitespace }
        guard trimmed.hasPrefix("curl"), let next = trimmed.dropFirst(4).first else { return false }
        return next.isWhitespace || next == "\\"
    }

    static func apply(_ imported: RequestTemplate, to draft: inout RequestTemplate) {
        draft.method = imported.method
        draft.url = imported.url
        draft.params = imported.params
        draft.headers = imported.headers
        draft.body = imported.body
        draft.auth = imported.auth
        draft.options = imported.options
    }
}
