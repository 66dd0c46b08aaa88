/// A glossary as `tradu check` reads a translation with it: where the source names each entry
/// and what the target says about it.
///
/// Each rule of ``Rules`` asks this for its evidence, so a rule can be read and tested with a
/// unit and a glossary alone:
///
///     let glossary = CheckGlossary(glossary: .default)
///     let unit = BilingualSegment(id: "1", source: "Kremlinul a negat.", target: "Moscow denied it.")
///     Rules.missingTerm(unit, glossary)   // one finding: “Kremlinul” is not rendered
public struct CheckGlossary: Sendable {
  /// The entries, by id.
  public let entries: [String: GlossaryEntry]
  /// Entries a matcher cannot find safely (see ``GlossaryLinter/unsafeForMatching(_:dictionary:)``):
  /// their findings are minor at most.
  public let lowConfidence: Set<String>
  private let findSourceTerms: @Sendable (String) throws(TraduError) -> [GlossaryMatch]
  /// Finds the entries' targets in translations (their words split once).
  let english: EnglishTermMatcher
  /// Forbidden targets of every entry: wrong wherever they stand.
  let forbiddenForms: [(entry: GlossaryEntry, term: String)]
  /// ``forbiddenForms``' terms split into words, in the same order, indexed for searching.
  private let forbiddenIndex: EnglishTermMatcher.SplitTermIndex
  /// Every approved target and source of the glossary, folded: a word that is itself a known
  /// name is never a misspelling of another ("Iraq" beside "Iran").
  let knownNames: Set<String>
  /// Approved targets of every entry, by the key of their first word.
  private let approvedByFirstWord: [String: [(entryID: String, term: String)]]
  /// Each entry's approved targets, longest first (as ``renderings(of:sourceMatches:in:)``
  /// tries them), by entry id.
  private let approvedLongestFirst: [String: [String]]
  /// The English variants of each approved target (``EnglishNameVariants``).
  private let nameVariants: [String: [String]]
  /// Names the glossary matcher does not look for (English names quoted in the source,
  /// capitalized adjectives with a Romanian ending).
  private let sourceNames: SourceNames

  /// A glossary of `entries`, found in source text with `findSourceTerms` (normally
  /// `GlossaryMatcher.matches(in:)` over the same entries); its error ends the check.
  public init(entries: [GlossaryEntry], lowConfidence: Set<String> = [],
              findSourceTerms: @escaping @Sendable (String) throws(TraduError) -> [GlossaryMatch]) {
    var byID: [String: GlossaryEntry] = [:]
    for entry in entries where byID[entry.id] == nil { byID[entry.id] = entry }
    self.entries = byID
    self.lowConfidence = lowConfidence
    self.findSourceTerms = findSourceTerms
    self.forbiddenForms = entries.flatMap { entry in
      entry.targets.filter { $0.status == .forbidden }.map { (entry, $0.term) }
    }
    var known: Set<String> = []
    var byFirstWord: [String: [(entryID: String, term: String)]] = [:]
    for entry in entries {
      for name in entry.targets.filter({ $0.status != .forbidden }).map(\.term) + [entry.source] {
        known.insert(EnglishTermMatcher.termWords(name).map(\.key).joined(separator: " "))
      }
      guard !entry.doNotTranslate else { continue }
      for target in entry.targets where target.status != .forbidden {
        guard let first = EnglishTermMatcher.termWords(target.term).first else { continue }
        byFirstWord[first.key, default: []].append((entry.id, target.term))
      }
    }
    self.knownNames = known
    self.english = EnglishTermMatcher(terms: entries.flatMap { [$0.source] + $0.targets.map(\.term) })
    self.forbiddenIndex = EnglishTermMatcher.SplitTermIndex(
      forbiddenForms.map { [english] in english.split($0.term, optionalArticle: false) })
    self.approvedByFirstWord = byFirstWord
    self.approvedLongestFirst = byID.mapValues(Self.longestFirst)
    var variants: [String: [String]] = [:]
    for entry in byID.values where !entry.doNotTranslate {
      for target in entry.targets where target.status != .forbidden && variants[target.term] == nil {
        variants[target.term] = EnglishNameVariants.variants(of: target.term, type: entry.type)
      }
    }
    self.nameVariants = variants
    self.sourceNames = SourceNames(entries: byID.values.sorted { $0.id < $1.id })
  }

