import Testing
@testable import Tradu

@Suite struct NormalizerTests {
  /// Counts the scalars of `text` that are in `set`.
  func count(_ text: String, in set: Set<Unicode.Scalar>) -> Int {
    text.unicodeScalars.filter { set.contains($0) }.count
  }

  let cedillas: Set<Unicode.Scalar> = ["\u{15E}", "\u{15F}", "\u{162}", "\u{163}"]
  let commas: Set<Unicode.Scalar> = ["\u{218}", "\u{219}", "\u{21A}", "\u{21B}"]

  @Test func seedArticleGetsCommaBelowLettersOnly() throws {
    let seed = try seedArticle()
    let cedillasInSeed = count(seed, in: cedillas)
    let commasInSeed = count(seed, in: commas)
    #expect(cedillasInSeed == 38)  // as the issue counts them
    let result = try TextNormalizer().normalize(seed)
    #expect(count(result.text, in: cedillas) == 0)
    #expect(count(result.text, in: commas) == cedillasInSeed + commasInSeed)
    #expect(result.edits.count == 38)
    #expect(result.edits.allSatisfy { $0.rule == .cedilla && $0.range.count == 1 })
    #expect(count(result.text, in: ["\u{A0}"]) == 3)
    #expect(result.text.utf16.count == seed.utf16.count)
  }

  @Test func seedArtefactIsFlaggedNotChanged() throws {
    let result = try TextNormalizer().normalize(try seedArticle())
    let flags = result.flags.filter { $0.kind == .protectedEmail }
    #expect(flags.count == 1)
    let flag = try #require(flags.first)
    let units = Array(result.text.utf16)
    #expect(String(decoding: units[flag.range], as: UTF16.self) == "[email\u{A0}protected]")
    #expect(result.originalRange(of: flag.range) == flag.originalRange)
    #expect(flag.message.contains("cannot be recovered"))
  }

  @Test func seedBoilerplateParagraphsAreMarked() throws {
    let result = try TextNormalizer().normalize(try seedArticle())
    let segmented = try BoilerplateDetector().marking(try Segmenter().segment(result.text))
    let marked = segmented.paragraphs.filter { !$0.isTranslatable }
    let firstWords = marked.map { $0.segments[0].text.split(separator: " ").prefix(2).joined(separator: " ") }
    #expect(firstWords == ["Pentru cele", "Urmărește Mediafax", "Răspunde pe", "Conținutul website-ului"])
    // Everything before the trailing notices is article text.
    let firstMarked = try #require(marked.first).number
    #expect(segmented.paragraphs.prefix(firstMarked - 1).allSatisfy { $0.isTranslatable })
    #expect(firstMarked == segmented.paragraphs.count - 3)
  }

  @Test func boilerplatePatternsDoNotFireOnNews() throws {
    let text = """
      Președintele a declarat că interzicerea exporturilor nu este o soluție.

      Compania a anunțat pe Facebook că va concedia 300 de angajați.

      Ministrul a urmărit discuțiile de la Bruxelles și a cerut acordul partenerilor.
      """
    let segmented = try BoilerplateDetector().marking(try Segmenter().segment(text))
    #expect(segmented.paragraphs.allSatisfy { $0.isTranslatable })
  }

  @Test(arguments: [
    ("Dati like paginii noastre de Facebook pentru stiri!", "facebook-like"),
    ("Urmăriți-ne pe Google News", "follow-us"),
    ("© 2024 Ziarul Exemplu. Toate drepturile rezervate.", "copyright"),
    ("Reproducerea integrală a articolelor fără acordul redacției este interzisă.", "republication"),
  ])
  func boilerplateVariantsAreFound(text: String, pattern: String) throws {
    let matches = try BoilerplateDetector().matches(in: try Segmenter().segment("Știre reală.\n\n" + text))
    #expect(matches == [BoilerplateDetector.Match(paragraph: 2, pattern: pattern)])
  }

