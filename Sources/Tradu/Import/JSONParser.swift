/// A JSON value as Tradu's readers see it (RFC 8259): what ``JSONParser`` gives for Tradu JSON,
/// the JSONL Tradu writes and the JSONL protocols.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number as the text writes it (`12`, `-0.5`, `1e3`): an id keeps its spelling.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The string, if this is one.
  public var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The object, if this is one.
  public var object: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// The array, if this is one.
  public var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The Boolean, if this is one.
  public var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// Whether this is `null`.
  public var isNull: Bool { self == .null }

  /// A string, or a number as written: what an id may be.
  public var stringOrNumber: String? {
    switch self {
    case .string(let s), .number(let s): return s
    default: return nil
    }
  }
}

/// A JSON object: its members in the order written, and the line where it opens.
public struct JSONObject: Sendable, Equatable {
  /// One `"key": value` of an object.
  public struct Member: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
  }

  /// The members in the order written (a key written twice is there twice).
  public var members: [Member]
  /// The line of the text where the object's `{` stands (1-based).
  public var line: Int

  public init(members: [Member] = [], line: Int = 1) {
    self.members = members
    self.line = line
  }

  /// Objects are equal when their members are, wherever they stand.
  public static func == (a: JSONObject, b: JSONObject) -> Bool { a.members == b.members }

  /// The value of `key`; of its last member when the key is written twice (as most parsers,
  /// Foundation's and Python's among them, read such an object).
  public subscript(key: String) -> JSONValue? {
    members.last { $0.key == key }?.value
  }
}

/// Tradu's one JSON parser: UTF-8 text to a ``JSONValue``, strict per RFC 8259, with errors that
/// say where the text goes wrong (line, column and byte offset) and what was expected.
///
///     let value = try JSONParser.parse(Array(#"{"id": "p1", "n": [1, 2.5]}"#.utf8))
///     value.object?["id"]?.string   // "p1"
///
/// Strings are unescaped (`\n`, `\u00e9`, surrogate pairs such as `\ud83d\ude00`); a lone
/// surrogate, a raw control character in a string, invalid UTF-8, a number such as `01` or
/// `1.`, trailing commas and text after the value are errors. Nesting deeper than
/// ``maximumDepth`` is refused rather than overflow the stack.
public enum JSONParser {
  /// How deep arrays and objects may nest.
  public static let maximumDepth = 512

  /// Where and why a text is not valid JSON.
  public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Offset of the offending byte in the parsed bytes (0-based).
    public var offset: Int
    /// Its line (1-based).
    public var line: Int
    /// Its column, in characters (Unicode scalars) from the start of the line (1-based).
    public var column: Int
    /// What is wrong ("expected ',' or '}' after a member, found 'x'").
    public var problem: String

    /// “column 14 (byte 201): expected …” (the line is the caller's to name, with the file).
    public var description: String { "column \(column) (byte \(offset)): \(problem)" }
  }

  /// Parses `bytes`, one JSON value (a UTF-8 byte order mark before it is skipped).
  public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return try parse(bytes, in: start..<bytes.count)
  }

  /// Parses the bytes of `range` (one line of a JSONL file, say) as one JSON value; lines are
  /// counted from `firstLine`, offsets from the start of `bytes`.
  public static func parse(_ bytes: [UInt8], in range: Range<Int>, firstLine: Int = 1) throws(SyntaxError) -> JSONValue {
    try parse(bytes, in: range, firstLine: firstLine, keeping: nil)
  }

  /// ``parse(_:in:firstLine:)`` that keeps, in objects at every depth, only the members named
  /// in `names`: the others are read as carefully (the same errors) but not built, so a reader
  /// that needs a few fields of long lines makes no strings, numbers or arrays for the rest.
  public static func parse(_ bytes: [UInt8], in range: Range<Int>, firstLine: Int = 1,
                           keeping names: [String]?) throws(SyntaxError) -> JSONValue {
    var cursor = Cursor(bytes: bytes, range: range, line: firstLine, kept: names)
    cursor.skipWhitespace()
    let value = try cursor.value()
    cursor.skipWhitespace()
    if cursor.i < cursor.end {
      throw cursor.error("text after the end of the JSON value: \(cursor.describeNext())")
    }
    return value
  }

  /// Parses `text` as one JSON value.
  public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
    try parse(Array(text.utf8))
  }
}

