import Foundation
import Testing
@testable import Tradu

/// `AlignedArticle`: a prepared article with its translation, as XLIFF, TMX and reports.
@Suite struct AlignedArticleTests {
  static let stamp = ExportStamp(toolVersion: "test")

  /// The fixture as an article in three paragraphs (a headline-like first one).
  static func article(_ sentences: [String]) -> String {
    [sentences[0...3], sentences[4...7], sentences[8...]].map { $0.joined(separator: " ") }.joined(separator: "\n\n") + "\n"
  }

  static func aligned(romanian: [String] = AlignmentFixture.romanian, english: String) throws -> AlignedArticle {
    let prepared = try Preparer().prepare(bytes: Array(article(romanian).utf8), name: "buget.ro.txt")
    return try AlignedArticle(prepared, translation: english, translationName: "buget.en.txt")
  }

  /// The English fixture with sentence 5 merged into 4, sentence 3 left out and a sentence
  /// added after sentence 8.
  static var editedEnglish: String {
    var e = AlignmentFixture.english
    e[4] = "The National Bank of Romania kept its monetary policy rate at 6.5%, a decision taken at Thursday's meeting of the board."
    e[5] = ""
    e[3] = ""
    e[8] += " Iohannis had delayed it for two weeks, citing objections from the Constitutional Court."
    let paragraphs = [e[0...3], e[4...7], e[8...]].map { $0.filter { !$0.isEmpty }.joined(separator: " ") }
    return paragraphs.joined(separator: "\n\n") + "\n"
  }

  @Test func cleanTranslationGivesTranslatedSegments() throws {
    let aligned = try Self.aligned(english: Self.article(AlignmentFixture.english))
    #expect(aligned.problems.isEmpty)
    #expect(aligned.linksToReview.isEmpty)
    let document = aligned.bilingualDocument()
    let segments = document.segments
    #expect(segments.count == 12)
    #expect(segments.map(\.target) == AlignmentFixture.english.map { Optional($0) })
    #expect(segments.allSatisfy { $0.state == .translated && $0.notes.isEmpty })
  }

  @Test func mergesOmissionsAndAdditionsBecomeReviewableSegments() throws {
    let aligned = try Self.aligned(english: Self.editedEnglish)
    #expect(aligned.problems.isEmpty)
    let shapes = aligned.alignment.links.map(\.shape)
    #expect(shapes.filter { $0 == "2-1" }.count == 1)
    #expect(shapes.filter { $0 == "1-0" }.count == 1)
    #expect(shapes.filter { $0 == "0-1" }.count == 1)
    let document = aligned.bilingualDocument()
    let units = document.units
    #expect(units.count == 3)
    // p1.s4 (the deputies) has no translation, a note, and waits for review.
    let untranslated = try #require(units[0].segments.last)
    #expect(untranslated.target == nil && untranslated.state == .initial)
    #expect(untranslated.notes.contains { $0.category == "alignment" && $0.text.contains("no sentence of the translation") })
    // Paragraph 2: its first two sentences are one segment with one target.
    #expect(units[1].segments.count == 3)
    #expect(units[1].segments[0].source == AlignmentFixture.romanian[4] + " " + AlignmentFixture.romanian[5])
    #expect(units[1].segments[0].target?.hasPrefix("The National Bank of Romania") == true)
    #expect(units[1].segments.map(\.id) == ["p2.s1", "p2.s2", "p2.s3"])
    // The added English sentence is appended to the previous target, with a note.
    let president = units[2].segments[0]
    #expect(president.target?.hasSuffix("citing objections from the Constitutional Court.") == true)
    #expect(president.state == .initial && president.notes.contains { $0.text.contains("adds a sentence") })
    // The source is rebuilt unchanged from the merged segments.
    #expect(document.reassembled() == Self.article(AlignmentFixture.romanian))
  }

