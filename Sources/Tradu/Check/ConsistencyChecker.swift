/// Checks translations against a glossary and a few segment rules.
///
/// The checker finds each glossary entry in the Romanian source with the glossary's own
/// matcher (inflected forms included: "Kremlinului", "lui Putin", "Uniunii Europene"), looks for
/// its approved renderings in the English target with ``EnglishTermMatcher`` (possessives,
/// plurals, an optional "the", derived forms), and runs the rules of ``CheckRule`` that are not
/// skipped.
///
///     let checker = ConsistencyChecker(entries: glossary.entries) { matcher.matches(in: $0) }
///     let report = checker.check(document)
///     report.findings.filter { $0.severity >= .major }
///
/// - Complexity: O(*n*) in the length of the document, times the number of entries found per
///   segment.
public struct ConsistencyChecker: Sendable {
  /// The glossary entries, by id.
  public let entries: [String: GlossaryEntry]
  /// Rules not to run.
  public var skip: Set<CheckRule>
  private let findSourceTerms: @Sendable (String) -> [GlossaryMatch]
  private let forbiddenForms: [(entry: GlossaryEntry, term: String)]
  /// Every approved target and source of the glossary, folded: a word that is itself a known
  /// name is never a misspelling of another ("Iraq" beside "Iran").
  private let knownNames: Set<String>
  /// Approved targets of every entry, by the key of their first word: a target found in a
  /// translation whose entry the source does not name stands where something else should.
  private let approvedByFirstWord: [String: [(entryID: String, term: String)]]
  private let english = EnglishTermMatcher()
  /// Names the glossary matcher does not look for: English names quoted in the source,
  /// capitalized adjectives with a Romanian ending.
  private let sourceNames: SourceNames

  /// Creates a checker over `entries`, finding them in source text with `findSourceTerms`
  /// (normally `GlossaryMatcher.matches(in:)` over the same entries).
  public init(entries: [GlossaryEntry], skip: Set<CheckRule> = [],
              findSourceTerms: @escaping @Sendable (String) -> [GlossaryMatch]) {
    var byID: [String: GlossaryEntry] = [:]
    for entry in entries where byID[entry.id] == nil { byID[entry.id] = entry }
    self.entries = byID
    self.skip = skip
    self.findSourceTerms = findSourceTerms
    self.forbiddenForms = entries.flatMap { entry in
      entry.targets.filter { $0.status == .forbidden }.map { (entry, $0.term) }
    }
    var known: Set<String> = []
    for entry in entries {
      for name in entry.targets.filter({ $0.status != .forbidden }).map(\.term) + [entry.source] {
        known.insert(EnglishTermMatcher.termWords(name).map(\.key).joined(separator: " "))
      }
    }
    self.knownNames = known
    var byFirstWord: [String: [(entryID: String, term: String)]] = [:]
    for entry in entries where !entry.doNotTranslate {
      for target in entry.targets where target.status != .forbidden {
        guard let first = EnglishTermMatcher.termWords(target.term).first else { continue }
        byFirstWord[first.key, default: []].append((entry.id, target.term))
      }
    }
    self.approvedByFirstWord = byFirstWord
    self.sourceNames = SourceNames(entries: byID.values.sorted { $0.id < $1.id })
  }

  /// A checker over `glossary`, finding its entries in source text with its own matcher.
  ///
  /// Glossaries mined from translations sometimes give a name with the proclitic article of
  /// its genitive ("lui Cromwell"); such an entry is also found as the bare name ("Cromwell",
  /// "lui Cromwell"), and findings still name the entry as the glossary writes it.
  public init(glossary: Glossary, skip: Set<CheckRule> = []) {
    var entries = glossary.entries
    for i in entries.indices {
      let source = entries[i].source
      if source.hasPrefix("lui ") || source.hasPrefix("Lui ") {
        let name = String(source.dropFirst(4))
        if name.unicodeScalars.first?.properties.isUppercase == true && !entries[i].forms.contains(name) {
          entries[i].forms.append(name)
        }
      }
    }
    let matcher = GlossaryMatcher(Glossary(entries: entries, name: glossary.name))
    self.init(entries: glossary.entries, skip: skip) { matcher.matches(in: $0) }
  }

