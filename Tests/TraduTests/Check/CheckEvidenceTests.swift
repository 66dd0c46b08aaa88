import Testing
@testable import Tradu

/// The evidence a reviewer uses beyond the glossary matcher's matches: names the source writes
/// in English or as inflected adjectives, and the marks a dropped or replaced name leaves.
@Suite struct CheckEvidenceTests {
  func check(_ entries: [GlossaryEntry], _ source: String, _ target: String) -> [Finding] {
    makeTestChecker(entries).analyze(BilingualUnit(id: "1", source: source, target: target)).findings
  }

  // MARK: names the source writes in English

  let institute = [GlossaryEntry(id: "inst", source: "Institutul", targets: [GlossaryTarget(term: "Institute")])]

  @Test func anEnglishNameQuotedInTheSourceMustBeRendered() throws {
    let source = "Cercetătorii de la Massachusetts Institute of Technology au publicat studiul."
    let found = check(institute, source, "Researchers at the Massachusetts Festival of Technology published the study.")
    let f = try #require(found.first)
    #expect(found.count == 1)
    #expect(f.rule == .missingTerm && f.entry == "Institutul" && f.sourceForm == "Institute")
    #expect(check(institute, source, "Researchers at the Massachusetts Institute of Technology published the study.").isEmpty)
  }

  // MARK: capitalized adjectives with a Romanian ending

  let central = [GlossaryEntry(id: "central", source: "Central", targets: [GlossaryTarget(term: "Central")])]

  @Test func aFeminineAdjectiveOfANameIsTheName() throws {
    let source = "Oficialii din America Centrală au amânat conferința."
    let found = check(central, source, "American officials postponed the conference.")
    let f = try #require(found.first)
    #expect(found.count == 1)
    #expect(f.rule == .missingTerm && f.entry == "Central" && f.sourceForm == "Centrală")
    #expect(check(central, source, "Central American officials postponed the conference.").isEmpty)
    let typo = check(central, source, "Centrel American officials postponed the conference.")
    #expect(typo.map(\.rule) == [.misspeltTerm])
  }

  @Test func aLowerCaseAdjectiveIsACommonWord() {
    #expect(check(central, "Piața centrală a fost închisă ieri.", "The main market was closed yesterday.").isEmpty)
  }

  // MARK: marks of a dropped name

  @Test func aColonBeforeACommaIsAGap() throws {
    let source = "Cartea se numește „Rusia: Putin, Kremlinul și războiul” și vorbește despre Putin."
    let found = findings(source, "The book is called \"Russia: , the Kremlin and the war\" and is about Putin.")
    #expect(found.map(\.rule) == [.missingTerm])
    #expect(found.first?.found == ": ,")
    #expect(findings(source, "The book is called \"Russia: Putin, the Kremlin and the war\" and is about Putin.").isEmpty)
  }

  // MARK: compounds the target keeps without the entry

  let tennessee = [GlossaryEntry(id: "tn", source: "Tennessee", targets: [GlossaryTarget(term: "Tennessee")])]

  @Test func aCompoundKeptWithoutTheEntryIsMissingIt() throws {
    let source = "Tennessee State a câștigat meciul, iar Tennessee sărbătorește."
    let found = check(tennessee, source, "State won the game, and Tennessee celebrates.")
    let f = try #require(found.first)
    #expect(found.count == 1)
    #expect(f.rule == .missingTerm && f.entry == "Tennessee" && f.found == "State")
    // The second mention as a pronoun: the compound is whole, nothing is missing.
    #expect(check(tennessee, source, "Tennessee State won the game, and the state celebrates.").isEmpty)
  }

  @Test func aCompoundNameWithAnotherLastWordIsMissingTheEntry() throws {
    let entries = [
      GlossaryEntry(id: "sp", source: "Sarah Palin", targets: [GlossaryTarget(term: "Sarah Palin")]),
      GlossaryEntry(id: "p", source: "Palin", targets: [GlossaryTarget(term: "Palin")]),
    ]
    let source = "Sarah Palin a vorbit despre fiul ei, Track Palin, la miting."
    let found = check(entries, source, "Sarah Morales spoke about her son, Track Palin, at the rally.")
    #expect(found.contains { $0.entry == "Palin" && $0.rule == .missingTerm && $0.found == "Sarah" })
    #expect(check(entries, source, "Sarah Palin spoke about her son, Track Palin, at the rally.").isEmpty)
  }

