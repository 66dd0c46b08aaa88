import Foundation
import Testing
@testable import Tradu

/// Long documents are rendered in two halves side by side, and the escaper skips plain bytes
/// quickly: the output must be exactly what the plain way gives.
@Suite struct ExportHalvesTests {
  let stamp = ExportStamp(toolVersion: "9.9.9", date: "2026-11-25T12:00:00Z")

  /// The seed article three times, then every hostile text (controls, CR, markup, emoji…), with
  /// the built-in glossary's terms, normalization notes and targets on every other segment.
  func longDocument() throws -> PreparedDocument {
    let seed = try seedArticle()
    let text = [seed, seed, seed].joined(separator: "\n\n") + "\n\n"
      + HostileTexts.all.filter { $0.name != "one-mb-paragraph" }.map(\.text).joined(separator: "\n\n")
    var document = try Preparer(glossary: .default).prepare(bytes: Array(text.utf8), name: "lung.ro.txt")
    for u in document.units.indices where u % 2 == 0 {
      for s in document.units[u].segments.indices {
        document.units[u].segments[s].target = "Tradus: " + document.units[u].segments[s].source
      }
    }
    return document
  }

  @Test func halvesGiveTheSameTextInEveryFormat() throws {
    let document = try longDocument()
    #expect(document.units.count > 40)
    #expect(document.segments.contains { !$0.glossaryMatches.isEmpty })
    #expect(document.segments.contains { !$0.notes.isEmpty })
    for version in XLIFFVersion.allCases {
      var whole = XLIFFWriter(version: version, stamp: stamp)
      whole.minimumUnitsToSplit = .max
      var halves = whole
      halves.minimumUnitsToSplit = 1
      #expect(halves.render(document) == whole.render(document), "\(version)")
      #expect(whole.render(document).hasSuffix("</file>\n</xliff>\n"))
    }
    var json = JSONExporter(stamp: stamp, offsetUnit: .utf8)
    json.minimumUnitsToSplit = .max
    var jsonHalves = json
    jsonHalves.minimumUnitsToSplit = 1
    #expect(jsonHalves.render(document) == json.render(document))
    #expect(jsonHalves.renderLines(document) == json.renderLines(document))
    #expect(json.renderLines(document).split(separator: "\n").count == document.units.count)
    var tmx = TMXWriter(stamp: stamp)
    tmx.minimumUnitsToSplit = .max
    var tmxHalves = tmx
    tmxHalves.minimumUnitsToSplit = 1
    #expect(tmxHalves.render(document) == tmx.render(document))
  }

  /// What a block renderer hands over, joined, and how many blocks it handed.
  func joinedBlocks(_ render: (([UInt8]) throws -> Void) throws -> Void) rethrows -> (bytes: [UInt8], blocks: Int) {
    var bytes: [UInt8] = []
    var blocks = 0
    try render {
      bytes += $0
      blocks += 1
    }
    return (bytes, blocks)
  }

  @Test(arguments: [1, 2, 7, 2048])
  func blocksGiveTheSameBytesInEveryFormat(unitsPerBlock: Int) throws {
    for document in [try longDocument(), try Preparer().prepare(bytes: Array(" \n".utf8), name: "gol.txt")] {
      let units = document.units.count
      // The head, each block, the tail.
      let expectedBlocks = 2 + (units + unitsPerBlock - 1) / unitsPerBlock
      for version in XLIFFVersion.allCases {
        var writer = XLIFFWriter(version: version, stamp: stamp)
        writer.unitsPerBlock = unitsPerBlock
        let blocks = try joinedBlocks { try writer.renderUTF8(document, inBlocksTo: $0) }
        #expect(blocks.bytes == writer.renderUTF8(document), "\(version)")
        #expect(blocks.blocks == expectedBlocks)
      }
      var json = JSONExporter(stamp: stamp, offsetUnit: .utf16)
      json.unitsPerBlock = unitsPerBlock
      #expect(try joinedBlocks { try json.renderUTF8(document, inBlocksTo: $0) }.bytes == json.renderUTF8(document))
      #expect(try joinedBlocks { try json.renderLinesUTF8(document, inBlocksTo: $0) }.bytes == json.renderLinesUTF8(document))
      var tmx = TMXWriter(stamp: stamp)
      tmx.unitsPerBlock = unitsPerBlock
      #expect(try joinedBlocks { try tmx.renderUTF8(document, inBlocksTo: $0) }.bytes == tmx.renderUTF8(document))
    }
  }

