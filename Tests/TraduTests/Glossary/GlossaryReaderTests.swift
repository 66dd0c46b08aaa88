import Foundation
import Testing
@testable import Tradu

/// Reading glossaries: TSV, CSV, TBX v3 and v2, and the errors bad files get.
@Suite struct GlossaryReaderTests {
  let header = "id\tsource\ttarget\ttype\tstatus\tdnt\tmatch\tforms\tnote\n"

  func tsv(_ body: String, lenient: Bool = false) throws(TraduError) -> Glossary {
    try Glossary.parse(header + body, format: .tsv, name: "test.tsv", lenient: lenient)
  }

  /// The error `body` raises, as the one line a user would see.
  func errorLine(_ text: String, format: Glossary.Format, name: String = "test.tsv") -> String? {
    do {
      _ = try Glossary.parse(text, format: format, name: name)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func alternativeTargetsShareOneEntry() throws {
    let g = try tsv("""
      kiev\tKiev\tKyiv\tGPE\tpreferred\t\t\t\t
      kiev\tKiev\tKiev\tGPE\tforbidden\t\t\t\tRussian-based spelling
      nato\tNATO\tNATO\tORG\t\tyes\texact\tN.A.T.O.|Alianța Nord-Atlantică\t

      """)
    #expect(g.entries.count == 2)
    let kiev = try #require(g.entries.first)
    #expect(kiev.targets == [GlossaryTarget(term: "Kyiv", status: .preferred), GlossaryTarget(term: "Kiev", status: .forbidden)])
    #expect(kiev.type == .geopolitical)
    #expect(kiev.note == "Russian-based spelling")
    #expect(g.lines == [2, 4])
    let nato = g.entries[1]
    #expect(nato.doNotTranslate && nato.matchMode == .exact)
    #expect(nato.forms == ["N.A.T.O.", "Alianța Nord-Atlantică"])
  }

  @Test func columnsInAnyOrderAndOnlyTheRequiredOnes() throws {
    let g = try Glossary.parse("target\tsource\nUkraine\tUcraina\n", format: .tsv, name: "t.tsv")
    #expect(g.entries.map(\.source) == ["Ucraina"])
    #expect(g.entries[0].id == "Ucraina")
    #expect(g.entries[0].matchMode == .inflect)
    // Without ids, rows with the same source are one entry.
    let h = try Glossary.parse("Source\tTarget\nKiev\tKyiv\nKiev\tKiev\n", format: .tsv, name: "t.tsv")
    #expect(h.entries.count == 1 && h.entries[0].targets.count == 2)
  }

  @Test func emptyTargetIsTheSourceOnlyForDoNotTranslate() throws {
    let g = try tsv("spx\tSpaceX\t\tORG\t\tyes\t\t\t\n")
    #expect(g.entries[0].targets == [GlossaryTarget(term: "SpaceX")])
    #expect(errorLine(header + "spx\tSpaceX\t\tORG\t\t\t\t\t\n", format: .tsv) == "test.tsv:2: empty target for \"SpaceX\" (give one, or set dnt to yes)")
  }

  @Test func crlfBOMCommentsAndBlankLines() throws {
    let text = "\u{FEFF}source\ttarget\r\n# a comment\r\n\r\nBerlin\tBerlin\r\n"
    let g = try Glossary.parse(text, format: .tsv, name: "t.tsv")
    #expect(g.entries.map(\.targets) == [[GlossaryTarget(term: "Berlin")]])
    #expect(g.lines == [4])
  }

  @Test(arguments: [
    ("id\tsource\ttarget\tcolour\n", "test.tsv:1: unknown column \"colour\"; known columns: id, source, target, type, status, dnt, match, forms, note"),
    ("id\tsource\n", "test.tsv:1: the header has no \"target\" column"),
    ("source\ttarget\tsource\n", "test.tsv:1: column \"source\" appears twice"),
    ("source\ttarget\n\tKyiv\n", "test.tsv:2: empty source term"),
    ("source\ttarget\nKiev\tKyiv\textra\n", "test.tsv:2: 3 fields, but the header names 2 columns"),
    ("source\ttarget\tstatus\nKiev\tKyiv\tobsolete\n", "test.tsv:2: unknown status \"obsolete\"; use preferred, admitted or forbidden"),
    ("source\ttarget\ttype\nKiev\tKyiv\tCITY\n", "test.tsv:2: unknown type \"CITY\"; use PERSON, ORG, GPE, LOC, PRODUCT, EVENT or TERM"),
    ("source\ttarget\tmatch\nKiev\tKyiv\tfuzzy\n", "test.tsv:2: unknown match mode \"fuzzy\"; use exact, inflect or prefix"),
    ("source\ttarget\tdnt\nKiev\tKyiv\tmaybe\n", "test.tsv:2: dnt is \"maybe\"; use yes or leave it empty"),
    ("id\tsource\ttarget\nk\tKiev\tKyiv\nk\tKremlin\tthe Kremlin\n", "test.tsv:3: duplicate id \"k\": line 2 gives it to \"Kiev\", this row to \"Kremlin\""),
    ("", "test.tsv: empty glossary: expected a header row naming the columns (source, target, …)"),
  ])
  func badTSVNamesFileLineAndProblem(text: String, message: String) {
    #expect(errorLine(text, format: .tsv) == message)
  }

  @Test func lenientSkipsBadRowsWithWarnings() throws {
    let text = "id\tsource\ttarget\tstatus\nk\tKiev\tKyiv\t\nx\t\tnothing\t\nm\tMoscova\tMoscow\tmaybe\nk\tKremlin\tthe Kremlin\t\n"
    let g = try Glossary.parse(text, format: .tsv, name: "g.tsv", lenient: true)
    #expect(g.entries.map(\.source) == ["Kiev"])
    #expect(g.warnings == [
      "g.tsv:3: empty source term (row skipped)",
      "g.tsv:4: unknown status \"maybe\"; use preferred, admitted or forbidden (row skipped)",
      "g.tsv:5: duplicate id \"k\": line 2 gives it to \"Kiev\", this row to \"Kremlin\" (row skipped)",
    ])
  }

