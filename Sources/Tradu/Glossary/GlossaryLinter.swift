/// Checks a glossary's own consistency: what `tradu glossary lint` reports.
public enum GlossaryLinter {
  /// The consistency rules.
  public enum Rule: String, Sendable, CaseIterable, Codable {
    /// The same target twice in one entry, or two entries with the same source (modulo case
    /// and diacritics) and type.
    case duplicate = "duplicate"
    /// Several translations that are not forbidden (or several preferred ones) and no note
    /// saying when to use which.
    case conflictingTargets = "conflicting-targets"
    /// Wherever the entry's term stands, another entry is found instead.
    case shadowed = "shadowed"
    /// Two targets of one entry that differ only in case or spacing.
    case caseOrSpacingVariants = "case-or-spacing"
    /// A term forbidden in an entry that also allows it, or forbidden in one entry and
    /// preferred in another.
    case forbiddenAndAllowed = "forbidden-and-allowed"
    /// An entry whose term has no letters or digits, so it can never be found.
    case neverMatches = "never-matches"
    /// An entry whose every target is forbidden: there is nothing to translate it with.
    case noAllowedTarget = "no-allowed-target"
    /// A term of one letter ("A", "N"): found in initials, abbreviations and list labels.
    case oneLetter = "one-letter"
    /// A term that is a Romanian function word ("De", "La", "Al", "Le"): found in most sentences.
    case stopWord = "stop-word"
    /// A term that is a common Romanian word of the dictionary ("Nord", "Mare") or an inflected
    /// form of one ("Munții", "Porturile"): found wherever the word is used, not only where the
    /// name is meant.
    case commonWord = "common-word"
    /// A target that is another entry's source: an English name written in a Romanian text is
    /// found as that other entry.
    case targetIsSource = "target-is-source"

    /// Whether an entry this rule flags is unsafe for a matcher: `tradu check` treats it as
    /// low-confidence (its findings are minor at most).
    public var makesEntryUnsafe: Bool {
      switch self {
      case .oneLetter, .stopWord, .commonWord, .targetIsSource: return true
      default: return false
      }
    }

    /// Whether the rule flags a term that is itself a common word (one letter, a function
    /// word, a dictionary word): such an entry is found only as a name.
    public var isCommonWordTerm: Bool {
      switch self {
      case .oneLetter, .stopWord, .commonWord: return true
      default: return false
      }
    }
  }

  /// Romanian function words: prepositions, articles, conjunctions, pronouns and auxiliaries
  /// that a matcher would find in almost any sentence.
  static let romanianStopWords: Set<String> = [
    "a", "al", "ai", "ale", "cel", "cea", "cei", "cele", "lui", "le", "li", "i", "o", "un", "una", "unei", "unui",
    "niște", "de", "la", "în", "din", "pe", "cu", "pentru", "spre", "prin", "despre", "sub", "peste", "până",
    "între", "fără", "după", "și", "sau", "ori", "dar", "iar", "ci", "că", "să", "dacă", "nu", "da", "ca",
    "mai", "foarte", "el", "ea", "ei", "ele", "eu", "tu", "noi", "voi", "se", "își", "îi", "îl", "ne", "vă",
    "mă", "te", "ce", "care", "cine", "este", "e", "sunt", "fi", "fost", "are", "au", "am", "ați", "va", "vor",
    "acest", "această", "acesta", "aceasta", "acel", "acea", "tot", "toți", "toate", "nici", "doar",
  ]

  /// One problem found in a glossary (a translation's problems are `check` findings).
  public struct Problem: Equatable, Sendable, CustomStringConvertible {
    public var rule: Rule
    /// The entry's index in `Glossary.entries`.
    public var entry: Int
    /// Its line in the file, when known.
    public var line: Int?
    public var message: String

    public var description: String { "\(rule.rawValue): \(message)" }
  }

  /// The ids of the entries of `glossary` that a matcher cannot find safely: those a rule
  /// with ``Rule/makesEntryUnsafe`` flags.
  public static func unsafeForMatching(_ glossary: Glossary, dictionary: RomanianDictionary? = nil) -> Set<String> {
    Set(matcherSafety(glossary, dictionary: dictionary).map { glossary.entries[$0.entry].id })
  }

