/// AWS Signature Version 4 as saved: every text may hold `{{templates}}`. The request is signed
/// when it is sent, so the secret access key itself never crosses the wire.
public struct AWSSigV4Settings: Hashable, Sendable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// The token of temporary credentials (STS); empty when the keys are long-term.
    public var sessionToken: String
    /// Such as `us-east-1`: part of the credential scope.
    public var region: String
    /// The signing name of the service, such as `execute-api`, `s3` or `sts`. `s3` changes the
    /// rules: the path is encoded once and not normalised, and the payload hash is sent as a header.
    public var service: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String = "", region: String, service: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.region = region
        self.service = service
    }
}

extension AWSSigV4Settings {
    /// The service and region an AWS endpoint's host name gives (`SERVICE.REGION.amazonaws.com`),
    /// which curl and REST Client fall back on when they are not written.
    public static func serviceAndRegion(fromHost host: String) -> (service: String, region: String)? {
        let labels = host.lowercased().split(separator: ".").map(String.init)
        guard labels.count >= 4, labels.suffix(2) == ["amazonaws", "com"] else { return nil }
        return (labels[0], labels[1])
    }
}
