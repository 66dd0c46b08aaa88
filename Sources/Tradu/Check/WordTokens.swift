import Foundation

/// A word of a text (a run of letters, digits and combining marks): its place and folded key.
///
/// The word's text is not kept: ``WordTokens/surface(_:)`` reads it from the text where it is
/// needed (a report's quote, a comparison with a name), so splitting a text makes one string a
/// word, its key.
struct WordToken: Equatable, Sendable {
  /// Where the word stands, in UTF-16 offsets of the text.
  var range: Range<Int>
  /// The word lower-cased and without diacritics ("Brâncuși" → "brancusi").
  var key: String
  /// Where the word stands in UTF-8 offsets of the text (slicing the text by them is direct).
  var utf8Range: Range<Int> = 0..<0
  /// How many Unicode scalars ``key`` has.
  var keyLength = 0
  /// The first two UTF-8 bytes of ``key`` as one number, as ``KeyStarts/start(of:)`` gives it
  /// (0 for an empty key): what a search tells a word from before comparing strings.
  var keyStart = 0
  /// Whether the word's first Unicode scalar is upper-case (``startsUppercase(_:)`` of its text).
  var startsUppercase = false

  /// Whether the word is all ASCII (its UTF-8 and UTF-16 lengths agree only then).
  var isASCII: Bool { utf8Range.count == range.count }
}

/// A word of a glossary term, with its text: terms are split once and compared with many texts.
struct TermWord: Equatable, Sendable {
  /// The word lower-cased and without diacritics, as ``WordToken/key``.
  var key: String
  /// The word as written.
  var surface: String
  /// How many Unicode scalars ``key`` has.
  var keyLength: Int
  /// Whether ``surface`` is all ASCII.
  var isASCII: Bool
  /// Whether the word is two or more letters, all capitals (``EnglishTermMatcher/isAcronym(_:)``).
  var isAcronym: Bool
  /// ``LatinFolds/decomposedStart(_:)`` of the word's first scalar.
  var decomposedStart: UInt32

  init(key: String, surface: String, keyLength: Int, isASCII: Bool) {
    self.key = key
    self.surface = surface
    self.keyLength = keyLength
    self.isASCII = isASCII
    isAcronym = EnglishTermMatcher.isAcronym(surface)
    decomposedStart = LatinFolds.decomposedStart(surface.unicodeScalars.first?.value ?? 0)
  }
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
            let value = Self.scalarValue(bytes, at: i, lead: lead)
            width = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
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
            if lead >= 0x80 {
              isASCII = false
            } else {
              // The ASCII letters and digits that follow, read in one tight loop (most words).
              if lead <= 0x5A && lead >= 0x41 { hasCapital = true }
              var j = i + 1
              while j < bytes.count, isASCIIWordByte(bytes[j]) {
                if bytes[j] <= 0x5A && bytes[j] >= 0x41 { hasCapital = true }
                j += 1
              }
              offset += j - i
              i = j
              continue
            }
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

