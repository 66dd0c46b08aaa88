/// What one token of a term accepts: a range of ``PatternTable``'s flat arrays.
enum TokenPattern: Sendable {
  /// The keys `formKeys[start..<end]`, each filling the slots `formSlots[k]`: a handful, so a
  /// short scan beats a dictionary both to build and to search.
  case forms(start: Int32, end: Int32)
  /// Any word whose key starts with the stem `stemUnits[start..<end]` (folded units).
  case prefix(start: Int32, end: Int32)
}

/// An entry's term (or one of its extra forms) compiled to token patterns, which lie in
/// ``PatternTable``'s arrays; plain numbers, so patterns are copied without reference counting.
struct TermPattern: Sendable {
  var entry: Int32
  /// Its token patterns: `tokens[tokenStart..<tokenEnd]`.
  var tokenStart: Int32
  var tokenEnd: Int32
  /// The source term's tokens as written (`sourceTokens[sourceStart..<sourceEnd]`), to tell
  /// an exact match from a folded one, and their keys, position by position, in `sourceKeys`
  /// (a shorter extra form never counts as folded).
  var sourceStart: Int32
  var sourceEnd: Int32
  /// Compiled from the entry's `forms`, not its source.
  var isExtraForm: Bool
  /// The first word must be written with a capital: names of people and places are
  /// ("Putin", never the adverb "puțin"; "Roma", not the Roma people in "etnie roma").
  var needsCapital = false
  /// The source's first token starts with a capital letter.
  var sourceStartsWithCapital = false

  var tokenCount: Int { Int(tokenEnd - tokenStart) }
  var sourceCount: Int { Int(sourceEnd - sourceStart) }
}

/// Every pattern of a glossary and what they point to, in a few flat arrays rather than
/// several small arrays per pattern: a 100,000-entry glossary would otherwise allocate (and
/// free) about a million of them.
struct PatternTable: Sendable {
  var patterns: [TermPattern] = []
  var tokens: [TokenPattern] = []
  /// Numbers in the matcher's ``KeyTable``.
  var formKeys: [Int32] = []
  var formSlots: [RomanianInflection.Slots] = []
  var stemUnits: [UInt16] = []
  var sourceTokens: [String] = []
  var sourceKeys: [Int32] = []

  /// Room for about `entries` entries.
  mutating func reserve(entries: Int) {
    patterns.reserveCapacity(entries)
    tokens.reserveCapacity(entries * 3)
    formKeys.reserveCapacity(entries * 12)
    formSlots.reserveCapacity(entries * 12)
    sourceTokens.reserveCapacity(entries * 3)
    sourceKeys.reserveCapacity(entries * 3)
  }

  /// The slots key `key` fills in the token pattern `formKeys[start..<end]`, or nil.
  @inline(__always)
  func slots(of key: Int32, start: Int32, end: Int32) -> RomanianInflection.Slots? {
    var k = Int(start)
    while k < Int(end) {
      if formKeys[k] == key { return formSlots[k] }
      k += 1
    }
    return nil
  }

  /// Adds a form to the token pattern that starts at `formKeys[start]` (the last one); a key
  /// keeps `.capitalOnly` only if every form that gives it has it.
  mutating func addForm(_ key: Int32, _ newSlots: RomanianInflection.Slots, tokenStart start: Int) {
    var k = start
    while k < formKeys.count {
      if formKeys[k] == key {
        let capitalOnly = formSlots[k].contains(.capitalOnly) && newSlots.contains(.capitalOnly)
        formSlots[k].formUnion(newSlots)
        if !capitalOnly { formSlots[k].remove(.capitalOnly) }
        return
      }
      k += 1
    }
    formKeys.append(key)
    formSlots.append(newSlots)
  }

  /// Appends a token pattern of the one form `key`.
  mutating func addSingleForm(_ key: Int32, _ slots: RomanianInflection.Slots) {
    let start = Int32(formKeys.count)
    formKeys.append(key)
    formSlots.append(slots)
    tokens.append(.forms(start: start, end: start + 1))
  }

