import Foundation
import Testing
@testable import Tradu

@Suite struct BilingualReaderTests {
  // MARK: Plain texts

  @Test func theSeedArticleAndItsTranslationPairSentenceBySentence() throws {
    let source = SourceDocument(name: "ro.txt", text: try seedArticle())
    let target = SourceDocument(name: "en.txt", language: "en",
                                text: try repositoryText("Samples/mediafax-musk-putin.en.txt"))
    let document = try BilingualReader.pair(source: source, target: target)
    let ids = try document.translatableSegments().map(\.id)
    #expect(ids.count == 19)
    #expect(ids.first == "p1.s1" && ids.last == "p14.s3")
    let kyiv = try #require(document.translatableSegments().first { $0.id == "p7.s1" })
    #expect(kyiv.source.contains("forţele Kievului"))
    #expect(kyiv.target?.contains("Kiev's forces") == true)
    #expect(document.targetLanguage == "en")
  }

  @Test func aParagraphWithMergedSentencesBecomesOneUnit() throws {
    let source = SourceDocument(name: "ro.txt", text: "Titlu\n\nPutin a vorbit. Kremlinul a tăcut.\n\nFinal.")
    let target = SourceDocument(name: "en.txt", language: "en",
                                text: "Title\n\nPutin spoke while the Kremlin kept silent.\n\nEnd.")
    let units = try BilingualReader.pair(source: source, target: target).translatableSegments()
    #expect(units.map(\.id) == ["p1.s1", "p2", "p3.s1"])
    #expect(units[1].source == "Putin a vorbit. Kremlinul a tăcut.")
    #expect(units[1].target == "Putin spoke while the Kremlin kept silent.")
  }

  @Test func theEnglishTargetIsSegmentedWithEnglishRules() throws {
    // Romanian rules kept "He sat. Then he left." one segment, so the pair became one unit.
    let source = SourceDocument(name: "ro.txt", text: "Dl. Popescu a stat jos. Apoi a plecat.")
    let target = SourceDocument(name: "en.txt", language: "en", text: "Mr. Popescu sat down. Then he left.")
    let units = try BilingualReader.pair(source: source, target: target).translatableSegments()
    #expect(units.map(\.id) == ["p1.s1", "p1.s2"])
    #expect(units.map(\.target) == ["Mr. Popescu sat down.", "Then he left."])
    let plain = SourceDocument(name: "en.txt", language: "en", text: "He sat. Then he left.")
    let two = SourceDocument(name: "ro.txt", text: "A stat. Apoi a plecat.")
    #expect(try BilingualReader.pair(source: two, target: plain).translatableSegments().map(\.target) == ["He sat.", "Then he left."])
  }

