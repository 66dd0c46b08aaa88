import PropertyBased
import Testing
@testable import Tradu

/// The fast rendering path (count the bytes, then write them into memory of exactly that
/// size, glossary entries built once and copied) must give what the plain path gives: the
/// same code writing once into a growing array, entries built afresh.
@Suite struct ExactRenderingTests {
  let stamp = ExportStamp(toolVersion: "9.9.9", date: "2026-11-25T12:00:00Z")

  /// Pieces of hostile text: markup characters, controls, the non-characters U+FFFE/U+FFFF
  /// and their harmless neighbours that also start with byte 0xEF, CR, emoji (4-byte UTF-8,
  /// two UTF-16 units), Romanian letters, and runs long enough for the eight-byte skips.
  static let pieces: [String] = [
    "a", "Știu", "ă", "î", " ", "&", "<", ">", "\"", "'", "\r", "\n", "\t", "\u{1}", "\u{1F}", "\u{B}",
    "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "\u{FFFD}", "\u{F000}", "ï", "🚀", "👨‍👩‍👧", "]]>", "Kremlin",
    "abcdefgh", "Kievul", "„citat”", "\u{2028}",
  ]
  static let generatedText = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...50)

  /// Escaping as the XML spec describes it, one scalar at a time, written independently of
  /// the byte-level escaper.
  static func referenceEscape(_ text: String, inAttribute: Bool, policy: ForbiddenCharacterPolicy) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x26: out += "&amp;"
      case 0x3C: out += "&lt;"
      case 0x3E: out += "&gt;"
      case 0x22: out += "&quot;"
      case 0x0D: out += "&#13;"
      case 0x09: out += inAttribute ? "&#9;" : "\t"
      case 0x0A: out += inAttribute ? "&#10;" : "\n"
      case 0x00...0x1F, 0xFFFE, 0xFFFF:
        switch policy {
        case .codePointElement:
          let hex = String(scalar.value, radix: 16, uppercase: true)
          out += "<cp hex=\"" + String(repeating: "0", count: 4 - hex.count) + hex + "\"/>"
        case .replacementCharacter: out += "\u{FFFD}"
        }
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Renders `render` twice, into a counter and then into memory of the counted size.
  func exactly(_ render: (inout ByteCounter) -> Void, _ write: (inout ByteWriter) -> Void) -> [UInt8] {
    var counter = ByteCounter()
    render(&counter)
    let count = counter.count
    return [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in
      var writer = ByteWriter(start: buffer.baseAddress!, count: count)
      write(&writer)
      #expect(writer.isFull)
      initialized = count
    }
  }

  @Test func escapingIntoCountedMemoryMatchesThePlainOutputAndTheReference() async {
    await propertyCheck(count: 500, input: Self.generatedText) { indices in
      let text = indices.map { Self.pieces[$0] }.joined()
      for policy in [ForbiddenCharacterPolicy.codePointElement, .replacementCharacter] {
        for inAttribute in [false, true] {
          var plain = XMLOutput()
          withUTF8Bytes(of: text) { plain.appendEscaped($0, inAttribute: inAttribute, policy: policy) }
          let fast = exactly({ counter in
            withUTF8Bytes(of: text) { counter.appendEscaped($0, inAttribute: inAttribute, policy: policy) }
          }, { writer in
            withUTF8Bytes(of: text) { writer.appendEscaped($0, inAttribute: inAttribute, policy: policy) }
          })
          #expect(fast == plain.bytes, "\(text.debugDescription)")
          #expect(plain.string == Self.referenceEscape(text, inAttribute: inAttribute, policy: policy))
        }
      }
    }
  }

  /// JSON string escaping as RFC 8259 describes it, one scalar at a time.
  static func referenceJSONString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x00...0x1F:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  @Test func jsonStringsSkipPlainBytesAndEscapeTheRest() async {
    await propertyCheck(count: 500, input: Gen.int(in: 0...(Self.pieces.count + 1)).array(of: 0...50)) { indices in
      let text = indices.map { $0 < Self.pieces.count ? Self.pieces[$0] : ($0 == Self.pieces.count ? "\\" : "a\\\"b\u{7F}") }.joined()
      var out = JSONOutput()
      out.string(text)
      #expect(out.string == Self.referenceJSONString(text), "\(text.debugDescription)")
    }
    var numbers = JSONOutput()
    for number in [0, 7, 10, 123_456, -42, Int.min] {
      numbers.decimal(number)
      numbers.raw(" ")
    }
    #expect(numbers.string == "0 7 10 123456 -42 \(Int.min) ")
  }

  @Test func decimalsAreCountedAsWritten() {
    for number in [0, 1, 9, 10, 99, 100, 12_345, 1_000_000, Int.max, -5] {
      var plain = XMLOutput()
      plain.decimal(number)
      #expect(plain.string == (number < 0 ? "0" : String(number)))
      #expect(exactly({ $0.appendDecimal(number) }, { $0.appendDecimal(number) }) == plain.bytes)
    }
  }

  /// The UTF-8 offset of the first scalar starting at or after each UTF-16 offset, counted
  /// scalar by scalar.
  static func referenceOffsets(_ text: String) -> (utf16: [Int], utf8: [Int]) {
    var utf16: [Int] = [0]
    var utf8: [Int] = [0]
    for scalar in text.unicodeScalars {
      utf16.append(utf16.last! + UTF16.width(scalar))
      utf8.append(utf8.last! + UTF8.width(scalar))
    }
    return (utf16, utf8)
  }

  @Test func utf16OffsetsAreFoundInTheUTF8Bytes() async {
    await propertyCheck(count: 500, input: Self.generatedText, Gen.int(in: 0...400).array(of: 0...12)) { indices, targets in
      let text = indices.map { Self.pieces[$0] }.joined()
      let (utf16, utf8) = Self.referenceOffsets(text)
      withUTF8Bytes(of: text) { bytes in
        var finder = UTF16OffsetFinder(bytes)
        for target in targets.map({ $0 % (utf16.last! + 2) }).sorted() {
          let expected = utf16.firstIndex { $0 >= target }.map { utf8[$0] } ?? bytes.count
          #expect(finder.byteOffset(ofUTF16: target) == expected, "\(text.debugDescription) at \(target)")
        }
      }
    }
  }

  /// An emoji whose first byte is the last of eight: the eight bytes count nine UTF-16 units.
  @Test func anEmojiAcrossEightBytesIsNotCut() {
    let text = "Abcdefg🚀 și restul."
    withUTF8Bytes(of: text) { bytes in
      var finder = UTF16OffsetFinder(bytes)
      #expect(finder.byteOffset(ofUTF16: 9) == 11)
      #expect(finder.byteOffset(ofUTF16: 10) == 12)
    }
  }

  /// A generated article: paragraphs of hostile pieces and glossary forms, some of them
  /// overlapping ("Kremlinului" contains "Kremlin").
  static let articlePieces: [String] = pieces + [
    "Kremlinului", "Kiev", ". ", "\n\n", "\r\n\r\n", "Purtătorul de cuvânt al ", " a răspuns.",
  ]

  func prepared(_ text: String) throws -> PreparedDocument {
    let preparer = Preparer(normalization: nil, glossaryMatching: fixedTermMatcher([
      ("Kremlinului", kremlin), ("Kremlin", kremlin), ("Kievul", kyiv), ("Kiev", kyiv),
    ]))
    return try preparer.prepare(bytes: Array(text.utf8), name: "generat.ro.txt")
  }

  @Test func generatedArticlesRenderTheSameBothWays() async {
    let input = Gen.int(in: 0...(Self.articlePieces.count - 1)).array(of: 0...120)
    await propertyCheck(count: 150, input: input) { indices in
      let document = try prepared(indices.map { Self.articlePieces[$0] }.joined())
      for version in [XLIFFVersion.v2_0, .v2_1, .v2_2] {
        var plain = XLIFFWriter(version: version, stamp: stamp)
        plain.sizesExactly = false
        for split in [1, Int.max] {
          var fast = XLIFFWriter(version: version, stamp: stamp)
          fast.minimumUnitsToSplit = split
          #expect(fast.renderUTF8(document) == plain.renderUTF8(document))
        }
      }
    }
  }

  @Test func glossaryNotePartsAreBuiltOnceAndGiveTheSameNotes() async throws {
    let seed = try seedArticle()
    var parts = GlossaryNoteParts()
    let seedDocument = try Preparer(glossary: .default).prepare(bytes: Array((seed + "\n\n" + seed).utf8), name: "s.txt")
    var notes = 0
    for unit in seedDocument.units {
      let plain = unit.segments.contains { !$0.glossaryMatches.isEmpty }
        ? XLIFFWriter.glossaryNote(unit.segments.flatMap(\.glossaryMatches)) : nil
      #expect(parts.note(for: unit.segments) == plain)
      if plain != nil { notes += 1 }
    }
    #expect(notes > 5)
    await propertyCheck(count: 100, input: Gen.int(in: 0...(Self.articlePieces.count - 1)).array(of: 0...120)) { indices in
      let document = try prepared(indices.map { Self.articlePieces[$0] }.joined())
      for unit in document.units {
        let terms = unit.segments.flatMap(\.glossaryMatches)
        #expect(parts.note(for: unit.segments) == (terms.isEmpty ? nil : XLIFFWriter.glossaryNote(terms)))
      }
    }
  }

  @Test func theSeedWithTargetsAndNotesRendersTheSameBothWays() throws {
    let seed = try seedArticle()
    var document = try Preparer(glossary: .default).prepare(bytes: Array((seed + "\n\n" + seed).utf8), name: "seed.ro.txt")
    #expect(document.segments.contains { !$0.glossaryMatches.isEmpty })
    document.units[1].notes.append(PreparedNote(category: "test", text: "Notă cu <markup> & \u{1}"))
    document.units[2].segments[0].target = "The \"Kremlin\" & co\r\n"
    document.units[2].segments[0].notes.append(PreparedNote(category: "flag", text: "verifică"))
    var plain = XLIFFWriter(version: .v2_1, stamp: stamp)
    plain.sizesExactly = false
    var fast = XLIFFWriter(version: .v2_1, stamp: stamp)
    fast.minimumUnitsToSplit = 2
    let xml = fast.render(document)
    #expect(xml == plain.render(document))
    #expect(xml.contains("<target>The &quot;Kremlin&quot; &amp; co&#13;\n</target>"))
    #expect(xml.contains("<note category=\"test\">Notă cu &lt;markup&gt; &amp; \u{FFFD}</note>"))
  }
}

