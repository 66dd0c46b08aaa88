import Foundation
import Testing

@testable import Tradu

/// Tradu's JSON parser: values, escapes, numbers and nesting as RFC 8259 has them, held against
/// Foundation's `JSONSerialization` on generated documents, and errors that name their place.
@Suite struct JSONParserTests {
  static func parse(_ text: String) throws -> Tradu.JSONValue { try JSONParser.parse(Array(text.utf8)) }

  /// The error `text` gives.
  static func failure(_ text: String) -> JSONParser.SyntaxError? {
    failure(Array(text.utf8))
  }

  static func failure(_ bytes: [UInt8]) -> JSONParser.SyntaxError? {
    do {
      _ = try JSONParser.parse(bytes)
      return nil
    } catch {
      return error
    }
  }

  @Test func aPreparedSegmentReadsAsWritten() throws {
    let value = try Self.parse("""
      {"id": "p1.s1", "source": "Kremlinul a negat: \\"Nu\\".", "target": null, "start": 0, "end": 27,
       "translate": true, "glossary": [{"entry": "org-kremlin", "start": -1.5e3}], "notes": []}
      """)
    let object = try #require(value.object)
    #expect(object.members.map(\.key) == ["id", "source", "target", "start", "end", "translate", "glossary", "notes"])
    #expect(object["source"]?.string == "Kremlinul a negat: \"Nu\".")
    #expect(object["target"] == .null)
    #expect(object["end"] == .number("27"))
    #expect(object["translate"]?.bool == true)
    #expect(object["glossary"]?.array?.first?.object?["start"] == .number("-1.5e3"))
    #expect(object["notes"] == .array([]))
    #expect(object["missing"] == nil)
  }

