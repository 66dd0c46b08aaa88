import Foundation
import Testing
@testable import Tradu

/// `EnglishTermMatcher.joins` tells a gap that keeps two words one name without a substring
/// search; it must agree with the search (Foundation's `contains(". ")`) on every short gap.
@Suite struct NameJoinsTests {
  static func reference(_ gap: Substring) -> Bool {
    gap.count <= 3 && gap.allSatisfy { $0 == " " || $0 == "-" || $0 == "\u{00A0}" || $0 == "." || $0 == "‑" }
      && !gap.contains(". ")
  }

  @Test func everyGapOfUpToFourCharactersIsJudgedAsBySearching() {
    let alphabet = [" ", "-", "\u{00A0}", ".", "‑", ",", "a", "\u{301}"]
    var gaps = [""]
    var level = [""]
    for _ in 1...4 {
      level = level.flatMap { prefix in alphabet.map { prefix + $0 } }
      gaps += level
    }
    var joining = 0
    for gap in gaps {
      let text = "x" + gap + "y"
      let inner = text.dropFirst().dropLast()
      #expect(EnglishTermMatcher.joins(inner) == Self.reference(inner), "\(Array(gap.unicodeScalars))")
      if Self.reference(inner) { joining += 1 }
    }
    #expect(joining > 50)
    #expect(EnglishTermMatcher.joins(" "[...]) && !EnglishTermMatcher.joins(". "[...]) && EnglishTermMatcher.joins(" ."[...]))
  }
}