@Suite struct GlossEntryBodiesTests {
  /// Each interned body is the one built afresh for that match; matches that differ only in
  /// their place share a body; an entry id reused with other targets gets its own body.
  @Test func internedBodiesAreTheMatchesOwn() {
    let otherKyiv = GlossaryTarget(term: "Kyiv city")
    let matches = [
      GlossaryMatch(entryID: "kyiv", source: "Kiev", matched: "Kievul", range: 0..<6, kind: .inflected, targets: kyiv.targets),
      GlossaryMatch(entryID: "kyiv", source: "Kiev", matched: "Kiev", range: 0..<4, kind: .exact, targets: kyiv.targets),
      GlossaryMatch(entryID: "kremlin", source: "Kremlin", matched: "Kremlinului", range: 0..<11, kind: .inflected, targets: kremlin.targets),
      GlossaryMatch(entryID: "kyiv", source: "Kiev", matched: "KIEVUL", range: 0..<6, kind: .inflected, targets: kyiv.targets),
      GlossaryMatch(entryID: "kyiv", source: "Kiev", matched: "Kievul", range: 9..<15, kind: .folded, targets: kyiv.targets),
      GlossaryMatch(entryID: "kyiv", source: "Kiev", matched: "Kievul", range: 3..<9, kind: .inflected, targets: [otherKyiv]),
      GlossaryMatch(entryID: "kyiv", source: "Kiev", matched: "Kievul", range: 20..<26, kind: .inflected, targets: kyiv.targets),
    ]
    // Enough matches to grow the table several times.
    let many = (0..<300).map { i in
      GlossaryMatch(entryID: "e\(i % 97)", source: "Termen \(i % 97)", matched: "Termenul \(i % 89)", range: 0..<1,
                    kind: .inflected, targets: [GlossaryTarget(term: "Term \(i % 97)")])
    }
    let all = matches + many + matches.reversed()
    var bodies = GlossEntryBodies()
    var interned = XMLOutput()
    var fresh = XMLOutput()
    var plain = FreshGlossEntries()
    for match in all {
      let found = [SegmentGlossaryMatch(match: match, rangeInSegment: match.range)]
      found.withUnsafeBufferPointer { pointer in
        bodies.appendBody(of: pointer.baseAddress!, into: &interned)
        plain.appendBody(of: pointer.baseAddress!, into: &fresh)
      }
    }
    #expect(interned.bytes == fresh.bytes)
    // Six of the seven written matches differ (the first and the last share a body); the
    // 300 generated ones all do (97 and 89 are coprime, and 300 < 97 × 89).
    #expect(bodies.count == 306)
    #expect(Set(bodies.order).count == bodies.count)
    #expect(bodies.order[0] == bodies.order[6])
    #expect(bodies.order[0] != bodies.order[5])
    #expect(bodies.order[0] != bodies.order[4])

    // The replay gives the same bytes again without looking at the matches.
    var replayed = XMLOutput()
    bodies.replay { replay in
      let placeholder = [SegmentGlossaryMatch(match: matches[0], rangeInSegment: 0..<1)]
      placeholder.withUnsafeBufferPointer { pointer in
        for _ in all { replay.appendBody(of: pointer.baseAddress!, into: &replayed) }
      }
    }
    #expect(replayed.bytes == fresh.bytes)

    var out = XMLOutput()
    XLIFFWriter.glossEntryBody(matches[0], into: &out)
    #expect(out.string.contains("Found as &quot;Kievul&quot; (inflected). Do not use: Kiev."))
  }
}

