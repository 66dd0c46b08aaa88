import Foundation

/// A word of a text (a run of letters, digits and combining marks) with its place and folded key.
struct WordToken: Equatable, Sendable {
  /// Where the word stands, in UTF-16 offsets of the text.
  var range: Range<Int>
  /// The word as written.
  var surface: String
  /// The word lower-cased and without diacritics ("Brâncuși" → "brancusi").
  var key: String
  /// Where the word stands in UTF-8 offsets of the text (slicing the text by them is direct).
  var utf8Range: Range<Int> = 0..<0
  /// How many Unicode scalars ``key`` has.
  var keyLength = 0
}

/// The words of a text, found once and searched many times.
struct WordTokens: Sendable {
  let text: String
  let tokens: [WordToken]

  /// Splits `text` into words, reading its UTF-8 bytes: ASCII and Latin letters (U+0080–U+024F)
  /// are told from tables, other scalars by their Unicode properties (see ``isWordScalar(_:)``).
  init(_ text: String) {
    self.text = text
    var tokens: [WordToken] = []
    var copy = text
    copy.withUTF8 { bytes in
      tokens.reserveCapacity(bytes.count / 6 + 1)
      // The Latin tables are read through pointers taken once for the whole text (each read of
      // a static array would otherwise check that it is initialized and retain it).
      LatinFolds.withTables { latin in
        var wordStart = -1  // byte offset of the word being read; -1 between words
        var startOffset = 0  // its UTF-16 offset
        var isASCII = true, hasCapital = false
        var offset = 0  // UTF-16 offset of bytes[i]
        var i = 0
        while i < bytes.count {
          let lead = bytes[i]
          let width: Int
          let isWord: Bool
          if lead < 0x80 {
            width = 1
            isWord = isASCIIWordByte(lead)
          } else {
            // The text is valid UTF-8: a lead byte and its continuation bytes.
            let value: UInt32
            if lead < 0xE0 {
              width = 2
              value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            } else if lead < 0xF0 {
              width = 3
              value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            } else {
              width = 4
              value = UInt32(lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F)
            }
            // ``isWordScalar(_:)`` of a scalar that is not ASCII.
            isWord = value < LatinFolds.end ? latin.isWord[Int(value - LatinFolds.first)] : hasWordProperties(Unicode.Scalar(value)!)
          }
          if isWord {
            if wordStart < 0 {
              wordStart = i
              startOffset = offset
              isASCII = true
              hasCapital = false
            }
            if lead >= 0x80 { isASCII = false } else if lead >= 0x41 && lead <= 0x5A { hasCapital = true }
          } else if wordStart >= 0 {
            tokens.append(Self.token(bytes, wordStart..<i, utf16: startOffset..<offset,
                                     isASCII: isASCII, hasCapital: hasCapital, latin: latin))
            wordStart = -1
          }
          offset += width == 4 ? 2 : 1
          i += width
        }
        if wordStart >= 0 {
          tokens.append(Self.token(bytes, wordStart..<bytes.count, utf16: startOffset..<offset,
                                   isASCII: isASCII, hasCapital: hasCapital, latin: latin))
        }
      }
    }
    self.tokens = tokens
  }

  /// The word at `range` of `bytes` (`utf16`: the same place in UTF-16 offsets), its key
  /// folded as ``foldKey(_:)`` folds it, knowing already whether it is ASCII and has a capital.
  private static func token(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, utf16: Range<Int>,
                            isASCII: Bool, hasCapital: Bool, latin: LatinFolds.Tables) -> WordToken {
    let word = UnsafeBufferPointer(rebasing: bytes[range])
    let surface = String(decoding: word, as: UTF8.self)
    if isASCII {
      return WordToken(range: utf16, surface: surface, key: hasCapital ? surface.lowercased() : surface,
                       utf8Range: range, keyLength: range.count)
    }
    // Latin letters fold from the bytes at hand; any other word through Foundation.
    if let (key, length) = latin.fold(utf8: word) {
      return WordToken(range: utf16, surface: surface, key: key, utf8Range: range, keyLength: length)
    }
    let key = foundationFold(surface)
    return WordToken(range: utf16, surface: surface, key: key, utf8Range: range, keyLength: key.unicodeScalars.count)
  }

  /// The text between the end of token `i` and the start of token `i + 1`.
  func gap(after i: Int) -> Substring {
    slice(utf8: tokens[i].utf8Range.upperBound..<tokens[i + 1].utf8Range.lowerBound)
  }

  /// The text of tokens `first...last` and what stands between them.
  func text(ofTokens first: Int, _ last: Int) -> String {
    String(slice(utf8: tokens[first].utf8Range.lowerBound..<tokens[last].utf8Range.upperBound))
  }

  /// The text at UTF-8 offsets `range`, which fall between scalars.
  private func slice(utf8 range: Range<Int>) -> Substring {
    let utf8 = text.utf8
    let from = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    return text[from..<utf8.index(from, offsetBy: range.count)]
  }
}