  /// Appends a prefix token pattern.
  mutating func addPrefix(_ stem: some Collection<UInt16>) {
    let start = Int32(stemUnits.count)
    stemUnits.append(contentsOf: stem)
    tokens.append(.prefix(start: start, end: Int32(stemUnits.count)))
  }

  /// The units of the stem of a prefix token pattern.
  func stem(_ start: Int32, _ end: Int32) -> ArraySlice<UInt16> {
    stemUnits[Int(start)..<Int(end)]
  }

  /// Adds `other`'s patterns after these, its key `k` becoming `numbers[k]` (to merge tables
  /// compiled with separate key tables).
  mutating func append(_ other: PatternTable, renumbering numbers: [Int32]) {
    let tokenBase = Int32(tokens.count), formBase = Int32(formKeys.count)
    let stemBase = Int32(stemUnits.count), sourceBase = Int32(sourceTokens.count)
    patterns.reserveCapacity(patterns.count + other.patterns.count)
    for var pattern in other.patterns {
      pattern.tokenStart += tokenBase
      pattern.tokenEnd += tokenBase
      pattern.sourceStart += sourceBase
      pattern.sourceEnd += sourceBase
      patterns.append(pattern)
    }
    tokens.reserveCapacity(tokens.count + other.tokens.count)
    for token in other.tokens {
      switch token {
      case .forms(let start, let end): tokens.append(.forms(start: start + formBase, end: end + formBase))
      case .prefix(let start, let end): tokens.append(.prefix(start: start + stemBase, end: end + stemBase))
      }
    }
    formKeys.reserveCapacity(formKeys.count + other.formKeys.count)
    for key in other.formKeys { formKeys.append(numbers[Int(key)]) }
    formSlots += other.formSlots
    stemUnits += other.stemUnits
    sourceTokens += other.sourceTokens
    sourceKeys.reserveCapacity(sourceKeys.count + other.sourceKeys.count)
    for key in other.sourceKeys { sourceKeys.append(numbers[Int(key)]) }
  }
}

/// Turns entries into patterns, numbering their keys in one ``KeyTable``; keeps one break
/// iterator for all of them.
struct PatternCompiler {
  private let iterator = try? ICU.BreakIterator(.word)
  /// Every key the patterns use.
  private(set) var keys: KeyTable
  /// The patterns compiled so far.
  private(set) var table = PatternTable()
  private var scratch: [UInt16] = []
  private var unitForms = RomanianInflection.UnitForms()
  /// The pieces of the term being compiled, kept between entries to spare their allocation.
  private var pieces: [(text: String, isWord: Bool, stem: [UInt16]?)] = []
  private var gluePoints: [(at: Int, dot: Bool)] = []

  /// The folding tables, taken once rather than from their statics for every form.
  private let tables = FoldTables.shared

  /// A compiler for about `entries` entries.
  init(entries: Int = 0) {
    // Names share most of their forms' keys: a 100,000-entry glossary of one- to four-word
    // names has about 3.3 keys per entry. A table sized for every form would be several times
    // too large, and its memory (cleared, then missed in cache on every probe) would cost more
    // than the few times a right-sized one grows.
    keys = KeyTable(capacity: entries * 4)
    table.reserve(entries: entries)
  }

  /// The number of the key of `text`.
  private mutating func keyNumber(_ text: String) -> Int32 {
    TermKey.fold(text, into: &scratch)
    return keys.intern(scratch)
  }

  /// The number of the key of `units`, all below U+0250; `likely` is checked first (a word's
  /// first form is the word itself), which spares a probe of the large table.
  private mutating func keyNumber(latin units: ArraySlice<UInt16>, likely: Int32) -> Int32 {
    TermKey.fold(latin: units, into: &scratch, tables: tables)
    if keys.units(of: likely).elementsEqual(scratch) { return likely }
    return keys.intern(scratch)
  }

  private static let properName: Set<EntityType> = [.person, .geopolitical, .location, .product, .event]

