import Testing
@testable import Tradu

/// The sentence-mark scan in ``RuleEngine`` (eight units a step, see `TextScan`) at every
/// offset of a step.
@Suite struct TerminalScanTests {
  /// Sentences whose ends fall at every offset of the eight-unit blocks are cut the same.
  @Test func endsAtEveryOffsetAreFound() throws {
    for pad in 0..<9 {
      let text = String(repeating: "ș", count: pad) + "Capitolul 1. 2024, „a fost” un an bun… Așa e! 3 mere? Da."
      let segments = try Segmenter().segment(text).segments.map(\.text)
      #expect(segments.count == 5, "\(pad): \(segments)")
    }
  }
}
