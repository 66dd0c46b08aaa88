import Foundation

/// Finds a glossary's terms in running Romanian text, inflected forms included.
///
/// Text is cut into tokens at ICU word boundaries and each token is folded to a key (case,
/// diacritics and cedillas removed). Every entry is compiled once into a pattern of per-token
/// key sets: for `inflect` entries, the forms that ``RomanianInflection`` generates, tagged with
/// grammatical slots so the words of a name agree ("Casei Albe", not "Casei Albă"). Keys are
/// numbered in a ``KeyTable``; a token of the text is looked up there from its folded UTF-16
/// units, and patterns are indexed by the numbers of their first token's keys, so matching
/// costs one hash probe per token whatever the glossary's size, and builds no string for a
/// token that no term uses.
///
/// Matches never overlap; at each place the longest wins, then the closest kind (exact before
/// folded before inflected), then the earlier entry.
public struct GlossaryMatcher: Sendable {
  /// The glossary being matched.
  public let glossary: Glossary
  /// Every pattern, with its tokens, keys and source tokens.
  private let table: PatternTable
  /// Every key a pattern uses, numbered.
  private let keys: KeyTable
  /// The patterns whose first token accepts key `k`:
  /// `firstTokenPatterns[firstTokenBounds[k]..<firstTokenBounds[k + 1]]`, in pattern order.
  private let firstTokenPatterns: [Int32]
  private let firstTokenBounds: [Int32]
  /// Stems of patterns whose first token is a stem (`prefix` mode, `Kremlin|ul`), numbered.
  private let stems: KeyTable
  /// The patterns of each stem.
  private let stemPatterns: [[Int32]]
  /// The distinct UTF-16 lengths of the stems, ascending.
  private let stemLengths: [Int]
  private let hyphenKey: Int32
  private let luiKey: Int32
  private let hyphenatedEndingKeys: Set<Int32>
  /// Which tokens of a text the matcher needs beside those whose key a term uses: words,
  /// when some term has a stem (`prefix` mode, `Kremlin|ul`), which matches words by prefix.
  private let unkeyedTokens: UnkeyedTokens
  /// The UTF-16 units of `table.sourceTokens`, back to back: source token `t` is
  /// `sourceUnits[sourceUnitBounds[t]..<sourceUnitBounds[t + 1]]`, compared with a text's
  /// tokens without building strings.
  private let sourceUnits: [UInt16]
  private let sourceUnitBounds: [Int32]
  /// The entries whose source holds memoQ stem markers ("Kremlin|ul"), whose matches name
  /// the term without them; found once, so a match of any other entry takes its source as is.
  private let isStemMarked: [Bool]

