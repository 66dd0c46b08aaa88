import Foundation

/// The checks, each a small function from what a unit (or the document) contains to findings.
///
/// The checker (``ConsistencyChecker``) finds the glossary entries of each source and their
/// renderings in the target once; the rules only judge.
enum Rules {
  // MARK: Glossary rules

  /// missing-term: the entry occurs in the source, but the target renders it nowhere (or fewer
  /// times than the source names it, where the target shows where the rendering went).
  ///
  /// - A capitalized English name the source writes as it is ("Fox News") is not rendered by
  ///   the common word in lower case ("news nights"), unless a capitalized word of the name
  ///   comes just before it ("Global citizen").
  /// - When the source names the entry more often than the target renders it, one rendering is
  ///   missing if the target shows where it went: a gap left by a dropped word ("Dr. , I"), a
  ///   remnant of a compound name (`remnant`: "Sarah Morelos" for "Sarah Palin"), or a glossary
  ///   name the source does not mention (`intruder`: "South Paris" for "Coreea de Sud").
  /// - `counts` tells how often the source names the entry inside longer names ("Palin" of
  ///   "Sarah Palin") and in words built on its stem ("bolivian", "coreene"), and how often the
  ///   target names a person by the last name alone ("Trump's" for "Donald Trump").
  static func missingTerm(_ e: EntryInUnit, in unit: BilingualUnit, intruder: TermOccurrence? = nil,
                          remnant: Remnant? = nil, counts: MentionCounts = MentionCounts()) -> Finding? {
    guard !e.entry.doNotTranslate, !e.approvedTerms.isEmpty, e.forbidden.isEmpty, e.nearMisses.isEmpty,
          let target = unit.target, let first = e.sourceMatches.first
    else { return nil }
    let expected = e.approvedTerms
    func missing(_ message: String, found: TermOccurrence? = nil, gap: (text: String, range: Range<Int>)? = nil,
                 at sourceRange: Range<Int>? = first.range) -> Finding {
      Finding(rule: .missingTerm, segmentID: unit.id, entry: e.entry.source, entryID: e.entry.id,
              sourceForm: first.matched, expected: expected, found: found?.surface ?? gap?.text, message: message,
              sourceRange: sourceRange, targetRange: found?.range ?? gap?.range)
    }
    let rendered = e.renderings.count + e.keptSourceForms.count
    if rendered == 0 {
      return missing("“\(first.matched)” is not rendered: expected \(quotedList(expected))")
    }
    if e.sourceMatches.allSatisfy({ $0.matched.first?.isUppercase == true && expected.contains($0.matched) }),
       e.keptSourceForms.isEmpty, let common = e.renderings.first,
       !e.renderings.contains(where: { $0.surface.first?.isUppercase == true }),
       !e.renderings.contains(where: { followsCapitalizedWord($0.range, in: target) }) {
      return missing("the source writes the name “\(first.matched)”, the target only the common word “\(common.surface)”",
                     found: common)
    }
    if let remnant {
      return missing("the target keeps “\(remnant.kept.surface)” of “\(remnant.compound)” but not “\(e.entry.source)” beside it",
                     found: remnant.kept)
    }
    let named = Set(e.sourceMatches.map(\.range.lowerBound)).count + counts.inside
    let mentioned = rendered + counts.shortMentions
    let tally = "the source names “\(e.entry.source)” \(named) times, the target \(rendered)"
    // A gap is plain evidence: every word built on the stem may have been the dropped one.
    if mentioned < named + counts.kin, let gap = droppedWordMark(in: target) {
      return missing("\(tally), and has a gap “\(gap.text)” where a word seems dropped", gap: gap,
                     at: e.sourceMatches.last?.range)
    }
    // Another name is weaker evidence: only derived renderings ("Korean") the source's own
    // derived words ("coreene") explain are taken away from the count.
    let derived = e.derivedRenderings
    let renderingTheName = mentioned - derived + max(0, derived - counts.kin)
    // Beside the rendering of a name the source writes with the entry, it stands in the entry's
    // place: then every mention counts, as for a gap.
    if renderingTheName < named || (counts.intruderInName && mentioned < named + counts.kin), let intruder {
      return missing("\(tally), and uses “\(intruder.surface)”, a glossary name the source does not mention",
                     found: intruder, at: e.sourceMatches.last?.range)
    }
    return nil
  }

