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
}
