import Testing
@testable import Tradu

/// Lines of Latin text are cut into tokens without ICU; the tokens must be exactly those that
/// ICU's word-break iterator gives, whatever the line holds.
@Suite struct WordBreakTests {
  /// The tokens of `text`, non-words marked with "·".
  func tokens(_ text: String, fast: Bool) throws -> [String] {
    let t = try TextTokens(Array(text.utf16), fastLines: fast)
    #expect(t.ranges.count == t.isWord.count)
    return (0..<t.count).map { t.text($0) + (t.isWord[$0] ? "" : "·") }
  }

  @Test(arguments: [
    "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a declarat joi că Rusia nu a cerut nimic.",
    "Guvernul a alocat 1.250.000 de lei (3,5% din buget) pe 12.03.2024, la ora 10:30.",
    "S.U.A. și U.E. au semnat; NATO-ului i s-a cerut „să intervină” – spun surse.",
    "Italia.Șeful statului, FloreștiFinlanda și Banat150 au fost lipite la copiere.",
    "O'Neill, d’Artagnan, l’a, rock’n’roll, snake_case, __init__, _x, 10_000 și 2_a.",
    "Pre\u{00AD}ședintele, Bucures\u{0326}ti, cafe\u{0301}, ŞTEFAN, ţară, Ångström, µm, 1º, ª.",
    "Preț: 20 € / 3 kg… « citat » — punct·median, 5‰, nr. 7, ‹a›, a‥b, a․b, x‧y.",
    "Linia unu\nlinia doi\r\nlinia trei\u{2028}patru\u{000C}cinci\u{0085}șase",
    "Tab\tdupă\u{00A0}spațiu neîntrerupt, 10\u{202F}000 și 2\u{2009}500.",
    "Moscova 🇷🇺 și Kiev 🇺🇦: Зеленский, Ελλάδα, 東京, עברית, a\u{200D}b.",
    " \u{0301}accent după spațiu, .\u{0301}după punct, \u{00AD}cratimă moale la început",
    "Legături: a_\u{0301}, b_\u{00AD}, contact@exemplu.ro, @Guvernul, 1_\u{0301}x.",
  ])
  func sentencesAreCutAsICUCutsThem(_ text: String) throws {
    #expect(try tokens(text, fast: true) == tokens(text, fast: false))
  }

  @Test func seedArticleIsCutAsICUCutsIt() throws {
    let text = try seedArticle()
    let fast = try tokens(text, fast: true)
    #expect(fast == (try tokens(text, fast: false)))
    #expect(fast.count > 500)
  }

  /// With a key table, plain words take a shorter path (folded and looked up as they are
  /// read); it must cut, mark and number every token as ICU and the general fold do.
  @Test func tokensFoundWithKeysAreCutAsICUCutsThem() throws {
    var table = KeyTable()
    for term in ["putin", "kremlin", "s.u.a", "a", "de", "lui", "-", ",", ".", "o'neill", "ul", "1.250.000", "ab"] {
      table.intern(term)
    }
    table.sealFilter()
    let alphabet: [String] = [
      "a", "b", "Z", "ă", "ș", "Ș", "ß", "0", "7", ".", ",", ";", ":", "'", "’", "·", "_", "-", " ", " ", "\n",
      "\u{00A0}", "\u{0301}", "\u{00AD}", "„", "”", "…", "€", "(", "!", "α", "😀", "Putin", "lui", "de",
    ]
    var state: UInt64 = 0x3C6E_F372_FE94_F82B
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    var texts = [try seedArticle(), "Putin, Kremlinul. S.U.A.; O'Neill a spus: „ab” — ab.cd ab,cd 1,5 ab·cd ab.\u{0301}x"]
    for _ in 0..<3_000 {
      texts.append((0..<next(24)).map { _ in next(3) == 0 ? alphabet[next(alphabet.count)] : alphabet[next(12)] }.joined())
    }
    var mismatches: [String] = []
    for text in texts {
      let units = Array(text.utf16)
      let fast = try TextTokens(units, table: table), slow = try TextTokens(units, table: table, fastLines: false)
      if fast.ranges != slow.ranges || fast.isWord != slow.isWord || fast.keys != slow.keys { mismatches.append(text) }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5).map { Array($0.unicodeScalars).map { String($0.value, radix: 16) } })")
  }

  /// Random strings over every class the rules know, plus a few they leave to ICU.
  @Test func randomLatinStringsAreCutAsICUCutsThem() throws {
    let alphabet: [String] = [
      "a", "b", "Z", "ă", "â", "î", "ș", "ț", "Ș", "ş", "é", "ß", "ÿ", "Ł", "ǅ", "ª", "µ",
      "0", "7", "9", ".", ",", ";", ":", "'", "’", "‘", "·", "‧", "․", "_", "-", "–", "—",
      " ", " ", "  ", "\n", "\r", "\r\n", "\t", "\u{00A0}", "\u{0301}", "\u{0326}", "\u{00AD}",
      "«", "»", "„", "”", "“", "…", "€", "/", "(", ")", "!", "?", "\"", "%", "&", "@", "#", "×",
      "\u{202F}", "\u{2009}", "α", "Ж", "😀", "\u{200D}", "\u{FEFF}", "1,5", "a.b", "S.U.A.",
    ]
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    var mismatches: [String] = []
    for _ in 0..<10_000 {
      // Mostly letters and digits, so that words meet punctuation on both sides.
      let length = next(32)
      var text = ""
      for _ in 0..<length {
        text += next(3) == 0 ? alphabet[next(alphabet.count)] : alphabet[next(20)]
      }
      if try tokens(text, fast: true) != tokens(text, fast: false) { mismatches.append(text) }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5).map { Array($0.unicodeScalars).map { String($0.value, radix: 16) } })")
  }
}
