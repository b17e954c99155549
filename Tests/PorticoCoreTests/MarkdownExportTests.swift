import Foundation
@testable import PorticoCore
import Testing

/// A small shop API: a top-level request, a folder with a JSON, a Markdown and a multipart body,
/// a secret variable whose value has been applied from the secret store.
private func shop() throws -> Collection {
    var collection = Collection(
        name: "Shop API",
        description: "The shop's public API.\n\nUse `staging` for tests.",
        variables: [Variable("baseUrl", "http://localhost:8080"), Variable("token", "s3cr3t-token-value", isSecret: true)],
        auth: .bearer(token: "{{token}}"),
        environments: [Environment(name: "staging", variables: [Variable("baseUrl", "https://staging.shop.example"), Variable("password", "hunter2-value", isSecret: true)])]
    )
    try collection.addRequest(RequestTemplate(id: "health", name: "Health", url: "{{baseUrl}}/health", auth: .none), inFolder: "")
    let users = try collection.addFolder(named: "Users", inFolder: "")
    try collection.addRequest(RequestTemplate(
        id: "list-users", name: "List users", description: "Lists users, **newest first**.", url: "{{baseUrl}}/users",
        params: [KeyValueRow("page", "2"), KeyValueRow("debug", "true", isEnabled: false)],
        headers: [KeyValueRow("Accept", "application/json")]
    ), inFolder: users)
    try collection.addRequest(RequestTemplate(
        id: "create-note", name: "Create note", method: .post, url: "{{baseUrl}}/notes",
        body: .raw(text: "# Title\n```swift\nlet x = 1\n```\n", contentType: "text/markdown"),
        auth: .basic(username: "ann", password: "{{password}}")
    ), inFolder: users)
    try collection.addRequest(RequestTemplate(
        id: "avatar", name: "Upload avatar", method: .put, url: "{{baseUrl}}/users/{{id}}/avatar",
        body: .multipart([MultipartPart(name: "caption", content: .text("me | you")), MultipartPart(name: "image", content: .file(path: "avatar.png"), contentType: "image/png")])
    ), inFolder: users)
    return collection
}

private func listUsersExample(body: String, headers: [HTTPField] = [HTTPField("Content-Type", "application/json"), HTTPField("Date", "Sun, 29 Nov 2026 08:00:00 GMT")]) -> MarkdownExport.Example {
    let record = HistoryRecord(
        id: "abc", time: Date(timeIntervalSince1970: 1_795_000_000), source: "cli", requestID: "list-users",
        request: HistoryRecord.Request(method: "GET", url: "http://localhost:8080/users?page=2", headers: [], body: nil, timeout: 30, followRedirects: true, maxRedirects: 10),
        response: HistoryRecord.Response(status: 200, reason: "OK", url: "http://localhost:8080/users?page=2", headers: headers, body: HistoryRecord.Body(size: body.utf8.count, text: body)),
        timing: HistoryRecord.Timing(ttfbMs: 3, totalMs: 4), error: nil)
    return MarkdownExport.Example(record: record, responseBody: Data(body.utf8))
}

private let head = """
# Shop API

The shop's public API.

Use `staging` for tests.

## Contents

- [Requests](#requests)
  - [Health](#health)
- [Users](#users)
  - [Create note](#create-note)
  - [List users](#list-users)
  - [Upload avatar](#upload-avatar)

## Variables

| Name | Value |
| --- | --- |
| `baseUrl` | `http://localhost:8080` |
| `token` | (secret) |

### Environment: staging

| Name | Value |
| --- | --- |
| `baseUrl` | `https://staging.shop.example` |
| `password` | (secret) |

## Authentication

Bearer token

## Requests

### Health

`GET {{baseUrl}}/health`

**Auth:** none

## Users

### Create note

`POST {{baseUrl}}/notes`

**Auth:** Basic (username and password)

**Body** (`text/markdown`)

````
# Title
```swift
let x = 1
```
````

### List users

`GET {{baseUrl}}/users`

Lists users, **newest first**.

**Query parameters**

| Name | Value |
| --- | --- |
| `page` | `2` |
| `debug` (disabled) | `true` |

**Headers**

| Name | Value |
| --- | --- |
| `Accept` | `application/json` |

**Auth:** the collection's (Bearer token)

"""

