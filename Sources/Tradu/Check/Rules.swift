import Foundation

/// The checks of `tradu check`, each one function from a unit (or the document's analyses)
/// and the glossary to findings.
///
/// Every rule finds its own evidence through ``CheckGlossary``, so each can be read and tested
/// alone. The evidence is what a reviewer reads in the two texts: how often the source names an
/// entry (inflected forms and names inside longer names included) and how often the target
/// renders it (possessives, plurals, demonyms, the other English words for it such as "French"
/// or "EU" (``EnglishNameVariants``), a surname alone), words one or two edits away
/// from a rendering, and glossary names the source does not mention.
enum Rules {
  // MARK: Glossary rules

  /// missing-term: an entry the source names is rendered nowhere in the target, or fewer times
  /// than the source names it while the target uses another glossary name the source does not
  /// mention (which then stands in its place) or renders the name only after the place of its
  /// first mention (see ``firstMentionIsMissing(_:source:target:)``).
  ///
  /// - A capitalized English name the source writes as it is ("Fox News") is not rendered by
  ///   the common word in lower case ("news nights").
  /// - Mentions count: the source's own matches and the names inside longer names ("Palin" of
  ///   "Sarah Palin"); renderings and a person named again by the last name alone ("Trump's"
  ///   for "Donald Trump"). A derived rendering ("Korean") may render a derived word of the
  ///   source ("nord-coreean") instead of the name.
  static func missingTerm(_ unit: BilingualSegment, _ glossary: CheckGlossary, entries found: [EntryInUnit]? = nil,
                          targetWords: WordTokens? = nil) throws(TraduError) -> [Finding] {
    guard let target = unit.target else { return [] }
    let inUnit = try glossary.entriesInUnit(unit, given: found)
    guard !inUnit.isEmpty else { return [] }
    let words = targetWords ?? WordTokens(target)
    let rendered = inUnit.flatMap { $0.renderings.map(\.range) + $0.keptSourceForms.map(\.range) + $0.nearMisses.map(\.range) }
    let allNamed = Set(inUnit.map(\.entry.id))
    var intruders: [TermOccurrence]?
    var findings: [Finding] = []
    for e in inUnit where !e.entry.doNotTranslate && !e.approvedTerms.isEmpty && e.forbidden.isEmpty && e.nearMisses.isEmpty {
      let first = e.sourceMatches[0]
      let expected = e.approvedTerms
      func missing(_ message: String, found: TermOccurrence? = nil) -> Finding {
        Finding(rule: .missingTerm, segmentID: unit.findingID, entry: e.entry.source, entryID: e.entry.id,
                sourceForm: first.matched, expected: expected, found: found?.surface, message: message,
                sourceRange: first.range, targetRange: found?.range)
      }
      let renderedCount = e.renderings.count + e.keptSourceForms.count
      if renderedCount == 0 {
        findings.append(missing("“\(first.matched)” is not rendered: expected \(quotedList(expected))"))
        continue
      }
      if e.sourceMatches.allSatisfy({ $0.matched.first?.isUppercase == true && expected.contains($0.matched) }),
         e.keptSourceForms.isEmpty, let common = e.renderings.first,
         !e.renderings.contains(where: { $0.surface.first?.isUppercase == true }) {
        findings.append(missing("the source writes the name “\(first.matched)”, the target only the common word “\(common.surface)”",
                                found: common))
        continue
      }
      let named = Set(e.sourceMatches.map(\.range.lowerBound)).count
      let derived = min(e.derivedRenderings, e.kin)
      let mentioned = renderedCount - derived + e.shortMentions
      guard mentioned < named else { continue }
      if intruders == nil {
        intruders = glossary.intruders(in: words, source: unit.source, named: allNamed, rendered: rendered)
      }
      if let intruder = intruders!.first {
        findings.append(missing("the source names “\(e.entry.source)” \(named) times, the target \(renderedCount), and uses “\(intruder.surface)”, a glossary name the source does not mention",
                                found: intruder))
      } else if firstMentionIsMissing(e, source: unit.source, target: target) {
        findings.append(missing("the source names “\(e.entry.source)” \(named) times, the target \(renderedCount), and only after the place of the first mention: a later mention may be shortened, the first must name it"))
      }
    }
    return findings
  }

