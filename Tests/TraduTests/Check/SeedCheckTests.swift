import Foundation
import Testing
@testable import Tradu

/// The seed article and its English translation (Samples/), with five planted mistakes:
/// "Kiev" (forbidden) in p7.s1 and "Kyiv" in p8.s1, "Zelenksy" in p8.s1, "October 2021" for
/// "octombrie 2022" in p8.s1, and "Peskow" (a do-not-translate name) in p10.s1.
@Suite struct SeedCheckTests {
  static func report() throws -> CheckReport {
    let source = SourceDocument(name: "Samples/mediafax-musk-putin.ro.txt", text: try seedArticle())
    let target = SourceDocument(name: "Samples/mediafax-musk-putin.en.txt", language: "en",
                                text: try repositoryText("Samples/mediafax-musk-putin.en.txt"))
    let document = try BilingualReader.pair(source: source, target: target)
    let matcher = GlossaryMatcher(Glossary.default)
    let checker = ConsistencyChecker(entries: Glossary.default.entries) { text throws(TraduError) in try matcher.matches(in: text) }
    return try checker.check(document)
  }

  @Test func findsThePlantedMistakesAndNothingElse() throws {
    let found = try Self.report().findings.map { f in
      "\(f.rule.rawValue) \(f.segmentID ?? "document") \(f.entry ?? "-") \(f.found ?? "-")"
    }
    #expect(found.sorted() == [
      "dnt-changed p10.s1 Peskov Peskow",
      "forbidden-term p7.s1 Kiev Kiev",
      "inconsistent document Kiev Kiev",
      "misspelt-term p8.s1 Volodimir Zelenski Volodymyr Zelenksy",
      // The surname has its own entry, and the same misspelling.
      "misspelt-term p8.s1 Zelenski Zelenksy",
      "number-mismatch p8.s1 - -",
    ])
  }

  @Test func theCorrectedTranslationIsClean() throws {
    let fixed = try repositoryText("Samples/mediafax-musk-putin.en.txt")
      .replacingOccurrences(of: "Kiev's", with: "Kyiv's")
      .replacingOccurrences(of: "Zelenksy", with: "Zelensky")
      .replacingOccurrences(of: "October 2021", with: "October 2022")
      .replacingOccurrences(of: "Peskow", with: "Peskov")
    let source = SourceDocument(name: "ro", text: try seedArticle())
    let target = SourceDocument(name: "en", language: "en", text: fixed)
    let matcher = GlossaryMatcher(Glossary.default)
    let checker = ConsistencyChecker(entries: Glossary.default.entries) { text throws(TraduError) in try matcher.matches(in: text) }
    let report = try checker.check(try BilingualReader.pair(source: source, target: target))
    #expect(report.findings.map(\.message) == [])
    // The glossary names were found on both sides, inflected Romanian included.
    let p7 = try #require(report.units.first { $0.unit.id == "p7.s1" })
    #expect(p7.sourceTerms.contains { $0.matched == "Kievului" })
    #expect(p7.targetTerms.contains { $0.surface == "Kyiv" && $0.status == .preferred })
  }

  @Test func textReportMatchesTheGoldenFile() throws {
    try assertGolden(TextReport.render(try Self.report()), at: "Samples/mediafax-musk-putin.check.txt")
  }

  @Test func jsonReportFollowsItsSchema() throws {
    let json = JSONReport.render(try Self.report())
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(root["schema"] as? String == "tradu-check/1")
    #expect(root["units"] as? Int == 19)
    let summary = try #require(root["summary"] as? [String: Int])
    #expect(summary == ["findings": 6, "critical": 2, "major": 3, "minor": 1, "info": 0])
    let findings = try #require(root["findings"] as? [[String: Any]])
    let kiev = try #require(findings.first { $0["rule"] as? String == "forbidden-term" })
    #expect(kiev["segment"] as? String == "p7.s1")
    #expect(kiev["sourceForm"] as? String == "Kievului")
    #expect(kiev["expected"] as? [String] == ["Kyiv"])
    // Ranges are code points of the unit's target.
    let range = try #require(kiev["targetRange"] as? [String: Int])
    let target = try #require(try Self.report().units.first { $0.unit.id == "p7.s1" }?.unit.target)
    let scalars = Array(target.unicodeScalars)
    #expect(String(String.UnicodeScalarView(scalars[range["start"]!..<range["end"]!])) == "Kiev")
    let inconsistent = try #require(findings.first { $0["rule"] as? String == "inconsistent" })
    #expect(inconsistent["segment"] is NSNull)
  }

  /// The (rule, segment) pairs each report lists, sorted: text, JSON and HTML must agree, and
  /// their summary counts with them.
  @Test func textJSONAndHTMLReportTheSameFindings() throws {
    let report = try Self.report()
    let expected = report.findings.map { "\($0.rule.rawValue) \($0.segmentID ?? "document")" }.sorted()
    #expect(expected.count == 6)

    var fromText: [String] = []
    var rule = ""
    for line in TextReport.render(report).split(separator: "\n", omittingEmptySubsequences: false) {
      if let r = line.firstMatch(of: #/^([a-z-]+) · [a-z]+ · \d+ findings? — /#) { rule = String(r.1); continue }
      if let f = line.firstMatch(of: #/^  (\S+)  /#) { fromText.append("\(rule) \(f.1)") }
    }
    #expect(fromText.sorted() == expected)
    #expect(TextReport.render(report).contains("\(expected.count) findings:"))

    let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(report).utf8)) as? [String: Any])
    let fromJSON = try #require(json["findings"] as? [[String: Any]]).map {
      "\($0["rule"] as? String ?? "?") \($0["segment"] as? String ?? "document")"
    }
    #expect(fromJSON.sorted() == expected)
    #expect((json["summary"] as? [String: Int])?["findings"] == expected.count)

    var fromHTML: [String] = []
    var segment = "document"
    let html = HTMLReport.render(report)
    for m in html.matches(of: #/data-segment="([^"]+)"|<li class="finding [^"]*" data-rule="([^"]+)"/#) {
      if let s = m.1 { segment = String(s) } else if let r = m.2 { fromHTML.append("\(r) \(segment)") }
    }
    #expect(fromHTML.sorted() == expected)
    #expect(html.contains("\(expected.count) findings:"))
  }
}