  /// `glossary`, found in source text with its own matcher.
  ///
  /// Glossaries mined from translations sometimes give a name with the proclitic article of
  /// its genitive ("lui Cromwell"); such an entry is also found as the bare name, and findings
  /// still name the entry as the glossary writes it.
  public init(glossary: Glossary, lowConfidence: Set<String> = []) {
    var entries = glossary.entries
    for i in entries.indices {
      let source = entries[i].source
      guard source.hasPrefix("lui ") || source.hasPrefix("Lui ") else { continue }
      let name = String(source.dropFirst(4))
      if name.unicodeScalars.first?.properties.isUppercase == true && !entries[i].forms.contains(name) {
        entries[i].forms.append(name)
      }
    }
    let matcher = GlossaryMatcher(Glossary(entries: entries, name: glossary.name))
    self.init(entries: glossary.entries, lowConfidence: lowConfidence) { text throws(TraduError) in try matcher.matches(in: text) }
  }

  // MARK: The source

  /// The entries `source` names, in text order: the matcher's matches that are names, and
  /// the names of ``SourceNames``.
  ///
  /// - Throws: what the glossary matcher throws (``TraduError/icu(_:)`` when ICU's word
  ///   breaking fails), rather than report a source that names nothing.
  public func sourceTerms(in source: String) throws(TraduError) -> [GlossaryMatch] {
    try sourceTerms(in: WordTokens(source))
  }

  /// ``sourceTerms(in:)-(String)`` of a source already split into words.
  func sourceTerms(in source: WordTokens) throws(TraduError) -> [GlossaryMatch] {
    let matched = try findSourceTerms(source.text).filter(Self.isNameMention)
    return (matched + sourceNames.matches(in: source, besides: matched))
      .sorted { $0.range.lowerBound < $1.range.lowerBound }
  }

  /// Whether a match names the entry: a capitalized name that the text writes in lower case
  /// and differently is a common word that folds to it ("puțin", a little, is not "Putin").
  static func isNameMention(_ match: GlossaryMatch) -> Bool {
    match.kind == .exact
      || match.source.unicodeScalars.first?.properties.isUppercase != true
      || match.matched.unicodeScalars.contains { $0.properties.isUppercase }
  }

  /// The glossary entries inside the longer names of `matches` ("Palin" inside "Sarah Palin",
  /// "Coreea" inside "Coreea de Sud"), each at its place in the source.
  func namesInside(_ matches: [GlossaryMatch]) throws(TraduError) -> [GlossaryMatch] {
    var result: [GlossaryMatch] = []
    var seen: Set<String> = []
    for m in matches {
      let words = WordTokens(m.matched).tokens
      guard words.count > 1 else { continue }
      for i in 0..<words.count {
        for j in i..<words.count where j - i < words.count - 1 {
          let span = words[i].range.lowerBound..<words[j].range.upperBound
          let text = EnglishTermMatcher.slice(m.matched, span)
          for inner in try findSourceTerms(text)
          where inner.range == 0..<text.utf16.count && inner.entryID != m.entryID && Self.isNameMention(inner) {
            var shifted = inner
            shifted.range = (m.range.lowerBound + span.lowerBound)..<(m.range.lowerBound + span.upperBound)
            if seen.insert("\(inner.entryID)@\(shifted.range.lowerBound)").inserted { result.append(shifted) }
          }
        }
      }
    }
    return result
  }