  /// Checks every unit of `document`, then the document-wide rules.
  public func check(_ document: BilingualDocument) -> CheckReport {
    let units = document.units.map { analyze($0, targetLanguage: document.targetLanguage) }
    let documentFindings = skip.contains(.inconsistent) ? [] : Rules.inconsistent(units)
    return CheckReport(document: document, units: units, documentFindings: documentFindings)
  }

  /// Checks one unit with the segment rules (everything but ``CheckRule/inconsistent``).
  public func analyze(_ unit: BilingualUnit, targetLanguage: String = "en") -> UnitAnalysis {
    var findings: [Finding] = []
    func run(_ rule: CheckRule, _ body: () -> [Finding]) {
      if !skip.contains(rule) { findings += body() }
    }
    let allMatches = findSourceTerms(unit.source)
    let matched = allMatches.filter(Self.isTrusted)
    let sourceTerms = (matched + sourceNames.matches(in: WordTokens(unit.source), besides: matched))
      .sorted { $0.range.lowerBound < $1.range.lowerBound }
    var targetTerms: [TargetTerm] = []
    run(.untranslated) { Rules.untranslated(unit).map { [$0] } ?? [] }
    guard let target = unit.target, !target.allSatisfy(\.isWhitespace) else {
      return UnitAnalysis(unit: unit, sourceTerms: sourceTerms, targetTerms: [], findings: findings)
    }
    let words = WordTokens(target)
    var forbiddenSeen: Set<Int> = []
    var inUnit = entriesInUnit(sourceTerms, target: words)
    // Names inside compound names ("Kavanaugh" in "Brett Kavanaugh") are judged on their own
    // too, but only reported when they are not rendered, or when the target keeps the rest of
    // the compound without them ("Sarah Morelos" for "Sarah Palin").
    let inside = namesInside(inUnit, of: unit.source)
    let foundIDs = Set(inUnit.map(\.entry.id))
    let insideOnly = entriesInUnit(inside.filter { !foundIDs.contains($0.entryID) }, target: words)
    inUnit += insideOnly.filter(\.isUnrendered)
    let sourceWords = WordTokens(unit.source)
    var remnants: [String: Remnant] = [:]
    for e in inUnit + insideOnly.filter({ !$0.isUnrendered }) where !e.entry.doNotTranslate {
      let more = inside.filter { m in m.entryID == e.entry.id && !e.sourceMatches.contains { $0.range.overlaps(m.range) } }
      let mentions = e.renderings.count + e.keptSourceForms.count + shortMentions(of: e, in: words)
      if let r = remnant(of: e, occurrences: e.sourceMatches + more, rendered: mentions, source: sourceWords, target: words) {
        remnants[e.entry.id] = r
      }
    }
    inUnit += insideOnly.filter { !$0.isUnrendered && remnants[$0.entry.id] != nil }
    let rendered = inUnit.flatMap { $0.renderings.map(\.range) + $0.keptSourceForms.map(\.range) }
    // A name the source writes only as a common word ("nord-coreeni") is not foreign to it.
    let intruders = intruders(in: words, named: Set(inUnit.map(\.entry.id) + allMatches.map(\.entryID)),
                              rendered: rendered, source: unit.source)
    // A name inside a compound is judged too where the target shows a gap, or another glossary
    // name seems to take its place.
    let hasGap = Rules.droppedWordMark(in: target) != nil
    for e in insideOnly where !e.isUnrendered && !inUnit.contains(where: { $0.entry.id == e.entry.id }) {
      if hasGap || intruders.contains(where: { standsInOneName($0, with: e, occurrences: e.sourceMatches, among: inUnit,
                                                               source: unit.source, target: words) }) {
        inUnit.append(e)
      }
    }
    for var e in inUnit {
      let more = inside.filter { m in m.entryID == e.entry.id && !e.sourceMatches.contains { $0.range.overlaps(m.range) } }
      let named = Set((e.sourceMatches + more).map(\.range.lowerBound)).count
      if !e.entry.doNotTranslate && e.nearMisses.isEmpty {
        e.nearMisses = shortNearMisses(of: e, named: named, source: sourceWords, target: words)
      }
      for r in e.renderings {
        let status = e.entry.targets.first { $0.term == r.term }?.status
        targetTerms.append(TargetTerm(entryID: e.entry.id, entry: e.entry.source, term: r.term, status: status,
                                      range: r.range, surface: r.surface))
      }
      for r in e.keptSourceForms {
        targetTerms.append(TargetTerm(entryID: e.entry.id, entry: e.entry.source, term: r.term, status: nil,
                                      range: r.range, surface: r.surface))
      }
      for r in e.nearMisses {
        targetTerms.append(TargetTerm(entryID: e.entry.id, entry: e.entry.source, term: r.term, status: nil,
                                      isMisspelt: true, range: r.range, surface: r.surface))
      }
      if e.entry.doNotTranslate {
        // The glossary's form, or the form as the source writes it ("ȘTIU", "MEDIAFAX").
        var exact = english.exactOccurrences(of: e.entry.source, in: words)
        for form in Set(e.sourceMatches.map(\.matched)) where form != e.entry.source {
          exact += english.exactOccurrences(of: form, in: words).filter { f in !exact.contains { $0.range == f.range } }
        }
        let folded = english.occurrences(of: e.entry.source, in: words).filter { f in !exact.contains { $0.range == f.range } }
          + english.nearMisses(of: e.entry.source, in: words)
        for r in exact {
          targetTerms.append(TargetTerm(entryID: e.entry.id, entry: e.entry.source, term: e.entry.source,
                                        status: .preferred, range: r.range, surface: r.surface))
        }
        run(.dntChanged) { Rules.dntChanged(e, exact: exact, folded: folded, in: unit).map { [$0] } ?? [] }
        continue
      }
      for f in e.forbidden {
        forbiddenSeen.insert(f.range.lowerBound)
        targetTerms.append(TargetTerm(entryID: e.entry.id, entry: e.entry.source, term: f.term, status: .forbidden,
                                      range: f.range, surface: f.surface))
      }
      run(.forbiddenTerm) {
        Rules.forbiddenTerm(entry: e.entry, uses: e.forbidden, sourceForm: e.sourceMatches.first, in: unit)
      }
      let kin = kinWords(of: e, in: sourceWords, covered: sourceTerms.map(\.range) + inside.map(\.range))
      var counts = MentionCounts(inside: Set(more.map(\.range.lowerBound)).count, kin: kin,
                                 shortMentions: shortMentions(of: e, in: words))
      var intruder = intruders.first
      if let inName = intruders.first(where: { standsInOneName($0, with: e, occurrences: e.sourceMatches + more,
                                                              among: inUnit, source: unit.source, target: words) }) {
        intruder = inName
        counts.intruderInName = true
      }
      run(.missingTerm) {
        Rules.missingTerm(e, in: unit, intruder: intruder, remnant: remnants[e.entry.id], counts: counts).map { [$0] } ?? []
      }
      run(.misspeltTerm) { Rules.misspeltTerm(e, in: unit) }
    }
    // Forbidden forms of entries the source does not name are wrong all the same.
    for (entry, term) in forbiddenForms {
      let uses = english.occurrences(of: term, in: words, optionalArticle: false, derived: false).filter { !forbiddenSeen.contains($0.range.lowerBound) }
      guard !uses.isEmpty else { continue }
      for use in uses {
        forbiddenSeen.insert(use.range.lowerBound)
        targetTerms.append(TargetTerm(entryID: entry.id, entry: entry.source, term: term, status: .forbidden,
                                      range: use.range, surface: use.surface))
      }
      run(.forbiddenTerm) { Rules.forbiddenTerm(entry: entry, uses: uses, sourceForm: nil, in: unit) }
    }
    run(.numberMismatch) { Rules.numberMismatch(unit) }
    if targetLanguage.lowercased().hasPrefix("ro") {
      run(.cedilla) { Rules.cedilla(unit).map { [$0] } ?? [] }
    }
    targetTerms.sort { $0.range.lowerBound < $1.range.lowerBound }
    return UnitAnalysis(unit: unit, sourceTerms: sourceTerms, targetTerms: targetTerms, findings: findings)
  }

