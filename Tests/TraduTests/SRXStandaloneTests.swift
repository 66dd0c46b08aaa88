import Foundation
import Testing
@testable import Tradu

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The exported SRX stands alone: applied by a plain SRX engine (below, on Foundation's
/// NSRegularExpression, with no ICU sentence breaks), it cuts paragraphs as Tradu does.
@Suite struct SRXStandaloneTests {
  /// A minimal SRX 2.0 engine as the standard describes it: at every position between two
  /// characters, the first rule whose `beforebreak` matches the text ending there and whose
  /// `afterbreak` matches the text starting there decides; where none does, no break.
  struct PlainSRXEngine {
    struct Rule {
      var breaks: Bool
      var before: NSRegularExpression
      var after: NSRegularExpression
    }
    var rules: [Rule]

    /// The rules an SRX document gives `language`, in cascade order.
    init(srx: String, language: String) throws {
      let collector = Collector()
      let parser = XMLParser(data: Data(srx.utf8))
      parser.delegate = collector
      #expect(parser.parse())
      let cascade = collector.cascade
      var names: [String] = []
      for (pattern, name) in collector.maps {
        let whole = try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
        guard whole.firstMatch(in: language, range: NSRange(location: 0, length: (language as NSString).length)) != nil else { continue }
        names.append(name)
        if !cascade { break }
      }
      rules = try names.flatMap { name in
        try (collector.sets[name] ?? []).map { rule in
          Rule(breaks: rule.breaks, before: try NSRegularExpression(pattern: "(?:" + rule.before + ")$"),
               after: try NSRegularExpression(pattern: rule.after))
        }
      }
    }

    /// `paragraph` cut at its breaks, each piece trimmed, empty pieces left out.
    func segments(_ paragraph: String) -> [String] {
      let text = paragraph as NSString
      var pieces: [String] = []
      var start = 0
      for position in 1..<max(1, text.length) where breaks(text, at: position) {
        pieces.append(text.substring(with: NSRange(location: start, length: position - start)))
        start = position
      }
      pieces.append(text.substring(from: start))
      return pieces.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private func breaks(_ text: NSString, at position: Int) -> Bool {
      let rest = NSRange(location: position, length: text.length - position)
      let head = NSRange(location: 0, length: position)
      for rule in rules {
        guard rule.after.firstMatch(in: text as String, options: [.anchored, .withTransparentBounds], range: rest) != nil,
              rule.before.firstMatch(in: text as String, options: [], range: head) != nil
        else { continue }
        return rule.breaks
      }
      return false
    }

    /// Collects language rule sets and maps from the SRX document.
    final class Collector: NSObject, XMLParserDelegate {
      var cascade = false
      var sets: [String: [(breaks: Bool, before: String, after: String)]] = [:]
      var maps: [(pattern: String, name: String)] = []
      private var set = ""
      private var text: String?
      private var rule: (breaks: Bool, before: String, after: String)?

      func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                  qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "header": cascade = attributes["cascade"] == "yes"
        case "languagerule": set = attributes["languagerulename"] ?? ""
        case "rule": rule = (attributes["break"] != "no", "", "")
        case "beforebreak", "afterbreak": text = ""
        case "languagemap": maps.append((attributes["languagepattern"] ?? "", attributes["languagerulename"] ?? ""))
        default: break
        }
      }

      func parser(_ parser: XMLParser, foundCharacters string: String) { text? += string }

      func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "beforebreak": rule?.before = text ?? ""; text = nil
        case "afterbreak": rule?.after = text ?? ""; text = nil
        case "rule": if let rule { sets[set, default: []].append(rule) }; rule = nil
        default: break
        }
      }
    }
  }

  /// Tradu's segments of `text` and the plain engine's, paragraph by paragraph.
  func bothCuts(_ text: String, _ engine: PlainSRXEngine) throws -> (tradu: [[String]], srx: [[String]]) {
    let segmented = try Segmenter().segment(text)
    let units = Array(text.utf16)
    var tradu: [[String]] = []
    var srx: [[String]] = []
    for paragraph in segmented.paragraphs {
      tradu.append(paragraph.segments.map(\.text))
      srx.append(engine.segments(String(decoding: units[paragraph.range], as: UTF16.self)))
    }
    return (tradu, srx)
  }

  @Test func thePlainEngineCutsTheSamplesAsTradu() throws {
    let engine = try PlainSRXEngine(srx: SRX.document(for: .romanian), language: "ro")
    for sample in ["mediafax-musk-putin.ro.txt", "mediafax-musk-putin.v2.ro.txt", "hard-cases.ro.txt"] {
      let (tradu, srx) = try bothCuts(try repositoryText("Samples/" + sample), engine)
      #expect(srx == tradu, "\(sample)")
      if sample == "mediafax-musk-putin.ro.txt" {
        // The seed's first ten paragraphs (the translatable ones) hold twelve sentences.
        #expect(srx.prefix(10).joined().count == 12)
      }
    }
  }

  @Test func thePlainEngineCutsEveryMarkedCaseAsTradu() throws {
    let engine = try PlainSRXEngine(srx: SRX.document(for: .romanian), language: "ro")
    for c in SegmentationRulesTests.cases {
      let (tradu, srx) = try bothCuts(c.text, engine)
      #expect(srx == tradu, "\(c.testDescription)")
    }
  }

  /// Without the rule set that restates ICU, Tradu's rules alone leave most sentences
  /// uncut: the standalone set is what does the ordinary work.
  @Test func withoutTheUnicodeRulesThePlainEngineMissesOrdinarySentenceEnds() throws {
    let document = SRX.document(for: .romanian)
    let languageRulesOnly = document.replacingOccurrences(
      of: "<languagemap languagepattern=\".*\" languagerulename=\"\(UnicodeSentenceRules.ruleSetName)\"/>", with: "")
    #expect(languageRulesOnly != document)
    let engine = try PlainSRXEngine(srx: languageRulesOnly, language: "ro")
    let (tradu, srx) = try bothCuts("Ana a plecat. Ion a rămas acasă! Dl. Pop vine mâine.", engine)
    #expect(tradu == [["Ana a plecat.", "Ion a rămas acasă!", "Dl. Pop vine mâine."]])
    #expect(srx == [["Ana a plecat. Ion a rămas acasă! Dl. Pop vine mâine."]])
  }

  @Test func tradusOwnReaderSkipsTheUnicodeRulesButAppliesThemWithoutICU() throws {
    let document = SRX.document(for: .romanian)
    let withICU = try SRX.rules(from: Data(document.utf8), language: "ro")
    #expect(withICU.base == .icu)
    #expect(withICU.rules.count == SegmentationRules.romanian.rules.count)
    // A language without rules of its own gets ICU's breaks, not an error.
    #expect(try SRX.rules(from: Data(document.utf8), language: "hu").rules.isEmpty)

    let withoutICU = try SRX.rules(
      from: Data(document.replacingOccurrences(of: " base=\"icu\"", with: "").utf8), language: "ro")
    #expect(withoutICU.base == .none)
    #expect(withoutICU.rules.count == SegmentationRules.romanian.rules.count + UnicodeSentenceRules.rules.count)
    let article = try seedArticle()
    #expect(try Segmenter(rules: withoutICU).segment(article).segments.map(\.text)
      == Segmenter().segment(article).segments.map(\.text))
  }
}
