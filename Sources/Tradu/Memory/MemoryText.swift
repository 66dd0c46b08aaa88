/// How the translation memory sees a source text: normalized as `tradu prepare` normalizes
/// it, keyed for exact matches, and cut into ICU word tokens for fuzzy ones.
enum MemoryText {
  /// The default normalization of `prepare` (NFC, cedillas → comma below, invisible
  /// characters, mojibake), then the white space at both ends trimmed.
  static func normalize(_ text: String) throws(TraduError) -> String {
    let normalized = try TextNormalizer().normalize(text).text
    return trimmed(normalized)
  }

  /// `text` without white space at its ends.
  static func trimmed(_ text: String) -> String {
    var scalars = Substring(text).unicodeScalars
    while let first = scalars.first, isWhiteSpace(first) { scalars.removeFirst() }
    while let last = scalars.last, isWhiteSpace(last) { scalars.removeLast() }
    // Most texts have no white space at their ends: the same string, not a copy.
    if scalars.startIndex == text.startIndex && scalars.endIndex == text.endIndex { return text }
    return String(scalars)
  }

  /// The exact-match key of a normalized source: 64-bit FNV-1a over its UTF-8 with every run of
  /// white space read as one space. Equal keys are confirmed by comparing the texts.
  ///
  /// Read byte by byte: only the lead bytes of multi-byte white space (C2, E1, E2, E3) are
  /// decoded, so most of a Romanian text is hashed as it is read.
  static func key(_ normalized: String) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var inSpace = false
    var text = normalized
    text.withUTF8 { bytes in
      var i = 0
      while i < bytes.count {
        let lead = bytes[i]
        // Most bytes: ASCII other than white space, hashed as they are.
        if lead > 0x20 && lead < 0x80 {
          if inSpace {
            hash = (hash ^ 0x20) &* 0x100_0000_01b3
            inSpace = false
          }
          hash = (hash ^ UInt64(lead)) &* 0x100_0000_01b3
          i += 1
          continue
        }
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        let isSpace: Bool
        switch lead {
        case 0x00..<0x80:
          isSpace = lead == 0x20 || (0x09...0x0D).contains(lead)
        case 0xC2:
          isSpace = isWhiteSpace(Unicode.Scalar(UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F))!)
        case 0xE1, 0xE2, 0xE3:
          let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
          isSpace = isWhiteSpace(Unicode.Scalar(value)!)
        default:
          isSpace = false
        }
        if isSpace {
          inSpace = true
        } else {
          if inSpace {
            hash = (hash ^ 0x20) &* 0x100_0000_01b3
            inSpace = false
          }
          for byte in bytes[i..<i + length] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        i += length
      }
    }
    return Int64(bitPattern: hash)
  }

  /// Whether `scalar` has Unicode's White_Space property, from the property's fixed list of
  /// 25 code points (PropList.txt) rather than a look-up in the property tables: the
  /// exact-match key reads every scalar of every source.
  @inline(__always)
  static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
    switch value {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
  }

  /// The key of any text (a target, for telling duplicates apart): FNV-1a over its UTF-8.
  static func rawKey(_ text: String) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    // Over the contiguous bytes: the `utf8` view's iterator cost ten times as much.
    var text = text
    text.withUTF8 { bytes in
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
    return Int64(bitPattern: hash)
  }

  /// Whether two normalized sources are the same text once runs of white space are one space
  /// (and white space at the ends is left out). Compares character by character, so two
  /// different texts are told apart at their first difference.
  static func sameText(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    var x = CollapsedCharacters(a), y = CollapsedCharacters(b)
    while true {
      let c = x.next(), d = y.next()
      if c != d { return false }
      if c == nil { return true }
    }
  }

  /// The characters of a text with each run of white space read as one space, none at the ends.
  private struct CollapsedCharacters: IteratorProtocol {
    private var characters: String.Iterator
    /// White space was read since the last character handed out.
    private var afterSpace = false
    private var started = false
    /// The character read after a run of white space, handed out after its space.
    private var held: Character?

    init(_ text: String) { characters = text.makeIterator() }

    mutating func next() -> Character? {
      if let character = held {
        held = nil
        return character
      }
      while let character = characters.next() {
        if character.isWhitespace {
          afterSpace = started
          continue
        }
        started = true
        if afterSpace {
          afterSpace = false
          held = character
          return " "
        }
        return character
      }
      return nil
    }
  }
}

/// One ICU word token of a source (white space left out).
struct MemoryToken: Equatable, Sendable {
  enum Kind: Equatable, Sendable { case word, number, punctuation }

  /// The token as written.
  var text: String
  /// Case, diacritics and cedillas folded away (the glossary's key).
  var folded: String
  /// A 64-bit hash of ``folded`` and its first three bytes, so that the edit distance
  /// tells most pairs of tokens apart without comparing strings.
  var foldedHash: UInt64 = 0
  var foldedHead: UInt64 = 0
  /// `text` in lower case (diacritics kept); made when asked, as few comparisons need it.
  var lowered: String { text.lowercased() }
  var kind: Kind
  /// Where the token stands in its text, in UTF-16 offsets.
  var range: Range<Int>

  /// The token's weight in the edit distance: punctuation counts half a word.
  var weight: Double { kind == .punctuation ? 0.5 : 1 }
}

/// Cuts texts into ``MemoryToken``s with one reusable ICU word break iterator.
final class MemoryTokenizer {
  private let iterator: ICU.BreakIterator