  /// Compiles `glossary` for matching.
  public init(_ glossary: Glossary) {
    self.glossary = glossary
    var (table, keys) = Self.compile(glossary.entries)
    if !glossary.foundOnlyCapitalized.isEmpty {
      for p in table.patterns.indices where glossary.foundOnlyCapitalized.contains(glossary.entries[Int(table.patterns[p].entry)].id) {
        table.patterns[p].needsCapital = table.patterns[p].sourceStartsWithCapital
      }
    }
    hyphenKey = keys.intern("-")
    luiKey = keys.intern("lui")
    hyphenatedEndingKeys = Set(RomanianInflection.hyphenatedEndings.map { keys.intern($0) })

    // The first-token index, flattened: count, then place.
    var bounds = [Int32](repeating: 0, count: keys.count + 1)
    var stems = KeyTable()
    var stemPatterns: [[Int32]] = []
    for pattern in table.patterns {
      if case .forms(let start, let end) = table.tokens[Int(pattern.tokenStart)] {
        for k in Int(start)..<Int(end) { bounds[Int(table.formKeys[k]) + 1] += 1 }
      }
    }
    for k in 0..<keys.count { bounds[k + 1] += bounds[k] }
    var next = bounds
    var list = [Int32](repeating: 0, count: Int(bounds[keys.count]))
    for (p, pattern) in table.patterns.enumerated() {
      switch table.tokens[Int(pattern.tokenStart)] {
      case .forms(let start, let end):
        for k in Int(start)..<Int(end) {
          let key = Int(table.formKeys[k])
          list[Int(next[key])] = Int32(p)
          next[key] += 1
        }
      case .prefix(let start, let end):
        let id = Int(stems.intern(Array(table.stem(start, end))))
        if id == stemPatterns.count { stemPatterns.append([]) }
        stemPatterns[id].append(Int32(p))
      }
    }
    var lengths = Set<Int>()
    for id in 0..<stems.count { lengths.insert(stems.units(of: Int32(id)).count) }
    self.table = table
    firstTokenPatterns = list
    firstTokenBounds = bounds
    self.stems = stems
    self.stemPatterns = stemPatterns
    stemLengths = lengths.sorted()
    let hasStems = table.tokens.contains { if case .prefix = $0 { true } else { false } }
    unkeyedTokens = hasStems ? .wordsKept : .leftOut
    var unitBounds: [Int32] = [0]
    unitBounds.reserveCapacity(table.sourceTokens.count + 1)
    // A token has at most as many UTF-16 units as UTF-8 bytes.
    let room = table.sourceTokens.reduce(0) { $0 + $1.utf8.count }
    sourceUnits = [UInt16](unsafeUninitializedCapacity: room) { buffer, count in
      count = 0
      for token in table.sourceTokens {
        count += Self.writeUTF16(of: token, to: buffer.baseAddress! + count)
        unitBounds.append(Int32(count))
      }
    }
    sourceUnitBounds = unitBounds
    isStemMarked = glossary.entries.map { entry in
      entry.source.utf8.withContiguousStorageIfAvailable { $0.contains(0x7C) } ?? entry.source.utf8.contains(0x7C)  // "|"
    }
    keys.sealFilter()
    self.keys = keys
  }

  /// Every entry's patterns, in entry order, and the keys they use; a large glossary is
  /// compiled in parallel chunks, whose key numbers are then made one.
  private static func compile(_ entries: [GlossaryEntry]) -> (PatternTable, KeyTable) {
    let chunkCount = entries.count < 4_000 ? 1 : max(1, min(Cores.count, 8))
    let chunkSize = (entries.count + chunkCount - 1) / chunkCount
    var results = parallelMap(chunkCount) { chunk -> (PatternTable, KeyTable) in
      let range = (chunk * chunkSize)..<min(entries.count, (chunk + 1) * chunkSize)
      var compiler = PatternCompiler(entries: range.count)
      for index in range {
        compiler.addPatterns(for: entries[index], index: Int32(index))
      }
      return (compiler.table, compiler.keys)
    }
    var (table, keys) = results[0]
    results[0] = (PatternTable(), KeyTable())
    for chunk in 1..<chunkCount {
      let numbers = keys.intern(contentsOf: results[chunk].1)
      table.append(results[chunk].0, renumbering: numbers)
      results[chunk] = (PatternTable(), KeyTable())
    }
    return (table, keys)
  }

  /// The glossary terms found in `text`, in text order, without overlaps.
  ///
  /// - Throws: ``TraduError/icu(_:)`` when ICU's word breaking fails, rather than report a
  ///   text without terms.
  public func matches(in text: String) throws(TraduError) -> [GlossaryMatch] {
    guard !table.patterns.isEmpty, !text.isEmpty else { return [] }
    return try matches(inUnits: [UInt16](utf16Of: text))
  }

