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
