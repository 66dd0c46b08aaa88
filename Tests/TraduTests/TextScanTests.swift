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

  /// The byte scan's scalar definition: one byte at a time.
  static func scalarScan(_ bytes: [UInt8]) -> (nul: Int?, controls: Int, lf: Int, crlf: Int, cr: Int, unicode: Int) {
    var r: (nul: Int?, controls: Int, lf: Int, crlf: Int, cr: Int, unicode: Int) = (nil, 0, 0, 0, 0, 0)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x0A { r.lf += 1 }
      if b == 0x0D {
        if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
          r.crlf += 1
          i += 1
        } else {
          r.cr += 1
        }
      }
      if b == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0x85 { r.unicode += 1 }
      if b == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
        r.unicode += 1
      }
      if b == 0 && r.nul == nil { r.nul = i }
      if TextReader.isBinaryControl(UInt32(b)) { r.controls += 1 }
      i += 1
    }
    return r
  }

  @Test func byteScanAgreesWithTheScalarScan() {
    // Texts, then the same bytes cut anywhere (a CR, C2 or E2 last) and sprinkled with
    // controls, NULs and bytes that are not UTF-8.
    let pieces = Self.romanian + ["\r", "\u{1B}", "\u{1}", "\u{1F}", "\u{2028}x", "\r\r\n"]
    var state: UInt64 = 21
    for text in Self.texts(pieces, rounds: 1500, seed: 19) {
      var bytes = Array(text.utf8)
      state = state &* 6364136223846793005 &+ 1442695040888963407
      if !bytes.isEmpty && state >> 62 == 0 { bytes.removeLast(Int(state >> 33) % min(3, bytes.count) + 1) }
      if !bytes.isEmpty && state >> 62 == 1 { bytes[Int(state >> 20) % bytes.count] = UInt8(truncatingIfNeeded: state >> 40) }
      let expected = Self.scalarScan(bytes)
      let scan = bytes.withUnsafeBufferPointer { ByteScan($0) }
      #expect(scan.firstNUL == expected.nul, "\(bytes)")
      #expect(scan.controls == expected.controls, "\(bytes)")
      #expect(scan.lineEndings.lf == expected.lf && scan.lineEndings.crlf == expected.crlf, "\(bytes)")
      #expect(scan.lineEndings.cr == expected.cr && scan.lineEndings.unicode == expected.unicode, "\(bytes)")
    }
  }

  @Test func wideScalarsAgreeWithTheStandardLibrary() {
    for text in Self.texts(Self.romanian, rounds: 1500, seed: 23) {
      var starts: [Int] = []
      var extras = [0]
      var pairs: [Int] = []
      var offset = 0
      for scalar in text.unicodeScalars {
        let units = UTF16.width(scalar)
        if scalar.value >= 0x80 {
          starts.append(offset)
          extras.append(extras.last! + UTF8.width(scalar) - units)
          if units == 2 { pairs.append(offset) }
        }
        offset += units
      }
      var copy = text
      let found = copy.withUTF8 { TextScan.wideScalars(in: $0) }
      #expect(found.starts == starts, "\(text.debugDescription)")
      #expect(found.extras == extras, "\(text.debugDescription)")
      #expect(found.pairs == pairs, "\(text.debugDescription)")
    }
  }

  @Test func sentenceMarksAgreeWithTheScalarTest() {
    let marks: Set<UInt16> = [0x2E, 0x21, 0x3F, 0x2026]
    // "..." and "!?" beside letters, digits, commas and quotes, which share low bits with them.
    let pieces = Self.romanian + [".", "!", "?", "…", "3,14", "\"", "»", "Ă.", "a?!", "\u{202E}", "\u{2E2E}", "\u{3F3F}"]
    for text in Self.texts(pieces, rounds: 600, seed: 29) {
      let units = Array(text.utf16)
      units.withUnsafeBufferPointer { view in
        for start in 0...units.count {
          let expected = units[start...].firstIndex(where: marks.contains) ?? units.count
          #expect(TextScan.nextSentenceMark(in: view, from: start) == expected, "\(text.debugDescription) from \(start)")
        }
      }
    }
  }

  /// Markup, quotes, backslashes, controls and the bytes around them (0x1F/0x20, 0x7F, 0xEF as
  /// a lead byte and inside U+FFFE/U+FFFF, continuation bytes 0xA2, 0xA6, 0xBC, 0xBE that share
  /// low bits with `"`, `&`, `<`, `>`), for the escapers' scans.
  static let markup = romanian + ["\"", "&", "<", ">", "\\", "<seg id=\"s1\">", "&amp;", "\u{1F}", "\u{08}", "\u{0C}",
                                  "\u{FFFE}", "\u{FFFF}", "\u{F000}", "\u{FEFF}", "ï", "¢", "¦", "¼", "¾", "\u{1F680}",
                                  "Ministerul Afacerilor Externe (MAE) a transmis că ", "1/2 > 1/3", "'", "/"]

  /// From every start offset of texts of `markup`, `scan` (the C scan) and `hybrid` (the
  /// escaper's own, C or eight bytes at a time by the length left) find the first byte that
  /// `needs` accepts, or the end.
  static func expectFirstByte(_ needs: (UInt8) -> Bool, seed: UInt64, scan: (UnsafePointer<UInt8>, Int, Int) -> Int,
                              hybrid: (UnsafePointer<UInt8>, Int, Int) -> Int) {
    for text in texts(markup, rounds: 400, seed: seed) {
      let bytes = Array(text.utf8)
      bytes.withUnsafeBufferPointer { view in
        let base = view.baseAddress ?? UnsafePointer(bitPattern: 1)!  // never read: no bytes
        for start in 0...bytes.count {
          let expected = bytes[start...].firstIndex(where: needs) ?? bytes.count
          #expect(scan(base, bytes.count, start) == expected, "\(text.debugDescription) from \(start)")
          #expect(hybrid(base, bytes.count, start) == expected, "\(text.debugDescription) from \(start)")
        }
      }
    }
  }

  @Test func xmlCareAgreesWithTheScalarTest() {
    Self.expectFirstByte(XMLEscaping.needsCare, seed: 31, scan: { TextScan.nextXMLCare(in: $0, count: $1, from: $2) },
                         hybrid: { XMLEscaping.nextCare($0, count: $1, from: $2) })
    // The definition itself: what the XML writer escapes or checks, and nothing else.
    #expect((0...255).filter { XMLEscaping.needsCare(UInt8($0)) } == Array(0..<0x20) + [0x22, 0x26, 0x3C, 0x3E, 0xEF])
  }

  @Test func jsonEscapeAgreesWithTheScalarTest() {
    Self.expectFirstByte(JSONEscaping.needsEscape, seed: 37, scan: { TextScan.nextJSONEscape(in: $0, count: $1, from: $2) },
                         hybrid: { JSONEscaping.nextEscape($0, count: $1, from: $2) })
    #expect((0...255).filter { JSONEscaping.needsEscape(UInt8($0)) } == Array(0..<0x20) + [0x22, 0x5C])
  }
}