  /// The glossary terms found in the text whose UTF-16 units are `units`.
  func matches(inUnits units: [UInt16]) throws(TraduError) -> [GlossaryMatch] {
    guard !table.patterns.isEmpty, !units.isEmpty else { return [] }
    let breaker = WordBreaker()
    var tokens = TextTokens(over: units)
    tokens.unkeyed = unkeyedTokens
    var scratch: [UInt16] = []
    var found: [Found] = []
    // Paragraph by paragraph (in pieces of at least 64K units): a term never spans a blank
    // line, and ICU always breaks after a line break, so the pieces cut the text as a whole.
    var spanStart = 0
    while spanStart < units.count {
      let spanEnd = Self.pieceEnd(units, from: spanStart, atLeast: 1 << 16)
      do {
        try tokens.tokenize(spanStart..<spanEnd, table: keys, breaker: breaker)
      } catch {
        throw .icu(error)
      }
      var i = 0
      let noStems = stemLengths.isEmpty
      while i < tokens.count {
        // Most tokens start no term: tell them at once, without a call.
        let key = Int(tokens.items[i].key)
        if noStems && (key < 0 || firstTokenBounds[key] == firstTokenBounds[key + 1]) {
          i += 1
          continue
        }
        guard let best = bestMatch(at: i, tokens, &scratch) else {
          i += 1
          continue
        }
        found.append(makeFound(best, tokens))
        i = best.endToken
      }
      spanStart = spanEnd
    }
    // The matches are built once all are found, into storage of the right size.
    var result: [GlossaryMatch] = []
    result.reserveCapacity(found.count)
    units.withUnsafeBufferPointer { text in
      glossary.entries.withUnsafeBufferPointer { entries in
        for f in found {
          // The entry's fields, not the whole entry, are read.
          let entry = entries.baseAddress! + Int(f.entry)
          result.append(GlossaryMatch(
            entryID: entry.pointee.id,
            source: isStemMarked[Int(f.entry)] ? GlossaryEntry.term(of: entry.pointee.source) : entry.pointee.source,
            matched: String(utf16CodeUnits: UnsafeBufferPointer(rebasing: text[f.range])), range: f.range, kind: f.kind,
            targets: entry.pointee.targets, proclitic: f.proclitic))
        }
      }
    }
    return result
  }

  /// Where the piece of text that starts at `start` ends: just after the first blank line
  /// ("\n\n") found `length` units or more further on, or at the end of the text.
  static func pieceEnd(_ units: [UInt16], from start: Int, atLeast length: Int) -> Int {
    var i = start + length
    guard i < units.count else { return units.count }
    return units.withUnsafeBufferPointer { buffer in
      while i + 1 < buffer.count {
        if buffer[i] == 0x0A && buffer[i + 1] == 0x0A { return i + 2 }
        i += 1
      }
      return buffer.count
    }
  }

  // MARK: Matching

  /// A pattern that matched at a token: where it ends and how.
  private struct Candidate {
    var pattern: Int32
    var startToken: Int
    /// One past the last token consumed (the hyphenated ending included).
    var endToken: Int
    var end: Int
    var hyphenatedEnding: Bool
    var kind: GlossaryMatchKind
  }

  private func bestMatch(at i: Int, _ tokens: TextTokens, _ scratch: inout [UInt16]) -> Candidate? {
    var best: Candidate?
    let key = Int(tokens.items[i].key)
    if key >= 0 {
      for k in Int(firstTokenBounds[key])..<Int(firstTokenBounds[key + 1]) {
        if let candidate = match(pattern: firstTokenPatterns[k], at: i, tokens), isBetter(candidate, than: best) {
          best = candidate
        }
      }
    }
    if !stemLengths.isEmpty && tokens.items[i].isWord {
      tokens.foldedKey(i, into: &scratch)
      for length in stemLengths where length <= scratch.count {
        let id = scratch.withUnsafeBufferPointer { stems.find(UnsafeBufferPointer(rebasing: $0[..<length])) }
        guard id >= 0 else { continue }
        for p in stemPatterns[Int(id)] {
          if let candidate = match(pattern: p, at: i, tokens), isBetter(candidate, than: best) { best = candidate }
        }
      }
    }
    return best
  }

  /// Whether `candidate` beats `best`: it ends later, or as late and is closer to the source
  /// as written, or as close and comes from an earlier entry.
  private func isBetter(_ candidate: Candidate, than best: Candidate?) -> Bool {
    guard let b = best else { return true }
    if candidate.end != b.end { return candidate.end > b.end }
    if candidate.kind.rank != b.kind.rank { return candidate.kind.rank < b.kind.rank }
    return table.patterns[Int(candidate.pattern)].entry < table.patterns[Int(b.pattern)].entry
  }

