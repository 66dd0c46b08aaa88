import Foundation
import Testing
@testable import Tradu

/// `check` on a translated file that lost units or segments, or that translates a unit marked
/// not for translation.
struct MissingAndUntranslatableTests {
  let stamp = ExportStamp(toolVersion: "test", date: nil)
  let text = """
    Guvernul a anunțat măsuri noi. Opoziția le critică. Votul are loc marți.

    Premierul a plecat la Bruxelles.

    Ministrul Finanțelor a prezentat bugetul. Deficitul scade.

    Urmărește Mediafax pe Instagram ca să vezi imagini spectaculoase și povești din toată lumea!

    """

  private func prepared() throws -> PreparedDocument {
    try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "stire.txt")
  }

  private func findings(_ document: BilingualDocument, _ rule: CheckRule) throws -> [Finding] {
    try ConsistencyChecker(glossary: .default).check(document).findings.filter { $0.rule == rule }
  }

  /// Cuts `<unit id="ID" …>…</unit>` (XLIFF 2) out of `xml`.
  private func removingUnit(_ id: String, from xml: String) throws -> String {
    let start = try #require(xml.range(of: "<unit id=\"\(id)\""))
    let end = try #require(xml.range(of: "</unit>", range: start.upperBound..<xml.endIndex))
    return xml.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
  }

  @Test func aUnitMissingFromTradusXLIFF2IsReported() throws {
    let document = try prepared()
    #expect(document.units.map(\.id) == ["p1", "p2", "p3", "p4"])
    let xml = try removingUnit("p2", from: XLIFFWriter(version: .v2_1, stamp: stamp).render(document))
    let read = try BilingualReader.xliff(try XLIFFReader.parse(Array(xml.utf8), name: "t.xlf"), name: "t.xlf")
    #expect(read.missing == ["p2"])
    let found = try findings(read, .missingSegment)
    #expect(found.map(\.segmentID) == ["p2"])
    #expect(found.first?.severity == .critical)
    #expect(found.first?.message.contains("has no unit p2") == true)
  }

  @Test func aSegmentMissingInTheMiddleIsReportedByItsId() throws {
    let document = try prepared()
    let xml = XLIFFWriter(version: .v2_1, stamp: stamp).render(document)
    let start = try #require(xml.range(of: "<segment id=\"p1.s2\""))
    let end = try #require(xml.range(of: "</segment>", range: start.upperBound..<xml.endIndex))
    let cut = xml.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
    let read = try BilingualReader.xliff(try XLIFFReader.parse(Array(cut.utf8), name: "t.xlf"), name: "t.xlf")
    #expect(read.missing == ["p1.s2"])
    #expect(try read.translatableSegments().map(\.id) == ["p1.s1", "p1.s3", "p2.s1", "p3.s1", "p3.s2"])
  }

  /// XLIFF 1.2 from a tool: the last segment of a paragraph gone from <seg-source> and <target>
  /// leaves no gap in the ids; the original article tells.
  @Test func theOriginalTellsASegmentMissingAtTheEndOfItsUnit() throws {
    let document = try prepared()
    let xml = XLIFFWriter(version: .v1_2, stamp: stamp).render(document)
      .replacingOccurrences(of: " <mrk mtype=\"seg\" mid=\"p3.s2\">Deficitul scade.</mrk>", with: "")
    let parsed = try XLIFFReader.parse(Array(xml.utf8), name: "t.xlf")
    #expect(try BilingualReader.xliff(parsed, name: "t.xlf").missing.isEmpty)
    let read = try BilingualReader.xliff(parsed, name: "t.xlf", original: document)
    #expect(read.missing == ["p3.s2"])
    #expect(try findings(read, .missingSegment).map(\.segmentID) == ["p3.s2"])
    // Nothing is missing from the file as prepared, nor from one translated a paragraph at a time.
    let whole = XLIFFWriter(version: .v1_2, stamp: stamp).render(document)
    #expect(try BilingualReader.xliff(try XLIFFReader.parse(Array(whole.utf8), name: "w.xlf"), name: "w.xlf", original: document).missing.isEmpty)
  }

  @Test func aTargetInAUnitNotForTranslationIsReported() throws {
    let document = try prepared()
    #expect(document.units.last?.isTranslatable == false)
    let xml = XLIFFWriter(version: .v2_1, stamp: stamp).render(document)
      .replacingOccurrences(of: "povești din toată lumea!</source>", with: "povești din toată lumea!</source><target>Follow Mediafax on Instagram!</target>")
    let read = try BilingualReader.xliff(try XLIFFReader.parse(Array(xml.utf8), name: "t.xlf"), name: "t.xlf")
    #expect(read.targetsNotForTranslation.map(\.id) == ["p4.s1"])
    let found = try findings(read, .targetNotForTranslation)
    #expect(found.map(\.found) == ["Follow Mediafax on Instagram!"])
    #expect(found.first?.severity == .major)
    // As prepared (XLIFF 1.2 seeds the target with the source), nothing is reported.
    let seeded = XLIFFWriter(version: .v1_2, stamp: stamp).render(document)
    #expect(try BilingualReader.xliff(try XLIFFReader.parse(Array(seeded.utf8), name: "s.xlf"), name: "s.xlf").targetsNotForTranslation.isEmpty)
    // --skip turns the rule off.
    #expect(try ConsistencyChecker(glossary: .default, skip: [.targetNotForTranslation]).check(read).findings.allSatisfy { $0.rule != .targetNotForTranslation })
  }

  @Test func aTargetInAJSONUnitNotForTranslationIsReported() throws {
    let json = """
      {"format": "tradu", "srcLang": "ro", "trgLang": "en", "units": [
        {"id": "p1", "segments": [{"id": "p1.s1", "source": "Votul are loc marți.", "target": "The vote is on Tuesday."}]},
        {"id": "p2", "translate": false, "segments": [{"id": "p2.s1", "source": "Urmărește Mediafax!", "target": "Follow Mediafax!"}]},
        {"id": "p3", "translate": false, "segments": [{"id": "p3.s1", "source": "Abonează-te!", "target": "Abonează-te!"}]}
      ]}
      """
    let read = try TraduJSONReader.parse(Array(json.utf8), name: "t.json")
    #expect(try read.translatableSegments().map(\.id) == ["p1.s1"])
    #expect(read.targetsNotForTranslation.map(\.id) == ["p2.s1"])
  }

  /// XLIFF 1.2 as `prepare` writes it for OmegaT: every target a copy of its source under
  /// state="needs-translation". Checked before anyone translates it, the seed article is
  /// untranslated, not full of English term errors found in the Romanian copies.
  @Test func aSeededXLIFF12IsUntranslatedNotWrong() throws {
    let seed = try Preparer(glossary: .default).prepare(bytes: Array(try seedArticle().utf8), name: "seed.txt")
    let xml = XLIFFWriter(version: .v1_2, stamp: stamp).render(seed)
    #expect(xml.contains("state=\"needs-translation\""))
    let read = try BilingualReader.xliff(try XLIFFReader.parse(Array(xml.utf8), name: "seed.xlf"), name: "seed.xlf")
    #expect(try !read.translatableSegments().isEmpty && read.translatableSegments().allSatisfy { $0.target == nil })
    let report = try ConsistencyChecker(glossary: .default).check(read)
    #expect(Set(report.findings.map(\.rule)) == [.untranslated])
    #expect(try report.findings.count == read.translatableSegments().count)

    // The same file once a translator has worked on one segment: that one is read as a
    // translation (and checked), the copies that are left stay untranslated.
    let first = try #require(read.translatableSegments().first)
    // OmegaT writes the translation into the marker and leaves the state as it was.
    let opening = "<target state=\"needs-translation\"><mrk mtype=\"seg\" mid=\"\(first.id ?? "")\">"
    let translated = xml.replacingOccurrences(
      of: opening + first.source + "</mrk>",
      with: opening + "WSJ: Musk has secretly kept in touch with Putin since late 2022.</mrk>")
    #expect(translated != xml)
    let again = try BilingualReader.xliff(try XLIFFReader.parse(Array(translated.utf8), name: "seed.xlf"), name: "seed.xlf")
    #expect(try again.translatableSegments().first?.target?.hasPrefix("WSJ: Musk has") == true)
    #expect(try again.translatableSegments().dropFirst().allSatisfy { $0.target == nil })
  }
}