  /// The value of the (valid) UTF-8 scalar of more than one byte that starts at `bytes[i]`.
  @inline(__always)
  private static func scalarValue(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, lead: UInt8) -> UInt32 {
    if lead < 0xE0 {
      return UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
    } else if lead < 0xF0 {
      return UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
    }
    return UInt32(lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
      | UInt32(bytes[i + 3] & 0x3F)
  }

  /// The word at `range` of `bytes` (`utf16`: the same place in UTF-16 offsets), its key
  /// folded as ``foldKey(_:)`` folds it, knowing already whether it is ASCII and has a capital.
  private static func token(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, utf16: Range<Int>,
                            isASCII: Bool, hasCapital: Bool, latin: LatinFolds.Tables) -> WordToken {
    let word = UnsafeBufferPointer(rebasing: bytes[range])
    if isASCII {
      // The key is the word with A–Z lowered (``foldKey(_:)`` of an ASCII word), made from
      // the bytes at hand in one string.
      let key: String
      if hasCapital {
        key = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { out in
          for k in 0..<word.count { out[k] = word[k] >= 0x41 && word[k] <= 0x5A ? word[k] + 0x20 : word[k] }
          return String(decoding: UnsafeBufferPointer(out), as: UTF8.self)
        }
      } else {
        key = String(decoding: word, as: UTF8.self)
      }
      let first = Int(word[0] | (word[0] >= 0x41 && word[0] <= 0x5A ? 0x20 : 0))
      let second = word.count > 1 ? Int(word[1] | (word[1] >= 0x41 && word[1] <= 0x5A ? 0x20 : 0)) : 0
      return WordToken(range: utf16, key: key, utf8Range: range, keyLength: range.count, keyStart: first << 8 | second,
                       startsUppercase: word[0] >= 0x41 && word[0] <= 0x5A)
    }
    // The first scalar's case: a Latin letter's from the table, any other from its properties.
    let startsUppercase: Bool
    if word[0] < 0x80 {
      startsUppercase = word[0] >= 0x41 && word[0] <= 0x5A
    } else {
      let value = scalarValue(word, at: 0, lead: word[0])
      startsUppercase = value < LatinFolds.end ? latin.isUppercase[Int(value - LatinFolds.first)]
        : Unicode.Scalar(value)!.properties.isUppercase
    }
    // Latin letters fold from the bytes at hand; any other word through Foundation.
    if let (key, length, start) = latin.fold(utf8: word) {
      return WordToken(range: utf16, key: key, utf8Range: range, keyLength: length, keyStart: start,
                       startsUppercase: startsUppercase)
    }
    let key = foundationFold(String(decoding: word, as: UTF8.self))
    return WordToken(range: utf16, key: key, utf8Range: range, keyLength: key.unicodeScalars.count,
                     keyStart: KeyStarts.start(of: key), startsUppercase: startsUppercase)
  }

  /// The words with their texts, as a glossary term's words are kept.
  var termWords: [TermWord] {
    tokens.indices.map { k in
      TermWord(key: tokens[k].key, surface: surface(k), keyLength: tokens[k].keyLength, isASCII: tokens[k].isASCII)
    }
  }

  /// Word `k` as written.
  func surface(_ k: Int) -> String {
    string(utf8: tokens[k].utf8Range)
  }

  /// Whether word `k` is written as `word` (``surface(_:)`` `==` its surface): two ASCII words
  /// are compared by their bytes, any other pair as strings (canonically equal forms may differ
  /// in bytes).
  func surface(_ k: Int, isWrittenAs word: TermWord) -> Bool {
    guard mayBeWritten(k, startingAs: word.decomposedStart) else { return false }
    if tokens[k].isASCII && word.isASCII { return bytes(tokens[k].utf8Range, equal: word.surface) }
    return surface(k) == word.surface
  }

  /// False when word `k` cannot be written as a word whose first scalar decomposes to start
  /// with `start` (``TermWord/decomposedStart``): canonically equal texts decompose to the same
  /// scalars, so they start with the same one, and two words whose first scalars decompose to
  /// start with different ASCII letters or digits (which nothing moves from the front) differ.
  @inline(__always)
  func mayBeWritten(_ k: Int, startingAs start: UInt32) -> Bool {
    let lower = tokens[k].utf8Range.lowerBound
    let own = LatinFolds.decomposedStart(withBytes { bytes in Self.firstScalar(bytes, at: lower) })
    return own == start || !LatinFolds.isASCIIWordStart(own) || !LatinFolds.isASCIIWordStart(start)
  }

  /// The value of the (valid) UTF-8 scalar that starts at `bytes[i]`.
  private static func firstScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
    bytes[i] < 0x80 ? UInt32(bytes[i]) : scalarValue(bytes, at: i, lead: bytes[i])
  }

  /// Whether the text's bytes at `range` are the UTF-8 bytes of `other`.
  func bytes(_ range: Range<Int>, equal other: String) -> Bool {
    guard other.utf8.count == range.count else { return false }
    return withBytes { bytes in UnsafeBufferPointer(rebasing: bytes[range]).elementsEqual(other.utf8) }
  }

  /// Whether word `k` has a letter (``Rules/hasLetter(_:)`` of its text): an ASCII word's bytes
  /// are read in place, any other word's text is made.
  func hasLetter(_ k: Int) -> Bool {
    let range = tokens[k].utf8Range
    let asciiLetter = withBytes { bytes in
      UnsafeBufferPointer(rebasing: bytes[range]).contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
    }
    // An ASCII word has no other letters; another word's scalars are asked for their property.
    return asciiLetter || (!tokens[k].isASCII && Rules.hasLetter(surface(k)))
  }

  /// The text between the end of token `i` and the start of token `i + 1`.
  func gap(after i: Int) -> Substring {
    slice(utf8: tokens[i].utf8Range.upperBound..<tokens[i + 1].utf8Range.lowerBound)
  }