  @Test func customPatternExtendsTheList() throws {
    let mine = BoilerplateDetector.Pattern(name: "read-also", regex: #"^cite[sșş]te\W{1,3}[sșş]i\b"#)
    let detector = try BoilerplateDetector(patterns: BoilerplateDetector.romanianNews + [mine])
    let matches = try detector.matches(in: try Segmenter().segment("Text.\n\nCitește și: alt articol"))
    #expect(matches.map(\.pattern) == ["read-also"])
    #expect(throws: TraduError.self) { try BoilerplateDetector(patterns: [.init(name: "bad", regex: "(")]) }
  }

  @Test func defaultProfileRemovesInvisiblesAndKeepsTypography() throws {
    let original = "\u{FEFF}Ar\u{AD}ti\u{AD}col „citat” – text... cu  spații,\u{200B} NBSP\u{A0}și ZWJ 👩\u{200D}💻\u{2060}."
    let result = try TextNormalizer().normalize(original)
    #expect(result.text == "Articol „citat” – text... cu  spații, NBSP\u{A0}și ZWJ 👩\u{200D}💻.")
    #expect(result.editCounts == [.byteOrderMark: 1, .invisible: 4])
  }

  @Test func rulesAreNumberedAndOrderedAsListed() {
    let rules = NormalizationRule.allCases
    #expect(rules.map(\.number) == Array(rules.indices))
    #expect(rules.sorted() == rules)
    #expect(NormalizationRule.cedilla < .invisible && !(NormalizationRule.quotes < .nfc))
  }

  @Test func decomposedLettersAreComposedAndCedillaCombiningBecomesCommaBelow() throws {
    // a + breve, i + circumflex, s + combining cedilla, T + combining cedilla, s + comma below
    let original = "Ca\u{306}s\u{327}i i\u{302}n T\u{327}ara s\u{326}i"
    let result = try TextNormalizer().normalize(original)
    #expect(result.text == "Căși în Țara și")
    #expect(result.edits.map(\.rule) == [.nfc, .cedilla, .nfc, .cedilla, .nfc])
    #expect(result.edits[1].original == "s\u{327}" && result.edits[1].replacement == "ș")
  }

  @Test func exemptWordsKeepTheirCedillas() throws {
    let options = NormalizationOptions(cedillaExemptWords: ["Eskişehir"])
    let result = try TextNormalizer(options: options).normalize("Meciul de la ESKIŞEHIR şi Eskişehir, nu Eskişehirspor.")
    #expect(result.text == "Meciul de la ESKIŞEHIR și Eskişehir, nu Eskișehirspor.")
  }

  @Test func optInRulesChangeTypographyOnlyWhenAsked() throws {
    let original = "El a spus \"da\" - apoi  a tăcut... Ea: “nu”."
    #expect(try TextNormalizer().normalize(original).text == original)
    let options = try NormalizationOptions(adding: "quotes,dashes,spaces,ellipsis")
    let result = try TextNormalizer(options: options).normalize(original)
    #expect(result.text == "El a spus „da” – apoi a tăcut… Ea: „nu”.")
    #expect(Set(result.edits.map(\.rule)) == [.quotes, .dashes, .spaces, .ellipsis])
    #expect(throws: TraduError.self) { try NormalizationOptions(adding: "quotes,smart") }
  }

  @Test func mojibakeIsRepairedWhenTheTextShowsIt() throws {
    let original = "RomÃ¢nia ÅŸi È›ara: Äƒ, Ã®n, È™i â€žcitatâ€\u{9D}."
    let result = try TextNormalizer().normalize(original)
    #expect(result.text == "România și țara: ă, în, și „citat”.")
    #expect(result.edits.allSatisfy { $0.rule == .mojibake })
  }

  @Test func loneAmbiguousMojibakeIsFlaggedNotRepaired() throws {
    // "Äƒ" alone could be ă, but nothing else in the text is damaged: leave it, flag it.
    let original = "Text curat cu Äƒ o singură dată."
    let result = try TextNormalizer().normalize(original)
    #expect(result.text == original)
    #expect(result.flags.map(\.kind) == [.possibleMojibake])
    // Real Romanian never looks like mojibake.
    let clean = "Învățământul și științele în România: â, î, ă, ș, ț, Â, Î, Ă, Ș, Ț."
    let untouched = try TextNormalizer().normalize(clean)
    #expect(untouched.text == clean && untouched.edits.isEmpty && untouched.flags.isEmpty)
  }

  @Test func offsetMapPointsSegmentsBackIntoTheOriginal() throws {
    let original = "\u{FEFF}Preşe\u{AD}dintele a venit. Ţara aşteapta\u{306}. Gata."
    let result = try TextNormalizer().normalize(original)
    let segments = try Segmenter().segment(result.text).segments
    #expect(segments.map(\.text) == ["Președintele a venit.", "Țara așteaptă.", "Gata."])
    #expect(segments.map { result.originalText(of: $0.range) } == [
      "Preşe\u{AD}dintele a venit.", "Ţara aşteapta\u{306}.", "Gata.",
    ])
  }

  @Test func normalizingTwiceChangesNothing() throws {
    let once = try TextNormalizer().normalize(try seedArticle())
    let twice = try TextNormalizer().normalize(once.text)
    #expect(twice.text == once.text && twice.edits.isEmpty)
  }
}
