import Foundation
import Testing
@testable import Tradu

/// prepare → merge on HTML and Markdown: byte-for-byte round trips, code checks, and a
/// pseudo-translation whose page keeps the original's element tree.
@Suite struct MarkupMergeTests {
  let preparer = Preparer(normalization: nil)

  /// The XLIFF 2 Tradu writes for `bytes`, with every segment's target made by `target` from
  /// its source markup (what is between `<source>` and `</source>`).
  func translated(_ bytes: [UInt8], name: String, format: InputFormat,
                  target: (String, PreparedSegment) -> String = { source, _ in source }) throws -> BilingualDocument {
    let prepared = try MarkupPreparer(preparer: preparer).prepare(bytes: bytes, name: name, format: format)
    let xliff = Array(XLIFFWriter(version: .v2_1, stamp: ExportStamp(toolVersion: "test")).renderUTF8(prepared))
    let segments = prepared.segments
    // Byte search: each <segment>'s <source>, a <target> made from it right after.
    func find(_ needle: String, from start: Int) -> Int? {
      let n = Array(needle.utf8)
      var i = start
      while i + n.count <= xliff.count {
        if xliff[i] == n[0] && xliff[i..<i + n.count].elementsEqual(n) { return i }
        i += 1
      }
      return nil
    }
    var out: [UInt8] = []
    var position = 0
    var index = 0
    while index < segments.count, let segment = find("<segment ", from: position),
          let open = find("<source>", from: segment), let close = find("</source>", from: open) {
      out += xliff[position..<close + 9]
      let source = String(decoding: xliff[open + 8..<close], as: UTF8.self)
      out += Array(("<target>" + target(source, segments[index]) + "</target>").utf8)
      index += 1
      position = close + 9
    }
    out += xliff[position...]
    #expect(index == segments.count)
    return try XLIFFReader.parse(out, name: "t.xlf")
  }

  func merge(_ xliff: BilingualDocument, _ bytes: [UInt8], format: InputFormat, lenient: Bool = false) throws -> MarkupMerger.Result {
    try MarkupMerger(lenient: lenient).merge(xliff, name: "t.xlf", originalBytes: bytes, originalName: "page",
                                             format: format, preparer: preparer)
  }

  @Test(arguments: ["Samples/mediafax-musk-putin.ro.html", "Samples/mediafax-musk-putin.ro.md"])
  func samplesComeBackByteForByte(_ path: String) throws {
    let bytes = Array(try repositoryText(path).utf8)
    let format = InputFormat.implied(byPath: path)
    let merged = try merge(try translated(bytes, name: path, format: format), bytes, format: format)
    let expected = format == .html
      ? try repositoryText(path).replacingOccurrences(of: "<html lang=\"ro\">", with: "<html lang=\"en\">")
      : try repositoryText(path)
    #expect(merged.text == expected)
    #expect(merged.untranslated.isEmpty)
  }

  /// Hostile pages: unclosed and stray tags, references, comments, CDATA, deep inline nesting,
  /// a paragraph of 1 MB, CR LF line ends, a page without <html>.
  static let hostilePages: [String] = {
    var pages = [
      "<p>Fără închidere <b>îngroșat <i>și cursiv<p>Alt paragraf</b> după</i> sfârșit",
      "<!DOCTYPE html><html><body><p>Entități: &amp; &lt; &gt; &quot; &#351;&#x21B; &nbsp;&copy; &notanentity; &amp fără punct și virgulă.</p></body></html>",
      "<p>Înainte <!-- un comentariu cu <b>taguri</b> --> după. Apoi <![CDATA[ ceva ]]> text.</p>",
      "<div>Text direct în div<br>rând nou<br/>și altul.<span>Dl.</span> Ionescu a venit.</div>",
      "<table><tr><td>Celulă</td>text scăpat din tabel<td>A doua</td></tr></table>",
      "<p>Stray </b> end tag și </div> altul. <a href=x title='Titlu \"citat\"'>legătură</a></p>",
      "<html lang=ro>\r\n<head><title>Titlu &amp; subtitlu</title></head>\r\n<body>\r\n<p>Rânduri\r\ncu CR LF.</p>\r\n</body></html>\r\n",
      // 45 levels: XLIFF readers bound nesting (Tradu's at 64).
      "<p>" + String(repeating: "<b><i><span>", count: 15) + "Adânc." + String(repeating: "</span></i></b>", count: 15) + "</p>",
      // 300 levels: pairs deeper than MarkupPreparer's limit become standalone codes, so the
      // XLIFF still reads back (it was refused as nested deeper than 64 levels).
      "<p>Sus " + String(repeating: "<b>", count: 300) + "Foarte adânc." + String(repeating: "</b>", count: 300) + " jos.</p>",
      "<p>Fără html, doar <em>un fragment</em>.",
      "<p><img src=a.jpg alt=Fotografie>Imagine fără ghilimele la alt.</p><p title=\"Titlu\">Paragraf cu titlu.</p>",
      "<script>if (a < b) { document.write('<p>nu</p>'); }</script><style>p{}</style><p>Da.</p><textarea>nu <b>x</b></textarea>",
    ]
    var long = "<p>"
    var n = 0
    while long.utf8.count < 1 << 20 {
      n += 1
      long += "Propoziția \(n) spune că <b>Dl. Popescu</b> a plecat la Cluj &amp; Iași. "
    }
    pages.append(long + "</p>")
    return pages
  }()

