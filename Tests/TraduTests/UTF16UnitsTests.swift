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

/// `[UInt16](utf16Of:)`, whose ASCII runs are widened eight bytes at a time, against the
/// standard library, with runs of every length at every offset beside two- to four-byte
/// characters.
@Suite struct UTF16OfTests {
  @Test func agreesWithTheStandardLibraryAtEveryOffset() {
    let pieces = ["a", "Abcdefg", "0123456789abcdefXYZ", "ș", "„", "🚀", " ", "\n\n", "€", "\u{7F}", "\u{0}"]
    var state: UInt64 = 7
    for round in 0..<3000 {
      var text = ""
      for _ in 0..<(round % 40) {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        text += pieces[Int(state >> 33) % pieces.count]
      }
      #expect([UInt16](utf16Of: text) == Array(text.utf16), "\(text.debugDescription)")
    }
  }
}

/// The offset finder the segmenter slices segments with (and the renderers place markers with), against the standard library, at
/// every character boundary of texts that put four-byte scalars at every offset of an
/// eight-byte word.
@Suite struct UTF16OffsetFinderTests {
  @Test func everyBoundaryMapsToItsUTF8Offset() {
    let pieces = ["a", "Abcdefg", "ș", "„", "🚀", "👩\u{200D}💻", " ", "\n\n", "€", "x🚀"]
    var state: UInt64 = 11
    for round in 0..<1500 {
      var text = ""
      for _ in 0..<(round % 30) {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        text += pieces[Int(state >> 33) % pieces.count]
      }
      var bounds: [(utf16: Int, utf8: Int)] = []
      var index = text.unicodeScalars.startIndex
      while true {
        bounds.append((text.utf16.distance(from: text.startIndex, to: index),
                       text.utf8.distance(from: text.startIndex, to: index)))
        guard index < text.unicodeScalars.endIndex else { break }
        index = text.unicodeScalars.index(after: index)
      }
      var copy = text
      copy.withUTF8 { bytes in
        // Each boundary from the start, from far away.
        for b in bounds {
          var finder = UTF16OffsetFinder(bytes)
          #expect(finder.byteOffset(ofUTF16: b.utf16) == b.utf8, "\(text) at \(b.utf16)")
        }
        // Every boundary in order, and then every other one (the finder only moves forward).
        for stride in [1, 2, 3] {
          var finder = UTF16OffsetFinder(bytes)
          for b in Swift.stride(from: 0, to: bounds.count, by: stride) {
            #expect(finder.byteOffset(ofUTF16: bounds[b].utf16) == bounds[b].utf8, "\(text) at \(bounds[b].utf16)")
          }
        }
      }
    }
  }

  @Test func anEmojiAfterSevenLettersStaysInItsSegment() throws {
    let text = "Abcdefg🚀\n\nUrmătorul paragraf."
    let segmented = try Segmenter().segment(text)
    #expect(segmented.segments.map(\.text) == ["Abcdefg🚀", "Următorul paragraf."])
  }
}