  init() throws(TraduError) {
    do {
      iterator = try ICU.BreakIterator(.word, locale: "ro")
    } catch {
      throw .icu(error)
    }
  }

  /// The tokens of `text`: ICU's word segments that are not white space.
  func tokens(_ text: String) throws(TraduError) -> [MemoryToken] {
    let units = [UInt16](utf16Of: text)
    let bytes = Array(text.utf8)
    var tokens: [MemoryToken] = []
    tokens.reserveCapacity(units.count / 5 + 1)
    do {
      try units.withUnsafeBufferPointer { (buffer) throws(ICUError) in
        try bytes.withUnsafeBufferPointer { (utf8) throws(ICUError) in
          try iterator.setText(buffer)
          // ICU answers in UTF-16 offsets; each token's text is cut from the UTF-8 (a copy, where
          // decoding UTF-16 would take the standard library's slow path), so both offsets walk along.
          var start = 0
          var offset8 = 0, offset16 = 0
          func advance(to target: Int) {
            while offset16 < target {
              let unit = buffer[offset16]
              if unit < 0x80 {
                offset8 += 1; offset16 += 1
              } else if unit < 0x800 {
                offset8 += 2; offset16 += 1
              } else if UTF16.isLeadSurrogate(unit) {
                offset8 += 4; offset16 += 2
              } else {
                offset8 += 3; offset16 += 1
              }
            }
          }
          while let end = iterator.next() {
            defer { start = end }
            let status = iterator.ruleStatus
            let piece = buffer[start..<end]
            if status == 0 && piece.allSatisfy({ Self.isSpace($0) }) { continue }
            advance(to: start)
            let start8 = offset8
            advance(to: end)
            let text = String(decoding: UnsafeBufferPointer(rebasing: utf8[start8..<offset8]), as: UTF8.self)
            let kind: MemoryToken.Kind =
              (100..<200).contains(status) ? .number : status >= 200 ? .word : .punctuation
            let folded = folded(buffer, start..<end)
            tokens.append(MemoryToken(text: text, folded: folded, foldedHash: Self.hash(scratch), foldedHead: Self.head(folded),
                                      kind: kind, range: start..<end))
          }
        }
      }
    } catch {
      throw .icu(error)
    }
    return tokens
  }

  private var scratch: [UInt16] = []
  private var asciiScratch: [UInt8] = []

  /// The glossary's key of `units[range]`; built from bytes when it is ASCII, as folded
  /// Romanian almost always is (decoding UTF-16 takes the standard library's slow path).
  private func folded(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> String {
    TermKey.fold(units, range, into: &scratch)
    guard scratch.allSatisfy({ $0 < 0x80 }) else { return String(decoding: scratch, as: UTF16.self) }
    asciiScratch.removeAll(keepingCapacity: true)
    for unit in scratch { asciiScratch.append(UInt8(truncatingIfNeeded: unit)) }
    return String(decoding: asciiScratch, as: UTF8.self)
  }

  /// The folded words and numbers of `text`, one space between them: the same as
  /// `foldedText(tokens(text))`, without making a token of each word (what `add` needs).
  func foldedText(of text: String) throws(TraduError) -> String {
    // Decoded by hand: `Array(text.utf16)` of a non-ASCII string walks the standard
    // library's breadcrumbs (a quarter of the folding).
    let units = [UInt16](utf16Of: text)
    var folded: [UInt16] = []
    folded.reserveCapacity(units.count)
    do {
      try units.withUnsafeBufferPointer { (buffer) throws(ICUError) in
        try iterator.setText(buffer)
        var start = 0
        while let end = iterator.next() {
          defer { start = end }
          // Words (200…) and numbers (100…199); white space and punctuation are below 100.
          guard iterator.ruleStatus >= 100 else { continue }
          TermKey.fold(buffer, start..<end, into: &scratch)
          if !folded.isEmpty { folded.append(0x20) }
          folded.append(contentsOf: scratch)
        }
      }
    } catch {
      throw .icu(error)
    }
    guard folded.allSatisfy({ $0 < 0x80 }) else { return String(decoding: folded, as: UTF16.self) }
    return String(decoding: folded.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
  }

  /// FNV-1a over UTF-16 units.
  static func hash(_ units: [UInt16]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for unit in units { hash = (hash ^ UInt64(unit)) &* 0x100_0000_01b3 }
    return hash
  }

  /// The first three UTF-8 bytes of a folded token packed, or a value no three bytes make
  /// when there are fewer.
  static func head(_ folded: String) -> UInt64 {
    var value: UInt64 = 0, count = 0
    for byte in folded.utf8.prefix(3) {
      value = value << 8 | UInt64(byte)
      count += 1
    }
    return count == 3 ? value : .max
  }

  /// The folded words and numbers of `tokens`, one space between them: the column the
  /// full-text index reads.
  static func foldedText(_ tokens: [MemoryToken]) -> String {
    var text = ""
    text.reserveCapacity(tokens.reduce(0) { $0 + $1.folded.utf8.count + 1 })
    for token in tokens where token.kind != .punctuation {
      if !text.isEmpty { text += " " }
      text += token.folded
    }
    return text
  }

  private static func isSpace(_ unit: UInt16) -> Bool {
    unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D || unit == 0xA0 || unit == 0x2028
      || unit == 0x2029 || unit == 0x202F || (unit >= 0x2000 && unit <= 0x200A) || unit == 0x3000
  }
}
