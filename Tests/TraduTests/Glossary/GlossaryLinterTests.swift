import Testing
@testable import Tradu

/// Each lint rule on a glossary that breaks it and on one that does not.
@Suite struct GlossaryLinterTests {
  func rules(_ body: String) throws -> [GlossaryLinter.Rule] {
    let g = try Glossary.parse("id\tsource\ttarget\ttype\tstatus\tnote\n" + body, format: .tsv, name: "lint.tsv")
    return try GlossaryLinter.lint(g, dictionary: Self.dictionary).map(\.rule)
  }

  /// A few lines of a Hunspell dictionary: the word count, then words with affix flags.
  static let dictionary = RomanianDictionary(dicText: "4\nnord/Q\nmare/A\nputere\nBucureşti\n")

  struct Case: CustomTestStringConvertible, Sendable {
    var rule: GlossaryLinter.Rule
    var failing: String
    var passing: String
    var testDescription: String { rule.rawValue }
  }

  static let cases: [Case] = [
    Case(rule: .duplicate,
         failing: "a\tBerlin\tBerlin\tGPE\t\t\nb\tBerlin\tBerlin\tGPE\t\t\n",
         passing: "a\tBerlin\tBerlin\tGPE\t\t\nb\tBerna\tBern\tGPE\t\t\n"),
    Case(rule: .duplicate,
         failing: "a\tKiev\tKyiv\tGPE\t\t\na\tKiev\tKyiv\tGPE\t\t\n",
         passing: "a\tKiev\tKyiv\tGPE\t\t\na\tKiev\tKiev\tGPE\tforbidden\t\n"),
    Case(rule: .conflictingTargets,
         failing: "a\tMoldova\tMoldova\tGPE\tpreferred\t\na\tMoldova\tMoldavia\tGPE\tadmitted\t\n",
         passing: "a\tMoldova\tMoldova\tGPE\tpreferred\tthe region is Moldavia\na\tMoldova\tMoldavia\tGPE\tadmitted\tthe region is Moldavia\n"),
    Case(rule: .shadowed,
         failing: "a\tMoldova\tMoldova\tGPE\t\t\nb\tMoldova\tMoldavia\tLOC\t\t\n",
         passing: "a\tBucurești\tBucharest\tGPE\t\t\nb\tUniversitatea din București\tUniversity of Bucharest\tORG\t\t\n"),
    Case(rule: .caseOrSpacingVariants,
         failing: "a\tCasa Albă\tWhite House\tORG\tpreferred\tcapitals\na\tCasa Albă\twhite  house\tORG\tadmitted\tcapitals\n",
         passing: "a\tCasa Albă\tWhite House\tORG\tpreferred\t\n"),
    Case(rule: .forbiddenAndAllowed,
         failing: "a\tKiev\tKyiv\tGPE\tpreferred\t\na\tKiev\tKiev\tGPE\tforbidden\t\nb\tChiev\tKiev\tGPE\tpreferred\t\n",
         passing: "a\tKiev\tKyiv\tGPE\tpreferred\t\na\tKiev\tKiev\tGPE\tforbidden\t\nb\tMoscova\tMoscow\tGPE\tpreferred\t\n"),
    Case(rule: .forbiddenAndAllowed,
         failing: "a\tKiev\tKyiv\tGPE\tpreferred\tx\na\tKiev\tKyiv\tGPE\tforbidden\tx\n",
         passing: "a\tKiev\tKyiv\tGPE\tpreferred\t\n"),
    Case(rule: .neverMatches,
         failing: "a\t—\tdash\tTERM\t\t\n",
         passing: "a\tG7\tG7\tORG\t\t\n"),
    Case(rule: .noAllowedTarget,
         failing: "a\tKiev\tKiev\tGPE\tforbidden\t\n",
         passing: "a\tKiev\tKyiv\tGPE\t\t\n"),
    Case(rule: .oneLetter,
         failing: "a\tX\tX\tORG\t\t\n",
         passing: "a\tG7\tG7\tORG\t\t\n"),
    Case(rule: .stopWord,
         failing: "a\tDe\tDe\tPERSON\t\t\n",
         passing: "a\tDeva\tDeva\tGPE\t\t\n"),
    Case(rule: .commonWord,
         failing: "a\tNord\tNorth\tLOC\t\t\n",
         passing: "a\tNordvik\tNordvik\tGPE\t\t\n"),
    Case(rule: .targetIsSource,
         failing: "a\tStatele Unite\tAmerica\tGPE\t\t\nb\tAmerica\tthe Americas\tLOC\t\t\n",
         passing: "a\tStatele Unite\tAmerica\tGPE\t\t\nb\tAmerica\tAmerica\tLOC\t\t\n"),
  ]

