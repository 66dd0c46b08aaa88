import Testing
@testable import Tradu

@Suite struct UTF16DecodingTests {
  @Test func agreesWithTheStandardLibrary() {
    let samples = ["", "Ana", "Țară, șir, „citat”, ăîâ", "emoji 🇷🇴👨‍👩‍👧 și 𝄞", "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}",
                   String(repeating: "Președintele României a vorbit. ", count: 50)]
    for sample in samples {
      let units = Array(sample.utf16)
      #expect(String(utf16CodeUnits: units[...]) == sample)
      // Every slice, also those that cut a surrogate pair, decodes as the standard library does.
      for start in stride(from: 0, to: units.count, by: 3) {
        let slice = units[start...]
        #expect(String(utf16CodeUnits: slice) == String(decoding: slice, as: UTF16.self))
      }
    }
    let lone: [UInt16] = [0x41, 0xD800, 0x42, 0xDC00, 0xD83D]
    #expect(String(utf16CodeUnits: lone[...]) == "A\u{FFFD}B\u{FFFD}\u{FFFD}")
  }
}