  /// The glossary entries inside the source forms of `outer` ("Sarah" inside "Sarah Palin"):
  /// when a compound name is not rendered, they tell which part is missing or wrong.
  /// Entries found on their own are found inside compounds too ("Palin" in "Sarah Palin" beside
  /// "Track Palin"): the caller tells them apart.
  func namesInside(_ outer: [EntryInUnit], of source: String) -> [GlossaryMatch] {
    var result: [GlossaryMatch] = []
    var seen: Set<String> = []
    for e in outer {
      for m in e.sourceMatches {
        let words = WordTokens(m.matched).tokens
        guard words.count > 1 else { continue }
        for i in 0..<words.count {
          for j in i..<words.count where j - i < words.count - 1 {
            let span = words[i].range.lowerBound..<words[j].range.upperBound
            let text = EnglishTermMatcher.slice(m.matched, span)
            for inner in findSourceTerms(text)
            where inner.range == 0..<text.utf16.count && inner.entryID != e.entry.id {
              var shifted = inner
              shifted.range = (m.range.lowerBound + span.lowerBound)..<(m.range.lowerBound + span.upperBound)
              if seen.insert("\(inner.entryID)@\(shifted.range.lowerBound)").inserted { result.append(shifted) }
            }
          }
        }
      }
    }
    return result
  }

