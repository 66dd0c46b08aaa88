/// What to write for a character that XML 1.0 forbids (C0 controls other than tab, LF and CR;
/// U+FFFE and U+FFFF; lone surrogates cannot occur in a Swift `String`).
public enum ForbiddenCharacterPolicy: Sendable {
  /// XLIFF 2's `<cp hex="0001"/>` element, which a reader turns back into the character.
  case codePointElement
  /// U+FFFD REPLACEMENT CHARACTER (XLIFF 1.2 and TMX have no way to carry the character);
  /// the writer adds a note saying what was replaced.
  case replacementCharacter
}

/// Builds an XML document as UTF-8 bytes: every writer's one escaping routine.
///
/// Text escapes `& < > "`, writes CR as `&#13;` (a parser would turn a literal CR into LF) and
/// handles forbidden characters by ``ForbiddenCharacterPolicy``. Attribute values also escape
/// tab and LF, so attribute normalization keeps them.
public struct XMLOutput: Sendable {
  /// The document so far.
  public private(set) var bytes: [UInt8] = []
  /// The forbidden characters met so far, in order (for notes).
  public private(set) var replaced: [Unicode.Scalar] = []

  public init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  /// An output that continues `start` (markup already written), with room for `capacity` bytes.
  init(continuing start: [UInt8], capacity: Int) {
    bytes = start
    bytes.reserveCapacity(capacity)
  }

  /// The document as a string.
  public var string: String { String(decoding: bytes, as: UTF8.self) }

  /// Appends markup as it is (no escaping).
  public mutating func raw(_ markup: String) {
    bytes.append(contentsOf: markup.utf8)
  }

  /// Appends bytes of markup as they are.
  public mutating func raw(_ markup: [UInt8]) {
    bytes.append(contentsOf: markup)
  }

  /// Appends `number` (not negative) in decimal digits.
  mutating func decimal(_ number: Int) { appendDecimal(number) }

  /// Appends character data.
  public mutating func text(_ value: String, forbidden policy: ForbiddenCharacterPolicy) {
    escape(Substring(value), inAttribute: false, policy: policy)
  }

  /// Appends character data.
  public mutating func text(_ value: Substring, forbidden policy: ForbiddenCharacterPolicy) {
    escape(value, inAttribute: false, policy: policy)
  }

  /// Appends an attribute value (without the quotes). Forbidden characters become U+FFFD.
  public mutating func attribute(_ value: String) {
    escape(Substring(value), inAttribute: true, policy: .replacementCharacter)
  }

  /// Appends ` name="value"`.
  public mutating func attribute(_ name: String, _ value: String) {
    bytes.append(0x20)
    bytes.append(contentsOf: name.utf8)
    bytes.append(contentsOf: "=\"".utf8)
    attribute(value)
    bytes.append(0x22)
  }

  /// Forgets the forbidden characters met so far.
  public mutating func clearReplaced() { replaced.removeAll() }

  private mutating func escape(_ value: Substring, inAttribute: Bool, policy: ForbiddenCharacterPolicy) {
    var value = value
    value.withUTF8 { appendEscaped($0, inAttribute: inAttribute, policy: policy) }
  }

  /// Appends the UTF-8 bytes of character data, escaped.
  mutating func text(utf8: UnsafeBufferPointer<UInt8>, forbidden policy: ForbiddenCharacterPolicy) {
    appendEscaped(utf8, inAttribute: false, policy: policy)
  }
}

extension XMLOutput: ByteSink {
  @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes.append(contentsOf: bytes)
  }

  mutating func noteReplaced(_ scalar: Unicode.Scalar) { replaced.append(scalar) }
}

extension XMLOutput {
  /// `text` escaped as XML character data (also safe inside a double-quoted attribute):
  /// `& < > "`, CR as `&#13;`, and characters XML 1.0 forbids as U+FFFD. For the small
  /// XML files Tradu writes as strings (TBX, SRX).
  public static func escaped(_ text: String) -> String {
    var out = XMLOutput(capacity: text.utf8.count)
    out.text(text, forbidden: .replacementCharacter)
    return out.string
  }
}

extension Unicode.Scalar {
  /// `U+0001`-style notation.
  var codePointNotation: String {
    let hex = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}

/// The note a writer adds where it replaced forbidden characters with U+FFFD.
func replacementNote(_ scalars: [Unicode.Scalar]) -> PreparedNote {
  var seen: [Unicode.Scalar] = []
  for s in scalars where !seen.contains(s) { seen.append(s) }
  let list = seen.map(\.codePointNotation).joined(separator: ", ")
  return PreparedNote(
    category: "xml-replacement",
    text: "\(scalars.count) character(s) that XML 1.0 forbids (\(list)) written as U+FFFD; "
      + "the XLIFF 2 file keeps them.")
}

