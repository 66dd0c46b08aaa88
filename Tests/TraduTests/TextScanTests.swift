import Testing
@testable import Tradu

/// The C scans of `TextScan` against their scalar definitions, on texts whose lengths are not
/// multiples of sixteen, with two- to four-byte characters (bytes ≥ 0x80) at every offset of
/// a sixteen-byte step, and at every start offset.
@Suite struct TextScanTests {
  /// Texts of 0 to 69 characters drawn from `pieces` by a fixed generator.
  static func texts(_ pieces: [String], rounds: Int, seed: UInt64) -> [String] {
    var state = seed
    return (0..<rounds).map { round in
      var text = ""
      for _ in 0..<(round % 70) {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        text += pieces[Int(state >> 33) % pieces.count]
      }
      return text
    }
  }

  static let romanian = ["a", "Bucureşti", "0123456789abcdefXYZ", "ș", "Ț", "ă", "â", "î", "„", "”", "–", "🚀", " ", "\n",
                         "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\t", "€", "\u{7F}", "\u{0}", "ţ", "Ş",
                         "\u{AD}", "[", "ÂȘ", "âî", "\u{200B}", "™", "Ω", "\u{301}", "\u{FEFF}", "é", "Ö"]

  @Test func decodingAgreesWithTheStandardLibrary() {
    for text in Self.texts(Self.romanian, rounds: 2000, seed: 3) {
      var copy = text
      let units = copy.withUTF8 { bytes in
        [UInt16](unsafeUninitializedCapacity: bytes.count) { out, count in count = TextScan.decodeUTF8(bytes, into: out) }
      }
      #expect(units == Array(text.utf16), "\(text.debugDescription)")
    }
  }

  @Test func countsAgreeWithTheStandardLibrary() {
    var texts = Self.texts(Self.romanian, rounds: 1500, seed: 5)
    // Long enough for the C loop to sum its lane counters (every 255 steps of 16 bytes).
    texts.append(String(repeating: "Știri 🚀 din România, „azi” – ", count: 400))
    for text in texts {
      let counts = unitCounts(of: text)
      #expect(counts.utf16 == text.utf16.count, "\(text.debugDescription)")
      #expect(counts.codePoints == text.unicodeScalars.count, "\(text.debugDescription)")
    }
  }

  @Test func lineTerminatorsAgreeWithTheScalarTest() {
    for text in Self.texts(Self.romanian, rounds: 600, seed: 9) {
      let units = Array(text.utf16)
      units.withUnsafeBufferPointer { view in
        for start in 0...units.count {
          let expected = units[start...].firstIndex(where: isLineTerminator) ?? units.count
          #expect(nextLineTerminator(in: view, from: start) == expected, "\(text.debugDescription) from \(start)")
        }
      }
    }
  }

  /// Whether the UTF-8 normalization pass passes the character `scalars[k]` by in every
  /// context (the definition `tradu_skip_plain_utf8` follows).
  static func isPlain(_ scalars: [Unicode.Scalar], at k: Int) -> Bool {
    let v = scalars[k].value
    switch v {
    case 0..<0x80: return v != 0x5B
    case 0x80..<0xC0: return v != 0xAD
    case 0xC2...0xF4: return k + 1 == scalars.count || scalars[k + 1].value < 0x80
    case 0xC0..<0x300: return ![0x15E, 0x15F, 0x162, 0x163].contains(v)
    case 0x2010...0x202F, 0x20AC, 0x2122: return true
    default: return false
    }
  }

  @Test func skippingStopsAtTheFirstCharacterTheNormalizerMustSee() {
    for text in Self.texts(Self.romanian, rounds: 800, seed: 13) {
      let scalars = Array(text.unicodeScalars)
      var byteStarts: [Int] = []  // the UTF-8 offset of each scalar, then the end
      var offset = 0
      for s in scalars {
        byteStarts.append(offset)
        offset += UTF8.width(s)
      }
      byteStarts.append(offset)
      var copy = text
      copy.withUTF8 { bytes in
        for k in 0...scalars.count {
          var stop = k
          while stop < scalars.count && Self.isPlain(scalars, at: stop) { stop += 1 }
          let skipped = TextScan.skipPlainCharacters(in: bytes, from: byteStarts[k])
          #expect(skipped.end == byteStarts[stop], "\(text.debugDescription) from scalar \(k)")
          #expect(skipped.units == stop - k, "\(text.debugDescription) from scalar \(k)")
        }
      }
    }
  }

  /// The UTF-8 pass with the C skip against the full UTF-16 pass on Romanian text with
  /// cedillas, invisible characters and the e-mail artefact at every offset of a step.
  @Test func utf8NormalizationStillAgreesWithTheFullPass() throws {
    let normalizer = TextNormalizer(options: .default)
    let pieces = ["Bucureşti", "ş", "Ţara", " ", "\n\n", "„citat”", "–", "â", "îi", "\u{AD}", "\u{200B}", "ă",
                  "[email protected]", "abcdefghijklmnop", "€", "Ω"]
    for text in Self.texts(pieces, rounds: 400, seed: 17) {
      guard let fast = normalizer.normalizeUTF8(text) else { continue }
      let full = try normalizer.normalizeUTF16(text)
      #expect(fast.text == full.text, "\(text.debugDescription)")
      #expect(fast.edits == full.edits, "\(text.debugDescription)")
    }
  }
}
