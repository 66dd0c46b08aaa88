extension RomanianInflection {
  /// The dictionary forms a term written in the genitive/dative may come from.
  ///
  /// Glossaries mined from running text often give a name as it stood there: "Coreei",
  /// "Moscovei", "Phenianului", "Parlamentului Țării Galilor", "Uniunii Europene". Such a source
  /// is a poor key: the text may well say "Coreea" or "Phenianul". This undoes the endings that
  /// ``forms(of:role:type:)`` adds, and keeps a candidate only when the forward rules turn it back
  /// into the word as given, so every candidate is consistent with the generator.
  ///
  ///     RomanianInflection.dictionaryFormCandidates(of: "Coreei")        // ["Coreea"]
  ///     RomanianInflection.dictionaryFormCandidates(of: "Uniunii Europene")
  ///     // ["Uniunea Europeană"]
  ///
  /// - Parameter term: A term whose head word (its first word) may be in an oblique case.
  /// - Returns: Candidate dictionary forms, the likeliest first; empty when the head is not
  ///   recognisably oblique (a person's name, an acronym, a nominative).
  public static func dictionaryFormCandidates(of term: String) -> [String] {
    var words = term.split(separator: " ").map(String.init)
    if words.count > 1 && lowered(words[0]) == "lui" { words.removeFirst() }  // "lui Cromwell"
    guard let head = words.first, !isAcronym(head), !isNumeric(head) else { return [] }
    var result: [String] = []
    for base in obliqueHeadBases(head) {
      // Each agreeing adjective may come from more than one nominative (Europene: Europeană;
      // Libere: Liberă): every combination is a candidate, a handful at most.
      var combinations: [[String]] = [[base]]
      let roles = roles(of: [base] + words.dropFirst(), type: nil)
      for (i, word) in words.enumerated().dropFirst() {
        let options = roles[i] == .agreeing ? agreeingDirectForms(of: word) : []
        let choices = options.isEmpty ? [word] : options
        combinations = combinations.flatMap { prefix in choices.map { prefix + [$0] } }
      }
      for candidate in combinations.prefix(4) {
        let joined = candidate.joined(separator: " ")
        if joined != term && !result.contains(joined) { result.append(joined) }
      }
    }
    if result.isEmpty && words.joined(separator: " ") != term {
      result.append(words.joined(separator: " "))  // only the proclitic was dropped
    }
    return result
  }

  /// Nominative candidates for a head word in the genitive/dative, each checked against the
  /// forward rules; in the word's own capitalization.
  static func obliqueHeadBases(_ word: String) -> [String] {
    let w = lowered(word)
    func cut(_ suffix: String, _ replacement: String) -> String? {
      guard w.hasSuffix(suffix), w.count > suffix.count + 1 else { return nil }
      return String(w.dropLast(suffix.count)) + replacement
    }
    // Likely guesses first; the fallbacks also fit common nouns ("Casei" → "Case"), so they
    // are tried only when no likely guess fits.
    var likely: [String?] = []
    var fallback: [String?] = []
    if w.hasSuffix("ului") {
      // Phenianului → Phenian, Phenianul; Sibiului → Sibiu; Muntelui → Muntele
      likely += [cut("ului", ""), cut("ului", "ul"), cut("lui", ""), cut("lui", "le")]
    } else if w.hasSuffix("lor") {
      // Statelor → Statele; Carpaților → Carpații
      likely += [cut("lor", "le"), cut("ilor", "ii")]
    } else if w.hasSuffix("ei") {
      // Moscovei → Moscova; Coreei → Coreea; Britaniei → Britania; Camerei → Camere
      likely += [cut("ei", "a"), cut("ei", "ea"), cut("elei", "ea")]
      fallback += [cut("i", "")]
    } else if w.hasSuffix("ii") {
      // Ligii → Liga; Uniunii → Uniunea; Țării → Țara; Britanii → Britanie
      likely += [cut("ii", "a"), cut("ii", "ea"), cut("ii", "ia")]
      fallback += [cut("i", "e")]
    }
    // Compared as matching keys: "Țara" gives "Țarii", which is "Țării" without diacritics.
    let key = TermKey.fold(w)
    func verified(_ guesses: [String?]) -> [String] {
      var bases: [String] = []
      for case let guess? in guesses where !bases.contains(guess) {
        let generated = forms(of: guess, role: .head, type: nil)
        if generated.contains(where: { TermKey.fold($0.form) == key && $0.slots.contains(.oblique) }) {
          bases.append(guess)
        }
      }
      return bases
    }
    var bases = verified(likely)
    if bases.isEmpty { bases = verified(fallback) }
    bases = Array(bases.prefix(3))
    guard word.first?.isUppercase == true else { return bases }
    return bases.map { $0.prefix(1).uppercased() + $0.dropFirst() }
  }

  /// The nominative of an adjective agreeing with a feminine genitive head (Europene →
  /// Europeană, Albe → Albă, Negre → Neagră, Românești → Românească), checked against the
  /// forward rules; empty when none fits.
  static func agreeingDirectForms(of word: String) -> [String] {
    let w = lowered(word)
    var guesses: [String] = []
    if w.hasSuffix("ești") { guesses.append(String(w.dropLast(4)) + "ească") }
    if w.hasSuffix("e") || w.hasSuffix("i") {
      let stem = String(w.dropLast())
      guesses.append(stem + "ă")
      if let i = stem.lastIndex(of: "e") {  // Europen → European, Negr → Neagr
        var open = stem
        open.replaceSubrange(i...i, with: "ea")
        guesses.append(open + "ă")
      }
      if w.hasSuffix("i") { guesses.append(stem + "e") }  // Mari → Mare
    }
    return guesses.filter { agreeingObliqueForms($0).contains(w) }.map {
      word.first?.isUppercase == true ? $0.prefix(1).uppercased() + $0.dropFirst() : $0
    }
  }
}
