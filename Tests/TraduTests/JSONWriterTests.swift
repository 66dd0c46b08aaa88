import Foundation
import PropertyBased
import Testing
@testable import Tradu

/// Tradu's JSON writer against Foundation's `JSONSerialization`, the reference it replaced:
/// the same bytes for every string and layout, and text that parses back to what was written.
@Suite struct JSONWriterTests {
  /// Pieces of hostile text: every kind of character a JSON string escapes or might wrongly
  /// escape (all C0 controls, DEL, quote, backslash, slash, the JavaScript line separators
  /// U+2028/U+2029, non-characters), Romanian letters, emoji, and runs long enough for the
  /// eight-byte skips.
  static let pieces: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
    "\u{7F}", "\"", "\\", "/", "\u{2028}", "\u{2029}", "\u{FFFE}", "\u{FEFF}", "Știință", "ă", "î", " ",
    "🚀", "👨‍👩‍👧", "Kremlinului", "abcdefgh", "„citat”", "\r\n", "\\u0041",
  ]

  /// What `JSONSerialization` writes for `value` (a fragment), slashes unescaped.
  static func reference(_ value: Any, options: JSONSerialization.WritingOptions = []) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: value, options: options.union([.fragmentsAllowed, .withoutEscapingSlashes]))
    return String(decoding: data, as: UTF8.self)
  }

  /// A key written from a literal is the key written from a `String`, in both layouts, first
  /// in an object and after other members.
  @Test(arguments: [JSONWriter.Style.compact, .pretty])
  func staticKeysAreWrittenAsStringKeys(style: JSONWriter.Style) {
    var fromStrings = JSONWriter(style: style), fromLiterals = JSONWriter(style: style)
    fromStrings.beginObject()
    fromLiterals.beginObject()
    fromStrings.key("entry")
    fromLiterals.key(static: "entry")
    fromStrings.string("Kremlinului")
    fromLiterals.string("Kremlinului")
    fromStrings.key("sourceRange")
    fromLiterals.key(static: "sourceRange")
    fromStrings.beginObject()
    fromLiterals.beginObject()
    fromStrings.key("end")
    fromLiterals.key(static: "end")
    fromStrings.int(12)
    fromLiterals.int(12)
    fromStrings.endObject()
    fromLiterals.endObject()
    fromStrings.key("targetRange")
    fromLiterals.key(static: "targetRange")
    fromStrings.null()
    fromLiterals.null()
    fromStrings.endObject()
    fromLiterals.endObject()
    #expect(fromLiterals.bytes == fromStrings.bytes)
    #expect(String(decoding: fromLiterals.bytes, as: UTF8.self).contains("\"sourceRange\""))
  }

  @Test func stringsAreEscapedAsTheReferenceEscapesThemAndParseBack() async throws {
    await propertyCheck(count: 500, input: Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...40)) { indices in
      let text = indices.map { Self.pieces[$0] }.joined()
      var json = JSONWriter()
      json.string(text)
      let written = String(decoding: json.bytes, as: UTF8.self)
      #expect(written == (try? Self.reference(text)), "\(text.debugDescription)")
      // Foundation's parser drops U+FEFF, so the text is read back by RFC 8259's grammar here.
      #expect(Self.decodeString(json.bytes) == text, "\(text.debugDescription)")
    }
  }

  /// A JSON string literal decoded as RFC 8259 describes it; nil when it is not one (an
  /// unescaped control character, a bad escape).
  static func decodeString(_ bytes: [UInt8]) -> String? {
    let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
    var out = String.UnicodeScalarView()
    var i = 1
    while i < scalars.count - 1 {
      let c = scalars[i]
      if c.value < 0x20 || c == "\"" { return nil }
      guard c == "\\" else {
        out.append(c)
        i += 1
        continue
      }
      let e = scalars[i + 1]
      i += 2
      switch e {
      case "\"", "\\", "/": out.append(e)
      case "b": out.append("\u{8}")
      case "f": out.append("\u{C}")
      case "n": out.append("\n")
      case "r": out.append("\r")
      case "t": out.append("\t")
      case "u":
        guard let v = UInt32(String(String.UnicodeScalarView(scalars[i..<i + 4])), radix: 16), let s = Unicode.Scalar(v) else { return nil }
        out.append(s)
        i += 4
      default: return nil
      }
    }
    return String(out)
  }

  /// `JSONQuotedString`, which `tradu segment --format json` writes through a pointer, gives
  /// the writer's bytes and measures them exactly, for texts of every kind of character and
  /// length (the escapes on both sides of the 32-byte limit where the C scan takes over).
  @Test func quotedStringsThroughAPointerAreTheWritersBytes() async throws {
    func check(_ text: String) {
      var json = JSONWriter()
      json.string(text)
      let expected = json.bytes
      var utf8 = Array(text.utf8)
      let written = utf8.withUnsafeMutableBufferPointer { utf8 -> [UInt8] in
        let source = UnsafeBufferPointer(utf8)
        let length = JSONQuotedString.length(of: source)
        return [UInt8](unsafeUninitializedCapacity: length) { bytes, count in
          count = JSONQuotedString.write(source, length: length, at: bytes.baseAddress!) - bytes.baseAddress!
        }
      }
      #expect(written == expected, "\(text.debugDescription)")
    }
    check("")
    check("Președintele a spus: \"Nu.\"\tApoi a plecat.\\")
    check(String(repeating: "Știri din România, ", count: 4) + "\u{1}" + String(repeating: "ă", count: 40) + "\n")
    await propertyCheck(count: 500, input: Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...40)) { indices in
      check(indices.map { Self.pieces[$0] }.joined())
    }
  }

  @Test func everyControlCharacterHasItsEscape() {
    var json = JSONWriter()
    json.string((0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined() + "\u{7F}\u{2028}\"\\/")
    let expected = #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
      + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
      + "\u{7F}\u{2028}\\\"\\\\/\""
    #expect(String(decoding: json.bytes, as: UTF8.self) == expected)
  }

  /// A document with nested, empty and non-empty containers, of every kind of value.
  static func writeSample(_ json: inout JSONWriter, texts: [String]) {
    json.beginObject()
    json.key("a")
    json.beginObject()
    json.key("empty")
    json.beginObject()
    json.endObject()
    json.field("n", -42)
    json.endObject()
    json.key("B")
    json.beginArray()
    json.endArray()
    json.field("document", "articol-știri.txt")
    json.key("nothing")
    json.null()
    json.key("segments")
    json.beginArray()
    for (i, text) in texts.enumerated() {
      json.beginObject()
      json.field("end", i * 10 + 9)
      json.field("id", "p1.s\(i + 1)")
      json.field("start", i * 10)
      json.field("text", text)
      json.field("translatable", i % 2 == 0)
      json.endObject()
    }
    json.endArray()
    json.field("words", ["Kremlinului", "Casei Albe"])
    json.endObject()
  }

  static func sampleObject(texts: [String]) -> [String: Any] {
    [
      "a": ["empty": [String: Any](), "n": -42], "B": [Any](), "document": "articol-știri.txt", "nothing": NSNull(),
      "segments": texts.enumerated().map { i, text in
        ["end": i * 10 + 9, "id": "p1.s\(i + 1)", "start": i * 10, "text": text, "translatable": i % 2 == 0] as [String: Any]
      },
      "words": ["Kremlinului", "Casei Albe"],
    ]
  }

  @Test(arguments: [JSONWriter.Style.pretty, .compact])
  func layoutIsTheReferenceLayoutWithSortedKeys(style: JSONWriter.Style) throws {
    for texts in [[], ["Dl. Popescu a venit.", "\"Nu\", a spus el.\n\t\u{1}"]] {
      var json = JSONWriter(style: style)
      Self.writeSample(&json, texts: texts)
      #expect(json.isComplete)
      let options: JSONSerialization.WritingOptions = style == .pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
      #expect(String(decoding: json.bytes, as: UTF8.self) == (try Self.reference(Self.sampleObject(texts: texts), options: options)))
    }
  }

  @Test(arguments: [JSONWriter.Style.pretty, .compact])
  func deepNestingIsIndentedAsTheReferenceIndentsIt(style: JSONWriter.Style) throws {
    // Deeper than the writer's table of indentations (16 levels), and across it.
    for depth in [1, 15, 16, 17, 24] {
      var json = JSONWriter(style: style)
      var reference: Any = ["Casei Albe", 7] as [Any]
      for level in (0..<depth).reversed() { reference = level % 2 == 0 ? ["nivel": reference, "z": level] : [reference, level] }
      func write(_ level: Int) {
        if level == depth {
          json.beginArray()
          json.string("Casei Albe")
          json.int(7)
          json.endArray()
        } else if level % 2 == 0 {
          json.beginObject()
          json.key("nivel")
          write(level + 1)
          json.field("z", level)
          json.endObject()
        } else {
          json.beginArray()
          write(level + 1)
          json.int(level)
          json.endArray()
        }
      }
      write(0)
      let options: JSONSerialization.WritingOptions = style == .pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
      #expect(String(decoding: json.bytes, as: UTF8.self) == (try Self.reference(reference, options: options)), "depth \(depth)")
    }
  }

  @Test(arguments: [JSONWriter.Style.pretty, .compact])
  func anArrayWrittenInPartsIsTheArrayWrittenWhole(style: JSONWriter.Style) {
    let texts = (0..<40).map { "Propoziția \($0): „Kremlinului”\t\\" }
    // Cut into parts at every place, empty parts and an empty array included.
    for cuts in [[], [0], [0, 0], [1], [13, 13, 27], [39], [40], [0, 40]] as [[Int]] {
      for count in [0, texts.count] where cuts.allSatisfy({ $0 <= count }) {
        var whole = JSONWriter(style: style)
        whole.beginObject()
        whole.field("document", "articol.txt")
        whole.key("segments")
        whole.beginArray()
        for i in 0..<count { whole.beginObject(); whole.field("id", i); whole.field("text", texts[i]); whole.endObject() }
        whole.endArray()
        whole.field("z", true)
        whole.endObject()

        var json = JSONWriter(style: style)
        json.beginObject()
        json.field("document", "articol.txt")
        json.key("segments")
        json.beginArray()
        var bytes = json.take()
        let bounds = [0] + cuts + [count]
        for part in 0..<(bounds.count - 1) {
          var writer = JSONWriter(style: style, continuingArrayAtDepth: 2, after: bounds[part])
          for i in bounds[part]..<bounds[part + 1] {
            writer.beginObject(); writer.field("id", i); writer.field("text", texts[i]); writer.endObject()
          }
          bytes += writer.take()
        }
        json.countValues(count)
        json.endArray()
        json.field("z", true)
        json.endObject()
        bytes += json.take()
        #expect(bytes == whole.bytes, "cuts \(cuts), \(count) values")
      }
    }
  }

  @Test func takingBlocksGivesTheSameBytes() {
    let texts = (0..<500).map { "Propoziția numărul \($0), cu „ghilimele” și \\." }
    var whole = JSONWriter(style: .pretty)
    Self.writeSample(&whole, texts: texts)
    var blocks = JSONWriter(style: .pretty)
    var taken: [UInt8] = []
    blocks.beginObject()
    blocks.field("x", 1)
    taken += blocks.take()
    blocks.key("y")
    blocks.beginArray()
    for text in texts {
      blocks.string(text)
      if blocks.count > 1000 { taken += blocks.take() }
    }
    blocks.endArray()
    blocks.endObject()
    taken += blocks.take()
    let expected = try? Self.reference(["x": 1, "y": texts], options: [.prettyPrinted, .sortedKeys])
    #expect(String(decoding: taken, as: UTF8.self) == expected)
  }

  @Test func keysAreOrderedAsSortedKeysOrdersThem() throws {
    let keys = ["_", "a", "aa", "B", "byteOrderMark", "boilerplate", "entry", "entryId", "originalEnd", "originalStart", "Z"]
    let sorted = keys.sorted(by: JSONWriter.keyOrder)
    var json = JSONWriter()
    json.beginObject()
    for key in sorted { json.field(key, 1) }
    json.endObject()
    let object = Dictionary(uniqueKeysWithValues: keys.map { ($0, 1) })
    #expect(String(decoding: json.bytes, as: UTF8.self) == (try Self.reference(object, options: .sortedKeys)))
  }

  /// The writer fills memory through a pointer (`JSONOutput`); copies share it until one
  /// writes. Each copy must still write only its own bytes, before and after growing.
  @Test func copiesOfAWriterKeepTheirOwnBytes() throws {
    var first = JSONWriter(style: .pretty)
    first.beginObject()
    first.field("articol", "Kremlinul a răspuns.")
    first.key("propoziții")
    first.beginArray()
    var second = first  // shares the memory written so far
    let long = String(repeating: "Vladimir Putin și „Elon Musk” ", count: 40)  // grows both past their first room
    for i in 0..<30 {
      first.string("unu \(i) \(long)")
      second.int(i)
    }
    var third = second
    first.endArray()
    first.endObject()
    second.endArray()
    second.field("z", false)
    second.endObject()
    third.string("trei")
    third.endArray()
    third.endObject()
    let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys]
    func expected(_ values: [Any], z: Bool? = nil) throws -> String {
      var object: [String: Any] = ["articol": "Kremlinul a răspuns.", "propoziții": values]
      if let z { object["z"] = z }
      return try Self.reference(object, options: options)
    }
    #expect(String(decoding: first.bytes, as: UTF8.self) == (try expected((0..<30).map { "unu \($0) \(long)" })))
    #expect(String(decoding: second.bytes, as: UTF8.self) == (try expected(Array(0..<30), z: false)))
    #expect(String(decoding: third.bytes, as: UTF8.self) == (try expected(Array(0..<30) + ["trei"])))
    // A copy emptied by `take()` writes on its own; the original keeps its bytes.
    var taken = first
    #expect(taken.take() == first.bytes)
    taken.string("după")
    #expect(String(decoding: taken.bytes, as: UTF8.self) == "\"după\"")
    #expect(first.count > 0 && second.count > 0)
  }
}