  /// Whether the target's first rendering of `e` stands past the midpoint between the
  /// source's first and second mentions (places relative to each text's length, the mentions at
  /// least a fifth of the source apart): the first
  /// mention, which introduces the name, is the one not rendered. English may shorten a later
  /// mention ("the company", "it"), but a pronoun or a generic phrase does not introduce a name.
  static func firstMentionIsMissing(_ e: EntryInUnit, source: String, target: String) -> Bool {
    let mentions = Set(e.sourceMatches.map(\.range.lowerBound)).sorted()
    let renderings = (e.renderings + e.keptSourceForms).map(\.range.lowerBound).sorted()
    guard mentions.count >= 2, let first = renderings.first else { return false }
    let sourceLength = Double(max(1, source.utf16.count)), targetLength = Double(max(1, target.utf16.count))
    let midpoint = (Double(mentions[0]) + Double(mentions[1])) / 2 / sourceLength
    // Mentions a fifth of the sentence apart or closer (a name and its gloss in brackets) may
    // well be rendered once.
    guard Double(mentions[1] - mentions[0]) / sourceLength >= 0.2 else { return false }
    return Double(first) / targetLength > midpoint
  }

  /// misspelt-term: the target has a word one edit away from a rendering of an entry the source
  /// names (two for long names: "Koaea" for "Korea"), or an acronym with wrong capitals
  /// ("NaTO"); known glossary names and words the source itself writes are not misspellings.
  static func misspeltTerm(_ unit: BilingualSegment, _ glossary: CheckGlossary, entries found: [EntryInUnit]? = nil) throws(TraduError) -> [Finding] {
    try glossary.entriesInUnit(unit, given: found).filter { !$0.entry.doNotTranslate }.flatMap { e in
      e.nearMisses.map { miss in
        Finding(
          rule: .misspeltTerm, segmentID: unit.findingID, entry: e.entry.source, entryID: e.entry.id,
          sourceForm: e.sourceMatches.first?.matched, expected: [miss.term], found: miss.surface,
          message: "“\(miss.surface)” looks like a misspelling of “\(miss.term)”",
          sourceRange: e.sourceMatches.first?.range, targetRange: miss.range)
      }
    }
  }

  /// forbidden-term: the target uses a form the glossary forbids ("Kiev" where "Kyiv" is
  /// approved), whether or not the source names that entry.
  static func forbiddenTerm(_ unit: BilingualSegment, _ glossary: CheckGlossary, entries found: [EntryInUnit]? = nil,
                            targetWords: WordTokens? = nil, forbiddenUses: [ForbiddenUse]? = nil) throws(TraduError) -> [Finding] {
    guard let target = unit.target else { return [] }
    var findings: [Finding] = []
    var seen: Set<Int> = []
    func report(_ entry: GlossaryEntry, _ uses: [TermOccurrence], _ sourceForm: GlossaryMatch?) {
      let approved = entry.targets.filter { $0.status != .forbidden }.map(\.term)
      for use in uses where seen.insert(use.range.lowerBound).inserted {
        findings.append(Finding(
          rule: .forbiddenTerm, segmentID: unit.findingID, entry: entry.source, entryID: entry.id,
          sourceForm: sourceForm?.matched, expected: approved, found: use.surface,
          message: "“\(use.surface)” is a forbidden form" + (approved.isEmpty ? "" : ": use \(quotedList(approved))"),
          sourceRange: sourceForm?.range, targetRange: use.range))
      }
    }
    for e in try glossary.entriesInUnit(unit, given: found) where !e.forbidden.isEmpty {
      report(e.entry, e.forbidden, e.sourceMatches.first)
    }
    let words = targetWords ?? WordTokens(target)
    for (entry, _, uses) in forbiddenUses ?? glossary.forbiddenFormUses(in: words) {
      report(entry, uses, nil)
    }
    return findings
  }

