import PropertyBased
import Testing
@testable import Tradu

/// Properties of the normalizer over generated texts: the offset map leads every segment back
/// to its own original text, the edits rebuild the output, and normalizing twice changes
/// nothing.
@Suite struct NormalizerPropertyTests {
  /// Pieces of text with what the default profile must make of each, written by hand: the
  /// expected normalized text of a generated string is the concatenation of these, an oracle
  /// that does not come from the code under test.
  static let pieces: [(original: String, normalized: String)] = [
    ("Ana", "Ana"), ("mere", "mere"), ("România", "România"), ("în", "în"), ("Știu", "Știu"),
    ("1.234,56", "1.234,56"), ("Dl.", "Dl."),
    (" ", " "), (". ", ". "), ("! ", "! "), ("? ", "? "), ("\n", "\n"), ("\n\n", "\n\n"),
    ("\r\n", "\r\n"), ("\r", "\r"), ("\u{2029}", "\u{2029}"),
    ("\u{A0}", "\u{A0}"), ("\u{202F}", "\u{202F}"), ("„", "„"), ("”", "”"), (" – ", " – "),
    ("ş", "ș"), ("Ş", "Ș"), ("ţ", "ț"), ("Ţ", "Ț"), ("s\u{327}", "ș"), ("T\u{327}", "Ț"),
    ("a\u{306}", "ă"), ("i\u{302}", "î"), ("A\u{302}", "Â"), ("s\u{326}", "ș"),
    ("\u{AD}", ""), ("\u{200B}", ""), ("\u{2060}", ""), ("\u{FEFF}", ""),
    ("\u{200D}", "\u{200D}"), ("👩\u{200D}💻", "👩\u{200D}💻"), ("🇷🇴", "🇷🇴"),
    ("[email\u{A0}protected]", "[email\u{A0}protected]"),
    // Mojibake as whole words, as it comes: UTF-8 read as Windows-1252 and saved again.
    ("È™i", "și"), ("Ã®n", "în"), ("â€žDa", "„Da"), ("RomÃ¢nia", "România"), ("ÈšarÄƒ È™i", "Țară și"),
  ]

