import Testing
@testable import Tradu

/// The eight-at-a-time skip in ``RuleEngine`` never passes over a sentence-ending character.
@Suite struct TerminalScanTests {
  @Test func everyTerminalInEveryLaneIsSeen() {
    for terminal: UInt16 in [0x2E, 0x21, 0x3F, 0x2026] {
      for lane in 0..<4 {
        // Next to the largest units too, which must not carry into the terminal's lane.
        for neighbour: UInt16 in [0x20, 0x61, 0x0103, 0x0219, 0xFFC0, 0xFFFF] {
          var x: UInt64 = 0
          for k in 0..<4 { x |= UInt64(k == lane ? terminal : neighbour) << (16 * UInt64(k)) }
          #expect(RuleEngine.mayBeTerminal(x) != 0, "\(terminal) in lane \(lane) beside \(neighbour)")
        }
      }
    }
  }

  @Test func romanianLettersQuotesAndDashesAreSkipped() {
    let text = Array("Ştiinţa în „România” – şi ţara, aşa ÎÂĂȘȚ îâășț abcxyzABCXYZ".utf16)
    for start in stride(from: 0, to: text.count - 4, by: 4) where !text[start..<(start + 4)].contains(0x2C) {
      var x: UInt64 = 0
      for k in 0..<4 { x |= UInt64(text[start + k]) << (16 * UInt64(k)) }
      #expect(RuleEngine.mayBeTerminal(x) == 0, "\(String(decoding: text[start..<(start + 4)], as: UTF16.self))")
    }
  }

  /// The closer test finds a terminal exactly when one of the four units is one, beside the
  /// commas, digits, quotes and hyphens that pass the first test.
  @Test func closerTestFindsExactlyTheTerminals() {
    let units: [UInt16] = [0x2E, 0x21, 0x3F, 0x2026, 0x2C, 0x30, 0x39, 0x22, 0x2D, 0x3A, 0x3B, 0x28, 0x29, 0x27,
                           0x20, 0x61, 0x41, 0x0103, 0x0219, 0x201E, 0x201D, 0x2013, 0xAE, 0x10AE, 0x202E, 0xFFFF]
    var state: UInt64 = 5
    for _ in 0..<20_000 {
      var x: UInt64 = 0
      var lanes: [UInt16] = []
      for k in 0..<4 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let u = units[Int(state >> 33) % units.count]
        lanes.append(u)
        x |= UInt64(u) << (16 * UInt64(k))
      }
      let expected = lanes.contains { [0x2E, 0x21, 0x3F, 0x2026].contains($0) }
      #expect(RuleEngine.hasTerminal(x) == expected, "\(lanes)")
      if expected { #expect(RuleEngine.mayBeTerminal(x) != 0, "\(lanes)") }
    }
  }

  /// Sentences whose ends fall at every offset of the eight-unit blocks are cut the same.
  @Test func endsAtEveryOffsetAreFound() throws {
    for pad in 0..<9 {
      let text = String(repeating: "ș", count: pad) + "Capitolul 1. 2024, „a fost” un an bun… Așa e! 3 mere? Da."
      let segments = try Segmenter().segment(text).segments.map(\.text)
      #expect(segments.count == 5, "\(pad): \(segments)")
    }
  }
}