extension JSONParser {
  /// The reading position in the bytes, and the line it is on.
  private struct Cursor {
    let bytes: [UInt8]
    var i: Int
    let end: Int
    /// Where the parse began, and on which line.
    let start: Int, firstLine: Int
    var line: Int
    /// Offset of the first byte of the current line.
    var lineStart: Int
    var depth = 0
    /// The member names objects keep (nil: all); other members are read and dropped.
    let kept: [String]?

    init(bytes: [UInt8], range: Range<Int>, line: Int, kept: [String]? = nil) {
      self.kept = kept
      self.bytes = bytes
      self.i = range.lowerBound
      self.end = range.upperBound
      self.start = range.lowerBound
      self.firstLine = line
      self.line = line
      self.lineStart = range.lowerBound
    }

    // MARK: Errors

    /// An error at `offset` (default: the current byte).
    func error(_ problem: String, at offset: Int? = nil) -> SyntaxError {
      let offset = offset ?? i
      // Lines only break in white space, which the cursor has counted up to `i`.
      var line = self.line, lineStart = self.lineStart
      if offset < lineStart {
        line = firstLine
        lineStart = start
        for k in start..<offset where bytes[k] == 0x0A {
          line += 1
          lineStart = k + 1
        }
      }
      // Characters, not bytes: every byte but the continuation bytes of UTF-8 starts one.
      let column = 1 + bytes[lineStart..<min(offset, end)].count { $0 & 0xC0 != 0x80 }
      return SyntaxError(offset: offset, line: line, column: column, problem: problem)
    }

    /// The next character for an error message: `'x'`, or “the end of the text”.
    func describeNext() -> String {
      guard i < end else { return "the end of the text" }
      let b = bytes[i]
      if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
      if b < 0x80 { return "the control character U+\(hexDigits(UInt32(b)))" }
      var k = i + 1
      while k < end && k < i + 4 && bytes[k] & 0xC0 == 0x80 { k += 1 }
      return String(validating: bytes[i..<k], as: UTF8.self).map { "'\($0)'" } ?? "a byte that is not UTF-8"
    }

    // MARK: Values

    mutating func skipWhitespace() {
      while i < end {
        switch bytes[i] {
        case 0x20, 0x09, 0x0D: i += 1
        case 0x0A:
          i += 1
          line += 1
          lineStart = i
        default: return
        }
      }
    }

    mutating func value() throws(SyntaxError) -> JSONValue {
      guard i < end else { throw error("expected a value, found the end of the text") }
      switch bytes[i] {
      case 0x7B: return .object(try object())
      case 0x5B: return .array(try array())
      case 0x22: return .string(try string())
      case 0x74: try literal("true"); return .bool(true)
      case 0x66: try literal("false"); return .bool(false)
      case 0x6E: try literal("null"); return .null
      case 0x2D, 0x30...0x39: return .number(try number())
      default: throw error("expected a value (an object, array, string, number, true, false or null), found \(describeNext())")
      }
    }

    mutating func enter() throws(SyntaxError) {
      depth += 1
      if depth > JSONParser.maximumDepth {
        throw error("arrays and objects nested more than \(JSONParser.maximumDepth) deep")
      }
    }

    mutating func object() throws(SyntaxError) -> JSONObject {
      try object(building: true)
    }

    /// An object, with the members ``kept`` names; with `building` false, read and dropped
    /// whole (the same checks, an empty object returned).
    mutating func object(building: Bool) throws(SyntaxError) -> JSONObject {
      try enter()
      var object = JSONObject(line: line)
      i += 1  // {
      skipWhitespace()
      if i < end && bytes[i] == 0x7D {
        i += 1
        depth -= 1
        return object
      }
      // The last string value built, and where its quotes stood: a value written with the
      // same bytes (a target that copies its source) is the same string, made once.
      var lastString: (text: String, quotes: Range<Int>)?
      while true {
        guard i < end && bytes[i] == 0x22 else {
          throw error("expected a member name in double quotes, found \(describeNext())")
        }
        let key = try string()
        skipWhitespace()
        guard i < end && bytes[i] == 0x3A else {
          throw error("expected ':' after the member name \"\(key)\", found \(describeNext())")
        }
        i += 1
        skipWhitespace()
        if building && (kept?.contains(key) ?? true) {
          if let last = lastString, i < end, bytes[i] == 0x22, JSONParser.repeats(bytes, last.quotes, at: i, end: end) {
            // The same bytes from a quote to its closing quote: the same string, with the same
            // checks passed (a string holds no line end).
            object.members.append(JSONObject.Member(key: key, value: .string(last.text)))
            i += last.quotes.count
          } else if i < end && bytes[i] == 0x22 {
            let quote = i
            let text = try string()
            lastString = (text, quote..<i)
            object.members.append(JSONObject.Member(key: key, value: .string(text)))
          } else {
            object.members.append(JSONObject.Member(key: key, value: try value()))
          }
        } else {
          try skipValue()
        }
        skipWhitespace()
        guard i < end else { throw error("the object never ends: expected ',' or '}', found the end of the text") }
        if bytes[i] == 0x2C {
          i += 1
          skipWhitespace()
          continue
        }
        guard bytes[i] == 0x7D else { throw error("expected ',' or '}' after a member, found \(describeNext())") }
        i += 1
        depth -= 1
        return object
      }
    }

