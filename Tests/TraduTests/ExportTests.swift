import Foundation
import Testing
@testable import Tradu
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A stand-in glossary matcher for the exporters' tests: finds fixed forms by plain search.
func fixedTermMatcher(_ terms: [(form: String, entry: GlossaryEntry)]) -> Preparer.GlossaryMatching {
  let pairs = terms
  return { text throws(TraduError) in
    var found: [GlossaryMatch] = []
    let units = Array(text.utf16)
    for (form, entry) in pairs {
      let needle = Array(form.utf16)
      guard !needle.isEmpty, units.count >= needle.count else { continue }
      for start in 0...(units.count - needle.count) where units[start..<(start + needle.count)].elementsEqual(needle) {
        found.append(GlossaryMatch(entryID: entry.id, source: entry.source, matched: form,
                                   range: start..<(start + needle.count),
                                   kind: form == entry.source ? .exact : .inflected, targets: entry.targets))
      }
    }
    return found
  }
}

let kremlin = GlossaryEntry(id: "kremlin", source: "Kremlin", targets: [GlossaryTarget(term: "Kremlin")], type: .organization)
let kyiv = GlossaryEntry(id: "kyiv", source: "Kiev", targets: [GlossaryTarget(term: "Kyiv"), GlossaryTarget(term: "Kiev", status: .forbidden)], type: .geopolitical)

@Suite struct ExportTests {
  let stamp = ExportStamp(toolVersion: "9.9.9", date: "2026-11-25T12:00:00Z")
  let article = "Purtătorul de cuvânt al Kremlinului a vorbit. Kievul a răspuns 🇺🇦 imediat.\n\nÎntâlnirea de la Kiev & Kremlin s-a amânat.\n"

  private func prepared(_ text: String) throws -> PreparedDocument {
    let preparer = Preparer(normalization: nil, glossaryMatching: fixedTermMatcher([
      ("Kremlinului", kremlin), ("Kremlin", kremlin), ("Kievul", kyiv), ("Kiev", kyiv),
    ]))
    return try preparer.prepare(bytes: Array(text.utf8), name: "dir/articol.ro.txt")
  }

  private func schema() throws -> JSONSchemaValidator {
    JSONSchemaValidator(root: try JSONValue.parse(try repositoryText("Schemas/tradu.schema.json")))
  }

  /// Whether `xml` parses with Foundation's XMLParser, with `parserError` checked too.
  private func isWellFormed(_ xml: String) -> Bool {
    let parser = XMLParser(data: Data(xml.utf8))
    return parser.parse() && parser.parserError == nil
  }

  @Test func glossaryMatchesBecomeTermMarkersAndModuleEntries() throws {
    let xml = XLIFFWriter(version: .v2_1, stamp: stamp).render(try prepared(article))
    #expect(xml.contains("<source>Purtătorul de cuvânt al <mrk id=\"t1\" type=\"term\">Kremlinului</mrk> a vorbit.</source>"))
    #expect(xml.contains("<source><mrk id=\"t2\" type=\"term\">Kievul</mrk> a răspuns 🇺🇦 imediat.</source>"))
    #expect(xml.contains("<gls:glossEntry ref=\"#t2\"><gls:term source=\"tradu:kyiv\">Kiev</gls:term><gls:translation>Kyiv</gls:translation><gls:definition>Found as &quot;Kievul&quot; (inflected). Do not use: Kiev.</gls:definition></gls:glossEntry>"))
    // Second paragraph: marker ids restart per unit; the "&" is escaped.
    #expect(xml.contains("Întâlnirea de la <mrk id=\"t1\" type=\"term\">Kiev</mrk> &amp; <mrk id=\"t2\" type=\"term\">Kremlin</mrk> s-a amânat."))
    #expect(xml.contains("original=\"articol.ro.txt\""))
    #expect(!xml.contains("dir/"))
    #expect(isWellFormed(xml))
  }

  @Test func outputIsDeterministicAndStamped() throws {
    let document = try prepared(article)
    for version in XLIFFVersion.allCases {
      let first = XLIFFWriter(version: version, stamp: stamp).render(document)
      #expect(first == XLIFFWriter(version: version, stamp: stamp).render(try prepared(article)))
      #expect(first.contains("9.9.9"))
    }
    #expect(TMXWriter(stamp: stamp).render(document).contains("creationdate=\"20261125T120000Z\""))
    #expect(JSONExporter(stamp: stamp).render(document).contains("\"created\": \"2026-11-25T12:00:00Z\""))
    #expect(!XLIFFWriter(version: .v2_1, stamp: ExportStamp(toolVersion: "1")).render(document).contains("2026"))
  }

