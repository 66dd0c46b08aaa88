import Foundation
import Testing
@testable import Tradu

/// `JSONReport.render` writes the findings in blocks on the machine's cores; the text must be
/// the one a single writer gives, whatever the block size.
@Suite struct JSONReportBlocksTests {
  /// The report written by one writer, finding after finding.
  static func oneWriter(_ report: CheckReport) -> String {
    let units = Dictionary(report.units.map { ($0.unit.findingID, $0.unit) }, uniquingKeysWith: { a, _ in a })
    var json = JSONWriter(style: .pretty)
    json.beginObject()
    json.field("document", report.document.name)
    json.key("findings")
    json.beginArray()
    for f in report.findings {
      let unit = f.segmentID.flatMap { units[$0] }
      JSONReport.write(f, source: unit?.source, target: unit?.target, into: &json)
    }
    json.endArray()
    json.field("offsetUnit", "codepoint")
    json.field("schema", JSONReport.schema)
    json.field("sourceLanguage", report.document.sourceLanguageCode)
    json.key("summary")
    json.beginObject()
    let counts = report.countsBySeverity
    json.field("critical", counts[.critical] ?? 0)
    json.field("findings", report.findings.count)
    json.field("info", counts[.info] ?? 0)
    json.field("major", counts[.major] ?? 0)
    json.field("minor", counts[.minor] ?? 0)
    json.endObject()
    json.field("targetLanguage", report.document.targetLanguageCode)
    json.field("units", report.units.count)
    json.endObject()
    return String(decoding: json.bytes, as: UTF8.self) + "\n"
  }

  /// The report as ``JSONReport/renderUTF8(_:blockSize:inBlocksTo:)`` hands it out, joined, and
  /// how many pieces it came in.
  static func streamed(_ report: CheckReport, blockSize: Int) -> (text: String, pieces: Int) {
    var bytes: [UInt8] = []
    var pieces = 0
    JSONReport.renderUTF8(report, blockSize: blockSize) { piece in
      #expect(!piece.isEmpty)
      bytes += piece
      pieces += 1
    }
    return (String(decoding: bytes, as: UTF8.self), pieces)
  }

  static func check(_ source: String, _ target: String) throws -> CheckReport {
    let document = try BilingualReader.pair(source: SourceDocument(name: "ro.txt", text: source),
                                            target: SourceDocument(name: "en.txt", language: "en", text: target))
    return try ConsistencyChecker(glossary: Glossary.default).check(document)
  }

  @Test func theSeedReportIsTheSameInBlocksOfAnySize() throws {
    let report = try SeedCheckTests.report()
    let whole = Self.oneWriter(report)
    #expect(report.findings.count == 6)
    #expect(JSONReport.render(report) == whole)
    for blockSize in [1, 2, 4, 5, 6, 7, 100] {
      #expect(JSONReport.render(report, blockSize: blockSize) == whole, "blocks of \(blockSize)")
      #expect(Self.streamed(report, blockSize: blockSize).text == whole, "streamed in blocks of \(blockSize)")
    }
    // Head, one piece a unit's findings, tail: the report is handed out in parts.
    #expect(Self.streamed(report, blockSize: 1).pieces >= 3)
    var streamed: [UInt8] = []
    JSONReport.renderUTF8(report) { streamed += $0 }
    #expect(String(decoding: streamed, as: UTF8.self) == whole)
  }