  /// dnt-changed: a do-not-translate name the source names is not in the target exactly as the
  /// glossary (or the source) writes it. A person named by the last name alone, as English
  /// news writes a known figure ("President Trump" for "Președintele Donald Trump"), keeps
  /// the name as written.
  static func dntChanged(_ unit: BilingualSegment, _ glossary: CheckGlossary, entries found: [EntryInUnit]? = nil,
                          targetWords: WordTokens? = nil) throws(TraduError) -> [Finding] {
    guard let target = unit.target else { return [] }
    let words = targetWords ?? WordTokens(target)
    return try glossary.entriesInUnit(unit, given: found).filter(\.entry.doNotTranslate).compactMap { e in
      guard glossary.exactDNT(of: e, in: words).isEmpty, e.shortMentions == 0 else { return nil }
      let changed = (glossary.english.occurrences(of: e.entry.source, in: words)
        + glossary.english.nearMisses(of: e.entry.source, in: words)).first
      return Finding(
        rule: .dntChanged, segmentID: unit.findingID, entry: e.entry.source, entryID: e.entry.id,
        sourceForm: e.sourceMatches.first?.matched, expected: [e.entry.source], found: changed?.surface,
        message: changed.map { "do-not-translate name written “\($0.surface)”: keep “\(e.entry.source)”" }
          ?? "do-not-translate name “\(e.entry.source)” is missing from the target",
        sourceRange: e.sourceMatches.first?.range, targetRange: changed?.range)
    }
  }

  // MARK: Segment rules

  /// untranslated: no target, an empty one, or a target that copies a sentence-long source.
  static func untranslated(_ unit: BilingualSegment, sourceWords: WordTokens? = nil) -> [Finding] {
    guard let target = unit.target, !isBlank(target) else {
      return [Finding(rule: .untranslated, segmentID: unit.findingID, expected: [],
                      message: unit.target == nil ? "no translation" : "the translation is empty")]
    }
    let source = trimmed(unit.source)
    let copied = trimmed(target)
    // The same bytes are the same text; only other bytes need the comparison by characters.
    if sameBytes(copied, source) || copied == source, hasThreeWords(sourceWords ?? WordTokens(unit.source)) {
      return [Finding(rule: .untranslated, segmentID: unit.findingID, found: String(source), message: "the target is a copy of the source")]
    }
    return []
  }

  /// Whether every character of `text` is white space (`allSatisfy(\.isWhitespace)`, which asks
  /// each character's first scalar): a text that starts with an ASCII byte other than white
  /// space is told from that byte.
  static func isBlank(_ text: String) -> Bool {
    if let first = text.utf8.first, first < 0x80, first != 0x20, !(0x09...0x0D).contains(first) { return false }
    return text.allSatisfy(\.isWhitespace)
  }

  /// Whether three words of `words` have a letter: a source sentence-long enough that a copy
  /// of it is no name or figure left as it is.
  static func hasThreeWords(_ words: WordTokens) -> Bool {
    var count = 0
    for k in words.tokens.indices where words.hasLetter(k) {
      count += 1
      if count == 3 { return true }
    }
    return false
  }

