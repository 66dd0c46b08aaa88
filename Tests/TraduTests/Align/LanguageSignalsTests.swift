import Foundation
import Testing
@testable import Tradu

/// `LanguageSignals` reads letters through tables and stops copying a word past the longest
/// listed one; it must count exactly what the plain definition counts: every run of
/// alphabetic scalars, lower-cased, looked up in the two lists.
@Suite struct LanguageSignalsTests {
  /// The plain definition, scalar by scalar through the Unicode properties.
  static func reference(_ sentences: [String]) -> (english: Double, romanian: Double, words: Int) {
    var english = 0, romanian = 0, words = 0
    for sentence in sentences {
      var word = ""
      for scalar in sentence.unicodeScalars + [" "] {
        if scalar.properties.isAlphabetic {
          word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        } else if !word.isEmpty {
          words += 1
          if LanguageSignals.englishWords.contains(word) { english += 1 }
          if LanguageSignals.romanianWords.contains(word) { romanian += 1 }
          word = ""
        }
      }
    }
    return (words > 0 ? Double(english) / Double(words) : 0, words > 0 ? Double(romanian) / Double(words) : 0, words)
  }

  func same(_ signals: LanguageSignals, _ expected: (english: Double, romanian: Double, words: Int)) -> Bool {
    signals.english == expected.english && signals.romanian == expected.romanian && signals.words == expected.words
  }

  @Test(arguments: ["Samples/mediafax-musk-putin.ro.txt", "Samples/mediafax-musk-putin.en.txt", "Samples/hard-cases.ro.txt"])
  func samplesCountAsTheDefinitionCounts(_ path: String) throws {
    let sentences = try repositoryText(path).components(separatedBy: "\n")
    let signals = LanguageSignals(sentences)
    #expect(same(signals, Self.reference(sentences)))
    #expect(signals.words >= 100)
  }

  @Test func capitalsLongWordsAndOtherScriptsCountAsTheDefinitionCounts() {
    let sentences = [
      "ȘI DE LA THE Președintele ŞI În CĂ SĂ După",
      "İstanbul ŞTIU Ωμέγα and the 北京 of the s\u{0326}i ſ ǅ ﬁ",
      "Nemaipomenitul și extraordinarul THEATER theThe După-amiază",
      "",
    ]
    #expect(same(LanguageSignals(sentences), Self.reference(sentences)))
  }
}