  /// Whether `entry`, whose first word is `firstWord`, names something only when written with
  /// its capital. Names of people and places do ("Putin", never the adverb "puțin"), and so do an
  /// acronym ("AUR" the party, "aur" gold; "PAS", "pas" a step) and an organization whose name is
  /// kept as written: marked do-not-translate or every target the source itself, accents aside
  /// ("Pentagon", "pentagon" the shape; "Adevărul" the newspaper, "adevărul" the truth). An
  /// institution with a translated name is found in lower case too, as Romanian writes it when
  /// not giving the full name ("guvernul" is the Government).
  static func isWrittenOnlyCapitalized(_ entry: GlossaryEntry, firstWord: String) -> Bool {
    if let type = entry.type, properName.contains(type) { return true }
    if RomanianInflection.isAcronym(firstWord) && firstWord.unicodeScalars.filter(\.properties.isUppercase).count >= 2 {
      return true
    }
    guard entry.type == .organization else { return false }
    if entry.doNotTranslate { return true }
    let source = TermKey.fold(entry.source)
    return !entry.targets.isEmpty && entry.targets.allSatisfy { TermKey.fold($0.term) == source }
  }

  /// Appends the tokens of `term` (see ``tokens(_:)``) to `pieces`, without stems.
  private func appendTokens(of term: String, to pieces: inout [(text: String, isWord: Bool, stem: [UInt16]?)]) {
    let units = Array(term.utf16)
    // The common case, one plain word, as ``simpleTokens(_:_:)`` finds it.
    if !units.isEmpty, units.allSatisfy({ TextTokens.CharacterKind($0).isLetter }),
       units.withUnsafeBufferPointer({ TextTokens.gluePoints($0, 0..<units.count).isEmpty }) {
      pieces.append((term, true, nil))
      return
    }
    if let simple = Self.simpleTokens(units, term) {
      for token in simple { pieces.append((token.text, token.isWord, nil)) }
      return
    }
    guard let iterator, let t = try? TextTokens(units, iterator: iterator) else { return }
    for i in 0..<t.count { pieces.append((String(utf16CodeUnits: units[t.items[i].range]), t.items[i].isWord, nil)) }
  }

