import Testing
@testable import Tradu

/// `RomanianDictionary(dicText:)` reads lines as bytes; it must keep the words the plain
/// reading keeps: lines split at every newline character, the word up to its `/`, a first line
/// of digits skipped, lower-case words only, ş ţ written ș ț.
@Suite struct RomanianDictionaryReadingTests {
  static func reference(_ text: String) -> Set<String> {
    var words: Set<String> = []
    for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() {
      let word = line.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
      if i == 0 && !word.isEmpty && word.allSatisfy(\.isNumber) { continue }
      guard let first = word.unicodeScalars.first, first.properties.isLowercase else { continue }
      words.insert(word.replacingOccurrences(of: "ş", with: "ș").replacingOccurrences(of: "ţ", with: "ț"))
    }
    return words
  }

  static let texts = [
    "12\nnord/AB\nmare\r\nputin/X\nPutin/Y\nşcoală/S\nţară\n\nBucureşti/N\nîntâmplare/Q\nşi\n",
    "abecedar/1\r\n\r\nşoşon\u{2028}ţeavă/T\u{2029}ăla\u{0085}Ţara/X\n/prefix/Z\n//dublu\nœuvre/O\nsfârşit",
    "9 cuvinte\nunu/1\nÎnceput\nîntreg/ŞŢ\nx\n",
    "",
    "\n\n\r\n",
  ]

  @Test(arguments: texts)
  func keepsTheWordsThePlainReadingKeeps(_ text: String) {
    #expect(RomanianDictionary(dicText: text).words == Self.reference(text))
  }

  @Test func commonWordsAreFoundWithEitherSpelling() {
    let dictionary = RomanianDictionary(dicText: Self.texts[0])
    #expect(dictionary.isCommonWord("Nord"))
    #expect(dictionary.isCommonWord("școală") && dictionary.isCommonWord("şcoală"))
    #expect(!dictionary.isCommonWord("București"))
  }
  /// Candidates for `init(dicText:only:)`: words of the texts in other cases and spellings,
  /// and words they do not hold.
  static let candidates = ["Nord", "MARE", "Putin", "şcoală", "ȚARĂ", "prefix", "dublu", "/dublu", "œuvre", "sfârșit",
                           "șoșon", "țeavă", "ăla", "Ăla", "unu", "întreg", "x", "12", "9 cuvinte", "abecedar", "absent", ""]

  @Test(arguments: texts)
  func readingOnlyCandidatesKeepsTheirWordsAsTheWholeReadingDoes(_ text: String) {
    let whole = RomanianDictionary(dicText: text)
    let only = RomanianDictionary(dicText: text, only: Self.candidates)
    #expect(only.words == whole.words.intersection(RomanianDictionary(words: Self.candidates.map { $0.lowercased() }).words))
    for candidate in Self.candidates {
      #expect(only.isCommonWord(candidate) == whole.isCommonWord(candidate), "\(candidate)")
    }
  }

  @Test(.enabled(if: RomanianDictionary.systemPath != nil, "needs Debian's hunspell-ro"))
  func theInstalledDictionaryGivesTheSameAnswersReadForTheGlossaryOnly() throws {
    let path = try #require(RomanianDictionary.systemPath)
    let whole = try RomanianDictionary(path: path)
    // The default glossary's terms, and every 500th word of the dictionary in capitals.
    let sample = whole.words.sorted().enumerated().filter { $0.offset % 500 == 0 }.map { $0.element.uppercased() }
    let candidates = Glossary.default.entries.map(\.source) + sample + ["Nord", "Mare", "Putin", "Şcoală"]
    let only = try RomanianDictionary(path: path, only: candidates)
    #expect(only.words.count >= sample.count)
    for candidate in candidates {
      #expect(only.isCommonWord(candidate) == whole.isCommonWord(candidate), "\(candidate)")
    }
  }
}
