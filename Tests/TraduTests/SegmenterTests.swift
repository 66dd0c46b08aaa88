import Testing
@testable import Tradu

@Suite struct SegmenterTests {
  /// The lossless invariant: segments plus gaps rebuild the input; ranges increase; each
  /// segment's text is the text at its range and is trimmed.
  func checkInvariants(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let segmented = try Segmenter().segment(text)
    #expect(segmented.reassembled() == text, sourceLocation: sourceLocation)
    let units = Array(text.utf16)
    var last = 0
    for s in segmented.segments {
      #expect(s.range.lowerBound >= last, sourceLocation: sourceLocation)
      #expect(String(decoding: units[s.range], as: UTF16.self) == s.text, sourceLocation: sourceLocation)
      #expect(!s.text.isEmpty && s.text.first?.isWhitespace == false && s.text.last?.isWhitespace == false,
              sourceLocation: sourceLocation)
      last = s.range.upperBound
    }
  }

  @Test func seedArticleIsLossless() throws {
    try checkInvariants(try seedArticle())
  }

  @Test(arguments: [
    "", " ", "\n\n\n", " \t \r\n ", "\r\n\r\nAna are mere.\r\nIon are pere.\r\n",
    "Fără punct la final", "Emoji 👩‍👩‍👧 și combinate: a\u{0306}ș\u{0301}. Apoi 🇷🇴!",
    "NUL\u{0}în text. Al doilea\u{0} rând.", "Linie\u{2028}separată\u{2029}paragraf. Sfârșit.",
    "\u{FEFF}Cu BOM. Și NBSP\u{00A0}aici.", "CR singur\rpe rând.\rAlt rând.",
  ])
  func hostileTextIsLossless(text: String) throws {
    try checkInvariants(text)
  }

  @Test func oneMegabyteLineIsLossless() throws {
    let sentence = "Aceasta este o propoziție de test cu diacritice: ă â î ș ț. "
    var line = ""
    while line.utf8.count < 1_000_000 { line += sentence }
    try checkInvariants(line)
    let segmented = try Segmenter().segment(line)
    #expect(segmented.paragraphs.count == 1)
    #expect(segmented.segments.count > 10_000)
  }

  @Test func headlineLinesAreNeverJoinedWithTheBody() throws {
    let text = try seedArticle()
    let segmented = try Segmenter().segment(text)
    // The headline stands twice at the top, each time as its own paragraph of two sentences.
    #expect(segmented.paragraphs[0].segments.map(\.text) == [
      "WSJ: Musk ţine în secret legătura cu Putin de la sfârşitul anului 2022.",
      "Ce i-a cerut liderul de la Kremlin",
    ])
    #expect(segmented.paragraphs[1].segments.count == 2)
    #expect(segmented.paragraphs[2].segments[0].text.hasPrefix("Potrivit surselor"))
  }

  @Test func bylineWithoutPunctuationIsItsOwnParagraph() throws {
    let segmented = try Segmenter().segment("Titlu fără punct\nBucurești, 3 noiembrie\nPrimul paragraf începe aici.")
    #expect(segmented.paragraphs.map { $0.segments.map(\.text) } == [
      ["Titlu fără punct"], ["București, 3 noiembrie"], ["Primul paragraf începe aici."],
    ])
  }

  @Test func hardWrappedParagraphIsOneParagraph() throws {
    let text = "Acest paragraf a fost tăiat la\nlungimea de rând de un editor vechi, dar\ncontinuă până la punct. Apoi altă frază."
    let segmented = try Segmenter().segment(text)
    #expect(segmented.paragraphs.count == 1)
    #expect(segmented.segments.map(\.text) == [
      "Acest paragraf a fost tăiat la\nlungimea de rând de un editor vechi, dar\ncontinuă până la punct.",
      "Apoi altă frază.",
    ])
  }

  @Test func idsArePositionalAndOneBased() throws {
    let segmented = try Segmenter().segment("Unu. Doi.\n\nTrei.")
    #expect(segmented.segments.map(\.id) == ["p1.s1", "p1.s2", "p2.s1"])
  }
}

/// Segment ids written digit by digit are those string interpolation writes.
@Suite struct SegmentIDTests {
  @Test func idsAreTheInterpolatedOnes() {
    let numbers = [1, 2, 9, 10, 11, 99, 100, 101, 999, 1_000, 12_345, 999_999, 1_000_000, 0, -1, -10, -987,
                   Int.max, Int.min, Int.max / 10, 1 << 40]
    for p in numbers {
      for s in numbers {
        #expect(segmentID(paragraph: p, sentence: s) == "p\(p).s\(s)")
        let span = TextSpan(utf16: 0..<1, codePoints: 0..<1, utf8: 0..<1)
        #expect(PreparedSegment(paragraph: p, sentence: s, source: "x", range: 0..<1, original: span, spaceAfter: "").id == "p\(p).s\(s)")
      }
    }
    #expect(Segment(paragraph: 3, sentence: 12, text: "Da.", range: 0..<3).id == "p3.s12")
  }
}