  /// Whether the gap after token `i` keeps it and the next one a name:
  /// ``EnglishTermMatcher/joins(_:)`` of ``gap(after:)``, read from its bytes.
  ///
  /// The characters that join (a space, a hyphen, a no-break space, a period, a non-breaking
  /// hyphen) are each one scalar that combines with nothing, so the gap joins when it is at most
  /// three of these scalars without a period followed by a space; any other scalar does not join.
  func gapJoins(after i: Int) -> Bool {
    let range = tokens[i].utf8Range.upperBound..<tokens[i + 1].utf8Range.lowerBound
    // Three scalars of at most three bytes each.
    guard range.count <= 9 else { return false }
    return withBytes { bytes in
      var scalars = 0
      var afterPeriod = false
      var b = range.lowerBound
      while b < range.upperBound {
        let lead = bytes[b]
        let isPeriod = lead == 0x2E
        if lead == 0x20 || lead == 0x2D || isPeriod {
          if lead == 0x20 && afterPeriod { return false }
          b += 1
        } else if lead == 0xC2 && b + 1 < range.upperBound && bytes[b + 1] == 0xA0 {  // U+00A0
          b += 2
        } else if lead == 0xE2 && b + 2 < range.upperBound && bytes[b + 1] == 0x80 && bytes[b + 2] == 0x91 {  // U+2011
          b += 3
        } else {
          return false
        }
        afterPeriod = isPeriod
        scalars += 1
      }
      return scalars <= 3
    }
  }

  /// The text of tokens `first...last` and what stands between them.
  func text(ofTokens first: Int, _ last: Int) -> String {
    string(utf8: tokens[first].utf8Range.lowerBound..<tokens[last].utf8Range.upperBound)
  }

  /// The text at UTF-8 offsets `range` (which fall between scalars) as a string of its own.
  private func string(utf8 range: Range<Int>) -> String {
    withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
  }

  /// Calls `body` with the text's UTF-8 bytes (in place: a native string's are contiguous).
  @inline(__always)
  func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
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

  /// The first scalar of the canonical decomposition of each scalar below `end`.
  static let decompositionStarts: [UInt32] = (0..<end).map { value in
    let scalar = Unicode.Scalar(value)!
    return String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first?.value ?? value
  }

  /// The first scalar of the canonical decomposition of scalar `value` when it is below
  /// ``end`` (`value` itself otherwise, and for a scalar that does not decompose).
  @inline(__always)
  static func decomposedStart(_ value: UInt32) -> UInt32 {
    value < end ? decompositionStarts[Int(value)] : value
  }

  /// Whether `value` is an ASCII letter or digit: a scalar that does not decompose and that
  /// canonical ordering never moves (it combines with nothing before it).
  @inline(__always)
  static func isASCIIWordStart(_ value: UInt32) -> Bool {
    value < 0x80 && isASCIIWordByte(UInt8(value))
  }

  /// Whether scalar `first + i` is upper-case (its `properties.isUppercase`, asked once).
  static let isUppercase: [Bool] = (first..<end).map { Unicode.Scalar($0)!.properties.isUppercase }

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
    let isUppercase: UnsafeBufferPointer<Bool>
    let foldBytes: UnsafeBufferPointer<UInt8>
    let foldStarts: UnsafeBufferPointer<Int>
    let foldScalarCounts: UnsafeBufferPointer<Int>
    let maxFoldBytes: Int

    /// ``LatinFolds/fold(_:)`` of the word whose (valid) UTF-8 is `utf8`, made from its bytes in
    /// one temporary buffer, with the key's length in Unicode scalars counted from the table and
    /// its first two bytes (``KeyStarts/start(of:)``); nil when the word has a scalar the table
    /// does not hold.
    func fold(utf8: UnsafeBufferPointer<UInt8>) -> (key: String, length: Int, start: Int)? {
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
        let start = n == 0 ? 0 : Int(out[0]) << 8 | (n > 1 ? Int(out[1]) : 0)
        return (String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self), length, start)
      }
    }
  }

  /// Calls `body` with the tables as ``Tables``.
  static func withTables<R>(_ body: (Tables) throws -> R) rethrows -> R {
    try isWord.withUnsafeBufferPointer { isWord in
      try isUppercase.withUnsafeBufferPointer { isUppercase in
        try foldBytes.withUnsafeBufferPointer { foldBytes in
          try foldStarts.withUnsafeBufferPointer { foldStarts in
            try foldScalarCounts.withUnsafeBufferPointer { counts in
              try body(Tables(isWord: isWord, isUppercase: isUppercase, foldBytes: foldBytes, foldStarts: foldStarts,
                              foldScalarCounts: counts, maxFoldBytes: maxFoldBytes))
            }
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
