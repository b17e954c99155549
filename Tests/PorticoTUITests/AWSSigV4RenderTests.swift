import Foundation
import PorticoCore
import PorticoTUI
import Testing

@Suite("AWS Signature Version 4 in the explorer")
struct AWSSigV4RenderTests {
    /// The request pane's rows from the tab line down, without borders.
    private func requestLines(_ state: AppState) -> [String] {
        let grid = render(state)
        let pane = Layout(state).request
        return (pane.row..<(pane.row + pane.height)).map { row in
            grid.text(row: row, columns: pane.column..<(pane.column + pane.width)).trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }
    }

    @Test func theAuthTabShowsTheScopeWithTheSecretKeyAndTokenMasked() throws {
        var state = Fixtures.withListUsersOpen()
        state.draft.auth = .awsSigV4(AWSSigV4Settings(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "typed-in-secret-key",
                                                      sessionToken: "typed-in-token", region: "eu-west-1", service: "execute-api"))
        state.requestTab = .auth
        let lines = requestLines(state)
        let start = try #require(lines.firstIndex(of: "AWS Signature V4 · t: kind · Enter: edit"), "\(lines.joined(separator: "\n"))")
        #expect(Array(lines[start..<(start + 6)]) == [
            "AWS Signature V4 · t: kind · Enter: edit",
            "access key id   AKIDEXAMPLE",
            "secret key      ••••••",
            "session token   ••••••",
            "region          eu-west-1",
            "service         execute-api",
        ])
        #expect(!lines.joined().contains("typed-in"))
    }

    @Test func variablesAreShownAsWrittenAndAMissingTokenSaysSo() throws {
        var state = Fixtures.withListUsersOpen()
        state.draft.auth = .awsSigV4(AWSSigV4Settings(accessKeyID: "{{awsKeyId}}", secretAccessKey: "{{awsSecretAccessKey}}", region: "us-east-1", service: "s3"))
        state.requestTab = .auth
        let lines = requestLines(state)
        let start = try #require(lines.firstIndex(of: "AWS Signature V4 · t: kind · Enter: edit"), "\(lines.joined(separator: "\n"))")
        #expect(Array(lines[(start + 1)..<(start + 4)]) == [
            "access key id   {{awsKeyId}}",
            "secret key      {{awsSecretAccessKey}}",
            "session token   (empty)",
        ])
    }
}