  /// Words of the source built on the entry's stem that the glossary matcher does not take
  /// for the name: adjectives and demonyms ("bolivian", "coreene", "sud-coreean"), or the word
  /// in lower case ("curtea"). The target may render them with the entry's words ("Bolivian",
  /// "Korean", "South", "court"), so those renderings are not the name's.
  func kinWords(of e: EntryInUnit, in source: WordTokens, covered: [Range<Int>]) -> Int {
    var keys = [foldKey(e.entry.source)]
    for m in e.sourceMatches { keys.append(foldKey(m.matched)) }
    guard keys.allSatisfy({ !$0.contains(" ") }), var stem = keys.first else { return 0 }
    for key in keys.dropFirst() { stem = String(zip(stem, key).prefix { $0 == $1 }.map(\.0)) }
    while stem.count > 4, let last = stem.last, "aeiouy".contains(last) { stem.removeLast() }
    guard stem.count >= 3 else { return 0 }
    return source.tokens.filter { token in
      token.key.hasPrefix(stem) && !covered.contains { $0.contains(token.range.lowerBound) }
    }.count
  }

  /// Misspellings of a name of two or three letters ("Aar" for "Ayr", "Aa" for "AI"), too short
  /// for the edit-distance rule of ``EnglishTermMatcher/nearMisses(of:in:allowed:)``: a word one
  /// letter away with the name's first letter and length, capitalized after a lower-case word
  /// (so inside a sentence), that neither the source nor the glossary knows, and only when the
  /// target renders the name fewer times than the source names it.
  func shortNearMisses(of e: EntryInUnit, named: Int, source: WordTokens, target: WordTokens) -> [TermOccurrence] {
    guard e.renderings.count + e.keptSourceForms.count < named else { return [] }
    var sourceKeys: Set<String>?
    var result: [TermOccurrence] = []
    for term in e.approvedTerms {
      let words = EnglishTermMatcher.termWords(term)
      guard words.count == 1, let word = words.first, (2...3).contains(word.key.count),
            word.surface.first?.isUppercase == true
      else { continue }
      let letters = Array(word.key.unicodeScalars)
      for (i, token) in target.tokens.enumerated() where i > 0 {
        guard token.key.count == word.key.count, token.key != word.key, token.key.first == word.key.first,
              token.surface.first?.isUppercase == true, target.tokens[i - 1].surface.first?.isLowercase == true,
              target.gap(after: i - 1).allSatisfy({ $0 == " " || $0 == "\u{00A0}" }),
              !knownNames.contains(token.key),
              !e.renderings.contains(where: { $0.range.overlaps(token.range) }),
              editDistance(Array(token.key.unicodeScalars), letters, limit: 1) == 1
        else { continue }
        if sourceKeys == nil { sourceKeys = Set(source.tokens.map(\.key)) }
        if sourceKeys!.contains(token.key) { continue }
        result.append(TermOccurrence(range: token.range, surface: token.surface, term: term, distance: 1))
      }
    }
    return result
  }

