/// A source article as Tradu read it: the decoded text, where it came from and in what language.
public struct SourceDocument: Sendable {
  /// The file name or `-` for standard input; used in messages and in exported files.
  public var name: String
  /// The BCP 47 language of the text (Tradu's default: `ro`).
  public var language: String
  /// The decoded text, exactly as in the file (a leading byte-order mark is not part of it).
  public var text: String
  /// The raw bytes' encoding as read (e.g. `UTF-8`, `UTF-16LE`).
  public var encoding: String
  /// Whether the file started with a byte-order mark.
  public var hadByteOrderMark: Bool

  public init(name: String, language: String = "ro", text: String, encoding: String = "UTF-8",
              hadByteOrderMark: Bool = false) {
    self.name = name
    self.language = language
    self.text = text
    self.encoding = encoding
    self.hadByteOrderMark = hadByteOrderMark
  }
}
