/// Where a writer's bytes go.
///
/// A writer renders a large document twice with the same code: first into a ``ByteCounter``,
/// to learn the exact size, then into a ``ByteWriter`` over memory of that size, so the output
/// is allocated once, filled in place (each half by its own thread, see `renderExactly`) and
/// never grown or copied. ``XMLOutput`` is the plain sink, a growing array.
protocol ByteSink {
  /// Appends `bytes` as they are.
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
  /// Appends markup as it is.
  mutating func append(_ markup: StaticString)
  /// Appends `number` in decimal digits (a negative number as `0`).
  mutating func appendDecimal(_ number: Int)
  /// Records a character XML 1.0 forbids that the escaper replaced (for notes).
  mutating func noteReplaced(_ scalar: Unicode.Scalar)
  /// The characters recorded by ``noteReplaced(_:)`` since the last ``clearReplaced()``.
  var replaced: [Unicode.Scalar] { get }
  /// Forgets the recorded characters.
  mutating func clearReplaced()
  /// Whether this sink only counts bytes: a renderer may then count a text's parts in a
  /// cheaper way that gives the same total.
  static var countsOnly: Bool { get }
}

extension ByteSink {
  static var countsOnly: Bool { false }

  @inline(__always) mutating func append(_ markup: StaticString) {
    markup.withUTF8Buffer { append($0) }
  }

  /// Appends the UTF-8 of `markup` as it is (no escaping).
  @inline(__always) mutating func append(_ markup: String) {
    withUTF8Bytes(of: markup) { append($0) }
  }

  mutating func appendDecimal(_ number: Int) {
    withDecimalDigits(of: UInt(max(number, 0))) { append($0) }
  }
}

/// Gives `body` the UTF-8 bytes of `string`: its own storage when it has some (always, for a
/// native Swift string), else a contiguous copy.
@inline(__always) func withUTF8Bytes<R>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
  if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
  var copy = string
  return copy.withUTF8(body)
}

/// Calls `body` with the ASCII decimal digits of `value`.
@inline(__always) func withDecimalDigits<R>(of value: UInt, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
  // Twenty digits hold any UInt; written from the right.
  var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
  return withUnsafeMutableBytes(of: &digits) { raw in
    var value = value
    var start = raw.count
    repeat {
      start -= 1
      raw[start] = 0x30 + UInt8(truncatingIfNeeded: value % 10)
      value /= 10
    } while value > 0
    return body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[start...]))
  }
}

/// How many digits ``ByteSink/appendDecimal(_:)`` writes for `number`.
@inline(__always) func decimalDigitCount(_ number: Int) -> Int {
  decimalDigitCount(UInt(max(number, 0)))
}

/// How many decimal digits `value` has.
@inline(__always) func decimalDigitCount(_ value: UInt) -> Int {
  var value = value
  var digits = 1
  while value >= 10 {
    value /= 10
    digits += 1
  }
  return digits
}

/// Counts the bytes a renderer would write: the first of the two passes.
struct ByteCounter: ByteSink {
  static var countsOnly: Bool { true }
  /// The bytes counted so far.
  private(set) var count = 0
  private(set) var replaced: [Unicode.Scalar] = []

  @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { count += bytes.count }
  @inline(__always) mutating func append(_ markup: StaticString) { count += markup.utf8CodeUnitCount }
  @inline(__always) mutating func append(_ markup: String) { count += markup.utf8.count }

  @inline(__always) mutating func appendDecimal(_ number: Int) { count += decimalDigitCount(number) }

  mutating func noteReplaced(_ scalar: Unicode.Scalar) { replaced.append(scalar) }
  mutating func clearReplaced() { replaced.removeAll() }
}

/// Writes into memory of a size known beforehand (from a ``ByteCounter`` pass over the same
/// content): the second pass. Writing past the end is a programming error and stops.
struct ByteWriter: ByteSink {
  private var cursor: UnsafeMutablePointer<UInt8>
  private let end: UnsafeMutablePointer<UInt8>
  private(set) var replaced: [Unicode.Scalar] = []

