import Testing
@testable import Tradu

@Suite struct EnglishTermMatcherTests {
  let matcher = EnglishTermMatcher()

  func found(_ term: String, _ text: String) -> [String] {
    matcher.occurrences(of: term, in: text).map(\.surface)
  }

  @Test(arguments: [
    ("Pyongyang", "Pyongyang's envoy spoke on Saturday.", ["Pyongyang"]),
    ("Pyongyang", "Pyongyang’s envoy spoke on Saturday.", ["Pyongyang"]),
    ("Chambers", "Tellis deleted Chambers' texts.", ["Chambers"]),
    ("the Kremlin", "Kremlin officials denied it.", ["Kremlin"]),
    ("the Kremlin", "The Kremlin's spokesman said so.", ["Kremlin"]),
    ("Kremlin", "the kremlin answered", ["kremlin"]),
    ("Clinton", "The Clintons arrived.", ["Clintons"]),
    ("Indonesia", "the Indonesian national team", ["Indonesian"]),
    ("China", "Chinese exports rose", ["Chinese"]),
    ("Parliament", "my parliamentary colleague", ["parliamentary"]),
    ("Brancusi", "a sculpture by Brâncuși", ["Brâncuși"]),
    ("North Korea", "North Korea's top diplomat", ["North Korea"]),
    ("Plasco-Flaxman", "an uncomfortable Plasco-Flaxman fired her", ["Plasco-Flaxman"]),
    ("NATO", "NATO's summit and NATO", ["NATO", "NATO"]),
    ("N", "the U.N. General Assembly", ["N"]),
  ])
  func acceptsEnglishForms(term: String, text: String, expected: [String]) {
    #expect(found(term, text) == expected)
  }

  @Test(arguments: [
    ("Ri", "Rich people were there."),
    ("Korea", "Koreatown is in Los Angeles."),
    ("NATO", "Nato allies met."),
    ("NBC", "MSNBC's ratings"),
    ("North Korea", "the North. Korea was"),
    ("Kim", "Kimi Raikkonen finished fourth."),
    ("AI", "aiming high"),
  ])
  func rejectsOtherWords(term: String, text: String) {
    #expect(found(term, text).isEmpty)
  }

  @Test func forbiddenFormsKeepTheirArticle() {
    #expect(matcher.occurrences(of: "the Ukraine", in: "aid for Ukraine", optionalArticle: false).isEmpty)
    #expect(matcher.occurrences(of: "the Ukraine", in: "aid for the Ukraine", optionalArticle: false).count == 1)
  }

  @Test func rangesAreUTF16OffsetsOfTheText() {
    let text = "Președintele 🇺🇦 a vorbit cu Kyiv's mayor"
    let hit = matcher.occurrences(of: "Kyiv", in: text)
    #expect(hit.count == 1)
    let r = hit[0].range
    let units = Array(text.utf16)
    #expect(String(decoding: units[r], as: UTF16.self) == "Kyiv")
  }

  @Test(arguments: [
    ("Korea", "North Koaea's top diplomat", ["Koaea"]),
    ("Manchester", "in Menchester City's win", ["Menchester"]),
    ("NATO", "in favor of EU and NaTO", ["NaTO"]),
    ("Nottingham", "MP for Noatingham East", ["Noatingham"]),
  ])
  func findsMisspellings(term: String, text: String, expected: [String]) {
    #expect(matcher.nearMisses(of: term, in: WordTokens(text)).map(\.surface) == expected)
  }

  @Test(arguments: [
    ("Tennessee", "Tennessean fans cheered"),
    ("Texas", "a Texan rancher"),
    ("Korea", "North Korean leader and North Korea"),
    ("Korea", "a korma dish"),
    ("Trump", "the Trump Organization"),
    ("Kim", "Jim and Tim"),
  ])
  func acceptedAndShortWordsAreNotMisspellings(term: String, text: String) {
    #expect(matcher.nearMisses(of: term, in: WordTokens(text)).isEmpty)
  }

  @Test func editDistanceCountsSwapsAsOneEdit() {
    func d(_ a: String, _ b: String) -> Int {
      editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: 5)
    }
    #expect(d("korea", "koaea") == 1)
    #expect(d("korea", "kroea") == 1)
    #expect(d("korea", "korean") == 1)
    #expect(d("kyiv", "kiev") == 2)
    #expect(d("", "abc") == 3)
  }

  /// A token is turned away by the second byte of its key only when it cannot start with the
  /// term's lead (`hasPrefix` says the same), whatever the bytes: ASCII, Latin letters,
  /// combining marks, one-letter words.
  @Test func theSecondByteTurnsAwayOnlyKeysWithoutTheLead() {
    let matcher = EnglishTermMatcher()
    let terms = ["Korea", "Kyiv", "Al", "Ukraine", "Ánkara", "K2", "the Kremlin", "X", "Zelensky"]
    let words = ["Korean", "Koaea", "Kyivs", "kremlin's", "al", "A", "Aleppo", "Ánkara", "Ankara", "A\u{301}nkara",
                 "K", "K2", "Ka", "x", "xi", "Zelenskyy", "Ze\u{301}lensky", "Ukrainian", "Uk", "U"]
    for term in terms {
      let split = matcher.split(term)
      for word in words {
        let key = WordTokens(word).tokens[0].key
        if split.cannotLead(secondByte: EnglishTermMatcher.secondByte(of: key)) {
          #expect(!key.hasPrefix(split.lead), "\(term) turned away \(word)")
        }
      }
    }
    #expect(matcher.occurrences(of: "Korea", in: "South Koreans and a Koaea.").map(\.surface) == ["Koreans"])
  }

  /// One pass over the words with the terms indexed finds, term by term, what searching each
  /// term alone finds, and lists only the terms found, in the index's order.
  @Test func theIndexFindsWhatEachTermFindsAlone() {
    let matcher = EnglishTermMatcher()
    let terms = ["the Ukraine", "Kiev", "Bombay", "Peking", "Burma", "the Kremlin", "Ánkara", "Zelenski", "K2", "Moldavia"]
    let splits = terms.map { matcher.split($0, optionalArticle: false) }
    let index = EnglishTermMatcher.SplitTermIndex(splits)
    let texts = [
      "Officials in Kiev said the Ukraine crisis began in Kiev, not in Bombay; Kievs and Kiev's streets were calm.",
      "The Kremlin and the Kremlin's spokesman spoke of Burma, Burmese exiles and Moldavia's wine from Ánkara.",
      "Zelenski met Zelenskiy. Peking duck. The K2 climb. Nothing else here.",
      "Presedintele a vorbit despre economie si despre vreme, fara niciun nume.",
      "",
    ]
    for text in texts {
      let words = WordTokens(text)
      for derived in [false, true] {
        let alone = splits.map { matcher.occurrences(of: $0, in: words, derived: derived) }
        let found = matcher.foundOccurrences(of: index, in: words, derived: derived)
        #expect(found.map(\.term) == alone.indices.filter { !alone[$0].isEmpty }, "\(text)")
        for (k, uses) in found {
          #expect(uses == alone[k], "\(terms[k]) in \(text)")
        }
        #expect(matcher.occurrences(of: index, in: words, derived: derived) == alone, "\(text)")
      }
    }
    let first = matcher.foundOccurrences(of: index, in: WordTokens(texts[0]), derived: false)
    #expect(first.map { terms[$0.term] } == ["the Ukraine", "Kiev", "Bombay"])
    #expect(first[1].uses.map(\.surface) == ["Kiev", "Kiev", "Kievs", "Kiev"])
  }
}
