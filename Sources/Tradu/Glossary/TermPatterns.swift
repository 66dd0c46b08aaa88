/// The keys one word of a term accepts, each with the slots it fills: a handful, so a small
/// array beats a dictionary both to build and to search.
struct FormSet: Sendable {
  /// Numbers in the matcher's ``KeyTable``.
  private(set) var keys: [Int32]
  private var slots: [RomanianInflection.Slots]

  init(_ key: Int32, _ slots: RomanianInflection.Slots) {
    keys = [key]
    self.slots = [slots]
  }

  /// Adds a form; a key keeps `.capitalOnly` only if every form that gives it has it.
  mutating func add(_ key: Int32, _ newSlots: RomanianInflection.Slots) {
    if let i = keys.firstIndex(of: key) {
      let capitalOnly = slots[i].contains(.capitalOnly) && newSlots.contains(.capitalOnly)
      slots[i].formUnion(newSlots)
      if !capitalOnly { slots[i].remove(.capitalOnly) }
    } else {
      keys.append(key)
      slots.append(newSlots)
    }
  }

  subscript(key: Int32) -> RomanianInflection.Slots? {
    keys.firstIndex(of: key).map { slots[$0] }
  }

  /// Key `k` becomes `numbers[k]`.
  mutating func renumberKeys(_ numbers: [Int32]) {
    for i in keys.indices { keys[i] = numbers[Int(keys[i])] }
  }
}

/// What one token of a term accepts.
enum TokenPattern: Sendable {
  /// These keys, each filling some grammatical slots.
  case forms(FormSet)
  /// Any word whose key starts with this stem (folded units).
  case prefix([UInt16])
}

/// An entry's term (or one of its extra forms) compiled to token patterns.
struct TermPattern: Sendable {
  var entry: Int32
  var tokens: [TokenPattern]
  /// The source term's tokens as written, to tell an exact match from a folded one.
  var sourceTokens: [String]
  /// Their keys, position by position (a shorter extra form never counts as folded).
  var sourceKeys: [Int32]
  /// Compiled from the entry's `forms`, not its source.
  var isExtraForm: Bool
  /// The first word must be written with a capital: names of people and places are
  /// ("Putin", never the adverb "puțin"; "Roma", not the Roma people in "etnie roma").
  var needsCapital = false

  /// Key `k` becomes `numbers[k]` (to merge patterns compiled with separate key tables).
  mutating func renumberKeys(_ numbers: [Int32]) {
    for k in sourceKeys.indices { sourceKeys[k] = numbers[Int(sourceKeys[k])] }
    for t in tokens.indices {
      if case .forms(var forms) = tokens[t] {
        forms.renumberKeys(numbers)
        tokens[t] = .forms(forms)
      }
    }
  }
}

/// Turns entries into patterns, numbering their keys in one ``KeyTable``; keeps one break
/// iterator for all of them.
struct PatternCompiler {
  private let iterator = try? ICU.BreakIterator(.word)
  /// Every key the patterns use.
  private(set) var keys: KeyTable
  private var scratch: [UInt16] = []
  private var unitForms = RomanianInflection.UnitForms()

  /// The folding tables, taken once rather than from their statics for every form.
  private let tables = FoldTables.shared

  /// A compiler for about `entries` entries.
  init(entries: Int = 0) {
    // Names share most of their forms' keys: a 100,000-entry glossary of one- to four-word
    // names has about 3.3 keys per entry. A table sized for every form would be several times
    // too large, and its memory (cleared, then missed in cache on every probe) would cost more
    // than the few times a right-sized one grows.
    keys = KeyTable(capacity: entries * 4)
  }

  /// The number of the key of `text`.
  private mutating func keyNumber(_ text: String) -> Int32 {
    TermKey.fold(text, into: &scratch)
    return keys.intern(scratch)
  }

  /// The number of the key of `units`, all below U+0250.
  private mutating func keyNumber(latin units: ArraySlice<UInt16>) -> Int32 {
    TermKey.fold(latin: units, into: &scratch, tables: tables)
    return keys.intern(scratch)
  }

  private static let properName: Set<EntityType> = [.person, .geopolitical, .location, .product, .event]

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