  /// A writer filling `count` uninitialized bytes from `start`.
  init(start: UnsafeMutablePointer<UInt8>, count: Int) {
    cursor = start
    end = start + count
  }

  /// Whether every byte has been written.
  var isFull: Bool { cursor == end }

  @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    let count = bytes.count
    precondition(end - cursor >= count, "ByteWriter: more bytes than were counted")
    if let source = bytes.baseAddress { cursor.initialize(from: source, count: count) }
    cursor += count
  }

  @inline(__always) mutating func appendDecimal(_ number: Int) {
    let digits = decimalDigitCount(number)
    precondition(end - cursor >= digits, "ByteWriter: more bytes than were counted")
    var value = UInt(max(number, 0))
    var place = cursor + digits
    repeat {
      place -= 1
      place.initialize(to: 0x30 + UInt8(truncatingIfNeeded: value % 10))
      value /= 10
    } while value > 0
    cursor += digits
  }

  mutating func noteReplaced(_ scalar: Unicode.Scalar) { replaced.append(scalar) }
  mutating func clearReplaced() { replaced.removeAll() }
}

/// Writes into memory that grows as needed, for a part of a document whose size is not known
/// beforehand (a block, see `renderInBlocks`). ``finish()`` returns the bytes and frees the
/// memory; every writer must be finished.
struct GrowingWriter: ByteSink {
  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int
  private(set) var replaced: [Unicode.Scalar] = []

  /// A writer with room for `capacity` bytes before it first grows.
  init(capacity: Int) {
    self.capacity = max(capacity, 256)
    base = .allocate(capacity: self.capacity)
  }

  @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    let n = bytes.count
    if capacity - count < n { grow(toHold: count + n) }
    if let source = bytes.baseAddress { (base + count).initialize(from: source, count: n) }
    count += n
  }

  @inline(never) private mutating func grow(toHold needed: Int) {
    let larger = max(needed, capacity * 2)
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.initialize(from: base, count: count)
    base.deallocate()
    base = moved
    capacity = larger
  }

  mutating func noteReplaced(_ scalar: Unicode.Scalar) { replaced.append(scalar) }
  mutating func clearReplaced() { replaced.removeAll() }

  /// The bytes written; the writer's memory is freed, so it must not be used again.
  mutating func finish() -> [UInt8] {
    defer {
      base.deallocate()
      capacity = 0
      count = 0
    }
    return Array(UnsafeBufferPointer(start: base, count: count))
  }
}

