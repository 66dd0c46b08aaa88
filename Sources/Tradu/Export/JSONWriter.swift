/// JSON text as UTF-8 bytes, written piece by piece: the byte layer under ``JSONWriter`` and
/// ``JSONExporter``, and the one place where Tradu escapes a JSON string.
///
/// Strings are escaped per RFC 8259 as `JSONSerialization` and Python's `json` do: `"` and `\`
/// with a backslash, the short forms `\b \f \n \r \t`, the other C0 controls as `\u00xx`;
/// everything else (U+007F, U+2028, U+2029, non-ASCII) is written as UTF-8. Swift strings hold
/// no lone surrogates, so every string written is valid UTF-8.
///
/// The bytes go through a pointer into memory the output owns (``JSONBytes``), not through
/// `Array.append`, which cost about a hundred instructions a call for the short pieces JSON is
/// made of. Copies of an output share that memory until one of them writes: it then copies it
/// first, so an output behaves as a value.
struct JSONOutput {
  /// The memory written into, shared with copies until one writes.
  private var storage: JSONBytes
  /// How many bytes of `storage` are written.
  private(set) var count = 0

  init() {
    storage = JSONBytes(capacity: 256)
  }

  /// An output that continues `start`, with room for `capacity` bytes.
  init(continuing start: [UInt8], capacity: Int) {
    storage = JSONBytes(capacity: max(capacity, start.count))
    start.withUnsafeBufferPointer { raw(bytes: $0) }
  }

  /// The bytes written so far (a copy).
  var bytes: [UInt8] {
    withExtendedLifetime(storage) { [UInt8](UnsafeBufferPointer(start: storage.base, count: count)) }
  }

  var string: String { String(decoding: bytes, as: UTF8.self) }

  /// The bytes written so far, handed over; the output starts again empty (keeping its room).
  mutating func take() -> [UInt8] {
    defer { count = 0 }
    return bytes
  }

  /// The place of the next `n` bytes, which the caller must initialize; they count as written.
  @inline(__always) private mutating func room(_ n: Int) -> UnsafeMutablePointer<UInt8> {
    if storage.capacity - count < n || !isKnownUniquelyReferenced(&storage) { makeRoom(n) }
    let place = storage.base + count
    count += n
    return place
  }

  /// Memory of its own with room for `n` more bytes, the bytes written so far copied into it.
  @inline(never) private mutating func makeRoom(_ n: Int) {
    let needed = count + n
    let larger = JSONBytes(capacity: needed > storage.capacity ? max(needed, 2 * storage.capacity) : storage.capacity)
    withExtendedLifetime(storage) { larger.base.initialize(from: storage.base, count: count) }
    storage = larger
  }

  /// Appends one byte of markup.
  @inline(__always) mutating func byte(_ b: UInt8) {
    room(1).initialize(to: b)
  }

  /// Appends `n` copies of byte `b` (indentation).
  mutating func repeated(_ b: UInt8, count n: Int) {
    guard n > 0 else { return }
    room(n).initialize(repeating: b, count: n)
  }

  /// Appends `text`, which is already JSON. A literal goes to the `StaticString` form, which
  /// copies its bytes at once.
  mutating func raw(text: String) {
    withUTF8Bytes(of: text) { raw(bytes: $0) }
  }

  @inline(__always) mutating func raw(_ text: StaticString) {
    let n = text.utf8CodeUnitCount
    room(n).initialize(from: text.utf8Start, count: n)
  }

  /// Appends the first `n` bytes of `text` (at most all of them).
  @inline(__always) mutating func raw(prefix n: Int, of text: StaticString) {
    precondition(n <= text.utf8CodeUnitCount, "JSONOutput: a prefix longer than its text")
    room(n).initialize(from: text.utf8Start, count: n)
  }

  /// Appends bytes that are already JSON.
  @inline(__always) mutating func raw(bytes json: UnsafeBufferPointer<UInt8>) {
    guard let source = json.baseAddress, json.count > 0 else { return }
    room(json.count).initialize(from: source, count: json.count)
  }

  /// Appends bytes that are already JSON.
  mutating func raw(bytes json: some Sequence<UInt8>) {
    if json.withContiguousStorageIfAvailable({ raw(bytes: $0) }) == nil {
      let copy = Array(json)
      copy.withUnsafeBufferPointer { raw(bytes: $0) }
    }
  }

  /// Appends `number` in decimal digits, with a minus sign if it is negative.
  mutating func decimal(_ number: Int) {
    if number < 0 { byte(0x2D) }
    var value = number.magnitude
    let digits = decimalDigitCount(value)
    var place = room(digits) + digits
    repeat {
      place -= 1
      place.initialize(to: 0x30 + UInt8(truncatingIfNeeded: value % 10))
      value /= 10
    } while value > 0
  }