  @Test func aNumberBesideTheNameIsARemnantToo() {
    let ayr = [GlossaryEntry(id: "ayr", source: "Ayr", targets: [GlossaryTarget(term: "Ayr")])]
    let source = "Ayr 38 - 17 Melrose: echipa Ayr ajunge pe primul loc"
    #expect(check(ayr, source, "38 - 17 Melrose: unbeaten Ayr go top").map(\.found) == ["38"])
    #expect(check(ayr, source, "Ayr 38 - 17 Melrose: unbeaten Ayr go top").isEmpty)
    // One mention rendered as "the team": no remnant, "38" still follows "Ayr".
    #expect(check(ayr, source, "Ayr 38 - 17 Melrose: the unbeaten team goes top").isEmpty)
  }

  @Test func aNeighbourThatAlsoStandsAloneInTheSourceIsNoRemnant() {
    let york = [GlossaryEntry(id: "y", source: "York", targets: [GlossaryTarget(term: "York")])]
    // "New" stands without "York" in both texts ("New Jersey"); the second York became "it".
    let source = "Primarul din New York a vorbit cu New Jersey, iar York a tăcut."
    #expect(check(york, source, "The New York mayor spoke to New Jersey, and it kept silent.").isEmpty)
    #expect(check(york, source, "The New mayor spoke to New Jersey, and York kept silent.").map(\.found) == ["New"])
  }

  @Test func aPersonNamedAgainByTheLastNameKeepsIt() {
    let entries = [
      GlossaryEntry(id: "d", source: "Donald", targets: [GlossaryTarget(term: "Donald")]),
      GlossaryEntry(id: "t", source: "Trump", targets: [GlossaryTarget(term: "Trump")]),
    ]
    let source = "Donald Trump a vorbit, iar campania lui Donald Trump a răspuns."
    #expect(check(entries, source, "Donald Trump spoke, and Trump's campaign answered.").isEmpty)
    let found = check(entries, source, "Donald Trump spoke, and Donald's campaign answered.")
    #expect(found.map(\.entry) == ["Trump"] && found.first?.found == "Donald")
  }