  /// The forbidden forms of any entry that `target` uses, in glossary order, with their places
  /// (their article required, only a possessive or a plural after them).
  func forbiddenFormUses(in target: WordTokens) -> [ForbiddenUse] {
    var result: [ForbiddenUse] = []
    for (k, uses) in english.foundOccurrences(of: forbiddenIndex, in: target, derived: false) {
      result.append((forbiddenForms[k].entry, forbiddenForms[k].term, uses))
    }
    return result
  }

  // MARK: Both sides

  /// Every entry the source of `unit` names (on its own or inside a longer name), with its
  /// renderings, misspellings and forbidden forms in the target; empty without a target.
  func entriesInUnit(_ unit: BilingualSegment) throws(TraduError) -> [EntryInUnit] {
    guard let target = unit.target else { return [] }
    let sourceWords = WordTokens(unit.source)
    return try entriesInUnit(unit, sourceWords: sourceWords, sourceTerms: nil, targetWords: WordTokens(target))
  }

  /// ``entriesInUnit(_:)`` with the unit's words (and the source's terms, when known) found
  /// once by the caller for all the rules.
  func entriesInUnit(_ unit: BilingualSegment, sourceWords: WordTokens, sourceTerms known: [GlossaryMatch]?,
                     targetWords words: WordTokens) throws(TraduError) -> [EntryInUnit] {
    guard let target = unit.target, !Rules.isBlank(target) else { return [] }
    let own: [GlossaryMatch]
    if let known { own = known } else { own = try sourceTerms(in: sourceWords) }
    // A source that names no entry has no names inside names either: nothing to look for.
    guard !own.isEmpty else { return [] }
    let inside = try namesInside(own)
    var order: [String] = []
    var grouped: [String: [GlossaryMatch]] = [:]
    for m in own + inside {
      if grouped[m.entryID] == nil { order.append(m.entryID) }
      grouped[m.entryID, default: []].append(m)
    }
    let ownIDs = Set(own.map(\.entryID))
    let covered = TakenRanges((own + inside).map(\.range))
    return order.map { id in
      let found = grouped[id]!
      let entry = entries[id] ?? GlossaryEntry(id: id, source: found[0].source, targets: found[0].targets)
      var e = renderings(of: entry, sourceMatches: found, in: words)
      e.onlyInside = !ownIDs.contains(id)
      e.shortMentions = shortMentions(of: e, in: words, fullNames: own)
      e.kin = kinWords(of: e, in: sourceWords, covered: covered)
      return e
    }
  }

  /// `found` when the caller has it already, else ``entriesInUnit(_:)``.
  func entriesInUnit(_ unit: BilingualSegment, given found: [EntryInUnit]?) throws(TraduError) -> [EntryInUnit] {
    if let found { return found }
    return try entriesInUnit(unit)
  }