private let tail = """
### Upload avatar

`PUT {{baseUrl}}/users/{{id}}/avatar`

**Auth:** the collection's (Bearer token)

**Body** (`multipart/form-data`)

| Name | Value | Content type |
| --- | --- | --- |
| `caption` | `me \\| you` |  |
| `image` | file `avatar.png` | `image/png` |

"""

@Suite("Exporting a collection as Markdown")
struct MarkdownExportTests {
    @Test func documentsTheCollectionWithoutSecretValues() throws {
        let markdown = MarkdownExport.document(try shop())
        #expect(markdown == head + "\n" + tail)
        #expect(!markdown.contains("s3cr3t-token-value") && !markdown.contains("hunter2-value"))
    }

    @Test func theLatestRecordedResponseIsTheExample() throws {
        let markdown = MarkdownExport.document(try shop(), examples: ["list-users": listUsersExample(body: #"{"users":[{"id":1,"name":"Ann"}],"next":null}"#)])
        #expect(markdown == head + """

        **Example response** (recorded 2026-11-18T11:06:40Z)

        `200 OK`

        | Header | Value |
        | --- | --- |
        | `Content-Type` | `application/json` |

        ```json
        {
          "users": [
            {
              "id": 1,
              "name": "Ann"
            }
          ],
          "next": null
        }
        ```

        """ + "\n" + tail)
    }

    /// A hostile server's body and headers stay inside their block and cells.
    @Test func responseTextCannotBreakTheDocument() throws {
        let body = "ok\n````\n# Injected heading\n``````\n| a | b |\n"
        let example = listUsersExample(body: body, headers: [HTTPField("Content-Type", "text/plain"), HTTPField("Location", "/x|`y`\n# z")])
        let markdown = MarkdownExport.document(try shop(), examples: ["list-users": example])
        #expect(markdown.contains("""
        | `Content-Type` | `text/plain` |
        | `Location` | ``/x\\|`y` # z`` |

        ```````text
        ok
        ````
        # Injected heading
        ``````
        | a | b |
        ```````

        """))
    }

    @Test func longBodiesAreCutAtALineEndWithANote() throws {
        let lines = (1...400).map { "line \($0) of the log" }
        let markdown = MarkdownExport.document(try shop(), examples: ["list-users": listUsersExample(body: lines.joined(separator: "\n"), headers: [HTTPField("Content-Type", "text/plain")])])
        let block = try #require(markdown.components(separatedBy: "```text\n").dropFirst().first?.components(separatedBy: "\n```").first)
        #expect(block.count <= MarkdownExport.bodyLimit && block.hasSuffix(" of the log"))
        #expect(markdown.contains("*Cut: the first \(block.count) of \(lines.joined(separator: "\n").count) characters are shown.*"))
    }

    @Test func credentialsInAnExampleResponseAreNotPublished() throws {
        let body = #"{"user": {"name": "Ann", "access_token": "eyJ.live.token", "password": null}, "apiKey": 42, "items": [{"refreshToken": "r-1"}]}"#
        let markdown = MarkdownExport.document(try shop(), examples: ["list-users": listUsersExample(body: body)])
        #expect(!markdown.contains("eyJ.live.token") && !markdown.contains("r-1") && !markdown.contains("42"), "\(markdown)")
        #expect(markdown.contains(#""access_token": "[redacted]""#) && markdown.contains(#""name": "Ann""#) && markdown.contains(#""password": null"#))
    }

    @Test func anchorsFollowGitHubAndNumberRepeats() {
        var anchors = MarkdownExport.Anchors()
        #expect(anchors.next("Get user (by id)") == "get-user-by-id")
        #expect(anchors.next("Get user: by id") == "get-user-by-id-1")
        #expect(anchors.next("Ünïcode_ok") == "ünïcode_ok")
    }
}