  @Test func alignedXLIFFMergesIntoTheWholeTranslation() throws {
    let aligned = try Self.aligned(english: Self.editedEnglish)
    let xml = XLIFFWriter(version: .v2_1, stamp: Self.stamp).renderUTF8(aligned.bilingualDocument())
    let merged = try ArticleMerger().merge(try XLIFFReader.parse(xml, name: "buget.xlf"), name: "buget.xlf")
    // Every English sentence is in the merged text; the untranslated one falls back to its source.
    for sentence in Self.editedEnglish.split(separator: "\n").joined(separator: " ").components(separatedBy: ". ") {
      #expect(merged.text.contains(sentence.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
    #expect(merged.untranslated == ["p1.s4"])
    #expect(merged.text.contains(AlignmentFixture.romanian[3]))
    // XLIFF 2: unsure and unmatched links stay "initial"; sure ones are "translated".
    let text = String(decoding: xml, as: UTF8.self)
    #expect(text.contains("<segment id=\"p1.s1\" state=\"translated\">"))
    #expect(text.contains("<segment id=\"p1.s4\" state=\"initial\">"))
  }

  @Test func alignedXLIFFGoesThroughCheck() throws {
    let aligned = try Self.aligned(english: Self.editedEnglish)
    for version in [XLIFFVersion.v2_1, .v1_2] {
      let xml = XLIFFWriter(version: version, stamp: Self.stamp).renderUTF8(aligned.bilingualDocument())
      let document = try BilingualReader.xliff(try XLIFFReader.parse(xml, name: "buget.xlf"), name: "buget.xlf")
      let report = try makeTestChecker().check(document)
      #expect(try report.units.count == document.translatableSegments().count)
      // The deputies' sentence has no translation: no target in XLIFF 2, its source kept as
      // the target in XLIFF 1.2 (which the 1.2 writer does for untranslated segments).
      let deputies = try #require(document.translatableSegments().first { $0.source.contains("Deputații PSD") })
      #expect(deputies.target.map { $0.isEmpty || $0.contains("Deputații PSD") } ?? true, "\(version)")
      #expect(deputies.target?.contains("PSD deputies") != true)
      #expect(try document.translatableSegments().contains { $0.target?.contains("Finance Minister Tanczos Barna") == true })
    }
    let xliff12 = String(decoding: XLIFFWriter(version: .v1_2, stamp: Self.stamp).renderUTF8(aligned.bilingualDocument()), as: UTF8.self)
    #expect(xliff12.contains("state=\"needs-review-translation\""))
  }

  @Test func memoryHoldsOnlyLinksWithBothSides() throws {
    let aligned = try Self.aligned(english: Self.editedEnglish)
    let tmx = TMXWriter(stamp: Self.stamp).render(aligned.memoryDocument())
    #expect(tmx.components(separatedBy: "<tu ").count - 1 == 10)
    #expect(!tmx.contains("Deputații PSD"))
    #expect(!tmx.contains("citing objections"))
    #expect(tmx.contains("Banca Națională a României a păstrat dobânda de politică monetară la 6,5%. Decizia"))
    let memory = try TMXReader.read(Data(tmx.utf8), path: "buget.tmx")
    #expect(try memory.translatableSegments().allSatisfy { $0.target != nil })
  }

  @Test(arguments: [
    ("", "empty"),
    ("Vremea va fi frumoasă mâine în toată țara. Temperaturile vor crește. Ploile se opresc.\n", "Romanian"),
    ("The match ended in a draw after a late goal. Fans stayed in the stadium for an hour. The coach was pleased with the team.\nTickets for the next game are on sale. The club thanked the city. The season ends in May.\nPlayers will rest for a week. The captain is injured. A new striker arrives in June.\n", "share almost no"),
  ])
  func notATranslationIsAProblem(english: String, expected: String) throws {
    let aligned = try Self.aligned(english: english)
    #expect(aligned.problems.contains { $0.contains(expected) }, "\(aligned.problems)")
  }

  @Test func reportsListWhatToReview() throws {
    let aligned = try Self.aligned(english: Self.editedEnglish)
    let text = AlignmentReport.text(aligned)
    #expect(text.contains("review p1.s4 ↔ - (1-0"))
    #expect(text.contains("  ro: Deputații PSD"))
    let json = try JSONSerialization.jsonObject(with: Data(AlignmentReport.json(aligned).utf8)) as? [String: Any]
    #expect(json?["schema"] as? String == "tradu-align/1")
    let links = try #require(json?["links"] as? [[String: Any]])
    #expect(links.count == aligned.alignment.links.count)
    #expect(links.contains { ($0["target"] as? [Int]) == [] && ($0["review"] as? Bool) == true })
    let html = AlignmentReport.html(aligned)
    #expect(html.components(separatedBy: "<tr class=\"link").count - 1 == aligned.alignment.links.count)
    #expect(html.contains("<tr class=\"link review unmatched\" data-shape=\"1-0\""))
    #expect(!html.contains("<script"))
  }

  @Test func hostileTextIsEscapedInTheReport() throws {
    let prepared = try Preparer().prepare(bytes: Array("Ion <b>a</b> venit & a plecat.\n".utf8), name: "x<y>.txt")
    let aligned = try AlignedArticle(prepared, translation: "Ion <script>alert(1)</script> came & left.\n", translationName: "\"q\".txt")
    let html = AlignmentReport.html(aligned)
    #expect(!html.contains("<script>") && !html.contains("<b>a"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
  }

  @Test(.enabled(if: headlessBrowser != nil,
                 "no headless Chromium/Chrome on this machine: the HTML report is not rendered in a browser"))
  func aRealBrowserRendersTheAlignmentReport() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-align-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let aligned = try Self.aligned(english: Self.editedEnglish)
    let page = directory.appendingPathComponent("align.html")
    try Data(AlignmentReport.html(aligned).utf8).write(to: page)
    let dom = try runBrowser(["--dump-dom", page.absoluteString])
    #expect(dom.contains("<title>tradu align: buget.ro.txt ↔ buget.en.txt</title>"))
    #expect(dom.components(separatedBy: "<tr class=\"link").count - 1 == aligned.alignment.links.count)
    #expect(dom.contains("data-shape=\"0-1\"") && dom.contains("data-shape=\"2-1\""))
    let shot = directory.appendingPathComponent("align.png")
    _ = try runBrowser(["--screenshot=\(shot.path)", "--window-size=1400,1200", "--hide-scrollbars", page.absoluteString])
    let png = try Data(contentsOf: shot)
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    #expect(png.count > 20_000, "a blank page would compress to a few kilobytes")
  }
}