  @Test func jsonMatchesTheShippedSchemaAndItsOffsetsPointIntoTheArticle() throws {
    let validator = try schema()
    let document = try prepared(article)
    for unit in OffsetUnit.allCases {
      let json = JSONExporter(stamp: stamp, offsetUnit: unit).render(document)
      let value = try JSONValue.parse(json)
      #expect(validator.errors(value) == [], "\(unit)")
      // Each segment's offsets cut its source out of the article, in the declared unit.
      guard case .array(let units)? = value.objectValue?["units"] else { Issue.record("no units"); continue }
      for case .object(let u) in units {
        guard case .array(let segments)? = u["segments"] else { continue }
        for case .object(let s) in segments {
          guard case .integer(let start)? = s["start"], case .integer(let end)? = s["end"],
                case .string(let source)? = s["source"] else { Issue.record("bad segment"); continue }
          let cut: String
          switch unit {
          case .utf8: cut = String(decoding: Array(article.utf8)[start..<end], as: UTF8.self)
          case .utf16: cut = String(decoding: Array(article.utf16)[start..<end], as: UTF16.self)
          case .codepoint:
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: Array(article.unicodeScalars)[start..<end])
            cut = String(scalars)
          }
          #expect(cut == source, "\(unit)")
          guard case .array(let terms)? = s["glossary"] else { continue }
          for case .object(let t) in terms {
            guard case .integer(let ts)? = t["start"], case .integer(let te)? = t["end"],
                  case .string(let matched)? = t["matched"] else { continue }
            let inSource: String
            switch unit {
            case .utf8: inSource = String(decoding: Array(source.utf8)[ts..<te], as: UTF8.self)
            case .utf16: inSource = String(decoding: Array(source.utf16)[ts..<te], as: UTF16.self)
            case .codepoint: inSource = String(String.UnicodeScalarView(Array(source.unicodeScalars)[ts..<te]))
            }
            #expect(inSource == matched)
          }
        }
      }
    }
  }

  @Test func theSchemaValidatorRejectsBrokenDocuments() throws {
    let validator = try schema()
    let good = try JSONValue.parse(JSONExporter(stamp: stamp).render(try prepared(article)))
    guard case .object(var broken) = good else { Issue.record("not an object"); return }
    broken["units"] = nil
    broken["extra"] = .string("x")
    broken["version"] = .integer(2)
    let problems = validator.errors(.object(broken))
    #expect(problems.contains("$: missing units"))
    #expect(problems.contains("$: unexpected property extra"))
    #expect(problems.contains("$.version: not the constant"))
    let badState = try JSONValue.parse(JSONExporter(stamp: stamp).render(try prepared("Ana.")).replacingOccurrences(of: "\"initial\"", with: "\"new\""))
    #expect(validator.errors(badState).contains { $0.hasSuffix("state: not one of the enum values") })
  }

  @Test func jsonLinesAreOneValidUnitEach() throws {
    let validator = try schema()
    let lines = JSONExporter(stamp: stamp).renderLines(try prepared(article)).split(separator: "\n")
    #expect(lines.count == 2)
    for line in lines {
      let value = try JSONValue.parse(String(line))
      #expect(validator.errors(value, schema: .object(["$ref": .string("#/$defs/unitLine")])) == [])
    }
  }

  @Test func everyFormatIsWellFormedForHostileTexts() throws {
    let validator = try schema()
    for (name, text) in HostileTexts.all {
      let document = try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: name)
      for version in XLIFFVersion.allCases {
        #expect(isWellFormed(XLIFFWriter(version: version, stamp: stamp).render(document)), "\(name) \(version)")
      }
      #expect(isWellFormed(TMXWriter(stamp: stamp).render(document)), "\(name) tmx")
      let json = try JSONValue.parse(JSONExporter(stamp: stamp).render(document))
      #expect(validator.errors(json) == [], "\(name) json")
    }
  }

  @Test func xliff12AndTMXCarryTheSameSources() throws {
    let document = try prepared(article)
    let read = try XLIFFReader.parse(Array(XLIFFWriter(version: .v1_2, stamp: stamp).render(document).utf8), name: "a.xlf")
    #expect(read.units.flatMap(\.segments).map(\.source) == document.segments.map(\.source))
    #expect(read.units.flatMap(\.segments).map(\.id) == document.segments.map(\.id))
    #expect(read.units[0].notes.contains { $0.text.contains("Kievul → Kyiv (not Kiev)") })
    let tmx = TMXWriter(stamp: stamp).render(document)
    #expect(tmx.components(separatedBy: "<tu ").count - 1 == document.segments.count)
    #expect(tmx.contains("<tu tuid=\"p2.s1\"><tuv xml:lang=\"ro\"><seg>Întâlnirea de la Kiev &amp; Kremlin s-a amânat.</seg></tuv></tu>"))
  }

  @Test func statisticsCountWhatATranslatorQuotes() throws {
    let text = "Ana are 3 mere. Ana are 3 mere.\n\nIon, nu!\n"
    let figures = try PreparationStatistics(try Preparer(normalization: nil).prepare(bytes: Array(text.utf8), name: "a"))
    #expect(figures.paragraphs == 2)
    #expect(figures.segments == 3)
    #expect(figures.words == 10)  // Ana are 3 mere ×2, Ion nu
    #expect(figures.repeatedSegments == 1)
    #expect(figures.characters == 15 + 15 + 8)
    let glossed = try PreparationStatistics(try prepared(article))
    #expect(glossed.glossaryHits == 4)
  }
}
