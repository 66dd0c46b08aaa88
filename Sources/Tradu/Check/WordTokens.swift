import Foundation

/// A word of a text (a run of letters, digits and combining marks) with its place and folded key.
struct WordToken: Equatable, Sendable {
  /// Where the word stands, in UTF-16 offsets of the text.
  var range: Range<Int>
  /// The word as written.
  var surface: String
  /// The word lower-cased and without diacritics ("Brâncuși" → "brancusi").
  var key: String
}

/// The words of a text, found once and searched many times.
struct WordTokens: Sendable {
  let text: String
  let tokens: [WordToken]

  init(_ text: String) {
    self.text = text
    var tokens: [WordToken] = []
    let scalars = text.unicodeScalars
    var wordStart: String.Index? = nil
    var startOffset = 0
    var offset = 0
    var i = scalars.startIndex
    while i != scalars.endIndex {
      let scalar = scalars[i]
      if isWordScalar(scalar) {
        if wordStart == nil { wordStart = i; startOffset = offset }
      } else if let from = wordStart {
        let surface = String(text.unicodeScalars[from..<i])
        tokens.append(WordToken(range: startOffset..<offset, surface: surface, key: foldKey(surface)))
        wordStart = nil
      }
      offset += scalar.value > 0xFFFF ? 2 : 1
      scalars.formIndex(after: &i)
    }
    if let from = wordStart {
      let surface = String(text.unicodeScalars[from...])
      tokens.append(WordToken(range: startOffset..<offset, surface: surface, key: foldKey(surface)))
    }
    self.tokens = tokens
  }

  /// The text between the end of token `i` and the start of token `i + 1`.
  func gap(after i: Int) -> Substring {
    let utf16 = text.utf16
    let from = utf16.index(utf16.startIndex, offsetBy: tokens[i].range.upperBound)
    let to = utf16.index(from, offsetBy: tokens[i + 1].range.lowerBound - tokens[i].range.upperBound)
    return text[from..<to]
  }
}

/// Letters, digits and combining marks make words; everything else separates them.
@inline(__always)
func isWordScalar(_ s: Unicode.Scalar) -> Bool {
  if s.isASCII {
    let v = s.value
    return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
  }
  let p = s.properties
  return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
}

/// Lower case without diacritics; cedilla and comma-below letters fold to the same base letter.
///
/// Words of ASCII and precomposed Latin letters (U+0080–U+024F, which Romanian, the other
/// European languages and most names use) are folded letter by letter from ``LatinFolds``, a
/// table Foundation's own folding filled; any other word (a combining mark, another script)
/// goes through Foundation's folding whole. Both give the same key.
func foldKey(_ word: String) -> String {
  if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
  return LatinFolds.fold(word) ?? foundationFold(word)
}

/// Foundation's case- and diacritic-insensitive folding (the reference of ``foldKey(_:)``).
func foundationFold(_ word: String) -> String {
  word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
}

/// The folds of the Latin letters U+0080–U+024F, each as Foundation folds it alone.
enum LatinFolds {
  static let first: UInt32 = 0x80
  static let end: UInt32 = 0x250

  /// Fold of scalar `first + i`, in UTF-8.
  static let table: [[UInt8]] = (first..<end).map { value in
    Array(foundationFold(String(Unicode.Scalar(value)!)).utf8)
  }

  /// `word` folded letter by letter, or nil when it has a scalar the table does not hold.
  static func fold(_ word: String) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(word.utf8.count)
    for scalar in word.unicodeScalars {
      let v = scalar.value
      if v < 0x80 {
        let byte = UInt8(v)
        bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
      } else if v < end {
        bytes += table[Int(v - first)]
      } else {
        return nil
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