  /// The ids of the entries of `glossary` to find only where written with a capital
  /// (``Glossary/foundOnlyCapitalized``): untyped entries whose capitalized term is a common
  /// Romanian word (one letter, a function word, or a word of `dictionary` or one of its forms).
  ///
  /// A typed entry already says how it is written: names of people and places are found only
  /// capitalized, and an institution is also found in lower case, as Romanian writes it when not
  /// giving its full name ("guvernul"). An entry without a type says nothing, and in lower case
  /// its term is the common word: "Nord" is a name, "nord" the direction.
  public static func foundOnlyCapitalized(_ glossary: Glossary, dictionary: RomanianDictionary? = nil) -> Set<String> {
    guard glossary.entries.contains(where: Self.mayBeFoundOnlyCapitalized) else { return [] }
    return Set(matcherSafety(glossary, dictionary: dictionary).lazy
      .filter { $0.rule.isCommonWordTerm && Self.mayBeFoundOnlyCapitalized(glossary.entries[$0.entry]) }
      .map { glossary.entries[$0.entry].id })
  }

  /// Whether ``foundOnlyCapitalized(_:dictionary:)`` may choose `entry`: it has no type and
  /// its term starts with a capital (a dictionary then tells whether the term is a common word).
  public static func mayBeFoundOnlyCapitalized(_ entry: GlossaryEntry) -> Bool {
    entry.type == nil && entry.source.unicodeScalars.first?.properties.isUppercase == true
  }

  /// Every problem in `glossary`, in entry order; with a `dictionary`, terms that are common
  /// Romanian words too.
  ///
  /// - Throws: ``TraduError/icu(_:)`` when ICU's word breaking fails while looking for
  ///   shadowed entries, rather than report none.
  public static func lint(_ glossary: Glossary, dictionary: RomanianDictionary? = nil) throws(TraduError) -> [Problem] {
    var findings: [Problem] = matcherSafety(glossary, dictionary: dictionary)
    let entries = glossary.entries
    func report(_ rule: Rule, _ index: Int, _ message: String) {
      findings.append(Problem(rule: rule, entry: index, line: glossary.lines[index], message: message))
    }
    func place(_ index: Int) -> String {
      glossary.lines[index].map { "line \($0)" } ?? "entry \(entries[index].id)"
    }
    func normalizedSpacing(_ s: String) -> String {
      s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    var firstBySource: [String: Int] = [:]
    var duplicates: Set<Int> = []
    for (index, entry) in entries.enumerated() {
      let name = "\"\(entry.term)\""
      // Within the entry.
      var seen: Set<String> = []
      for target in entry.targets {
        let key = "\(target.term)\u{0}\(target.status.rawValue)"
        if !seen.insert(key).inserted {
          report(.duplicate, index, "\(name) lists the target \"\(target.term)\" (\(target.status.rawValue)) twice")
        }
      }
      let allowed = entry.targets.filter { $0.status != .forbidden }
      let forbidden = entry.targets.filter { $0.status == .forbidden }
      let distinctAllowed = Set(allowed.map(\.term))
      let preferred = Set(allowed.filter { $0.status == .preferred }.map(\.term))
      if entry.note == nil && (distinctAllowed.count > 1 || preferred.count > 1) {
        report(.conflictingTargets, index,
               "\(name) has \(distinctAllowed.count) allowed targets (\(distinctAllowed.sorted().joined(separator: ", "))) and no note saying when to use which")
      }
      for (i, a) in entry.targets.enumerated() {
        for b in entry.targets[(i + 1)...] where a.term != b.term {
          if normalizedSpacing(a.term).lowercased() == normalizedSpacing(b.term).lowercased() {
            report(.caseOrSpacingVariants, index, "\(name): the targets \"\(a.term)\" and \"\(b.term)\" differ only in case or spacing")
          }
        }
      }
      for term in Set(forbidden.map(\.term)).intersection(distinctAllowed).sorted() {
        report(.forbiddenAndAllowed, index, "\(name): \"\(term)\" is both forbidden and allowed")
      }
      if allowed.isEmpty {
        report(.noAllowedTarget, index, "\(name): every target is forbidden; add the translation to use")
      }
      if !entry.term.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
        report(.neverMatches, index, "\(name) has no letters or digits and can never be found in a text")
        continue
      }
      // Across entries: the same source twice.
      let sourceKey = "\(TermKey.fold(entry.term))\u{0}\(entry.type?.rawValue ?? "")"
      if let first = firstBySource[sourceKey] {
        duplicates.insert(index)
        report(.duplicate, index, "\(name) repeats the source of entry \(entries[first].id) (\(place(first))); merge them as alternative targets")
      } else {
        firstBySource[sourceKey] = index
      }
    }

    // A term forbidden in one entry and preferred in another (admitted elsewhere is fine:
    // "Moldavia" is wrong for the republic, acceptable for the region).
    var preferredIn: [String: Int] = [:]
    for (index, entry) in entries.enumerated() {
      for target in entry.targets where target.status == .preferred && preferredIn[target.term] == nil {
        preferredIn[target.term] = index
      }
    }
    for (index, entry) in entries.enumerated() {
      for target in entry.targets where target.status == .forbidden {
        if let other = preferredIn[target.term], other != index {
          report(.forbiddenAndAllowed, index,
                 "\"\(entry.term)\" forbids \"\(target.term)\", which entry \(entries[other].id) (\(place(other))) prefers")
        }
      }
    }

    // Shadowing: look for each term with the real matcher.
    let matcher = GlossaryMatcher(glossary)
    for (index, entry) in entries.enumerated() where !duplicates.contains(index) {
      let text = entry.term
      let length = text.utf16.count
      guard let match = try matcher.matches(in: text).first, match.range.lowerBound == 0 else { continue }
      guard let other = entries.firstIndex(where: { $0.id == match.entryID }), other != index else { continue }
      if match.range.upperBound >= length {
        report(.shadowed, index, "\"\(entry.term)\" is always found as \"\(entries[other].term)\" (entry \(entries[other].id), \(place(other)))")
      }
    }
    return findings.sorted { ($0.entry, $0.rule.rawValue) < ($1.entry, $1.rule.rawValue) }
  }

