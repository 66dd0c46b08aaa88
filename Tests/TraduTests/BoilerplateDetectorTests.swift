import Testing
@testable import Tradu

/// The keyword filter only saves time: with or without it, the same paragraphs are found.
@Suite struct BoilerplateDetectorTests {
  /// The default patterns with their keywords left out (every regex runs on every paragraph).
  let unfiltered = BoilerplateDetector.romanianNews.map { BoilerplateDetector.Pattern(name: $0.name, regex: $0.regex) }

  /// Notices as sites write them, in every case and spelling, plus near misses.
  let notices = """
    Pentru cele mai importante știri, DAŢI LIKE paginii noastre de FaceBook!

    Dă like paginii noastre de facebook.

    URMĂRIȚI-NE PE GOOGLE   NEWS pentru știrile zilei.

    Urmărește Ziarul Exemplu pe TikTok.

    Citiți și comentați pe pagina noastră de Instagram.

    Preluarea articolelor fără acordul scris al redacției este interzisă.

    Este interzisă reproducerea materialelor.

    (C) Ziarul Exemplu 2026

    Copyright 2026 Ziarul Exemplu. TOATE DREPTURILE REZERVATE.

    Autorul a urmărit pe Facebook reacțiile, dar nu a dat like.

    Pagina a fost preluată de alt site, fără acord.
    """

  @Test func shareBoxesAndReadAlsoLinksAreBoilerplate() throws {
    let text = """
      Distribuie: Facebook X WhatsApp

      SHARE on LinkedIn · E-mail

      Citeşte şi: Guvernul a aprobat bugetul pe 2025

      Vezi si: Alegerile din 2024

      Vezi și tu ce s-a întâmplat. Distribuie articolul prietenilor tăi de pe Facebook.

      Citește și comentează: ce crezi?
      """
    let found = try detections(text, BoilerplateDetector.romanianNews)
    #expect(found.map(\.pattern) == ["share-buttons", "share-buttons", "read-also", "read-also"])
    #expect(found.map(\.paragraph) == [1, 2, 3, 4])  // the last two are article text
    #expect(try detections(text, unfiltered) == found)
  }

  func detections(_ text: String, _ patterns: [BoilerplateDetector.Pattern]) throws -> [BoilerplateDetector.Match] {
    try BoilerplateDetector(patterns: patterns).matches(in: try Segmenter().segment(text))
  }

