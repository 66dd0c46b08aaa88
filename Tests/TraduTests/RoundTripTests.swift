import Foundation
import Testing
@testable import Tradu

/// Texts that break naive exporters: line-ending mixes, controls, markup, emoji, huge and
/// empty inputs.
enum HostileTexts {
  static let all: [(name: String, text: String)] = [
    ("crlf", "Titlu de test\r\n\r\nPrimul paragraf are două propoziții. A doua e aici.\r\nAutor: Ion Pop\r\n"),
    ("tabs", "\tAlineat cu tab.\tȘi încă unul după tab.\n\n\t\tIndentat dublu.\n"),
    ("controls", "Text cu \u{01}control\u{07} și \u{1B}[31m escape.\n\nForm\u{0C}feed și \u{FFFE}\u{FFFF} necaractere.\u{0B}\n"),
    ("markup", "Q&A: <b>bold</b> & \"ghilimele\" și 'apostrof' ]]> final.\n\nCDATA <![CDATA[x]]> și &amp; literal.\n"),
    ("emoji", "Musk 🚀 a scris pe X 👀. Putin 🇷🇺 a răspuns.\n\nFamilie: 👨‍👩‍👧 și 🏳️‍🌈.\n"),
    ("cr-only", "Linie unu.\rLinie doi.\r\rParagraf nou.\r"),
    ("no-final-newline", "Doar o propoziție fără final"),
    ("leading-blank", "\n\n   \nDupă rânduri goale.\n\n\n"),
    ("unicode-spaces", "Preț:\u{00A0}100\u{202F}lei.\u{2028}Rând\u{2029}nou.\u{200B}\n"),
    ("empty", ""),
    ("blank", " \n\t\r\n "),
    ("one-mb-paragraph", String(repeating: "Aceasta este o propoziție lungă & repetată <fără> sfârșit ", count: 17_000) + "."),
  ]
}

/// A prepared document with every target set to its source: what a translator who changed
/// nothing would send back.
func copySourceToTarget(_ document: PreparedDocument) -> PreparedDocument {
  var copy = document
  for u in copy.units.indices {
    for s in copy.units[u].segments.indices {
      copy.units[u].segments[s].target = copy.units[u].segments[s].source
      copy.units[u].segments[s].state = .translated
    }
  }
  return copy
}

@Suite struct RoundTripTests {
  let stamp = ExportStamp(toolVersion: "test")

  private func roundTrip(_ text: String, version: XLIFFVersion, bom: Bool = false) throws -> (MergedArticle, PreparedDocument) {
    let bytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    let prepared = try Preparer(normalization: nil).prepare(bytes: bytes, name: "articol.txt")
    let xml = XLIFFWriter(version: version, stamp: stamp).render(copySourceToTarget(prepared))
    let read = try XLIFFReader.parse(Array(xml.utf8), name: "articol.xlf")
    let merged = try ArticleMerger(strict: true).merge(read, name: "articol.xlf")
    return (merged, prepared)
  }

  @Test(arguments: [XLIFFVersion.v2_0, .v2_1, .v2_2])
  func hostileTextsSurviveXLIFF2(version: XLIFFVersion) throws {
    for (name, text) in HostileTexts.all {
      let (merged, prepared) = try roundTrip(text, version: version)
      #expect(prepared.reassembled() == text, "\(name): model")
      #expect(merged.text.unicodeScalars.elementsEqual(text.unicodeScalars), "\(name): merged")
      #expect(merged.untranslated.isEmpty, "\(name)")
    }
  }

  @Test func theSeedArticleSurvivesByteForByteWithItsByteOrderMark() throws {
    let seed = try seedArticle()
    let (merged, _) = try roundTrip(seed, version: .v2_1, bom: true)
    #expect(merged.byteOrderMark)
    let bytes = [0xEF, 0xBB, 0xBF] + Array(merged.text.utf8)
    #expect(Preparer.fingerprint(of: bytes) == Preparer.fingerprint(of: [0xEF, 0xBB, 0xBF] + Array(seed.utf8)))
  }

