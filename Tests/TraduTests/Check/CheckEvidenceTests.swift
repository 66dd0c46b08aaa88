import Testing
@testable import Tradu

/// Each glossary rule on its own, with a unit and a glossary only: the evidence a reviewer reads
/// in the two texts, a passing and a failing translation each.
@Suite struct CheckEvidenceTests {
  static let entries: [GlossaryEntry] = [
    GlossaryEntry(id: "varsovia", source: "Varșovia", targets: [GlossaryTarget(term: "Warsaw")], type: .geopolitical),
    GlossaryEntry(id: "praga", source: "Praga", targets: [GlossaryTarget(term: "Prague")], type: .geopolitical),
    GlossaryEntry(id: "bolivia", source: "Bolivia", targets: [GlossaryTarget(term: "Bolivia")], type: .geopolitical),
    GlossaryEntry(id: "peru", source: "Peru", targets: [GlossaryTarget(term: "Peru")], type: .geopolitical),
    GlossaryEntry(id: "merkel", source: "Angela Merkel", targets: [GlossaryTarget(term: "Angela Merkel")], type: .person),
    GlossaryEntry(id: "merkel-only", source: "Merkel", targets: [GlossaryTarget(term: "Merkel")], type: .person),
    GlossaryEntry(id: "kennedy", source: "Kennedy", targets: [GlossaryTarget(term: "Kennedy")], type: .person),
    GlossaryEntry(id: "independent", source: "Independent", targets: [GlossaryTarget(term: "Independent")],
                  type: .organization),
    GlossaryEntry(id: "universitatea", source: "Universitatea", targets: [GlossaryTarget(term: "University")],
                  type: .organization),
    GlossaryEntry(id: "mondial", source: "Mondial", targets: [GlossaryTarget(term: "World")]),
    GlossaryEntry(id: "parlamentul", source: "Parlamentul European",
                  targets: [GlossaryTarget(term: "European Parliament")], type: .organization),
    GlossaryEntry(id: "putin", source: "Putin", targets: [GlossaryTarget(term: "Putin")], type: .person),
    GlossaryEntry(id: "musk", source: "Musk", targets: [GlossaryTarget(term: "Musk")], type: .person, doNotTranslate: true),
    GlossaryEntry(id: "kiev", source: "Kiev", targets: [GlossaryTarget(term: "Kyiv"), GlossaryTarget(term: "Kiev", status: .forbidden)]),
  ]
  static let glossary: CheckGlossary = {
    let matcher = GlossaryMatcher(Glossary(entries: entries))
    return CheckGlossary(entries: entries) { matcher.matches(in: $0) }
  }()

  func unit(_ source: String, _ target: String) -> BilingualUnit { BilingualUnit(id: "s1", source: source, target: target) }
  func missing(_ source: String, _ target: String) -> [String] {
    Rules.missingTerm(unit(source, target), Self.glossary).map { $0.entry ?? "" }
  }
  func misspelt(_ source: String, _ target: String) -> [String] {
    Rules.misspeltTerm(unit(source, target), Self.glossary).map { $0.found ?? "" }
  }

  // MARK: missing-term: renderings as English writes them

  @Test func aNameRenderedNowhereIsMissing() throws {
    let found = Rules.missingTerm(unit("Delegația a plecat spre Varșovia.", "The delegation left for the capital."), Self.glossary)
    let f = try #require(found.first)
    #expect(found.count == 1)
    #expect(f.rule == .missingTerm && f.entry == "Varșovia" && f.sourceForm == "Varșovia" && f.expected == ["Warsaw"])
    #expect(missing("Delegația a plecat spre Varșovia.", "The delegation left for Warsaw.").isEmpty)
  }