  static let generatedText = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...60)

  /// Checks the properties for one generated text; `expected` is nil when there is no oracle.
  ///
  /// With `contextFree`, each segment's original text, normalized on its own, must give the
  /// segment; otherwise (mojibake is judged on the whole document) the edits inside the
  /// segment's original range, applied to it, must.
  func checkProperties(_ original: String, expected: String?, contextFree: Bool = true) throws {
    let normalizer = TextNormalizer()
    let result = try normalizer.normalize(original)
    if let expected { #expect(result.text == expected) }

    // The edits, applied to the original, rebuild the normalized text.
    let source = Array(original.utf16)
    var rebuilt: [UInt16] = []
    var position = 0
    for edit in result.edits {
      #expect(edit.range.lowerBound >= position)
      rebuilt += source[position..<edit.range.lowerBound]
      #expect(String(decoding: source[edit.range], as: UTF16.self) == edit.original)
      rebuilt += Array(edit.replacement.utf16)
      position = edit.range.upperBound
    }
    rebuilt += source[position...]
    #expect(String(decoding: rebuilt, as: UTF16.self) == result.text)

    // The UTF-8 pass, where it does not give up, gives exactly what the UTF-16 pass gives.
    let full = try normalizer.normalizeUTF16(original)
    if let fast = normalizer.normalizeUTF8(original) {
      #expect(fast.text == full.text)
      #expect(fast.edits == full.edits)
      #expect(fast.flags == full.flags)
      #expect(fast.offsetMap == full.offsetMap)
    }
    #expect(full.text == result.text && full.edits == result.edits)

    // The map recorded while normalizing is the one the edits define.
    #expect(result.offsetMap == OffsetMap(edits: result.edits))

    // Normalizing again changes nothing.
    let again = try normalizer.normalize(result.text)
    #expect(again.text == result.text)
    #expect(again.edits.isEmpty)

    // Each segment's range, mapped back, covers original text that normalizes to the segment.
    let length = result.text.utf16.count
    var lastStart = 0
    for offset in 0...length {
      let start = result.offsetMap.originalStart(of: offset)
      #expect(start >= lastStart && start <= source.count)
      lastStart = start
    }
    for segment in try Segmenter().segment(result.text).segments {
      let range = result.originalRange(of: segment.range)
      let slice = String(decoding: source[range], as: UTF16.self)
      #expect(result.originalText(of: segment.range) == slice)
      if contextFree {
        #expect(try normalizer.normalize(slice).text == segment.text, "segment \(segment.id) from \(range)")
      }
      var applied = ""
      var cursor = range.lowerBound
      for edit in result.edits where edit.range.overlaps(range) || (edit.range.isEmpty && range.contains(edit.range.lowerBound)) {
        #expect(range.lowerBound <= edit.range.lowerBound && edit.range.upperBound <= range.upperBound)
        applied += String(decoding: source[cursor..<max(cursor, edit.range.lowerBound)], as: UTF16.self) + edit.replacement
        cursor = max(cursor, edit.range.upperBound)
      }
      applied += String(decoding: source[cursor..<max(cursor, range.upperBound)], as: UTF16.self)
      #expect(applied == segment.text, "segment \(segment.id) from \(range)")
    }
    for flag in result.flags {
      #expect(result.originalRange(of: flag.range) == flag.originalRange)
    }
  }

  @Test func generatedPiecesNormalizeAsWrittenAndMapBack() async {
    await propertyCheck(count: 400, input: Self.generatedText) { indices in
      let original = indices.map { Self.pieces[$0].original }.joined()
      let expected = indices.map { Self.pieces[$0].normalized }.joined()
      try checkProperties(original, expected: expected)
    }
  }

  /// Single characters that stress composition, removal next to combining marks, surrogates
  /// and mojibake look-alikes, in any order.
  static let hostileScalars: [String] = [
    "a", "s", "S", "t", "T", "e", " ", ".", "\n", "\r", "\u{A0}", "\u{AD}", "\u{200B}", "\u{2060}",
    "\u{FEFF}", "\u{200D}", "\u{301}", "\u{306}", "\u{327}", "\u{326}", "\u{302}", "\u{323}",
    "ş", "ţ", "ș", "ă", "Ã", "Ä", "Å", "È", "â", "î", "€", "™", "ƒ", "Ÿ", "®", "\u{99}", "\u{9D}",
    "[", "\u{FFFD}", "😀", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{212B}", "\u{D55C}",
  ]

  /// Pieces the UTF-8 pass handles itself (no combining marks, emoji or mojibake), so that
  /// generated texts exercise it rather than the UTF-16 pass it falls back to.
  static let plainPieces: [(original: String, normalized: String)] = [
    ("Ana", "Ana"), ("România", "România"), ("în", "în"), ("Știu", "Știu"), (". ", ". "), (" ", " "),
    ("\n\n", "\n\n"), ("\r\n", "\r\n"), ("\u{2028}", "\u{2028}"), ("\u{A0}", "\u{A0}"), ("\u{202F}", "\u{202F}"),
    ("„Da”", "„Da”"), (" – ", " – "), ("…", "…"), ("10 €", "10 €"), ("ş", "ș"), ("Ş", "Ș"), ("ţ", "ț"), ("Ţ", "Ț"),
    ("\u{AD}", ""), ("\u{200B}", ""), ("\u{2060}", ""), ("\u{FEFF}", ""), ("\u{FFFD}", "\u{FFFD}"),
    ("[email\u{A0}protected]", "[email\u{A0}protected]"), ("[email protected]", "[email protected]"), ("[", "["),
    ("ă", "ă"), ("până", "până"), ("ÎN", "ÎN"),
    // Other scripts and symbols NFC leaves alone.
    ("Путин", "Путин"), ("Ελλάδα", "Ελλάδα"), ("≥ 5", "≥ 5"), ("中国", "中国"), ("\u{FB01}", "\u{FB01}"),
  ]

  @Test func plainTextsTakeTheUTF8PassAndAgreeWithTheUTF16Pass() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...(Self.plainPieces.count - 1)).array(of: 0...60)) { indices in
      let original = indices.map { Self.plainPieces[$0].original }.joined()
      #expect(TextNormalizer().normalizeUTF8(original) != nil)
      try checkProperties(original, expected: indices.map { Self.plainPieces[$0].normalized }.joined())
    }
  }

  /// Normalizes `text` in the preparer's pieces (cut just after every blank line) with the
  /// UTF-8 pass, as the preparer does: the pieces' texts joined, their edits and flags added
  /// up, and how each maps back to the original (with its start in the normalized text);
  /// nil when a piece needs the full pass.
  func normalizedInPieces(_ text: String)
    -> (text: String, summary: NormalizationSummary, pieces: [(start: Int, length: Int, spans: OriginalSpans)])? {
    var summary = NormalizationSummary()
    var joined = ""
    var pieces: [(start: Int, length: Int, spans: OriginalSpans)] = []
    var base = (utf16: 0, codePoints: 0, utf8: 0)
    var start = 0
    for bounds in Preparer.pieceBounds(of: text, length: 1) {
      let original = Preparer.slice(text, utf8: bounds)
      guard let piece = TextNormalizer().normalizeUTF8(original) else { return nil }
      let counts = unitCounts(of: original)
      summary.add(piece, normalizedStart: start, originalStart: base.utf16)
      joined += piece.text
      let length = counts.utf16 + piece.offsetMap.lengthChange
      pieces.append((start, length, OriginalSpans(
        normalized: piece, converter: OffsetConverter(original), normalizedStart: 0, originalBase: base)))
      start += length
      base = (base.utf16 + counts.utf16, base.codePoints + counts.codePoints, base.utf8 + bounds.count)
    }
    return (joined, summary, pieces)
  }

  /// Checks what the preparer takes from normalizing in pieces against normalizing `text` whole.
  func expectPiecesAgreeWithTheWhole(_ text: String) throws {
    let inPieces = try #require(normalizedInPieces(text))
    let whole = try TextNormalizer().normalize(text)
    #expect(inPieces.text == whole.text)
    #expect(inPieces.summary.editCount == whole.edits.count)
    #expect(inPieces.summary.editCounts == whole.editCounts)
    #expect(inPieces.summary.flags == whole.flags)
    // Every short range of every piece found where the whole text's offset map finds it.
    // Nothing the preparer maps ends where a piece ends, after its blank line, but in the
    // last piece: there, an empty range is after the next piece's removed characters in
    // the whole text, and before them in the piece.
    let converter = OffsetConverter(text)
    for (i, piece) in inPieces.pieces.enumerated() {
      var spans = piece.spans
      let end = i + 1 == inPieces.pieces.count ? piece.length : piece.length - 1
      for lower in 0...max(end, 0) {
        for upper in lower...min(lower + 3, max(end, 0)) {
          let global = (piece.start + lower)..<(piece.start + upper)
          #expect(spans.span(of: lower..<upper) == TextSpan(whole.originalRange(of: global), converter: converter))
        }
      }
    }
  }

  @Test func piecesCutAtBlankLinesAgreeWithTheWholeTextsNormalization() async throws {
    let pieces = Self.plainPieces + [("\n\n", "\n\n"), ("\r\n\r\n", "\r\n\r\n"), ("\n\u{AD}\n", "\n\n")]
    await propertyCheck(count: 300, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...80)) { indices in
      try expectPiecesAgreeWithTheWhole(indices.map { pieces[$0].original }.joined())
    }
    let seed = try seedArticle()
    let twice = seed + "\n\n" + seed
    #expect(Preparer.pieceBounds(of: twice, length: 1).count > 20)
    try expectPiecesAgreeWithTheWhole(twice)
    for sample in ["ș😀\r\n", "", "abcdefgh", "ăîșțâĂÎȘȚÂ😀😀😀 abc", String(repeating: "Știri 🇷🇴 ", count: 9)] {
      #expect(unitCounts(of: sample) == (sample.utf16.count, sample.unicodeScalars.count))
    }
  }

  /// Characters NFC changes or composes, outside the BMP, or part of mojibake: the UTF-8
  /// pass leaves them to the full pass, which gives the same result as ever.
  @Test func charactersNFCChangesStillTakeTheFullPass() throws {
    for text in ["Ångström \u{212B}", "Ohm \u{2126}", "a\u{308}", "Путин \u{301}", "🚀 Putin", "5 ‰", "Ã®n"] {
      #expect(TextNormalizer().normalizeUTF8(text) == nil, "\(text)")
      try checkProperties(text, expected: nil, contextFree: false)
    }
    let fast = try #require(TextNormalizer().normalizeUTF8("Kremlinul (Кремль) ≥ Ţara"))
    #expect(fast.text == "Kremlinul (Кремль) ≥ Țara")
  }

  @Test func theSeedTakesTheUTF8Pass() throws {
    let seed = try seedArticle()
    let fast = try #require(TextNormalizer().normalizeUTF8(seed))
    let full = try TextNormalizer().normalizeUTF16(seed)
    #expect(fast.text == full.text && fast.edits == full.edits && fast.flags == full.flags)
    #expect(fast.offsetMap == full.offsetMap)
    // Decomposed letters, mojibake and opt-in rules need the UTF-16 pass.
    #expect(TextNormalizer().normalizeUTF8("a\u{306}") == nil)
    #expect(TextNormalizer().normalizeUTF8("È™i") == nil)
    #expect(!TextNormalizer(options: try NormalizationOptions(adding: "quotes")).allowsUTF8Pass)
  }

  @Test func hostileTextsKeepTheInvariants() async {
    await propertyCheck(count: 400, input: Gen.int(in: 0...(Self.hostileScalars.count - 1)).array(of: 0...40)) { indices in
      try checkProperties(indices.map { Self.hostileScalars[$0] }.joined(), expected: nil, contextFree: false)
    }
  }
}
