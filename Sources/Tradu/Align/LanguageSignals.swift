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
    var word = ""
    func finish() {
      guard !word.isEmpty else { return }
      words += 1
      if Self.englishWords.contains(word) { english += 1 }
      if Self.romanianWords.contains(word) { romanian += 1 }
      word.removeAll(keepingCapacity: true)
    }
    for sentence in sentences {
      for scalar in sentence.unicodeScalars {
        if scalar.properties.isAlphabetic {
          word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
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

  static let romanianWords: Set<String> = [
    "și", "şi", "de", "la", "în", "că", "cu", "pe", "din", "este", "un", "o", "nu", "se", "să",
    "care", "mai", "au", "fost", "pentru", "al", "ale", "lui", "după", "sunt", "acest", "această",
    "iar", "sau", "fi", "dintre", "despre",
  ]
}
