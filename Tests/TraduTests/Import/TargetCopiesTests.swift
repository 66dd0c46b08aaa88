import Foundation
import Testing
@testable import Tradu

/// XLIFF 1.2 targets seeded with their source (what OmegaT and Okapi translate), and what
/// merge makes of targets that are still copies of their source.
struct TargetCopiesTests {
  let stamp = ExportStamp(toolVersion: "test", date: nil)
  let text = "Ana are mere. Ion are pere.\n\n2024 – 2025.\n\nMusk și Putin.\n\nGuvernul tace.\n"

  private func prepared() throws -> PreparedDocument {
    try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "a.txt")
  }

  @Test func xliff12TargetsHoldTheirSourceUntilTranslated() throws {
    let document = try prepared()
    let seeded = XLIFFWriter(version: .v1_2, stamp: stamp).render(document)
    let read = try XLIFFReader.parse(Array(seeded.utf8), name: "a.xlf")
    let segments = read.units.flatMap(\.segments)
    #expect(segments.map(\.id) == document.segments.map(\.id))
    #expect(segments.allSatisfy { $0.target == $0.source && $0.state == .initial && $0.stateValue == "needs-translation" })
    #expect(seeded.contains("<target state=\"needs-translation\"><mrk mtype=\"seg\" mid=\"p1.s1\">Ana are mere.</mrk> <mrk mtype=\"seg\" mid=\"p1.s2\">Ion are pere.</mrk></target>"))

    var writer = XLIFFWriter(version: .v1_2, stamp: stamp)
    writer.xliff12Targets = .empty
    let empty = writer.render(document)
    #expect(empty.contains("<target state=\"needs-translation\"><mrk mtype=\"seg\" mid=\"p1.s1\"></mrk> <mrk mtype=\"seg\" mid=\"p1.s2\"></mrk></target>"))
    #expect(try XLIFFReader.parse(Array(empty.utf8), name: "e.xlf").units.flatMap(\.segments).allSatisfy { $0.target == "" })
  }

  @Test func copiesOfTheSourceAreListedExceptNumbersAndNamesThatStay() throws {
    let document = try prepared()
    // As OmegaT leaves a partly translated file: translated targets changed, the rest copies,
    // every state still needs-translation.
    let xml = XLIFFWriter(version: .v1_2, stamp: stamp).render(document)
      .replacingOccurrences(of: "<mrk mtype=\"seg\" mid=\"p1.s1\">Ana are mere.</mrk> <mrk mtype=\"seg\" mid=\"p1.s2\">Ion are pere.</mrk></target>",
                            with: "<mrk mtype=\"seg\" mid=\"p1.s1\">Ana has apples.</mrk> <mrk mtype=\"seg\" mid=\"p1.s2\">Ion are pere.</mrk></target>")
    let read = try XLIFFReader.parse(Array(xml.utf8), name: "a.xlf")
    let merged = try ArticleMerger(glossary: .default).merge(read, name: "a.xlf", original: document)
    #expect(merged.text == "Ana has apples. Ion are pere.\n\n2024 – 2025.\n\nMusk și Putin.\n\nGuvernul tace.\n")
    // "2024 – 2025." is numbers and punctuation; "Musk și Putin." is names, but "și" is a word.
    #expect(merged.sameAsSource == ["p1.s2", "p3.s1", "p4.s1"])
    #expect(merged.untranslated.isEmpty)

    #expect {
      try ArticleMerger(strict: true, glossary: .default).merge(read, name: "a.xlf", original: document)
    } throws: { error in
      "\(error)" == "a.xlf: 3 segment(s) have their source as translation (--strict): p1.s2, p3.s1, p4.s1; "
        + "translate them, or drop --strict to merge them as they are"
    }
  }

  /// XLIFF 1.2 calls a target translated only with `translated`, `signed-off` or `final`;
  /// `needs-review-translation` (what Tradu writes on a unit with memory matches, and what a
  /// tool may leave on a whole unit) does not make a copy of the source a translation.
  @Test(arguments: ["needs-review-translation", "needs-review-l10n", "needs-adaptation", "new"])
  func aCopyUnderANeedsStateIsStillUntranslated(state: String) throws {
    let document = try prepared()
    let xml = XLIFFWriter(version: .v1_2, stamp: stamp).render(document)
      .replacingOccurrences(of: "needs-translation", with: state)
      .replacingOccurrences(of: ">Guvernul tace.</mrk></target>", with: ">The government is silent.</mrk></target>")
    let read = try XLIFFReader.parse(Array(xml.utf8), name: "a.xlf")
    #expect(read.units.flatMap(\.segments).allSatisfy { $0.state == .initial && $0.stateValue == state })
    let merged = try ArticleMerger(glossary: .default).merge(read, name: "a.xlf", original: document)
    #expect(merged.sameAsSource == ["p1.s1", "p1.s2", "p3.s1"])
    #expect(merged.text.hasSuffix("Musk și Putin.\n\nThe government is silent.\n"))
    #expect {
      try ArticleMerger(strict: true, glossary: .default).merge(read, name: "a.xlf", original: document)
    } throws: { "\($0)".contains("3 segment(s) have their source as translation (--strict): p1.s1, p1.s2, p3.s1") }
  }

  @Test func aTargetMarkedTranslatedMayEqualItsSource() throws {
    let document = try prepared()
    let xml = XLIFFWriter(version: .v1_2, stamp: stamp).render(document)
      .replacingOccurrences(of: "needs-translation", with: "translated")
    let merged = try ArticleMerger(strict: true).merge(try XLIFFReader.parse(Array(xml.utf8), name: "a.xlf"), name: "a.xlf", original: document)
    #expect(merged.sameAsSource.isEmpty)
    #expect(merged.text == text)
  }

  @Test(arguments: [("2024 – 2025.", true), ("„12,5%”!", true), ("Musk și Putin.", false), ("Putin, Musk.", true), ("Guvernul tace.", false)])
  func whatMayStayAsSource(source: String, stays: Bool) throws {
    #expect(try ArticleMerger.mayStayAsSource(source, matcher: GlossaryMatcher(.default)) == stays)
  }
}
