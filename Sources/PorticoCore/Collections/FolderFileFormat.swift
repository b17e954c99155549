import Yams

/// `_folder.yaml`, a folder's own settings: the auth its requests inherit. The leading underscore
/// keeps it apart from request files (whose names Portico makes from letters, digits and dashes)
/// and lists it first.
enum FolderFileFormat {
    static let fileName = "_folder.yaml"
    static let keys = ["auth"]

    static func decode(_ text: String) throws(FileProblem) -> Auth {
        guard let root = try YAMLReader.parse(text) else { return .inherit }
        let pairs = try YAMLReader.mapping(root, "the folder file", known: keys)
        guard let node = YAMLReader.value(pairs, "auth") else { return .inherit }
        return try RequestFileFormat.auth(node, "auth")
    }

    static func encode(_ auth: Auth) throws -> String {
        try YAMLWriter.serialize(YAMLWriter.mapping([("auth", RequestFileFormat.authNode(auth))]))
    }
}
