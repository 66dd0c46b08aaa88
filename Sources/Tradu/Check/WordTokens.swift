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
    var current = String.UnicodeScalarView()
    var start = 0
    var offset = 0
    func flush() {
      if !current.isEmpty {
        let surface = String(current)
        tokens.append(WordToken(range: start..<offset, surface: surface, key: foldKey(surface)))
        current = String.UnicodeScalarView()
      }
    }
    for scalar in text.unicodeScalars {
      if isWordScalar(scalar) {
        if current.isEmpty { start = offset }
        current.append(scalar)
      } else {
        flush()
      }
      offset += scalar.utf16.count
    }
    flush()
    self.tokens = tokens
  }

  /// The text between the end of token `i` and the start of token `i + 1`.
  func gap(after i: Int) -> Substring {
    let utf16 = text.utf16
    let from = utf16.index(utf16.startIndex, offsetBy: tokens[i].range.upperBound)
    let to = utf16.index(utf16.startIndex, offsetBy: tokens[i + 1].range.lowerBound)
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
func foldKey(_ word: String) -> String {
  if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
  return word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
}
