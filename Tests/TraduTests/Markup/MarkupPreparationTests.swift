import Foundation
import Testing
@testable import Tradu

/// HTML and Markdown articles: blocks extracted with the real parsers, segmented on their
/// text alone, codes placed back into the segments.
@Suite struct MarkupPreparationTests {
  let plain = MarkupPreparer(preparer: Preparer(normalization: nil))

  func prepare(_ text: String, _ format: InputFormat) throws -> PreparedDocument {
    try plain.prepare(bytes: Array(text.utf8), name: "t", format: format)
  }

  @Test func aTitleInATagDoesNotEndTheSentence() throws {
    let html = "<p>Dl. <b>Popescu</b> a spus că pleacă. Apoi <a href=\"/x\">a plecat</a>.</p>"
    let segments = try prepare(html, .html).segments
    #expect(segments.map(\.source) == ["Dl. Popescu a spus că pleacă.", "Apoi a plecat."])
    #expect(segments[0].codes.map(\.original) == ["<b>", "</b>"])
    #expect(segments[0].codes.map(\.kind) == [.opening, .closing])
    #expect(segments[0].codes.map(\.position) == [4, 11])
    #expect(segments[1].codes.map(\.position) == [5, 13])
    // The segment covers its bytes exactly: from "Dl." to the full stop.
    let bytes = Array(html.utf8)
    #expect(String(decoding: bytes[segments[0].original.utf8], as: UTF8.self) == "Dl. <b>Popescu</b> a spus că pleacă.")
  }

  @Test func pairsCutBySentencesBecomeStandaloneCodes() throws {
    let segments = try prepare("<p><i>Prima propoziție. A doua</i> continuă.</p>", .html).segments
    #expect(segments.count == 2)
    // <i> opens at the first segment's start but closes in the second: it stays outside the
    // first and is standalone in the second.
    #expect(segments[0].codes.isEmpty)
    #expect(segments[1].codes.map(\.kind) == [.standalone])
    #expect(segments[1].codes.map(\.original) == ["</i>"])
  }

  @Test func charactersReferencesAreText() throws {
    let segments = try prepare("<h1>Pre&#351;edintele &amp; Co&nbsp;SRL</h1>", .html).segments
    #expect(segments.map(\.source) == ["Preşedintele & Co\u{A0}SRL"])
  }

  @Test func skippedAndAttributeText() throws {
    let html = """
      <html><head><title>Știri</title><script>var a = "<p>x</p>";</script></head>
      <body><p translate="no">Nu se traduce.</p><div class="x notranslate"><p>Nici asta.</p></div>
      <img src="a.jpg" alt="Guvernul României"><pre>cod</pre><p>Textul <code>x = 1</code> rămâne.</p></body></html>
      """
    let segments = try prepare(html, .html).segments
    #expect(segments.map(\.source) == ["Știri", "Guvernul României", "Textul  rămâne."])
    #expect(segments.last?.codes.map(\.original) == ["<code>x = 1</code>"])
  }

  @Test func lineBreaksAreLineBreaksOfTheText() throws {
    let html = try prepare("<p>Alegeri 2024<br>București, 3 noiembrie<br/>\n  Campania a început.</p>", .html).segments
    #expect(html.map(\.source) == ["Alegeri 2024", "București, 3 noiembrie", "Campania a început."])
    #expect(html.allSatisfy { $0.codes.isEmpty })  // each <br> stands between two segments
    let wrapped = try prepare("Acest paragraf a fost tăiat\nla lungimea rândului. Apoi continuă.\n", .markdown).segments
    #expect(wrapped.map(\.source) == ["Acest paragraf a fost tăiat\nla lungimea rândului.", "Apoi continuă."])
    let hard = try prepare("Alegeri 2024  \nBucurești, 3 noiembrie\\\nCampania a început.\n", .markdown).segments
    #expect(hard.map(\.source) == ["Alegeri 2024", "București, 3 noiembrie", "Campania a început."])
  }

  @Test func quotedFrontMatterTitlesAndTableRowsReadAsMarkdownDoes() throws {
    let single = try prepare("---\ntitle: 'Titlu cu '' apostrof'\n---\n\nCorp.\n", .markdown).segments
    #expect(single.first?.source == "Titlu cu ' apostrof")
    let double = try prepare("---\ntitle: \"Spune \\\"da\\\" azi\"\n---\n\nCorp.\n", .markdown).segments
    #expect(double.first?.source == "Spune \"da\" azi")
    // GFM splits a row at every unescaped pipe, in code spans too; cells past the header's
    // count are not shown, so not translated.
    let table = try prepare("| A | B |\n|---|---|\n| `x|y` | **z** |\n", .markdown).segments
    #expect(table.map(\.source) == ["A", "B", "`x", "y`"])
  }

  /// Normalization that changes the text's length (soft hyphens and zero-width spaces removed,
  /// decomposed letters composed) keeps each code between the same characters.
  @Test func codesStayInPlaceWhenNormalizationChangesLengths() throws {
    let html = "<p>Pre\u{AD}\u{AD}\u{AD}şedintele <b>Iohan\u{AD}nis</b> a vorbit cu <i>s\u{327}eful\u{200B}</i> echipei și cu <a href=\"/x\">Ion</a>.</p>"
    let segments = try MarkupPreparer(preparer: Preparer()).prepare(bytes: Array(html.utf8), name: "t", format: .html).segments
    let segment = try #require(segments.first)
    #expect(segment.source == "Președintele Iohannis a vorbit cu șeful echipei și cu Ion.")
    let rendered = segmentPieces(segment.source, codes: segment.codes).map { piece -> String in
      switch piece {
      case .text(let text): return text
      case .code(let i): return segment.codes[i].original
      }
    }.joined()
    #expect(rendered == "Președintele <b>Iohannis</b> a vorbit cu <i>șeful</i> echipei și cu <a href=\"/x\">Ion</a>.")
  }

  /// The seed article as a news page: its segments are those of its text with the tags
  /// removed.
  @Test(arguments: ["Samples/mediafax-musk-putin.ro.html", "Samples/mediafax-musk-putin.ro.md"])
  func sampleSegmentsAreThoseOfItsText(_ path: String) throws {
    let bytes = Array(try repositoryText(path).utf8)
    let format = InputFormat.implied(byPath: path)
    let prepared = try plain.prepare(bytes: bytes, name: path, format: format)
    let text = try MarkupPreparer.readText(bytes: bytes, name: path, format: format)
    let direct = try Preparer(normalization: nil).prepare(text, fingerprint: "")
    #expect(prepared.segments.map(\.source) == direct.segments.map(\.source))
    #expect(prepared.segments.count > 25)
    #expect(prepared.segments.contains { $0.codes.contains { $0.kind == .opening } })
  }
}
