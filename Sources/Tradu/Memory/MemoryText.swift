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
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }

  /// The exact-match key of a normalized source: 64-bit FNV-1a over its UTF-8 with every run of
  /// white space read as one space. Equal keys are confirmed by comparing the texts.
  static func key(_ normalized: String) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var inSpace = false
    for scalar in normalized.unicodeScalars {
      if scalar.properties.isWhitespace {
        inSpace = true
        continue
      }
      if inSpace {
        hash = (hash ^ 0x20) &* 0x100_0000_01b3
        inSpace = false
      }
      for byte in UTF8.encode(scalar)! {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }
    return Int64(bitPattern: hash)
  }

  /// The key of any text (a target, for telling duplicates apart): FNV-1a over its UTF-8.
  static func rawKey(_ text: String) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return Int64(bitPattern: hash)
  }

  /// Whether two normalized sources are the same text once runs of white space are one space.
  static func sameText(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    return collapsed(a) == collapsed(b)
  }

  private static func collapsed(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }
}

/// One ICU word token of a source (white space left out).
struct MemoryToken: Equatable, Sendable {
  enum Kind: Equatable, Sendable { case word, number, punctuation }

  /// The token as written.
  var text: String
  /// Case, diacritics and cedillas folded away (the glossary's key).
  var folded: String
  /// `text` in lower case (diacritics kept).
  var lowered: String
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
    let units = Array(text.utf16)
    var tokens: [MemoryToken] = []
    tokens.reserveCapacity(units.count / 5 + 1)
    do {
      try units.withUnsafeBufferPointer { (buffer) throws(ICUError) in
        try iterator.setText(buffer)
        var start = 0
        while let end = iterator.next() {
          defer { start = end }
          let status = iterator.ruleStatus
          let piece = buffer[start..<end]
          if status == 0 && piece.allSatisfy({ Self.isSpace($0) }) { continue }
          let text = String(decoding: piece, as: UTF16.self)
          let kind: MemoryToken.Kind =
            (100..<200).contains(status) ? .number : status >= 200 ? .word : .punctuation
          tokens.append(MemoryToken(text: text, folded: TermKey.fold(text), lowered: text.lowercased(),
                                    kind: kind, range: start..<end))
        }
      }
    } catch {
      throw .icu(error)
    }
    return tokens
  }

  /// The folded words and numbers of `tokens`, one space between them: the column the
  /// full-text index reads.
  static func foldedText(_ tokens: [MemoryToken]) -> String {
    tokens.lazy.filter { $0.kind != .punctuation }.map(\.folded).joined(separator: " ")
  }

  private static func isSpace(_ unit: UInt16) -> Bool {
    unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D || unit == 0xA0 || unit == 0x2028
      || unit == 0x2029 || unit == 0x202F || (unit >= 0x2000 && unit <= 0x200A) || unit == 0x3000
  }
}