  @Test(arguments: [
    ("Primarul Varșoviei a inaugurat podul.", "Warsaw's mayor opened the bridge."),             // genitive → possessive
    ("Primarul Varșoviei a inaugurat podul.", "The Warsaw mayor opened the bridge."),           // genitive → noun adjunct
    ("Familia Kennedy a donat biblioteca.", "The Kennedys donated the library."),               // plural of a family
    ("Guvernul Boliviei a protestat.", "The Bolivian government protested."),                   // demonym
    ("Deputații Parlamentului European au votat.", "Members of the European Parliament voted."), // inflected compound
  ])
  func englishFormsOfANameRenderIt(source: String, target: String) {
    #expect(missing(source, target).isEmpty)
  }

  @Test func aDoubleSpaceInACorrectTranslationIsNoEvidence() {
    // A stray double space is typography, not a dropped name: the second "Putin" became "the
    // president", as a translator may write.
    #expect(missing("Putin a vorbit cu Musk, iar Putin a zâmbit.", "Putin spoke to Musk, and the  president smiled.").isEmpty)
    #expect(missing("Varșovia a răspuns.", "warsaw  answered .").isEmpty)
  }

  @Test func aPersonNamedAgainByTheSurnameAloneIsRendered() {
    let source = "Angela Merkel a vorbit la Varșovia, iar guvernul Angelei Merkel a aprobat."
    #expect(missing(source, "Angela Merkel spoke in Warsaw, and Merkel's government approved.").isEmpty)
  }

  // MARK: missing-term: counts of mentions and renderings

