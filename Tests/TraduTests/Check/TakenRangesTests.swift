import Testing
@testable import Tradu

/// `TakenRanges` answers what a scan of every range answers (it replaced such scans, which made
/// `check` quadratic in the mentions of a name: 100,000 mentions took minutes).
@Suite struct TakenRangesTests {
  /// A small deterministic generator, so a failure can be replayed.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
  func overlapsAsAScanDoes(_ seed: UInt64) {
    var random = Generator(state: seed)
    let ranges = (0..<random.next(40)).map { _ -> Range<Int> in
      let start = random.next(200)
      return start..<(start + random.next(12))  // some empty, some overlapping
    }
    let taken = TakenRanges(ranges)
    for start in -2..<205 {
      for length in 0..<6 {
        let probe = start..<(start + length)
        #expect(taken.overlaps(probe) == ranges.contains { $0.overlaps(probe) }, "\(probe) in \(ranges)")
      }
      #expect(taken.contains(start) == ranges.contains { $0.contains(start) }, "\(start) in \(ranges)")
    }
  }

  @Test func noRangesTakeNothing() {
    #expect(!TakenRanges([]).overlaps(0..<10))
    #expect(!TakenRanges([3..<3]).contains(3))
  }

  /// A source that names the Kremlin thousands of times, with capitalized adjectives between:
  /// the names found beside the matcher's are those of each sentence alone, repeated.
  @Test func manyMentionsFindWhatOneSentenceFinds() throws {
    let glossary = CheckGlossary(glossary: .default)
    let sentence = "Kremlinul a negat, a spus purtătorul din America Centrală. "
    let one = try glossary.sourceTerms(in: sentence)
    let many = try glossary.sourceTerms(in: String(repeating: sentence, count: 3000))
    #expect(!one.isEmpty)
    #expect(many.count == one.count * 3000)
    let length = sentence.utf16.count
    for (i, match) in many.enumerated() {
      let first = one[i % one.count]
      #expect(match.entryID == first.entryID && match.range == first.range.lowerBound + length * (i / one.count)..<first.range.upperBound + length * (i / one.count))
      if match.entryID != first.entryID { break }
    }
  }
}
