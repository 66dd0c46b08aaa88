import Testing
@testable import Tradu

@Suite struct OffsetConverterTests {
  /// At every scalar boundary, the converter agrees with counting the string's own views.
  @Test func everyBoundaryAgreesWithTheStringsViews() throws {
    let texts = [try seedArticle(), "Știri 🇷🇴 — „ăîâșț” 👨‍👩‍👧 ok", String(repeating: "abcdefgh", count: 3) + "é𝄞z", ""]
      + HostileTexts.all.filter { $0.name != "one-mb-paragraph" }.map(\.text)
    for text in texts {
      let converter = OffsetConverter(text)
      var utf16 = 0
      var utf8 = 0
      var codePoints = 0
      for scalar in text.unicodeScalars {
        #expect(converter.offset(ofUTF16: utf16, in: .codepoint) == codePoints)
        #expect(converter.offset(ofUTF16: utf16, in: .utf8) == utf8)
        #expect(converter.offset(ofUTF16: utf16, in: .utf16) == utf16)
        utf16 += UTF16.width(scalar)
        utf8 += UTF8.width(scalar)
        codePoints += 1
      }
      #expect(converter.offset(ofUTF16: utf16, in: .codepoint) == codePoints)
      #expect(converter.offset(ofUTF16: utf16, in: .utf8) == text.utf8.count)
    }
  }
}
