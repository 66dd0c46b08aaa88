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
      for token in WordTokens(try repositoryText(sample)).termWords {
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
    for token in WordTokens(text).termWords {
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
      #expect(EnglishTermMatcher.slice(text, token.range) == words.surface(i))
      rebuilt += words.surface(i)
      if i + 1 < words.tokens.count { rebuilt += words.gap(after: i) }
      end = token.range.upperBound
    }
    rebuilt += EnglishTermMatcher.slice(text, end..<text.utf16.count)
    #expect(rebuilt == text)
  }

  @Test(arguments: [
    "Kremlinul a negat.", "a", "x\u{0301}", "\u{0301}x", "ș ", " ș", "a\u{00A0}", "1.\u{2028}",
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
      let split = WordTokens(text)
      let words = split.tokens
      let reference = Self.referenceWords(text)
      #expect(words.indices.map(split.surface) == reference.map(\.surface))
      #expect(words.map(\.range) == reference.map(\.range))
      for (k, word) in words.enumerated() {
        let surface = split.surface(k)
        #expect(String(decoding: Array(text.utf8)[word.utf8Range], as: UTF8.self) == surface)
        #expect(word.key == foldKey(surface))
        #expect(word.keyLength == word.key.unicodeScalars.count)
        // What the searches read from the token instead of its text.
        #expect(word.keyStart == KeyStarts.start(of: word.key), "\(surface)")
        #expect(word.startsUppercase == startsUppercase(surface), "\(surface)")
        #expect(word.isASCII == surface.utf8.allSatisfy { $0 < 0x80 }, "\(surface)")
        #expect(split.hasLetter(k) == Rules.hasLetter(surface), "\(surface)")
      }
    }
  }

  /// The gaps between words join a name exactly when their text does
  /// (``EnglishTermMatcher/joins(_:)``), read from the bytes or as characters.
  @Test func gapsJoinFromBytesAsTheirTextJoins() throws {
    var texts = [try seedArticle(), try repositoryText("Samples/mediafax-musk-putin.en.txt")]
    let gaps = [" ", "-", "\u{00A0}", ".", "\u{2011}", ". ", " .", "..", "...", "....", " - ", "--", "  ", "   ", "    ",
                "-\u{200D}", " \u{200D}", ",", ", ", "\u{2010}", "\u{2012}", "\r\n", "\n", "\u{00A0}\u{00A0}\u{00A0}",
                "\u{2011}\u{2011}\u{2011}", "\u{2011}. ", ".\u{00A0}", "\u{1D165} ", "'", "’", "😀", " 😀 "]
    texts.append(gaps.map { "New\($0)York" }.joined(separator: "|"))
    for gap in gaps { texts.append("North\(gap)Korea") }
    for text in texts {
      let words = WordTokens(text)
      for i in words.tokens.indices.dropLast() {
        #expect(words.gapJoins(after: i) == EnglishTermMatcher.joins(words.gap(after: i)), "\(Array(words.gap(after: i).unicodeScalars))")
      }
    }
  }

  /// A word is written as a term's word exactly when their texts are equal strings, whether
  /// both are ASCII (told by bytes) or not (canonically equal forms count as the same).
  @Test func wordsAreWrittenAsTermWordsWhenTheirTextsAreEqual() {
    let text = "NATO Nato nato Brâncuși Bra\u{0302}ncus\u{0326}i Straße Kyiv Kyivs 1.234"
    let split = WordTokens(text)
    let termWords = WordTokens("NATO nato Brâncuși Straße STRASSE Kyiv 234 Kyi").termWords
    for k in split.tokens.indices {
      for word in termWords {
        #expect(split.surface(k, isWrittenAs: word) == (split.surface(k) == word.surface), "\(split.surface(k)) / \(word.surface)")
      }
    }
    // Every Latin letter (precomposed and decomposed) against others that start alike or not.
    let latin = (0x41..<0x250).compactMap(Unicode.Scalar.init).filter(isWordScalar).map { String($0) }
    let letters = latin + latin.map(\.decomposedStringWithCanonicalMapping) + ["\u{212A}", "K\u{0326}", "\u{0301}a"]
    let words = WordTokens(letters.map { "\($0)x" }.joined(separator: " "))
    let terms = WordTokens(["sx", "Sx", "ș x", "Kx", "ax", "ăx", "\u{212A}x", "Ax", "éx", "ex", "1x"].joined(separator: " ")).termWords
    for k in words.tokens.indices {
      for word in terms {
        #expect(words.surface(k, isWrittenAs: word) == (words.surface(k) == word.surface), "\(words.surface(k)) / \(word.surface)")
      }
    }
    // The term's words carry what their comparisons need.
    #expect(termWords.map(\.isAcronym) == [true, false, false, false, true, false, false, false])
    #expect(termWords.map(\.isASCII) == [true, true, false, false, true, true, true, true])
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
        for token in WordTokens(text).termWords {
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