    mutating func array() throws(SyntaxError) -> [JSONValue] {
      try array(building: true)
    }

    /// An array; with `building` false, read and dropped whole (the same checks, `[]` returned).
    mutating func array(building: Bool) throws(SyntaxError) -> [JSONValue] {
      try enter()
      var elements: [JSONValue] = []
      i += 1  // [
      skipWhitespace()
      if i < end && bytes[i] == 0x5D {
        i += 1
        depth -= 1
        return elements
      }
      while true {
        if building { elements.append(try value()) } else { try skipValue() }
        skipWhitespace()
        guard i < end else { throw error("the array never ends: expected ',' or ']', found the end of the text") }
        if bytes[i] == 0x2C {
          i += 1
          skipWhitespace()
          continue
        }
        guard bytes[i] == 0x5D else { throw error("expected ',' or ']' after an element, found \(describeNext())") }
        i += 1
        depth -= 1
        return elements
      }
    }

    /// Reads a value as ``value()`` does (the same checks, the same errors) without building
    /// its strings, arrays or objects.
    mutating func skipValue() throws(SyntaxError) {
      guard i < end else { throw error("expected a value, found the end of the text") }
      switch bytes[i] {
      case 0x7B: _ = try object(building: false)
      case 0x5B: _ = try array(building: false)
      case 0x22: try skipString()
      default: _ = try value()  // a number or a literal: a few bytes
      }
    }

    /// Reads a string as ``string()`` does without making it: one without escapes is scanned
    /// and its bytes checked; any other is read by ``string()`` itself.
    mutating func skipString() throws(SyntaxError) {
      let quote = i
      i += 1
      let high = scanUnescaped()
      if i < end && bytes[i] == 0x22 {
        try checkUTF8(quote + 1..<i, high)
        i += 1
        return
      }
      i = quote
      _ = try string()
    }

    mutating func literal(_ word: StaticString) throws(SyntaxError) {
      let count = word.utf8CodeUnitCount
      let matches = i + count <= end && word.withUTF8Buffer { expected in
        (0..<count).allSatisfy { bytes[i + $0] == expected[$0] }
      }
      guard matches else { throw error("expected a value, found \(describeNext()) (did you mean \(word)?)") }
      i += count
    }

