extension TextNormalizer {
  /// Whether the options allow the UTF-8 pass: the default rules at most, no exempt words.
  var allowsUTF8Pass: Bool {
    options.rules.isSubset(of: NormalizationRule.defaultProfile) && options.cedillaExemptWords.isEmpty
  }

  /// Normalizes the common case straight from the string's UTF-8, without converting the text
  /// to UTF-16 and back: Latin letters (below U+0300), general punctuation, €, ™, cedillas,
  /// invisible characters, the artefact, and other BMP characters that NFC keeps and that
  /// nothing before them combines with (Cyrillic, Greek, "≥"). It gives up (nil) at the first
  /// thing that needs the full pass: a combining mark, a character NFC changes (U+212B Å),
  /// one outside the BMP, or what may be mojibake. It gives exactly the full pass's result when it does not give up
  /// (a property test compares the two).
  func normalizeUTF8(_ text: String) -> NormalizedText? {
    var copy = text
    let rules = options.rules
    let fixCedillas = rules.contains(.cedilla)
    let removeInvisibles = rules.contains(.invisible)
    let removeBOM = rules.contains(.byteOrderMark)
    let watchMojibake = rules.contains(.mojibake)
    return copy.withUTF8 { bytes -> NormalizedText? in
      let n = bytes.count
      // The scan records each edit's bytes; the output is built once at the end.
      var byteStarts: [Int] = []
      var byteEnds: [Int] = []
      var byteUnits: [UInt16] = []  // 0: removal
      var edits: [TextEdit] = []
      var starts: [Int] = []
      var ends: [Int] = []
      var flags: [TextFlag] = []
      var stable = NFCStableCharacters()
      var shift = 0  // UTF-16 length of the output minus that of the input, so far
      var i = 0
      var u16 = 0  // UTF-16 offset of byte i

      /// Replaces the character at bytes `start..<end` (UTF-16 `at`, one unit) by `unit`, or
      /// removes it when `unit` is nil.
      func replace(_ start: Int, _ end: Int, at: Int, scalar: UInt32, with unit: UInt16?, _ rule: NormalizationRule) {
        let original = NormalizationPass.singleUnitString(UInt16(scalar))
        starts.append(at + shift)
        byteStarts.append(start)
        byteEnds.append(end)
        byteUnits.append(unit ?? 0)
        if let unit {
          edits.append(TextEdit(range: at..<at + 1, original: original, replacement: NormalizationPass.singleUnitString(unit), rule: rule))
        } else {
          edits.append(TextEdit(range: at..<at + 1, original: original, replacement: "", rule: rule))
          shift -= 1
        }
        ends.append(at + 1 + shift)
      }
      /// The scalar at byte `k` and its length in bytes (valid UTF-8: the string's own).
      func scalar(at k: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[k])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[k + 1]) & 0x3F, 2) }
        if b0 < 0xF0 {
          return ((b0 & 0x0F) << 12 | (UInt32(bytes[k + 1]) & 0x3F) << 6 | UInt32(bytes[k + 2]) & 0x3F, 3)
        }
        return (0x10000, 4)  // only its size matters: the pass gives up on it
      }

      while i < n {
        // Runs of characters that need nothing in any context (ASCII without "[", which may
        // start the e-mail artefact, Romanian letters, quotes and dashes): skipped in C.
        let skipped = TextScan.skipPlainCharacters(in: bytes, from: i)
        i = skipped.end
        u16 += skipped.units
        if i >= n { break }
        let b = bytes[i]
        if b < 0x80 {
          if b == 0x5B, let end = protectedEmailEnd(bytes, from: i) {
            let startOut = u16 + shift
            var length = 0  // characters, all in the BMP
            for k in i..<end where bytes[k] & 0xC0 != 0x80 { length += 1 }
            flags.append(TextFlag(
              kind: .protectedEmail, range: startOut..<startOut + length, originalRange: u16..<u16 + length,
              message: NormalizationPass.protectedEmailMessage))
            u16 += length
            i = end
            continue
          }
          i += 1
          u16 += 1
          continue
        }
        let (value, width) = scalar(at: i)
        switch value {
        case 0x80..<0x300:
          switch value {
          case 0x15E, 0x15F, 0x162, 0x163:
            if fixCedillas { replace(i, i + width, at: u16, scalar: value, with: commaBelowLetter(UInt16(value)), .cedilla) }
          case 0xAD:
            if removeInvisibles { replace(i, i + width, at: u16, scalar: value, with: nil, .invisible) }
          case 0xC2...0xF4 where watchMojibake:
            // A possible mojibake lead: fine before ASCII or a character that Windows-1252
            // does not show for a continuation byte; anything else is the full pass's call.
            if i + width < n {
              let (next, _) = scalar(at: i + width)
              if next >= 0x80 {
                if next < 0x10000, let c = NormalizationPass.windows1252Byte(UInt16(next)), c >= 0x80 && c <= 0xBF { return nil }
                if next == 0x200B || next == 0x2060 || next == 0xFEFF { return nil }
              }
            }
          default:
            break
          }
        case 0x200B, 0x2060:
          if removeInvisibles { replace(i, i + width, at: u16, scalar: value, with: nil, .invisible) }
        case 0xFEFF:
          if removeBOM { replace(i, i + width, at: u16, scalar: value, with: nil, .byteOrderMark) }
        case 0xFFFD:
          flags.append(TextFlag(
            kind: .replacementCharacter, range: u16 + shift..<u16 + shift + 1, originalRange: u16..<u16 + 1,
            message: NormalizationPass.replacementCharacterMessage))
        case 0x2010...0x202F, 0x20AC, 0x2122:
          break
        default:
          // Other scripts and symbols (Cyrillic, Greek, "≥") that NFC leaves alone in every
          // context and Windows-1252 does not have (so they take no part in mojibake).
          guard width < 4, value < 0x10000, NormalizationPass.windows1252Byte(UInt16(value)) == nil,
                stable.contains(UInt16(value)) else { return nil }
        }
        i += width
        u16 += 1
      }
      if edits.isEmpty {
        return NormalizedText(original: text, text: text, edits: [], flags: flags, offsetMap: OffsetMap())
      }
      // The output is built from slices of the (valid) input and the replacement letters,
      // so the new string is not validated again byte by byte.
      var normalized = ""
      normalized.reserveCapacity(n)
      let utf8 = text.utf8
      var copied = 0
      func copyBytes(upTo end: Int) {
        guard end > copied else { return }
        let lo = utf8.index(utf8.startIndex, offsetBy: copied)
        normalized.append(contentsOf: Substring(utf8[lo..<utf8.index(lo, offsetBy: end - copied)]))
      }
      for k in byteStarts.indices {
        copyBytes(upTo: byteStarts[k])
        let unit = byteUnits[k]
        if unit != 0 { normalized.unicodeScalars.append(Unicode.Scalar(unit)!) }
        copied = byteEnds[k]
      }
      copyBytes(upTo: n)
      return NormalizedText(
        original: text, text: normalized, edits: edits, flags: flags,
        offsetMap: OffsetMap(edits: edits, normalizedStarts: starts, normalizedEnds: ends))
    }
  }

  func commaBelowLetter(_ u: UInt16) -> UInt16 {
    switch u {
    case 0x15E: return 0x218
    case 0x15F: return 0x219
    case 0x162: return 0x21A
    default: return 0x21B
    }
  }
}

