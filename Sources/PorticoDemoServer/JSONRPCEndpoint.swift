import Foundation
import Hummingbird
import NIOCore

/// `/jsonrpc`: JSON-RPC 2.0 with `add`, `subtract` and `echo`, batches, notifications and the
/// standard error objects.
enum JSONRPCEndpoint {
    static func register(on router: Router<BasicRequestContext>) {
        router.post("/jsonrpc") { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            guard let document = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: [.fragmentsAllowed]) else {
                return DemoJSON.response(errorObject(id: NSNull(), code: -32700, message: "Parse error"))
            }
            if let batch = document as? [Any] {
                guard !batch.isEmpty else { return DemoJSON.response(errorObject(id: NSNull(), code: -32600, message: "Invalid Request: empty batch")) }
                let answers = batch.compactMap(answer)
                return answers.isEmpty ? Response(status: .noContent) : DemoJSON.response(answers)
            }
            guard let single = answer(document) else { return Response(status: .noContent) }
            return DemoJSON.response(single)
        }
    }

    /// The response object for one call, or nil for a notification.
    private static func answer(_ call: Any) -> [String: Any]? {
        guard let call = call as? [String: Any], call["jsonrpc"] as? String == "2.0", let method = call["method"] as? String else {
            return errorObject(id: (call as? [String: Any])?["id"] ?? NSNull(), code: -32600, message: "Invalid Request")
        }
        guard let id = call["id"] else { return nil }
        let params = call["params"]
        switch method {
        case "add", "subtract":
            guard let (a, b) = numbers(params, names: method == "add" ? ("a", "b") : ("minuend", "subtrahend")) else {
                return errorObject(id: id, code: -32602, message: "Invalid params: \(method) takes two numbers")
            }
            return ["jsonrpc": "2.0", "id": id, "result": method == "add" ? a + b : a - b]
        case "echo":
            return ["jsonrpc": "2.0", "id": id, "result": params ?? NSNull()]
        default:
            return errorObject(id: id, code: -32601, message: "Method not found: \(method)")
        }
    }

    private static func numbers(_ params: Any?, names: (String, String)) -> (Double, Double)? {
        if let list = params as? [Any], list.count == 2, let a = list[0] as? NSNumber, let b = list[1] as? NSNumber {
            return (a.doubleValue, b.doubleValue)
        }
        if let object = params as? [String: Any], let a = object[names.0] as? NSNumber, let b = object[names.1] as? NSNumber {
            return (a.doubleValue, b.doubleValue)
        }
        return nil
    }

    private static func errorObject(id: Any, code: Int, message: String) -> [String: Any] {
        ["jsonrpc": "2.0", "id": id, "error": ["code": code, "message": message]]
    }
}
