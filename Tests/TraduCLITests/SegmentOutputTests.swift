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

  @Test func anEmptyDocumentHasNoLines() throws {
    let prepared = try Preparer().prepare(SourceDocument(name: "empty.txt", text: ""), fingerprint: "")
    var bytes: [UInt8] = []
    SegmentCommand.writeLines(prepared) { bytes += $0 }
    #expect(bytes.isEmpty)
  }
}