  @Test func keywordsChangeNothingOnTheSamplesAndNotices() throws {
    let texts = [
      try seedArticle(), try repositoryText("Samples/hard-cases.ro.txt"),
      try TextNormalizer().normalize(try seedArticle()).text, notices,
    ]
    for text in texts {
      #expect(try detections(text, BoilerplateDetector.romanianNews) == detections(text, unfiltered))
    }
    let found = try detections(notices, BoilerplateDetector.romanianNews)
    #expect(found.map(\.pattern) == [
      "facebook-like", "facebook-like", "follow-us", "follow-us", "our-social-pages", "republication",
      "republication", "copyright", "copyright",
    ])
    #expect(found.last?.paragraph == 9)  // the two near misses are article text
  }

  /// ICU's case-insensitive matching folds the Kelvin sign to `k`, `ſ` to `s` and `ﬁ` to `fi`:
  /// such a paragraph is searched with every pattern, so it is still found.
  @Test func lettersThatFoldToASCIIAreNotMissed() throws {
    let text = """
      Știre.

      Daţi like paginii noastre de Faceboo\u{212A}!

      Urmărește Mediafax pe In\u{17F}tagram.

      Toate drepturile rezervate, \u{FB01}rma Exemplu.
      """
    let found = try detections(text, BoilerplateDetector.romanianNews)
    #expect(found == (try detections(text, unfiltered)))
    #expect(found.map(\.paragraph) == [2, 3, 4])
  }

  @Test func keywordsOfOtherPatternsDoNotRunThisOne() throws {
    var filter = KeywordFilter([["facebook"], ["drepturile", "©"], []])
    var candidates = [Bool](repeating: false, count: 3)
    let text = Array("Toate DREPTURILE rezervate.".utf16)
    let any = text.withUnsafeBufferPointer { filter.candidates(in: $0, into: &candidates) }
    #expect(any && candidates == [false, true, true])
    filter = KeywordFilter([["facebook"], ["©"]])
    for (sample, expected) in [("© 2026", [false, true]), ("FACEBOO", [false, false]), ("xfacebook", [true, false])] {
      let units = Array(sample.utf16)
      _ = units.withUnsafeBufferPointer { filter.candidates(in: $0, into: &candidates) }
      #expect(Array(candidates.prefix(2)) == expected, "\(sample)")
    }
  }

  /// The sampling filter against the plain definition (some keyword occurs, ignoring ASCII
  /// case), on generated texts full of keyword pieces at every offset.
  @Test func filterAgreesWithPlainSubstringSearch() {
    let keywordsByPattern = [["facebook"], ["pagin", "(c)"], ["©", "ab"], ["drepturile", "republicarea"], []]
    let filter = KeywordFilter(keywordsByPattern)
    let pieces = ["face", "book", "FACEBOOK", "pag", "in", "PAGIN", "(", "c)", "(C)", "©", "a", "b", "AB",
                  "drept", "urile", "republic", "area", " ", "ă", "ș", "x", "re", "\u{212A}", "ﬁ"]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {  // SplitMix64
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
    }
    var candidates = [Bool](repeating: false, count: keywordsByPattern.count)
    for round in 0..<3000 {
      let text = (0..<(round % 23)).map { _ in pieces[next() % (round % 7 == 0 ? pieces.count : pieces.count - 2)] }.joined()
      let units = Array(text.utf16)
      let any = units.withUnsafeBufferPointer { filter.candidates(in: $0, into: &candidates) }
      let folded = String(decoding: units.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF16.self)
      let special = text.unicodeScalars.contains { $0 == "\u{212A}" || $0 == "ﬁ" }
      let expected = keywordsByPattern.map { list in special || list.isEmpty || list.contains { folded.contains($0) } }
      #expect(candidates == expected, "\(text)")
      #expect(any == expected.contains(true))
    }
  }

  @Test func keywordsWithNonASCIILettersAreRejected() {
    for keyword in ["", "știri"] {
      let pattern = BoilerplateDetector.Pattern(name: "mine", regex: "știri", keywords: [keyword])
      let message = errorMessage { try BoilerplateDetector(patterns: [pattern]) }
      #expect(message?.contains("must be non-empty, and its letters ASCII") == true)
    }
    #expect(throws: Never.self) {
      try BoilerplateDetector(patterns: [.init(name: "mine", regex: "©", keywords: ["©"])])
    }
  }

  /// SplitMix64: the same pseudo-random texts on every run.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1) % bound
    }
  }

  /// Paragraphs made of the notices' words in every spelling and case, separators, and runs
  /// of filler whose lengths fall around the patterns' limits (80 and 120 code points), in
  /// one-unit letters, two-unit emoji, or both.
  func generatedParagraphs(count: Int, seed: UInt64) -> [String] {
    var random = Generator(state: seed)
    let words = [
      "dați", "DAŢI", "dati", "da", "dă", "Dă", "like", "LIKE", "facebook", "FaceBook", "pe", "urmărește",
      "URMARITI", "urmăriți", "Instagram", "twitter", "google", "news", "pagina", "paginile", "noastră",
      "noastre", "de", "social", "media", "interzisă", "interzis", "republicarea", "REPRODUCEREA", "preluarea",
      "fără", "acordul", "în", "lipsa", "unui", "acord", "toate", "drepturile", "rezervate", "©", "(c)",
      "Copyright", "știri", "Mediafax", "😀", "ziua",
    ]
    let separators = [" ", " ", " ", "  ", ", ", "... ", " – ", "-", "! ", "\u{A0}", "\n", ""]
    func filler(_ codePoints: Int) -> String {
      switch random.next(3) {
      case 0: return String((0..<codePoints).map { $0 % 6 == 5 ? " " : "a" })
      case 1: return String(repeating: "😀", count: codePoints)
      default: return String((0..<codePoints).map { $0 % 3 == 0 ? "😀" : "ș" })
      }
    }
    // Phrases of the notices, with their words joined by random separators or filler.
    let phrases = [
      ["dați", "like", "facebook"], ["dă", "like", "facebook"], ["urmărește", "pe", "instagram"],
      ["urmăriți", "pe", "google", "news"], ["pagina", "noastră", "de", "facebook"],
      ["paginile", "noastre", "de", "social", "media"], ["interzisă", "republicarea"],
      ["preluarea", "fără", "acordul"], ["reproducerea", "în", "lipsa", "unui", "acord"],
      ["toate", "drepturile", "rezervate"], ["©"], ["(c)"], ["copyright"],
    ]
    var paragraphs: [String] = []
    for _ in 0..<count {
      var text = random.next(4) == 0 ? filler(random.next(40)) + " " : ""
      if random.next(2) == 0 {
        for word in phrases[random.next(phrases.count)] {
          text += word + (random.next(4) == 0 ? " " + filler(random.next(90)) + " " : separators[random.next(separators.count)])
        }
      }
      for _ in 0..<(1 + random.next(14)) {
        if random.next(5) == 0 {
          text += filler([random.next(10), 76 + random.next(10), 116 + random.next(10), 200 + random.next(300)][random.next(4)])
        } else {
          text += words[random.next(words.count)]
        }
        text += separators[random.next(separators.count)]
      }
      paragraphs.append(text)
    }
    // Each pattern's longest reach, exactly: 78 filler code points between two spaces fill
    // `.{0,80}`, 118 fill `.{0,120}`, " – " fills `\W{1,3}`.
    for run in ["a", "😀"] {
      let f80 = " " + String(repeating: run, count: 78) + " "
      let f120 = " " + String(repeating: run, count: 118) + " "
      paragraphs += [
        "Dați – like" + f80 + "facebook", "urmărește" + f80 + "pe – twitter", "urmăriți pe – google – news",
        "paginile – noastră – de – social – media", "Este interzisă – republicarea.",
        "Republicarea" + f120 + "în – lipsa – unui – acord", "toate – drepturile – rezervate",
      ]
    }
    return paragraphs
  }

  /// The same patterns without reach (the whole paragraph searched), and without keywords
  /// either (every regex on every paragraph).
  let wholeParagraph = BoilerplateDetector.romanianNews.map {
    BoilerplateDetector.Pattern(name: $0.name, regex: $0.regex, keywords: $0.keywords)
  }

  @Test func searchingNearKeywordsFindsWhatTheWholeParagraphSearchFinds() throws {
    let text = generatedParagraphs(count: 3000, seed: 11).joined(separator: "\n\n")
    let segmented = try Segmenter().segment(text)
    let near = try BoilerplateDetector().matches(in: segmented)
    #expect(near == (try BoilerplateDetector(patterns: wholeParagraph).matches(in: segmented)))
    #expect(near == (try BoilerplateDetector(patterns: unfiltered).matches(in: segmented)))
    // The texts exercise every pattern, found and missed.
    // (Not the patterns anchored at a paragraph's start, which the generated words rarely make.)
    for pattern in BoilerplateDetector.romanianNews where !["copyright", "share-buttons", "read-also"].contains(pattern.name) {
      #expect(near.filter { $0.pattern == pattern.name }.count > 20, "\(pattern.name)")
    }
    #expect(near.count < segmented.paragraphs.count / 2)
  }

  /// The test above has teeth: any reach one code point too short misses matches in them.
  @Test func aReachTooShortIsCaughtByTheGeneratedTexts() throws {
    let text = generatedParagraphs(count: 3000, seed: 11).joined(separator: "\n\n")
    let segmented = try Segmenter().segment(text)
    let expected = try BoilerplateDetector(patterns: wholeParagraph).matches(in: segmented)
    for (index, pattern) in BoilerplateDetector.romanianNews.enumerated() {
      for side in 0..<2 {
        var patterns = BoilerplateDetector.romanianNews
        guard var reach = pattern.reach else { continue }
        if side == 0 {
          guard let before = reach.before, before > 0 else { continue }
          reach.before = before - 1
        } else {
          guard let after = reach.after, after > 0 else { continue }
          reach.after = after - 1
        }
        patterns[index].reach = reach
        let found = try BoilerplateDetector(patterns: patterns).matches(in: segmented)
        #expect(found != expected, "\(pattern.name) side \(side)")
      }
    }
  }

  /// Each built-in reach against ICU itself: the first match in each generated paragraph has
  /// a keyword with no more code points of the match before and after it than the reach.
  @Test func everyMatchLiesWithinItsReachOfAKeyword() throws {
    let paragraphs = generatedParagraphs(count: 1500, seed: 29)
    for pattern in BoilerplateDetector.romanianNews {
      let reach = try #require(pattern.reach)
      let regex = try ICU.Regex(pattern.regex, options: [.caseInsensitive])
      for paragraph in paragraphs {
        let units = Array(paragraph.utf16)
        try regex.setText(units)
        guard let match = try regex.firstMatch(from: 0) else { continue }
        let matched = Array(units[match])
        let folded = matched.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func codePoints(_ range: Range<Int>) -> Int {
          String(decoding: matched[range], as: UTF16.self).unicodeScalars.count
        }
        let within = pattern.keywords.contains { keyword in
          let k = Array(keyword.utf16)
          return (0...max(0, folded.count - k.count)).contains { start in
            start + k.count <= folded.count && Array(folded[start..<(start + k.count)]) == k
              && (reach.before.map { codePoints(0..<start) <= $0 } ?? true)
              && (reach.after.map { codePoints((start + k.count)..<folded.count) <= $0 } ?? true)
          }
        }
        #expect(within, "\(pattern.name): \(String(decoding: matched, as: UTF16.self))")
      }
    }
  }

  @Test func windowsCountCodePointsAndMerge() {
    // "x😀😀 facebook yy": facebook at units 6..<14.
    let units = Array("x😀😀 facebook yy".utf16)
    var windows: [Range<Int>] = []
    let hit = KeywordFilter.Hit(pattern: 0, start: 6, length: 8)
    units.withUnsafeBufferPointer { text in
      BoilerplateDetector.windows(around: [hit], of: 0, reach: .init(before: 2, after: 1), in: text, into: &windows)
      #expect(windows == [3..<15])  // one space and one emoji (two units) before, one space after
      BoilerplateDetector.windows(around: [hit], of: 0, reach: .init(before: nil, after: nil), in: text, into: &windows)
      #expect(windows == [0..<17])
      let hits = [hit, .init(pattern: 1, start: 0, length: 1), .init(pattern: 0, start: 15, length: 1),
                  .init(pattern: 0, start: 1, length: 1)]
      BoilerplateDetector.windows(around: hits, of: 0, reach: .init(before: 0, after: 0), in: text, into: &windows)
      #expect(windows == [1..<2, 6..<14, 15..<16])
      BoilerplateDetector.windows(around: hits, of: 0, reach: .init(before: 1, after: 1), in: text, into: &windows)
      #expect(windows == [0..<3, 5..<17])
    }
  }

  /// The filter's hits are exactly the keywords' occurrences (ignoring ASCII case), with no
  /// short keyword (under five units, found through their first unit) or up to six, short
  /// ones that start with a non-ASCII unit, and for the built-in patterns' keywords.
  @Test(arguments: [
    [["facebook", "face"], ["pagin", "(c)"], ["©", "ab"]],
    [["facebook"], ["pagin", "republicarea"], ["©"]],
    [["facebook"], ["pagin"], ["ab"]],
    [["facebook", "vezi"], ["pagin", "(c)"], ["cite", "ab"]],
    [["facebook", "vezi", "x"], ["pagin", "(c)"], ["cite", "ab", "Ș"]],
    [["facebook", "vezi", "x"], ["pagin", "(c)"], ["cite", "ab", "BOOK"], ["in"]],
    BoilerplateDetector.romanianNews.map(\.keywords),
  ])
  func hitsAreEveryOccurrence(keywordsByPattern: [[String]]) {
    let filter = KeywordFilter(keywordsByPattern)
    var random = Generator(state: 5)
    let pieces = ["face", "book", "FACEBOOK", "pag", "in", "PAGIN", "(", "c)", "(C)", "©", "a", "b", "AB", " ", "ă",
                  "😀", "ve", "zi", "Vezi", "CITE", "cit", "x", "X", "Ș", "ș", "repu", "blicarea", "drepturile",
                  "tikTok", "tele", "gram", "ț"]
    var candidates = [Bool](repeating: false, count: keywordsByPattern.count)
    for round in 0..<2000 {
      let units = Array((0..<(round % 29)).map { _ in pieces[random.next(pieces.count)] }.joined().utf16)
      var hits: [KeywordFilter.Hit] = []
      let outcome = units.withUnsafeBufferPointer { filter.scan($0, candidates: &candidates, hits: &hits) }
      let folded = units.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
      var expected: [KeywordFilter.Hit] = []
      for (pattern, list) in keywordsByPattern.enumerated() {
        for keyword in list.map({ Array($0.utf16).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } })
        where keyword.count <= folded.count {
          for start in 0...(folded.count - keyword.count) where Array(folded[start..<(start + keyword.count)]) == keyword {
            expected.append(.init(pattern: pattern, start: start, length: keyword.count))
          }
        }
      }
      func key(_ h: KeywordFilter.Hit) -> [Int] { [h.start, h.pattern, h.length] }
      #expect(Set(hits.map(key)) == Set(expected.map(key)), "\(String(decoding: units, as: UTF16.self))")
      #expect(outcome == (expected.isEmpty ? .none : .found))
      #expect(candidates == keywordsByPattern.indices.map { p in expected.contains { $0.pattern == p } })
    }
  }

  /// The C scan that skips to the next tile needing a closer look (`tradu_next_keyword_tile`)
  /// stops where its Swift definition stops, from every start offset, on Romanian text full
  /// of `c` and `v` that start no keyword (`ca`, `ce`, `va`, `vă`) and some that do, in both
  /// cases, beside letters that fold to ASCII, emoji and cedillas.
  @Test(arguments: [
    [["facebook"], ["pagin", "(c)"], ["cite", "ab", "Ș"]],
    [["facebook", "vezi", "x"], ["pagin", "(c)"], ["cite", "ab", "BOOK"], ["in"]],
    BoilerplateDetector.romanianNews.map(\.keywords),
  ])
  func nextTileAgreesWithItsSwiftDefinition(keywordsByPattern: [[String]]) {
    let filter = KeywordFilter(keywordsByPattern)
    var random = Generator(state: 17)
    let pieces = ["acasă ", "ce ", "va ", "vă ", "cu ", "CA", "Vezi ", "vede", "CITI", "citește", "(c)", "(C) ", "©",
                  "facebook", "FaceBook ", "pagina ", "Ştiri ", "ţară ", "ș", "Ș", "😀", "ß", "ﬁ", "x", "in", "ab",
                  "drepturile ", "Instagram", " ", "\n", "„", "”"]
    var stopped = 0
    var ran = 0
    for round in 0..<1200 {
      let units = Array((0..<(round % 23)).map { _ in pieces[random.next(pieces.count)] }.joined().utf16)
      units.withUnsafeBufferPointer { view in
        guard let base = view.baseAddress else { return }
        for start in 0...units.count {
          let c = filter.nextTile(in: base, count: units.count, from: start)
          let swift = filter.nextTileInSwift(in: base, count: units.count, from: start)
          #expect(c == swift, "\(String(decoding: units, as: UTF16.self).debugDescription) from \(start)")
          if swift + 4 <= units.count { stopped += 1 } else { ran += 1 }
        }
      }
    }
    // Both ways out were taken: a tile that needs a look, and the end of the text.
    #expect(stopped > 1000 && ran > 1000)
  }
}
