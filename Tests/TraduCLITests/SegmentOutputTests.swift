import Foundation
import Testing
import Tradu
@testable import TraduCLI

/// `tradu segment`'s text output, rendered in blocks on the cores, against the plain
/// definition of a line: the segment's id, a tab, its text, a line feed.
@Suite struct SegmentOutputTests {
  /// The seed article repeated until it has more paragraphs than three blocks hold, with
  /// sentence and paragraph numbers of one to four digits.
  func longDocument() throws -> PreparedDocument {
    let seed = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.ro.txt"),
                          encoding: .utf8)
    var text = ""
    while text.utf8.count < 800_000 { text += seed + "\n\n" }
    return try Preparer(normalization: .default).prepare(SourceDocument(name: "long.txt", text: text), fingerprint: "")
  }

  @Test func linesInBlocksAreTheSegmentsLines() throws {
    let prepared = try longDocument()
    #expect(prepared.units.count > 3 * 1_024)
    var expected = ""
    for unit in prepared.units {
      for segment in unit.segments { expected += "\(segment.id)\t\(segment.source)\n" }
    }
    var blocks: [[UInt8]] = []
    SegmentCommand.writeLines(prepared) { blocks.append($0) }
    #expect(blocks.count > 3)
    #expect(String(decoding: blocks.joined(), as: UTF8.self) == expected)
  }

  /// Ids of every width (up to the largest Int) and texts of every kind of character are
  /// written as the plain definition writes them.
  @Test func linesOfAnyNumbersAndTextsAreThePlainOnes() {
    let numbers = [1, 9, 10, 99, 100, 12_345, 1_000_000_007, Int.max]
    let texts = ["Da.", "Știri „noi” – 10 €…", "🚀 x", "a\tb", String(repeating: "lung ", count: 300)]
    var units: [PreparedUnit] = []
    var expected = ""
    for (i, paragraph) in numbers.enumerated() {
      var segments: [PreparedSegment] = []
      for (j, sentence) in [numbers[i], numbers[(i + 3) % numbers.count], numbers[(i + 5) % numbers.count]].enumerated() {
        let text = texts[(i + j) % texts.count]
        let span = TextSpan(utf16: 0..<1, codePoints: 0..<1, utf8: 0..<1)
        segments.append(PreparedSegment(paragraph: paragraph, sentence: sentence, source: text, range: 0..<1,
                                        original: span, spaceAfter: " "))
        expected += "p\(paragraph).s\(sentence)\t\(text)\n"
      }
      units.append(PreparedUnit(number: paragraph, isTranslatable: true, segments: segments))
    }
    #expect(String(decoding: SegmentCommand.lines(of: units[...]), as: UTF8.self) == expected)
    #expect(SegmentCommand.lines(of: units[2..<2]).isEmpty)
  }

  @Test func anEmptyDocumentHasNoLines() throws {
    let prepared = try Preparer().prepare(SourceDocument(name: "empty.txt", text: ""), fingerprint: "")
    var bytes: [UInt8] = []
    SegmentCommand.writeLines(prepared) { bytes += $0 }
    #expect(bytes.isEmpty)
  }

  /// The whole document as `JSONWriter` lays it out, the segments' objects in one piece by
  /// ``SegmentCommand/jsonObjectsByWriter(of:after:)`` (what `--format json` wrote before its
  /// objects were written through a pointer, in blocks).
  static func jsonByWriter(_ prepared: PreparedDocument, name: String) -> [UInt8] {
    var json = JSONWriter(style: .pretty)
    json.beginObject()
    json.field("document", name)
    json.field("offsetUnit", "codepoint")
    json.key("segments")
    json.beginArray()
    var bytes = json.take()
    bytes += SegmentCommand.jsonObjectsByWriter(of: prepared.units[...], after: 0)
    json.countValues(prepared.units.reduce(0) { $0 + $1.segments.count })
    json.endArray()
    json.endObject()
    return bytes + json.take()
  }

  @Test func jsonInBlocksIsTheWritersDocument() throws {
    let prepared = try longDocument()
    #expect(prepared.units.contains { !$0.isTranslatable })  // the site's notices, "translatable": false
    var json = JSONWriter(style: .pretty)
    var blocks: [[UInt8]] = []
    SegmentCommand.writeSegments(prepared, name: "știri/long.txt", into: &json) { blocks.append($0) }
    blocks.append(json.take())
    #expect(blocks.count > 3)
    #expect(Array(blocks.joined()) == Self.jsonByWriter(prepared, name: "știri/long.txt"))
  }

  /// Objects of segments with numbers of every width and texts that need every kind of escape,
  /// in units that are and are not for translation, first in the array and after others.
  @Test func jsonObjectsOfAnyNumbersAndTextsAreTheWritersBytes() {
    let numbers = [0, 1, 9, 10, 99, 100, 12_345, 1_000_000_007, Int.max]
    let texts = ["Da.", "Știri „noi” – 10 €…", "🚀 x", "a\tb", "El a spus: \"Nu!\" \\ apoi\n\u{1}\u{1F}\u{7F}",
                 String(repeating: "lung \"citat\" ", count: 30), "\u{2028}ș\r\n", ""]
    var units: [PreparedUnit] = []
    for (i, paragraph) in numbers.enumerated() {
      var segments: [PreparedSegment] = []
      for j in 0..<3 {
        let text = texts[(i + j) % texts.count]
        let start = numbers[(i + j) % numbers.count] / 2
        let span = TextSpan(utf16: 0..<1, codePoints: start..<(start + numbers[(i + 2 * j) % numbers.count] / 2),
                            utf8: 0..<1)
        segments.append(PreparedSegment(paragraph: paragraph, sentence: numbers[(i + 3 * j) % numbers.count],
                                        source: text, range: 0..<1, original: span, spaceAfter: " "))
      }
      units.append(PreparedUnit(number: paragraph, isTranslatable: i % 3 != 1, segments: segments))
    }
    for after in [0, 1, 7_000] {
      for range in [0..<units.count, 1..<2, 3..<7] {
        let written = SegmentCommand.jsonObjects(of: units[range], after: after)
        #expect(written == SegmentCommand.jsonObjectsByWriter(of: units[range], after: after), "\(range) after \(after)")
        #expect(!written.isEmpty)
      }
      #expect(SegmentCommand.jsonObjects(of: units[2..<2], after: after).isEmpty)
    }
  }
}
