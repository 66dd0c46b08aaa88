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
}
