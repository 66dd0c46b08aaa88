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
    return CheckGlossary(entries: entries) { text throws(TraduError) in try matcher.matches(in: text) }
  }()

  func unit(_ source: String, _ target: String) -> BilingualSegment { BilingualSegment(id: "s1", source: source, target: target) }
  func missing(_ source: String, _ target: String) throws -> [String] {
    try Rules.missingTerm(unit(source, target), Self.glossary).map { $0.entry ?? "" }
  }
  func misspelt(_ source: String, _ target: String) throws -> [String] {
    try Rules.misspeltTerm(unit(source, target), Self.glossary).map { $0.found ?? "" }
  }

  // MARK: missing-term: renderings as English writes them

  @Test func aNameRenderedNowhereIsMissing() throws {
    let found = try Rules.missingTerm(unit("Delegația a plecat spre Varșovia.", "The delegation left for the capital."), Self.glossary)
    let f = try #require(found.first)
    #expect(found.count == 1)
    #expect(f.rule == .missingTerm && f.entry == "Varșovia" && f.sourceForm == "Varșovia" && f.expected == ["Warsaw"])
    #expect(try missing("Delegația a plecat spre Varșovia.", "The delegation left for Warsaw.").isEmpty)
  }

  @Test(arguments: [
    ("Primarul Varșoviei a inaugurat podul.", "Warsaw's mayor opened the bridge."),             // genitive → possessive
    ("Primarul Varșoviei a inaugurat podul.", "The Warsaw mayor opened the bridge."),           // genitive → noun adjunct
    ("Familia Kennedy a donat biblioteca.", "The Kennedys donated the library."),               // plural of a family
    ("Guvernul Boliviei a protestat.", "The Bolivian government protested."),                   // demonym
    ("Deputații Parlamentului European au votat.", "Members of the European Parliament voted."), // inflected compound
  ])
  func englishFormsOfANameRenderIt(source: String, target: String) throws {
    #expect(try missing(source, target).isEmpty)
  }

  @Test func aDoubleSpaceInACorrectTranslationIsNoEvidence() throws {
    // A stray double space is typography, not a dropped name: the second "Putin" became "the
    // president", as a translator may write.
    #expect(try missing("Putin a vorbit cu Musk, iar Putin a zâmbit.", "Putin spoke to Musk, and the  president smiled.").isEmpty)
    #expect(try missing("Varșovia a răspuns.", "warsaw  answered .").isEmpty)
  }

  @Test func aPersonNamedAgainByTheSurnameAloneIsRendered() throws {
    let source = "Angela Merkel a vorbit la Varșovia, iar guvernul Angelei Merkel a aprobat."
    #expect(try missing(source, "Angela Merkel spoke in Warsaw, and Merkel's government approved.").isEmpty)
  }

  // MARK: missing-term: counts of mentions and renderings

  @Test func aSecondMentionReplacedByAnotherGlossaryNameIsMissing() throws {
    let source = "Varșovia a trimis ajutoare, iar Varșovia le va trimite din nou."
    let found = try Rules.missingTerm(unit(source, "Warsaw sent aid, and Prague will send it again."), Self.glossary)
    let f = try #require(found.first)
    #expect(found.count == 1 && f.entry == "Varșovia" && f.found == "Prague")
    #expect(try missing(source, "Warsaw sent aid, and Warsaw will send it again.").isEmpty)
    // A pronoun for the second mention is how English avoids repeating a name.
    #expect(try missing(source, "Warsaw sent aid, and it will send it again.").isEmpty)
    // A name the source names too is no stand-in.
    #expect(try missing("Varșovia a trimis ajutoare la Praga, iar Varșovia le va trimite din nou.",
                    "Warsaw sent aid to Prague, and it will send it again.").isEmpty)
  }

  @Test func aDerivedRenderingMayRenderTheSourcesOwnDerivedWord() throws {
    // "Bolivian" renders "bolivieni", so it does not render the first "Bolivia" too.
    let source = "Bolivia și diplomații bolivieni au semnat acordul, iar Bolivia a sărbătorit."
    #expect(try missing(source, "Peru and the Bolivian diplomats signed the deal, and Bolivia celebrated.") == ["Bolivia"])
    #expect(try missing(source, "Bolivia and the Bolivian diplomats signed the deal, and Bolivia celebrated.").isEmpty)
  }

  @Test func aNameInsideALongerNameIsJudgedToo() throws {
    // "Merkel" is an entry of its own inside "Angela Merkel".
    #expect(Set(try missing("Angela Merkel a sosit la Varșovia.", "Angela Schmidt arrived in Warsaw.")) == ["Angela Merkel", "Merkel"])
    #expect(try missing("Angela Merkel a sosit la Varșovia.", "Angela Merkel arrived in Warsaw.").isEmpty)
  }

  @Test func anEnglishNameTheSourceQuotesMustBeRendered() throws {
    let source = "Cercetătorii de la Stanford University au publicat studiul."
    #expect(try missing(source, "Researchers at Stanford College published the study.") == ["Universitatea"])
    #expect(try missing(source, "Researchers at Stanford University published the study.").isEmpty)
  }

  @Test func anEnglishNameIsNotRenderedByTheCommonWord() throws {
    let source = "Potrivit The Independent, guvernul a cedat."
    let found = try Rules.missingTerm(unit(source, "According to an independent report, the government gave in."), Self.glossary)
    #expect(found.map(\.found) == ["independent"])
    #expect(try missing(source, "According to The Independent, the government gave in.").isEmpty)
  }

  @Test func aCapitalizedAdjectiveOfANameIsTheName() throws {
    let source = "Experții Băncii Mondiale au redus prognoza."
    #expect(try missing(source, "Experts at the Global Bank cut the forecast.") == ["Mondial"])
    #expect(try missing(source, "World Bank experts cut the forecast.").isEmpty)
    #expect(try missing("Prețurile mondiale au scăzut.", "Global prices fell.").isEmpty)
  }

  @Test func aCommonWordThatFoldsToANameIsNoMention() throws {
    // "puțin" (a little) folds to "Putin".
    #expect(try missing("Este puțin probabil să vină.", "He is unlikely to come.").isEmpty)
    #expect(try missing("Putin a spus puțin.", "The president said little.") == ["Putin"])
  }

  // MARK: misspelt-term

  @Test func aWordOneEditFromTheRenderingIsMisspelt() throws {
    let found = try Rules.misspeltTerm(unit("Delegația a plecat spre Varșovia.", "The delegation left for Warsow."), Self.glossary)
    let f = try #require(found.first)
    #expect(found.count == 1 && f.found == "Warsow" && f.expected == ["Warsaw"] && f.rule == .misspeltTerm)
    #expect(try misspelt("Delegația a plecat spre Varșovia.", "The delegation left for Warsaw.").isEmpty)
    // The missing-term rule leaves a misspelt rendering to this rule.
    #expect(try missing("Delegația a plecat spre Varșovia.", "The delegation left for Warsow.").isEmpty)
  }

  @Test func aLongNameMayBeTwoEditsAway() throws {
    #expect(try misspelt("Parlamentul European a votat.", "The Europaen Parliment voted.") == ["Europaen Parliment"])
  }

  @Test func aDemonymOrAnotherGlossaryNameIsNoMisspelling() throws {
    #expect(try misspelt("Guvernul Boliviei a protestat.", "The Bolivian government protested.").isEmpty)
    // "Bolivin" is no demonym: a final vowel replaced by a bare "n" is a slip.
    #expect(try misspelt("Guvernul Boliviei a protestat.", "The Bolivin government protested.") == ["Bolivin"])
  }

  // MARK: forbidden-term and dnt-changed

  @Test func aForbiddenFormIsReportedWhereverItStands() throws {
    #expect(try Rules.forbiddenTerm(unit("Ajutoarele au ajuns.", "The aid reached Kiev."), Self.glossary).map(\.found) == ["Kiev"])
    #expect(try Rules.forbiddenTerm(unit("Ajutoarele au ajuns la Kiev.", "The aid reached Kyiv."), Self.glossary).isEmpty)
  }

  @Test func aDoNotTranslateNameMustStayAsWritten() throws {
    #expect(try Rules.dntChanged(unit("Musk a scris.", "Mask wrote."), Self.glossary).map(\.found) == ["Mask"])
    #expect(try Rules.dntChanged(unit("Musk a scris.", "Musk wrote."), Self.glossary).isEmpty)
  }

  // MARK: low-confidence entries

  @Test func aLowConfidenceEntryGivesMinorFindingsAtMost() throws {
    let entries = [GlossaryEntry(id: "nord", source: "Nord", targets: [GlossaryTarget(term: "North")])]
    let matcher = GlossaryMatcher(Glossary(entries: entries))
    let checker = ConsistencyChecker(entries: entries, lowConfidence: ["nord"]) { text throws(TraduError) in try matcher.matches(in: text) }
    let f = try #require(try checker.analyze(unit("Vântul bate dinspre Nord.", "The wind blows from the sea.")).findings.first)
    #expect(f.rule == .missingTerm && f.severity == .minor)
    let plain = ConsistencyChecker(entries: entries) { text throws(TraduError) in try matcher.matches(in: text) }
    #expect(try plain.analyze(unit("Vântul bate dinspre Nord.", "The wind blows from the sea.")).findings.first?.severity == .major)
  }
}