  @Test func differentParagraphCountsAreAClearError() {
    let source = SourceDocument(name: "ro.txt", text: "Unu.\n\nDoi.\n\nTrei.")
    let target = SourceDocument(name: "en.txt", language: "en", text: "One.\n\nTwo and three.")
    #expect {
      try BilingualReader.pair(source: source, target: target)
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix("en.txt: ") && text.contains("has 2 paragraphs but the source ro.txt has 3")
    }
  }

  // MARK: JSONL and Tradu JSON

  @Test func jsonlLinesBecomeUnits() throws {
    let text = """
      {"id": "p1.s1", "source": "Kremlinul a negat.", "target": "The Kremlin denied it."}

      {"id": 7, "source": "Zelenski a răspuns.", "target": null}
      {"source": "Fără id.", "target": "No id."}
      """
    let units = try BilingualReader.jsonl(text, name: "t.jsonl").translatableSegments()
    #expect(units == [
      BilingualSegment(id: "p1.s1", source: "Kremlinul a negat.", target: "The Kremlin denied it.", line: 1),
      BilingualSegment(id: "7", source: "Zelenski a răspuns.", target: nil, line: 3),
      BilingualSegment(id: "3", source: "Fără id.", target: "No id.", line: 4),
    ])
  }

  /// Rows and prepared units mixed: segments without an id are numbered by their place among
  /// all segments, units without one by their place among units, whichever core read them.
  @Test(arguments: [1, 40, 1 << 20])
  func defaultIdsCountEverySegmentBefore(blockSize: Int) throws {
    let text = """
      {"source": "Kremlinul a negat.", "target": "The Kremlin denied it."}
      {"format": "tradu-unit", "srcLang": "ro-RO", "trgLang": "en-GB", "unit": {"segments": [{"source": "Putin a tăcut.", "target": null}, {"id": "p2.s2", "source": "Musk a scris.", "target": "Musk wrote."}]}}
      {"id": 9, "source": "Zelenski a răspuns.", "target": "Zelensky replied."}
      {"source": "Fără id.", "target": "No id."}
      """
    let document = try BilingualReader.jsonl(text, name: "t.jsonl", blockSize: blockSize)
    #expect(document.units.map(\.id) == ["1", "u2", "9", "5"])
    #expect(document.units.flatMap(\.segments).map(\.id) == ["1", "2", "p2.s2", "9", "5"])
    #expect(document.units.flatMap(\.segments).map(\.line) == [1, 2, 2, 3, 4])
    #expect(document.sourceLanguage == "ro" && document.targetLanguage == "en")
    let bad = text + "\n" + #"{"unit": {"segments": [{"source": "Bine."}, {"target": "x"}]}}"#
    #expect { try BilingualReader.jsonl(bad, name: "t.jsonl", blockSize: blockSize) } throws: {
      "\($0)" == "t.jsonl:5: unit 7: missing string field \"source\""
    }
  }

  @Test(arguments: [
    ("{\"id\": \"1\", \"source\": \"a\"}\n{\"id\": \"2\", \"source\": ", "t.jsonl:2: not a JSON object: expected a value, found the end of the text (column 23)"),
    ("{\"id\": \"1\", \"target\": \"b\"}", "t.jsonl:1: unit 1: missing string field \"source\""),
    ("{\"id\": \"1\", \"source\": \"a\", \"target\": 5}", "t.jsonl:1: unit 1: \"target\" must be a string or null"),
  ])
  func badJSONLNamesTheLine(text: String, message: String) {
    #expect { try BilingualReader.jsonl(text, name: "t.jsonl") } throws: { "\($0)" == message }
  }

  @Test func traduJSONReadsFlatAndNestedUnits() throws {
    let text = """
      {"format": "tradu", "version": 1, "srcLang": "ro-RO", "trgLang": "en-GB",
       "units": [
         {"id": "p1.s1", "source": "Moscova tace.", "target": "Moscow is silent."},
         {"id": "p2", "segments": [
           {"id": "p2.s1", "source": "Kievul răspunde.", "target": "Kyiv answers."},
           {"id": "p2.s2", "source": "Atât.", "target": null}]}]}
      """
    let document = try TraduJSONReader.parse(Array(text.utf8), name: "a.json")
    #expect(try document.translatableSegments().map(\.id) == ["p1.s1", "p2.s1", "p2.s2"])
    #expect(try document.translatableSegments()[2].target == nil)
    #expect(document.sourceLanguageCode == "ro" && document.targetLanguageCode == "en")
  }

  @Test func jsonWithoutUnitsIsRejected() {
    #expect { try TraduJSONReader.parse(Array("{\"format\": \"other\"}".utf8), name: "a.json") } throws: {
      "\($0)".hasPrefix("a.json:1: not a Tradu JSON file (no \"format\": \"tradu\" at the top level)")
    }
    #expect { try TraduJSONReader.parse(Array("{\"units\": [".utf8), name: "a.json") } throws: {
      "\($0)".hasPrefix("a.json:1: not valid JSON")
    }
  }

  @Test func preparedFilesOfTheSeedReadAsTheSameSegments() throws {
    let pair = try BilingualReader.pair(
      source: SourceDocument(name: "ro", text: try seedArticle()),
      target: SourceDocument(name: "en", language: "en", text: try repositoryText("Samples/mediafax-musk-putin.en.txt")))
    let translatable = try Set(pair.translatableSegments().map(\.id))
    let json = try TraduJSONReader.parse(Array(try repositoryText("Samples/mediafax-musk-putin.ro.json").utf8), name: "j")
    let xliff = try BilingualReader.xliff(
      try XLIFFReader.read(path: repositoryFile("Samples/mediafax-musk-putin.ro.xlf").path), name: "x")
    for document in [json, xliff] {
      #expect(try !document.translatableSegments().isEmpty)
      #expect(try Set(document.translatableSegments().map(\.id)).isSubset(of: translatable))
      #expect(try document.translatableSegments().allSatisfy { $0.target == nil })
      #expect(try document.translatableSegments().contains { $0.id == "p7.s1" && $0.source.contains("Kievului") })
    }
  }

  /// `tradu prepare --to jsonl` writes one unit per line; once translated, `check` reads it as
  /// the same segments as the JSON of the same article.
  @Test func preparedJSONLinesReadAsTheJSONsSegments() throws {
    let seed = try Preparer(glossary: .default).prepare(bytes: Array(try seedArticle().utf8), name: "seed.txt")
    let exporter = JSONExporter(stamp: ExportStamp(toolVersion: "test", date: nil))
    let fromJSON = try TraduJSONReader.parse(Array(exporter.render(seed).utf8), name: "seed.json")
    let lines = exporter.renderLines(seed)
    let fromLines = try BilingualReader.jsonl(lines, name: "seed.jsonl")
    let text = { (document: BilingualDocument) throws in try document.translatableSegments().map { [$0.id, $0.source, $0.target] } }
    #expect(try text(fromLines) == text(fromJSON))
    #expect(try fromLines.translatableSegments().count < seed.segments.count, "units marked not for translation are left out")
    #expect(fromLines.sourceLanguage == "ro" && fromLines.targetLanguage == "en")

    // Targets filled in (here, a translator's placeholder) come back by segment id.
    let filled = lines.replacingOccurrences(of: "\"target\": null", with: "\"target\": \"EN\"")
    let translated = try BilingualReader.jsonl(filled, name: "seed.jsonl")
    #expect(try translated.translatableSegments().map(\.id) == fromJSON.translatableSegments().map(\.id))
    #expect(try translated.translatableSegments().allSatisfy { $0.target == "EN" })
    // A target put into a unit not for translation is reported, not merged.
    #expect(!translated.targetsNotForTranslation.isEmpty)
  }

  // MARK: TMX

  @Test func tmxUnitsPairTheSourceLanguageWithTheOther() throws {
    let tmx = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE tmx SYSTEM "tmx14.dtd">
      <tmx version="1.4">
        <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
                adminlang="en" srclang="ro-RO" datatype="plaintext"/>
        <body>
          <tu tuid="p1.s1">
            <tuv xml:lang="en-US"><seg>The <bpt i="1">&lt;b&gt;</bpt>Kremlin<ept i="1">&lt;/b&gt;</ept> said no.</seg></tuv>
            <tuv xml:lang="ro-RO"><seg>Kremlinul a spus nu.</seg></tuv>
          </tu>
          <tu>
            <tuv xml:lang="ro-RO"><seg>Fără traducere.</seg></tuv>
          </tu>
        </body>
      </tmx>
      """
    let document = try TMXReader.read(Data(tmx.utf8), path: "m.tmx")
    #expect(try document.translatableSegments() == [
      BilingualSegment(id: "p1.s1", source: "Kremlinul a spus nu.", target: "The Kremlin said no."),
      BilingualSegment(id: "2", source: "Fără traducere.", target: nil),
    ])
    #expect(document.sourceLanguage == "ro" && document.targetLanguage == "en")
  }

  @Test func tmxReadFromAnArrayIsReadAsFromData() throws {
    let tmx = """
      <tmx version="1.4"><header srclang="ro"/><body>
      <tu tuid="a"><tuv xml:lang="RO"><seg>Ședința &amp; votul au fost amânate.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>The sitting <ph x="1">&lt;br/&gt;</ph>&amp; the vote were postponed.</seg></tuv></tu>
      <tu><tuv xml:lang="ro"><seg>Guvernul a decis.</seg></tuv><tuv xml:lang="en"><seg>The government decided.</seg></tuv></tu>
      </body></tmx>
      """
    let fromArray = try TMXReader.read(Array(tmx.utf8), path: "m.tmx")
    #expect(fromArray == (try TMXReader.read(Data(tmx.utf8), path: "m.tmx")))
    #expect(try fromArray.translatableSegments() == [
      BilingualSegment(id: "a", source: "Ședința & votul au fost amânate.", target: "The sitting & the vote were postponed."),
      BilingualSegment(id: "2", source: "Guvernul a decis.", target: "The government decided."),
    ])
    #expect(fromArray.targetLanguage == "en")
  }

  @Test func truncatedTMXIsAnErrorWithALine() {
    let tmx = "<tmx version=\"1.4\"><header srclang=\"ro\"/><body><tu><tuv xml:lang=\"ro\"><seg>Kremlinul"
    #expect { try TMXReader.read(Data(tmx.utf8), path: "m.tmx") } throws: { error in
      guard case .malformedXML(let path, let line, _, _) = error as? TraduError else { return false }
      return path == "m.tmx" && line != nil
    }
  }

  // MARK: XLIFF

  static let xliff21 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ro" trgLang="en">
      <file id="f1" original="stire.txt">
        <unit id="p1">
          <segment id="p1.s1" state="translated">
            <source>Kremlinul a respins <mrk id="m1" type="term">propunerea</mrk>.</source>
            <target>The Kremlin rejected the proposal.</target>
          </segment>
          <ignorable><source> </source></ignorable>
          <segment id="p1.s2"><source>Kievul tace.</source></segment>
        </unit>
        <unit id="p2" translate="no">
          <segment id="p2.s1"><source>Urmărește Mediafax.</source></segment>
        </unit>
      </file>
    </xliff>
    """

  @Test func xliff2SegmentsBecomeUnitsAndUntranslatableOnesAreLeftOut() throws {
    let parsed = try XLIFFReader.parse(Array(Self.xliff21.utf8), name: "a.xlf")
    let document = try BilingualReader.xliff(parsed, name: "a.xlf")
    #expect(try document.translatableSegments().map { [$0.id, $0.source, $0.target] } == [
      ["p1.s1", "Kremlinul a respins propunerea.", "The Kremlin rejected the proposal."],
      ["p1.s2", "Kievul tace.", nil],
    ])
  }

  @Test func xliff12MidsThatRestartPerUnitAreQualified() throws {
    let xliff = """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
        <file original="stire.txt" source-language="ro-RO" target-language="en-US" datatype="plaintext">
          <body>
            <trans-unit id="p1">
              <source>Kremlinul a tăcut. Kievul a vorbit.</source>
              <seg-source><mrk mtype="seg" mid="1">Kremlinul a tăcut.</mrk> <mrk mtype="seg" mid="2">Kievul a vorbit.</mrk></seg-source>
              <target><mrk mtype="seg" mid="1">The Kremlin kept silent.</mrk> <mrk mtype="seg" mid="2">Kyiv spoke.</mrk></target>
            </trans-unit>
            <trans-unit id="p2">
              <source>Moscova.</source>
              <seg-source><mrk mtype="seg" mid="1">Moscova.</mrk></seg-source>
              <target><mrk mtype="seg" mid="1">Moscow.</mrk></target>
            </trans-unit>
          </body>
        </file>
      </xliff>
      """
    let document = try BilingualReader.xliff(try XLIFFReader.parse(Array(xliff.utf8), name: "b.xlf"), name: "b.xlf")
    #expect(try document.translatableSegments().map(\.id) == ["p1:1", "p1:2", "p2:1"])
    #expect(try document.translatableSegments().map(\.target) == ["The Kremlin kept silent.", "Kyiv spoke.", "Moscow."])
    #expect(document.targetLanguage == "en-US" && document.targetLanguageCode == "en")
  }

  @Test func truncatedXLIFFIsAClearError() {
    let truncated = String(Self.xliff21.prefix(300))
    #expect {
      try XLIFFReader.parse(Array(truncated.utf8), name: "t.xlf")
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix("t.xlf:") && text.contains("not well-formed XML")
    }
  }

  @Test(arguments: ["3.0", "1.2", ""])
  func aVersionThatDoesNotMatchTheNamespaceIsRejected(version: String) {
    let xliff = Self.xliff21.replacingOccurrences(of: "version=\"2.1\"", with: "version=\"\(version)\"")
    #expect {
      try XLIFFReader.parse(Array(xliff.utf8), name: "v.xlf")
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix("v.xlf:") && text.contains("unsupported XLIFF version \"\(version)\"")
    }
  }

  @Test func anXLIFF12TargetSegmentWithAnUnknownMidIsRejected() {
    let xliff = """
      <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
        <file original="s.txt" source-language="ro" target-language="en" datatype="plaintext"><body>
          <trans-unit id="p1">
            <source>Kremlinul a tăcut. Kievul a vorbit.</source>
            <seg-source><mrk mtype="seg" mid="1">Kremlinul a tăcut.</mrk> <mrk mtype="seg" mid="2">Kievul a vorbit.</mrk></seg-source>
            <target><mrk mtype="seg" mid="1">The Kremlin kept silent.</mrk> <mrk mtype="seg" mid="7">Kyiv spoke.</mrk></target>
          </trans-unit>
        </body></file>
      </xliff>
      """
    #expect { try XLIFFReader.parse(Array(xliff.utf8), name: "m.xlf") } throws: { error in
      "\(error)".hasPrefix("m.xlf:") && "\(error)".contains("mid=\"7\" that <seg-source> does not have (source mids: 1, 2)")
    }
  }

  @Test func repeatedIdsAreRejected() throws {
    let twiceSegment = Self.xliff21.replacingOccurrences(of: "<segment id=\"p1.s2\">", with: "<segment id=\"p1.s1\">")
    let a = try XLIFFReader.parse(Array(twiceSegment.utf8), name: "d.xlf")
    #expect { try BilingualReader.xliff(a, name: "d.xlf") } throws: {
      "\($0)" == "d.xlf:10: segment id \"p1.s1\" appears twice in unit \"p1\"; segment ids must be unique"
    }
    let twiceUnit = Self.xliff21.replacingOccurrences(of: "<unit id=\"p2\"", with: "<unit id=\"p1\"")
    let b = try XLIFFReader.parse(Array(twiceUnit.utf8), name: "d.xlf")
    #expect { try BilingualReader.xliff(b, name: "d.xlf") } throws: {
      "\($0)" == "d.xlf:12: unit id \"p1\" appears twice; every unit needs its own id"
    }
  }

  /// A paragraph of many sentences: ids are told apart past the first few as well, a repeat
  /// late in the unit is rejected, and ids that repeat across units are qualified.
  @Test func segmentIdsOfLongUnitsAreCheckedAndQualified() throws {
    func unit(_ id: String, _ segmentIDs: [String?]) -> BilingualUnit {
      BilingualUnit(id: id, parts: segmentIDs.enumerated().flatMap { k, sid -> [BilingualPart] in
        [.segment(BilingualSegment(id: sid, source: "Propoziția \(k + 1) a paragrafului.", target: "Sentence \(k + 1).",
                                   state: .translated, line: k + 2)),
         .ignorable(source: " ", target: " ")]
      })
    }
    func document(_ units: [BilingualUnit]) -> BilingualDocument {
      BilingualDocument(name: "p.xlf", sourceLanguage: "ro", targetLanguage: "en",
                        files: [BilingualFile(id: "f", original: nil, metadata: [:], notes: [], units: units)])
    }
    let long = (1...40).map { "s\($0)" }
    let segments = try document([unit("p1", long), unit("p2", [nil, nil])]).translatableSegments()
    #expect(segments.map(\.id) == long + ["p2", "p2#2"])
    // The 30th segment repeats the 25th's id: past the first sixteen.
    var repeated = long
    repeated[29] = "s25"
    #expect { try document([unit("p1", repeated)]).translatableSegments() } throws: {
      "\($0)" == "p.xlf:31: segment id \"s25\" appears twice in unit \"p1\"; segment ids must be unique"
    }
    repeated = long
    repeated[3] = "s2"
    #expect { try document([unit("p1", repeated)]).translatableSegments() } throws: {
      "\($0)" == "p.xlf:5: segment id \"s2\" appears twice in unit \"p1\"; segment ids must be unique"
    }
    // 1.2 mids restart in every unit: each is qualified with its unit, a unit's own id is not.
    let mids = try document([unit("a", ["1", "2"]), unit("b", ["1", "b"]), unit("c", [nil])]).translatableSegments()
    #expect(mids.map(\.id) == ["a:1", "a:2", "b:1", "b", "c"])
  }
}