  @Test func csvWithQuotedCommasQuotesAndLineBreaks() throws {
    let text = """
      source,target,note
      "Washington, D.C.",Washington, D.C.,
      Casa Albă,the White House,"the ""White House"" building,
      in Washington"

      """
    #expect(errorLine(text, format: .csv, name: "g.csv") == "g.csv:2: 4 fields, but the header names 3 columns")
    let fixed = text.replacingOccurrences(of: ",Washington, D.C.,", with: ",\"Washington, D.C.\",")
    let g = try Glossary.parse(fixed, format: .csv, name: "g.csv")
    #expect(g.entries.map(\.source) == ["Washington, D.C.", "Casa Albă"])
    #expect(g.entries[1].note == "the \"White House\" building,\nin Washington")
    #expect(errorLine("source,target\n\"Kiev,Kyiv\n", format: .csv, name: "g.csv") == "g.csv:2: a quoted field is never closed")
    #expect(errorLine("source,target\nKi\"ev,Kyiv\n", format: .csv, name: "g.csv")?.hasPrefix("g.csv:2: a quote inside an unquoted field") == true)
  }

  @Test func formatFromExtensionOrContent() {
    #expect(Glossary.Format(fileExtension: "TSV") == .tsv)
    #expect(Glossary.Format(fileExtension: "csv") == .csv)
    #expect(Glossary.Format(fileExtension: "tbx") == .tbx)
    #expect(Glossary.Format(fileExtension: "json") == nil)
    #expect(Glossary.Format(sniffing: "  <?xml version=\"1.0\"?><tbx/>") == .tbx)
    #expect(Glossary.Format(sniffing: "source\ttarget\nA,B\tC") == .tsv)
    #expect(Glossary.Format(sniffing: "source,target\n") == .csv)
  }

