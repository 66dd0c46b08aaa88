import Foundation
import Testing
@testable import Tradu

/// `tradu glossary match` prepares without looking for boilerplate: what that skips must
/// never change which terms are found or where.
struct GlossaryMatchBoilerplateTests {
  /// Every match of `document`, in order, with its range in the whole text.
  private func matches(_ document: PreparedDocument) -> [String] {
    document.units.flatMap { unit in
      unit.segments.flatMap { segment in
        segment.glossaryMatches.map { "\($0.match.entryID) \($0.match.range) \($0.match.matched) \($0.match.kind)" }
      }
    }
  }

  @Test func termsInsideBoilerplateAreFoundAlikeWithoutTheDetector() throws {
    let seed = try String(contentsOfFile: "Samples/mediafax-musk-putin.ro.txt", encoding: .utf8)
    // Notices that name glossary terms (a network, an agency, a city), among ordinary news.
    let notices = """
      Guvernul de la București a anunțat ieri noi măsuri pentru Uniunea Europeană.

      Urmăriți-ne pe Facebook și pe Google News pentru știri din București și de la Kremlin!

      Este interzisă republicarea conținutului fără acordul Mediafax; © 2024 Mediafax, București.

      Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a vorbit despre NATO-ului.

      """
    for text in [seed, notices, notices + seed] {
      var withDetector = Preparer(normalization: nil, glossary: .default)
      withDetector.minimumPieceLength = 64
      var without = withDetector
      without.boilerplatePatterns = []
      let detected = try withDetector.prepare(SourceDocument(name: "a.txt", text: text), fingerprint: "")
      let skipped = try without.prepare(SourceDocument(name: "a.txt", text: text), fingerprint: "")
      // The detector did mark something, and the terms are the same, in the same places.
      #expect(detected.units.contains { !$0.isTranslatable })
      #expect(skipped.units.allSatisfy { $0.isTranslatable })
      #expect(!matches(detected).isEmpty)
      #expect(matches(skipped) == matches(detected))
      #expect(skipped.units.map { $0.segments.map(\.source) } == detected.units.map { $0.segments.map(\.source) })
    }
  }

  @Test func aDetectorWithoutPatternsFindsNothing() throws {
    let detector = try BoilerplateDetector(patterns: [])
    let segmented = try Segmenter(locale: "ro").segment("© 2024 Mediafax. Toate drepturile rezervate.\n\nDați LIKE paginii noastre de Facebook!\n")
    #expect(try detector.matches(in: segmented).isEmpty)
    #expect(try BoilerplateDetector().matches(in: segmented).count == 2)
  }
}
