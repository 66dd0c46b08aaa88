import Testing
@testable import Tradu

/// Shortcuts of the checker's hot loops, each held to the reading it replaces.
@Suite struct CheckShortcutsTests {
  @Test func aLetterIsWhatTheAlphabeticPropertySays() {
    // Every ASCII scalar alone, and words of the samples' kinds.
    let words = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }
      + ["Kremlinul", "2022", "12,5", "ȘTIU", "știu", "Ιωάννης", "Москва", "٣٤", "—", "½", "x²", "🙂", "e\u{301}", ""]
    for word in words {
      #expect(Rules.hasLetter(word) == word.unicodeScalars.contains { $0.properties.isAlphabetic }, "\(Array(word.unicodeScalars))")
    }
  }

  @Test func aDigitIsAnASCIIDigit() {
    let texts = ["Kremlinul a negat.", "la 24.02.2022", "٣٤ de ani", "", "9", "ora nouă", "x/0", "ﾐ5"]
    for text in texts {
      #expect(NumberForms.hasDigit(text) == text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(text)")
    }
    #expect(NumberForms.hasDigit(String(repeating: "ă", count: 1000) + "7"))
  }

  @Test func theSameBytesAreTheSameText() {
    let pairs: [(String, String)] = [
      ("Kremlinul a negat.", "Kremlinul a negat."), ("Kremlinul a negat.", "Kremlinul a negat!"), ("", ""), ("a", ""),
      ("știu", "s\u{326}tiu"), ("Ştiu", "Ştiu"), ("  x  ", "x"),
    ]
    for (a, b) in pairs {
      let (x, y) = (Rules.trimmed(a), Rules.trimmed(b))
      #expect(Rules.sameBytes(x, y) == x.utf8.elementsEqual(y.utf8), "\(a) \(b)")
      if Rules.sameBytes(x, y) { #expect(x == y) }
    }
  }
}