  /// Appends `value` as a quoted, escaped JSON string.
  mutating func string(_ value: String) {
    withUTF8Bytes(of: value) { quoted($0) }
  }

  /// Appends `utf8` as a quoted, escaped JSON string. A string with nothing to escape (the
  /// usual case) is copied in one piece with its quotes.
  private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
    let count = utf8.count
    guard let base = utf8.baseAddress, count > 0 else {
      raw("\"\"")
      return
    }
    let i = JSONEscaping.nextEscape(base, count: count, from: 0)
    if i == count {
      let place = room(count + 2)
      place.initialize(to: 0x22)
      (place + 1).initialize(from: base, count: count)
      (place + 1 + count).initialize(to: 0x22)
      return
    }
    byte(0x22)
    appendEscaped(utf8, from: i)
    byte(0x22)
  }

  /// Appends the escaped form of `utf8` (without quotes), whose bytes before `first` need no
  /// escape. Plain bytes are skipped by ``JSONEscaping/nextEscape(_:count:from:)`` and copied in runs.
  private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, from first: Int) {
    guard let base = utf8.baseAddress else { return }
    let count = utf8.count
    var runStart = 0
    var i = first
    while i < count {
      i = JSONEscaping.nextEscape(base, count: count, from: i)
      guard i < count else { break }
      let b = base[i]
      raw(bytes: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
      JSONEscaping.escape(b) { raw(bytes: $0) }
      i += 1
      runStart = i
    }
    raw(bytes: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
  }
}

/// The memory a ``JSONOutput`` writes into through a pointer: allocated once, never grown
/// (a larger one replaces it), freed with the last output that holds it.
final class JSONBytes {
  let base: UnsafeMutablePointer<UInt8>
  let capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }
}

/// The byte tests and escapes of JSON strings.
enum JSONEscaping {
  /// Whether `b` must be escaped: a C0 control, `"` or `\`.
  @inline(__always) static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

  /// The offset of the first byte at or after `start` of `count` bytes that ``needsEscape(_:)``
  /// accepts, or `count`: sixteen bytes a step in C (`TextScan`) over a long enough rest, else
  /// eight at a time here, where a call would cost more than it saves.
  @inline(__always) static func nextEscape(_ base: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
    if count - start >= 32 { return TextScan.nextJSONEscape(in: base, count: count, from: start) }
    var i = start
    while i + 8 <= count && !wordNeedsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
    while i < count && !needsEscape(base[i]) { i += 1 }
    return i
  }

  /// Whether one of the eight bytes in `x` must be escaped (see ``needsEscape(_:)``).
  @inline(__always) static func wordNeedsEscape(_ x: UInt64) -> Bool {
    let quote = x ^ Lanes8.splat(0x22)
    let backslash = x ^ Lanes8.splat(0x5C)
    let found = ((x &- Lanes8.splat(0x20)) & ~x) | ((quote &- Lanes8.ones) & ~quote)
      | ((backslash &- Lanes8.ones) & ~backslash)
    return found & Lanes8.highs != 0
  }

  /// Hands `body` the escape of byte `b`, one that ``needsEscape(_:)`` accepts.
  @inline(__always) static func escape(_ b: UInt8, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    let short: UInt8
    switch b {
    case 0x22: short = 0x22
    case 0x5C: short = 0x5C
    case 0x08: short = 0x62  // b
    case 0x0C: short = 0x66  // f
    case 0x0A: short = 0x6E  // n
    case 0x0D: short = 0x72  // r
    case 0x09: short = 0x74  // t
    default: short = 0
    }
    let hex: StaticString = "0123456789abcdef"
    var escaped: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      short != 0 ? (0x5C, short, 0, 0, 0, 0) : (0x5C, 0x75, 0x30, 0x30, hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 0xF)])
    withUnsafeBytes(of: &escaped) { raw in
      body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<(short != 0 ? 2 : 6)]))
    }
  }
}

/// JSON strings for a renderer that measures its output first and then writes it through a
/// pointer into memory of exactly that size (`tradu segment --format json`): the same bytes
/// ``JSONWriter/string(_:)`` writes, quotes included.
public enum JSONQuotedString {
  /// How many bytes `utf8` takes as a quoted, escaped JSON string.
  public static func length(of utf8: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = utf8.baseAddress else { return 2 }
    let count = utf8.count
    var length = count + 2
    var i = JSONEscaping.nextEscape(base, count: count, from: 0)
    while i < count {
      length += escapeLength(base[i]) - 1
      i = JSONEscaping.nextEscape(base, count: count, from: i + 1)
    }
    return length
  }