  @Test(arguments: 0..<hostilePages.count)
  func hostilePagesComeBackByteForByte(_ i: Int) throws {
    let page = Self.hostilePages[i]
    let bytes = Array(page.utf8)
    let merged = try merge(try translated(bytes, name: "hostile.html", format: .html), bytes, format: .html)
    var expected = page
    if let slot = try HTMLExtractor.extract(page, path: "h").languageSlot {
      var b = bytes
      b.replaceSubrange(slot.bytes, with: slot.exists ? Array("en".utf8) : Array(" lang=\"en\"".utf8))
      expected = String(decoding: b, as: UTF8.self)
    }
    #expect(merged.text == expected)
  }

  static let hostileMarkdown: [String] = [
    "# Titlu *cu* emfază #\n\nParagraf cu `cod` și **îngroșat _imbricat_** și [legătură](http://x.ro/a_(b) \"titlu\").\n",
    "> Citat pe\n> mai multe\nrânduri leneșe.\n>\n>     cod indentat\n",
    "- Element\n  continuat cu spații\n\t- imbricat cu tab\n\n1. Unu\\\n   doi cu rupere tare\n2. Trei  \n   patru\n",
    "Setext\n======\n\nText cu \\*asteriscuri\\* scăpate și &amp; &#351; și <b>html</b> inline.\n\n<div>\nbloc html\n</div>\n",
    "| A | B |\n|---|:-:|\n| `x|y` | **z** |\n\n![Alt *text*](img.png) și ![ref][r]\n\n[r]: /img.png\n",
    "---\ntitle: 'Titlu cu '' apostrof'\ntags: [a, b]\n---\n\nCorp.\r\nCu CR LF.\r\n",
  ]

  @Test(arguments: 0..<hostileMarkdown.count)
  func hostileMarkdownComesBackByteForByte(_ i: Int) throws {
    let bytes = Array(Self.hostileMarkdown[i].utf8)
    let merged = try merge(try translated(bytes, name: "h.md", format: .markdown), bytes, format: .markdown)
    #expect(merged.text == Self.hostileMarkdown[i])
  }

  /// A generator of pseudo-translations: every word changed, `<`, `&` and `"` added, and the
  /// segment's code pairs moved to the end in reverse order.
  static func pseudoTranslation(_ source: String) -> String {
    // Words of the text between tags: letters become upper case, with a marker.
    var out = ""
    var pairs: [String] = []
    var rest = Substring(source)
    var depth = 0
    var pair = ""
    while !rest.isEmpty {
      if rest.hasPrefix("<pc ") || rest.hasPrefix("<mrk ") || rest.hasPrefix("<ph ") {
        let end = rest.firstIndex(of: ">")!
        let tag = String(rest[...end])
        rest = rest[rest.index(after: end)...]
        if tag.hasPrefix("<pc ") {
          if depth == 0 { pair = "" }
          depth += 1
          pair += tag
        } else if tag.hasPrefix("<ph ") {
          if depth > 0 { pair += tag } else { out += tag }
        }
        continue
      }
      if rest.hasPrefix("</pc>") {
        rest = rest.dropFirst(5)
        pair += " Ț</pc>"
        depth -= 1
        if depth == 0 { pairs.append(pair) }
        continue
      }
      if rest.hasPrefix("</mrk>") {
        rest = rest.dropFirst(6)
        continue
      }
      if rest.hasPrefix("&") {
        let end = rest.firstIndex(of: ";")!
        let entity = String(rest[...end])
        rest = rest[rest.index(after: end)...]
        if depth > 0 { pair += entity } else { out += entity }
        continue
      }
      let c = rest.removeFirst()
      let changed = c.isLetter ? c.uppercased() : String(c)
      if depth > 0 { pair += changed } else { out += changed }
    }
    return "&lt;&amp;&quot;" + out + " " + pairs.reversed().joined(separator: " ") + " &amp;\""
  }

