import Testing
@testable import Tradu

/// The keys a text's tokens get on the quick path (folded unit by unit as they are cut) must be
/// the keys ``TermKey`` gives; tokens a matcher leaves out must be exactly those whose key no
/// term uses.
@Suite struct TokenKeyTests {
  /// Letters, digits, joiners, quotes, dashes, marks and a few units outside the quick table.
  static let alphabet: [String] = [
    "a", "b", "k", "Z", "ă", "â", "î", "ș", "ț", "Ș", "Ț", "ş", "ţ", "Ş", "é", "ß", "ÿ", "Ł", "ǅ", "İ", "ŉ", "µ",
    "0", "7", ".", ",", ";", ":", "'", "’", "‘", "·", "‧", "․", "_", "-", "–", "—", "„", "”", "«", "»", "…", "€",
    " ", "\n", "\u{00A0}", "\u{0301}", "\u{0326}", "\u{00AD}", "α", "Ж", "😀", "(", ")", "!", "?", "\"", "%",
  ]

  struct Generator {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    mutating func text(length: Int) -> String {
      var text = ""
      for _ in 0..<length { text += next(3) == 0 ? TokenKeyTests.alphabet[next(TokenKeyTests.alphabet.count)] : TokenKeyTests.alphabet[next(24)] }
      return text
    }
  }

  @Test func quickFoldingFindsTheKeysTermKeyGives() {
    var generator = Generator(state: 0x5DEE_CE66_D1CE_4E5B)
    let words = (0..<3_000).map { _ in generator.text(length: 1 + generator.next(8)) }
    var table = KeyTable()
    // Half of the words are terms, so that both found and missing keys are tried.
    for word in words.prefix(1_500) { table.intern(TermKey.fold(word)) }
    table.intern("’")
    table.intern("„")
    var quick = 0
    table.withLookup { lookup in
      for word in words + ["„", "’", "Kremlin’s", "l’Europe", "–", "BUCUREŞTI", "cafe\u{0301}"] {
        let units = Array(word.utf16)
        let expected = table.find(TermKey.fold(word))
        if let found = units.withUnsafeBufferPointer({ lookup.find(quickFolding: $0, 0..<units.count) }) {
          quick += 1
          #expect(found == expected, "\(word.unicodeScalars.map { String($0.value, radix: 16) })")
        }
      }
    }
    #expect(quick > 1_000)
  }