  private func match(pattern p: Int32, at start: Int, _ tokens: TextTokens) -> Candidate? {
    let pattern = table.patterns[Int(p)]
    let source = Int(pattern.sourceStart)
    if pattern.sourceStartsWithCapital && !tokens.startsWithCapital(start) {
      if pattern.needsCapital { return nil }
      // A capitalized term found in lower case must keep its diacritics: "guvernului" is the
      // Government, "puțin" (a little) is not "Putin".
      if tokens.items[start].key == table.sourceKeys[source], !sameInLowerCase(token: start, tokens, source: source) {
        return nil
      }
    }
    var slots = RomanianInflection.Slots.any
    var j = start
    var exactKeys = true
    for k in 0..<pattern.tokenCount {
      guard j < tokens.count else { return nil }
      if k > 0 && !tokens.separatedBySpaceOrNothing(j - 1, j) { return nil }
      let key = tokens.items[j].key
      switch table.tokens[Int(pattern.tokenStart) + k] {
      case .forms(let formStart, let formEnd):
        guard key >= 0, let s = table.slots(of: key, start: formStart, end: formEnd) else { return nil }
        if s.contains(.capitalOnly) && !tokens.startsWithCapital(j) { return nil }
        slots.formIntersection(s)
        if slots.isEmpty { return nil }
      case .prefix(let stemStart, let stemEnd):
        guard tokens.items[j].isWord else { return nil }
        var folded: [UInt16] = []
        tokens.foldedKey(j, into: &folded)
        guard folded.starts(with: table.stem(stemStart, stemEnd)) else { return nil }
      }
      // An extra form may have more words than the source ("Ministerul Finanțelor Publice").
      if k >= pattern.sourceCount || key != table.sourceKeys[source + k] { exactKeys = false }
      j += 1
    }
    var end = tokens.items[j - 1].range.upperBound
    var hyphenated = false
    // NATO-ului, SpaceX-ul: an ending after a hyphen, written without spaces.
    if j + 1 < tokens.count, tokens.items[j - 1].isWord, tokens.items[j].key == hyphenKey,
       tokens.items[j].range.lowerBound == end, tokens.items[j + 1].range.lowerBound == tokens.items[j].range.upperBound,
       hyphenatedEndingKeys.contains(tokens.items[j + 1].key) {
      end = tokens.items[j + 1].range.upperBound
      j += 2
      hyphenated = true
    }
    let kind: GlossaryMatchKind
    if hyphenated || !exactKeys || pattern.isExtraForm && !exactKeys {
      kind = .inflected
    } else if writtenAlike(start..<j, tokens, sources: source..<Int(pattern.sourceEnd)) {
      kind = .exact
    } else {
      kind = .folded
    }
    return Candidate(pattern: p, startToken: start, endToken: j, end: end, hyphenatedEnding: hyphenated, kind: kind)
  }

  /// Writes the UTF-16 units of `text`, decoded from its UTF-8, at `out` (room for one unit a
  /// byte); returns how many.
  private static func writeUTF16(of text: String, to out: UnsafeMutablePointer<UInt16>) -> Int {
    var text = text
    return text.withUTF8 { bytes in
      var b = 0, n = 0
      while b < bytes.count {
        let lead = UInt32(bytes[b])
        if lead < 0x80 {
          out[n] = UInt16(lead)
          b += 1
        } else if lead < 0xE0 {
          out[n] = UInt16((lead & 0x1F) << 6 | UInt32(bytes[b + 1] & 0x3F))
          b += 2
        } else if lead < 0xF0 {
          out[n] = UInt16(truncatingIfNeeded: (lead & 0x0F) << 12 | UInt32(bytes[b + 1] & 0x3F) << 6 | UInt32(bytes[b + 2] & 0x3F))
          b += 3
        } else {
          let scalar = (lead & 0x07) << 18 | UInt32(bytes[b + 1] & 0x3F) << 12 | UInt32(bytes[b + 2] & 0x3F) << 6
            | UInt32(bytes[b + 3] & 0x3F)
          out[n] = UInt16(truncatingIfNeeded: 0xD800 + ((scalar - 0x10000) >> 10))
          n += 1
          out[n] = UInt16(truncatingIfNeeded: 0xDC00 + ((scalar - 0x10000) & 0x3FF))
          b += 4
        }
        n += 1
      }
      return n
    }
  }

  /// Whether tokens `r` are written exactly as source tokens `sources`, unit for unit.
  private func writtenAlike(_ r: Range<Int>, _ tokens: TextTokens, sources: Range<Int>) -> Bool {
    guard r.count == sources.count else { return false }
    return tokens.units.withUnsafeBufferPointer { text in
      sourceUnits.withUnsafeBufferPointer { source in
        var t = sources.lowerBound
        for i in r {
          let token = tokens.items[i].range
          let start = Int(sourceUnitBounds[t])
          guard token.count == Int(sourceUnitBounds[t + 1]) - start else { return false }
          if token.count > 0, memcmp(text.baseAddress! + token.lowerBound, source.baseAddress! + start, token.count * 2) != 0 {
            return false
          }
          t += 1
        }
        return true
      }
    }
  }