  /// Whether `intruder` stands beside the rendering of another entry that the source names in
  /// one name with `e`: "Court Korea" where the source says "Coreea de Sud" ("Korea" renders
  /// "Coreea", so "Court" stands where "Sud" should), "Supreme Cup" for "Curtea Supremă".
  func standsInOneName(_ intruder: TermOccurrence, with e: EntryInUnit, occurrences: [GlossaryMatch],
                       among inUnit: [EntryInUnit], source: String, target: WordTokens) -> Bool {
    let tokens = target.tokens
    guard let a = tokens.firstIndex(where: { $0.range.lowerBound == intruder.range.lowerBound }),
          let b = tokens.firstIndex(where: { $0.range.upperBound == intruder.range.upperBound })
    else { return false }
    var beside: [Int] = []
    if a > 0 && EnglishTermMatcher.joins(target.gap(after: a - 1)) { beside.append(tokens[a - 1].range.lowerBound) }
    if b + 1 < tokens.count && EnglishTermMatcher.joins(target.gap(after: b)) { beside.append(tokens[b + 1].range.lowerBound) }
    guard !beside.isEmpty else { return false }
    let linkWords: Set<String> = ["de", "din", "a", "al", "lui"]
    for f in inUnit where f.entry.id != e.entry.id {
      guard f.renderings.contains(where: { r in beside.contains { r.range.contains($0) } }) else { continue }
      for fm in f.sourceMatches {
        for em in occurrences {
          if fm.range.overlaps(em.range) { return true }
          let (from, to) = fm.range.upperBound <= em.range.lowerBound
            ? (fm.range.upperBound, em.range.lowerBound) : (em.range.upperBound, fm.range.lowerBound)
          guard from <= to, to - from <= 5 else { continue }
          let between = EnglishTermMatcher.slice(source, from..<to)
          let words = between.split { $0 == " " || $0 == "-" || $0 == "\u{00A0}" }
          if between.allSatisfy({ $0 == " " || $0 == "-" || $0 == "\u{00A0}" || $0.isLetter }),
             words.allSatisfy({ linkWords.contains(String($0)) }), words.count <= 1 {
            return true
          }
        }
      }
    }
    return false
  }

