import Foundation

/// What the aligner compares of each sentence: its length and its anchor keys.
///
/// A key stands for a word that tends to survive translation between Romanian and English:
/// the first four letters of a longer word, folded to lower case without diacritics (names
/// and their inflected forms, "Kremlinului" ↔ "Kremlin"; cognates, "președintele" ↔
/// "president"), an acronym ("UE", "NATO"), or a number with its group and decimal marks
/// removed (Romanian "1.234,56" ↔ English "1,234.56"). *Strong* keys are the numbers and the
/// capitalised words that do not start the sentence: names, which a translation keeps.
///
/// All sentences' keys live in two flat arrays, each sentence's sorted and without repeats.
struct AnchorKeys: Sendable {
  /// Each sentence's length in Unicode scalars.
  private(set) var lengths: [Int32] = []
  /// All keys; sentence *i*'s are `keys[keyStarts[i]..<keyStarts[i + 1]]`.
  private(set) var keys: [UInt32] = []
  private(set) var keyStarts: [Int32] = [0]
  /// All strong keys, laid out like ``keys``.
  private(set) var strong: [UInt32] = []
  private(set) var strongStarts: [Int32] = [0]

  var count: Int { lengths.count }

  init(_ sentences: [String]) {
    lengths.reserveCapacity(sentences.count)
    keyStarts.reserveCapacity(sentences.count + 1)
    strongStarts.reserveCapacity(sentences.count + 1)
    var scratch: [UInt32] = []
    var strongScratch: [UInt32] = []
    for sentence in sentences {
      scratch.removeAll(keepingCapacity: true)
      strongScratch.removeAll(keepingCapacity: true)
      let length = Self.extract(sentence, keys: &scratch, strong: &strongScratch)
      lengths.append(Int32(clamping: length))
      Self.appendSortedUnique(&scratch, to: &keys)
      keyStarts.append(Int32(keys.count))
      Self.appendSortedUnique(&strongScratch, to: &strong)
      strongStarts.append(Int32(strong.count))
    }
  }

  /// Sentence `i`'s keys.
  @inline(__always) func keys(_ i: Int) -> ArraySlice<UInt32> {
    keys[Int(keyStarts[i])..<Int(keyStarts[i + 1])]
  }

  /// Sentence `i`'s strong keys.
  @inline(__always) func strong(_ i: Int) -> ArraySlice<UInt32> {
    strong[Int(strongStarts[i])..<Int(strongStarts[i + 1])]
  }

  private static func appendSortedUnique(_ items: inout [UInt32], to array: inout [UInt32]) {
    items.sort()
    var last: UInt32? = nil
    for k in items where k != last {
      array.append(k)
      last = k
    }
  }

  /// The key kinds, mixed into the hash so that a number never equals a word.
  private enum Kind: UInt32 { case prefix = 1, acronym = 2, number = 3 }

  /// Appends `sentence`'s keys and strong keys; returns its length in scalars.
  static func extract(_ sentence: String, keys: inout [UInt32], strong: inout [UInt32]) -> Int {
    var length = 0
    var tokenIndex = 0
    // The word being read.
    var inWord = false
    var wordLetters = 0
    var wordCapitalised = false
    var wordAllCaps = true
    var hash = Hash()
    var acronymHash = Hash()
    // The number being read: digits, with single . , : between digits.
    var inNumber = false
    var numberHash = Hash()
    var pendingSeparator = false

    func endWord() {
      guard inWord else { return }
      var key: UInt32? = nil
      if wordLetters >= 4 {
        key = hash.value(.prefix)
      } else if wordLetters >= 2 && wordAllCaps {
        key = acronymHash.value(.acronym)
      }
      if let key {
        keys.append(key)
        if wordCapitalised && tokenIndex > 0 { strong.append(key) }
      }
      tokenIndex += 1
      inWord = false
    }
    func endNumber() {
      guard inNumber else { return }
      let key = numberHash.value(.number)
      keys.append(key)
      strong.append(key)
      tokenIndex += 1
      inNumber = false
      pendingSeparator = false
    }

    for scalar in sentence.unicodeScalars {
      length += 1
      let v = scalar.value
      if v >= 0x30 && v <= 0x39 {
        if inWord { endWord() }
        if !inNumber {
          inNumber = true
          numberHash = Hash()
        }
        pendingSeparator = false
        numberHash.add(v)
        continue
      }
      if inNumber {
        if (v == 0x2E || v == 0x2C || v == 0x3A) && !pendingSeparator {
          pendingSeparator = true
          continue
        }
        endNumber()
      }
      if isLetter(scalar) {
        if !inWord {
          inWord = true
          wordLetters = 0
          wordAllCaps = true
          wordCapitalised = isUppercase(scalar)
          hash = Hash()
          acronymHash = Hash()
        }
        let folded = fold(scalar)
        if wordLetters < 4 { hash.add(folded) }
        acronymHash.add(folded)
        if !isUppercase(scalar) { wordAllCaps = false }
        wordLetters += 1
      } else if inWord && (v == 0x27 || v == 0x2019) {
        // "country's": the apostrophe stays inside the word.
        continue
      } else {
        endWord()
      }
    }
    endWord()
    endNumber()
    return length
  }

  /// FNV-1a over scalar values.
  private struct Hash {
    var h: UInt32 = 2_166_136_261
    @inline(__always) mutating func add(_ v: UInt32) {
      h = (h ^ (v & 0xFF)) &* 16_777_619
      h = (h ^ (v >> 8)) &* 16_777_619
    }
    @inline(__always) func value(_ kind: Kind) -> UInt32 { (h ^ kind.rawValue) &* 16_777_619 }
  }
}

@inline(__always) private func isLetter(_ s: Unicode.Scalar) -> Bool {
  let v = s.value
  if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
  return s.properties.isAlphabetic
}

@inline(__always) private func isUppercase(_ s: Unicode.Scalar) -> Bool {
  let v = s.value
  if v < 0x80 { return v >= 0x41 && v <= 0x5A }
  return s.properties.isUppercase
}

/// A letter in lower case without diacritics: "Ș" → "s", "é" → "e", "ä" → "a".
@inline(__always) func fold(_ s: Unicode.Scalar) -> UInt32 {
  let v = s.value
  if v < 0x80 { return v >= 0x41 && v <= 0x5A ? v + 0x20 : v }
  if v >= 0xC0 && v < 0x250 { return latinFolds[Int(v - 0xC0)] }
  return s.properties.lowercaseMapping.unicodeScalars.first?.value ?? v
}

/// Folds of U+00C0…U+024F (Latin-1 Supplement, Latin Extended-A and B), computed once from the
/// canonical decompositions.
private let latinFolds: [UInt32] = (0xC0..<0x250).map { (v: UInt32) -> UInt32 in
  guard let scalar = Unicode.Scalar(v) else { return v }
  let lowered = String(Character(scalar)).lowercased().decomposedStringWithCanonicalMapping
  return lowered.unicodeScalars.first?.value ?? v
}