  /// The word cut folds a word's key as it reads it (one table load a unit) and hashes it once
  /// it ends; the number it finds must be the one the table gives for ``TermKey``'s fold of
  /// the token, for every token, long ones and ones beyond the quick tables included.
  @Test func keysFoundWhileCuttingAreTheKeysTermKeyGives() throws {
    var generator = Generator(state: 0x1B87_3593_CC9E_2D51)
    var texts = [try seedArticle()]
    for _ in 0..<400 { texts.append(generator.text(length: 1 + generator.next(60))) }
    texts.append(String(repeating: "ă", count: 300) + " " + String(repeating: "b", count: 256) + " x")
    texts.append("strasse Straße " + String(repeating: "ș", count: 255) + "ß " + String(repeating: "ț", count: 255) + "T")
    var table = KeyTable()
    // Every third word of the texts is a term, so that found and missing keys are both tried.
    for (n, word) in texts.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "\n" }).enumerated()
    where n % 3 == 0 {
      table.intern(TermKey.fold(String(word)))
    }
    table.sealFilter()
    // Keys added once the filter is built must set their bits too.
    for term in ["-", "„", "’", ",", "(", "€", String(repeating: "a", count: 300), "strasse"] { table.intern(TermKey.fold(term)) }
    var found = 0
    for text in texts {
      let units = Array(text.utf16)
      let tokens = try TextTokens(units, table: table)
      for i in 0..<tokens.count {
        let expected = table.find(TermKey.fold(tokens.text(i)))
        #expect(tokens.keys[i] == expected, "\(tokens.text(i).unicodeScalars.map { String($0.value, radix: 16) })")
        if expected >= 0 { found += 1 }
      }
    }
    #expect(found > 500)
  }

  /// A text's tokens are hashed from a buffer with room past the key; the number must be the
  /// one the table hashes a key with, whatever that room holds.
  @Test func paddedHashIsTheTableHash() {
    var generator = Generator(state: 0x94D0_49BB_1331_11EB)
    for length in 0..<40 {
      for _ in 0..<20 {
        let key = (0..<length).map { _ in UInt16(truncatingIfNeeded: 0x61 + generator.next(0x250)) }
        let room = key + (0..<3).map { _ in UInt16(truncatingIfNeeded: generator.next(0x10000)) }
        let expected = key.withUnsafeBufferPointer { KeyTable.hash($0) }
        #expect(room.withUnsafeBufferPointer { KeyTable.hash(padded: $0.baseAddress!, count: length) } == expected)
      }
    }
  }

  /// The tokens of all of `units`, keys looked up in `table`, with `unkeyed` tokens kept or left out.
  static func tokens(of units: [UInt16], _ unkeyed: UnkeyedTokens, table: KeyTable) throws -> TextTokens {
    var t = TextTokens(over: units)
    t.unkeyed = unkeyed
    try t.tokenize(0..<units.count, table: table, breaker: WordBreaker())
    return t
  }

  @Test func tokensLeftOutAreThoseWhoseKeyNoTermUses() throws {
    var table = KeyTable()
    for term in ["kremlin", "putin", "-", "lui", "ului", "s.u.a", "„", "moscova", "ș"] { table.intern(term) }
    var generator = Generator(state: 0x2545_F491_4F6C_DD1D)
    var texts = [try seedArticle()]
    for _ in 0..<300 { texts.append(generator.text(length: 40)) }
    texts.append("Kremlinul, lui Putin și S.U.A. — „Moscova” Зеленский 東京 Putin-ului")
    for text in texts {
      let units = Array(text.utf16)
      func tokens(_ unkeyed: UnkeyedTokens) throws -> TextTokens { try Self.tokens(of: units, unkeyed, table: table) }
      let all = try tokens(.kept), keyed = try tokens(.leftOut), words = try tokens(.wordsKept)
      let expectedKeyed = (0..<all.count).filter { all.keys[$0] >= 0 }
      #expect(keyed.ranges == expectedKeyed.map { all.ranges[$0] })
      #expect(keyed.keys == expectedKeyed.map { all.keys[$0] })
      let expectedWords = (0..<all.count).filter { all.keys[$0] >= 0 || all.isWord[$0] }
      #expect(words.ranges == expectedWords.map { all.ranges[$0] })
      #expect(words.isWord == expectedWords.map { all.isWord[$0] })
    }
  }

  /// When tokens whose key no term uses are left out, the words read on the quick path and the
  /// one-character pieces are stepped over in a leaf of their own (`quickTokens`), which tests
  /// the table's filter, probes it itself and hands back the keyed tokens a few dozen at a time;
  /// the tokens kept must be exactly those whose key a term uses, as the general loop gives
  /// them: words of every length around the quick path's limit, words that end the text, words
  /// before joiners, digits and marks, punctuation, lines of more keyed tokens than the leaf
  /// hands back at once, with the filter built.
  @Test func wordsSteppedOverGiveTheTokensTheGeneralLoopGives() throws {
    var table = KeyTable()
    let terms = ["casa", "albă", "putin", "de", "lui", "-", ",", "s.u.a", "ministerul", "afacerilor", "externe", "ştefan",
                 "l’europe", String(repeating: "a", count: 254), String(repeating: "ș", count: 255), String(repeating: "b", count: 256)]
    for term in terms { table.intern(TermKey.fold(term)) }
    table.sealFilter()
    let words = ["casa", "Casa", "CASA", "albă", "Albă", "putin", "Putin", "puțin", "de", "De", "lui", "ministerul", "Ministerul",
                 "afacerilor", "Externe", "Ştefan", "Ștefan", "café", "cafe\u{0301}", "s.u.a", "S.U.A.", "Banat150", "l’Europe",
                 "Kremlin’s", "x", "ȘI", "strasse", "Straße", "_a", "a_", "2024", "Зеленский", "și", "pe", "Bucureşti",
                 String(repeating: "a", count: 253), String(repeating: "a", count: 254), String(repeating: "a", count: 255),
                 String(repeating: "ș", count: 255), String(repeating: "ș", count: 256), "B" + String(repeating: "b", count: 255),
                 String(repeating: "b", count: 256), String(repeating: "b", count: 257)]
    let separators = [" ", " ", " ", ", ", ". ", "\n", "\n\n", "-", "  ", "\u{00A0}", " „", "” ", "’", ".", ",", ";", "…", "\t", "\u{2028}"]
    var generator = Generator(state: 0x3C6E_F372_FE94_F82B)
    var texts = [try seedArticle(), "Ministerul Afacerilor Externe de la București, al lui Putin. Casa Albă",
                 String(repeating: "casa de lui, ", count: 50) + "Putin", String(repeating: ",", count: 200)]
    for word in words { texts += [word, word + " ", " " + word + ",", word + "." + word, word + "1"] }
    for _ in 0..<400 {
      var text = ""
      for _ in 0..<(1 + generator.next(30)) {
        text += words[generator.next(words.count)] + separators[generator.next(separators.count)]
      }
      if generator.next(2) == 0 { text += words[generator.next(words.count)] }  // a word that ends the text
      texts.append(text)
    }
    var found = 0
    for text in texts {
      let units = Array(text.utf16)
      func tokens(_ unkeyed: UnkeyedTokens) throws -> TextTokens { try Self.tokens(of: units, unkeyed, table: table) }
      let all = try tokens(.kept), keyed = try tokens(.leftOut)
      let expected = (0..<all.count).filter { all.keys[$0] >= 0 }
      #expect(keyed.ranges == expected.map { all.ranges[$0] }, "\(text.prefix(80))")
      #expect(keyed.keys == expected.map { all.keys[$0] })
      #expect(keyed.isWord == expected.map { all.isWord[$0] })
      found += expected.count
    }
    #expect(found > 2_000)
  }

  /// A capitalized term found in lower case is told apart by its lower case; the unit table
  /// must answer as ``RomanianInflection/lowered(_:)`` does whenever it answers.
  @Test func lowerCaseTableAgreesWithLoweredStrings() {
    var generator = Generator(state: 0x6A09_E667_F3BC_C909)
    let letters = ["a", "A", "ș", "Ș", "ş", "Ş", "ț", "Ț", "ţ", "Ţ", "ă", "Ă", "â", "Â", "î", "Î", "i", "I", "İ", "ı",
                   "é", "É", "ß", "s", "S", "t", "T", "ǅ", "ǆ", "Ǆ", "µ", "ÿ", "Ÿ", "1", "-", "s\u{0326}", "Ω", "ω"]
    var answered = 0
    for _ in 0..<5_000 {
      let a = (0..<(1 + generator.next(4))).map { _ in letters[generator.next(letters.count)] }.joined()
      let b = generator.next(3) == 0 ? a.uppercased() : (0..<(1 + generator.next(4))).map { _ in letters[generator.next(letters.count)] }.joined()
      let (x, y) = (Array(a.utf16), Array(b.utf16))
      let found = x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in LowerCase.same(p, q) } }
      if let found {
        answered += 1
        #expect(found == (RomanianInflection.lowered(a) == RomanianInflection.lowered(b)), "\(a) / \(b)")
      }
    }
    #expect(answered > 1_000)
  }

  @Test func tokensAreComparedWithTermsAsTheirUTF16Would() {
    var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
    for _ in 0..<2_000 {
      let a = generator.text(length: generator.next(6)), b = generator.next(4) == 0 ? a : generator.text(length: generator.next(6))
      var units = Array(a.utf16)
      // A lone surrogate now and then, which no valid term spells.
      if generator.next(20) == 0 { units.append(0xD800) }
      let expected = units.elementsEqual(b.utf16)
      let found = units.withUnsafeBufferPointer { token in
        Array(b.utf8).withUnsafeBufferPointer { TextTokens.unitsEqual(token, utf8: $0) }
      }
      #expect(found == expected, "\(a) / \(b)")
    }
  }
}