/// Whether an ASCII byte is a letter or a digit.
@inline(__always)
private func isASCIIWordByte(_ b: UInt8) -> Bool {
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
}

/// Letters, digits and combining marks make words; everything else separates them.
@inline(__always)
func isWordScalar(_ s: Unicode.Scalar) -> Bool {
  if s.isASCII {
    let v = s.value
    return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
  }
  if s.value < LatinFolds.end { return LatinFolds.isWord[Int(s.value - LatinFolds.first)] }
  return hasWordProperties(s)
}

/// Whether `s` is alphabetic, numeric or a non-spacing mark: what ``isWordScalar(_:)`` asks of
/// scalars outside its tables.
func hasWordProperties(_ s: Unicode.Scalar) -> Bool {
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

  /// Whether scalar `first + i` makes words (``hasWordProperties(_:)``, asked once).
  static let isWord: [Bool] = (first..<end).map { hasWordProperties(Unicode.Scalar($0)!) }

  /// Fold of scalar `first + i`, in UTF-8.
  static let table: [[UInt8]] = (first..<end).map { value in
    Array(foundationFold(String(Unicode.Scalar(value)!)).utf8)
  }

  /// The folds of ``table`` one after another, and where each starts: the fold of scalar
  /// `first + i` is `foldBytes[foldStarts[i]..<foldStarts[i + 1]]`.
  static let foldBytes: [UInt8] = table.flatMap { $0 }
  static let foldStarts: [Int] = table.reduce(into: [0]) { starts, fold in starts.append(starts.last! + fold.count) }

  /// How many Unicode scalars the fold of scalar `first + i` has.
  static let foldScalarCounts: [Int] = table.map { fold in fold.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) } }
  /// The most bytes a scalar of the table folds to.
  static let maxFoldBytes: Int = table.map(\.count).max() ?? 1

  /// ``isWord``, ``foldBytes``, ``foldStarts`` and ``foldScalarCounts`` as pointers, for the
  /// loops over a text's bytes. Valid only inside ``withTables(_:)``.
  struct Tables {
    let isWord: UnsafeBufferPointer<Bool>
    let foldBytes: UnsafeBufferPointer<UInt8>
    let foldStarts: UnsafeBufferPointer<Int>
    let foldScalarCounts: UnsafeBufferPointer<Int>
    let maxFoldBytes: Int

    /// ``LatinFolds/fold(_:)`` of the word whose (valid) UTF-8 is `utf8`, made from its bytes in
    /// one temporary buffer, with the key's length in Unicode scalars counted from the table;
    /// nil when the word has a scalar the table does not hold.
    func fold(utf8: UnsafeBufferPointer<UInt8>) -> (key: String, length: Int)? {
      // An ASCII byte folds to one byte, a scalar of two bytes to at most `maxFoldBytes`.
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count * Swift.max(1, maxFoldBytes)) { out in
        var n = 0, length = 0
        var i = 0
        while i < utf8.count {
          let lead = utf8[i]
          if lead < 0x80 {
            out[n] = lead >= 0x41 && lead <= 0x5A ? lead + 0x20 : lead
            n += 1
            length += 1
            i += 1
            continue
          }
          // Scalars of three or four bytes lie past the table (U+0800 and up).
          guard lead < 0xE0 else { return nil }
          let value = UInt32(lead & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
          guard value < LatinFolds.end else { return nil }
          let k = Int(value - LatinFolds.first)
          for b in foldStarts[k]..<foldStarts[k + 1] {
            out[n] = foldBytes[b]
            n += 1
          }
          length += foldScalarCounts[k]
          i += 2
        }
        return (String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self), length)
      }
    }
  }

  /// Calls `body` with the tables as ``Tables``.
  static func withTables<R>(_ body: (Tables) throws -> R) rethrows -> R {
    try isWord.withUnsafeBufferPointer { isWord in
      try foldBytes.withUnsafeBufferPointer { foldBytes in
        try foldStarts.withUnsafeBufferPointer { foldStarts in
          try foldScalarCounts.withUnsafeBufferPointer { counts in
            try body(Tables(isWord: isWord, foldBytes: foldBytes, foldStarts: foldStarts,
                            foldScalarCounts: counts, maxFoldBytes: maxFoldBytes))
          }
        }
      }
    }
  }

  /// `word` folded letter by letter, or nil when it has a scalar the table does not hold.
  static func fold(_ word: String) -> String? {
    var scratch: [UInt8] = []
    return fold(word, into: &scratch)
  }

  /// ``fold(_:)``, made in `scratch` (its room kept from word to word).
  static func fold(_ word: String, into scratch: inout [UInt8]) -> String? {
    scratch.removeAll(keepingCapacity: true)
    for scalar in word.unicodeScalars {
      let v = scalar.value
      if v < 0x80 {
        let byte = UInt8(v)
        scratch.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
      } else if v < end {
        let k = Int(v - first)
        scratch += foldBytes[foldStarts[k]..<foldStarts[k + 1]]
      } else {
        return nil
      }
    }
    return String(decoding: scratch, as: UTF8.self)
  }
}
