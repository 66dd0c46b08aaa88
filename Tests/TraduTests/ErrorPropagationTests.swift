import Foundation
import Testing
@testable import Tradu

/// Issue 15's cases 7, 8 and 9 in the library: a runaway rule stops, language tags are
/// checked, and failures are reported instead of turning into empty results.
@Suite struct ErrorPropagationTests {
  @Test func anExponentialRuleStopsAtItsBudget() throws {
    var segmenter = Segmenter(locale: "ro", rules: SegmentationRules(
      language: "ro", rules: [SegmentationRule(breaks: true, before: .regex("(a+)+b"), after: .regex("\\s"))]))
    segmenter.regexTimeBudget = .milliseconds(300)
    let text = "Ana " + String(repeating: "a", count: 40) + " are mere."
    let started = ContinuousClock.now
    let message = errorMessage { try segmenter.segment(text) }
    #expect(ContinuousClock.now - started < .seconds(10))
    #expect(message?.contains("ran longer than its budget") == true, "\(message ?? "no error")")
    #expect(message?.contains("(a+)+b") == true)
    // A rule that backtracks little runs to the end on the same text.
    var fine = segmenter
    fine.rules = SegmentationRules(language: "ro", rules: [SegmentationRule(breaks: true, before: .regex("a+b"), after: .regex("\\s"))])
    #expect(try fine.segment(text).segments.count == 1)
  }

  @Test func theBudgetErrorNamesTheTextAndTheRule() throws {
    var preparer = Preparer(normalization: nil)
    preparer.segmentationRules = SegmentationRules(language: "ro", rules: [
      SegmentationRule(breaks: false, before: .abbreviation(["dl"]), after: .any),
      SegmentationRule(breaks: true, before: .regex("(a+)+b"), after: .regex("\\s")),
    ])
    let article = "Ana " + String(repeating: "a", count: 40) + " are mere.\n\nDl. Popescu a plecat."
    let message = errorMessage { try preparer.prepare(SourceDocument(name: "stiri/articol.txt", text: article), fingerprint: "") }
    #expect(message?.hasPrefix("stiri/articol.txt: segmentation rule 2 (break: before “(a+)+b”, after “\\s”)") == true,
            "\(message ?? "no error")")
    #expect(TraduError.regexTimeLimit(path: nil, rule: "2", seconds: 1).naming("a.txt", rules: "r.srx").description
      .hasPrefix("a.txt: segmentation rule 2 of r.srx ran longer"))
  }

  @Test func theBudgetIsPerDocumentNotPerMatch() throws {
    // Many short matches that each backtrack a little: their sum is what the budget limits.
    var segmenter = Segmenter(locale: "ro", rules: SegmentationRules(
      language: "ro", rules: [SegmentationRule(breaks: true, before: .regex("(a|aa)+c"), after: .regex("\\s"))]))
    segmenter.regexTimeBudget = .milliseconds(200)
    let text = Array(repeating: String(repeating: "a", count: 22) + " ", count: 400).joined()
    let started = ContinuousClock.now
    _ = errorMessage { try segmenter.segment(text) }
    #expect(ContinuousClock.now - started < .seconds(5))
  }

  @Test(arguments: ["ro", "en", "en-GB", "ro-RO", "sr-Latn-RS", "zh-Hant-TW", "de-CH-1996", "es-419",
                    "en-US-u-ca-gregory", "x-tradu", "i-klingon", "EN-gb", "sl-rozaj-biske"])
  func wellFormedTagsPass(_ tag: String) {
    #expect(LanguageTag.isWellFormed(tag))
  }

  @Test(arguments: ["", "not a lang!", "en_GB", "e", "1ro", "en--GB", "en-", "-en", "ro-RO-RO",
                    "de-1996-1996", "en-a", "en-a-bb-a-cc", "x", "en-x", "toolongtag", "ro RO", "ro-ÎȘ"])
  func malformedTagsFail(_ tag: String) {
    #expect(!LanguageTag.isWellFormed(tag))
  }

  @Test func aBrokenEmbeddedGlossaryIsAnErrorNotAnEmptyGlossary() throws {
    let good = Glossary.loadDefault(Glossary.embeddedTSV)
    #expect(good.error == nil && !good.glossary.entries.isEmpty)
    #expect(Glossary.defaultLoadError == nil)
    let header = Glossary.embeddedTSV.prefix { $0 != "\n" }
    let broken = Glossary.loadDefault(header + "\nper-x\tfără traducere\n")
    #expect(broken.error != nil)
    #expect(broken.glossary.entries.isEmpty)
    #expect(Glossary.loadDefault(String(header)).error?.description.contains("no entries") == true)
  }

  @Test func glossaryMatchesCanReportFailures() throws {
    let matcher = GlossaryMatcher(.default)
    let text = "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a vorbit despre Vladimir Putin."
    let found = try matcher.matches(in: text)
    #expect(found.map(\.matched).contains("Kremlinului"))
  }

  /// `check` and `glossary lint` find terms with the matcher: when it fails (ICU's word
  /// breaking), the check stops with the error instead of reporting a translation whose source
  /// seemingly names nothing, which would look clean.
  @Test func aMatcherFailureEndsTheCheckInsteadOfGivingACleanReport() throws {
    let document = BilingualDocument(name: "stire.xlf", segments: [
      BilingualSegment(id: "p1.s1", source: "Purtătorul Kremlinului a negat.", target: "The spokesman denied it."),
    ])
    let matcher = GlossaryMatcher(.default)
    let working = ConsistencyChecker(entries: Glossary.default.entries) { text throws(TraduError) in try matcher.matches(in: text) }
    #expect(try working.check(document).findings.map(\.entryID) == ["org-kremlin"])
    let failing = ConsistencyChecker(entries: Glossary.default.entries) { _ throws(TraduError) in
      throw .icu(ICUError(code: 7, operation: "break iterator open (ro)"))  // U_MEMORY_ALLOCATION_ERROR
    }
    let error = #expect(throws: TraduError.self) { try failing.check(document) }
    #expect(error?.description.contains("break iterator open") == true, "\(String(describing: error))")
    #expect(throws: TraduError.self) { try failing.analyze(document.translatableSegments()[0]) }
    #expect(throws: TraduError.self) { try failing.glossary.sourceTerms(in: "Kremlinul a negat.") }
  }

  @Test func lengthsICUCannotTakeAreErrorsNotTraps() {
    #expect(throws: ICUError.self) { try ICU.checkLength(Int(Int32.max) + 1, "normalize") }
    #expect(throws: Never.self) { try ICU.checkLength(1 << 20, "normalize") }
  }
}