  /// Whether `a` and `b` have the same UTF-8 bytes (then they are the same text).
  static func sameBytes(_ a: Substring, _ b: Substring) -> Bool {
    var a = a, b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
    }
  }

  /// Whether `word` has an alphabetic scalar (an ASCII one is a letter A–Z or a–z: told
  /// without the property tables).
  static func hasLetter(_ word: String) -> Bool {
    word.unicodeScalars.contains { s in
      s.isASCII ? (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A : s.properties.isAlphabetic
    }
  }

  /// `text` without the white space and line ends (Foundation's `whitespacesAndNewlines`) at
  /// either end.
  static func trimmed(_ text: String) -> Substring {
    func isSpace(_ s: Unicode.Scalar) -> Bool {
      switch s.value {
      case 0x09...0x0D, 0x20: return true
      case 0..<0x80: return false
      default: return CharacterSet.whitespacesAndNewlines.contains(s)
      }
    }
    // A text that starts and ends with an ASCII byte other than white space is whole.
    if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
       !isSpace(Unicode.Scalar(first)), !isSpace(Unicode.Scalar(last)) {
      return text[...]
    }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
    let last = scalars.lastIndex(where: { !isSpace($0) })!
    return Substring(scalars[first...last])
  }

  /// number-mismatch: a number of the source does not occur in the target, with Romanian
  /// ("1.234,56") and English ("1,234.56") conventions read as the same value.
  ///
  /// A target that copies its source (as prepared files' targets start) has all its numbers:
  /// both conventions find the same numbers in one text, and each reading of a number shares
  /// a key with the other convention's (the digits as written, or a date's day and year).
  static func numberMismatch(_ unit: BilingualSegment, targetWords: WordTokens? = nil) -> [Finding] {
    guard let target = unit.target, !sameBytes(target[...], unit.source[...]) else { return [] }
    let wanted = NumberForms.numbers(in: unit.source, convention: .romanian)
    guard !wanted.isEmpty else { return [] }
    let present = NumberForms.numbers(in: target, convention: .english, words: targetWords)
    let keys = present.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
    var reported: Set<String> = []
    var findings: [Finding] = []
    for number in wanted where number.keys.isDisjoint(with: keys) {
      guard reported.insert(number.surface + "\(number.keys.sorted())").inserted else { continue }
      findings.append(Finding(
        rule: .numberMismatch, segmentID: unit.findingID, sourceForm: number.surface,
        expected: [number.surface],
        message: "the number “\(number.surface)” of the source is not in the target",
        sourceRange: number.range))
    }
    return findings
  }

  /// cedilla: a Romanian target uses ş ţ Ş Ţ (cedilla) instead of ș ț Ș Ț (comma below).
  static func cedilla(_ unit: BilingualSegment) -> [Finding] {
    guard let target = unit.target else { return [] }
    var offset = 0
    var first: Range<Int>? = nil
    var count = 0
    for scalar in target.unicodeScalars {
      if Self.cedillaLetters.contains(scalar.value) {
        count += 1
        if first == nil { first = offset..<(offset + 1) }
      }
      offset += scalar.utf16.count
    }
    guard let range = first else { return [] }
    let letter = EnglishTermMatcher.slice(target, range)
    return [Finding(
      rule: .cedilla, segmentID: unit.findingID, expected: ["ș", "ț"], found: letter,
      message: "\(count) cedilla letter\(count == 1 ? "" : "s") (ş ţ): Romanian writes ș ț with a comma below",
      targetRange: range)]
  }

  static let cedillaLetters: Set<UInt32> = [0x015E, 0x015F, 0x0162, 0x0163]

  // MARK: Document rules

  /// inconsistent: an entry rendered by different targets across the document (reported once,
  /// with counts and segments), and one target form used for two different entries.
  static func inconsistent(_ units: [UnitAnalysis]) -> [Finding] {
    struct Usage {
      var counts: [String: Int] = [:]
      var segments: [String: [String]] = [:]
      var entry = ""
      var approved: Set<String> = []
    }
    // Each entry's usage, in the order the entries are first rendered (one lookup a term).
    var usages: [Usage] = []
    var usageOf: [String: Int] = [:]
    var order: [String] = []
    var byForm: [String: [String: String]] = [:]  // folded form → entry id → entry source
    var formOrder: [String] = []
    var formSurface: [String: String] = [:]
    for analysis in units {
      for term in analysis.targetTerms where term.status != nil || term.isMisspelt {
        // Approved targets count by their glossary form, forbidden and misspelt ones as written.
        let rendering = term.status == .forbidden || term.isMisspelt ? term.surface : term.term
        let k: Int
        if let known = usageOf[term.entryID] {
          k = known
        } else {
          k = usages.count
          usageOf[term.entryID] = k
          usages.append(Usage())
          order.append(term.entryID)
        }
        usages[k].entry = term.entry
        usages[k].counts[rendering, default: 0] += 1
        usages[k].segments[rendering, default: []].append(analysis.unit.findingID)
        guard term.status == .preferred || term.status == .admitted else { continue }
        usages[k].approved.insert(rendering)
        let form = foldKey(term.term)
        if byForm[form] == nil { formOrder.append(form); formSurface[form] = term.term }
        byForm[form, default: [:]][term.entryID] = term.entry
      }
    }
    var findings: [Finding] = []
    for (id, usage) in zip(order, usages) {
      guard usage.counts.count > 1 else { continue }
      let forms = usage.counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      let detail = forms.map { "“\($0.key)” \($0.value)× (\(usage.segments[$0.key]!.uniqued().joined(separator: ", ")))" }
      // Expected: the approved rendering used most; found: the others.
      let main = forms.first { usage.approved.contains($0.key) }?.key ?? forms[0].key
      findings.append(Finding(
        rule: .inconsistent, segmentID: nil, entry: usage.entry, entryID: id,
        expected: [main], found: forms.map(\.key).filter { $0 != main }.joined(separator: ", "),
        message: "“\(usage.entry)” is rendered \(forms.count) ways: " + detail.joined(separator: ", ")))
    }
    for form in formOrder {
      let entries = byForm[form]!
      guard entries.count > 1 else { continue }
      let sources = entries.values.sorted()
      // Nested names ("Casa Albă" and "Albă") share words, not a rendering.
      let nested = sources.contains { a in sources.contains { b in a != b && foldKey(a).contains(foldKey(b)) } }
      if nested { continue }
      findings.append(Finding(
        rule: .inconsistent, segmentID: nil, entry: sources[0], entryID: entries.first { $0.value == sources[0] }?.key,
        expected: [], found: formSurface[form],
        message: "“\(formSurface[form]!)” renders \(sources.count) different entries: \(quotedList(sources))"))
    }
    return findings
  }
}

