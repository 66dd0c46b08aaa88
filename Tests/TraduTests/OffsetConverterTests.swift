import Testing
@testable import Tradu

@Suite struct OffsetConverterTests {
  /// At every scalar boundary, the converter agrees with counting the string's own views.
  @Test func everyBoundaryAgreesWithTheStringsViews() throws {
    let texts = [try seedArticle(), "Știri 🇷🇴 — „ăîâșț” 👨‍👩‍👧 ok", String(repeating: "abcdefgh", count: 3) + "é𝄞z", ""]
      + HostileTexts.all.filter { $0.name != "one-mb-paragraph" }.map(\.text)
      // Non-ASCII scalars of two, three and four bytes at every place in and after a run of
      // eight bytes, and at the end.
      + (0..<17).map { String(repeating: "a", count: $0) + "ș„😀" + String(repeating: "b", count: 16 - $0) + "ț" }
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

  /// The cursor walk gives what the searches give, for ranges in order (as segments come),
  /// far ahead, and going back.
  @Test func spansFoundWithACursorAgreeWithSearchedOnes() throws {
    let seed = try seedArticle()
    let texts = [seed, "Știri 🇷🇴 — „ăîâșț” 👨‍👩‍👧 ok " + seed + " 😀𝄞", String(repeating: "ș😀a", count: 300)]
    for text in texts {
      let converter = OffsetConverter(text)
      let boundaries = text.unicodeScalars.indices.map { $0.utf16Offset(in: text) } + [text.utf16.count]
      var cursor = OffsetConverter.Cursor()
      var inOrder = 0
      // In order, with small and large steps.
      var k = 0
      var step = 1
      while k + step < boundaries.count {
        let range = boundaries[k]..<boundaries[k + step]
        #expect(converter.span(of: range, cursor: &cursor) == TextSpan(range, converter: converter))
        inOrder += 1
        k += step
        step = step % 37 + 1
      }
      #expect(inOrder > 20)
      // Going back and jumping about.
      for (a, b) in [(boundaries.count - 1, boundaries.count - 1), (0, 3), (boundaries.count / 2, boundaries.count / 2 + 5), (1, 2)] {
        let range = boundaries[a]..<boundaries[b]
        #expect(converter.span(of: range, cursor: &cursor) == TextSpan(range, converter: converter))
      }
    }
  }
}
