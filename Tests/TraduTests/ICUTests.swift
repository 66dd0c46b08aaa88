import Testing
@testable import Tradu

/// The ICU bridge: each wrapped function, and its error paths.
@Suite struct ICUTests {
  @Test func versionIsICU72OrLater() {
    let major = Int(ICU.version.split(separator: ".").first ?? "") ?? 0
    #expect(major >= 60, "ICU version \(ICU.version)")
  }

  @Test func sentenceBoundariesStartAtZeroAndEndAtLength() throws {
    let text = Array("Ana are mere. Ion are pere? Da!".utf16)
    let b = try ICU.boundaries(.sentence, in: text)
    #expect(b == [0, 14, 28, text.count])
  }

  /// `sentenceBoundaries` clones its iterator from a template opened once per locale: the
  /// boundaries are those of an iterator opened for the call, for each locale, on several
  /// threads cloning the same template at once.
  @Test func clonedSentenceIteratorsFindWhatOpenedOnesFind() throws {
    let texts = [
      "Ana are mere. Ion are pere? Da!",
      "Dl. Popescu a plecat la ora 10. A revenit a doua zi... Apoi a spus: „Gata!” Nimeni n-a răspuns.",
      "",
      "Fără punct la final",
      "Mr. Smith went to Washington. He said so! Did he? Yes.\nA new line\u{2029}A paragraph.",
    ]
    for locale in ["ro", "en", "en@ss=standard"] {
      let opened = try texts.map { try ICU.boundaries(.sentence, in: Array($0.utf16), locale: locale) }
      let cloned = try parallelMap(4 * texts.count, jobs: 4) { (i) throws(ICUError) -> [Int] in
        try Array(texts[i % texts.count].utf16).withUnsafeBufferPointer { (units) throws(ICUError) in
          try ICU.sentenceBoundaries(in: units, locale: locale)
        }
      }
      for (i, boundaries) in cloned.enumerated() {
        #expect(boundaries == opened[i % texts.count], "\(locale): \(texts[i % texts.count])")
      }
    }
    #expect(try ICU.boundaries(.sentence, in: Array(texts[0].utf16), locale: "ro") == [0, 14, 28, 31])
  }

  @Test func emptyTextHasOneBoundary() throws {
    #expect(try ICU.boundaries(.sentence, in: []) == [0])
    #expect(try ICU.boundaries(.word, in: []) == [0])
  }

  @Test func wordBreaksKeepRomanianWordsWhole() throws {
    let string = "Președintele Ucrainei, Volodimir Zelenski."
    let text = Array(string.utf16)
    let iterator = try ICU.BreakIterator(.word, locale: "ro")
    var words: [String] = []
    var start = 0
    try text.withUnsafeBufferPointer { buffer in
      try iterator.setText(buffer)
      while let end = iterator.next() {
        if iterator.ruleStatus >= 200 { words.append(String(decoding: text[start..<end], as: UTF16.self)) }
        start = end
      }
    }
    #expect(words == ["Președintele", "Ucrainei", "Volodimir", "Zelenski"])
  }

  @Test func unknownLocaleFallsBackWithoutError() throws {
    // ICU falls back to the root rules for a locale it does not know.
    _ = try ICU.BreakIterator(.sentence, locale: "xx_YY")
  }

  @Test func nfcComposesAndNFDDecomposes() throws {
    let decomposed = "s\u{0326}i a\u{0306}"  // s + comma below, a + breve
    #expect(try ICU.normalize(decomposed, to: .nfc) == "și ă")
    #expect(try ICU.normalize("și ă", to: .nfd) == decomposed)
    #expect(try ICU.normalize("ﬁ", to: .nfkc) == "fi")
    #expect(try ICU.normalize("ÎNTÂI", to: .nfkcCasefold) == "întâi")
  }

  @Test func normalizedPrefixStopsAtTheFirstDecomposedLetter() throws {
    let text = Array("abc a\u{0306}".utf16)
    #expect(try ICU.normalizedPrefixLength(text, form: .nfc) < text.count)
    #expect(try ICU.normalizedPrefixLength(Array("abc ă".utf16), form: .nfc) == 5)
  }

  @Test func caseFoldingIsFull() throws {
    #expect(try ICU.foldCase("ROMÂNIA") == "românia")
    #expect(try ICU.foldCase("Straße") == "strasse")
  }

  @Test func customTransliteratorRulesApply() throws {
    let t = try ICU.Transliterator(id: "ro-cedilla", rules: "ş > ș; ţ > ț; Ş > Ș; Ţ > Ț;")
    #expect(try t.transliterate("Bucureşti, Ţara") == "București, Țara")
    let ascii = try ICU.Transliterator(id: "Latin-ASCII")
    #expect(try ascii.transliterate("Ștefan cel Mare și Sfânt") == "Stefan cel Mare si Sfant")
  }

  @Test func transliteratorThatGrowsTextStillFits() throws {
    let t = try ICU.Transliterator(id: "grow", rules: "a > aaaaaaaaaa;")
    let result = try t.transliterate(String(repeating: "a", count: 100))
    #expect(result.count == 1000)
  }