  /// Several findings per unit, units with and without targets, a document-wide finding, and
  /// letters outside the Basic Multilingual Plane before the ranges (code points differ from
  /// UTF-16 offsets).
  @Test func manyFindingsOfManyUnitsAreTheSameInBlocks() throws {
    let source = "Purtătorul de cuvânt al Kremlinului 🙂 a vorbit despre Kiev și Zelenski, la 12,5 milioane.\n\n"
      + "Kievul a răspuns Kremlinului în 2022.\n\nNATO și Uniunea Europeană au tăcut."
    let target = "The spokesman 🙂 of the Kremlin spoke about Kiev and Zelenksy, at 13 million.\n\n"
      + "Kyiv answered Moscow in 2021.\n\nNaTO and the EU kept silent."
    let report = try Self.check(source, target)
    #expect(report.findings.count >= 6)
    #expect(report.documentFindings.count >= 1)
    let whole = Self.oneWriter(report)
    for blockSize in [1, 2, 3, 5, 4096] {
      #expect(JSONReport.render(report, blockSize: blockSize) == whole, "blocks of \(blockSize)")
      #expect(Self.streamed(report, blockSize: blockSize).text == whole, "streamed in blocks of \(blockSize)")
    }
  }

  @Test func aReportWithoutFindingsIsTheSame() throws {
    let report = try Self.check("Kremlinul a negat.", "The Kremlin denied it.")
    #expect(report.findings.isEmpty)
    #expect(JSONReport.render(report) == Self.oneWriter(report))
    #expect(JSONReport.render(report, blockSize: 1) == Self.oneWriter(report))
    #expect(Self.streamed(report, blockSize: 1).text == Self.oneWriter(report))
  }

  /// A document-wide finding that names a unit (a report built by hand): its ranges count in
  /// that unit's texts, found by id, as one writer finds them.
  @Test func aDocumentFindingReadsTheTextsOfTheUnitItNames() throws {
    let checked = try Self.check("Kievul a tăcut 🙂 azi.\n\nZelenski 🙂🙂 a vorbit despre Kiev.",
                                 "Kiev kept 🙂 silent today.\n\nZelenksy 🙂🙂 spoke of Kiev.")
    #expect(checked.units.count == 2)
    let named = checked.units[1].unit
    let extra = Finding(rule: .inconsistent, segmentID: named.id, entry: "Kiev", entryID: "kiev", found: "Kiev",
                        message: "“Kiev” is rendered 2 ways", sourceRange: 0..<8, targetRange: 9..<13)
    var report = CheckReport(document: checked.document, units: checked.units,
                             documentFindings: checked.documentFindings + [extra])
    report.unitIDsAreUnique = checked.unitIDsAreUnique
    let whole = Self.oneWriter(report)
    // The target range counts the two emoji before its end as one code point each.
    #expect(whole.contains("\"end\" : 11"))
    for blockSize in [1, 2, 4096] {
      #expect(JSONReport.render(report, blockSize: blockSize) == whole, "blocks of \(blockSize)")
      #expect(Self.streamed(report, blockSize: blockSize).text == whole, "streamed in blocks of \(blockSize)")
    }
  }

  /// Units that share an id (a report built by hand, or files whose ids repeat): each finding
  /// reads the texts of the first unit of its id, in blocks as by one writer.
  @Test func unitsThatShareAnIdReadTheFirstOnesTexts() throws {
    let checked = try Self.check("Kievul a tăcut 🙂 azi.\n\nZelenski 🙂🙂 a vorbit despre Kiev.",
                                 "Kiev kept 🙂 silent today.\n\nZelenksy 🙂🙂 spoke of Kiev.")
    #expect(checked.units.count == 2)
    var units = checked.units
    units[1].unit.id = units[0].unit.id
    for k in units[1].findings.indices { units[1].findings[k].segmentID = units[0].unit.id }
    let report = CheckReport(document: checked.document, units: units, documentFindings: checked.documentFindings)
    #expect(report.units[1].findings.contains { $0.targetRange != nil })
    let whole = Self.oneWriter(report)
    for blockSize in [1, 2, 3, 4096] {
      #expect(JSONReport.render(report, blockSize: blockSize) == whole, "blocks of \(blockSize)")
      #expect(Self.streamed(report, blockSize: blockSize).text == whole, "streamed in blocks of \(blockSize)")
    }
  }
}
