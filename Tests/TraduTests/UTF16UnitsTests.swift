import Testing
@testable import Tradu

@Suite struct UTF16TranscodingTests {
  @Test(arguments: [
    "", "ASCII only", "Țară, așa: „citat” – 10 €…", "👩\u{200D}💻 🇷🇴 a\u{306}", "\u{FEFF}\u{A0}\u{2028}\u{10FFFF}",
  ])
  func agreesWithTheStandardLibrary(text: String) {
    let units = UTF16Transcoding.units(of: text)
    #expect(units == Array(text.utf16))
    #expect(String(utf16CodeUnits: units[...]) == text)
  }
}
