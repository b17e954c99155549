/// AWS Signature Version 4 settings with every template rendered. Carried on the
/// `ResolvedRequest`, since each hop is signed only when it is sent.
public struct AWSSigV4Credentials: Hashable, Sendable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Empty when there is none; sent as `X-Amz-Security-Token` otherwise.
    public var sessionToken: String
    public var region: String
    public var service: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String = "", region: String, service: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.region = region
        self.service = service
    }

    /// S3 signs the path as sent (encoded once, not normalised) and wants `X-Amz-Content-Sha256`.
    var isS3: Bool { service.lowercased() == "s3" }
}
