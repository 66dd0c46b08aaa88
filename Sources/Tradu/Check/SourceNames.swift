/// Finds glossary names in a Romanian source in two ways the glossary matcher does not look for:
/// an English name the source quotes as it is ("Massachusetts Institute of Technology" for the
/// entry "Institutul" → "Institute"), and a capitalized adjective inflected like a Romanian one
/// ("America Centrală", "Banca Mondială" for the entries "Central", "Mondial").
///
/// Both are names a reviewer sees at a glance; without them an entry the source plainly names
/// would never be asked for in the translation.
struct SourceNames: Sendable {
  /// Entries whose source is one capitalized word ending in a consonant, by its folded key.
  private let adjectives: [String: [GlossaryEntry]]
  /// Capitalized approved targets of two letters or more, by the key of their first word,
  /// longest first, each with its words.
  private let englishNames: [String: [(entry: GlossaryEntry, term: String, words: [TermWord])]]
  /// The first two bytes of the keys of ``englishNames`` and of ``adjectives``: a token whose
  /// key starts otherwise is looked up in neither (an adjective's stem, four letters or more,
  /// starts as the token does).
  private let englishNameStarts: KeyStarts
  private let adjectiveStarts: KeyStarts

  /// Endings a Romanian adjective (or noun) ending in a consonant takes, folded:
  /// "Centrală"/"Centrale", "Mondiali", "Globalei", "Centralul", "Mondialele".
  static let inflectionEndings: Set<String> = ["a", "e", "i", "ei", "ii", "ul", "ului", "ele", "elor", "ilor"]

  init(entries: some Sequence<GlossaryEntry>) {
    var adjectives: [String: [GlossaryEntry]] = [:]
    var english: [String: [(entry: GlossaryEntry, term: String, words: [TermWord])]] = [:]
    for entry in entries where !entry.doNotTranslate {
      let words = WordTokens(entry.source).termWords
      if words.count == 1, let word = words.first, word.key.count >= 4,
         word.surface.unicodeScalars.first?.properties.isUppercase == true,
         let last = word.key.last, !"aeiouy".contains(last) {
        adjectives[word.key, default: []].append(entry)
      }
      for target in entry.targets where target.status != .forbidden {
        let termWords = EnglishTermMatcher.termWords(target.term)
        guard let first = termWords.first, termWords.map(\.key).joined().count >= 2,
              first.surface.unicodeScalars.first?.properties.isUppercase == true
        else { continue }
        english[first.key, default: []].append((entry, target.term, termWords))
      }
    }
    self.adjectives = adjectives
    englishNameStarts = KeyStarts(english.keys)
    adjectiveStarts = KeyStarts(adjectives.keys)
    // Sorted once as `matches` used to sort them for each token (a stable sort: equal lengths
    // keep the glossary's order).
    self.englishNames = english.mapValues { candidates in
      candidates.enumerated().sorted { a, b in
        a.element.term.count != b.element.term.count ? a.element.term.count > b.element.term.count : a.offset < b.offset
      }.map(\.element)
    }
  }

  /// The names of `source` that `found` (the glossary matcher's matches) does not already cover.
  func matches(in source: WordTokens, besides found: [GlossaryMatch]) -> [GlossaryMatch] {
    var result: [GlossaryMatch] = []
    // One lookup per capitalized token, so a source naming a term thousands of times stays
    // linear: `found` is searched by bisection; `result` grows left to right without overlaps,
    // so only its last range can reach the token.
    let taken = TakenRanges(found.map(\.range))
    func isFree(_ range: Range<Int>) -> Bool {
      !taken.overlaps(range) && !(result.last?.range.overlaps(range) ?? false)
    }
    let tokens = source.tokens
    for i in tokens.indices {
      // The token's fields are read in place (a copy of the whole token costs a string's count).
      guard tokens[i].startsUppercase else { continue }
      let key = tokens[i].key, tokenRange = tokens[i].range
      let start = tokens[i].keyStart
      // An English name written as it is: the longest one starting here.
      if englishNameStarts.contains(start), let candidates = englishNames[key] {
        for (entry, _, words) in candidates {
          guard i + words.count <= tokens.count,
                words.indices.allSatisfy({ j in
                  source.surface(i + j, isWrittenAs: words[j])
                    && (j == 0 || source.gapJoins(after: i + j - 1))
                })
          else { continue }
          let range = tokenRange.lowerBound..<tokens[i + words.count - 1].range.upperBound
          guard isFree(range) else { continue }
          result.append(GlossaryMatch(entryID: entry.id, source: entry.source,
                                      matched: EnglishTermMatcher.slice(source.text, range),
                                      range: range, kind: .exact, targets: entry.targets))
          break
        }
      }
      guard isFree(tokenRange), adjectiveStarts.contains(start) else { continue }
      // A capitalized adjective with a Romanian ending on a name that ends in a consonant.
      if let entry = adjective(ofASCIIKey: key, length: tokens[i].keyLength) {
        if let entry {
          result.append(GlossaryMatch(entryID: entry.id, source: entry.source, matched: source.surface(i),
                                      range: tokenRange, kind: .inflected, targets: entry.targets))
        }
        continue
      }
      for cut in 1...min(4, max(1, key.count - 4)) {
        guard Self.inflectionEndings.contains(String(key.suffix(cut))),
              let entries = adjectives[String(key.dropLast(cut))], let entry = entries.first
        else { continue }
        result.append(GlossaryMatch(entryID: entry.id, source: entry.source, matched: source.surface(i),
                                    range: tokenRange, kind: .inflected, targets: entry.targets))
        break
      }
    }
    return result
  }
}

