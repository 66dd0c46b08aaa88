import Foundation
import Testing
@testable import Tradu

/// What merge makes of the files tools send back: XLIFF 2 written by another tool, Tradu JSON
/// with targets filled, targets in units that are not for translation.
struct ForeignFilesMergeTests {
  let stamp = ExportStamp(toolVersion: "test", date: nil)
  let text = "Guvernul a anunțat măsuri noi. Opoziția le critică.\n\nVotul are loc marți.\n\nUrmărește Mediafax pe Instagram ca să vezi imagini spectaculoase și povești din toată lumea!\n"

  private func prepared() throws -> PreparedDocument {
    try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "stire.txt")
  }

  /// XLIFF 2 as another tool writes it: units, segments without ids, no <ignorable>.
  let foreign = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ro" trgLang="en">
      <file id="f">
        <unit id="p1">
          <segment><source>Guvernul a anunțat măsuri noi.</source><target>The government announced new measures.</target></segment>
          <segment><source>Opoziția le critică.</source><target>The opposition criticises them.</target></segment>
        </unit>
        <unit id="p2">
          <segment><source>Votul are loc marți.</source><target>The vote is on Tuesday.</target></segment>
        </unit>
      </file>
    </xliff>
    """

  @Test func foreignXLIFF2WithoutIgnorablesNeedsTheOriginalInsteadOfGluingSentences() throws {
    let read = try XLIFFReader.parse(Array(foreign.utf8), name: "f.xlf")
    #expect {
      try ArticleMerger().merge(read, name: "f.xlf")
    } throws: { error in
      let message = "\(error)"
      return message.hasPrefix("f.xlf:6: unit p1: nothing between segments") && message.contains("--original")
    }
  }

  @Test func foreignXLIFF2SegmentsWithoutIdsMergeAlongTheOriginal() throws {
    let read = try XLIFFReader.parse(Array(foreign.utf8), name: "f.xlf")
    #expect(read.units[0].segments.allSatisfy { $0.id == nil })
    let merged = try ArticleMerger().merge(read, name: "f.xlf", original: try prepared())
    // p3 (a follow-us line) is not in the file: it is not for translation and keeps its text.
    #expect(merged.text == "The government announced new measures. The opposition criticises them.\n\nThe vote is on Tuesday.\n\nUrmărește Mediafax pe Instagram ca să vezi imagini spectaculoase și povești din toată lumea!\n")
  }

  @Test func tradusXLIFF2WhoseIgnorablesATookDroppedIsRefused() throws {
    let xml = XLIFFWriter(version: .v2_1, stamp: stamp).render(try prepared())
    let stripped = xml.replacingOccurrences(of: #"(?s)<ignorable>.*?</ignorable>"#, with: "", options: .regularExpression)
    #expect(stripped != xml)
    #expect {
      try ArticleMerger().merge(try XLIFFReader.parse(Array(stripped.utf8), name: "s.xlf"), name: "s.xlf")
    } throws: { "\($0)".contains("merge with --original") }
    let along = try ArticleMerger().merge(try XLIFFReader.parse(Array(stripped.utf8), name: "s.xlf"), name: "s.xlf", original: try prepared())
    #expect(along.text == text)
  }

  @Test func traduJSONWithTargetsFilledMergesBack() throws {
    let document = try prepared()
    var root = try #require(try JSONSerialization.jsonObject(with: Data(JSONExporter(stamp: stamp).renderUTF8(document))) as? [String: Any])
    var units = try #require(root["units"] as? [[String: Any]])
    let english = ["p1.s1": "The government announced new measures.", "p1.s2": "The opposition criticises them.",
                   "p2.s1": "The vote is on Tuesday."]
    for u in units.indices {
      var segments = try #require(units[u]["segments"] as? [[String: Any]])
      for s in segments.indices {
        if let target = english[segments[s]["id"] as? String ?? ""] { segments[s]["target"] = target }
      }
      units[u]["segments"] = segments
    }
    root["units"] = units
    let bytes = Array(try JSONSerialization.data(withJSONObject: root))
    let read = try TraduJSONReader.parse(bytes, name: "t.json")
    let merged = try ArticleMerger().merge(read, name: "t.json")
    #expect(merged.text == "The government announced new measures. The opposition criticises them.\n\nThe vote is on Tuesday.\n\nUrmărește Mediafax pe Instagram ca să vezi imagini spectaculoase și povești din toată lumea!\n")
    #expect(merged.untranslated.isEmpty)
    // Merged along the article too, and the fingerprint is checked.
    #expect(try ArticleMerger().merge(read, name: "t.json", original: document).text == merged.text)
    let other = try Preparer(normalization: nil).prepare(bytes: Array("Alt text.\n".utf8), name: "alt.txt")
    #expect { try ArticleMerger().merge(read, name: "t.json", original: other) } throws: { "\($0)".contains("prepared from another article") }
    #expect { try TraduJSONReader.parse(Array("{\"units\": []}".utf8), name: "x.json") } throws: { "\($0)".contains("not a Tradu JSON file") }
  }

  @Test func aTargetInAUnitNotForTranslationIsReportedAndLeftOut() throws {
    let document = try prepared()
    #expect(document.units.last?.isTranslatable == false)
    let xml = XLIFFWriter(version: .v2_1, stamp: stamp).render(document)
      .replacingOccurrences(of: "povești din toată lumea!</source>", with: "povești din toată lumea!</source><target>Follow Mediafax on Instagram!</target>")
    let merged = try ArticleMerger().merge(try XLIFFReader.parse(Array(xml.utf8), name: "n.xlf"), name: "n.xlf")
    #expect(merged.droppedTargets == ["p3.s1"])
    #expect(merged.text.hasSuffix("din toată lumea!\n"))
  }
}
