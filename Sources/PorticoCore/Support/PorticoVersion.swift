public enum PorticoVersion {
    public static let current = "0.1.0"
}