extension SourceNames {
  /// The endings of ``inflectionEndings`` as bytes.
  private static let inflectionEndingBytes: [[UInt8]] = inflectionEndings.map { Array($0.utf8) }

  /// For a key of `length` scalars that is all ASCII: the entry of ``adjectives`` the key
  /// inflects (`.some(nil)` when none), as the loop over its endings in
  /// ``matches(in:besides:)`` finds it, read from the key's bytes (an ASCII key's characters
  /// are its bytes). Nil for any other key, which that loop reads.
  ///
  /// An ending is tried only when the stem left could be a key of ``adjectives``: four
  /// letters or more, the last a consonant.
  fileprivate func adjective(ofASCIIKey key: String, length: Int) -> GlossaryEntry?? {
    let bytes = key.utf8
    guard bytes.count == length else { return nil }
    guard !adjectives.isEmpty else { return .some(nil) }
    for cut in 1...min(4, max(1, length - 4)) {
      guard length - cut >= 4, !"aeiouy".utf8.contains(bytes[bytes.index(bytes.endIndex, offsetBy: -cut - 1)]),
            Self.inflectionEndingBytes.contains(where: { $0.count == cut && bytes.suffix(cut).elementsEqual($0) }),
            let entries = adjectives[String(decoding: bytes.dropLast(cut), as: UTF8.self)], let entry = entries.first
      else { continue }
      return .some(entry)
    }
    return .some(nil)
  }
}

/// The first two UTF-8 bytes of a set of keys (one byte and 0 for a key of one byte), asked
/// without hashing whether a key may be one of them.
struct KeyStarts: Sendable {
  private var bits = [UInt64](repeating: 0, count: 1 << 10)

  init(_ keys: some Sequence<String>) {
    for key in keys {
      let start = Self.start(of: key)
      bits[start >> 6] |= 1 << UInt64(start & 63)
    }
  }

  /// The first two bytes of `key` as one number.
  @inline(__always)
  static func start(of key: String) -> Int {
    var utf8 = key.utf8.makeIterator()
    guard let first = utf8.next() else { return 0 }
    return Int(first) << 8 | Int(utf8.next() ?? 0)
  }

  /// Whether a key of the set starts with `start` (see ``start(of:)``).
  @inline(__always)
  func contains(_ start: Int) -> Bool {
    bits[start >> 6] & (1 << UInt64(start & 63)) != 0
  }
}

/// Whether `text` starts with an upper-case scalar (`unicodeScalars.first?.properties.isUppercase`;
/// an ASCII lead byte is told without the property tables).
@inline(__always)
func startsUppercase(_ text: String) -> Bool {
  guard let lead = text.utf8.first else { return false }
  if lead < 0x80 { return lead >= 0x41 && lead <= 0x5A }
  return text.unicodeScalars.first!.properties.isUppercase
}

/// Ranges already claimed, asked in O(log *n*) whether a range overlaps one of them (the ranges
/// may come in any order and overlap each other).
struct TakenRanges {
  /// Lower bounds of the non-empty ranges, ascending.
  private let lowerBounds: [Int]
  /// `maxUpperBound[i]`: the largest upper bound of the first `i + 1` ranges in that order.
  private let maxUpperBound: [Int]

  init(_ ranges: [Range<Int>]) {
    // Most texts name nothing: no ranges, nothing to sort.
    guard !ranges.isEmpty else {
      lowerBounds = []
      maxUpperBound = []
      return
    }
    let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
    lowerBounds = sorted.map(\.lowerBound)
    var maxima: [Int] = []
    maxima.reserveCapacity(sorted.count)
    for range in sorted { maxima.append(max(maxima.last ?? Int.min, range.upperBound)) }
    maxUpperBound = maxima
  }

  /// Whether `range` shares a position with one of the ranges (`Range.overlaps`).
  func overlaps(_ range: Range<Int>) -> Bool {
    guard !range.isEmpty else { return false }
    // How many ranges start before `range` ends: one of them overlaps when it ends after
    // `range` starts.
    var low = 0
    var high = lowerBounds.count
    while low < high {
      let middle = (low + high) / 2
      if lowerBounds[middle] < range.upperBound { low = middle + 1 } else { high = middle }
    }
    return low > 0 && maxUpperBound[low - 1] > range.lowerBound
  }

  /// Whether one of the ranges contains `position`.
  func contains(_ position: Int) -> Bool {
    overlaps(position..<(position + 1))
  }
}
