import Testing
@testable import Tradu

/// A small glossary in the shape of the shipped one, with forbidden, admitted and
/// do-not-translate entries.
let checkEntries: [GlossaryEntry] = [
  GlossaryEntry(id: "kremlin", source: "Kremlin", targets: [GlossaryTarget(term: "the Kremlin")], type: .organization),
  GlossaryEntry(id: "kiev", source: "Kiev", targets: [GlossaryTarget(term: "Kyiv"), GlossaryTarget(term: "Kiev", status: .forbidden)],
                type: .geopolitical),
  GlossaryEntry(id: "ucraina", source: "Ucraina",
                targets: [GlossaryTarget(term: "Ukraine"), GlossaryTarget(term: "the Ukraine", status: .forbidden)],
                type: .geopolitical),
  GlossaryEntry(id: "ue", source: "Uniunea Europeană",
                targets: [GlossaryTarget(term: "European Union"), GlossaryTarget(term: "EU", status: .admitted)],
                type: .organization),
  GlossaryEntry(id: "zelenski", source: "Volodimir Zelenski",
                targets: [GlossaryTarget(term: "Volodymyr Zelensky"), GlossaryTarget(term: "Volodymyr Zelenskyy", status: .admitted)],
                type: .person),
  GlossaryEntry(id: "musk", source: "Musk", targets: [GlossaryTarget(term: "Musk")], type: .person, doNotTranslate: true),
  GlossaryEntry(id: "putin", source: "Putin", targets: [GlossaryTarget(term: "Putin")], type: .person),
  GlossaryEntry(id: "phenian", source: "Phenian", targets: [GlossaryTarget(term: "Pyongyang")], type: .geopolitical),
]

func makeTestChecker(_ entries: [GlossaryEntry] = checkEntries, skip: Set<CheckRule> = []) -> ConsistencyChecker {
  let matcher = GlossaryMatcher(Glossary(entries: entries))
  return ConsistencyChecker(entries: entries, skip: skip) { text throws(TraduError) in try matcher.matches(in: text) }
}

func findings(_ source: String, _ target: String?, entries: [GlossaryEntry] = checkEntries, skip: Set<CheckRule> = [],
              language: String = "en") throws -> [Finding] {
  try makeTestChecker(entries, skip: skip).analyze(BilingualSegment(id: "p1.s1", source: source, target: target),
                                                   targetLanguage: language).findings
}

@Suite struct CheckRulesTests {
  // MARK: missing-term

  @Test(arguments: [
    ("Purtătorul de cuvânt al Kremlinului a negat.", "The Kremlin's spokesman denied it."),
    ("Purtătorul de cuvânt al Kremlinului a negat.", "A Kremlin spokesman denied it."),
    ("Liderul de la Phenian a răspuns.", "Pyongyang's leader answered."),
    ("Bugetul Uniunii Europene crește.", "The European Union's budget grows."),
    ("Bugetul Uniunii Europene crește.", "The EU budget grows."),
    ("Ajutorul pentru Ucraina continuă.", "Aid to Ukraine continues."),
  ])
  func inflectedSourcesRenderedWithEnglishFormsPass(source: String, target: String) throws {
    #expect(try findings(source, target).isEmpty)
  }

  @Test func anInflectedNameWithoutItsRenderingIsMissing() throws {
    let found = try findings("Purtătorul de cuvânt al Kremlinului a negat.", "Moscow's spokesman denied it.")
    let f = try #require(found.first)
    #expect(found.count == 1)
    #expect(f.rule == .missingTerm && f.severity == .major)
    #expect(f.entry == "Kremlin" && f.sourceForm == "Kremlinului" && f.expected == ["the Kremlin"])
    #expect(f.segmentID == "p1.s1")
  }

  @Test func aStrayDoubleSpaceIsNotAMissingName() throws {
    // The defect of the gap rule: a double space in a correct target raised a major missing-term.
    #expect(try findings("Putin a vorbit cu Musk, iar Putin a zâmbit.", "Putin spoke to Musk, and the  president smiled.").isEmpty)
    #expect(try findings("Putin a vorbit cu Musk, iar Putin a zâmbit.", "Putin spoke to Musk, and he smiled.").isEmpty)
  }

