/// Romanian inflection of proper names and terms, generated from rules.
///
/// A glossary gives a name in its dictionary form ("Uniunea Europeană", "Kremlin", "Parlamentul");
/// running text uses its definite, genitive/dative and indefinite forms ("Uniunii Europene",
/// "Kremlinului", "Parlament"). These rules generate those forms word by word. Each form carries
/// the grammatical slots it can fill, so the words of a multi-word name must agree: a genitive
/// head takes genitive adjectives ("Casei Albe"), a nominative head nominative ones ("Casa Albă").
public enum RomanianInflection {
  /// The grammatical slots a word form can fill, as a bit set.
  public struct Slots: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Nominative/accusative (definite or indefinite): "Casa", "Kremlinul", "Parlament".
    public static let direct = Slots(rawValue: 1)
    /// Genitive/dative: "Casei", "Kremlinului", "Statelor".
    public static let oblique = Slots(rawValue: 2)
    /// A word that does not change: it fits any slot.
    public static let any: Slots = [.direct, .oblique]
    /// Not a slot but a condition: the form counts only when written with a capital, as the
    /// article-less "Guvern" of "Guvernul" (lower-case "guvern" is the common noun).
    public static let capitalOnly = Slots(rawValue: 4)
  }

  /// What a word does inside a multi-word name.
  public enum Role: Sendable {
    /// The first word, which carries the article and the case ending.
    case head
    /// An adjective (or noun) after a feminine singular head, which agrees with it.
    case agreeing
    /// A word that never changes: prepositions, genitive complements, appositions.
    case invariant
  }

  /// Function words after which the rest of a name never inflects.
  static let functionWords: Set<String> = [
    "de", "din", "al", "ale", "a", "ai", "și", "si", "pentru", "la", "cu", "pe", "în", "in", "sub",
    "cel", "cea", "cei", "cele", "lui", "of", "the", "and", "&", "dintre", "asupra", "privind",
  ]

  /// The roles of the words of a name, given its words as written.
  ///
  /// The first word is the head. A feminine singular head ("Uniunea", "Casa", "Marea") makes the
  /// adjective-shaped words after it agree, up to the first function word or other word;
  /// masculine and plural heads take invariant adjectives ("Parlamentului European",
  /// "Statelor Unite"). A person's name inflects only in its first (given) name.
  public static func roles(of words: [String], type: EntityType?) -> [Role] {
    guard let first = words.first else { return [] }
    var roles: [Role] = [.head]
    let head = lowered(first)
    let feminineHead = head.hasSuffix("a") && !head.hasSuffix("le") || head.hasSuffix("ă")
    var agreeing = feminineHead && type != .person && !isAcronym(first)
    for word in words.dropFirst() {
      let w = lowered(word)
      if agreeing && !functionWords.contains(w) && isAdjectiveShaped(w) {
        roles.append(.agreeing)
      } else {
        agreeing = false
        roles.append(.invariant)
      }
    }
    return roles
  }

  /// Whether a word ends like a feminine singular adjective or noun that agrees with its head.
  static func isAdjectiveShaped(_ w: String) -> Bool {
    w.count >= 3 && (w.hasSuffix("ă") || (w.hasSuffix("e") && !w.hasSuffix("le")))
  }

  /// The forms of one word in `role`, lower-case with diacritics, each with its slots.
  public static func forms(of word: String, role: Role, type: EntityType?) -> [(form: String, slots: Slots)] {
    let w = lowered(word)
    var result: [(String, Slots)] = []
    func add(_ form: String, _ slots: Slots) {
      if form.count >= 2 { result.append((form, slots)) }
    }
    defer {
      // Only a capitalized name can require a capital.
      if word.first?.isUppercase != true {
        result = result.map { ($0.0, $0.1.subtracting(.capitalOnly)) }
      }
    }
    switch role {
    case .invariant:
      add(w, .any)
    case .agreeing:
      add(w, .direct)
      for g in agreeingObliqueForms(w) { add(g, .oblique) }
    case .head:
      if type == .person {
        add(w, .any)
        for g in givenNameObliqueForms(w) { add(g, .oblique) }
      } else if isAcronym(word) || isNumeric(w) {
        add(w, .any)  // NATO, PSD: endings come hyphenated (NATO-ului), found separately
      } else {
        let first = result.count
        result += headForms(w)
        if headAsWrittenNeedsCapital(word, type: type) { result[first].1.insert(.capitalOnly) }
      }
    }
    return result
  }

  /// Forms of a feminine given name in the genitive/dative: Gabriela → Gabrielei, Monica → Monicăi.
  static func givenNameObliqueForms(_ w: String) -> [String] {
    guard w.hasSuffix("a"), w.count >= 3 else { return [] }
    let stem = String(w.dropLast())
    var forms = [stem + "ei"]
    if stem.hasSuffix("c") || stem.hasSuffix("g") { forms.append(stem + "ăi") }
    return forms
  }

  /// Oblique forms of an adjective that agrees with a feminine singular head.
  static func agreeingObliqueForms(_ w: String) -> [String] {
    if w.hasSuffix("ească") { return [String(w.dropLast(5)) + "ești"] }  // Românească → Românești
    if w.hasSuffix("că") || w.hasSuffix("gă") {
      let stem = String(w.dropLast())
      return [stem + "i", stem + "e"]  // Mică → Mici, Academică → Academice
    }
    if w.hasSuffix("ă") {
      let stem = String(w.dropLast())
      var forms = [stem + "e"]  // Albă → Albe, Română → Române
      if let plain = monophthong(stem) { forms.append(plain + "e") }  // Europeană → Europene, Neagră → Negre
      return forms
    }
    if w.hasSuffix("e") { return [String(w.dropLast()) + "i"] }  // Britanie → Britanii, Mare → Mari
    return []
  }

  /// Whether the head word `w` (lower case) is written without a definite article ("Camere",
  /// "Parlament", "Primărie"; not "Camerele", "Parlamentul", "Primăria", "Parlamentului").
  ///
  /// Romanian names an institution it does not name in full with the article ("guvernul",
  /// "camerele", "parlamentului"); without it the word is the common noun ("4 camere", "un
  /// guvern"), so such a form of an organization's name counts only when capitalized, as the
  /// article-less forms ``headForms(_:)`` makes from a name given with its article already do.
  static func isArticleLess(_ w: String) -> Bool {
    !["ul", "le", "a", "ii", "lui", "lor", "ei"].contains { w.hasSuffix($0) }
  }

  /// Whether the head `word` of a name of `type`, as the glossary writes it, counts only when
  /// capitalized: an organization's capitalized head without its article (``isArticleLess(_:)``),
  /// not an acronym or a number.
  static func headAsWrittenNeedsCapital(_ word: String, type: EntityType?) -> Bool {
    guard type == .organization, word.first?.isUppercase == true, !isAcronym(word) else { return false }
    let w = lowered(word)
    return !isNumeric(w) && isArticleLess(w)
  }

  /// All forms of a head word that is not a person's name or an acronym.
  static func headForms(_ w: String) -> [(String, Slots)] {
    var forms: [(String, Slots)] = [(w, .direct)]
    func direct(_ f: String) { forms.append((f, .direct)) }
    /// The head without its definite article: a common noun unless capitalized.
    func bare(_ f: String) { forms.append((f, [.direct, .capitalOnly])) }
    func oblique(_ f: String) { forms.append((f, .oblique)) }
    let count = w.count

    if w.hasSuffix("ului") || w.hasSuffix("ilor") || w.hasSuffix("elor") || w.hasSuffix("ei") {
      return [(w, .any)]  // already genitive: "Americii" in a name, "Afacerilor"
    }
    if w.hasSuffix("iul") && count > 4 {  // Consiliul → Consiliului, Consiliu
      let stem = String(w.dropLast())
      bare(stem); oblique(stem + "lui")
    } else if w.hasSuffix("ul") && count > 3 {  // Parlamentul → Parlamentului, Parlament
      let stem = String(w.dropLast(2))
      if stem.count >= 4 { bare(stem) }
      oblique(stem + "ului")
      // A name that merely ends in -ul (Istanbul) takes the article after it.
      direct(w + "ul"); oblique(w + "ului")
    } else if w.hasSuffix("le") && count > 4 {  // Statele → Statelor, State; Muntele → Muntelui
      let stem = String(w.dropLast(2))
      bare(stem); oblique(stem + "lor"); oblique(String(w.dropLast()) + "ui")
    } else if w.hasSuffix("ii") && count > 4 {  // Carpații → Carpaților
      oblique(String(w.dropLast()) + "lor")
    } else if w.hasSuffix("ea") {  // Uniunea → Uniunii, Marea → Mării, Coreea → Coreei
      let stem = String(w.dropLast(2))
      oblique(stem + "ii"); oblique(stem + "ei"); oblique(stem + "elei")
      oblique(String(w.dropLast()) + "i")
    } else if w.hasSuffix("ua") {  // Noua → Noii
      oblique(String(w.dropLast(2)) + "ii"); oblique(String(w.dropLast()) + "ei")
    } else if w.hasSuffix("ia") {  // România → României, Primăria → Primăriei, Primărie
      let stem = String(w.dropLast())
      oblique(stem + "ei"); direct(stem + "e")
    } else if w.hasSuffix("a") {  // Ucraina → Ucrainei, Republica → Republicii, Gara → Gării
      let stem = String(w.dropLast())
      oblique(stem + "ei"); oblique(stem + "ii")
      if let plain = monophthong(stem) { oblique(plain + "ei") }  // Suceava → Sucevei
      if let open = diphthongIA(stem) { oblique(open + "ei") }  // Piatra → Pietrei
    } else if w.hasSuffix("ă") {  // Casă → Casa, Casei
      let stem = String(w.dropLast())
      direct(stem + "a"); oblique(stem + "ei"); oblique(stem + "e")
    } else if w.hasSuffix("ie") {  // Britanie → Britania, Britaniei, Britanii
      let stem = String(w.dropLast())
      direct(stem + "a"); oblique(stem + "ei"); oblique(stem + "i")
    } else if w.hasSuffix("e") {  // Camere → Camerei
      direct(w + "a"); oblique(w + "i")
    } else if w.hasSuffix("u") {  // Sibiu → Sibiul, Sibiului; Bacău → Bacăului
      direct(w + "l"); oblique(w + "lui")
    } else if w.hasSuffix("i") {  // București → Bucureștiului; Iași → Iașului
      direct(w + "ul"); oblique(w + "ului")
      if count > 3 {
        let stem = String(w.dropLast())
        direct(stem + "ul"); oblique(stem + "ului")
        // A plural name without its article (Carpați, Balcani, Apuseni): Carpaților.
        oblique(w + "lor")
      }
    } else if let last = w.unicodeScalars.last, last.properties.isAlphabetic {
      // A consonant or another vowel (Berlin, Kremlin, Congo): the enclitic article follows.
      direct(w + "ul"); oblique(w + "ului")
    }
    return forms
  }

  /// The stem with its last "ea" closed to "e" (Suceav → Sucev, Neagr → Negr), if it has one
  /// before its final consonants.
  static func monophthong(_ stem: String) -> String? {
    replaceLastVowelGroup(stem, "ea", with: "e")
  }

  /// The stem with its last "ia" opened to "ie" (Piatr → Pietr).
  static func diphthongIA(_ stem: String) -> String? {
    replaceLastVowelGroup(stem, "ia", with: "ie")
  }

  private static func replaceLastVowelGroup(_ stem: String, _ group: String, with replacement: String) -> String? {
    let chars = Array(stem)
    var end = chars.count
    while end > 0 && !isVowel(chars[end - 1]) { end -= 1 }
    guard end >= 2, end < chars.count, String(chars[(end - 2)..<end]) == group else { return nil }
    guard end - 2 > 0, !isVowel(chars[end - 3]) else { return nil }
    return String(chars[..<(end - 2)]) + replacement + String(chars[end...])
  }

  static func isVowel(_ c: Character) -> Bool { "aeiouăâîy".contains(c) }

  /// Whether the word is written in capitals (NATO, PSD, S.U.A.), so takes hyphenated endings.
  static func isAcronym(_ word: String) -> Bool {
    var letters = 0
    var upper = 0
    var innerUpper = false
    for (i, unit) in word.utf16.enumerated() {
      switch TextTokens.CharacterKind(unit) {
      case .upper:
        letters += 1
        upper += 1
        if i > 0 { innerUpper = true }
      case .lower:
        letters += 1
      default:
        break
      }
    }
    // NATO, PSD, X; or capitals inside a short word: SpaceX, eMAG
    return (letters >= 2 && upper == letters) || (letters <= 1 && upper == 1) || (innerUpper && word.utf16.count <= 6)
  }

  static func isNumeric(_ w: String) -> Bool { w.unicodeScalars.contains { $0.properties.numericType != nil } }

  /// Lower case with the comma-below letters (ș ț) in place of cedillas (ş ţ).
  static func lowered(_ word: String) -> String {
    let w = word.lowercased()
    if w.unicodeScalars.contains(where: { $0 == "\u{015F}" || $0 == "\u{0163}" }) {  // ş ţ
      return w.swapping("ş", "ș").swapping("ţ", "ț")
    }
    return w
  }

  /// Endings written after a hyphen on acronyms and foreign names: NATO-ului, SpaceX-ul.
  static let hyphenatedEndings: Set<String> = [
    "ul", "ului", "lui", "l", "le", "lor", "a", "ei", "ii", "i", "uri", "urile", "urilor", "ilor", "elor",
    "urilor", "ai", "u",
  ]
}

extension String {
  /// The string with every `target` replaced (no Foundation needed).
  func swapping(_ target: Character, _ replacement: Character) -> String {
    String(map { $0 == target ? replacement : $0 })
  }
}
