/// The XLIFF versions Tradu writes and reads.
public enum XLIFFVersion: String, Sendable, CaseIterable {
  case v1_2 = "1.2", v2_0 = "2.0", v2_1 = "2.1", v2_2 = "2.2"

  /// The namespace of the core elements.
  public var namespace: String {
    switch self {
    case .v1_2: return "urn:oasis:names:tc:xliff:document:1.2"
    case .v2_0, .v2_1: return "urn:oasis:names:tc:xliff:document:2.0"
    case .v2_2: return "urn:oasis:names:tc:xliff:document:2.2"
    }
  }
}