  static let tbx3 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
      <text>
        <body>
          <conceptEntry id="c-kremlin">
            <descrip type="subjectField">Politics</descrip>
            <langSec xml:lang="ro">
              <termSec>
                <term>Kremlin</term>
                <termNote type="termType">fullForm</termNote>
                <note>Inflects: Kremlinul, Kremlinului.</note>
              </termSec>
            </langSec>
            <langSec xml:lang="en">
              <termSec>
                <term>the Kremlin</term>
                <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
              </termSec>
              <termSec>
                <term>Kremlinul</term>
                <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
              </termSec>
            </langSec>
          </conceptEntry>
          <conceptEntry id="c-nato">
            <note>type: ORG</note>
            <note>do-not-translate</note>
            <langSec xml:lang="ro-RO">
              <termSec><term>NATO</term><note>match: exact</note><note>form: N.A.T.O.</note></termSec>
              <termSec><term>Alianța Nord-Atlantică</term><termNote type="termType">variant</termNote></termSec>
            </langSec>
          </conceptEntry>
        </body>
      </text>
    </tbx>
    """

  @Test func readsTBX3() throws {
    let g = try Glossary.parse(Self.tbx3, format: .tbx, name: "g.tbx")
    #expect(g.entries.count == 2)
    let kremlin = g.entries[0]
    #expect(kremlin.id == "c-kremlin" && kremlin.source == "Kremlin")
    #expect(kremlin.targets == [GlossaryTarget(term: "the Kremlin", status: .preferred), GlossaryTarget(term: "Kremlinul", status: .forbidden)])
    #expect(kremlin.note == "Inflects: Kremlinul, Kremlinului.")
    let nato = g.entries[1]
    #expect(nato.type == .organization && nato.doNotTranslate)
    #expect(nato.targets == [GlossaryTarget(term: "NATO")])
    #expect(nato.forms == ["N.A.T.O.", "Alianța Nord-Atlantică"])
    #expect(nato.matchMode == .exact)
    #expect(g.lines == [6, 26])
  }

  @Test func readsTBX2Martif() throws {
    let text = """
      <?xml version="1.0"?>
      <martif type="TBX" xml:lang="en">
        <martifHeader><fileDesc><sourceDesc><p>v2</p></sourceDesc></fileDesc></martifHeader>
        <text><body>
          <termEntry id="t1">
            <langSet xml:lang="ro"><tig><term>Ucraina</term></tig></langSet>
            <langSet xml:lang="en">
              <tig><term>Ukraine</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
              <ntig><termGrp><term>the Ukraine</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
            </langSet>
          </termEntry>
        </body></text>
      </martif>
      """
    let g = try Glossary.parse(text, format: .tbx, name: "old.tbx")
    #expect(g.entries.map(\.source) == ["Ucraina"])
    #expect(g.entries[0].targets == [GlossaryTarget(term: "Ukraine", status: .preferred), GlossaryTarget(term: "the Ukraine", status: .forbidden)])
  }

  @Test func badTBXNamesFileAndLine() {
    let unclosed = "<tbx>\n<text><body>\n<conceptEntry id=\"a\">\n<langSec xml:lang=\"ro\"><termSec><term>Kiev</term></termSec>\n</body></text></tbx>\n"
    let message = errorLine(unclosed, format: .tbx, name: "bad.tbx")
    #expect(message?.hasPrefix("bad.tbx:") == true && message?.contains("not well-formed XML: </body> closes <langSec>") == true, "\(message ?? "")")
    #expect(errorLine("<html><body/></html>", format: .tbx, name: "x.tbx") == "x.tbx:1: not a TBX file: the root element is <html>, expected <tbx> (v3) or <martif> (v2)")
    let noRomanian = "<tbx><text><body>\n<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>Kyiv</term></termSec></langSec></conceptEntry>\n</body></text></tbx>"
    #expect(errorLine(noRomanian, format: .tbx, name: "x.tbx") == "x.tbx:2: entry has no Romanian (xml:lang=\"ro\") term")
    let duplicate = "<tbx><text><body>\n<conceptEntry id=\"a\"><langSec xml:lang=\"ro\"><termSec><term>Kiev</term></termSec></langSec><langSec xml:lang=\"en\"><termSec><term>Kyiv</term></termSec></langSec></conceptEntry>\n<conceptEntry id=\"a\"><langSec xml:lang=\"ro\"><termSec><term>Kremlin</term></termSec></langSec><langSec xml:lang=\"en\"><termSec><term>Kremlin</term></termSec></langSec></conceptEntry>\n</body></text></tbx>"
    #expect(errorLine(duplicate, format: .tbx, name: "x.tbx") == "x.tbx:3: duplicate entry id \"a\" (first at line 2)")
    let lenient = try? Glossary.parse(duplicate, format: .tbx, name: "x.tbx", lenient: true)
    #expect(lenient?.entries.map(\.source) == ["Kiev"])
    #expect(lenient?.warnings.count == 1)
  }

  @Test func tbxRoundTripKeepsEverything() throws {
    let g = try tsv("""
      kiev\tKiev\tKyiv\tGPE\tpreferred\t\t\t\t
      kiev\tKiev\tKiev\tGPE\tforbidden\t\t\t\tsee <Kyiv> & co
      nato\tNATO\tNATO\tORG\tadmitted\tyes\texact\tN.A.T.O.\t
      1x\tKremlin|ul\tthe Kremlin\t\t\t\tprefix\t\t

      """)
    let written = TBXWriter.document(g)
    let back = try Glossary.parse(written, format: .tbx, name: "round.tbx")
    #expect(back.entries.count == g.entries.count)
    for (a, b) in zip(g.entries, back.entries) {
      #expect(a.source == b.source && a.targets == b.targets && a.type == b.type)
      #expect(a.doNotTranslate == b.doNotTranslate && a.matchMode == b.matchMode && a.forms == b.forms && a.note == b.note)
    }
    #expect(back.entries.count == 3 && back.entries[2].id == "_1x")  // an XML ID cannot start with a digit
    // And back to TSV, which reads as the same glossary.
    let again = try Glossary.parse(GlossaryTSVWriter.document(back), format: .tsv, name: "again.tsv")
    #expect(again.entries.map(\.targets) == g.entries.map(\.targets))
  }

  @Test func readsFilesAndReportsMissingOnes() throws {
    let g = try Glossary.read(path: repositoryFile("Tests/TraduTests/Fixtures/glossary/news-small.tsv").path)
    #expect(g.entries.count > 20)
    #expect(throws: TraduError.self) { try Glossary.read(path: "/nonexistent/glossary.tsv") }
  }
}