    /// A number: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?, kept as written.
    mutating func number() throws(SyntaxError) -> String {
      let start = i
      func digits(_ cursor: inout Cursor, after what: String) throws(SyntaxError) {
        guard cursor.i < cursor.end, (0x30...0x39).contains(cursor.bytes[cursor.i]) else {
          throw cursor.error("expected a digit \(what), found \(cursor.describeNext())")
        }
        while cursor.i < cursor.end, (0x30...0x39).contains(cursor.bytes[cursor.i]) { cursor.i += 1 }
      }
      if bytes[i] == 0x2D { i += 1 }
      if i < end && bytes[i] == 0x30 {
        i += 1
        if i < end, (0x30...0x39).contains(bytes[i]) {
          throw error("a number does not start with 0 followed by digits")
        }
      } else {
        try digits(&self, after: "in the number")
      }
      if i < end && bytes[i] == 0x2E {
        i += 1
        try digits(&self, after: "after the decimal point")
      }
      if i < end && (bytes[i] == 0x65 || bytes[i] == 0x45) {
        i += 1
        if i < end && (bytes[i] == 0x2B || bytes[i] == 0x2D) { i += 1 }
        try digits(&self, after: "in the exponent")
      }
      return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// Moves past the bytes of a string that stand as they are, up to a quote, a backslash, a
    /// control character or the end, and returns all their bits (ASCII: below 0x80).
    mutating func scanUnescaped() -> UInt8 {
      let (stop, bits) = bytes.withUnsafeBufferPointer { JSONParser.unescapedRun($0, from: i, to: end) }
      i = stop
      return bits
    }

    /// A string, from its opening quote: its text unescaped.
    mutating func string() throws(SyntaxError) -> String {
      let quote = i
      i += 1
      // Most strings have no escape: scanned, then taken whole. `high` gathers the bits of the
      // raw bytes, so that all-ASCII text (most of it) needs no UTF-8 validation.
      var high = scanUnescaped()
      if i < end && bytes[i] == 0x22 {
        let text = try text(quote + 1..<i, high)
        i += 1
        return text
      }
      var unescaped: [UInt8] = []
      unescaped.reserveCapacity(i - quote + 16)
      var runStart = quote + 1
      while true {
        guard i < end else { throw error("the string never ends: a closing '\"' is missing", at: quote) }
        let b = bytes[i]
        if b == 0x22 {
          unescaped += bytes[runStart..<i]
          try checkUTF8(quote + 1..<i, high)  // escapes are ASCII: the raw bytes decide
          i += 1
          return String(decoding: unescaped, as: UTF8.self)
        }
        if b < 0x20 {
          throw error("the control character U+\(hexDigits(UInt32(b))) stands in a string unescaped: write it as \\u\(hexDigits(UInt32(b)))"
            + (b == 0x0A ? " (or is a closing '\"' missing?)" : ""))
        }
        guard b == 0x5C else {
          high |= b
          i += 1
          continue
        }
        unescaped += bytes[runStart..<i]
        try escape(into: &unescaped)
        runStart = i
      }
    }

    /// The raw bytes of a string at `range` as text, refused unless they are valid UTF-8
    /// (`high`: all their bits): checked once, as the text is made.
    func text(_ range: Range<Int>, _ high: UInt8) throws(SyntaxError) -> String {
      if high >= 0x80 {
        let text = bytes.withUnsafeBufferPointer { buffer in
          String(validating: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
        if let text { return text }
        try checkUTF8(range, high)  // throws: both refuse the same bytes (RFC 3629)
      }
      return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Refuses the raw bytes of a string at `range` unless they are valid UTF-8 (`high`: all
    /// their bits, so ASCII passes at once).
    func checkUTF8(_ range: Range<Int>, _ high: UInt8) throws(SyntaxError) {
      guard high >= 0x80, let bad = JSONParser.firstInvalidUTF8(bytes, in: range) else { return }
      throw error("a string is not valid UTF-8 here: save the file as UTF-8", at: bad)
    }

    /// One escape sequence, from its backslash, appended to `out` as UTF-8.
    mutating func escape(into out: inout [UInt8]) throws(SyntaxError) {
      let backslash = i
      i += 1
      guard i < end else { throw error("the string never ends after a backslash") }
      let simple: UInt8?
      switch bytes[i] {
      case 0x22: simple = 0x22
      case 0x5C: simple = 0x5C
      case 0x2F: simple = 0x2F
      case 0x62: simple = 0x08
      case 0x66: simple = 0x0C
      case 0x6E: simple = 0x0A
      case 0x72: simple = 0x0D
      case 0x74: simple = 0x09
      case 0x75: simple = nil
      default:
        throw error("\\\(describeNext().trimmingQuotes) is not an escape: JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
                    at: backslash)
      }
      i += 1
      if let simple {
        out.append(simple)
        return
      }
      var value = try hexEscape(escapeAt: backslash)
      if (0xDC00...0xDFFF).contains(value) {
        throw error("\\u\(hexDigits(value)) is the second half of a surrogate pair without the first", at: backslash)
      }
      if (0xD800...0xDBFF).contains(value) {
        guard i + 1 < end && bytes[i] == 0x5C && bytes[i + 1] == 0x75 else {
          throw error("\\u\(hexDigits(value)) is the first half of a surrogate pair without the second (\\uDC00–\\uDFFF)",
                      at: backslash)
        }
        let second = i
        i += 2
        let low = try hexEscape(escapeAt: second)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw error("\\u\(hexDigits(low)) after \\u\(hexDigits(value)) is not the second half of a surrogate pair", at: second)
        }
        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
      }
      out.append(contentsOf: Unicode.Scalar(value)!.utf8)
    }

    /// Four hexadecimal digits of a `\u` escape.
    mutating func hexEscape(escapeAt backslash: Int) throws(SyntaxError) -> UInt32 {
      var value: UInt32 = 0
      for _ in 0..<4 {
        guard i < end else { throw error("\\u takes four hexadecimal digits", at: backslash) }
        let b = bytes[i]
        let digit: UInt8
        switch b {
        case 0x30...0x39: digit = b - 0x30
        case 0x41...0x46: digit = b - 0x41 + 10
        case 0x61...0x66: digit = b - 0x61 + 10
        default: throw error("\\u takes four hexadecimal digits, found \(describeNext())", at: i)
        }
        value = value << 4 | UInt32(digit)
        i += 1
      }
      return value
    }
  }

  /// Where the run of string bytes that stand as they are, from `from`, ends (at the first
  /// quote, backslash or control character below 0x20, or at `end`), and all the run's bits
  /// (ASCII: below 0x80). Eight bytes are tested at a time; the word holding a stop is read
  /// byte by byte, as ``unescapedRunBytewise(_:from:to:)`` reads all of them.
  static func unescapedRun(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> (end: Int, bits: UInt8) {
    let ones: UInt64 = 0x0101_0101_0101_0101, low7 = 0x7F * ones, top = 0x80 * ones
    /// Each byte's top bit set when the byte is not zero (exact: a byte's sum never carries
    /// into the next).
    @inline(__always) func nonzero(_ x: UInt64) -> UInt64 { ((x & low7) &+ low7) | x }
    var i = from
    var words: UInt64 = 0
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= end {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        // A quote (0x22), a backslash (0x5C), or a byte with none of the bits 0xE0 (below 0x20).
        let stops = ~(nonzero(word ^ (0x22 * ones)) & nonzero(word ^ (0x5C * ones)) & nonzero(word & (0xE0 * ones))) & top
        if stops != 0 { break }
        words |= word
        i += 8
      }
    }
    words |= words >> 32
    words |= words >> 16
    words |= words >> 8
    let rest = unescapedRunBytewise(bytes, from: i, to: end)
    return (rest.end, UInt8(truncatingIfNeeded: words) | rest.bits)
  }

  /// Whether `bytes` at `offset` repeat the bytes of `span` (which lies before `offset`),
  /// reading no further than `end`: eight bytes at a time, then byte by byte.
  static func repeats(_ bytes: [UInt8], _ span: Range<Int>, at offset: Int, end: Int) -> Bool {
    let count = span.count
    guard offset + count <= end else { return false }
    return bytes.withUnsafeBufferPointer { buffer in
      let raw = UnsafeRawPointer(buffer.baseAddress!)
      var k = 0
      while k + 8 <= count {
        if raw.loadUnaligned(fromByteOffset: span.lowerBound + k, as: UInt64.self)
          != raw.loadUnaligned(fromByteOffset: offset + k, as: UInt64.self) { return false }
        k += 8
      }
      while k < count {
        if buffer[span.lowerBound + k] != buffer[offset + k] { return false }
        k += 1
      }
      return true
    }
  }

  /// ``unescapedRun(_:from:to:)`` read one byte at a time: its definition.
  static func unescapedRunBytewise(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> (end: Int, bits: UInt8) {
    var i = from
    var bits: UInt8 = 0
    while i < end {
      let b = bytes[i]
      if b == 0x22 || b == 0x5C || b < 0x20 { break }
      bits |= b
      i += 1
    }
    return (i, bits)
  }

  /// The offset of the first byte of `bytes[range]` that does not start or continue a valid
  /// UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), or
  /// nil when all of them do.
  static func firstInvalidUTF8(_ bytes: [UInt8], in range: Range<Int>) -> Int? {
    var i = range.lowerBound
    while i < range.upperBound {
      let lead = bytes[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      // How many continuation bytes follow, and the bounds of the first (which rule out
      // overlong forms, surrogates and values past U+10FFFF).
      let count: Int
      var lowest: UInt8 = 0x80, highest: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: count = 1
      case 0xE0: count = 2; lowest = 0xA0
      case 0xED: count = 2; highest = 0x9F
      case 0xE1...0xEF: count = 2
      case 0xF0: count = 3; lowest = 0x90
      case 0xF4: count = 3; highest = 0x8F
      case 0xF1...0xF3: count = 3
      default: return i
      }
      for k in 1...count {
        guard i + k < range.upperBound else { return i }
        let byte = bytes[i + k]
        guard k == 1 ? (lowest...highest).contains(byte) : (0x80...0xBF).contains(byte) else { return i }
      }
      i += count + 1
    }
    return nil
  }
}

/// `value` in four hexadecimal digits (upper case), for messages.
private func hexDigits(_ value: UInt32) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

private extension String {
  /// `'x'` without its quotes.
  var trimmingQuotes: Substring {
    hasPrefix("'") && hasSuffix("'") && count >= 2 ? dropFirst().dropLast() : Substring(self)
  }
}
