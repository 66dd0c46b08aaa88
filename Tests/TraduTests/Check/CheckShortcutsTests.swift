import Testing
@testable import Tradu

/// Shortcuts of the checker's hot loops, each held to the reading it replaces.
@Suite struct CheckShortcutsTests {
  @Test func aLetterIsWhatTheAlphabeticPropertySays() {
    // Every ASCII scalar alone, and words of the samples' kinds.
    let words = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }
      + ["Kremlinul", "2022", "12,5", "ȘTIU", "știu", "Ιωάννης", "Москва", "٣٤", "—", "½", "x²", "🙂", "e\u{301}", ""]
    for word in words {
      #expect(Rules.hasLetter(word) == word.unicodeScalars.contains { $0.properties.isAlphabetic }, "\(Array(word.unicodeScalars))")
    }
  }

  @Test func aDigitIsAnASCIIDigit() {
    let texts = ["Kremlinul a negat.", "la 24.02.2022", "٣٤ de ani", "", "9", "ora nouă", "x/0", "ﾐ5"]
    for text in texts {
      #expect(NumberForms.hasDigit(text) == text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(text)")
    }
    #expect(NumberForms.hasDigit(String(repeating: "ă", count: 1000) + "7"))
  }

  /// Kin words of ASCII keys, counted byte by byte, are those the reading by characters counts.
  @Test func kinWordsOfASCIIKeysAreCountedAsByCharacters() throws {
    let sources = [
      "Liderul nord-coreean a vizitat Coreea, iar coreenii din Coreea de Sud au protestat.",
      "Președintele bolivian a ajuns în Bolivia; boliviana Bolíviei e bolivianca.",
      "Ucraina și ucrainenii: Kievul, Kievului, kiev, KIEV, Kiev's, kíev, ki\u{301}evul și Ucrainei.",
      "Koreea, Koree, Kor, Ko, korean2, Κορέα, コリア, 12 și 2022.", "",
    ]
    let keySets = [["coreea"], ["coreea", "coreei"], ["coreea de sud"], ["bolivia", "boliviei"], ["kiev", "kievul", "kievului"],
                   ["ucraina", "ucrainei"], ["korea", "kore"], ["ko"], ["aeiou"], ["koreea"], ["ucraina", "uk"], ["ki"]]
    for source in sources {
      let words = WordTokens(source)
      for covered in [TakenRanges([]), TakenRanges([0..<12, 40..<60])] {
        for keys in keySets {
          let fast = try #require(CheckGlossary.kinWords(asciiKeys: keys, in: words, covered: covered), "\(keys)")
          #expect(fast == CheckGlossary.kinWords(keys: keys, in: words, covered: covered), "\(keys) in \(source)")
        }
      }
      #expect(CheckGlossary.kinWords(asciiKeys: ["coreea", "coreeană"], in: words, covered: TakenRanges([])) == nil)
    }
    let korea = WordTokens("Coreea și coreenii, Coreei.")
    #expect(CheckGlossary.kinWords(asciiKeys: ["coreea", "coreei"], in: korea, covered: TakenRanges([])) == 3)
  }

  @Test func theSameBytesAreTheSameText() {
    let pairs: [(String, String)] = [
      ("Kremlinul a negat.", "Kremlinul a negat."), ("Kremlinul a negat.", "Kremlinul a negat!"), ("", ""), ("a", ""),
      ("știu", "s\u{326}tiu"), ("Ştiu", "Ştiu"), ("  x  ", "x"),
    ]
    for (a, b) in pairs {
      let (x, y) = (Rules.trimmed(a), Rules.trimmed(b))
      #expect(Rules.sameBytes(x, y) == x.utf8.elementsEqual(y.utf8), "\(a) \(b)")
      if Rules.sameBytes(x, y) { #expect(x == y) }
    }
  }
}

/// A target that copies its source skips the number comparison; the comparison itself, made
/// to run by a target that differs only by a trailing space, must find every number too.
@Suite struct CopiedTargetNumbersTests {
  @Test func aCopiedTargetHasEveryNumberOfItsSource() throws {
    let written = [
      "Pe 24.02.2022, la ora 19.55, au murit 1.234 de oameni; bugetul a crescut cu 12,5 % (3.400.000,75 lei).",
      "Scorul a fost 3:1, iar biletul a costat 1,234.56 de dolari la 1/2 preț.", "Anul 2022 și 007 sau 0,50.",
      "Între 10.00 și 23.59 sau 1.2.3, 31.12.1999, 32.13.2000, 5.", "Nimic numeric aici.",
    ]
    let seed = try seedArticle().split(separator: "\n").map(String.init)
    for text in written + seed {
      let copy = BilingualSegment(id: "1", source: text, target: text)
      #expect(Rules.numberMismatch(copy).isEmpty, "\(text)")
      let spaced = BilingualSegment(id: "1", source: text, target: text + " ")
      #expect(Rules.numberMismatch(spaced).isEmpty, "\(text)")
    }
  }
}

