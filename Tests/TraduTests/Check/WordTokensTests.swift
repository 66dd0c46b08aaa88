import Foundation
import Testing
@testable import Tradu

/// `WordTokens` folds words with a table of Latin letters and trims with its own white-space
/// test: both must agree with Foundation, which they replace on the hot path of `tradu check`.
@Suite struct WordTokensTests {
  @Test func everyLatinLetterFoldsAsFoundationFoldsIt() {
    for value in LatinFolds.first..<LatinFolds.end {
      let scalar = Unicode.Scalar(value)!
      guard isWordScalar(scalar) else { continue }
      let word = "A" + String(scalar) + "b"
      #expect(foldKey(word) == foundationFold(word), "U+\(String(value, radix: 16, uppercase: true))")
    }
  }

  @Test func everyWordOfTheSamplesFoldsAsFoundationFoldsIt() throws {
    var words = 0
    for sample in ["Samples/mediafax-musk-putin.ro.txt", "Samples/mediafax-musk-putin.en.txt", "Samples/hard-cases.ro.txt"] {
      for token in WordTokens(try repositoryText(sample)).tokens {
        #expect(token.key == foundationFold(token.surface), "\(token.surface)")
        words += 1
      }
    }
    #expect(words > 900)
  }

  @Test(arguments: [
    "Ştefan ŞI Țara", "ȘTIU", "Brâncuși", "İstanbul", "Straße", "Œuvre", "ǅemal",
    "s\u{0326}i", "Ш", "Ωμέγα", "北京", "ﬁnal", "𝐀𝐁", "½", "ª",
  ])
  func wordsOutsideTheTableFoldAsFoundationFoldsThem(_ text: String) {
    for token in WordTokens(text).tokens {
      #expect(token.key == foundationFold(token.surface), "\(token.surface)")
    }
  }

  @Test func tokensAndGapsRebuildTheTextInUTF16Offsets() throws {
    let text = try seedArticle() + " Emoji 😀x, 𝐀𝐁 și s\u{0326}i.\r\n"
    let words = WordTokens(text)
    var rebuilt = ""
    var end = 0
    for (i, token) in words.tokens.enumerated() {
      if i == 0 { rebuilt += EnglishTermMatcher.slice(text, 0..<token.range.lowerBound) }
      #expect(EnglishTermMatcher.slice(text, token.range) == token.surface)
      rebuilt += token.surface
      if i + 1 < words.tokens.count { rebuilt += words.gap(after: i) }
      end = token.range.upperBound
    }
    rebuilt += EnglishTermMatcher.slice(text, end..<text.utf16.count)
    #expect(rebuilt == text)
  }

  @Test(arguments: [
    " \t Kremlinul a negat.\n", "\u{2028}\u{00A0}text\u{3000}", "\u{1680}a b\u{0085}", "\u{200B}x\u{200B}",
    "", "   ", "\r\n", "ș", "\u{2029}Șoseaua Kiseleff\u{202F}",
  ])
  func trimmingAgreesWithFoundation(_ text: String) {
    #expect(String(Rules.trimmed(text)) == text.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// The words of `text` as the splitter found them before it read bytes: scalar by scalar,
  /// each asked for its Unicode properties.
  static func referenceWords(_ text: String) -> [(range: Range<Int>, surface: String)] {
    var words: [(range: Range<Int>, surface: String)] = []
    var current = ""
    var start = 0
    var offset = 0
    for scalar in text.unicodeScalars {
      let p = scalar.properties
      if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark {
        if current.isEmpty { start = offset }
        current.unicodeScalars.append(scalar)
      } else if !current.isEmpty {
        words.append((start..<offset, current))
        current = ""
      }
      offset += scalar.utf16.count
    }
    if !current.isEmpty { words.append((start..<offset, current)) }
    return words
  }

  @Test func wordsFromBytesAreTheWordsOfTheScalars() throws {
    var texts = [try seedArticle(), try repositoryText("Samples/hard-cases.ro.txt"), try repositoryText("Samples/mediafax-musk-putin.en.txt")]
    texts.append("Ştefan ŞI Țara, s\u{0326}i 😀x 𝐀𝐁 ½ ª × ÷ 北京 Ωμέγα ﬁnal\u{200B}nu ǅemal 1.234,56 NATO-ului")
    texts.append(String((0x80..<0x250).compactMap(Unicode.Scalar.init).map(Character.init)))
    for text in texts {
      let words = WordTokens(text).tokens
      let reference = Self.referenceWords(text)
      #expect(words.map(\.surface) == reference.map(\.surface))
      #expect(words.map(\.range) == reference.map(\.range))
      for word in words {
        #expect(String(decoding: Array(text.utf8)[word.utf8Range], as: UTF8.self) == word.surface)
        #expect(word.key == foldKey(word.surface))
        #expect(word.keyLength == word.key.unicodeScalars.count)
      }
    }
  }

  @Test func theLatinTableAgreesWithTheProperties() {
    for value in LatinFolds.first..<LatinFolds.end {
      let scalar = Unicode.Scalar(value)!
      #expect(isWordScalar(scalar) == hasWordProperties(scalar), "U+\(String(value, radix: 16, uppercase: true))")
    }
  }
}

/// Keys folded from a word's bytes are those ``foldKey(_:)`` gives its text, with their length.
@Suite struct FoldFromBytesTests {
  @Test func everyLatinLetterAndOthersFoldAsTheText() {
    let scalars = (0x20..<0x300).compactMap(Unicode.Scalar.init) + [0x301, 0x326, 0x410, 0x44F, 0x3A9, 0x4E00, 0x1F642, 0x212A]
      .compactMap(Unicode.Scalar.init)
    for scalar in scalars {
      for text in ["\(scalar)", "Ar\(scalar)z", "\(scalar)ȘȚăîâ", "x\(scalar)\(scalar)Q"] {
        for token in WordTokens(text).tokens {
          #expect(token.key == foldKey(token.surface), "\(Array(token.surface.unicodeScalars))")
          #expect(token.keyLength == token.key.unicodeScalars.count, "\(Array(token.surface.unicodeScalars))")
        }
      }
    }
  }

  @Test func theTablesFoldFromBytesAsTheTextFolds() {
    LatinFolds.withTables { latin in
      for value in LatinFolds.first..<LatinFolds.end {
        for word in ["\(Unicode.Scalar(value)!)", "Ș\(Unicode.Scalar(value)!)Ab", "x\(Unicode.Scalar(value)!)\(Unicode.Scalar(value)!)ă"] {
          let folded = Array(word.utf8).withUnsafeBufferPointer { latin.fold(utf8: $0) }
          let expected = LatinFolds.fold(word)
          #expect(folded?.key == expected, "U+\(String(value, radix: 16, uppercase: true))")
          #expect(folded?.length == expected?.unicodeScalars.count, "U+\(String(value, radix: 16, uppercase: true))")
        }
      }
      // Scalars past the table (U+0250 and up) are not folded from it.
      for word in ["Ωμέγα", "北京", "aɐ", "x😀"] {
        #expect(Array(word.utf8).withUnsafeBufferPointer { latin.fold(utf8: $0) } == nil, "\(word)")
      }
    }
  }
}