extension ByteSink {
  /// Appends the UTF-8 bytes of character data, escaped (see ``XMLOutput``): `& < > "`, CR as
  /// `&#13;`, in an attribute also tab and LF; forbidden characters by `policy`, each recorded
  /// with ``noteReplaced(_:)``. Plain bytes are skipped by ``XMLEscaping/nextCare(_:count:from:)``.
  mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, inAttribute: Bool, policy: ForbiddenCharacterPolicy) {
    guard let base = utf8.baseAddress else { return }
    let count = utf8.count
    var i = 0
    var runStart = 0
    while i < count {
      i = XMLEscaping.nextCare(base, count: count, from: i)
      guard i < count else { break }
      let b = base[i]
      var width = 1
      var forbidden: UInt32? = nil
      let replacement: StaticString?
      switch b {
      case 0x26: replacement = "&amp;"
      case 0x3C: replacement = "&lt;"
      case 0x3E: replacement = "&gt;"
      case 0x22: replacement = "&quot;"
      case 0x0D: replacement = "&#13;"
      case 0x09: replacement = inAttribute ? "&#9;" : nil
      case 0x0A: replacement = inAttribute ? "&#10;" : nil
      case 0xEF:
        replacement = nil
        if i + 2 < count && base[i + 1] == 0xBF && (base[i + 2] == 0xBE || base[i + 2] == 0xBF) {
          forbidden = base[i + 2] == 0xBE ? 0xFFFE : 0xFFFF
          width = 3
        }
      default:
        replacement = nil
        forbidden = UInt32(b)  // the other C0 controls
      }
      if let scalar = forbidden {
        append(UnsafeBufferPointer(start: base + runStart, count: i - runStart))
        noteReplaced(Unicode.Scalar(scalar)!)
        switch policy {
        case .codePointElement: appendCodePointElement(scalar)
        case .replacementCharacter: append("\u{FFFD}" as StaticString)
        }
        i += width
        runStart = i
      } else if let replacement {
        append(UnsafeBufferPointer(start: base + runStart, count: i - runStart))
        append(replacement)
        i += 1
        runStart = i
      } else {
        i += 1
      }
    }
    append(UnsafeBufferPointer(start: base + runStart, count: count - runStart))
  }

  /// `<cp hex="XXXX"/>` for a scalar up to U+FFFF (four upper-case hex digits).
  private mutating func appendCodePointElement(_ scalar: UInt32) {
    append("<cp hex=\"")
    var hex: UInt32 = 0
    withUnsafeMutableBytes(of: &hex) { raw in
      for k in 0..<4 {
        let nibble = UInt8(truncatingIfNeeded: scalar >> (12 - 4 * UInt32(k))) & 0xF
        raw[k] = nibble < 10 ? 0x30 + nibble : 0x37 + nibble
      }
      append(UnsafeBufferPointer(raw.bindMemory(to: UInt8.self)))
    }
    append("\"/>")
  }

  /// Appends `value` as escaped character data.
  @inline(__always) mutating func appendText(_ value: String, forbidden policy: ForbiddenCharacterPolicy) {
    withUTF8Bytes(of: value) { appendEscaped($0, inAttribute: false, policy: policy) }
  }

  /// Appends ` name="value"`; forbidden characters in the value become U+FFFD.
  @inline(__always) mutating func appendAttribute(_ name: StaticString, _ value: String) {
    append(" ")
    append(name)
    append("=\"")
    withUTF8Bytes(of: value) { appendEscaped($0, inAttribute: true, policy: .replacementCharacter) }
    append("\"")
  }
}

/// The byte tests of the XML escaper.
enum XMLEscaping {
  /// Bytes below 0x40 that need escaping or checking: every C0 control, `"`, `&`, `<`, `>`.
  static let careBelow64: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E

  /// Whether byte `b` may need escaping: the above, or 0xEF, which starts U+FFFE and U+FFFF.
  @inline(__always) static func needsCare(_ b: UInt8) -> Bool {
    b < 0x40 ? (careBelow64 >> UInt64(b)) & 1 != 0 : b == 0xEF
  }

  /// The offset of the first byte at or after `start` of `count` bytes that ``needsCare(_:)``
  /// accepts, or `count`: sixteen bytes a step in C (`TextScan`) over a long enough rest, else
  /// eight at a time here, where a call would cost more than it saves.
  @inline(__always) static func nextCare(_ base: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
    if count - start >= 32 { return TextScan.nextXMLCare(in: base, count: count, from: start) }
    var i = start
    while i + 8 <= count && !wordNeedsCare(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
    while i < count && !needsCare(base[i]) { i += 1 }
    return i
  }

  /// Whether one of the eight bytes in `x` may need escaping (see ``needsCare(_:)``): a C0
  /// control, `"` or `&` (x | 4 == 0x26), `<` or `>` (x | 2 == 0x3E), or 0xEF.
  @inline(__always) static func wordNeedsCare(_ x: UInt64) -> Bool {
    // The four tests of `Lanes8` in one expression, tested once.
    let amp = (x | Lanes8.splat(0x04)) ^ Lanes8.splat(0x26)
    let angle = (x | Lanes8.splat(0x02)) ^ Lanes8.splat(0x3E)
    let ef = x ^ Lanes8.splat(0xEF)
    let found = ((x &- Lanes8.splat(0x20)) & ~x) | ((amp &- Lanes8.ones) & ~amp)
      | ((angle &- Lanes8.ones) & ~angle) | ((ef &- Lanes8.ones) & ~ef)
    return found & Lanes8.highs != 0
  }
}