  /// What the target says about one entry the source names at `sourceMatches`.
  func renderings(of entry: GlossaryEntry, sourceMatches found: [GlossaryMatch], in target: WordTokens) -> EntryInUnit {
    var renderings: [TermOccurrence] = []
    // The target's ranges already claimed, as ranges (a few a unit): a place is free when no
    // position of it is claimed, that is when it overlaps none of them.
    var taken: [Range<Int>] = []
    func isFree(_ range: Range<Int>) -> Bool { !taken.contains { $0.overlaps(range) } }
    // Longer targets first, so "North Korea" is not also counted as "Korea".
    let approved = approvedLongestFirst[entry.id].flatMap { entries[entry.id]?.targets == entry.targets ? $0 : nil }
      ?? Self.longestFirst(entry)
    for term in approved {
      for r in english.occurrences(of: term, in: target) where isFree(r.range) {
        renderings.append(r)
        taken.append(r.range)
      }
    }
    // Then the words English uses for the same name ("French" for "France", "EU"): a
    // rendering of the term, written with a capital as English writes them.
    for term in approved {
      for variant in nameVariants[term] ?? EnglishNameVariants.variants(of: term, type: entry.type) {
        for r in english.occurrences(of: variant, in: target, optionalArticle: true, derived: false)
        where r.surface.first?.isUppercase == true && isFree(r.range) {
          renderings.append(TermOccurrence(range: r.range, surface: r.surface, term: term))
          taken.append(r.range)
        }
      }
    }
    // A foreign name that only looked inflected ("Sane" matched as "San") is kept as written.
    let sourceKey = foldKey(entry.source)
    var kept: [TermOccurrence] = []
    for form in Set(found.map(\.matched)) where foldKey(form) != sourceKey {
      for r in english.exactOccurrences(of: form, in: target) where isFree(r.range) {
        kept.append(r)
        taken.append(r.range)
      }
    }
    var misses: [TermOccurrence] = []
    if !entry.doNotTranslate {
      // Known names and the forms the source itself writes are no misspellings.
      let sourceForms = Set(found.map { foldKey($0.matched) })
      // The closure holds the set it asks, not a copy of the whole glossary.
      let knownNames = knownNames
      let isAllowed = { (key: String) in knownNames.contains(key) || sourceForms.contains(key) }
      // The closest target for each near miss; on a tie, the one listed first (preferred).
      for term in entry.targets.filter({ $0.status != .forbidden }).map(\.term) {
        for r in english.nearMisses(of: term, in: target, isAllowed: isAllowed) where isFree(r.range) {
          if let k = misses.firstIndex(where: { $0.range.overlaps(r.range) }) {
            if r.distance < misses[k].distance { misses[k] = r }
          } else {
            misses.append(r)
          }
        }
      }
    }
    var forbidden: [TermOccurrence] = []
    for t in entry.targets where t.status == .forbidden {
      forbidden += english.occurrences(of: t.term, in: target, optionalArticle: false, derived: false)
        .filter { isFree($0.range) }
    }
    return EntryInUnit(entry: entry, sourceMatches: found, renderings: renderings, keptSourceForms: kept,
                       nearMisses: misses, forbidden: forbidden)
  }

  /// The approved targets of `entry`, longest first.
  private static func longestFirst(_ entry: GlossaryEntry) -> [String] {
    entry.targets.filter { $0.status != .forbidden }.map(\.term).sorted { $0.count > $1.count }
  }