  @Test func aSecondMentionReplacedByAnotherGlossaryNameIsMissing() throws {
    let source = "Varșovia a trimis ajutoare, iar Varșovia le va trimite din nou."
    let found = Rules.missingTerm(unit(source, "Warsaw sent aid, and Prague will send it again."), Self.glossary)
    let f = try #require(found.first)
    #expect(found.count == 1 && f.entry == "Varșovia" && f.found == "Prague")
    #expect(missing(source, "Warsaw sent aid, and Warsaw will send it again.").isEmpty)
    // A pronoun for the second mention is how English avoids repeating a name.
    #expect(missing(source, "Warsaw sent aid, and it will send it again.").isEmpty)
    // A name the source names too is no stand-in.
    #expect(missing("Varșovia a trimis ajutoare la Praga, iar Varșovia le va trimite din nou.",
                    "Warsaw sent aid to Prague, and it will send it again.").isEmpty)
  }

  @Test func aDerivedRenderingMayRenderTheSourcesOwnDerivedWord() {
    // "Bolivian" renders "bolivieni", so it does not render the first "Bolivia" too.
    let source = "Bolivia și diplomații bolivieni au semnat acordul, iar Bolivia a sărbătorit."
    #expect(missing(source, "Peru and the Bolivian diplomats signed the deal, and Bolivia celebrated.") == ["Bolivia"])
    #expect(missing(source, "Bolivia and the Bolivian diplomats signed the deal, and Bolivia celebrated.").isEmpty)
  }

  @Test func aNameInsideALongerNameIsJudgedToo() {
    // "Merkel" is an entry of its own inside "Angela Merkel".
    #expect(Set(missing("Angela Merkel a sosit la Varșovia.", "Angela Schmidt arrived in Warsaw.")) == ["Angela Merkel", "Merkel"])
    #expect(missing("Angela Merkel a sosit la Varșovia.", "Angela Merkel arrived in Warsaw.").isEmpty)
  }

  @Test func anEnglishNameTheSourceQuotesMustBeRendered() {
    let source = "Cercetătorii de la Stanford University au publicat studiul."
    #expect(missing(source, "Researchers at Stanford College published the study.") == ["Universitatea"])
    #expect(missing(source, "Researchers at Stanford University published the study.").isEmpty)
  }

  @Test func anEnglishNameIsNotRenderedByTheCommonWord() throws {
    let source = "Potrivit The Independent, guvernul a cedat."
    let found = Rules.missingTerm(unit(source, "According to an independent report, the government gave in."), Self.glossary)
    #expect(found.map(\.found) == ["independent"])
    #expect(missing(source, "According to The Independent, the government gave in.").isEmpty)
  }

  @Test func aCapitalizedAdjectiveOfANameIsTheName() {
    let source = "Experții Băncii Mondiale au redus prognoza."
    #expect(missing(source, "Experts at the Global Bank cut the forecast.") == ["Mondial"])
    #expect(missing(source, "World Bank experts cut the forecast.").isEmpty)
    #expect(missing("Prețurile mondiale au scăzut.", "Global prices fell.").isEmpty)
  }

  @Test func aCommonWordThatFoldsToANameIsNoMention() {
    // "puțin" (a little) folds to "Putin".
    #expect(missing("Este puțin probabil să vină.", "He is unlikely to come.").isEmpty)
    #expect(missing("Putin a spus puțin.", "The president said little.") == ["Putin"])
  }

  // MARK: misspelt-term

  @Test func aWordOneEditFromTheRenderingIsMisspelt() throws {
    let found = Rules.misspeltTerm(unit("Delegația a plecat spre Varșovia.", "The delegation left for Warsow."), Self.glossary)
    let f = try #require(found.first)
    #expect(found.count == 1 && f.found == "Warsow" && f.expected == ["Warsaw"] && f.rule == .misspeltTerm)
    #expect(misspelt("Delegația a plecat spre Varșovia.", "The delegation left for Warsaw.").isEmpty)
    // The missing-term rule leaves a misspelt rendering to this rule.
    #expect(missing("Delegația a plecat spre Varșovia.", "The delegation left for Warsow.").isEmpty)
  }

  @Test func aLongNameMayBeTwoEditsAway() {
    #expect(misspelt("Parlamentul European a votat.", "The Europaen Parliment voted.") == ["Europaen Parliment"])
  }

  @Test func aDemonymOrAnotherGlossaryNameIsNoMisspelling() {
    #expect(misspelt("Guvernul Boliviei a protestat.", "The Bolivian government protested.").isEmpty)
    // "Bolivin" is no demonym: a final vowel replaced by a bare "n" is a slip.
    #expect(misspelt("Guvernul Boliviei a protestat.", "The Bolivin government protested.") == ["Bolivin"])
  }

  // MARK: forbidden-term and dnt-changed

  @Test func aForbiddenFormIsReportedWhereverItStands() {
    #expect(Rules.forbiddenTerm(unit("Ajutoarele au ajuns.", "The aid reached Kiev."), Self.glossary).map(\.found) == ["Kiev"])
    #expect(Rules.forbiddenTerm(unit("Ajutoarele au ajuns la Kiev.", "The aid reached Kyiv."), Self.glossary).isEmpty)
  }

  @Test func aDoNotTranslateNameMustStayAsWritten() {
    #expect(Rules.dntChanged(unit("Musk a scris.", "Mask wrote."), Self.glossary).map(\.found) == ["Mask"])
    #expect(Rules.dntChanged(unit("Musk a scris.", "Musk wrote."), Self.glossary).isEmpty)
  }

  // MARK: low-confidence entries

  @Test func aLowConfidenceEntryGivesMinorFindingsAtMost() throws {
    let entries = [GlossaryEntry(id: "nord", source: "Nord", targets: [GlossaryTarget(term: "North")])]
    let matcher = GlossaryMatcher(Glossary(entries: entries))
    let checker = ConsistencyChecker(entries: entries, lowConfidence: ["nord"]) { matcher.matches(in: $0) }
    let f = try #require(checker.analyze(unit("Vântul bate dinspre Nord.", "The wind blows from the sea.")).findings.first)
    #expect(f.rule == .missingTerm && f.severity == .minor)
    let plain = ConsistencyChecker(entries: entries) { matcher.matches(in: $0) }
    #expect(plain.analyze(unit("Vântul bate dinspre Nord.", "The wind blows from the sea.")).findings.first?.severity == .major)
  }
}
