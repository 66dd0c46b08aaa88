import Testing
@testable import Tradu

/// `ConsistencyChecker.analyze` finds a unit's glossary evidence once and hands it to every
/// rule (finding it once per rule made a 4 MB paragraph take 36 s): the findings are those of
/// each rule finding the evidence itself.
@Suite struct SharedEvidenceTests {
  static let units = [
    BilingualSegment(id: "p1.s1", source: "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a negat.", target: "Kremlin spokesman Dmitry Peskov denied it."),
    BilingualSegment(id: "p1.s2", source: "Președintele Vladimir Putin nu a vorbit cu Elon Musk.", target: "President Vladimir Putin did not talk to Elon Mask."),
    BilingualSegment(id: "p2.s1", source: "Ajutoarele au ajuns la Kiev, în Ucraina.", target: "The aid reached Kiev."),
    BilingualSegment(id: "p2.s2", source: "Washingtonul și Bruxelles-ul au reacționat.", target: "Washinton and Brussels reacted."),
    BilingualSegment(id: "p3.s1", source: " Guvernul de la Kiev a primit 1.250 de drone și trei tancuri.\n",
                  target: "\u{2028}Guvernul de la Kiev a primit 1.250 de drone și trei tancuri.\u{00A0}"),
    BilingualSegment(id: "p3.s2", source: "Pe 24.02.2022, 3 ministere au cerut 12,5 milioane de euro.",
                  target: "On 24 February 2022 three ministries asked for €12.6 million."),
  ]

  @Test(arguments: units)
  func sharedEvidenceGivesEachRulesOwnFindings(_ unit: BilingualSegment) throws {
    let checker = ConsistencyChecker(glossary: .default)
    let glossary = checker.glossary
    let alone = try Rules.untranslated(unit) + Rules.missingTerm(unit, glossary) + Rules.misspeltTerm(unit, glossary)
      + Rules.forbiddenTerm(unit, glossary) + Rules.dntChanged(unit, glossary) + Rules.numberMismatch(unit)
    let analysis = try checker.analyze(unit)
    #expect(analysis.findings.map(\.message) == checker.adjusted(alone).map(\.message))
    #expect(try analysis.targetTerms.map(\.range) == checker.targetTerms(of: unit).map(\.range))
  }
}