  /// How often the target names a person of several words by the last one alone, away from the
  /// entry's renderings: "Trump's" for a second "Donald Trump", as news style does. For an
  /// entry that is the first name inside a full name the source writes ("Donald" of "Donald
  /// Trump", among `fullNames`), that surname alone names it again too: not right after a
  /// rendering of the first name (it belongs to that rendering), nor after another capitalized
  /// word (then it ends another name). A full name the glossary types as other than a person
  /// ("Manchester United") has no surname.
  func shortMentions(of e: EntryInUnit, in target: WordTokens, fullNames: [GlossaryMatch] = []) -> Int {
    var surnames: Set<String> = []
    var afterFirstName: Set<String> = []
    // The full names by where they start: each mention looks up its own, not every full name
    // (a text that names one person thousands of times stays linear).
    // They come in text order from ``sourceTerms(in:)-(WordTokens)``: then a bisection finds
    // them, with no table to build.
    let inOrder = fullNames.indices.dropFirst().allSatisfy { fullNames[$0 - 1].range.lowerBound <= fullNames[$0].range.lowerBound }
    let fullNamesByStart = inOrder ? [:] : Dictionary(grouping: fullNames, by: \.range.lowerBound)
    func namesStarting(at start: Int) -> ArraySlice<GlossaryMatch> {
      guard inOrder else { return ArraySlice(fullNamesByStart[start] ?? []) }
      var low = 0, high = fullNames.count
      while low < high {
        let middle = (low + high) / 2
        if fullNames[middle].range.lowerBound < start { low = middle + 1 } else { high = middle }
      }
      var end = low
      while end < fullNames.count && fullNames[end].range.lowerBound == start { end += 1 }
      return fullNames[low..<end]
    }
    // The last word of a name of two or more capitalized words, three letters or more.
    func surname(_ name: String) -> String? {
      let words = WordTokens(name)
      guard words.tokens.count >= 2, words.tokens.indices.allSatisfy({ words.surface($0).first?.isUppercase == true })
      else { return nil }
      let last = words.surface(words.tokens.count - 1)
      return last.count >= 3 ? last : nil
    }
    for m in e.sourceMatches {
      if let last = surname(m.matched) { surnames.insert(last) }
      for full in namesStarting(at: m.range.lowerBound) where full.range.upperBound > m.range.upperBound
        && (entries[full.entryID]?.type ?? .person) == .person {
        guard let last = surname(full.matched) else { continue }
        surnames.insert(last)
        afterFirstName.insert(last)
      }
    }
    guard !surnames.isEmpty else { return 0 }
    let rendered = e.renderings.map(\.range) + e.keptSourceForms.map(\.range)
    let tokens = target.tokens
    // Two ASCII texts are equal only when their bytes are: an ASCII word is told from ASCII
    // surnames without making its text.
    let asciiSurnames = surnames.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
    // Nor can a word be a surname whose first scalar decomposes to start otherwise (see
    // ``WordTokens/mayBeWritten(_:startingAs:)``).
    let surnameStarts = surnames.map { LatinFolds.decomposedStart($0.unicodeScalars.first?.value ?? 0) }
    return tokens.indices.filter { k in
      let token = tokens[k]
      if asciiSurnames && token.isASCII && !surnames.contains(where: { target.bytes(token.utf8Range, equal: $0) }) {
        return false
      }
      if !surnameStarts.contains(where: { target.mayBeWritten(k, startingAs: $0) }) { return false }
      let surface = target.surface(k)
      guard surnames.contains(surface), !rendered.contains(where: { $0.overlaps(token.range) }) else { return false }
      guard afterFirstName.contains(surface), k > 0 else { return true }
      // Alone: not the end of the first name's rendering, nor of a longer name ("State
      // Tigers" is no surname of "Tennessee").
      return !rendered.contains { $0.overlaps(tokens[k - 1].range) } && target.surface(k - 1).first?.isUppercase != true
    }.count
  }

  /// Words of the source built on the entry's stem that are not the name: adjectives and
  /// demonyms ("bolivian", "sud-coreean"). The target may render them with the entry's words
  /// ("Bolivian", "Korean"), so such renderings need not be the name's.
  func kinWords(of e: EntryInUnit, in source: WordTokens, covered: TakenRanges) -> Int {
    var keys = [foldKey(e.entry.source)]
    for m in e.sourceMatches { keys.append(foldKey(m.matched)) }
    return Self.kinWords(asciiKeys: keys, in: source, covered: covered) ?? Self.kinWords(keys: keys, in: source, covered: covered)
  }

  /// ``kinWords(of:in:covered:)`` of the folded `keys` of an entry and its matches: the words
  /// of `source` outside `covered` that start with the keys' common stem (its final vowels
  /// dropped down to four letters; none when shorter than three).
  static func kinWords(keys: [String], in source: WordTokens, covered: TakenRanges) -> Int {
    // Folded keys hold no combining marks, so a space among their bytes is a space character.
    guard keys.allSatisfy({ !$0.utf8.contains(0x20) }), var stem = keys.first else { return 0 }
    for key in keys.dropFirst() { stem = String(zip(stem, key).prefix { $0 == $1 }.map(\.0)) }
    while stem.count > 4, let last = stem.last, "aeiouy".contains(last) { stem.removeLast() }
    guard stem.count >= 3 else { return 0 }
    // A key whose first byte is ASCII and not the stem's cannot start with the stem.
    let stemByte = stem.utf8.first.flatMap { $0 < 0x80 ? $0 : nil }
    let tokens = source.tokens
    var count = 0
    for k in tokens.indices {
      if let stemByte, tokens[k].keyStart != 0, tokens[k].keyStart >> 8 < 0x80, tokens[k].keyStart >> 8 != Int(stemByte) { continue }
      if tokens[k].key.hasPrefix(stem) && !covered.contains(tokens[k].range.lowerBound) { count += 1 }
    }
    return count
  }