  /// How often the target names a person of several words by the last one alone, away from the
  /// entry's renderings: "Trump's" for a second "Donald Trump", as news style does.
  func shortMentions(of e: EntryInUnit, in target: WordTokens) -> Int {
    var surnames: Set<String> = []
    for m in e.sourceMatches {
      let words = WordTokens(m.matched).tokens
      guard words.count >= 2, words.allSatisfy({ $0.surface.first?.isUppercase == true }),
            let last = words.last, last.surface.count >= 3
      else { continue }
      surnames.insert(last.surface)
    }
    guard !surnames.isEmpty else { return 0 }
    let rendered = e.renderings.map(\.range) + e.keptSourceForms.map(\.range)
    func isRendering(_ i: Int) -> Bool {
      i >= 0 && i < target.tokens.count && rendered.contains { $0.contains(target.tokens[i].range.lowerBound) }
    }
    var count = 0
    for (i, token) in target.tokens.enumerated() where surnames.contains(token.surface) && !isRendering(i) {
      let besideRendering = (i > 0 && isRendering(i - 1) && EnglishTermMatcher.joins(target.gap(after: i - 1)))
        || (i + 1 < target.tokens.count && isRendering(i + 1) && EnglishTermMatcher.joins(target.gap(after: i)))
      if !besideRendering { count += 1 }
    }
    return count
  }

  /// A word of a compound name of the source that the target keeps without the entry beside it:
  /// "Sarah" of "Sarah Palin" in "Sarah Morelos", "State" of "Tennessee State" in "from State
  /// told", when the target also renders the entry fewer times than the source names it.
  ///
  /// Only a capitalized neighbour (or a number) written the same in both languages counts, and only when the
  /// target has it without the entry more often than the source does ("New Jersey" beside "New
  /// York" is no remnant of "York"); a last word that is a glossary name of its own ("Trump" of
  /// "Donald Trump") is a short mention, not a remnant.
  func remnant(of e: EntryInUnit, occurrences: [GlossaryMatch], rendered: Int,
               source: WordTokens, target: WordTokens) -> Remnant? {
    guard rendered < Set(occurrences.map(\.range.lowerBound)).count else { return nil }
    var firstToken: [Int: Int] = [:]
    var lastToken: [Int: Int] = [:]
    for (i, token) in source.tokens.enumerated() {
      firstToken[token.range.lowerBound] = i
      lastToken[token.range.upperBound] = i
    }
    var spans: [ClosedRange<Int>] = []
    // Only capitalized mentions make compounds ("modă Marta" is a word beside a name).
    for m in occurrences where m.matched.first?.isUppercase == true {
      if let a = firstToken[m.range.lowerBound], let b = lastToken[m.range.upperBound], a <= b { spans.append(a...b) }
    }
    let inEntry = Set(spans.flatMap { Array($0) })
    let marked = e.renderings.map(\.range) + e.keptSourceForms.map(\.range) + e.nearMisses.map(\.range)
    func isEntry(_ i: Int, in words: WordTokens) -> Bool {
      guard i >= 0 && i < words.tokens.count else { return false }
      if words.text == source.text { return inEntry.contains(i) }
      return marked.contains { $0.contains(words.tokens[i].range.lowerBound) }
    }
    /// How often `surface` stands in `words` without the entry just before (or after) it.
    func alone(_ surface: String, entryBefore: Bool, in words: WordTokens) -> (count: Int, first: WordToken?) {
      var count = 0
      var first: WordToken?
      for (i, token) in words.tokens.enumerated() where token.surface == surface {
        let j = entryBefore ? i - 1 : i + 1
        let joined = j >= 0 && j < words.tokens.count && EnglishTermMatcher.joins(words.gap(after: min(i, j)))
        if !(joined && isEntry(j, in: words)) {
          count += 1
          if first == nil { first = token }
        }
      }
      return (count, first)
    }
    for span in spans {
      for (n, entryBefore) in [(span.lowerBound - 1, false), (span.upperBound + 1, true)] {
        guard n >= 0, n < source.tokens.count, !inEntry.contains(n),
              EnglishTermMatcher.joins(source.gap(after: entryBefore ? span.upperBound : n))
        else { continue }
        let neighbour = source.tokens[n]
        // Names and numbers are written the same in both languages ("Ayr 38 - 17 Melrose").
        let isName = neighbour.surface.first?.isUppercase == true && neighbour.surface.allSatisfy(\.isLetter)
        let isNumber = neighbour.surface.allSatisfy(\.isASCII) && neighbour.surface.allSatisfy(\.isNumber)
        guard neighbour.surface.count >= 2, isName || isNumber else { continue }
        // A last word that is a glossary name of its own is that name, mentioned alone as news
        // style does ("Trump" after "Donald Trump").
        if entryBefore && knownNames.contains(neighbour.key) { continue }
        let inTarget = alone(neighbour.surface, entryBefore: entryBefore, in: target)
        guard let kept = inTarget.first,
              inTarget.count > alone(neighbour.surface, entryBefore: entryBefore, in: source).count
        else { continue }
        let compound = EnglishTermMatcher.slice(source.text, source.tokens[min(n, span.lowerBound)].range.lowerBound
                                                  ..< source.tokens[max(n, span.upperBound)].range.upperBound)
        return Remnant(kept: TermOccurrence(range: kept.range, surface: kept.surface, term: neighbour.surface),
                       compound: compound)
      }
    }
    return nil
  }

