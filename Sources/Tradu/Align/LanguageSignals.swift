/// Whether a text reads as English or as Romanian, from its most common function words.
///
/// Enough to tell a translation that is not English (the Romanian text pasted twice, another
/// language) from one that is; not a language identifier.
struct LanguageSignals: Equatable, Sendable {
  /// The share of words that are frequent English function words.
  var english: Double
  /// The share of words that are frequent Romanian function words.
  var romanian: Double
  /// The number of words counted.
  var words: Int

  init(_ sentences: some Sequence<String>) {
    var english = 0
    var romanian = 0
    var words = 0
    // The word being read, lower-cased; only its first letters are kept, as no listed word is
    // longer (a long word counts, but cannot be one of them).
    var word = ""
    var letters = 0
    func finish() {
      guard letters > 0 else { return }
      words += 1
      if letters <= Self.longestListed {
        if Self.englishWords.contains(word) { english += 1 }
        if Self.romanianWords.contains(word) { romanian += 1 }
      }
      word.removeAll(keepingCapacity: true)
      letters = 0
    }
    for sentence in sentences {
      for scalar in sentence.unicodeScalars {
        let value = scalar.value
        if value < 0x80 {
          // ASCII: the letters are the alphabetic scalars.
          let isUpper = value >= 0x41 && value <= 0x5A
          guard isUpper || (value >= 0x61 && value <= 0x7A) else { finish(); continue }
          letters += 1
          if letters <= Self.longestListed { word.unicodeScalars.append(isUpper ? Unicode.Scalar(value + 0x20)! : scalar) }
        } else if value < Self.latinEnd, Self.latinLower[Int(value - 0x80)] != Self.general {
          // Latin letters (ă â î ș ț…), from a table of their properties.
          let lower = Self.latinLower[Int(value - 0x80)]
          guard lower != Self.notALetter else { finish(); continue }
          letters += 1
          if letters <= Self.longestListed { word.unicodeScalars.append(Unicode.Scalar(lower)!) }
        } else if scalar.properties.isAlphabetic {
          letters += 1
          if letters <= Self.longestListed {
            word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
          }
        } else {
          finish()
        }
      }
      finish()
    }
    self.words = words
    self.english = words > 0 ? Double(english) / Double(words) : 0
    self.romanian = words > 0 ? Double(romanian) / Double(words) : 0
  }

  /// Whether the words read as English: in English news a fifth or more of the words are
  /// these; in Romanian, French or German text almost none are.
  var looksEnglish: Bool { words < 8 || (english >= 0.08 && english > romanian) }

  /// Whether the words read as Romanian.
  var looksRomanian: Bool { words < 8 || (romanian >= 0.08 && romanian > english) }

  static let englishWords: Set<String> = [
    "the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with", "as", "by", "at",
    "from", "it", "he", "she", "they", "his", "her", "their", "are", "were", "be", "been", "has",
    "have", "had", "said", "will", "would", "not", "this", "which", "who", "an", "but", "its",
  ]

  /// The scalars U+0080..<`latinEnd` by their lower-case form: ``notALetter`` for one that is
  /// not alphabetic, ``general`` for one whose lower case is not one scalar (read through its
  /// properties like any other scalar).
  static let latinEnd: UInt32 = 0x250
  static let notALetter: UInt32 = 0
  static let general: UInt32 = .max
  static let latinLower: [UInt32] = (0x80..<latinEnd).map { value in
    let properties = Unicode.Scalar(value)!.properties
    guard properties.isAlphabetic else { return notALetter }
    let lower = properties.lowercaseMapping.unicodeScalars
    return lower.count == 1 ? lower.first!.value : general
  }

  /// The most letters (alphabetic scalars) a listed word has.
  static let longestListed = (englishWords.union(romanianWords)).map(\.unicodeScalars.count).max()!

  static let romanianWords: Set<String> = [
    "și", "şi", "de", "la", "în", "că", "cu", "pe", "din", "este", "un", "o", "nu", "se", "să",
    "care", "mai", "au", "fost", "pentru", "al", "ale", "lui", "după", "sunt", "acest", "această",
    "iar", "sau", "fi", "dintre", "despre",
  ]
}