  @Test func aFailedBlockWriteLeavesTheOldFileAndNoTemporaryFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-blocks-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("articol.xlf").path
    try OutputFile(path).write(Array("vechi".utf8))
    struct Interrupted: Error {}
    let document = try longDocument()
    var writer = XLIFFWriter(version: .v2_1, stamp: stamp)
    writer.unitsPerBlock = 3
    var handed = 0
    #expect(throws: Interrupted.self) {
      try OutputFile(path).write { write in
        try writer.renderUTF8(document) { block in
          handed += 1
          if handed == 4 { throw Interrupted() }
          try write(block)
        }
      }
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "vechi")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["articol.xlf"])
    try OutputFile(path).write { write in try writer.renderUTF8(document, inBlocksTo: write) }
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == writer.renderUTF8(document))
  }

  @Test func anEmptyDocumentStillHasItsPlaceholderUnit() throws {
    let document = try Preparer().prepare(bytes: Array(" \n".utf8), name: "gol.txt")
    var writer = XLIFFWriter(version: .v2_1, stamp: stamp)
    writer.minimumUnitsToSplit = 1
    let xml = writer.render(document)
    #expect(xml.contains("<unit id=\"p0\" translate=\"no\"><ignorable><source> \n</source></ignorable>"))
    #expect(xml.hasSuffix("</unit>\n</file>\n</xliff>\n"))
  }

  @Test func escapingMatchesTheReferenceOnHostileTexts() {
    let samples = HostileTexts.all.map(\.text) + [
      "\u{EF}\u{FEFF}\u{FFFD}\u{FFFE}x\u{FFFF}", "Știri: „citat” — 5 < 6 > 4 & \"da\"\r\n",
      String(repeating: "abcdefgh", count: 9) + "&",
    ] + (0..<17).map { String(repeating: "aă", count: $0) + "<\u{1}" + String(repeating: "b", count: 16 - $0) + "\u{FFFF}\"" }
    for text in samples {
      for policy in [ForbiddenCharacterPolicy.codePointElement, .replacementCharacter] {
        var out = XMLOutput()
        out.text(text, forbidden: policy)
        #expect(out.string == ExactRenderingTests.referenceEscape(text, inAttribute: false, policy: policy))
        let forbidden = text.unicodeScalars.filter {
          ($0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value)) || $0.value == 0xFFFE || $0.value == 0xFFFF
        }
        #expect(out.replaced == Array(forbidden))
      }
    }
    var attribute = XMLOutput()
    attribute.attribute("a\tb\nc\r\"")
    #expect(attribute.string == "a&#9;b&#10;c&#13;&quot;")
  }

  @Test func jsonTermOffsetsCountEveryUnit() throws {
    // The emoji before the term is two UTF-16 units, one code point, four UTF-8 bytes.
    let text = "Azi 🚀 la Kremlin și Kiev.\n"
    let preparer = Preparer(normalization: nil, glossaryMatching: fixedTermMatcher([("Kremlin", kremlin), ("Kiev", kyiv)]))
    let document = try preparer.prepare(bytes: Array(text.utf8), name: "a.txt")
    for (unit, expected) in [(OffsetUnit.utf16, [(10, 17), (21, 25)]), (.codepoint, [(9, 16), (20, 24)]),
                             (.utf8, [(12, 19), (24, 28)])] {
      let json = JSONExporter(stamp: stamp, offsetUnit: unit).render(document)
      for (start, end) in expected {
        #expect(json.contains("\"start\": \(start), \"end\": \(end), \"kind\""), "\(unit) \(start)")
      }
    }
  }
}