  /// ``kinWords(keys:in:covered:)`` for `keys` that are all ASCII, whose characters are their bytes: the stem found and compared byte by byte
  /// (a token's key that is not ASCII is compared as a string). Nil when a key is not ASCII.
  static func kinWords(asciiKeys keys: [String], in source: WordTokens, covered: TakenRanges) -> Int? {
    guard keys.allSatisfy({ key in key.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
    guard keys.allSatisfy({ !$0.utf8.contains(0x20) }) else { return 0 }
    var stem = Array(keys[0].utf8)
    for key in keys.dropFirst() {
      var common = 0
      for (a, b) in zip(stem, key.utf8) {
        if a != b { break }
        common += 1
      }
      stem.removeLast(stem.count - common)
    }
    while stem.count > 4, let last = stem.last, "aeiouy".utf8.contains(last) { stem.removeLast() }
    guard stem.count >= 3 else { return 0 }
    let tokens = source.tokens
    var stemText: String?
    var count = 0
    for k in tokens.indices {
      // A key whose first byte is ASCII and not the stem's cannot start with the stem (told
      // from the token's key start, before the key's bytes are read).
      let first = tokens[k].keyStart >> 8
      if first != 0 && first < 0x80 && first != Int(stem[0]) { continue }
      let key = tokens[k].key.utf8
      if key.count == tokens[k].keyLength {
        // An ASCII key: one byte a character.
        guard key.first == stem[0], key.count >= stem.count, key.starts(with: stem) else { continue }
      } else {
        if stemText == nil { stemText = String(decoding: stem, as: UTF8.self) }
        guard tokens[k].key.hasPrefix(stemText!) else { continue }
      }
      if !covered.contains(tokens[k].range.lowerBound) { count += 1 }
    }
    return count
  }

  /// Approved targets of glossary entries that `target` uses although `source` names neither
  /// those entries nor their words: the name of something the source does not mention.
  ///
  /// Only a capitalized name of two letters or more counts, outside `rendered` (the renderings
  /// of the entries the source names: "Donald" inside "Donald Trump" is not one).
  func intruders(in target: WordTokens, source: String, named: Set<String>, rendered: [Range<Int>]) -> [TermOccurrence] {
    var sourceKeys: Set<String>?
    var result: [TermOccurrence] = []
    let rendered = TakenRanges(rendered)
    for k in target.tokens.indices {
      let token = target.tokens[k]
      guard let candidates = approvedByFirstWord[token.key], target.surface(k).first?.isUppercase == true,
            !rendered.contains(token.range.lowerBound)
      else { continue }
      for (entryID, term) in candidates where !named.contains(entryID) {
        guard let use = english.occurrences(of: term, in: target).first(where: { $0.range.contains(token.range.lowerBound) })
        else { continue }
        let termWords = EnglishTermMatcher.termWords(term)
        if termWords.map(\.key).joined().count < 2 { continue }
        if sourceKeys == nil { sourceKeys = Set(WordTokens(source).tokens.map(\.key)) }
        // A word the source writes itself (a quoted English name, an inflected form of it).
        if termWords.allSatisfy({ word in
          sourceKeys!.contains(word.key)
            || (word.key.count >= 4 && SourceNames.inflectionEndings.contains { sourceKeys!.contains(word.key + $0) })
        }) { continue }
        if !result.contains(where: { $0.range.overlaps(use.range) }) { result.append(use) }
        break
      }
    }
    return result
  }
}

/// A forbidden form of a glossary entry, and where a translation uses it.
typealias ForbiddenUse = (entry: GlossaryEntry, term: String, uses: [TermOccurrence])
