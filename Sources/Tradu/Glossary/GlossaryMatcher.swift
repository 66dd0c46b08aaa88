import Foundation

/// Finds a glossary's terms in running Romanian text, inflected forms included.
///
/// Text is cut into tokens at ICU word boundaries and each token is folded to a key (case,
/// diacritics and cedillas removed). Every entry is compiled once into a pattern of per-token
/// key sets: for `inflect` entries, the forms that ``RomanianInflection`` generates, tagged with
/// grammatical slots so the words of a name agree ("Casei Albe", not "Casei Albă"). Patterns
/// are indexed by the keys of their first token, so matching costs one hash lookup per token
/// whatever the glossary's size.
///
/// Matches never overlap; at each place the longest wins, then the closest kind (exact before
/// folded before inflected), then the earlier entry.
public struct GlossaryMatcher: Sendable {
  /// The glossary being matched.
  public let glossary: Glossary
  private let patterns: [TermPattern]
  /// Patterns by a key their first token accepts.
  private let firstTokenIndex: [String: [Int32]]
  /// Patterns whose first token is a stem (`prefix` mode, `Kremlin|ul`), by that stem.
  private let prefixIndex: [String: [Int32]]
  /// The distinct UTF-16 lengths of the stems in `prefixIndex`, ascending.
  private let prefixLengths: [Int]

  /// Compiles `glossary` for matching.
  public init(_ glossary: Glossary) {
    self.glossary = glossary
    let patterns = Self.compile(glossary.entries)
    var first: [String: [Int32]] = [:]
    var prefixes: [String: [Int32]] = [:]
    for (p, pattern) in patterns.enumerated() {
      switch pattern.tokens[0] {
      case .forms(let forms):
        for key in forms.keys { first[key, default: []].append(Int32(p)) }
      case .prefix(let stem):
        prefixes[stem, default: []].append(Int32(p))
      }
    }
    self.patterns = patterns
    firstTokenIndex = first
    prefixIndex = prefixes
    prefixLengths = Set(prefixes.keys.map(\.utf16.count)).sorted()
  }