/// ``GlossEntryCache``: the `<gls:glossEntry>` bodies a batch's articles share.
@Suite struct GlossEntryCacheTests {
  /// Articles that name the same people and places, rendered with one shared cache (whole and
  /// in blocks, again and again, and on several threads at once) or with a cache already full,
  /// give byte for byte what each gives with no cache; the shared cache holds each distinct
  /// body once.
  @Test func sharedBodiesGiveEachArticleItsOwnBytes() throws {
    let articles = [
      "Vladimir Putin a vorbit joi la Kremlin despre Ucraina.\n\nVolodimir Zelenski i-a răspuns a doua zi.",
      "Kremlinul anunță că Putin nu va discuta cu Vladimir Zelenski.\n\nLui Putin i s-a cerut un răspuns.",
      "Președintele Volodimir Zelenski a cerut ajutor.\n\nLa Kremlin, Putin a tăcut.",
    ]
    let preparer = Preparer(glossary: .default)
    let documents = try articles.enumerated().map { index, text in
      try preparer.prepare(bytes: Array(text.utf8), name: "articol-\(index).txt")
    }
    let matchCounts = documents.map { document in
      document.units.reduce(0) { $0 + $1.segments.reduce(0) { $0 + $1.glossaryMatches.count } }
    }
    #expect(matchCounts.allSatisfy { $0 >= 3 }, "every article names glossary terms: \(matchCounts)")

    let plain = XLIFFWriter(version: .v2_1, stamp: ExportStamp(toolVersion: "9.9.9", date: "2026-12-07T12:00:00Z"))
    let expected = documents.map { plain.renderUTF8($0) }
    var shared = plain
    shared.glossEntryCache = GlossEntryCache()
    var full = plain
    full.glossEntryCache = GlossEntryCache(capacity: 1)
    for writer in [shared, full] {
      for round in 0..<2 {
        for (document, bytes) in zip(documents, expected) {
          #expect(writer.renderUTF8(document) == bytes, "round \(round)")
          var blocks: [UInt8] = []
          writer.renderUTF8(document, inBlocksTo: { blocks += $0 })
          #expect(blocks == bytes, "round \(round), in blocks")
        }
      }
    }
    // "Putin" is matched in all three articles, yet its body is kept once.
    let kept = shared.glossEntryCache!.count
    #expect(kept > 0 && kept < matchCounts.reduce(0, +))
    #expect(full.glossEntryCache!.count == 1)

    var threaded = plain
    threaded.glossEntryCache = GlossEntryCache()
    let rendered = parallelMap(24, jobs: 4) { [threaded] i in threaded.renderUTF8(documents[i % documents.count]) }
    for (i, bytes) in rendered.enumerated() { #expect(bytes == expected[i % documents.count]) }
    #expect(threaded.glossEntryCache!.count == kept)
  }
}