  @Test func theLastNameAloneRendersASecondFullName() {
    let entries = checkEntries + [GlossaryEntry(id: "dt", source: "Donald Trump", targets: [GlossaryTarget(term: "Donald Trump")])]
    let source = "Donald Trump a vorbit, iar campania lui Donald Trump a răspuns în aceeași zi."
    // "Pyongyang", a glossary name the source never mentions, would otherwise mark the
    // second "Donald Trump" as replaced.
    #expect(makeTestChecker(entries).analyze(BilingualUnit(
      id: "1", source: source, target: "Donald Trump spoke, and Trump's campaign answered from Pyongyang the same day.")).findings.isEmpty)
    let found = makeTestChecker(entries).analyze(BilingualUnit(
      id: "1", source: source, target: "Donald Trump spoke, and the campaign answered from Pyongyang the same day.")).findings
    #expect(found.map(\.entry) == ["Donald Trump"] && found.first?.found == "Pyongyang")
  }

  // MARK: mentions inside longer names and words built on the stem

  @Test func aMentionInsideALongerNameCountsForAGap() throws {
    let entries = [
      GlossaryEntry(id: "f", source: "Ford", targets: [GlossaryTarget(term: "Ford")]),
      GlossaryEntry(id: "cbf", source: "Christine Blasey Ford", targets: [GlossaryTarget(term: "Christine Blasey Ford")]),
    ]
    let source = "„Dr. Ford, nu știu ce s-a întâmplat”, a spus senatorul despre Christine Blasey Ford."
    let found = check(entries, source, "\"Dr. , I don't know what happened,\" the senator said of Christine Blasey Ford.")
    #expect(found.map(\.entry) == ["Ford"] && found.first?.found == ". ,")
    #expect(check(entries, source, "\"Dr. Ford, I don't know what happened,\" the senator said of Christine Blasey Ford.").isEmpty)
  }

  @Test func aMentionInsideALongerNameCountsForAnotherName() {
    let entries = checkEntries + [GlossaryEntry(id: "vp", source: "Vladimir Putin", targets: [GlossaryTarget(term: "Vladimir Putin")])]
    let source = "Vladimir Putin a spus că Putin nu pleacă nicăieri."
    let found = makeTestChecker(entries).analyze(BilingualUnit(
      id: "1", source: source, target: "Vladimir Putin said that Pyongyang is not going anywhere.")).findings
    #expect(found.map(\.entry) == ["Putin"] && found.first?.found == "Pyongyang")
    for good in ["Vladimir Putin said that Putin is not going anywhere.", "Vladimir Putin said that he is not going anywhere."] {
      #expect(makeTestChecker(entries).analyze(BilingualUnit(id: "1", source: source, target: good)).findings.isEmpty)
    }
  }

  @Test func aDerivedWordTheSourceAlsoHasDoesNotRenderTheName() throws {
    let bolivia = [GlossaryEntry(id: "b", source: "Bolivia", targets: [GlossaryTarget(term: "Bolivia")])]
    let source = "„Bolivia are avântul necesar”, a declarat un diplomat bolivian."
    let found = check(bolivia, source, "\" has the momentum,\" said a Bolivian diplomat.")
    #expect(found.map(\.rule) == [.missingTerm] && found.first?.found == "\" h")
    #expect(check(bolivia, source, "\"Bolivia has the momentum,\" said a Bolivian diplomat.").isEmpty)
  }

  let korea = checkEntries + [GlossaryEntry(id: "k", source: "Coreea", targets: [GlossaryTarget(term: "Korea")])]

  @Test func derivedRenderingsGoFirstToTheSourcesDerivedWords() throws {
    let source = "Numărul fugarilor nord-coreeni în Coreea de Sud a scăzut."
    let checker = makeTestChecker(korea)
    let found = checker.analyze(BilingualUnit(id: "1", source: source,
                                              target: "The number of North Korean defectors to South Pyongyang has fallen.")).findings
    #expect(found.map(\.entry) == ["Coreea"] && found.first?.found == "Pyongyang")
    #expect(checker.analyze(BilingualUnit(id: "1", source: source,
                                          target: "The number of North Korean defectors to South Korea has fallen.")).findings.isEmpty)
  }

  @Test func theNameItselfStillRendersTheNameBesideADerivedWord() {
    // "nord-coreean" went into "North Korea's"; the target renders "Coreea de Nord" as "the North".
    let source = "Diplomatul nord-coreean a spus că Coreea de Nord așteaptă un răspuns."
    let unit = BilingualUnit(id: "1", source: source, target: "North Korea's diplomat said the North awaits Pyongyang's answer.")
    #expect(makeTestChecker(korea).analyze(unit).findings.isEmpty)
  }

  // MARK: a sentence that lost its first word

  @Test func aSentenceStartingInLowerCaseLostItsFirstWord() {
    let source = "Putin a vorbit, iar Putin a plecat."
    #expect(findings(source, "spoke, and Putin left.").map(\.found) == ["s"])
    #expect(findings(source, "Putin spoke, and he left.").isEmpty)
    // A brand name may start a sentence in lower case.
    #expect(findings(source, "iPhone in hand, Putin spoke, and he left.").isEmpty)
    // So may the particle of a name.
    #expect(findings(source, "de Blasio and Putin spoke, and he left.").isEmpty)
  }

  // MARK: English names the source writes as they are

  @Test func aQuotedEnglishNameIsNotRenderedByTheCommonWord() throws {
    let news = [GlossaryEntry(id: "n", source: "News", targets: [GlossaryTarget(term: "News")])]
    let source = "Postul Fox News este urmărit de milioane de persoane în serile cu știri importante."
    let found = check(news, source, "Fox Discs is watched by millions on major news nights.")
    #expect(found.map(\.rule) == [.missingTerm] && found.first?.found == "news")
    #expect(check(news, source, "Fox News is watched by millions on major news nights.").isEmpty)
    // The name with a slip of case after its capitalized first word is still the name.
    #expect(check(news, source, "Fox news is watched by millions on major news nights.").isEmpty)
  }

  @Test func aNameTheSourceWritesInLowerCaseIsACommonWord() {
    // "le-a" (them + has) is an inflected form of the mined entry "Le", but no name.
    let le = [GlossaryEntry(id: "le", source: "Le", targets: [GlossaryTarget(term: "Le")])]
    #expect(check(le, "Purtătorul de cuvânt le-a spus reporterilor că pleacă.", "The spokesman told reporters he was leaving.").isEmpty)
    #expect(check(le, "Purtătorul de cuvânt Le a spus reporterilor că pleacă.", "The spokesman told reporters he was leaving.")
      .map(\.entry) == ["Le"])
  }

  // MARK: one-letter targets

  let un = checkEntries + [GlossaryEntry(id: "onu", source: "ONU", targets: [GlossaryTarget(term: "N")])]

  @Test func aOneLetterTargetIsRenderedByTheUndottedAcronym() {
    let source = "Organismul ONU nu are această putere."
    let checker = makeTestChecker(un)
    for good in ["The UN body has no such power.", "The U.N. body has no such power."] {
      #expect(checker.analyze(BilingualUnit(id: "1", source: source, target: good)).findings.isEmpty)
    }
    #expect(checker.analyze(BilingualUnit(id: "1", source: source, target: "The EU body has no such power.")).findings
      .map(\.entry) == ["ONU"])
  }

  @Test func aOneLetterTargetIsNoIntruder() {
    let source = "Putin a vorbit, iar Putin a plecat."
    let checker = makeTestChecker(un)
    #expect(checker.analyze(BilingualUnit(id: "1", source: source, target: "Putin spoke at the U.N. and then left.")).findings.isEmpty)
    #expect(checker.analyze(BilingualUnit(id: "1", source: source, target: "Putin spoke at the U.N. and Pyongyang left.")).findings
      .map(\.found) == ["Pyongyang"])
  }

  // MARK: short names

  let ayr = [GlossaryEntry(id: "ayr", source: "Ayr", targets: [GlossaryTarget(term: "Ayr")]),
             GlossaryEntry(id: "ia", source: "IA", targets: [GlossaryTarget(term: "AI")])]

  @Test func aShortNameMisspeltInsideASentenceIsMisspelt() throws {
    let source = "Climo a adus un penalti pentru Ayr, iar scorul a fost 17-5 pentru Ayr la pauză."
    let found = check(ayr, source, "Climo stretched the Aar lead with a penalty to make it 17-5 to Ayr at the break.")
    let f = try #require(found.first)
    #expect(found.count == 1 && f.rule == .misspeltTerm && f.found == "Aar" && f.expected == ["Ayr"])
    #expect(check(ayr, source, "Climo stretched the Ayr lead with a penalty to make it 17-5 to Ayr at the break.").isEmpty)
    // Both mentions there: a capitalized short word is not a misspelling ("Air" the album).
    #expect(check(ayr, source, "Climo stretched the Ayr lead, playing Air, to make it 17-5 to Ayr at the break.").isEmpty)
  }

  @Test func aShortAcronymMisspeltInsideASentenceIsMisspelt() {
    let source = "Bugetul pentru cercetarea IA ar trebui dublat, iar IA va decide."
    #expect(check(ayr, source, "Double the Aa research budget, and AI will decide.").map(\.found) == ["Aa"])
    // At the start of a sentence, "As" is an English word.
    #expect(check(ayr, source, "As they said, double the budget, and AI will decide.").isEmpty)
  }

  // MARK: another name inside a compound

  @Test func anotherNameBesideTheRestOfTheCompoundTookTheEntrysPlace() throws {
    let entries = [
      GlossaryEntry(id: "coreea", source: "Coreea", targets: [GlossaryTarget(term: "Korea")]),
      GlossaryEntry(id: "sud", source: "Sud", targets: [GlossaryTarget(term: "South")]),
      GlossaryEntry(id: "curtea", source: "Curtea", targets: [GlossaryTarget(term: "Court")]),
    ]
    let source = "Numărul fugarilor în Coreea de Sud a scăzut, a spus un parlamentar sud-coreean."
    let found = check(entries, source, "The number of defectors to Court Korea has fallen, a South Korean lawmaker said.")
    #expect(found.map(\.entry) == ["Sud"] && found.first?.found == "Court")
    #expect(check(entries, source, "The number of defectors to South Korea has fallen, a South Korean lawmaker said.").isEmpty)
    // "Court" away from "Korea" is no evidence that "Sud" was replaced.
    #expect(check(entries, source, "The number of defectors to Korea has fallen, a South Korean lawmaker told the Court.").isEmpty)
  }

  @Test func anotherNameInsideALongerEntryTookTheEntrysPlace() throws {
    let entries = [
      GlossaryEntry(id: "cs", source: "Curtea Supremă", targets: [GlossaryTarget(term: "Supreme")]),
      GlossaryEntry(id: "curtea", source: "Curtea", targets: [GlossaryTarget(term: "Court")]),
      GlossaryEntry(id: "cupa", source: "Cupa", targets: [GlossaryTarget(term: "Cup")]),
    ]
    let source = "Nu este potrivit pentru Curtea Supremă, nici pentru curtea în care se află acum."
    let found = check(entries, source, "He is not fit for the Supreme Cup, nor for the court he is on now.")
    #expect(found.map(\.entry) == ["Curtea"] && found.first?.found == "Cup")
    #expect(check(entries, source, "He is not fit for the Supreme Court, nor for the court he is on now.").isEmpty)
  }

  // MARK: more marks of a dropped or misspelt name

  @Test func aFinalVowelReplacedByNIsAMisspellingNotADemonym() {
    let entries = [GlossaryEntry(id: "k", source: "Coreea", targets: [GlossaryTarget(term: "Korea")])]
    #expect(check(entries, "Ne descurcăm foarte bine cu Coreea de Nord.", "We're doing great with North Koren.")
      .map(\.rule) == [.misspeltTerm])
    #expect(check(entries, "Ne descurcăm foarte bine cu Coreea de Nord.", "We're doing great with North Korea.").isEmpty)
    let texas = [GlossaryEntry(id: "t", source: "Texas", targets: [GlossaryTarget(term: "Texas")])]
    // A consonant may give way to "n": "Texan" is no misspelling of "Texas".
    #expect(!check(texas, "Un fermier din Texas a spus asta.", "A Texan farmer said so.").contains { $0.rule == .misspeltTerm })
  }

  @Test func aFinalConsonantOtherThanSIsNotReplaced() {
    let entries = [GlossaryEntry(id: "s", source: "Sud", targets: [GlossaryTarget(term: "South")])]
    #expect(check(entries, "Fugarii au ajuns în Coreea de Sud.", "The defectors reached Soutn Korea.").map(\.rule) == [.misspeltTerm])
    #expect(check(entries, "Fugarii au ajuns în Coreea de Sud.", "The defectors reached South Korea.").isEmpty)
  }

  @Test func aQuoteOpeningOnASpaceIsAGap() {
    let source = "Cartea „Putin și lumea” a apărut, iar Putin a tăcut."
    #expect(findings(source, "The book \" and the world\" came out, and Putin kept silent.").map(\.found) == [" \" "])
    #expect(findings(source, "The book \"Putin and the world\" came out, and Putin kept silent.").isEmpty)
  }

  @Test func aStrayPluralPossessiveIsAGap() {
    let entries = [GlossaryEntry(id: "c", source: "Chambers", targets: [GlossaryTarget(term: "Chambers")])]
    let source = "După moartea lui Chambers, Tellis a șters mesajele lui Chambers."
    #expect(check(entries, source, "After ' death, Tellis deleted Chambers' texts.").map(\.found) == [" ' "])
    #expect(check(entries, source, "After Chambers' death, Tellis deleted Chambers' texts.").isEmpty)
  }

  @Test func aNameInsideACompoundIsJudgedWhereTheTargetHasAGap() {
    let entries = [
      GlossaryEntry(id: "dt", source: "Donald Trump", targets: [GlossaryTarget(term: "Donald Trump")]),
      GlossaryEntry(id: "t", source: "Trump", targets: [GlossaryTarget(term: "Trump")]),
    ]
    let source = "Criticul lui Donald Trump a condus campania din 2016 a lui Donald Trump."
    #expect(check(entries, source, "The critic of Donald Trump ran 's 2016 campaign.").map(\.entry) == ["Donald Trump", "Trump"])
    #expect(check(entries, source, "The critic of Donald Trump ran Trump's 2016 campaign.").isEmpty)
  }
}
