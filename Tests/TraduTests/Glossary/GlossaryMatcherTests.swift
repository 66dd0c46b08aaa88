import Testing
@testable import Tradu

/// The matcher on sentences of the kind news articles carry.
@Suite struct GlossaryMatcherTests {
  static let glossary: Glossary = {
    let text = (try? repositoryText("Tests/TraduTests/Fixtures/glossary/news-small.tsv")) ?? ""
    return (try? Glossary.parse(text, format: .tsv, name: "news-small.tsv")) ?? Glossary(entries: [])
  }()
  static let matcher = GlossaryMatcher(glossary)

  func found(_ text: String) throws -> [String] {
    try Self.matcher.matches(in: text).map { "\($0.matched)=\($0.source)" }
  }

  @Test func reportsEntryRangeKindAndTargets() throws {
    let text = "Purtătorul de cuvânt al Kremlinului a spus că Kievul nu a cerut nimic."
    let matches = try Self.matcher.matches(in: text)
    #expect(matches.map(\.matched) == ["Kremlinului", "Kievul"])
    let kremlin = matches[0]
    #expect(kremlin.entryID == "kremlin" && kremlin.source == "Kremlin" && kremlin.kind == .inflected)
    let units = Array(text.utf16)
    #expect(String(decoding: units[kremlin.range], as: UTF16.self) == "Kremlinului")
    #expect(matches[1].targets == [GlossaryTarget(term: "Kyiv"), GlossaryTarget(term: "Kiev", status: .forbidden)])
  }

  @Test func kindsTellExactFromFoldedFromInflected() throws {
    let kinds = try Self.matcher.matches(in: "România, Romania, ROMÂNIA, României, Bucureşti, București").map(\.kind)
    #expect(kinds == [.exact, .folded, .folded, .inflected, .folded, .exact])
  }

