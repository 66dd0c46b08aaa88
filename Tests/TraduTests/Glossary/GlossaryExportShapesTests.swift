import Foundation
import Testing
@testable import Tradu

/// The glossary shapes CAT tools read: TBX v2 (`<martif>`), a TSV with source and target
/// first, OmegaT's tab glossary.
struct GlossaryExportShapesTests {
  let glossary = Glossary(entries: [
    GlossaryEntry(id: "gpe-kiev", source: "Kiev", targets: [GlossaryTarget(term: "Kyiv"), GlossaryTarget(term: "Kiev", status: .forbidden)],
                  type: .geopolitical, forms: ["Kievului"], note: "capital of Ukraine"),
    GlossaryEntry(id: "org-nato", source: "NATO", targets: [GlossaryTarget(term: "NATO")], type: .organization, doNotTranslate: true, matchMode: .exact),
    GlossaryEntry(id: "x-guvern", source: "Guvernul României", targets: [GlossaryTarget(term: "the Romanian Government"),
                  GlossaryTarget(term: "Romania's government", status: .admitted)]),
  ])

  @Test func tbx2IsMartifAndReadsBackAsTheSameGlossary() throws {
    let v2 = TBXWriter.document(glossary, version: .v2)
    #expect(v2.contains("<martif type=\"TBX-Basic\" xml:lang=\"en\">"))
    #expect(v2.contains("<termEntry id=\"gpe-kiev\">") && v2.contains("<langSet xml:lang=\"ro\">") && v2.contains("<tig>"))
    #expect(!v2.contains("conceptEntry") && !v2.contains("langSec") && !v2.contains("termSec"))
    let read = try Glossary.parse(v2, format: .tbx, name: "g.tbx")
    #expect(read.entries == glossary.entries)
    #expect(try Glossary.parse(TBXWriter.document(glossary, version: .v3), format: .tbx, name: "g3.tbx").entries == glossary.entries)
  }

  @Test func tsvStartsWithSourceAndTarget() throws {
    let tsv = GlossaryTSVWriter.document(glossary)
    let rows = tsv.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    #expect(rows[0].prefix(2) == ["source", "target"])
    #expect(rows[1].prefix(3) == ["Kiev", "Kyiv", "gpe-kiev"])
    #expect(try Glossary.parse(tsv, format: .tsv, name: "g.tsv").entries == glossary.entries)
  }

  @Test func fieldsLoseTabsAndLineBreaksAndKeepEverythingElse() {
    #expect(GlossaryTSVWriter.clean("Guvernul\tRomâniei\r\nși „Casa Albă” – SUA\u{2028}la\u{85}Kiev\nazi")
      == "Guvernul României și „Casa Albă” – SUA la Kiev azi")
    #expect(GlossaryTSVWriter.clean("Palatul Victoria, « sediul » Guvernului") == "Palatul Victoria, « sediul » Guvernului")
    #expect(GlossaryTSVWriter.clean("Ștefan cel Mare") == "Ștefan cel Mare")
  }

  @Test func omegaTTabHasNoHeaderAndThreeColumns() {
    let tab = GlossaryTSVWriter.omegaTTab(glossary)
    #expect(tab == """
      Kiev\tKyiv\tnot: Kiev; capital of Ukraine
      NATO\tNATO\tdo not translate
      Guvernul României\tthe Romanian Government\t
      Guvernul României\tRomania's government\tadmitted

      """)
  }
}