  /// misspelt-term: the target has a word one edit away from an approved target ("Koaea" for
  /// "Korea"), or an acronym with wrong capitals ("NaTO").
  static func misspeltTerm(_ e: EntryInUnit, in unit: BilingualUnit) -> [Finding] {
    guard !e.entry.doNotTranslate else { return [] }
    return e.nearMisses.map { miss in
      Finding(
        rule: .misspeltTerm, segmentID: unit.id, entry: e.entry.source, entryID: e.entry.id,
        sourceForm: e.sourceMatches.first?.matched, expected: [miss.term], found: miss.surface,
        message: "“\(miss.surface)” looks like a misspelling of “\(miss.term)”",
        sourceRange: e.sourceMatches.first?.range, targetRange: miss.range)
    }
  }

  /// forbidden-term: the target uses a form the glossary forbids for an entry.
  static func forbiddenTerm(entry: GlossaryEntry, uses: [TermOccurrence], sourceForm: GlossaryMatch?,
                            in unit: BilingualUnit) -> [Finding] {
    let approved = entry.targets.filter { $0.status != .forbidden }.map(\.term)
    return uses.map { use in
      Finding(
        rule: .forbiddenTerm, segmentID: unit.id, entry: entry.source, entryID: entry.id,
        sourceForm: sourceForm?.matched, expected: approved, found: use.surface,
        message: "“\(use.surface)” is a forbidden form" + (approved.isEmpty ? "" : ": use \(quotedList(approved))"),
        sourceRange: sourceForm?.range, targetRange: use.range)
    }
  }

  /// dnt-changed: a do-not-translate name is not in the target exactly as in the glossary.
  static func dntChanged(_ e: EntryInUnit, exact: [TermOccurrence], folded: [TermOccurrence],
                         in unit: BilingualUnit) -> Finding? {
    guard e.entry.doNotTranslate, exact.isEmpty, unit.target != nil else { return nil }
    let changed = folded.first
    return Finding(
      rule: .dntChanged, segmentID: unit.id, entry: e.entry.source, entryID: e.entry.id,
      sourceForm: e.sourceMatches.first?.matched, expected: [e.entry.source], found: changed?.surface,
      message: changed.map { "do-not-translate name written “\($0.surface)”: keep “\(e.entry.source)”" }
        ?? "do-not-translate name “\(e.entry.source)” is missing from the target",
      sourceRange: e.sourceMatches.first?.range, targetRange: changed?.range)
  }

  // MARK: Segment rules

  /// untranslated: no target, an empty one, or a target that copies a sentence-long source.
  static func untranslated(_ unit: BilingualUnit) -> Finding? {
    guard let target = unit.target, !target.allSatisfy(\.isWhitespace) else {
      return Finding(rule: .untranslated, segmentID: unit.id, expected: [],
                     message: unit.target == nil ? "no translation" : "the translation is empty")
    }
    let source = unit.source.trimmingCharacters(in: .whitespacesAndNewlines)
    if target.trimmingCharacters(in: .whitespacesAndNewlines) == source,
       WordTokens(source).tokens.filter({ $0.surface.unicodeScalars.contains { $0.properties.isAlphabetic } }).count >= 3 {
      return Finding(rule: .untranslated, segmentID: unit.id, found: source,
                     message: "the target is a copy of the source")
    }
    return nil
  }

