import Testing
@testable import Tradu

/// Each lint rule on a glossary that breaks it and on one that does not.
@Suite struct GlossaryLinterTests {
  func rules(_ body: String) throws -> [GlossaryLinter.Rule] {
    let g = try Glossary.parse("id\tsource\ttarget\ttype\tstatus\tnote\n" + body, format: .tsv, name: "lint.tsv")
    return GlossaryLinter.lint(g).map(\.rule)
  }

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
    let findings = GlossaryLinter.lint(g)
    #expect(findings.count == 1)
    #expect(findings.first?.line == 3)
    #expect(findings.first?.description == "duplicate: \"BERLIN\" repeats the source of entry Berlin (line 2); merge them as alternative targets")
  }

  @Test func shippedGlossaryIsClean() throws {
    let g = try Glossary.read(path: repositoryFile(EmbeddedGlossarySource.glossaryPath).path)
    #expect(GlossaryLinter.lint(g).map(\.description) == [])
  }
}
