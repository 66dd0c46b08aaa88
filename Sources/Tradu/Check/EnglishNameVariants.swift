/// Other English words that name what a glossary target names, as translators write them:
/// the adjective or the people of a country whose form no regular ending gives ("France" →
/// "French", "Poland" → "Polish", "Pole"), a country's usual short name ("United States" →
/// "U.S.", "Great Britain" → "Britain"), a ministry named by its field ("Justice Ministry") and
/// the initials of an institution ("European Union" → "EU", "World Health Organization" →
/// "WHO").
///
/// Regular derivations ("Russian", "Chinese", "Italian") are the matcher's
/// (``EnglishTermMatcher``); this table holds the forms English makes otherwise, from the
/// dictionary. `check` counts a variant as a rendering of its term, so "French exports" renders
/// "Exporturile Franței" and no omission is reported.
enum EnglishNameVariants {
  /// The variants of `term` (an approved glossary target of an entry of type `type`),
  /// capitalized as written in English. A person's initials are no variant ("VP" does not
  /// name Vladimir Putin).
  ///
  ///     EnglishNameVariants.variants(of: "France")            // ["French", "Frenchman", …]
  ///     EnglishNameVariants.variants(of: "European Union")    // ["EU", "E.U."]
  static func variants(of term: String, type: EntityType? = nil) -> [String] {
    let words = EnglishTermMatcher.termWords(term)
    let key = words.map(\.key).joined(separator: " ")
    var result = irregular[key] ?? []
    for form in reordered(words) where !result.contains(form) { result.append(form) }
    if type != .person, let letters = initials(of: words) {
      for form in [letters, letters.map { "\($0)." }.joined()] where !result.contains(form) {
        result.append(form)
      }
    }
    return result
  }

  /// The initials of a name of two or more capitalized words joined by the small words English
  /// leaves out of initials ("World Health Organization" → "WHO", "International Monetary
  /// Fund" → "IMF");
  /// nil for one word, or when another lower-case word stands among them.
  static func initials(of words: [TermWord]) -> String? {
    var letters = ""
    for word in words {
      guard let first = word.surface.first else { return nil }
      if first.isUppercase {
        letters.append(first)
      } else if !skippedInInitials.contains(word.key) {
        return nil
      }
    }
    return letters.count >= 2 && letters.allSatisfy({ $0.isASCII && $0.isLetter }) ? letters : nil
  }

  /// A ministry or department named by its field before the noun, as English news writes it:
  /// "Ministry of Justice" → "Justice Ministry", "Department of State" → "State Department",
  /// "Ministry of Foreign Affairs" → "Foreign Affairs Ministry" and "Foreign Ministry".
  static func reordered(_ words: [TermWord]) -> [String] {
    guard words.count >= 3, let noun = words.first, ["ministry", "department"].contains(noun.key), words[1].key == "of",
          noun.surface.first?.isUppercase == true
    else { return [] }
    let field = words.dropFirst(2)
    guard field.allSatisfy({ $0.surface.first?.isUppercase == true || $0.key == "and" }) else { return [] }
    var result = [(field.map(\.surface) + [noun.surface]).joined(separator: " ")]
    if field.count >= 2, field.last?.key == "affairs" {
      result.append((field.dropLast().map(\.surface) + [noun.surface]).joined(separator: " "))
    }
    return result
  }

  /// Words a name's initials leave out.
  static let skippedInInitials: Set<String> = ["of", "for", "and", "the", "on", "in", "at", "to"]

  /// Country, region and city names (lower-cased, without "the") and the English words for
  /// their people and things that no regular ending forms.
  static let irregular: [String: [String]] = [
    "france": ["French", "Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"],
    "germany": ["German"],
    "spain": ["Spanish", "Spaniard"],
    "poland": ["Polish", "Pole"],
    "greece": ["Greek"],
    "netherlands": ["Dutch", "Dutchman", "Dutchmen", "Holland"],
    "holland": ["Dutch", "Dutchman", "Dutchmen", "Netherlands"],
    "turkey": ["Turkish", "Turk", "Türkiye"],
    "turkiye": ["Turkish", "Turk", "Turkey"],
    "switzerland": ["Swiss"],
    "sweden": ["Swedish", "Swede"],
    "denmark": ["Danish", "Dane"],
    "finland": ["Finnish", "Finn"],
    "norway": ["Norwegian"],
    "iceland": ["Icelandic", "Icelander"],
    "ireland": ["Irish", "Irishman", "Irishmen"],
    "scotland": ["Scottish", "Scot", "Scotsman", "Scotsmen"],
    "wales": ["Welsh"],
    "england": ["English", "Englishman", "Englishmen"],
    "britain": ["British", "Briton", "Brit", "UK", "U.K."],
    "great britain": ["Britain", "British", "Briton", "Brit", "UK", "U.K."],
    "united kingdom": ["Britain", "British", "Briton", "Brit"],
    "united states": ["US", "U.S.", "USA", "U.S.A.", "America", "American"],
    "united states of america": ["US", "U.S.", "USA", "U.S.A.", "United States", "America", "American"],
    "america": ["US", "U.S.", "USA", "United States"],
    "portugal": ["Portuguese"],
    "belgium": ["Belgian"],
    "luxembourg": ["Luxembourgish", "Luxembourger"],
    "cyprus": ["Cypriot"],
    "czech republic": ["Czech", "Czechia"],
    "czechia": ["Czech", "Czech Republic"],
    "slovakia": ["Slovak"],
    "slovenia": ["Slovene"],
    "croatia": ["Croat"],
    "serbia": ["Serb"],
    "montenegro": ["Montenegrin"],
    "kosovo": ["Kosovar", "Kosovan"],
    "iraq": ["Iraqi"],
    "israel": ["Israeli"],
    "pakistan": ["Pakistani"],
    "afghanistan": ["Afghan"],
    "kazakhstan": ["Kazakh"],
    "uzbekistan": ["Uzbek"],
    "tajikistan": ["Tajik"],
    "kyrgyzstan": ["Kyrgyz"],
    "turkmenistan": ["Turkmen"],
    "azerbaijan": ["Azerbaijani", "Azeri"],
    "yemen": ["Yemeni"],
    "qatar": ["Qatari"],
    "kuwait": ["Kuwaiti"],
    "saudi arabia": ["Saudi"],
    "bahrain": ["Bahraini"],
    "oman": ["Omani"],
    "united arab emirates": ["Emirati", "UAE"],
    "bangladesh": ["Bangladeshi"],
    "thailand": ["Thai"],
    "philippines": ["Philippine", "Filipino"],
    "lebanon": ["Lebanese"],
    "peru": ["Peruvian"],
    "argentina": ["Argentine"],
    "madagascar": ["Malagasy"],
    "monaco": ["Monegasque"],
    "soviet union": ["Soviet", "USSR"],
    "carpathians": ["Carpathian"],
    "balkans": ["Balkan"],
    "alps": ["Alpine"],
    "pyrenees": ["Pyrenean"],
    "andes": ["Andean"],
    "caucasus": ["Caucasian"],
    "flanders": ["Flemish"],
    "catalonia": ["Catalan"],
    "moscow": ["Muscovite"],
    "paris": ["Parisian"],
    "venice": ["Venetian"],
    "naples": ["Neapolitan"],
    "florence": ["Florentine"],
  ]
}