  /// The pieces of a source between spaces, tabs, line breaks and non-ASCII white space.
  static func spaceSeparatedChunks(_ source: String) -> [Substring] {
    // The white space above ASCII starts with one of these UTF-8 bytes (U+0085, U+00A0,
    // U+1680, U+2000–U+205F, U+3000); without them, the separators are single ASCII bytes,
    // which always fall between scalars.
    let utf8 = source.utf8
    if !utf8.contains(where: { $0 == 0xC2 || ($0 >= 0xE1 && $0 <= 0xE3) }) {
      return utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }).map {
        source[$0.startIndex..<$0.endIndex]
      }
    }
    return source.unicodeScalars.split(whereSeparator: {
      $0 == " " || ($0.value > 0x7F || $0 == "\t" || $0 == "\n") && $0.properties.isWhitespace
    }).map(Substring.init)
  }

  private mutating func compiledPatterns(for entry: GlossaryEntry, index: Int32) -> [TermPattern] {
    // Split on spaces first, so a memoQ stem marker stays inside its word.
    var pieces: [(text: String, isWord: Bool, stem: [UInt16]?)] = []
    var firstChunkWords = 0
    let chunks = Self.spaceSeparatedChunks(entry.source)
    for (c, chunk) in chunks.enumerated() {
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
        pieces += tokens(String(chunk)).map { ($0.text, $0.isWord, nil) }
      }
      if c == 0 { firstChunkWords = pieces[before...].filter(\.isWord).count }
    }
    guard !pieces.isEmpty else { return [] }
    let sourceTokens = pieces.map(\.text)
    let sourceKeys = sourceTokens.map { keyNumber($0) }
    let words = pieces.filter(\.isWord).map(\.text)
    // Words below U+0250 are inflected on units (the common case), others as strings.
    let loweredWords = entry.matchMode == .inflect ? words.map(RomanianInflection.loweredUnits) : []
    let onUnits = entry.matchMode == .inflect && !loweredWords.contains { $0 == nil }
    var roles = onUnits
      ? RomanianInflection.roles(of: words, lowered: loweredWords.map { $0! }, type: entry.type)
      : RomanianInflection.roles(of: words, type: entry.type)
    // A hyphenated compound (Caraș-Severin, Alba-Iulia, Bistrița-Năsăud) inflects on its first
    // or on its last element: Caraș-Severinului, Bistriței-Năsăud.
    func inCompound(_ word: Int) -> Bool { firstChunkWords > 1 && (word == 0 || word == firstChunkWords - 1) }
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
        tokenPatterns.append(.prefix(Array(keys.units(of: key))))
      case .inflect:
        // A key needs a capital only if every form that gives it does.
        var forms = FormSet(key, roles[wordIndex] == .invariant || inCompound(wordIndex) ? .any : .direct)
        if let lowered = onUnits ? loweredWords[wordIndex] : nil {
          unitForms.removeAll()
          RomanianInflection.addForms(of: piece.text, lowered: lowered, role: roles[wordIndex], type: entry.type, to: &unitForms)
          for f in 0..<unitForms.count { forms.add(keyNumber(latin: unitForms.form(f)), unitForms.slots[f]) }
        } else {
          for (form, slots) in RomanianInflection.forms(of: piece.text, role: roles[wordIndex], type: entry.type) {
            forms.add(keyNumber(form), slots)
          }
        }
        tokenPatterns.append(.forms(forms))
      }
      wordIndex += 1
    }
    let needsCapital = entry.type.map(Self.properName.contains) == true && sourceTokens[0].first?.isUppercase == true
    var result = [TermPattern(
      entry: index, tokens: tokenPatterns, sourceTokens: sourceTokens, sourceKeys: sourceKeys, isExtraForm: false,
      needsCapital: needsCapital)]
    for form in entry.forms {
      let formTokens = tokens(form)
      guard !formTokens.isEmpty else { continue }
      result.append(TermPattern(
        entry: index, tokens: formTokens.map { .forms(FormSet(keyNumber($0.text), .any)) },
        sourceTokens: sourceTokens, sourceKeys: sourceKeys, isExtraForm: true,
        needsCapital: needsCapital && formTokens[0].text.first?.isUppercase == true))
    }
    return result
  }
}