  /// Writes `utf8` quoted and escaped at `start`, where ``length(of:)`` gave `length` bytes
  /// of room; returns the end of what it wrote.
  public static func write(_ utf8: UnsafeBufferPointer<UInt8>, length: Int,
                           at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    start.initialize(to: 0x22)
    var end = start + 1
    if let base = utf8.baseAddress {
      let count = utf8.count
      if length == count + 2 {
        // Nothing to escape (the usual case): one copy.
        end.initialize(from: base, count: count)
        end += count
      } else {
        var runStart = 0
        var i = JSONEscaping.nextEscape(base, count: count, from: 0)
        while i < count {
          end.initialize(from: base + runStart, count: i - runStart)
          end += i - runStart
          JSONEscaping.escape(base[i]) { escaped in
            end.initialize(from: escaped.baseAddress!, count: escaped.count)
            end += escaped.count
          }
          runStart = i + 1
          i = JSONEscaping.nextEscape(base, count: count, from: runStart)
        }
        end.initialize(from: base + runStart, count: count - runStart)
        end += count - runStart
      }
    }
    end.initialize(to: 0x22)
    end += 1
    precondition(end - start == length, "JSONQuotedString.write: measured \(length) bytes, wrote \(end - start)")
    return end
  }

  /// The length of the escape of `b`, a byte ``JSONEscaping/needsEscape(_:)`` accepts: two
  /// bytes for `"`, `\` and the short forms, six for `\u00xx`.
  @inline(__always) private static func escapeLength(_ b: UInt8) -> Int {
    switch b {
    case 0x22, 0x5C, 0x08, 0x0C, 0x0A, 0x0D, 0x09: return 2
    default: return 6
    }
  }
}

/// Writes JSON values one after another, placing the commas, colons and (in ``Style/pretty``)
/// the line breaks and indentation itself; Tradu's one writer for JSON reports and protocol
/// answers (``JSONExporter`` lays out its own documents on the same bytes).
///
///     var json = JSONWriter(style: .pretty)
///     json.beginObject()
///     json.key("document"); json.string("article.txt")
///     json.key("segments"); json.beginArray()
///     json.int(3)
///     json.endArray()
///     json.endObject()
///
/// ``Style/pretty`` is `JSONSerialization`'s `.prettyPrinted` layout (two spaces, `"key" : value`,
/// an empty container across a blank line), ``Style/compact`` its compact one, so outputs keep
/// their bytes. Keys are written in the order given; callers give them sorted, as the
/// `.sortedKeys` outputs had them (checked by an assertion in debug builds).
public struct JSONWriter {
  /// The layout of the text.
  public enum Style: Sendable {
    /// No white space at all: one line.
    case compact
    /// One value per line, indented by two spaces a level.
    case pretty
  }

  /// What the writer is inside: an object or an array, how many values it holds so far and
  /// (for an object, in debug builds) the last key.
  private struct Level {
    var isObject: Bool
    var count = 0
    #if DEBUG
    var lastKey: String? = nil
    #endif
  }

  public let style: Style
  var output = JSONOutput()
  /// The containers begun and not ended, outermost first, except the innermost (`top`).
  private var outer: [Level] = []
  /// The innermost container begun and not ended, when `depth` > 0: kept apart from `outer`,
  /// so that a value touches no array.
  private var top = Level(isObject: false)
  /// How many containers are begun and not ended.
  private var depth = 0
  /// Whether the next value follows a key (no separator before it).
  private var afterKey = false

  public init(style: Style = .compact) {
    self.style = style
  }

  /// A writer that goes on inside an array another writer began, `depth` containers deep
  /// (the array included), after `count` of its values: its bytes follow that writer's
  /// (commas and indentation included), so that the parts of a long array can be written on
  /// several threads and joined in order. It ends no container it did not begin; the writer
  /// of the array is told how many values the parts held (``countValues(_:)``).
  public init(style: Style = .compact, continuingArrayAtDepth depth: Int, after count: Int) {
    precondition(depth >= 1, "JSONWriter: an array is at least one level deep")
    self.style = style
    outer = [Level](repeating: Level(isObject: true, count: 1), count: depth - 1)
    top = Level(isObject: false, count: count)
    self.depth = depth
  }

  /// Counts `count` values that other writers wrote into the current array
  /// (``init(style:continuingArrayAtDepth:after:)``), so that what follows is laid out as
  /// if this writer had written them.
  public mutating func countValues(_ count: Int) {
    precondition(depth > 0 && !top.isObject, "JSONWriter: values counted outside an array")
    top.count += count
  }

  /// The UTF-8 written so far.
  public var bytes: [UInt8] { output.bytes }

  /// Hands over the bytes written so far and forgets them (the structure is kept), so that a
  /// long output can be written out a block at a time.
  public mutating func take() -> [UInt8] { output.take() }

  /// How many bytes are waiting to be taken.
  public var count: Int { output.count }

  /// Whether every object and array begun has been ended.
  public var isComplete: Bool { depth == 0 }