  /// The tokens of a term: its ICU word-break pieces that are not spaces.
  func tokens(_ term: String) -> [(text: String, isWord: Bool)] {
    let units = Array(term.utf16)
    if let simple = Self.simpleTokens(units, term) { return simple }
    guard let iterator, let t = try? TextTokens(units, iterator: iterator) else { return [] }
    return (0..<t.count).map { (String(utf16CodeUnits: units[t.items[$0].range]), t.items[$0].isWord) }
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

  /// Adds the patterns of an entry to ``table``: its source with its inflections, its extra
  /// forms, and, for an untyped entry (a glossary mined from running text), the dictionary
  /// forms its source may have been inflected from ("Coreei" is also found as "Coreea").
  mutating func addPatterns(for entry: GlossaryEntry, index: Int32) {
    let first = table.patterns.count
    addCompiledPatterns(for: entry, index: index)
    guard entry.type == nil, entry.matchMode == .inflect, table.patterns.count > first else { return }
    let own = table.patterns[first]
    for base in RomanianInflection.dictionaryFormCandidates(of: entry.source) {
      var variant = entry
      variant.source = base
      variant.forms = []
      let added = table.patterns.count
      addCompiledPatterns(for: variant, index: index)
      var kept = added
      for p in added..<table.patterns.count where table.patterns[p].tokenCount == own.tokenCount {
        // Matches are judged against the source as the glossary gives it.
        var pattern = table.patterns[p]
        pattern.sourceStart = own.sourceStart
        pattern.sourceEnd = own.sourceEnd
        pattern.sourceStartsWithCapital = own.sourceStartsWithCapital
        table.patterns[kept] = pattern
        kept += 1
      }
      table.patterns.removeSubrange(kept...)
    }
  }

  /// Appends the words of a source made only of letters and spaces, each word one token as
  /// ``simpleTokens(_:_:)`` finds it (no glue points), and returns true; returns false, with
  /// `pieces` left empty, for any other source. The common case, without ICU or substrings.
  static func appendPlainWords(
    of source: String, to pieces: inout [(text: String, isWord: Bool, stem: [UInt16]?)], gluePoints: inout [(at: Int, dot: Bool)]
  ) -> Bool {
    let units = [UInt16](utf16Of: source)
    for unit in units where unit != 0x20 && !TextTokens.CharacterKind(unit).isLetter { return false }
    let plain = units.withUnsafeBufferPointer { buffer in
      var start = 0
      for i in 0...buffer.count where i == buffer.count || buffer[i] == 0x20 {
        if i > start {
          TextTokens.gluePoints(buffer, start..<i, into: &gluePoints)
          guard gluePoints.isEmpty else { return false }
          pieces.append((String(utf16CodeUnits: UnsafeBufferPointer(rebasing: buffer[start..<i])), true, nil))
        }
        start = i + 1
      }
      return true
    }
    if !plain { pieces.removeAll(keepingCapacity: true) }
    return plain
  }

  /// The pieces of a source between spaces, tabs, line breaks and non-ASCII white space.
  static func spaceSeparatedChunks(_ source: String) -> [Substring] {
    // The white space above ASCII starts with one of the UTF-8 bytes C2, E1, E2, E3 (U+0085,
    // U+00A0, U+1680, U+2000–U+205F, U+3000); without them, the separators are single ASCII
    // bytes, found in one pass over the bytes.
    var text = source
    let byteRanges: [Range<Int>]? = text.withUTF8 { bytes in
      var ranges: [Range<Int>] = []
      var start = 0
      for i in 0..<bytes.count {
        let byte = bytes[i]
        if byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3) { return nil }
        if byte == 0x20 || byte == 0x09 || byte == 0x0A {
          if i > start { ranges.append(start..<i) }
          start = i + 1
        }
      }
      if bytes.count > start { ranges.append(start..<bytes.count) }
      return ranges
    }
    if let byteRanges {
      // Cut on the scalars, never rounded to whole characters.
      let utf8 = source.utf8, scalars = source.unicodeScalars
      return byteRanges.map {
        Substring(scalars[utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)])
      }
    }
    return source.unicodeScalars.split(whereSeparator: {
      $0 == " " || ($0.value > 0x7F || $0 == "\t" || $0 == "\n") && $0.properties.isWhitespace
    }).map(Substring.init)
  }

  private mutating func addCompiledPatterns(for entry: GlossaryEntry, index: Int32) {
    // Split on spaces first, so a memoQ stem marker stays inside its word.
    var pieces = self.pieces
    self.pieces = []
    pieces.removeAll(keepingCapacity: true)
    defer { self.pieces = pieces }
    var firstChunkWords = 0
    let plain = Self.appendPlainWords(of: entry.source, to: &pieces, gluePoints: &gluePoints)
    if plain { firstChunkWords = pieces.isEmpty ? 0 : 1 }
    for (c, chunk) in (plain ? [] : Self.spaceSeparatedChunks(entry.source)).enumerated() {
      let before = pieces.count
      if chunk.utf8.contains(0x7C), let bar = chunk.firstIndex(of: "|") {  // 0x7C: "|"
        let stem = String(chunk[..<bar])
        let whole = stem + chunk[chunk.index(after: bar)...].filter { $0 != "|" }
        let wholeTokens = tokens(whole)
        if wholeTokens.count == 1 && !stem.isEmpty {
          pieces.append((whole, true, Array(TermKey.fold(stem).utf16)))
        } else {
          pieces += wholeTokens.map { ($0.text, $0.isWord, nil) }
        }
      } else {
        appendTokens(of: String(chunk), to: &pieces)
      }
      if c == 0 { firstChunkWords = pieces[before...].reduce(0) { $0 + ($1.isWord ? 1 : 0) } }
    }
    guard !pieces.isEmpty else { return }
    let sourceStart = Int32(table.sourceTokens.count)
    for piece in pieces {
      table.sourceTokens.append(piece.text)
      table.sourceKeys.append(keyNumber(piece.text))
    }
    let sourceEnd = Int32(table.sourceTokens.count)
    var words: [String] = []
    words.reserveCapacity(pieces.count)
    for piece in pieces where piece.isWord { words.append(piece.text) }
    // Words below U+0250 are inflected on units (the common case), others as strings.
    var onUnits = entry.matchMode == .inflect
    var loweredWords: [[UInt16]] = []
    if onUnits {
      loweredWords.reserveCapacity(words.count)
      for word in words {
        guard let lowered = RomanianInflection.loweredUnits(word) else {
          onUnits = false
          break
        }
        loweredWords.append(lowered)
      }
    }
    var roles = onUnits
      ? RomanianInflection.roles(of: words, lowered: loweredWords, type: entry.type)
      : RomanianInflection.roles(of: words, type: entry.type)
    // A hyphenated compound (Caraș-Severin, Alba-Iulia, Bistrița-Năsăud) inflects on its first
    // or on its last element: Caraș-Severinului, Bistriței-Năsăud.
    func inCompound(_ word: Int) -> Bool { firstChunkWords > 1 && (word == 0 || word == firstChunkWords - 1) }
    if firstChunkWords > 1 { roles[firstChunkWords - 1] = .head }
    var wordIndex = 0
    let tokenStart = Int32(table.tokens.count)
    for (p, piece) in pieces.enumerated() {
      let key = table.sourceKeys[Int(sourceStart) + p]
      if let stem = piece.stem {
        table.addPrefix(stem)
        wordIndex += 1
        continue
      }
      guard piece.isWord else {
        table.addSingleForm(key, .any)
        continue
      }
      switch entry.matchMode {
      case .exact:
        table.addSingleForm(key, .any)
      case .prefix:
        table.addPrefix(keys.units(of: key))
      case .inflect:
        // A key needs a capital only if every form that gives it does.
        let formStart = table.formKeys.count
        table.formKeys.append(key)
        var asWritten: RomanianInflection.Slots = roles[wordIndex] == .invariant || inCompound(wordIndex) ? .any : .direct
        if roles[wordIndex] == .head && !inCompound(wordIndex) && RomanianInflection.headAsWrittenNeedsCapital(piece.text, type: entry.type) {
          asWritten.insert(.capitalOnly)
        }
        table.formSlots.append(asWritten)
        if let lowered = onUnits ? loweredWords[wordIndex] : nil {
          unitForms.removeAll()
          RomanianInflection.addForms(of: piece.text, lowered: lowered, role: roles[wordIndex], type: entry.type, to: &unitForms)
          for f in 0..<unitForms.count {
            table.addForm(keyNumber(latin: unitForms.form(f), likely: key), unitForms.slots[f], tokenStart: formStart)
          }
        } else {
          for (form, slots) in RomanianInflection.forms(of: piece.text, role: roles[wordIndex], type: entry.type) {
            table.addForm(keyNumber(form), slots, tokenStart: formStart)
          }
        }
        table.tokens.append(.forms(start: Int32(formStart), end: Int32(table.formKeys.count)))
      }
      wordIndex += 1
    }
    let startsWithCapital = pieces[0].text.first?.isUppercase == true
    let needsCapital = startsWithCapital && Self.isWrittenOnlyCapitalized(entry, firstWord: pieces[0].text)
    table.patterns.append(TermPattern(
      entry: index, tokenStart: tokenStart, tokenEnd: Int32(table.tokens.count), sourceStart: sourceStart,
      sourceEnd: sourceEnd, isExtraForm: false, needsCapital: needsCapital, sourceStartsWithCapital: startsWithCapital))
    for form in entry.forms {
      let formTokens = tokens(form)
      guard !formTokens.isEmpty else { continue }
      let formTokenStart = Int32(table.tokens.count)
      for token in formTokens { table.addSingleForm(keyNumber(token.text), .any) }
      table.patterns.append(TermPattern(
        entry: index, tokenStart: formTokenStart, tokenEnd: Int32(table.tokens.count), sourceStart: sourceStart,
        sourceEnd: sourceEnd, isExtraForm: true,
        needsCapital: needsCapital && formTokens[0].text.first?.isUppercase == true,
        sourceStartsWithCapital: startsWithCapital))
    }
  }
}