  /// Whether token `i` and source token `t` are the same in lower case, diacritics kept and
  /// cedillas read as commas (``RomanianInflection/lowered(_:)``): unit by unit when both
  /// are Latin letters with one-unit lower cases, through strings otherwise.
  private func sameInLowerCase(token i: Int, _ tokens: TextTokens, source t: Int) -> Bool {
    let token = tokens.items[i].range
    let start = Int(sourceUnitBounds[t]), end = Int(sourceUnitBounds[t + 1])
    let simple = tokens.units.withUnsafeBufferPointer { text in
      sourceUnits.withUnsafeBufferPointer { source in
        LowerCase.same(UnsafeBufferPointer(rebasing: text[token]), UnsafeBufferPointer(rebasing: source[start..<end]))
      }
    }
    if let simple { return simple }
    return RomanianInflection.lowered(tokens.text(i)) == RomanianInflection.lowered(table.sourceTokens[t])
  }

  /// A match found, kept as plain numbers until every match of the text is known.
  private struct Found {
    var entry: Int32
    var range: Range<Int>
    var kind: GlossaryMatchKind
    var proclitic: Range<Int>?
  }

  private func makeFound(_ c: Candidate, _ tokens: TextTokens) -> Found {
    let range = tokens.items[c.startToken].range.lowerBound..<c.end
    var found = Found(entry: table.patterns[Int(c.pattern)].entry, range: range, kind: c.kind, proclitic: nil)
    // "lui Putin": the proclitic genitive article before a name.
    let before = c.startToken - 1
    if before >= 0, tokens.items[before].key == luiKey, tokens.separatedBySpaceOrNothing(before, c.startToken),
       tokens.items[before].range.upperBound < range.lowerBound {
      found.proclitic = tokens.items[before].range
    }
    return found
  }
}

extension GlossaryMatchKind {
  /// Lower is closer to the source term as written.
  var rank: Int {
    switch self {
    case .exact: return 0
    case .folded: return 1
    case .inflected: return 2
    }
  }
}

extension GlossaryEntry {
  /// The source term without memoQ stem markers: "Kremlin|ul" → "Kremlinul".
  public var term: String { Self.term(of: source) }

  /// `source` without memoQ stem markers (read from a stored property, the entry is not copied).
  static func term(of source: String) -> String {
    let marked = source.utf8.withContiguousStorageIfAvailable { $0.contains(0x7C) } ?? source.utf8.contains(0x7C)  // 0x7C: "|"
    return marked ? String(source.filter { $0 != "|" }) : source
  }
}


/// The lower case of the Latin letters below U+0250 whose lower case is one unit, as
/// ``RomanianInflection/lowered(_:)`` gives it (ş and ţ read as ș and ț); 0 for any other unit.
enum LowerCase {
  static let table: [UInt16] = (0..<0x250).map { (value: Int) -> UInt16 in
    guard let scalar = Unicode.Scalar(UInt32(value)), scalar.properties.isAlphabetic else { return 0 }
    let lower = Array(RomanianInflection.lowered(String(Character(scalar))).utf16)
    return lower.count == 1 ? lower[0] : 0
  }

  /// Whether `a` and `b` are the same in lower case (see ``RomanianInflection/lowered(_:)``),
  /// when the table tells: nil when they differ in length or hold a unit it does not cover.
  static func same(_ a: UnsafeBufferPointer<UInt16>, _ b: UnsafeBufferPointer<UInt16>) -> Bool? {
    guard a.count == b.count else { return nil }
    return table.withUnsafeBufferPointer { lower in
      var equal = true
      for k in 0..<a.count {
        let x = Int(a[k]), y = Int(b[k])
        guard x < lower.count, y < lower.count, lower[x] != 0, lower[y] != 0 else { return nil }
        if lower[x] != lower[y] { equal = false }
      }
      return equal
    }
  }
}