  /// The separator and indentation before a value or key in the current container.
  @inline(__always) private mutating func beforeValue() {
    if afterKey {
      afterKey = false
      return
    }
    guard depth > 0 else { return }
    if top.count > 0 { output.byte(0x2C) }
    top.count += 1
    if style == .pretty { newline(depth: depth) }
  }

  /// A line feed and two spaces a level, copied in one piece up to 16 levels.
  @inline(__always) private mutating func newline(depth: Int) {
    let indentation: StaticString = "\n                                "
    if depth <= 16 {
      output.raw(prefix: 1 + 2 * depth, of: indentation)
    } else {
      output.byte(0x0A)
      output.repeated(0x20, count: 2 * depth)
    }
  }

  public mutating func beginObject() {
    begin(0x7B, isObject: true)
  }

  public mutating func endObject() {
    end(0x7D)
  }

  public mutating func beginArray() {
    begin(0x5B, isObject: false)
  }

  public mutating func endArray() {
    end(0x5D)
  }

  private mutating func begin(_ bracket: UInt8, isObject: Bool) {
    beforeValue()
    output.byte(bracket)
    if depth > 0 { outer.append(top) }
    top = Level(isObject: isObject)
    depth += 1
  }

  private mutating func end(_ bracket: UInt8) {
    precondition(depth > 0 && top.isObject == (bracket == 0x7D), "JSONWriter: ended a container that was not begun")
    let level = top
    depth -= 1
    if depth > 0 { top = outer.removeLast() }
    if style == .pretty {
      if level.count == 0 { output.byte(0x0A) }
      newline(depth: depth)
    }
    output.byte(bracket)
  }

  /// Writes the key of the next member of the current object.
  public mutating func key(_ name: String) {
    assert(depth > 0 && top.isObject && !afterKey, "JSONWriter: a key outside an object")
    beforeValue()
    #if DEBUG
    assert(top.lastKey.map { Self.keyOrder($0, name) } ?? true,
           "JSONWriter: key \(name) after \(top.lastKey ?? "") is out of order")
    top.lastKey = name
    #endif
    output.string(name)
    output.raw(style == .pretty ? " : " as StaticString : ":")
    afterKey = true
  }

  /// ``key(_:)`` of a name written in the program, which must need no escape (checked in
  /// debug builds): its bytes are copied between quotes as they are, without the escape scan
  /// a `String` goes through (a report writes a dozen such keys for each of its findings).
  public mutating func key(static name: StaticString) {
    assert(depth > 0 && top.isObject && !afterKey, "JSONWriter: a key outside an object")
    beforeValue()
    #if DEBUG
    let text = name.description
    assert(!text.utf8.contains(where: JSONEscaping.needsEscape), "JSONWriter: key \(text) needs escapes")
    assert(top.lastKey.map { Self.keyOrder($0, text) } ?? true, "JSONWriter: key \(text) after \(top.lastKey ?? "") is out of order")
    top.lastKey = text
    #endif
    output.byte(0x22)
    output.raw(name)
    output.raw(style == .pretty ? "\" : " as StaticString : "\":")
    afterKey = true
  }

  /// The order `JSONSerialization`'s `.sortedKeys` gives ASCII keys: case-insensitive, then
  /// shorter first.
  static func keyOrder(_ a: String, _ b: String) -> Bool {
    let (x, y) = (a.lowercased(), b.lowercased())
    return x == y ? a < b : x < y
  }

  public mutating func string(_ value: String) {
    beforeValue()
    output.string(value)
  }

  public mutating func int(_ value: Int) {
    beforeValue()
    output.decimal(value)
  }

  public mutating func bool(_ value: Bool) {
    beforeValue()
    output.raw(value ? "true" as StaticString : "false")
  }

  public mutating func null() {
    beforeValue()
    output.raw("null" as StaticString)
  }

  /// Writes `json`, which must be one complete JSON value, as it is.
  public mutating func rawValue(_ json: some Sequence<UInt8>) {
    beforeValue()
    output.raw(bytes: json)
  }

  /// A string, or `null` when `value` is nil.
  public mutating func string(orNull value: String?) {
    if let value { string(value) } else { null() }
  }

  /// `"key" : "value"`.
  public mutating func field(_ name: String, _ value: String) {
    key(name)
    string(value)
  }

  /// `"key" : number`.
  public mutating func field(_ name: String, _ value: Int) {
    key(name)
    int(value)
  }

  /// `"key" : true|false`.
  public mutating func field(_ name: String, _ value: Bool) {
    key(name)
    bool(value)
  }

  /// `"key" : ["a", "b"]`.
  public mutating func field(_ name: String, _ values: [String]) {
    key(name)
    beginArray()
    for value in values { string(value) }
    endArray()
  }
}