  /// The problems that make entries unsafe for a matcher: one-letter and stop-word terms,
  /// terms that are common words of `dictionary`, targets that are another entry's source.
  static func matcherSafety(_ glossary: Glossary, dictionary: RomanianDictionary?) -> [Problem] {
    var problems: [Problem] = []
    let entries = glossary.entries
    func report(_ rule: Rule, _ index: Int, _ message: String) {
      problems.append(Problem(rule: rule, entry: index, line: glossary.lines[index], message: message))
    }
    var entryBySource: [String: Int] = [:]
    for (index, entry) in entries.enumerated() where entryBySource[TermKey.fold(entry.source)] == nil {
      entryBySource[TermKey.fold(entry.source)] = index
    }
    for (index, entry) in entries.enumerated() {
      let term = entry.source
      let letters = term.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count
      let lower = term.lowercased()
      if letters == 1 {
        report(.oneLetter, index, "\"\(term)\" is one letter: a matcher finds it in initials and abbreviations; write the full name")
      } else if romanianStopWords.contains(lower) {
        report(.stopWord, index, "\"\(term)\" is the Romanian function word \"\(lower)\": a matcher finds it in almost every sentence")
      } else if let dictionary, !term.contains(where: \.isWhitespace), !isAcronym(term),
                let stem = dictionary.commonWordStem(of: term) {
        let word = stem == RomanianInflection.lowered(term) ? "the common Romanian word \"\(lower)\"" : "a form of the common Romanian word \"\(stem)\""
        report(.commonWord, index, "\"\(term)\" is \(word): a matcher finds it where the word is meant, not the name")
      }
      for target in Set(entry.targets.filter { $0.status != .forbidden }.map(\.term)).sorted() {
        guard let other = entryBySource[TermKey.fold(target)], other != index,
              !entries[other].targets.contains(where: { $0.term == target })
        else { continue }
        report(.targetIsSource, index,
               "the target \"\(target)\" is the source of entry \(entries[other].id), which renders it otherwise: a text that quotes the name finds that entry")
      }
    }
    return problems
  }

  /// Two letters or more, all capitals ("NATO", "UE"): an acronym, never a common word.
  static func isAcronym(_ term: String) -> Bool {
    let letters = term.unicodeScalars.filter(\.properties.isAlphabetic)
    return letters.count >= 2 && letters.allSatisfy(\.properties.isUppercase)
  }
}
