import Testing
@testable import Tradu

/// Glossary sources mined from running text come inflected; their dictionary forms are found.
@Suite struct DictionaryFormTests {
  @Test(arguments: [
    ("Coreei", "Coreea"), ("Moscovei", "Moscova"), ("Phenianului", "Phenian"),
    ("Phenianului", "Phenianul"), ("Ligii", "Liga"), ("Uniunii Europene", "Uniunea Europeană"),
    ("Casei Albe", "Casa Albă"), ("Statelor Unite", "Statele Unite"), ("Carpaților", "Carpații"),
    ("Parlamentului Țării Galilor", "Parlamentul Țării Galilor"), ("Mexicului", "Mexic"),
    ("Nevadei", "Nevada"), ("Londrei", "Londra"), ("Sibiului", "Sibiu"), ("Țării", "Țara"),
    ("lui Cromwell", "Cromwell"),
  ])
  func obliqueSourceHasItsDictionaryForm(source: String, expected: String) {
    let candidates = RomanianInflection.dictionaryFormCandidates(of: source)
    // Matching keys ignore diacritics, so "Țăra" serves as well as "Țara".
    #expect(candidates.map(TermKey.fold).contains(TermKey.fold(expected)), "\(source) → \(candidates)")
  }

  @Test(arguments: ["Kremlin", "Ucraina", "NATO", "Putin", "Uniunea Europeană", "Marea Neagră", "2022"])
  func dictionaryFormHasNoCandidates(source: String) {
    #expect(RomanianInflection.dictionaryFormCandidates(of: source).isEmpty)
  }

  @Test func minedGenitiveSourceMatchesTheNominativeInText() throws {
    let glossary = Glossary(entries: [
      GlossaryEntry(id: "1", source: "Coreei", targets: [GlossaryTarget(term: "Korea")]),
      GlossaryEntry(id: "2", source: "Uniunii Europene", targets: [GlossaryTarget(term: "European Union")]),
    ])
    let matcher = GlossaryMatcher(glossary)
    let text = "Coreea de Sud și Uniunea Europeană au semnat. Președintele Coreei a venit."
    let found = try matcher.matches(in: text).map { ($0.source, $0.matched) }
    #expect(found.map(\.1) == ["Coreea", "Uniunea Europeană", "Coreei"], "\(found)")
    #expect(found.map(\.0) == ["Coreei", "Uniunii Europene", "Coreei"])
  }

  @Test func typedEntriesAreTrustedAsDictionaryForms() throws {
    // A curated entry named "Casei" (say, a brand) is not taken for an inflected "Casa".
    let glossary = Glossary(entries: [
      GlossaryEntry(id: "1", source: "Casei", targets: [GlossaryTarget(term: "Casei")], type: .organization),
    ])
    #expect(try GlossaryMatcher(glossary).matches(in: "Casa de pe deal.").isEmpty)
  }
}