  /// Whether a source match is evidence enough to ask for the entry's rendering: a capitalized
  /// name that the text writes only in lower case, and differently ("puțin" for "Putin", "al"
  /// for "Al"), is a common word that happens to fold to the name.
  static func isTrusted(_ match: GlossaryMatch) -> Bool {
    guard match.kind != .exact,
          match.source.unicodeScalars.first?.properties.isUppercase == true,
          !match.matched.unicodeScalars.contains(where: { $0.properties.isUppercase })
    else { return true }
    return false
  }

  /// The approved targets of glossary entries that the translation uses although the source
  /// does not name those entries ("Paris" where the source says "Coreea de Sud"), if any.
  ///
  /// Only a capitalized name counts, outside the renderings of the entries the source names
  /// ("Donald" inside "Donald Trump" is not one), and not when the source itself writes it
  /// ("The Times" quoted in a Romanian sentence).
  func intruders(in words: WordTokens, named: Set<String>, rendered: [Range<Int>], source: String) -> [TermOccurrence] {
    var sourceKeys: Set<String>?
    var result: [TermOccurrence] = []
    for token in words.tokens where token.surface.first?.isUppercase == true {
      guard let candidates = approvedByFirstWord[token.key],
            !rendered.contains(where: { $0.contains(token.range.lowerBound) })
      else { continue }
      for (entryID, term) in candidates where !named.contains(entryID) {
        guard let use = english.occurrences(of: term, in: words).first(where: { $0.range.contains(token.range.lowerBound) })
        else { continue }
        let termWords = EnglishTermMatcher.termWords(term)
        // One letter ("N" mined from "U.N.") is no name.
        if termWords.map(\.key).joined().count < 2 { continue }
        if sourceKeys == nil { sourceKeys = Set(WordTokens(source).tokens.map(\.key)) }
        if termWords.allSatisfy({ word in
          sourceKeys!.contains(word.key) || (word.key.count >= 4 && SourceNames.inflectionEndings.contains { sourceKeys!.contains(word.key + $0) })
        }) { continue }
        if !result.contains(where: { $0.range.overlaps(use.range) }) { result.append(use) }
        break
      }
    }
    return result
  }

  /// A one-letter target ("N", mined from "U.N.") is rendered by an undotted acronym made of the
  /// source acronym's letters ("UN" for "ONU").
  func acronymRenderings(of approved: [String], sourceForms: [String], in target: WordTokens) -> [TermOccurrence] {
    let letters = approved.filter { $0.count == 1 && $0.unicodeScalars.allSatisfy(\.properties.isUppercase) }
    guard !letters.isEmpty else { return [] }
    let sourceLetters = sourceForms.filter(EnglishTermMatcher.isAcronym).map { Set($0.unicodeScalars) }
    var result: [TermOccurrence] = []
    for token in target.tokens where EnglishTermMatcher.isAcronym(token.surface) {
      guard let letter = letters.first(where: token.surface.contains),
            sourceLetters.contains(where: { Set(token.surface.unicodeScalars).isSubset(of: $0) })
      else { continue }
      result.append(TermOccurrence(range: token.range, surface: token.surface, term: letter))
    }
    return result
  }

