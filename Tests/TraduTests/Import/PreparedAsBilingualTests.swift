import Foundation
import Testing
@testable import Tradu

/// A prepared article is a bilingual document: ``BilingualDocument/init(prepared:)`` gives what
/// reading the article's XLIFF 2 or Tradu JSON back gives.
@Suite struct PreparedAsBilingualTests {
  let stamp = ExportStamp(toolVersion: "test", date: nil)

  /// `document` without what only a file has: its name and version, line numbers, notes (the
  /// writers put glossary and normalizer notes there), the tool's stamp.
  static func comparable(_ document: BilingualDocument, keepingMetadata keys: Set<String>? = nil,
                         keepingStateValues: Bool = true) -> BilingualDocument {
    var d = document
    d.name = ""
    d.xliffVersion = nil
    d.files = d.files.map { file in
      var f = file
      f.notes = []
      f.metadata = f.metadata.filter { key, _ in key != "toolVersion" && key != "date" && (keys?.contains(key) ?? true) }
      f.units = f.units.map { unit in
        var u = unit
        u.notes = []
        u.line = nil
        u.parts = u.parts.map { part in
          guard case .segment(var s) = part else { return part }
          s.line = nil
          if !keepingStateValues { s.stateValue = nil }
          return .segment(s)
        }
        return u
      }
      return f
    }
    return d
  }

  func prepared(_ text: String, name: String, format: InputFormat = .text) throws -> PreparedDocument {
    try MarkupPreparer(preparer: Preparer(glossary: .default)).prepare(bytes: Array(text.utf8), name: name, format: format)
  }

  /// A translator's targets, XML's special characters included.
  func translated(_ document: PreparedDocument) -> PreparedDocument {
    var d = document
    for u in d.units.indices where d.units[u].isTranslatable {
      for s in d.units[u].segments.indices where s % 2 == 0 {
        d.units[u].segments[s].target = "EN <\(d.units[u].segments[s].id)> & \"more\""
        d.units[u].segments[s].state = .translated
      }
    }
    return d
  }

  @Test(arguments: ["Samples/mediafax-musk-putin.ro.txt", "Samples/hard-cases.ro.txt", "Samples/mediafax-musk-putin.ro.html"])
  func xliff2ReadBackIsThePreparedDocument(path: String) throws {
    let format = InputFormat.implied(byPath: path)
    for document in [try prepared(try repositoryText(path), name: "a", format: format)].flatMap({ [$0, translated($0)] }) {
      let read = try XLIFFReader.parse(Array(XLIFFWriter(version: .v2_1, stamp: stamp).render(document).utf8), name: "a.xlf")
      let direct = BilingualDocument(prepared: document)
      #expect(Self.comparable(read) == Self.comparable(direct))
      #expect(try read.translatableSegments().map(\.id) == direct.translatableSegments().map(\.id))
      #expect(!direct.units.isEmpty && direct.files[0].fingerprint == document.fingerprint)
    }
  }

  @Test func traduJSONReadBackIsThePreparedDocument() throws {
    let document = translated(try prepared("\n  Kremlinul a negat. Kievul a tăcut.\n\nUrmărește-ne pe Facebook!\n", name: "b.txt"))
    let read = try TraduJSONReader.parse(Array(JSONExporter(stamp: stamp).render(document).utf8), name: "b.json")
    // The facts Tradu JSON carries (it does not name the normalization rules).
    let keys: Set<String> = ["fingerprint", "normalized", "byteOrderMark", "units"]
    #expect(Self.comparable(read, keepingMetadata: keys, keepingStateValues: false)
              == Self.comparable(BilingualDocument(prepared: document), keepingMetadata: keys, keepingStateValues: false))
  }

  @Test func aBlankArticleIsOneUnitNotForTranslation() throws {
    let document = try prepared("\n \n", name: "c.txt")
    let direct = BilingualDocument(prepared: document)
    #expect(direct.units.map(\.id) == ["p0"] && direct.units[0].isTranslatable == false)
    let read = try XLIFFReader.parse(Array(XLIFFWriter(version: .v2_1, stamp: stamp).render(document).utf8), name: "c.xlf")
    #expect(Self.comparable(read) == Self.comparable(direct))
  }
}
