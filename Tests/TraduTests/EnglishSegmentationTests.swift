import Foundation
import Testing
@testable import Tradu

/// Tradu's English rules (`Rules/english.rules`) and the choice of rules by locale.
@Suite struct EnglishSegmentationTests {
  static let cases = (try? MarkedCase.all(file: "Tests/TraduTests/Fixtures/en-sentences.txt")) ?? []
  static let english = Segmenter(locale: "en")

  func segments(_ text: String, _ segmenter: Segmenter = english) throws -> [String] {
    try segmenter.segment(text).segments.map(\.text)
  }

  @Test func fixtureHasCasesOfEveryKind() throws {
    let cases = try MarkedCase.all(file: "Tests/TraduTests/Fixtures/en-sentences.txt")
    #expect(cases.count >= 45)
    #expect(cases.filter { $0.marked.contains("÷") }.count >= 15, "must-break cases")
    #expect(cases.filter { !$0.marked.contains("÷") }.count >= 25, "must-not-break cases")
  }

  @Test(arguments: cases)
  func englishCase(_ c: MarkedCase) throws {
    #expect(try segments(c.text) == c.expected)
  }

  @Test func localePicksTheLanguagesRules() {
    #expect(Segmenter(locale: "en").rules == .english)
    #expect(Segmenter(locale: "en-GB").rules == .english)
    #expect(Segmenter(locale: "en_US").rules == .english)
    #expect(Segmenter(locale: "ro").rules == .romanian)
    #expect(Segmenter(locale: "ro-MD").rules == .romanian)
    #expect(Segmenter().rules == .romanian)
    // A language without built-in rules gets ICU's breaks alone, not Romanian abbreviations.
    let french = Segmenter(locale: "fr").rules
    #expect(french.rules.isEmpty && french.base == .icu && french.language == "fr")
    // Rules given explicitly win over the locale's.
    #expect(Segmenter(locale: "en", rules: .icuOnly).rules == .icuOnly)
  }

  @Test func romanianRulesWouldJoinEnglishSentences() throws {
    // "sat" is a Romanian abbreviation (village): the Romanian rules keep these together, the
    // English ones do not.
    let text = "He sat. Then he left."
    #expect(try segments(text, Segmenter(locale: "en", rules: .romanian)) == [text])
    #expect(try segments(text) == ["He sat.", "Then he left."])
  }

  @Test func icuAloneSplitsAfterEnglishTitles() throws {
    let icu = Segmenter(locale: "en", rules: .icuOnly)
    #expect(try segments("Mr. Smith said no.", icu).count == 2)
    let titled = Self.cases.filter { $0.section.hasPrefix("Titles") || $0.section.hasPrefix("Numbered") }
    var wrong = 0
    for c in titled where try segments(c.text, icu) != c.expected { wrong += 1 }
    #expect(wrong * 2 > titled.count, "ICU alone should get most of these wrong")
  }

  @Test func compiledInRulesMatchTheRulesFile() throws {
    let file = try repositoryText("Rules/english.rules")
    #expect(EnglishRules.text == file, "Rules/english.rules changed: paste it into Sources/Tradu/Text/EnglishRules.swift")
    #expect(SegmentationRules.english.language == "en")
    #expect(try SegmentationRules(parsing: SegmentationRules.english.formatted()) == .english)
  }

  @Test func englishRulesRoundTripThroughSRX() throws {
    let loaded = try SRX.rules(from: Data(SRX.document(for: .english).utf8), language: "en")
    let viaSRX = Segmenter(locale: "en", rules: loaded)
    for c in Self.cases {
      #expect(try segments(c.text, viaSRX) == segments(c.text), "\(c.testDescription)")
    }
  }

  @Test func bilingualPairSegmentsTheTargetWithEnglishRules() throws {
    let source = SourceDocument(name: "a.ro.txt", language: "ro", text: "A stat jos. Apoi a plecat.")
    let target = SourceDocument(name: "a.en.txt", language: "en", text: "He sat. Then he left.")
    let document = try BilingualReader.pair(source: source, target: target)
    #expect(try document.translatableSegments().map(\.target) == ["He sat.", "Then he left."])
    #expect(try document.translatableSegments().map(\.id) == ["p1.s1", "p1.s2"])
  }
}