  @Test func pseudoTranslationKeepsTheElementTree() throws {
    let path = "Samples/mediafax-musk-putin.ro.html"
    let page = try repositoryText(path)
    let bytes = Array(page.utf8)
    let xliff = try translated(bytes, name: path, format: .html) { source, _ in Self.pseudoTranslation(source) }
    let merged = try merge(xliff, bytes, format: .html)
    #expect(merged.text != page)
    #expect(try HTMLExtractor.elementTree(merged.text) == HTMLExtractor.elementTree(page))
    // The merged page's text is the translation.
    let again = try MarkupPreparer(preparer: preparer).prepare(bytes: Array(merged.text.utf8), name: "en.html", format: .html)
    // Boilerplate (not for translation) keeps its source.
    let targets = xliff.units.filter(\.isTranslatable).flatMap(\.segments).compactMap(\.target)
    let sources = String(again.segments.map(\.source).joined().filter { !$0.isWhitespace })
    let missing = targets.first { !sources.contains(String($0.filter { !$0.isWhitespace })) }
    #expect(missing == nil)
    #expect(!sources.contains("Potrivit"))
    #expect(sources.contains("POTRIVIT"))
    #expect(merged.text.contains("<html lang=\"en\">"))
  }

  @Test func codesDroppedOrRepeatedAreErrorsNamingTheSegment() throws {
    let bytes = Array("<p>Dl. <b>Popescu</b> a spus <i>da</i>.</p>".utf8)
    let dropped = try translated(bytes, name: "p.html", format: .html) { _, _ in "Mr. Popescu said yes." }
    let message = errorMessage { try merge(dropped, bytes, format: .html) }
    #expect(message?.contains("segment p1.s1") == true)
    #expect(message?.contains("drops the code <b>") == true)
    let lenient = try merge(dropped, bytes, format: .html, lenient: true)
    #expect(lenient.text == "<p>Mr. Popescu said yes.<b></b><i></i></p>")
    #expect(lenient.warnings.count == 1)
    let twice = try translated(bytes, name: "p.html", format: .html) { source, _ in source + source }
    #expect(errorMessage { try merge(twice, bytes, format: .html) }?.contains("repeats the code") == true)
    let reordered = try translated(bytes, name: "p.html", format: .html) { _, _ in
      "<pc id=\"2\" dataRefStart=\"d2\" dataRefEnd=\"d2e\">Yes</pc>, said Mr. <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d1e\">Popescu &amp; co</pc>."
    }
    #expect(try merge(reordered, bytes, format: .html).text == "<p><i>Yes</i>, said Mr. <b>Popescu &amp; co</b>.</p>")
  }

  /// A target that is a copy of its source (OmegaT's for an untranslated segment) is listed,
  /// and an error with --strict, unless a state says it is translated.
  @Test func sourceCopiesAreListedAndRefusedWhenStrict() throws {
    let bytes = Array("<p>Dl. <b>Popescu</b> a spus da. Apoi a plecat.</p><p>2024</p>".utf8)
    let copied = try translated(bytes, name: "p.html", format: .html) { source, segment in
      segment.id == "p1.s2" ? "Then he left." : source
    }
    #expect(try merge(copied, bytes, format: .html).sameAsSource == ["p1.s1"])  // not "2024"
    let message = errorMessage {
      try MarkupMerger(strict: true).merge(copied, name: "t.xlf", originalBytes: bytes, originalName: "page",
                                           format: .html, preparer: preparer)
    }
    #expect(message?.contains("1 segment(s) have their source as translation (--strict): p1.s1") == true)
  }

  @Test func legacyCharsetPagesAreMergedInTheirCharset() throws {
    let page = "<html><head><meta charset=\"windows-1250\"><title>Ştiri</title></head><body><p>Preşedintele a plecat.</p></body></html>"
    let bytes = try ICU.encode(Array(page.utf16), charset: "windows-1250")
    #expect(String(validating: bytes, as: UTF8.self) == nil)
    let xliff = try translated(bytes, name: "p.html", format: .html) { source, segment in
      // Ș (comma below) is not in windows-1250: written as a reference.
      segment.source == "Ştiri" ? "Știri 😀" : source
    }
    let merged = try merge(xliff, bytes, format: .html)
    #expect(merged.encoding.lowercased().contains("1250"))
    let out = try merged.encoded()
    let decoded = String(decoding: try ICU.decode(out, charset: "windows-1250"), as: UTF16.self)
    #expect(decoded == page.replacingOccurrences(of: "<html>", with: "<html lang=\"en\">").replacingOccurrences(of: "Ştiri", with: "&#536;tiri &#128512;"))
  }
}