/// The end of `[email protected]` (spaces, NBSP or narrow NBSP between the words) starting at
/// byte `i`, or nil.
private func protectedEmailEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
  func match(_ word: StaticString, at k: Int) -> Int? {
    let count = word.utf8CodeUnitCount
    guard k + count <= bytes.count else { return nil }
    let w = word.utf8Start
    for j in 0..<count where bytes[k + j] != w[j] { return nil }
    return k + count
  }
  guard var k = match("[email", at: i) else { return nil }
  while true {
    if k < bytes.count && bytes[k] == 0x20 {
      k += 1
    } else if k + 1 < bytes.count && bytes[k] == 0xC2 && bytes[k + 1] == 0xA0 {
      k += 2
    } else if k + 2 < bytes.count && bytes[k] == 0xE2 && bytes[k + 1] == 0x80 && bytes[k + 2] == 0xAF {
      k += 3
    } else {
      break
    }
  }
  return match("protected]", at: k)
}

/// The BMP characters that NFC keeps as they are and that start a new normalization unit
/// (nothing before them combines with them), asked of ICU one block of 256 at a time, as the
/// text needs them. What follows such a character is checked on its own.
struct NFCStableCharacters {
  private var blocks: [Int: [UInt64]] = [:]

  mutating func contains(_ unit: UInt16) -> Bool {
    let block = Int(unit >> 8)
    if blocks[block] == nil { blocks[block] = Self.bits(ofBlock: block) }
    let low = Int(unit & 0xFF)
    return blocks[block]![low >> 6] & (1 << UInt64(low & 63)) != 0
  }

  private static func bits(ofBlock block: Int) -> [UInt64] {
    var bits = [UInt64](repeating: 0, count: 4)
    for low in 0..<256 {
      let value = UInt32(block << 8 | low)
      guard let scalar = Unicode.Scalar(value),
            ICU.hasNormalizationBoundary(before: scalar, form: .nfc),
            (try? ICU.normalizedPrefixLength([UInt16(value)], form: .nfc)) == 1 else { continue }
      bits[low >> 6] |= 1 << UInt64(low & 63)
    }
    return bits
  }
}