/// What ``EnglishTermMatcher`` prepares once per glossary (split terms, near-miss keys) finds
/// what a matcher that prepares nothing finds, term by term.
@Suite struct PreparedTermsTests {
  @Test func preparedAndUnpreparedMatchersFindTheSame() throws {
    let glossary = Glossary.default
    let terms = glossary.entries.flatMap { [$0.source] + $0.targets.map(\.term) } + ["the Kremlin", "the Ukraine", "NATO"]
    let prepared = EnglishTermMatcher(terms: terms)
    let plain = EnglishTermMatcher()
    // The translation as one text (one search per term), and sentences with near misses.
    let texts = [try repositoryText("Samples/mediafax-musk-putin.en.txt")]
      + ["The Kremlin's Putn met Elno Musk, NaTO and the Ukraine's Zelenksy in Kyiv and Washingtn.",
         "Ştiu că Kremlinul, Moscova și Bruxelles-ul au negat; Chinese and Koreans in Tennessean towns."]
    // Every term with a word the texts have, and every fourth other one (a debug build is slow).
    let keys = Set(texts.flatMap { WordTokens($0).tokens.map(\.key) })
    let tried = terms.enumerated().filter { k, term in
      k % 4 == 0 || WordTokens(term).tokens.contains { keys.contains($0.key) }
    }.map(\.element)
    #expect(tried.count > 500)
    for text in texts {
      let words = WordTokens(text)
      for term in tried {
        #expect(prepared.occurrences(of: term, in: words) == plain.occurrences(of: term, in: words), "\(term)")
        #expect(prepared.occurrences(of: term, in: words, optionalArticle: false, derived: false)
                  == plain.occurrences(of: term, in: words, optionalArticle: false, derived: false), "\(term)")
        #expect(prepared.nearMisses(of: term, in: words) == plain.nearMisses(of: term, in: words), "\(term)")
        #expect(prepared.exactOccurrences(of: term, in: words) == plain.exactOccurrences(of: term, in: words), "\(term)")
      }
    }
  }

  /// A text is blank as its characters say, whatever its first byte, and no ranges are
  /// overlapped by nothing.
  @Test func blankTextsAndEmptyRanges() {
    for text in ["", " ", "\t\n", "\r\n", "\u{00A0}", "\u{2028} ", "\u{0085}", " a", "a", "\u{200B}", "ș", "\u{0301}",
                 " \u{0301}", "\u{3000}\u{3000}", "x ", "\u{000B}\u{000C}", "Kremlinul a negat."] {
      #expect(Rules.isBlank(text) == text.allSatisfy(\.isWhitespace), "\(Array(text.unicodeScalars))")
    }
    let none = TakenRanges([])
    #expect(!none.overlaps(0..<5) && !none.contains(0))
  }

  @Test func editDistanceIsTheFullTable() {
    /// The optimal-string-alignment distance over the whole table, without a limit.
    func reference(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
      var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
      for i in 0...a.count { d[i][0] = i }
      for j in 0...b.count { d[0][j] = j }
      for i in stride(from: 1, through: a.count, by: 1) {
        for j in stride(from: 1, through: b.count, by: 1) {
          d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
          if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
      }
      return d[a.count][b.count]
    }
    let words = ["", "a", "ab", "ba", "Putin", "Putn", "Ptuin", "Zelensky", "Zelenksy", "Kyiv", "Kiev", "Washington",
                 "Washingtn", "Brâncuși", "Brancusi", "NATO", "NaTO", "Tennessee", "Tennessean"]
    for a in words {
      for b in words {
        let (x, y) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
        let full = reference(x, y)
        for limit in 0...3 {
          let bounded = editDistance(x, y, limit: limit)
          if full <= limit { #expect(bounded == full, "\(a) \(b) \(limit)") } else { #expect(bounded > limit, "\(a) \(b) \(limit)") }
          // Two ASCII words measured on their bytes, as near misses measure them.
          if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(a.utf8).withUnsafeBufferPointer { p in Array(b.utf8).withUnsafeBufferPointer { editDistance(p, $0, limit: limit) } }
            #expect(bytes == bounded, "\(a) \(b) \(limit)")
          }
        }
      }
    }
  }
}