  @Test func badTransliteratorRulesAreAnICUError() {
    #expect(throws: ICUError.self) { try ICU.Transliterator(id: "bad", rules: "a > ;;; > > [") }
    #expect(throws: ICUError.self) { try ICU.Transliterator(id: "No-Such-Transliterator") }
  }

  @Test func charsetDetectionRecognisesLegacyRomanian() throws {
    let text = "Şedinţa Guvernului României a început în Bucureşti. Miniştrii au discutat despre buget, "
      + "despre şcoli şi despre drumurile naţionale. Preşedintele a cerut soluţii rapide pentru ţară."
    let bytes = try ICU.encode(Array(text.utf16), charset: "ISO-8859-2")
    let guess = try #require(try ICU.detectCharset(bytes))
    #expect(["ISO-8859-2", "windows-1250"].contains(guess.name), "\(guess)")
    #expect(guess.confidence > 0)
    #expect(String(decoding: try ICU.decode(bytes, charset: guess.name), as: UTF16.self) == text)
  }

  @Test func strictDecodingReportsTheBadByte() {
    let bytes: [UInt8] = Array("abc".utf8) + [0xC3, 0x28] + Array("def".utf8)
    do {
      _ = try ICU.decode(bytes, charset: "UTF-8", strict: true)
      Issue.record("decoded invalid UTF-8")
    } catch {
      #expect(error.offset == 3, "\(error)")
      #expect(error.name.hasPrefix("U_"))
    }
    let lenient = (try? ICU.decode(bytes, charset: "UTF-8", strict: false)) ?? []
    #expect(String(decoding: lenient, as: UTF16.self).contains("\u{FFFD}"))
  }

  @Test func unknownCharsetIsAnError() {
    #expect(!ICU.charsetExists("no-such-charset-42"))
    #expect(ICU.charsetExists("windows-1250"))
    #expect(throws: ICUError.self) { try ICU.decode([0x41], charset: "no-such-charset-42") }
  }

  @Test func strictEncodingRejectsWhatTheCharsetCannotHold() throws {
    #expect(throws: ICUError.self) { try ICU.encode(Array("ș ț „”".utf16), charset: "ISO-8859-2", strict: true) }
    #expect(try ICU.encode(Array("ş".utf16), charset: "windows-1250") == [0xBA])
  }

  @Test func largeDecodeNeedsTheSecondPreflightRound() throws {
    // Every byte of ISO-8859-2 maps to one UTF-16 unit; many multi-byte UTF-8 characters do not
    // fit the first guess when decoding UTF-8 into more units than bytes never happens, so use
    // UTF-16BE input: 2 bytes per unit, and a buffer sized from the byte count is enough.
    let text = String(repeating: "Țară și pământ. ", count: 5000)
    let bytes = try ICU.encode(Array(text.utf16), charset: "UTF-16BE")
    #expect(String(decoding: try ICU.decode(bytes, charset: "UTF-16BE"), as: UTF16.self) == text)
  }

  @Test func regexFindsAndAnchors() throws {
    let regex = try ICU.Regex("\\b(?:dl|prof)\\.", options: .caseInsensitive)
    let text = Array("Dl. Popescu și prof. Ionescu.".utf16)
    try regex.setText(text)
    #expect(try regex.allMatches() == [0..<3, 15..<20])
    #expect(try regex.matchesPrefix(of: 15..<text.count))
    #expect(try !regex.matchesPrefix(of: 4..<text.count))
    #expect(try regex.matchesWhole(0..<3))
  }

  @Test func regexCopiesMatchIndependently() throws {
    let original = try ICU.Regex("\\b(?:art|alin)\\.", options: .caseInsensitive)
    let copy = try original.copy()
    #expect(copy.pattern == original.pattern)
    try original.setText(Array("Potrivit art. 5 alin. 2".utf16))
    try copy.setText(Array("Vezi Art. 18.".utf16))
    // Each keeps its own subject and match position.
    #expect(try copy.allMatches() == [5..<9])
    #expect(try original.allMatches() == [9..<13, 16..<21])
  }

  @Test func regexLookBehindSeesOutsideATransparentRegion() throws {
    let regex = try ICU.Regex("(?<=Dl\\.)\\s")
    try regex.setText(Array("Dl. Popescu".utf16))
    #expect(try regex.matchesPrefix(of: 3..<11, transparent: true))
    #expect(try !regex.matchesPrefix(of: 4..<11, transparent: true))
    // (Measured: ICU 72's look-behind also sees before an opaque region, so SRX matching
    // relies on transparent bounds only.)
  }

  @Test func regexSyntaxErrorNamesTheOffset() {
    do {
      _ = try ICU.Regex("abc(def")
      Issue.record("compiled a bad pattern")
    } catch {
      #expect(error.name == "U_REGEX_MISMATCHED_PAREN", "\(error)")
      #expect(error.description.contains("abc(def"))
    }
  }
}