  /// number-mismatch: a number of the source does not occur in the target, with Romanian
  /// ("1.234,56") and English ("1,234.56") conventions read as the same value.
  static func numberMismatch(_ unit: BilingualUnit) -> [Finding] {
    guard let target = unit.target else { return [] }
    let wanted = NumberForms.numbers(in: unit.source, convention: .romanian)
    guard !wanted.isEmpty else { return [] }
    let present = NumberForms.numbers(in: target, convention: .english)
    let keys = present.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
    var reported: Set<String> = []
    var findings: [Finding] = []
    for number in wanted where number.keys.isDisjoint(with: keys) {
      guard reported.insert(number.surface + "\(number.keys.sorted())").inserted else { continue }
      findings.append(Finding(
        rule: .numberMismatch, segmentID: unit.id, sourceForm: number.surface,
        expected: [number.surface],
        message: "the number “\(number.surface)” of the source is not in the target",
        sourceRange: number.range))
    }
    return findings
  }

  /// cedilla: a Romanian target uses ş ţ Ş Ţ (cedilla) instead of ș ț Ș Ț (comma below).
  static func cedilla(_ unit: BilingualUnit) -> Finding? {
    guard let target = unit.target else { return nil }
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
    guard let range = first else { return nil }
    let letter = EnglishTermMatcher.slice(target, range)
    return Finding(
      rule: .cedilla, segmentID: unit.id, expected: ["ș", "ț"], found: letter,
      message: "\(count) cedilla letter\(count == 1 ? "" : "s") (ş ţ): Romanian writes ș ț with a comma below",
      targetRange: range)
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
    var byEntry: [String: Usage] = [:]
    var order: [String] = []
    var byForm: [String: [String: String]] = [:]  // folded form → entry id → entry source
    var formOrder: [String] = []
    var formSurface: [String: String] = [:]
    for analysis in units {
      for term in analysis.targetTerms where term.status != nil || term.isMisspelt {
        // Approved targets count by their glossary form, forbidden and misspelt ones as written.
        let rendering = term.status == .forbidden || term.isMisspelt ? term.surface : term.term
        if byEntry[term.entryID] == nil { order.append(term.entryID) }
        byEntry[term.entryID, default: Usage()].entry = term.entry
        byEntry[term.entryID]!.counts[rendering, default: 0] += 1
        byEntry[term.entryID]!.segments[rendering, default: []].append(analysis.unit.id)
        if term.status == .preferred || term.status == .admitted { byEntry[term.entryID]!.approved.insert(rendering) }
        guard term.status == .preferred || term.status == .admitted else { continue }
        let form = foldKey(term.term)
        if byForm[form] == nil { formOrder.append(form); formSurface[form] = term.term }
        byForm[form, default: [:]][term.entryID] = term.entry
      }
    }
    var findings: [Finding] = []
    for id in order {
      let usage = byEntry[id]!
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

  // MARK: Helpers

  /// A mark a deleted word leaves behind: a space before punctuation (" ,", ": ,"), empty
  /// brackets or quotes, doubled commas, a stray possessive (" 's", " ' "), two spaces inside a
  /// sentence, or a sentence that starts in lower case.
  static func droppedWordMark(in text: String) -> (text: String, range: Range<Int>)? {
    let units = Array(text.utf16)
    func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0xA0 }
    for i in 0..<units.count {
      let u = units[i]
      guard isSpace(u), i > 0 else { continue }
      let previous = units[i - 1]
      guard i + 1 < units.count else { break }
      let next = units[i + 1]
      // " ," " ." " ;" " :" " )" — but not an ellipsis or a dash that follows.
      if [0x2C, 0x2E, 0x3B, 0x3A, 0x29].contains(next), !(next == 0x2E && i + 2 < units.count && units[i + 2] == 0x2E) {
        if [0x2C, 0x2E, 0x28, 0x3A, 0x3B, 0x22].contains(previous) || isWordUnit(previous) {
          return (String(decoding: units[(i - 1)...(i + 1)], as: UTF16.self), (i - 1)..<(i + 2))
        }
      }
      // " 's" after a space: a possessive whose owner went missing.
      if (next == 0x27 || next == 0x2019), i + 2 < units.count, units[i + 2] == 0x73,
         i + 3 == units.count || !isWordUnit(units[i + 3]) {
        return (String(decoding: units[i...(i + 2)], as: UTF16.self), i..<(i + 3))
      }
      // " ' " between spaces: the possessive of a plural whose owner went missing ("after ' death").
      if (next == 0x27 || next == 0x2019), i + 2 < units.count, isSpace(units[i + 2]), isWordUnit(previous) {
        return (String(decoding: units[i...(i + 2)], as: UTF16.self), i..<(i + 3))
      }
      // A quote that opens on a space ("book \" Superpowers"): the first word it quoted is gone.
      if [0x22, 0x201C, 0x201E].contains(next), i + 2 < units.count, isSpace(units[i + 2]), isSpace(previous) == false,
         i + 3 < units.count, isWordUnit(units[i + 3]), isWordUnit(previous) {
        return (String(decoding: units[i...(i + 2)], as: UTF16.self), i..<(i + 3))
      }
      // Two spaces between words inside a sentence.
      if isSpace(next), isWordUnit(previous), i + 2 < units.count, isWordUnit(units[i + 2]) {
        return ("  ", i..<(i + 2))
      }
    }
    if let start = droppedFirstWord(units) {
      return (String(decoding: units[start], as: UTF16.self), start)
    }
    for pair in ["()", "( )", "\"\"", "“”", ", ,", ",,"] {
      if let r = text.range(of: pair) {
        let start = text.utf16.distance(from: text.utf16.startIndex, to: r.lowerBound)
        return (pair, start..<(start + pair.utf16.count))
      }
    }
    return nil
  }

  /// Whether the word at `range` follows a capitalized word of the same name ("Global citizen",
  /// the name "Global Citizen" with a slip of case).
  static func followsCapitalizedWord(_ range: Range<Int>, in text: String) -> Bool {
    let words = WordTokens(text)
    guard let i = words.tokens.firstIndex(where: { $0.range.lowerBound == range.lowerBound }), i > 0 else { return false }
    return words.tokens[i - 1].surface.first?.isUppercase == true && EnglishTermMatcher.joins(words.gap(after: i - 1))
  }

  /// A sentence that starts in lower case ("has the momentum"), or a quote that opens on a
  /// space ("\" has"): its first word is gone. Brand names ("iPhone") and particles of names
  /// ("de Blasio") do start in lower case.
  private static func droppedFirstWord(_ units: [UInt16]) -> Range<Int>? {
    func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0xA0 }
    var k = 0
    while k < units.count, [0x22, 0x201C, 0x201E, 0x27, 0x2018].contains(units[k]) { k += 1 }
    let openedOnSpace = k > 0 && k < units.count && isSpace(units[k])
    while k < units.count, isSpace(units[k]) { k += 1 }
    guard k < units.count else { return nil }
    var end = k
    while end < units.count, isWordUnit(units[end]) { end += 1 }
    var lowerCaseWord = units[k] >= 0x61 && units[k] <= 0x7A && !units[k..<end].contains { $0 >= 0x41 && $0 <= 0x5A }
    // A particle of a name ("de Blasio", "van Gogh") may start a sentence in lower case.
    var next = end
    while next < units.count, isSpace(units[next]) || units[next] == 0x2D { next += 1 }
    if next > end, next < units.count, units[next] >= 0x41 && units[next] <= 0x5A { lowerCaseWord = false }
    return lowerCaseWord || (openedOnSpace && units[k] != 0x2E) ? 0..<(k + 1) : nil
  }

  private static func isWordUnit(_ u: UInt16) -> Bool {
    (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u >= 0xC0
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