  @Test(arguments: [
    (#""a\"b\\c\/d""#, "a\"b\\c/d"),
    (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"),
    (#""\u0219i \u021B""#, "și ț"),  // Romanian comma-below letters
    (#""\u00E2\u00ee""#, "âî"),  // upper- and lower-case hex digits
    (#""\ud83d\ude00 zâmbet""#, "😀 zâmbet"),  // a surrogate pair: one scalar
    (#""Bucure\u0219ti \u2014 \uD83C\uDDF7\uD83C\uDDF4""#, "București — 🇷🇴"),
    ("\"ș raw, then \\n escaped\"", "ș raw, then \n escaped"),
    (#""""#, ""),
    (#""\u0000""#, "\u{0}"),
  ])
  func stringsAreUnescaped(json: String, text: String) throws {
    #expect(try Self.parse(json) == .string(text))
  }

  @Test func keysAreUnescapedAndTheLastOfTwoWins() throws {
    let object = try #require(try Self.parse(#"{"\u0073ource": "a", "k": 1, "k": 2}"#).object)
    #expect(object["source"]?.string == "a")
    #expect(object["k"] == .number("2"))
    #expect(object.members.count == 3)
  }

  @Test func objectsKnowTheirLine() throws {
    let value = try Self.parse("{\"units\": [\n  {\"id\": \"p1\"},\r\n  {\"id\": \"p2\",\n   \"segments\": [{}]}\n]}")
    let units = try #require(value.object?["units"]?.array)
    #expect(value.object?.line == 1)
    #expect(units.map { $0.object?.line } == [2, 3])
    #expect(units[1].object?["segments"]?.array?.first?.object?.line == 4)
  }

  @Test func aByteOrderMarkAndSurroundingWhiteSpaceAreSkipped() throws {
    #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(" \t\r\n[true, false, null]\n".utf8))
      == .array([.bool(true), .bool(false), .null]))
  }

  @Test func aRangeIsParsedAloneWithTheFileSLines() throws {
    let bytes = Array("{\"a\": 1}\n{\"b\": 2}\n{\"c\": }\n".utf8)
    #expect(try JSONParser.parse(bytes, in: 9..<17, firstLine: 2).object?["b"] == .number("2"))
    let error = try #require(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(bytes, in: 18..<25, firstLine: 3) }
    #expect(error.line == 3 && error.column == 7 && error.offset == 24)
  }

  /// A string value written with the same bytes as the one before it in its object (a target
  /// that copies its source) is that string; one that differs anywhere, or runs past the end
  /// of the parsed range, is read on its own, with its own error.
  @Test func aStringRepeatedInItsObjectIsTheSameString() throws {
    let source = #""Ministrul Finanțelor a spus: \"Bugetul pe 2025 e gata\" — și a plecat.""#
    let copied = try #require(try Self.parse(#"{"id": "p3.s2", "source": \#(source), "target": \#(source)}"#).object)
    #expect(copied["source"]?.string == "Ministrul Finanțelor a spus: \"Bugetul pe 2025 e gata\" — și a plecat.")
    #expect(copied["target"] == copied["source"])
    // The same string again in a member that is not the next one, and a number between.
    let apart = try #require(try Self.parse(#"{"source": "Iași", "n": 2, "target": "Iași", "note": "Iași!"}"#).object)
    #expect(apart["target"]?.string == "Iași" && apart["note"]?.string == "Iași!")
    // Differing in the last byte before the quote, or longer: read as written.
    let longer = try #require(try Self.parse(#"{"source": "Cluj", "target": "Cluj-Napoca"}"#).object)
    #expect(longer["target"]?.string == "Cluj-Napoca")
    let other = try #require(try Self.parse(#"{"source": "Brașov.", "target": "Brașov!"}"#).object)
    #expect(other["target"]?.string == "Brașov!")
    // A copy the range cuts short is an unfinished string, as it was.
    let bytes = Array(#"{"source": "Sibiu", "target": "Sibiu"}"#.utf8)
    let cut = bytes.count - 3  // inside the second "Sibiu"
    #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(bytes, in: 0..<cut) }
    // An error after a repeated string is placed where it stands.
    let error = try #require(Self.failure(#"{"source": "Arad", "target": "Arad" "id": 1}"#))
    #expect(error.offset == 36 && error.problem.contains("expected ',' or '}'"))
    // Members the reader does not keep are skipped, not shared.
    let line = Array(#"{"notes": "Deva", "source": "Deva", "target": "Deva"}"#.utf8)
    let kept = try JSONParser.parse(line, in: 0..<line.count, keeping: ["source", "target"])
    #expect(kept.object?.members.map(\.key) == ["source", "target"] && kept.object?["target"]?.string == "Deva")
  }

  /// The scan of a string's plain bytes, eight at a time, stops where the byte loop stops and
  /// gathers the same bits, from every start and up to every end of strings of Romanian text,
  /// with a quote, a backslash or a control character at every place of an eight-byte word.
  @Test func theWordScanOfStringBytesAgreesWithTheByteLoop() {
    let plain = Array("Președintele a declarat: „Țara are nevoie de 1.250 de spitale” — și nu doar atât.".utf8)
    var texts: [[UInt8]] = [plain, Array("Guvernul a aprobat bugetul pe anul 2024 fara niciun vot".utf8), []]
    for stop: UInt8 in [0x22, 0x5C, 0x00, 0x0A, 0x1F, 0x09] {
      for place in 0..<17 {
        var text = Array(plain.prefix(40))
        text[place + 3] = stop
        texts.append(text)
      }
    }
    // Bytes that only look like stops in part of their bits: 0x20 (a space), 0xA2, 0xDC, 0x7F, 0xE0.
    texts.append([0x20, 0xA2, 0xDC, 0x7F, 0xE0, 0x21, 0x23, 0x5B, 0x5D, 0xC2, 0x80, 0x20, 0x41, 0x42, 0x43, 0x44, 0x22])
    for text in texts {
      text.withUnsafeBufferPointer { buffer in
        for from in 0...text.count {
          for end in from...text.count {
            let fast = JSONParser.unescapedRun(buffer, from: from, to: end)
            let slow = JSONParser.unescapedRunBytewise(buffer, from: from, to: end)
            #expect(fast.end == slow.end && fast.bits == slow.bits, "from \(from) to \(end) of \(text)")
          }
        }
      }
    }
    // A stop in the first word ends the run there; ASCII text leaves the top bit clear.
    let quoted = Array("Ion \"Popescu\" a venit".utf8)
    quoted.withUnsafeBufferPointer { buffer in
      let run = JSONParser.unescapedRun(buffer, from: 0, to: buffer.count)
      #expect(run.end == 4 && run.bits == Array("Ion ".utf8).reduce(0, |) && run.bits < 0x80)
    }
    plain.withUnsafeBufferPointer { buffer in
      let run = JSONParser.unescapedRun(buffer, from: 0, to: buffer.count)
      #expect(run.end == buffer.count && run.bits >= 0x80)
    }
  }

  @Test(arguments: ["0", "-0", "12", "-7", "3.25", "1e9", "1E+2", "-2.5e-3", "0.0", "123456789012345678901234567890"])
  func numbersKeepTheirSpelling(number: String) throws {
    #expect(try Self.parse("[\(number)]") == .array([.number(number)]))
  }

  @Test func nestingIsLimitedNotOverflowed() throws {
    let deep = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
    #expect(throws: Never.self) { try Self.parse(deep) }
    let tooDeep = String(repeating: "[", count: 100_000)
    let error = try #require(Self.failure(tooDeep))
    #expect(error.problem.contains("nested more than \(JSONParser.maximumDepth) deep"))
    #expect(error.offset == JSONParser.maximumDepth)
  }

  // MARK: Errors

  static let badCases: [(String, Int, Int, Int, String)] = [
    // (text, line, column, offset, words of the problem)
    ("{\"id\": \"p1\",\n \"source\": \"Kremlinul\" \"target\": null}", 2, 24, 36, "expected ',' or '}' after a member, found '\"'"),
    ("{\"units\": [1, 2,]}", 1, 17, 16, "expected a value"),
    ("{\"a\": 1,}", 1, 9, 8, "expected a member name in double quotes, found '}'"),
    ("[01]", 1, 3, 2, "does not start with 0 followed by digits"),
    ("[1.]", 1, 4, 3, "expected a digit after the decimal point, found ']'"),
    ("[-]", 1, 3, 2, "expected a digit in the number"),
    ("[1e]", 1, 4, 3, "expected a digit in the exponent"),
    ("[.5]", 1, 2, 1, "expected a value"),
    ("[+1]", 1, 2, 1, "expected a value"),
    ("{\"a\" 1}", 1, 6, 5, "expected ':' after the member name \"a\", found '1'"),
    ("{'a': 1}", 1, 2, 1, "expected a member name in double quotes, found '''"),
    ("[tru]", 1, 2, 1, "did you mean true?"),
    ("[nul", 1, 2, 1, "did you mean null?"),
    ("{\"a\": [1, 2}", 1, 12, 11, "expected ',' or ']' after an element, found '}'"),
    ("{\"a\": 1", 1, 8, 7, "the object never ends"),
    ("[\"ș\n\"]", 1, 4, 4, "the control character U+000A stands in a string unescaped"),
    ("[\"Kremlin", 1, 2, 1, "the string never ends"),
    ("[\"a\\x\"]", 1, 4, 3, "\\x is not an escape"),
    ("[\"\\u12\"]", 1, 7, 6, "\\u takes four hexadecimal digits, found '\"'"),
    ("[\"\\ud83d\"]", 1, 3, 2, "\\uD83D is the first half of a surrogate pair without the second"),
    ("[\"\\ud83d\\u0041\"]", 1, 9, 8, "\\u0041 after \\uD83D is not the second half of a surrogate pair"),
    ("[\"\\ude00\"]", 1, 3, 2, "\\uDE00 is the second half of a surrogate pair without the first"),
    ("{} {}", 1, 4, 3, "text after the end of the JSON value: '{'"),
    ("", 1, 1, 0, "expected a value, found the end of the text"),
    ("\n\n  ", 3, 3, 4, "expected a value, found the end of the text"),
    ("[„citat”]", 1, 2, 1, "expected a value (an object, array, string, number, true, false or null), found '„'"),
  ]
  static var badTexts: [String] { badCases.map(\.0) }

  @Test(arguments: badCases)
  func badTextIsPlacedAndExplained(text: String, line: Int, column: Int, offset: Int, problem: String) throws {
    let error = try #require(Self.failure(text), "\(text) parsed")
    #expect(error.problem.contains(problem), "\(error.problem)")
    #expect(error.line == line && error.column == column && error.offset == offset, "\(error)")
  }

  /// A parse that keeps only some members reads the rest as carefully: the same error, in
  /// the same place, whatever it keeps.
  @Test(arguments: [[String](), ["a"], ["id", "source", "target"]])
  func badTextIsTheSameErrorWhateverIsKept(kept: [String]) throws {
    let texts = Self.badTexts + [
      "{\"id\": \"p1\", \"notes\": [{\"a\": [1, 2,]}]}", "{\"glossary\": {\"x\": \"Kremlin\\q\"}, \"id\": 1}",
      "{\"a\": [\"\u{1}\"]}", "{\"skip\": {\"b\" 2}}", "{\"skip\": \"Kremlin",
    ]
    for text in texts {
      let bytes = Array(text.utf8)
      let whole = try #require(Self.failure(bytes), "\(text) parsed")
      #expect(throws: whole, "\(text)") { _ = try JSONParser.parse(bytes, in: 0..<bytes.count, keeping: kept) }
    }
    let invalid = Array("{\"skip\": [\"Ro".utf8) + [0x80] + Array("\"], \"id\": \"1\"}".utf8)
    let whole = try #require(Self.failure(invalid))
    #expect(throws: whole) { _ = try JSONParser.parse(invalid, in: 0..<invalid.count, keeping: kept) }
  }

  /// What a parse keeps is what the whole parse has, less the members it does not name.
  @Test func keptMembersAreThoseOfTheWholeParse() throws {
    func pruned(_ value: Tradu.JSONValue, _ kept: [String]) -> Tradu.JSONValue {
      switch value {
      case .array(let elements): return .array(elements.map { pruned($0, kept) })
      case .object(let object):
        return .object(JSONObject(members: object.members.filter { kept.contains($0.key) }
          .map { .init(key: $0.key, value: pruned($0.value, kept)) }, line: object.line))
      default: return value
      }
    }
    var random = SplitMix(seed: 20261207)
    let kept = ["Kremlinul", "ș", "", "é"]
    for _ in 0..<300 {
      var text = ""
      _ = Self.generate(depth: 0, random: &random, into: &text)
      let bytes = Array(text.utf8)
      let whole = try JSONParser.parse(bytes)
      #expect(try JSONParser.parse(bytes, in: 0..<bytes.count, keeping: kept) == pruned(whole, kept), "\(text)")
    }
    let line = #"{"format": "tradu-unit", "tool": {"name": "Tradu"}, "unit": {"id": "p1", "notes": [], "segments": [{"id": "p1.s1", "source": "Kremlinul a negat.", "target": "The Kremlin denied it.", "start": 0, "glossary": [{"entry": "org-kremlin"}]}]}}"#
    let value = try JSONParser.parse(Array(line.utf8), in: 0..<line.utf8.count, keeping: ["unit", "id", "segments", "source", "target"])
    let segment = value.object?["unit"]?.object?["segments"]?.array?.first?.object
    #expect(value.object?.members.map(\.key) == ["unit"])
    #expect(segment?.members.map(\.key) == ["id", "source", "target"])
    #expect(segment?["target"]?.string == "The Kremlin denied it.")
  }

  @Test func columnsCountCharactersNotBytes() throws {
    let error = try #require(Self.failure("{\"sursă\": \"București\" x}"))
    #expect(error.column == 23 && error.offset == 24)
    #expect(error.description == "column 23 (byte 24): expected ',' or '}' after a member, found 'x'")
  }

  @Test func invalidUTF8IsRefusedWhereItStands() throws {
    // "Ro" then a lone continuation byte; and an overlong encoding of '/'.
    for (bytes, offset) in [(Array("[\"Ro".utf8) + [0x80] + Array("\"]".utf8), 4),
                            (Array("[\"a\\n".utf8) + [0xC0, 0xAF] + Array("\"]".utf8), 5)] {
      let error = try #require(Self.failure(bytes))
      #expect(error.problem.contains("not valid UTF-8") && error.offset == offset, "\(error)")
    }
  }

  @Test func theUTF8CheckAgreesWithTheStandardLibrary() {
    var random = SplitMix(seed: 7)
    // Random bytes weighted toward lead and continuation bytes, and the edges of the ranges.
    let interesting: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xA0, 0x9F, 0xED, 0xEF,
                                0xF0, 0x90, 0x8F, 0xF4, 0xF5, 0xFF, 0xC8, 0x99]
    for _ in 0..<20_000 {
      let bytes = (0..<random.next(7)).map { _ in interesting[random.next(interesting.count)] }
      let valid = String(validating: bytes, as: UTF8.self) != nil
      #expect((JSONParser.firstInvalidUTF8(bytes, in: 0..<bytes.count) == nil) == valid, "\(bytes)")
    }
    let text = Array("Bucureș".utf8) + [0xC8]
    #expect(JSONParser.firstInvalidUTF8(text, in: 0..<text.count) == 8)
    #expect(JSONParser.firstInvalidUTF8(text, in: 0..<8) == nil)
  }

  // MARK: Against Foundation

  /// Generated documents: every kind of value, strings with escapes written in every way
  /// (short forms, `\u` in both cases, surrogate pairs, raw UTF-8), random white space.
  @Test func generatedDocumentsReadAsFoundationReadsThem() throws {
    var random = SplitMix(seed: 20261206)
    for _ in 0..<300 {
      var text = ""
      let value = Self.generate(depth: 0, random: &random, into: &text)
      let ours = try JSONParser.parse(Array(text.utf8))
      let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
      #expect(ours == value, "\(text)")
      #expect(Self.sameValue(ours, foundation), "\(text)")
    }
  }

  /// Whether `ours` holds what Foundation read (`NSNumber`s compared by value).
  static func sameValue(_ ours: Tradu.JSONValue, _ theirs: Any) -> Bool {
    switch ours {
    case .null: return theirs is NSNull
    case .bool(let b): return (theirs as? Bool) == b
    case .number(let n): return (theirs as? NSNumber)?.doubleValue == Double(n)
    case .string(let s): return (theirs as? String) == s
    case .array(let a):
      guard let other = theirs as? [Any], other.count == a.count else { return false }
      return zip(a, other).allSatisfy { sameValue($0, $1) }
    case .object(let o):
      guard let other = theirs as? [String: Any] else { return false }
      let keys = Set(o.members.map(\.key))
      return keys.count == other.count && keys.allSatisfy { key in other[key].map { sameValue(o[key]!, $0) } == true }
    }
  }

  static let pieces: [String] = ["Kremlinul", "București", "ș", "Ț", "\"", "\\", "/", "\n", "\t", "\u{1}", "😀", "🇷🇴",
                                 "—", "„citat”", " ", "", "\u{2028}", "é", "0"]

  /// Writes a random value as JSON text into `text` and returns it.
  static func generate(depth: Int, random: inout SplitMix, into text: inout String) -> Tradu.JSONValue {
    func space() { text += ["", " ", "\n", "\t", "\r\n  "][random.next(5)] }
    space()
    defer { space() }
    switch depth > 3 ? random.next(4) : random.next(7) {
    case 0: text += "null"; return .null
    case 1:
      let b = random.next(2) == 0
      text += b ? "true" : "false"
      return .bool(b)
    case 2:
      let n = ["0", "-0", "42", "-17", "3.5", "1e3", "-2.25E-2", "1000000"][random.next(8)]
      text += n
      return .number(n)
    case 3:
      return .string(string(random: &random, into: &text))
    case 4, 5:
      text += "{"
      var members: [JSONObject.Member] = []
      for k in 0..<random.next(4) {
        if k > 0 { text += "," }
        space()
        let key = string(random: &random, into: &text)
        space()
        text += ":"
        members.append(.init(key: key, value: generate(depth: depth + 1, random: &random, into: &text)))
      }
      text += "}"
      return .object(JSONObject(members: members, line: 0))
    default:
      text += "["
      var elements: [Tradu.JSONValue] = []
      for k in 0..<random.next(4) {
        if k > 0 { text += "," }
        elements.append(generate(depth: depth + 1, random: &random, into: &text))
      }
      text += "]"
      return .array(elements)
    }
  }

  /// Writes a random string, each scalar raw or escaped, and returns its text.
  static func string(random: inout SplitMix, into text: inout String) -> String {
    var value = ""
    text += "\""
    for _ in 0..<random.next(4) {
      let piece = pieces[random.next(pieces.count)]
      value += piece
      for scalar in piece.unicodeScalars {
        let mustEscape = scalar == "\"" || scalar == "\\" || scalar.value < 0x20
        switch (mustEscape, random.next(3)) {
        case (_, 0):
          for unit in String(scalar).utf16 {
            text += "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count)
              + String(unit, radix: 16, uppercase: random.next(2) == 0)
          }
        case (true, _):
          let short: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\t": "\\t"]
          text += short[scalar] ?? String(format: "\\u%04x", scalar.value)
        case (false, 1) where scalar == "/":
          text += "\\/"
        default:
          text.unicodeScalars.append(scalar)
        }
      }
    }
    text += "\""
    return value
  }
}

/// A small seeded generator (SplitMix64), so failures repeat.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}