  @Test(arguments: cases)
  func ruleFiresOnlyOnTheFailingGlossary(_ c: Case) throws {
    #expect(try rules(c.failing).contains(c.rule))
    #expect(try !rules(c.passing).contains(c.rule))
  }

  @Test func everyRuleIsTested() {
    #expect(Set(Self.cases.map(\.rule)) == Set(GlossaryLinter.Rule.allCases))
  }

  @Test func findingsNameTheLineAndTheEntries() throws {
    let g = try Glossary.parse("source\ttarget\ttype\nBerlin\tBerlin\tGPE\nBERLIN\tBerlin\tGPE\n", format: .tsv, name: "d.tsv")
    let findings = try GlossaryLinter.lint(g)
    #expect(findings.count == 1)
    #expect(findings.first?.line == 3)
    #expect(findings.first?.description == "duplicate: \"BERLIN\" repeats the source of entry Berlin (line 2); merge them as alternative targets")
  }

  @Test func shippedGlossaryIsCleanButForItsOneLetterName() throws {
    let g = try Glossary.read(path: repositoryFile(EmbeddedGlossarySource.glossaryPath).path)
    // "X" (the social network) is kept with match=exact and a note; a matcher still finds the
    // letter in "raze X", so lint names it.
    #expect(try GlossaryLinter.lint(g).map(\.description)
              == ["one-letter: \"X\" is one letter: a matcher finds it in initials and abbreviations; write the full name"])
  }

  @Test func theDictionaryKnowsCommonWordsNotNames() {
    let d = Self.dictionary
    #expect(d.isCommonWord("Nord") && d.isCommonWord("MARE") && d.isCommonWord("putere"))
    // Capitalized dictionary entries are names; the count line is no word.
    #expect(!d.isCommonWord("București") && !d.isCommonWord("4"))
    // Cedilla and comma-below letters are one letter.
    #expect(RomanianDictionary(dicText: "ţară/A\n").isCommonWord("Țară"))
  }

  @Test func unsafeEntriesAreTheOnesTheMatcherSafetyRulesFlag() throws {
    let g = try Glossary.parse("id\tsource\ttarget\nn\tNord\tNorth\nb\tBerlin\tBerlin\nl\tLa\tLa\n", format: .tsv, name: "u.tsv")
    #expect(GlossaryLinter.unsafeForMatching(g, dictionary: Self.dictionary) == ["n", "l"])
    #expect(GlossaryLinter.unsafeForMatching(g) == ["l"])
  }

  @Test(.enabled(if: RomanianDictionary.systemPath != nil, "needs Debian's hunspell-ro"))
  func theInstalledRomanianDictionaryTellsWordsFromNames() throws {
    let d = try RomanianDictionary(path: try #require(RomanianDictionary.systemPath))
    #expect(d.words.count > 100_000)
    #expect(d.isCommonWord("Nord") && d.isCommonWord("Mare") && d.isCommonWord("Al"))
    #expect(!d.isCommonWord("Putin") && !d.isCommonWord("Kremlin") && !d.isCommonWord("Varșovia"))
  }
}