extension CheckGlossary {
  /// ``exactDNTOccurrences(of:in:)``, or what `e` holds of them already (found in the same
  /// target words by the unit's analysis).
  func exactDNT(of e: EntryInUnit, in target: WordTokens) -> [TermOccurrence] {
    e.exactDNT ?? exactDNTOccurrences(of: e, in: target)
  }

  /// The places where `target` writes a do-not-translate entry exactly: as the glossary
  /// writes it, or as the source does ("ȘTIU", "MEDIAFAX"), with an English plural or not; for
  /// a place, also an English word built on it ("Bulgarian" for a kept "Bulgaria").
  func exactDNTOccurrences(of e: EntryInUnit, in target: WordTokens) -> [TermOccurrence] {
    var exact = english.exactOccurrences(of: e.entry.source, in: target)
    for form in Set(e.sourceMatches.map(\.matched)) where form != e.entry.source {
      exact += english.exactOccurrences(of: form, in: target).filter { f in !exact.contains { $0.range == f.range } }
    }
    // An English plural keeps the name as written: "100 euros", "two iPhones".
    let name = e.entry.source
    for r in english.occurrences(of: name, in: target, optionalArticle: false, derived: false)
    where r.surface.hasPrefix(name) && ["s", "es"].contains(r.surface.dropFirst(name.count)) && !exact.contains(where: { $0.range == r.range }) {
      exact.append(r)
    }
    // A place kept as written has English adjectives and peoples built on it, capitalized
    // ("Bulgarian", "Chinese", "Maltese"): the name is not changed, English derived a word.
    if e.entry.type == .geopolitical || e.entry.type == .location {
      var derived = english.occurrences(of: name, in: target, optionalArticle: false, derived: true)
      for variant in EnglishNameVariants.variants(of: name, type: e.entry.type) {
        derived += english.occurrences(of: variant, in: target, optionalArticle: false, derived: false)
      }
      for r in derived where r.surface.first?.isUppercase == true && !exact.contains(where: { $0.range.overlaps(r.range) }) {
        exact.append(r)
      }
    }
    return exact
  }
}

/// “a”, “b” or “c”.
func quotedList(_ items: [String]) -> String {
  let quoted = items.map { "“\($0)”" }
  switch quoted.count {
  case 0: return "nothing"
  case 1: return quoted[0]
  default: return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
  }
}

extension Array where Element: Hashable {
  /// The elements in order, without repeats.
  func uniqued() -> [Element] {
    var seen: Set<Element> = []
    return filter { seen.insert($0).inserted }
  }
}