  /// Groups the source matches by entry and finds each entry's renderings in the target.
  func entriesInUnit(_ matches: [GlossaryMatch], target: WordTokens) -> [EntryInUnit] {
    var order: [String] = []
    var grouped: [String: [GlossaryMatch]] = [:]
    for m in matches {
      if grouped[m.entryID] == nil { order.append(m.entryID) }
      grouped[m.entryID, default: []].append(m)
    }
    return order.map { id in
      let found = grouped[id]!
      let entry = entries[id] ?? GlossaryEntry(id: id, source: found[0].source, targets: found[0].targets)
      var renderings: [TermOccurrence] = []
      var taken: Set<Int> = []
      // Longer targets first, so "North Korea" is not also counted as "Korea".
      let approved = entry.targets.filter { $0.status != .forbidden }.map(\.term)
        .sorted { $0.count > $1.count }
      for term in approved {
        for r in english.occurrences(of: term, in: target) where !r.range.contains(where: taken.contains) {
          renderings.append(r)
          taken.formUnion(r.range)
        }
      }
      for r in acronymRenderings(of: approved, sourceForms: found.map(\.matched), in: target)
      where !r.range.contains(where: taken.contains) {
        renderings.append(r)
        taken.formUnion(r.range)
      }
      let sourceKey = foldKey(entry.source)
      var kept: [TermOccurrence] = []
      for form in Set(found.map(\.matched)) where foldKey(form) != sourceKey {
        for r in english.exactOccurrences(of: form, in: target) where !r.range.contains(where: taken.contains) {
          kept.append(r)
          taken.formUnion(r.range)
        }
      }
      let allowed = knownNames.union(found.map { foldKey($0.matched) })
      // The closest target for each near miss; on a tie, the one listed first (preferred).
      var misses: [TermOccurrence] = []
      for term in entry.targets.filter({ $0.status != .forbidden }).map(\.term) {
        for r in english.nearMisses(of: term, in: target, allowed: allowed)
        where !r.range.contains(where: taken.contains) {
          if let k = misses.firstIndex(where: { $0.range.overlaps(r.range) }) {
            if r.distance < misses[k].distance { misses[k] = r }
          } else {
            misses.append(r)
          }
        }
      }
      var forbidden: [TermOccurrence] = []
      for t in entry.targets where t.status == .forbidden {
        forbidden += english.occurrences(of: t.term, in: target, optionalArticle: false, derived: false).filter { !$0.range.contains(where: taken.contains) }
      }
      return EntryInUnit(entry: entry, sourceMatches: found, renderings: renderings, keptSourceForms: kept,
                         nearMisses: misses, forbidden: forbidden)
    }
  }
}

/// The result of a check: every unit's analysis and the document-wide findings.
public struct CheckReport: Sendable {
  /// The document that was checked.
  public var document: BilingualDocument
  /// Each unit's glossary terms (both sides) and findings, in document order.
  public var units: [UnitAnalysis]
  /// Findings about the document as a whole (``CheckRule/inconsistent``).
  public var documentFindings: [Finding]

  public init(document: BilingualDocument, units: [UnitAnalysis], documentFindings: [Finding]) {
    self.document = document
    self.units = units
    self.documentFindings = documentFindings
  }

  /// All findings: per unit in document order, then the document-wide ones.
  public var findings: [Finding] { units.flatMap(\.findings) + documentFindings }

  /// How many findings each severity has.
  public var countsBySeverity: [Severity: Int] {
    findings.reduce(into: [:]) { $0[$1.severity, default: 0] += 1 }
  }

  /// Whether any finding is at least as severe as `severity`.
  public func hasFindings(atOrAbove severity: Severity) -> Bool {
    findings.contains { $0.severity >= severity }
  }
}