  @Test func xliff12MergesAlongTheOriginal() throws {
    for (name, text) in HostileTexts.all where name != "controls" {
      let prepared = try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "articol.txt")
      let xml = XLIFFWriter(version: .v1_2, stamp: stamp).render(copySourceToTarget(prepared))
      let read = try XLIFFReader.parse(Array(xml.utf8), name: "articol.xlf")
      #expect(throws: TraduError.self) { try ArticleMerger().merge(read, name: "articol.xlf") }
      let merged = try ArticleMerger(strict: true).merge(read, name: "articol.xlf", original: prepared)
      #expect(merged.text.unicodeScalars.elementsEqual(text.unicodeScalars), "\(name)")
    }
  }

  @Test func forbiddenCharactersBecomeCodePointElementsInXLIFF2AndReplacementsIn12() throws {
    let text = "Semnal\u{07} și \u{FFFF} aici."
    let prepared = try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "a.txt")
    let xliff2 = XLIFFWriter(version: .v2_1, stamp: stamp).render(prepared)
    #expect(xliff2.contains("Semnal<cp hex=\"0007\"/> și <cp hex=\"FFFF\"/> aici."))
    let xliff12 = XLIFFWriter(version: .v1_2, stamp: stamp).render(prepared)
    #expect(xliff12.contains("Semnal\u{FFFD} și \u{FFFD} aici."))
    #expect(xliff12.contains("(U+0007, U+FFFF) written as U+FFFD"))
    #expect(!xliff12.unicodeScalars.contains { $0.value < 0x09 || $0.value == 0xFFFF })
  }

  @Test func untranslatedSegmentsFallBackOrFailWhenStrict() throws {
    let text = "Ana are mere. Ion are pere.\n\nMaria nu are nimic.\n"
    let prepared = try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "a.txt")
    var partly = prepared
    partly.units[0].segments[0].target = "Ana has apples."
    let xml = XLIFFWriter(version: .v2_1, stamp: stamp).render(partly)
    let read = try XLIFFReader.parse(Array(xml.utf8), name: "a.xlf")
    let merged = try ArticleMerger().merge(read, name: "a.xlf")
    #expect(merged.text == "Ana has apples. Ion are pere.\n\nMaria nu are nimic.\n")
    #expect(merged.untranslated == ["p1.s2", "p2.s1"])
    #expect(throws: TraduError.self) { try ArticleMerger(strict: true).merge(read, name: "a.xlf") }
  }

  @Test func aMissingUnitOrAnotherArticleIsAnError() throws {
    let text = "Primul paragraf.\n\nAl doilea paragraf.\n\nAl treilea.\n"
    let prepared = try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "a.txt")
    var xml = XLIFFWriter(version: .v2_1, stamp: stamp).render(copySourceToTarget(prepared))
    let start = try #require(xml.range(of: "<unit id=\"p2\">"))
    let end = try #require(xml.range(of: "</unit>", range: start.upperBound..<xml.endIndex))
    xml.removeSubrange(start.lowerBound..<end.upperBound)
    let read = try XLIFFReader.parse(Array(xml.utf8), name: "a.xlf")
    let missing = errorMessage { try ArticleMerger().merge(read, name: "a.xlf") }
    #expect(missing?.contains("unit p2 is missing") == true, "\(missing ?? "no error")")
    let other = try Preparer(normalization: nil).prepare(bytes: Array("Alt text.\n".utf8), name: "b.txt")
    let mismatch = errorMessage { try ArticleMerger().merge(read, name: "a.xlf", original: other) }
    #expect(mismatch?.contains("another article") == true, "\(mismatch ?? "no error")")
  }

  @Test func theNormalizedSeedComesBackAsTheNormalizerWroteIt() throws {
    let seed = try seedArticle()
    let prepared = try Preparer().prepare(bytes: Array(seed.utf8), name: "seed.txt")
    let normalized = try TextNormalizer().normalize(seed)
    #expect(normalized.text != seed)
    #expect(prepared.isNormalized)
    #expect(prepared.reassembled() == normalized.text)
    for version in [XLIFFVersion.v2_1, .v1_2] {
      let xml = XLIFFWriter(version: version, stamp: stamp).render(copySourceToTarget(prepared))
      let read = try XLIFFReader.parse(Array(xml.utf8), name: "seed.xlf")
      let merged = try ArticleMerger(strict: true).merge(read, name: "seed.xlf", original: version == .v1_2 ? prepared : nil)
      #expect(merged.text == normalized.text, "\(version)")
      #expect(!merged.byteOrderMark)
    }
    // Each segment's original span holds the file's own characters, which normalize to it.
    let original = Array(seed.utf16)
    for segment in prepared.segments {
      let cut = String(decoding: original[segment.original.utf16], as: UTF16.self)
      #expect(try TextNormalizer().normalize(cut).text == segment.source)
    }
    // The site's notices are kept but not for translation; the e-mail artefact is a note.
    #expect(prepared.units.suffix(4).allSatisfy { !$0.isTranslatable })
    #expect(prepared.units.prefix(10).allSatisfy { $0.isTranslatable })
    let flagged = prepared.segments.filter { !$0.notes.isEmpty }
    #expect(flagged.map(\.id) == ["p14.s3"])
    #expect(flagged.first?.notes.first?.category == "protected-email")
    #expect(prepared.notes.contains { $0.category == "normalization" && $0.text.contains("cedilla") })
  }

  @Test func mergeAlongAnOriginalPreparedOtherwiseIsAnError() throws {
    let text = "Preşedintele a vorbit. Ţara ascultă.\n"
    let normalized = try Preparer().prepare(bytes: Array(text.utf8), name: "a.txt")
    let raw = try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "a.txt")
    let xml = XLIFFWriter(version: .v1_2, stamp: stamp).render(normalized)
    let read = try XLIFFReader.parse(Array(xml.utf8), name: "a.xlf")
    #expect(read.files[0].metadata["normalized"] == "yes")
    #expect(TraduFileFacts.normalization(from: read.files[0].metadata) == NormalizationOptions.default)
    let message = errorMessage { try ArticleMerger().merge(read, name: "a.xlf", original: raw) }
    #expect(message?.contains("source differs") == true, "\(message ?? "no error")")
  }

  @Test func eachFlagLandsOnItsOwnSegment() throws {
    let text = "Scrieți la [email protected] azi.\n\nAl doilea paragraf. Contact: [email protected]\n"
    let prepared = try Preparer().prepare(bytes: Array(text.utf8), name: "a.txt")
    let flagged = prepared.segments.filter { !$0.notes.isEmpty }.map(\.id)
    #expect(flagged == ["p1.s1", "p2.s2"])
  }

  /// translate-toolkit and many web tools ignore <seg-source> and translate a 1.2 trans-unit
  /// as a whole: its target has no segment markers.
  @Test func wholeParagraphTranslationsOfXLIFF12Merge() throws {
    let text = "Ana are mere. Ion are pere.\n\nMaria citește.\n"
    let prepared = try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "a.txt")
    var xml = XLIFFWriter(version: .v1_2, stamp: stamp).render(prepared)
    let start = try #require(xml.range(of: "<target state=\"needs-translation\">"))
    let end = try #require(xml.range(of: "</target>", range: start.upperBound..<xml.endIndex))
    xml.replaceSubrange(start.lowerBound..<end.upperBound,
                        with: "<target state=\"translated\">Ana has apples. Ion has pears.</target>")
    let read = try XLIFFReader.parse(Array(xml.utf8), name: "a.xlf")
    #expect(read.units[0].segments.map(\.id) == ["p1"])
    #expect(read.units[1].segments.map(\.id) == ["p2.s1"])
    let merged = try ArticleMerger().merge(read, name: "a.xlf", original: prepared)
    #expect(merged.text == "Ana has apples. Ion has pears.\n\nMaria citește.\n")
    #expect(merged.untranslated.isEmpty && merged.sameAsSource == ["p2.s1"])  // its target holds its source
    // translate-toolkit writes its text before the empty markers it leaves in place.
    let kept = xml.replacingOccurrences(
      of: "<target state=\"translated\">Ana has apples. Ion has pears.</target>",
      with: "<target state=\"translated\">Ana has apples. Ion has pears.<mrk mtype=\"seg\" mid=\"p1.s1\"/>\t<mrk mtype=\"seg\" mid=\"p1.s2\"/></target>")
    #expect(kept != xml)
    let again = try ArticleMerger().merge(try XLIFFReader.parse(Array(kept.utf8), name: "a.xlf"), name: "a.xlf", original: prepared)
    #expect(again.text == merged.text)
  }

  /// Tradu seeds 1.2 targets with copies of the source segments (for OmegaT); translate-toolkit
  /// (and the web tools built on it) sets the unit's target text and keeps those markers after it.
  @Test func translationWrittenBesideSeededMarkersIsTheUnitsTranslation() throws {
    let text = "Ana are mere. Ion are pere.\n\nMaria citește.\n"
    let prepared = try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "a.txt")
    let xml = XLIFFWriter(version: .v1_2, stamp: stamp).render(prepared)
    let targetStart = try #require(xml.range(of: "<target"))
    let contentStart = try #require(xml.range(of: ">", range: targetStart.upperBound..<xml.endIndex))
    #expect(xml[contentStart.upperBound...].hasPrefix("<mrk mtype=\"seg\" mid=\"p1.s1\">Ana are mere.</mrk>"),
            "the writer seeds the target with the source")
    var written = xml
    written.insert(contentsOf: "Ana has apples. Ion has pears.", at: contentStart.upperBound)
    let merged = try ArticleMerger().merge(try XLIFFReader.parse(Array(written.utf8), name: "a.xlf"),
                                           name: "a.xlf", original: prepared)
    #expect(merged.text == "Ana has apples. Ion has pears.\n\nMaria citește.\n")

    // A marker the translator changed is a segment translation: the text beside it is not taken.
    var edited = written
    let inTarget = try #require(edited.range(of: "pears.<mrk mtype=\"seg\" mid=\"p1.s1\">Ana are mere.</mrk>"))
    edited.replaceSubrange(inTarget, with: "pears.<mrk mtype=\"seg\" mid=\"p1.s1\">Ana has apples.</mrk>")
    let read = try XLIFFReader.parse(Array(edited.utf8), name: "a.xlf")
    #expect(read.units[0].segments.map(\.id) == ["p1.s1", "p1.s2"])
    #expect(read.units[0].segments.first?.target == "Ana has apples.")
  }
}