  @Test func aRepeatedNameSwappedOnceForAnotherGlossaryNameIsMissing() throws {
    // The second "Kievului" came out as "Pyongyang", a name the source never mentions.
    let source = "Primarul Kievului a spus că apărarea Kievului rezistă."
    let found = try findings(source, "The mayor of Kyiv said that Pyongyang's defence holds.")
    #expect(found.map(\.rule) == [.missingTerm])
    #expect(found.first?.found == "Pyongyang")
    // Both mentions rendered: nothing to report.
    #expect(try findings(source, "The mayor of Kyiv said that Kyiv's defence holds.").isEmpty)
    // A pronoun for the second mention, and a name the source does name: not an error.
    #expect(try findings("Primarul Kievului a vorbit cu Phenianul, iar Kievul a tăcut.",
                     "The mayor of Kyiv spoke to Pyongyang, and it fell silent.").isEmpty)
    // A name the source writes as it is (quoted) is not an intruder.
    #expect(try findings("Kievul, Kievul și „Pyongyang”.", "Kyiv and “Pyongyang”.").isEmpty)
  }

  @Test func aCommonWordThatFoldsToANameIsNotTheName() throws {
    // "puțin" (a little) folds to "Putin"; the translation rightly has no Putin.
    #expect(try findings("Este puțin probabil să vină.", "He is unlikely to come.").isEmpty)
    #expect(try findings("Putin a spus puțin.", "Vladimir said little.").map(\.rule) == [.missingTerm])
  }

  @Test func anExtraFormLongerThanItsSourceIsFoundWithoutACrash() throws {
    // The shipped glossary lists "Ministerul Finanțelor Publice" as a form of "Ministerul Finanțelor".
    let entries = [GlossaryEntry(id: "joko", source: "Joko", targets: [GlossaryTarget(term: "Joko")], forms: ["lui Joko"])]
    let unit = BilingualSegment(id: "1", source: "Dar lipsa de fonduri a afectat administrația lui Joko.",
                             target: "But funding shortfalls have plagued the administration.")
    #expect(try makeTestChecker(entries).analyze(unit).findings.map(\.entry) == ["Joko"])
    let matcher = GlossaryMatcher(Glossary.default)
    #expect(try matcher.matches(in: "A vorbit cu Ministerul Finanțelor Publice ieri.").map(\.matched)
              == ["Ministerul Finanțelor Publice"])
  }

  // MARK: misspelt-term

  @Test func aNearMissOfTheTargetIsMisspelt() throws {
    let found = try findings("Bugetul Uniunii Europene crește.", "The Europaen Union's budget grows.")
    let f = try #require(found.first)
    #expect(found.count == 1)
    #expect(f.rule == .misspeltTerm && f.found == "Europaen Union" && f.expected == ["European Union"])
  }

  @Test func aMinedSourceWithTheGenitiveArticleIsFoundAsTheName() throws {
    let glossary = Glossary(entries: [GlossaryEntry(id: "c", source: "lui Cromwell", targets: [GlossaryTarget(term: "Cromwell")])])
    let checker = ConsistencyChecker(glossary: glossary)
    let unit = BilingualSegment(id: "1", source: "Iconoclasmul nu a fost ordonat de Cromwell.",
                             target: "The iconoclasm was not ordered by .")
    let f = try #require(try checker.analyze(unit).findings.first)
    #expect(f.rule == .missingTerm && f.entry == "lui Cromwell" && f.sourceForm == "Cromwell")
    let good = BilingualSegment(id: "2", source: "Iconoclasmul nu a fost ordonat de Cromwell.",
                             target: "The iconoclasm was not ordered by Cromwell.")
    #expect(try checker.analyze(good).findings.isEmpty)
  }

  @Test func anotherKnownNameIsNotAMisspelling() throws {
    let entries = [
      GlossaryEntry(id: "iran", source: "Iran", targets: [GlossaryTarget(term: "Iran")]),
      GlossaryEntry(id: "irak", source: "Irak", targets: [GlossaryTarget(term: "Iraq")]),
    ]
    let unit = BilingualSegment(id: "1", source: "Iranul a vorbit cu Irakul.", target: "Iran spoke to Iraq.")
    #expect(try makeTestChecker(entries).analyze(unit).findings.isEmpty)
    let typo = BilingualSegment(id: "2", source: "Iranul a vorbit.", target: "Irna spoke.")
    #expect(try makeTestChecker(entries).analyze(typo).findings.map(\.rule) == [.misspeltTerm])
  }

  @Test func aDemonymIsNotAMisspelling() throws {
    #expect(try findings("Forțele Ucrainei au avansat.", "Ukrainian forces advanced.").isEmpty)
  }

  // MARK: forbidden-term

  @Test func aForbiddenFormIsCritical() throws {
    let found = try findings("Musk a restricționat accesul forțelor Kievului.", "Musk restricted access for Kiev's forces.")
    let f = try #require(found.first)
    #expect(found.count == 1)
    #expect(f.rule == .forbiddenTerm && f.severity == .critical)
    #expect(f.entry == "Kiev" && f.sourceForm == "Kievului" && f.found == "Kiev" && f.expected == ["Kyiv"])
  }

  @Test func theApprovedFormPasses() throws {
    #expect(try findings("Musk a restricționat accesul forțelor Kievului.", "Musk restricted access for Kyiv's forces.").isEmpty)
  }

  @Test func aForbiddenArticleIsFound() throws {
    #expect(try findings("Ajutorul pentru Ucraina continuă.", "Aid to the Ukraine continues.").map(\.rule) == [.forbiddenTerm])
  }

  // MARK: dnt-changed

  @Test(arguments: [("Mask", "Mask wrote on X."), ("MUSK", "MUSK wrote on X.")])
  func aChangedDoNotTranslateNameIsCritical(found: String, target: String) throws {
    let list = try findings("Musk a scris pe X.", target)
    let f = try #require(list.first)
    #expect(list.count == 1)
    #expect(f.rule == .dntChanged && f.severity == .critical && f.found == found && f.expected == ["Musk"])
  }

  /// The analysis finds a do-not-translate entry's exact places once for dnt-changed and the
  /// report's terms: both must be what each finds alone.
  @Test(arguments: [
    ("Musk a scris pe X, iar Bulgaria a tăcut.", "Musk wrote on X, and Bulgaria kept silent."),
    ("Musk a scris pe X, iar Bulgaria a tăcut.", "Mask wrote on X, and Bulgerian farmers kept silent."),
    ("Compania lui Musk a crescut în Bulgaria.", "Musk's company grew in Bulgaria; Musks everywhere."),
    ("Fermierii din Bulgaria au protestat, spune Musk.", "Bulgarian farmers protested, says MUSK."),
    ("Fermierii din Bulgaria au protestat.", "Farmers protested."),
  ])
  func doNotTranslatePlacesFoundOnceAreThoseFoundAlone(source: String, target: String) throws {
    let entries = checkEntries + [
      GlossaryEntry(id: "bulgaria", source: "Bulgaria", targets: [GlossaryTarget(term: "Bulgaria")], type: .geopolitical,
                    doNotTranslate: true),
    ]
    let checker = makeTestChecker(entries)
    let unit = BilingualSegment(id: "p1.s1", source: source, target: target)
    let analysis = try checker.analyze(unit)
    let alone = try Rules.dntChanged(unit, checker.glossary)
    #expect(analysis.findings.filter { $0.rule == .dntChanged } == alone)
    #expect(analysis.targetTerms == (try checker.targetTerms(of: unit)))
    let found = try checker.glossary.entriesInUnit(unit)
    #expect(found.contains { $0.entry.doNotTranslate })
    #expect(found.allSatisfy { $0.exactDNT == nil })
  }

  @Test func aDoNotTranslateNameWithAPossessivePasses() throws {
    #expect(try findings("Compania lui Musk a crescut.", "Musk's company grew.").isEmpty)
  }

  @Test func aPlaceKeptAsWrittenMayGiveItsEnglishAdjective() throws {
    let places = [
      GlossaryEntry(id: "bulgaria", source: "Bulgaria", targets: [GlossaryTarget(term: "Bulgaria")], type: .geopolitical,
                    doNotTranslate: true),
      GlossaryEntry(id: "china", source: "China", targets: [GlossaryTarget(term: "China")], type: .geopolitical,
                    doNotTranslate: true),
      GlossaryEntry(id: "meta", source: "Meta", targets: [GlossaryTarget(term: "Meta")], type: .organization,
                    doNotTranslate: true),
    ]
    #expect(try findings("Fermierii din Bulgaria au protestat.", "Bulgarian farmers protested.", entries: places).isEmpty)
    #expect(try findings("Președintele Chinei nu a comentat.", "The Chinese president did not comment.", entries: places).isEmpty)
    #expect(try findings("Fermierii din Bulgaria au protestat.", "Bulgerian farmers protested.", entries: places).map(\.rule) == [.dntChanged])
    #expect(try findings("Fermierii din Bulgaria au protestat.", "bulgarian farmers protested.", entries: places).map(\.rule) == [.dntChanged])
    // An organization kept as written has no adjective: "Metan" is a changed name.
    #expect(try findings("Acțiunile Meta au crescut.", "Metan shares rose.", entries: places).map(\.rule) == [.dntChanged])
  }

  @Test func aPersonKeptAsWrittenMayBeNamedByTheLastName() throws {
    let people = [
      GlossaryEntry(id: "trump", source: "Donald Trump", targets: [GlossaryTarget(term: "Donald Trump")], type: .person,
                    doNotTranslate: true),
    ]
    #expect(try findings("Președintele Donald Trump a anunțat tarife.", "President Trump announced tariffs.", entries: people).isEmpty)
    #expect(try findings("Președintele Donald Trump a anunțat tarife.", "President Trump's team announced tariffs.", entries: people).isEmpty)
    #expect(try findings("Președintele Donald Trump a anunțat tarife.", "The president announced tariffs.", entries: people).map(\.rule) == [.dntChanged])
    #expect(try findings("Președintele Donald Trump a anunțat tarife.", "President Trumpf announced tariffs.", entries: people).map(\.rule) == [.dntChanged])
  }

  @Test func aDoNotTranslateNameWithAnEnglishPluralPasses() throws {
    let euro = [GlossaryEntry(id: "euro", source: "euro", targets: [GlossaryTarget(term: "euro")], type: .term,
                              doNotTranslate: true)]
    #expect(try findings("Biletul costă 40 de euro.", "The ticket costs 40 euros.", entries: euro).isEmpty)
    #expect(try findings("Biletul costă 40 de euro.", "The ticket costs 40 euro.", entries: euro).isEmpty)
    #expect(try findings("Biletul costă 40 de euro.", "The ticket costs 40 eurox.", entries: euro).map(\.rule) == [.dntChanged])
    #expect(try findings("Musk a scris pe X.", "Musks wrote on X.").isEmpty)
    #expect(try findings("Musk a scris pe X.", "Musky wrote on X.").map(\.rule) == [.dntChanged])
  }

  // MARK: inconsistent

  @Test func oneNameRenderedTwoWaysIsReportedOnceWithCounts() throws {
    let document = BilingualDocument(name: "d", segments: [
      BilingualSegment(id: "p1.s1", source: "Volodimir Zelenski a vorbit.", target: "Volodymyr Zelensky spoke."),
      BilingualSegment(id: "p2.s1", source: "Volodimir Zelenski a plecat.", target: "Volodymyr Zelenskyy left."),
      BilingualSegment(id: "p3.s1", source: "Lui Volodimir Zelenski i-a plăcut.", target: "Volodymyr Zelensky liked it."),
    ])
    let report = try makeTestChecker().check(document)
    #expect(report.units.allSatisfy { $0.findings.isEmpty })
    let f = try #require(report.documentFindings.first)
    #expect(report.documentFindings.count == 1)
    #expect(f.rule == .inconsistent && f.segmentID == nil && f.entry == "Volodimir Zelenski")
    #expect(f.message.contains("“Volodymyr Zelensky” 2× (p1.s1, p3.s1)"))
    #expect(f.message.contains("“Volodymyr Zelenskyy” 1× (p2.s1)"))
  }

  @Test func oneRenderingThroughoutIsConsistent() throws {
    let document = BilingualDocument(name: "d", segments: [
      BilingualSegment(id: "1", source: "Volodimir Zelenski a vorbit.", target: "Volodymyr Zelensky spoke."),
      BilingualSegment(id: "2", source: "Volodimir Zelenski a plecat.", target: "Volodymyr Zelensky left."),
    ])
    #expect(try makeTestChecker().check(document).findings.isEmpty)
  }

  @Test func twoEntriesWithOneRenderingAreInconsistent() throws {
    let entries = [
      GlossaryEntry(id: "a", source: "Casa Albă", targets: [GlossaryTarget(term: "the White House")]),
      GlossaryEntry(id: "b", source: "Palatul Cotroceni", targets: [GlossaryTarget(term: "the White House", status: .admitted),
                                                                    GlossaryTarget(term: "Cotroceni Palace")]),
    ]
    let document = BilingualDocument(name: "d", segments: [
      BilingualSegment(id: "1", source: "Casa Albă a răspuns.", target: "The White House answered."),
      BilingualSegment(id: "2", source: "Palatul Cotroceni a tăcut.", target: "The White House kept silent."),
    ])
    let found = try makeTestChecker(entries).check(document).documentFindings
    #expect(found.map(\.rule) == [.inconsistent])
    #expect(found.first?.message.contains("renders 2 different entries") == true)
  }

  // MARK: untranslated

  @Test func missingEmptyAndCopiedTargetsAreUntranslated() throws {
    #expect(try findings("Putin a vorbit cu presa.", nil).map(\.rule) == [.untranslated])
    #expect(try findings("Putin a vorbit cu presa.", "  ").map(\.rule) == [.untranslated])
    #expect(try findings("Putin a vorbit cu presa.", "Putin a vorbit cu presa.").map(\.rule) == [.untranslated])
  }

  @Test func aNameThatStaysTheSameIsTranslated() throws {
    #expect(try findings("Putin", "Putin").isEmpty)
  }

  // MARK: number-mismatch

  @Test func numbersAreCheckedThroughTheChecker() throws {
    #expect(try findings("Putin a invadat în februarie 2022.", "Putin invaded in February 2022.").isEmpty)
    #expect(try findings("Putin a invadat în februarie 2022.", "Putin invaded in February 2021.").map(\.rule) == [.numberMismatch])
  }

  // MARK: cedilla

  @Test func cedillasInARomanianTargetAreReported() throws {
    let found = try findings("Putin said so.", "Preşedintele Putin a spus-o şi a plecat.", language: "ro")
    let f = try #require(found.first { $0.rule == .cedilla })
    #expect(f.severity == .minor && f.found == "ş" && f.message.hasPrefix("2 cedilla letters"))
    #expect(try findings("Putin said so.", "Președintele Putin a spus-o și a plecat.", language: "ro").isEmpty)
    // An English target is not held to Romanian spelling.
    #expect(try findings("Putin a spus.", "Putin said: ş", language: "en").isEmpty)
  }

  // MARK: --skip

  @Test func skippedRulesDoNotRun() throws {
    let source = "Purtătorul de cuvânt al Kremlinului a negat în 2022."
    let target = "Moscow's spokesman denied it in 2021."
    #expect(Set(try findings(source, target).map(\.rule)) == [.missingTerm, .numberMismatch])
    #expect(try findings(source, target, skip: [.missingTerm]).map(\.rule) == [.numberMismatch])
    #expect(try findings(source, target, skip: [.missingTerm, .numberMismatch]).isEmpty)
  }
}
