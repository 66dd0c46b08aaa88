import Testing
@testable import Tradu

@Suite struct PreparationStatisticsTests {
  /// A long document is counted in two halves; five copies of the seed count five times
  /// what one does, and every copy after the first repeats all its segments.
  @Test func fiveCopiesCountFiveTimesOne() throws {
    let seed = try seedArticle()
    let preparer = Preparer(glossary: .default)
    let one = try PreparationStatistics(try preparer.prepare(bytes: Array(seed.utf8), name: "a.txt"))
    let five = try PreparationStatistics(try preparer.prepare(
      bytes: Array(Array(repeating: seed, count: 5).joined(separator: "\n\n").utf8), name: "b.txt"))
    #expect(five.paragraphs == 5 * one.paragraphs && five.paragraphs >= 64)
    #expect(five.words == 5 * one.words)
    #expect(five.characters == 5 * one.characters)
    #expect(five.glossaryHits == 5 * one.glossaryHits)
    #expect(five.notForTranslation == 5 * one.notForTranslation)
    #expect(five.repeatedSegments == one.repeatedSegments + 4 * one.segments)
    #expect(one.words > 400)
  }

  /// Without normalization, "ă" written as a + combining breve still repeats "ă".
  @Test func canonicallyEquivalentSegmentsRepeatWithoutNormalization() throws {
    let text = "Ana are mere lângă casă.\n\nAna are mere lângă cas\u{61}\u{306}.\n"
    let figures = try PreparationStatistics(try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "a"))
    #expect(figures.segments == 2)
    #expect(figures.repeatedSegments == 1)
    #expect(figures.characters == 24 + 25)
    let normalized = try PreparationStatistics(try Preparer().prepare(bytes: Array(text.utf8), name: "a"))
    #expect(normalized.repeatedSegments == 1)
    #expect(normalized.characters == 24 + 24)
  }
}