  @Test func longestMatchWinsAndMatchesDoNotOverlap() throws {
    #expect(try found("Vladimir Putin l-a primit.") == ["Vladimir Putin=Vladimir Putin"])
    #expect(try found("Putin l-a primit.") == ["Putin=Putin"])
    let matches = try Self.matcher.matches(in: "Vladimir Putin, Putin și Vladimir Putin")
    for (a, b) in zip(matches, matches.dropFirst()) { #expect(a.range.upperBound <= b.range.lowerBound) }
    #expect(matches.count == 3)
  }

  @Test func procliticLuiIsRecordedOutsideTheRange() throws {
    let text = "Declarația lui Vladimir Putin a venit târziu."
    let m = try #require(try Self.matcher.matches(in: text).first)
    #expect(m.matched == "Vladimir Putin" && m.kind == .exact)
    let units = Array(text.utf16)
    #expect(String(decoding: units[try #require(m.proclitic)], as: UTF16.self) == "lui")
    #expect(try Self.matcher.matches(in: "Vladimir Putin a venit.").first?.proclitic == nil)
  }

  @Test func offsetsAreUTF16EvenAfterEmoji() throws {
    let text = "🇷🇴 Ucrainei"
    let m = try #require(try Self.matcher.matches(in: text).first)
    #expect(m.range == 5..<13)
  }

  @Test func extraFormsAndExactMode() throws {
    #expect(try found("Summitul UE de la Bruxelles") == ["UE=Uniunea Europeană"])
    // Starlink is exact: its inflected forms are not searched.
    #expect(try found("Starlink și Starlinkul") == ["Starlink=Starlink"])
  }

  @Test func stemMarkersAndPrefixMode() throws {
    let g = try Glossary.parse("source\ttarget\tmatch\nKreml|in\tthe Kremlin\t\nTelegr\tTelegram\tprefix\n", format: .tsv, name: "t.tsv")
    let m = GlossaryMatcher(g)
    #expect(try m.matches(in: "Kremlinului, Kremlinul, Kremlin, Krem").map(\.matched) == ["Kremlinului", "Kremlinul", "Kremlin"])
    #expect(try m.matches(in: "pe Telegramul").map(\.source) == ["Telegr"])
    #expect(try m.matches(in: "Kremlinul").first?.source == "Kremlin")
  }

  @Test func untypedNamesInLowerCaseKeepTheirDiacritics() throws {
    let g = try Glossary.parse("source\ttarget\nPutin\tPutin\nGuvernul\tGovernment\n", format: .tsv, name: "t.tsv")
    let m = GlossaryMatcher(g)
    #expect(try m.matches(in: "Mai puțin de jumătate.").isEmpty)
    #expect(try m.matches(in: "Declarația lui Putin, decizia guvernului și guvernul.").map(\.matched) == ["Putin", "guvernului", "guvernul"])
  }

  /// Terms are cut without ICU when they are plain words; the cut must be ICU's.
  @Test(arguments: ["Kremlin", "Caraș-Severin", "Bistrița-Năsăud", "YouTube", "SpaceX", "Bucures\u{0326}ti", "ȘTIU", "Ångström", "Ελλάδα", "Drobeta-Turnu"])
  func plainTermsAreCutAsICUCutsThem(_ term: String) throws {
    let units = Array(term.utf16)
    let simple = try #require(PatternCompiler.simpleTokens(units))
    let icu = try TextTokens(units)
    #expect(simple.map(\.text) == icu.texts(0..<icu.count))
    #expect(simple.map(\.isWord) == icu.isWord)
  }

  /// Sources of plain words are split without substrings; the words must be those of the
  /// general path (split on white space, then cut as ICU cuts), and anything else must be left
  /// to it.
  @Test(arguments: [
    "Uniunea Europeană", "Casa Albă", "Ministerul Afacerilor Externe", "Bucures\u{0326}ti", "  Marea  Neagră ",
    "ȘTIU", "Ελλάδα", "Caraș-Severin", "Kremlin|ul", "S.U.A.", "Ziua Națională 1", "Marea\u{00A0}Neagră", "YouTube",
  ])
  func plainSourcesAreSplitAsTheGeneralPathSplitsThem(_ source: String) {
    var pieces: [(text: String, isWord: Bool, stem: [UInt16]?)] = []
    var glue: [(at: Int, dot: Bool)] = []
    let plain = PatternCompiler.appendPlainWords(of: source, to: &pieces, gluePoints: &glue)
    var general: [String] = []
    for chunk in PatternCompiler.spaceSeparatedChunks(source) {
      guard let tokens = PatternCompiler.simpleTokens(Array(chunk.utf16), String(chunk)), tokens.count == 1 else {
        general = []
        break
      }
      general.append(tokens[0].text)
    }
    let onlyLettersAndSpaces = source.unicodeScalars.allSatisfy { $0 == " " || $0.properties.isAlphabetic }
    #expect(plain == (onlyLettersAndSpaces && !general.isEmpty), "\(source)")
    if plain {
      #expect(pieces.map(\.text) == general)
      #expect(pieces.allSatisfy { $0.isWord && $0.stem == nil })
    } else {
      #expect(pieces.isEmpty)
    }
  }

  @Test func termsWithOtherCharactersGoToICU() {
    for term in ["S.U.A.", "G7", "O'Neill", "-ul", "a--b", "Ziua 1"] {
      #expect(PatternCompiler.simpleTokens(Array(term.utf16)) == nil, "\(term)")
    }
  }

  /// In a large glossary, where thousands of entries share keys, entries keep their own patterns.
  @Test func largeGlossaryKeepsEntriesApart() throws {
    var entries: [GlossaryEntry] = (0..<6_000).map { i in
      GlossaryEntry(id: "n\(i)", source: "Nume\(i) Prenume", targets: [GlossaryTarget(term: "Name \(i)")], type: .person)
    }
    entries += Self.glossary.entries
    let matcher = GlossaryMatcher(Glossary(entries: entries))
    let found = try matcher.matches(in: "Purtătorul Kremlinului, Nume5999 Prenume și Nume17 Prenume.")
    #expect(found.map(\.entryID) == ["kremlin", "n5999", "n17"])
    #expect(found.map(\.targets.first?.term) == ["the Kremlin", "Name 5999", "Name 17"])
  }

  @Test func emptyTextAndEmptyGlossary() throws {
    #expect(try Self.matcher.matches(in: "").isEmpty)
    #expect(try GlossaryMatcher(Glossary(entries: [])).matches(in: "România").isEmpty)
  }

  @Test func seedArticleNamesAreFound() throws {
    let matches = try Self.matcher.matches(in: try seedArticle())
    let sources = Set(matches.map(\.source))
    for name in ["Kremlin", "Putin", "SpaceX", "Ucraina", "Kiev", "Moscova", "Volodimir Zelenski"] {
      #expect(sources.contains(name), "\(name) not found in the seed article")
    }
    let forms = Set(matches.map(\.matched))
    for form in ["Kremlinului", "Ucrainei", "Kievului"] {
      #expect(forms.contains(form), "\(form) not found in the seed article")
    }
  }
}