  /// Every entry's patterns, in entry order; large glossaries are compiled in parallel chunks.
  private static func compile(_ entries: [GlossaryEntry]) -> [TermPattern] {
    let chunkCount = entries.count < 4_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    let chunkSize = (entries.count + chunkCount - 1) / max(chunkCount, 1)
    let results = UnsafeMutableBufferPointer<[TermPattern]>.allocate(capacity: chunkCount)
    results.initialize(repeating: [])
    defer { results.deallocate() }
    nonisolated(unsafe) let shared = results
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
      var compiler = PatternCompiler()
      var local: [TermPattern] = []
      let range = (chunk * chunkSize)..<min(entries.count, (chunk + 1) * chunkSize)
      for index in range {
        local += compiler.patterns(for: entries[index], index: Int32(index))
      }
      shared[chunk] = local  // each chunk writes only its own slot
    }
    return Array(results.joined())
  }

  /// The glossary terms found in `text`, in text order, without overlaps.
  public func matches(in text: String) -> [GlossaryMatch] {
    let units = Array(text.utf16)
    guard let tokens = try? TextTokens(units) else { return [] }
    var result: [GlossaryMatch] = []
    var i = 0
    while i < tokens.count {
      guard let found = bestMatch(at: i, tokens) else {
        i += 1
        continue
      }
      result.append(makeMatch(found, tokens, units))
      i = found.endToken
    }
    return result
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

  private func bestMatch(at i: Int, _ tokens: TextTokens) -> Candidate? {
    var best: Candidate?
    func consider(_ list: [Int32]) {
      for p in list {
        guard let candidate = match(pattern: p, at: i, tokens) else { continue }
        if let b = best {
          if candidate.end < b.end { continue }
          if candidate.end == b.end {
            if candidate.kind.rank > b.kind.rank { continue }
            if candidate.kind.rank == b.kind.rank && patterns[Int(candidate.pattern)].entry >= patterns[Int(b.pattern)].entry { continue }
          }
        }
        best = candidate
      }
    }
    let key = tokens.keys[i]
    if let list = firstTokenIndex[key] { consider(list) }
    if !prefixLengths.isEmpty && tokens.isWord[i] {
      let keyUnits = Array(key.utf16)
      for length in prefixLengths where length <= keyUnits.count {
        if let list = prefixIndex[String(decoding: keyUnits[..<length], as: UTF16.self)] { consider(list) }
      }
    }
    return best
  }

  private func match(pattern p: Int32, at start: Int, _ tokens: TextTokens) -> Candidate? {
    let pattern = patterns[Int(p)]
    if !tokens.startsWithCapital(start) && pattern.sourceTokens[0].first?.isUppercase == true {
      if pattern.needsCapital { return nil }
      // A capitalized term found in lower case must keep its diacritics: "guvernului" is the
      // Government, "puțin" (a little) is not "Putin".
      if tokens.keys[start] == pattern.sourceKeys[0],
         RomanianInflection.lowered(tokens.texts(start..<(start + 1))[0]) != RomanianInflection.lowered(pattern.sourceTokens[0]) {
        return nil
      }
    }
    var slots = RomanianInflection.Slots.any
    var j = start
    var exactKeys = true
    for (k, tokenPattern) in pattern.tokens.enumerated() {
      guard j < tokens.count else { return nil }
      if k > 0 && !tokens.separatedBySpaceOrNothing(j - 1, j) { return nil }
      let key = tokens.keys[j]
      switch tokenPattern {
      case .forms(let forms):
        guard let s = forms[key] else { return nil }
        if s.contains(.capitalOnly) && !tokens.startsWithCapital(j) { return nil }
        slots.formIntersection(s)
        if slots.isEmpty { return nil }
      case .prefix(let stem):
        guard tokens.isWord[j], key.hasPrefix(stem) else { return nil }
      }
      // An extra form may have more words than the source ("Ministerul Finanțelor Publice").
      if k >= pattern.sourceKeys.count || key != pattern.sourceKeys[k] { exactKeys = false }
      j += 1
    }
    var end = tokens.ranges[j - 1].upperBound
    var hyphenated = false
    // NATO-ului, SpaceX-ul: an ending after a hyphen, written without spaces.
    if j + 1 < tokens.count, tokens.isWord[j - 1], tokens.keys[j] == "-",
       tokens.ranges[j].lowerBound == end, tokens.ranges[j + 1].lowerBound == tokens.ranges[j].upperBound,
       RomanianInflection.hyphenatedEndings.contains(tokens.keys[j + 1]) {
      end = tokens.ranges[j + 1].upperBound
      j += 2
      hyphenated = true
    }
    let kind: GlossaryMatchKind
    if hyphenated || !exactKeys || pattern.isExtraForm && !exactKeys {
      kind = .inflected
    } else if tokens.textsEqual(start..<j, pattern.sourceTokens) {
      kind = .exact
    } else {
      kind = .folded
    }
    return Candidate(pattern: p, startToken: start, endToken: j, end: end, hyphenatedEnding: hyphenated, kind: kind)
  }

  private func makeMatch(_ c: Candidate, _ tokens: TextTokens, _ units: [UInt16]) -> GlossaryMatch {
    let entry = glossary.entries[Int(patterns[Int(c.pattern)].entry)]
    let range = tokens.ranges[c.startToken].lowerBound..<c.end
    var match = GlossaryMatch(
      entryID: entry.id, source: entry.term, matched: String(utf16CodeUnits: units[range]),
      range: range, kind: c.kind, targets: entry.targets)
    // "lui Putin": the proclitic genitive article before a name.
    let before = c.startToken - 1
    if before >= 0, tokens.keys[before] == "lui", tokens.separatedBySpaceOrNothing(before, c.startToken),
       tokens.ranges[before].upperBound < range.lowerBound {
      match.proclitic = tokens.ranges[before]
    }
    return match
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
  public var term: String {
    source.utf8.contains(0x7C) ? String(source.filter { $0 != "|" }) : source  // 0x7C: "|"
  }
}

// MARK: - Patterns

/// The keys one word of a term accepts, each with the slots it fills: a handful, so a small
/// array beats a dictionary both to build and to search.
struct FormSet: Sendable {
  private(set) var keys: [String]
  private var slots: [RomanianInflection.Slots]

  init(_ key: String, _ slots: RomanianInflection.Slots) {
    keys = [key]
    self.slots = [slots]
  }

  /// Adds a form; a key keeps `.capitalOnly` only if every form that gives it has it.
  mutating func add(_ key: String, _ newSlots: RomanianInflection.Slots) {
    if let i = keys.firstIndex(of: key) {
      let capitalOnly = slots[i].contains(.capitalOnly) && newSlots.contains(.capitalOnly)
      slots[i].formUnion(newSlots)
      if !capitalOnly { slots[i].remove(.capitalOnly) }
    } else {
      keys.append(key)
      slots.append(newSlots)
    }
  }

  subscript(key: String) -> RomanianInflection.Slots? {
    keys.firstIndex(of: key).map { slots[$0] }
  }
}

/// What one token of a term accepts.
enum TokenPattern: Sendable {
  /// These keys, each filling some grammatical slots.
  case forms(FormSet)
  /// Any word whose key starts with this stem.
  case prefix(String)
}

/// An entry's term (or one of its extra forms) compiled to token patterns.
struct TermPattern: Sendable {
  var entry: Int32
  var tokens: [TokenPattern]
  /// The source term's tokens as written, to tell an exact match from a folded one.
  var sourceTokens: [String]
  /// Their keys, position by position (a shorter extra form never counts as folded).
  var sourceKeys: [String]
  /// Compiled from the entry's `forms`, not its source.
  var isExtraForm: Bool
  /// The first word must be written with a capital: names of people and places are
  /// ("Putin", never the adverb "puțin"; "Roma", not the Roma people in "etnie roma").
  var needsCapital = false
}

/// Turns entries into patterns; keeps one break iterator for all of them.
struct PatternCompiler {
  private let iterator = try? ICU.BreakIterator(.word)

  /// The tokens of a term: its ICU word-break pieces that are not spaces.
  func tokens(_ term: String) -> [(text: String, isWord: Bool)] {
    let units = Array(term.utf16)
    if let simple = Self.simpleTokens(units, term) { return simple }
    guard let iterator, let t = try? TextTokens(units, iterator: iterator) else { return [] }
    return (0..<t.count).map { (String(utf16CodeUnits: units[t.ranges[$0]]), t.isWord[$0]) }
  }

  /// The tokens of a term made only of letters and single inner hyphens, found without ICU
  /// (as ICU would find them: a letter run is a word, a hyphen a token of its own); nil for
  /// anything else.
  static func simpleTokens(_ units: [UInt16], _ term: String? = nil) -> [(text: String, isWord: Bool)]? {
    guard let first = units.first, first != 0x2D, units.last != 0x2D else { return nil }
    // The common case: one plain word.
    if let term, units.allSatisfy({ TextTokens.CharacterKind($0).isLetter }),
       units.withUnsafeBufferPointer({ TextTokens.gluePoints($0, 0..<units.count).isEmpty }) {
      return [(term, true)]
    }
    var result: [(String, Bool)] = []
    var runStart = 0
    func word(_ range: Range<Int>) {
      units.withUnsafeBufferPointer { buffer in
        var start = range.lowerBound
        for split in TextTokens.gluePoints(buffer, range) where !split.dot {
          result.append((String(utf16CodeUnits: UnsafeBufferPointer(rebasing: buffer[start..<split.at])), true))
          start = split.at
        }
        result.append((String(utf16CodeUnits: UnsafeBufferPointer(rebasing: buffer[start..<range.upperBound])), true))
      }
    }
    for (i, u) in units.enumerated() {
      if u == 0x2D {
        if i == runStart { return nil }  // two hyphens in a row
        word(runStart..<i)
        result.append(("-", false))
        runStart = i + 1
        continue
      }
      let kind = TextTokens.CharacterKind(u)
      if !(kind.isLetter || (kind == .mark && i > runStart)) { return nil }
    }
    word(runStart..<units.count)
    return result
  }

  /// The patterns of an entry: its source with its inflections, its extra forms, and, for an
  /// untyped entry (a glossary mined from running text), the dictionary forms its source may
  /// have been inflected from ("Coreei" is also found as "Coreea").
  mutating func patterns(for entry: GlossaryEntry, index: Int32) -> [TermPattern] {
    var result = compiledPatterns(for: entry, index: index)
    guard entry.type == nil, entry.matchMode == .inflect, let own = result.first else { return result }
    for base in RomanianInflection.dictionaryFormCandidates(of: entry.source) {
      var variant = entry
      variant.source = base
      variant.forms = []
      for var pattern in compiledPatterns(for: variant, index: index) where pattern.tokens.count == own.tokens.count {
        // Matches are judged against the source as the glossary gives it.
        pattern.sourceTokens = own.sourceTokens
        pattern.sourceKeys = own.sourceKeys
        result.append(pattern)
      }
    }
    return result
  }

  private mutating func compiledPatterns(for entry: GlossaryEntry, index: Int32) -> [TermPattern] {
    // Split on spaces first, so a memoQ stem marker stays inside its word.
    var pieces: [(text: String, isWord: Bool, stem: String?)] = []
    var firstChunkWords = 0
    let chunks = entry.source.unicodeScalars.split(whereSeparator: { $0 == " " || ($0.value > 0x7F || $0 == "\t" || $0 == "\n") && $0.properties.isWhitespace }).map(Substring.init)
    for (c, chunk) in chunks.enumerated() {
      let before = pieces.count
      if let bar = chunk.firstIndex(of: "|") {
        let stem = String(chunk[..<bar])
        let whole = stem + chunk[chunk.index(after: bar)...].filter { $0 != "|" }
        let wholeTokens = tokens(whole)
        if wholeTokens.count == 1 && !stem.isEmpty {
          pieces.append((whole, true, TermKey.fold(stem)))
        } else {
          pieces += wholeTokens.map { ($0.text, $0.isWord, nil) }
        }
      } else {
        pieces += tokens(String(chunk)).map { ($0.text, $0.isWord, nil) }
      }
      if c == 0 { firstChunkWords = pieces[before...].filter(\.isWord).count }
    }
    guard !pieces.isEmpty else { return [] }
    let sourceTokens = pieces.map(\.text)
    let sourceKeys = sourceTokens.map(TermKey.fold)
    let words = pieces.filter(\.isWord).map(\.text)
    var roles = RomanianInflection.roles(of: words, type: entry.type)
    // A hyphenated compound (Caraș-Severin, Alba-Iulia, Bistrița-Năsăud) inflects on its first
    // or on its last element: Caraș-Severinului, Bistriței-Năsăud.
    let compound: Set<Int> = firstChunkWords > 1 ? [0, firstChunkWords - 1] : []
    if firstChunkWords > 1 { roles[firstChunkWords - 1] = .head }
    var wordIndex = 0
    var tokenPatterns: [TokenPattern] = []
    for (piece, key) in zip(pieces, sourceKeys) {
      if let stem = piece.stem {
        tokenPatterns.append(.prefix(stem))
        wordIndex += 1
        continue
      }
      guard piece.isWord else {
        tokenPatterns.append(.forms(FormSet(key, .any)))
        continue
      }
      switch entry.matchMode {
      case .exact:
        tokenPatterns.append(.forms(FormSet(key, .any)))
      case .prefix:
        tokenPatterns.append(.prefix(key))
      case .inflect:
        // A key needs a capital only if every form that gives it does.
        var forms = FormSet(key, roles[wordIndex] == .invariant || compound.contains(wordIndex) ? .any : .direct)
        for (form, slots) in RomanianInflection.forms(of: piece.text, role: roles[wordIndex], type: entry.type) {
          forms.add(TermKey.fold(form), slots)
        }
        tokenPatterns.append(.forms(forms))
      }
      wordIndex += 1
    }
    let properName: Set<EntityType> = [.person, .geopolitical, .location, .product, .event]
    let needsCapital = entry.type.map(properName.contains) == true && sourceTokens[0].first?.isUppercase == true
    var result = [TermPattern(
      entry: index, tokens: tokenPatterns, sourceTokens: sourceTokens, sourceKeys: sourceKeys, isExtraForm: false,
      needsCapital: needsCapital)]
    for form in entry.forms {
      let formTokens = tokens(form)
      guard !formTokens.isEmpty else { continue }
      result.append(TermPattern(
        entry: index, tokens: formTokens.map { .forms(FormSet(TermKey.fold($0.text), .any)) },
        sourceTokens: sourceTokens, sourceKeys: sourceKeys, isExtraForm: true,
        needsCapital: needsCapital && formTokens[0].text.first?.isUppercase == true))
    }
    return result
  }
}

/// The tokens of a text: ICU word-break pieces that are not white space, with their keys.
struct TextTokens {
  var ranges: [Range<Int>] = []
  var keys: [String] = []
  var isWord: [Bool] = []
  private let units: [UInt16]

  var count: Int { ranges.count }

  init(_ units: [UInt16], iterator: ICU.BreakIterator? = nil) throws(ICUError) {
    self.units = units
    let it: ICU.BreakIterator
    if let iterator { it = iterator } else { it = try ICU.BreakIterator(.word) }
    ranges.reserveCapacity(units.count / 5)
    try units.withUnsafeBufferPointer { (buffer) throws(ICUError) in
      try it.setText(buffer)
      var start = 0
      while let end = it.next() {
        defer { start = end }
        if end <= start { continue }
        let status = it.ruleStatus
        if status == 0 && (start..<end).allSatisfy({ Self.isSpace(buffer[$0]) }) { continue }
        if status == 0 {
          append(start..<end, isWord: false, buffer)
          continue
        }
        var pieceStart = start
        for split in Self.gluePoints(buffer, start..<end) {
          if split.dot {
            if split.at > pieceStart { append(pieceStart..<split.at, isWord: true, buffer) }
            append(split.at..<(split.at + 1), isWord: false, buffer)
            pieceStart = split.at + 1
          } else {
            append(pieceStart..<split.at, isWord: true, buffer)
            pieceStart = split.at
          }
        }
        if pieceStart < end { append(pieceStart..<end, isWord: true, buffer) }
      }
    }
  }

  private var scratch: [UInt16] = []

  private mutating func append(_ range: Range<Int>, isWord word: Bool, _ buffer: UnsafeBufferPointer<UInt16>) {
    ranges.append(range)
    keys.append(TermKey.fold(buffer, range, scratch: &scratch))
    isWord.append(word)
  }

  /// Where an ICU word holds two words glued together, as scraped or concatenated text has
  /// them: "Italia.Șeful" (a full stop before a capital), "FloreștiFinlanda" (a capitalized
  /// word after three or more lower-case letters), "Banat150" (letters then digits).
  /// Abbreviations with dots (S.U.A.) and brand names like SpaceX stay whole.
  static func gluePoints(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> [(at: Int, dot: Bool)] {
    var points: [(Int, Bool)] = []
    var lettersBefore = 0  // letters since the start or the last dot
    var lettersBeforeDot = 0  // letters between the last two dots (or the start and the dot)
    var lowerRun = 0  // lower-case letters just before
    for k in range {
      let kind = CharacterKind(units[k])
      if k > range.lowerBound {
        let previous = CharacterKind(units[k - 1])
        if units[k - 1] == 0x2E, kind == .upper, lettersBeforeDot >= 2 {
          points.append((k - 1, true))
        } else if previous == .lower, kind == .upper, lowerRun >= 3, k + 1 < range.upperBound,
                  CharacterKind(units[k + 1]) == .lower {
          points.append((k, false))
        } else if (previous == .digit && kind.isLetter) || (previous.isLetter && kind == .digit) {
          points.append((k, false))
        }
      }
      switch kind {
      case .lower: lowerRun += 1; lettersBefore += 1
      case .upper: lowerRun = 0; lettersBefore += 1
      case .mark: break
      default:
        lowerRun = 0
        if units[k] == 0x2E {
          lettersBeforeDot = lettersBefore
          lettersBefore = 0
        }
      }
    }
    return points
  }

  /// Whether token `i` starts with a capital letter.
  func startsWithCapital(_ i: Int) -> Bool {
    CharacterKind(units[ranges[i].lowerBound]) == .upper
  }

  /// Whether only spaces (and at most one line break) separate tokens `a` and `b`.
  func separatedBySpaceOrNothing(_ a: Int, _ b: Int) -> Bool {
    var newlines = 0
    for i in ranges[a].upperBound..<ranges[b].lowerBound {
      let u = units[i]
      if u == 0x0A || u == 0x0D || u == 0x2028 || u == 0x2029 {
        newlines += 1
        if newlines > 1 { return false }
      } else if !Self.isSpace(u) {
        return false
      }
    }
    return true
  }

  func texts(_ r: Range<Int>) -> [String] {
    r.map { String(utf16CodeUnits: units[ranges[$0]]) }
  }

  /// Whether tokens `r` are exactly `texts`, compared unit by unit without building strings.
  func textsEqual(_ r: Range<Int>, _ texts: [String]) -> Bool {
    guard r.count == texts.count else { return false }
    for (i, text) in zip(r, texts) where !units[ranges[i]].elementsEqual(text.utf16) { return false }
    return true
  }

  /// The coarse class of a UTF-16 unit that glue detection needs.
  enum CharacterKind {
    case lower, upper, digit, mark, other

    init(_ u: UInt16) {
      if Int(u) < Self.table.count {
        self = Self.table[Int(u)]
      } else {
        self = Self.classify(u)
      }
    }

    /// The classes of U+0000–U+024F, computed once.
    static let table: [CharacterKind] = (0..<0x250).map { classify(UInt16($0)) }

    static func classify(_ u: UInt16) -> CharacterKind {
      if u < 0x80 {
        switch u {
        case 0x61...0x7A: return .lower
        case 0x41...0x5A: return .upper
        case 0x30...0x39: return .digit
        default: return .other
        }
      }
      guard let scalar = Unicode.Scalar(u) else { return .other }  // a surrogate half
      let p = scalar.properties
      if p.isLowercase { return .lower }
      if p.isUppercase { return .upper }
      if p.generalCategory == .nonspacingMark { return .mark }
      return p.numericType == .decimal ? .digit : .other
    }

    var isLetter: Bool { self == .lower || self == .upper }
  }

  static func isSpace(_ u: UInt16) -> Bool {
    u == 0x20 || (0x09...0x0D).contains(u) || u == 0xA0 || u == 0x85 || u == 0x1680 || (0x2000...0x200B).contains(u)
      || u == 0x2028 || u == 0x2029 || u == 0x202F || u == 0x205F || u == 0x3000 || u == 0xFEFF
  }
}
