/// A source article as Tradu read it: the decoded text, where it came from and in what language.
public struct SourceDocument: Sendable {
  /// The file name or `-` for standard input; used in messages and in exported files.
  public var name: String
  /// The BCP 47 language of the text (Tradu's default: `ro`).
  public var language: String
  /// The decoded text, exactly as in the file (a leading byte-order mark is not part of it).
  ///
  /// Nothing is repaired here: line endings, cedillas and mojibake stay as they were, so that
  /// every offset points into the file's own characters. ``TextNormalizer`` makes the repairs
  /// and records each one as a ``TextEdit``.
  public var text: String
  /// The raw bytes' encoding as read (e.g. `UTF-8`, `UTF-16LE`, `windows-1250`).
  public var encoding: String
  /// Whether the file started with a byte-order mark.
  public var hadByteOrderMark: Bool
  /// How ``encoding`` was decided, and how sure Tradu is of it.
  public var detection: EncodingDetection
  /// The line endings of ``text``, counted by kind; they are kept in ``text`` as they were.
  public var lineEndings: LineEndingCounts
  /// What the reader did that the user should know: a guessed charset and its confidence,
  /// invalid UTF-8 read as U+FFFD.
  public var notes: [String]
  /// The byte offsets of invalid UTF-8 sequences read as U+FFFD (up to the first 17).
  public var replacedByteOffsets: [Int]

  public init(name: String, language: String = "ro", text: String, encoding: String = "UTF-8",
              hadByteOrderMark: Bool = false, detection: EncodingDetection = EncodingDetection(),
              lineEndings: LineEndingCounts? = nil, notes: [String] = [], replacedByteOffsets: [Int] = []) {
    self.name = name
    self.language = language
    self.text = text
    self.encoding = encoding
    self.hadByteOrderMark = hadByteOrderMark
    self.detection = detection
    self.lineEndings = lineEndings ?? LineEndingCounts(counting: text)
    self.notes = notes
    self.replacedByteOffsets = replacedByteOffsets
  }
}

/// How the reader decided a file's encoding.
public struct EncodingDetection: Equatable, Sendable {
  /// Where the decision came from.
  public enum Method: String, Sendable, CaseIterable {
    /// A byte-order mark named the encoding.
    case byteOrderMark = "byte-order mark"
    /// The bytes are valid UTF-8 (which legacy 8-bit text almost never is by accident).
    case validUTF8 = "valid UTF-8"
    /// ICU's charset detector guessed it.
    case detected = "ICU charset detection"
    /// The caller named it (`--encoding`).
    case requested = "requested"
    /// UTF-8 with a few invalid sequences, each read as U+FFFD.
    case repairedUTF8 = "UTF-8 with invalid bytes replaced"
    /// ISO-8859-16's quotes or euro sign, which ICU's detector cannot see (``Latin10``).
    case latin10TellTales = "ISO-8859-16 tell-tale bytes"
  }

  /// Where the decision came from.
  public var method: Method
  /// How sure the decision is, 0–100: 100 for a byte-order mark, (repaired) UTF-8 or a
  /// requested encoding; ICU's own confidence for a detected one, and for ISO-8859-16 chosen
  /// by its tell-tales, ICU's confidence in the Latin charset it guessed instead.
  public var confidence: Int
  /// The language ICU associated with a detected charset (`ro` for Romanian), if any.
  public var language: String?

  public init(method: Method = .validUTF8, confidence: Int = 100, language: String? = nil) {
    self.method = method
    self.confidence = confidence
    self.language = language
  }
}

/// How many line endings of each kind a text has.
public struct LineEndingCounts: Equatable, Sendable {
  /// LF (U+000A) alone.
  public var lf = 0
  /// CR LF.
  public var crlf = 0
  /// CR (U+000D) alone (classic Mac OS).
  public var cr = 0
  /// NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029).
  public var unicode = 0

  public init() {}

  /// The total number of line endings.
  public var total: Int { lf + crlf + cr + unicode }

  /// Whether the text mixes kinds of line ending.
  public var isMixed: Bool { [lf, crlf, cr, unicode].filter { $0 > 0 }.count > 1 }

  /// A short description: `LF`, `CRLF`, `CR`, `none` or e.g. `mixed (12 LF, 3 CRLF)`.
  public var summary: String {
    let parts = [("LF", lf), ("CRLF", crlf), ("CR", cr), ("U+2028/U+2029/NEL", unicode)].filter { $0.1 > 0 }
    if parts.isEmpty { return "none" }
    if parts.count == 1 { return parts[0].0 }
    return "mixed (" + parts.map { "\($0.1) \($0.0)" }.joined(separator: ", ") + ")"
  }
}
