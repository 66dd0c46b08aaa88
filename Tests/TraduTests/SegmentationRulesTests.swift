import Foundation
import Testing
@testable import Tradu

/// One case of `Fixtures/ro-sentences.txt`: the text and the segments it must give.
struct MarkedCase: CustomTestStringConvertible, Sendable {
  var line: Int
  var section: String
  var marked: String

  /// The input: the marks removed, "␤" as a line break.
  var text: String {
    marked.replacingOccurrences(of: "÷", with: "").replacingOccurrences(of: "␤", with: "\n")
  }

  /// The expected segments: the pieces between marks and line breaks, trimmed.
  var expected: [String] {
    marked.replacingOccurrences(of: "␤", with: "\n").split(separator: "÷")
      .map { String($0.trimmingWhitespace()) }
  }

  var testDescription: String { "line \(line): \(marked)" }

  /// The cases of a fixture in this format (by default the Romanian one).
  static func all(file: String = "Tests/TraduTests/Fixtures/ro-sentences.txt") throws -> [MarkedCase] {
    var cases: [MarkedCase] = []
    var section = ""
    for (index, line) in try repositoryText(file)
      .split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
      if line.isEmpty || line.hasPrefix("#") { continue }
      cases.append(MarkedCase(line: index + 1, section: section, marked: String(line)))
    }
    return cases
  }
}

@Suite struct SegmentationRulesTests {
  static let cases = (try? MarkedCase.all()) ?? []
  static let segmenter = Segmenter()

  func segments(_ text: String, _ segmenter: Segmenter = segmenter) throws -> [String] {
    try segmenter.segment(text).segments.map(\.text)
  }

  @Test func fixtureHasEnoughCasesOfEveryKind() throws {
    let cases = try MarkedCase.all()
    #expect(cases.count >= 150)
    #expect(cases.filter { $0.marked.contains("÷") }.count >= 60, "must-break cases")
    #expect(cases.filter { !$0.marked.contains("÷") }.count >= 60, "must-not-break cases")
    #expect(Set(cases.map(\.section)).count >= 15)
  }

  @Test(arguments: cases)
  func romanianCase(_ c: MarkedCase) throws {
    #expect(try segments(c.text) == c.expected)
  }

  @Test func icuAloneSplitsAfterRomanianAbbreviations() throws {
    let icu = Segmenter(rules: .icuOnly)
    #expect(try segments("Dl. Popescu a venit.", icu) == ["Dl.", "Popescu a venit."])
    #expect(try segments("Prof. Ionescu a venit.", icu) == ["Prof.", "Ionescu a venit."])
    let abbreviationCases = Self.cases.filter { $0.section.hasPrefix("Titles and forms") }
    var wrong = 0
    for c in abbreviationCases where try segments(c.text, icu) != c.expected { wrong += 1 }
    #expect(wrong * 2 > abbreviationCases.count, "ICU alone should get most of these wrong")
  }

  // MARK: The rules file

  @Test func compiledInRulesMatchTheRulesFile() throws {
    let file = try repositoryText("Rules/romanian.rules")
    #expect(RomanianRules.text == file, "Rules/romanian.rules changed: paste it into Sources/Tradu/Text/RomanianRules.swift")
  }

  @Test func romanianRulesHaveTheirLists() {
    let rules = SegmentationRules.romanian
    #expect(rules.base == .icu)
    #expect(rules.rules.count >= 6)
    for name in ["title", "reference", "address", "month", "common", "starters", "label-words"] {
      #expect((rules.lists[name]?.count ?? 0) >= 5, "list \(name)")
    }
    #expect(rules.lists["title"]!.contains("dl"))
    #expect(rules.lists["reference"]!.contains("art"))
  }

  @Test func formattedRulesParseBackToTheSameRules() throws {
    let rules = SegmentationRules.romanian
    let again = try SegmentationRules(parsing: rules.formatted())
    #expect(again == rules)
  }

  @Test func userRulesFileAddsAnAbbreviation() throws {
    let text = "Am vorbit cu mgr. Ionescu ieri."
    #expect(try segments(text).count == 2)
    var rules = SegmentationRules.romanian
    rules.lists["title"]!.append("mgr")
    #expect(try segments(text, Segmenter(rules: rules)) == [text])
  }

  @Test func regexRuleInTraduFormat() throws {
    let rules = try SegmentationRules(parsing: """
      base: icu
      [rules]
      break     /;/ ÷ /\\s+\\p{Lu}/
      no-break  abbreviation(extra) ÷ any
      [list extra]
      mgr
      """)
    #expect(try segments("Ion a plecat; Maria a rămas cu mgr. Pop.", Segmenter(rules: rules))
      == ["Ion a plecat;", "Maria a rămas cu mgr. Pop."])
  }

  @Test func breakRuleWithAnyBeforeLooksAtEveryGap() throws {
    let rules = try SegmentationRules(parsing: "base: icu\n[rules]\nbreak any ÷ dialogue-dash\n")
    let text = "Ion a venit – Maria a plecat, – a spus el."
    #expect(try segments(text) == [text])
    #expect(try segments(text, Segmenter(rules: rules)) == ["Ion a venit", "– Maria a plecat, – a spus el."])
  }

  @Test(arguments: [
    ("[rules]\nbreak sentence-end capital", 2, "' ÷ '"),
    ("[rules]\nmaybe sentence-end ÷ capital", 2, "break or no-break"),
    ("[rules]\nno-break abbreviation(nope) ÷ any", 2, "no [list nope]"),
    ("[rules]\nno-break sentence-end ÷ sideways", 2, "unknown after condition"),
    ("\n\n[rules]\nno-break /(unclosed/ ÷ any", 4, "ICU rejects"),
    ("base: maybe", 1, "icu or none"),
    ("[stuff]", 1, "unknown section"),
    ("[list x]\na\n[rules]\nno-break sentence-end unless-after(x) ÷ any", 4, "unless-after"),
  ])
  func badRulesNameTheLine(text: String, line: Int, message: String) {
    #expect {
      _ = try SegmentationRules(parsing: text, path: "my.rules")
    } throws: { error in
      guard case .malformedInput(let path, let l, let reason)? = error as? TraduError else { return false }
      return path == "my.rules" && l == line && reason.contains(message)
    }
  }

  // MARK: SRX

  @Test func exportedSRXSegmentsExactlyLikeTheBuiltInRules() throws {
    let srx = SRX.document(for: .romanian)
    let loaded = try SRX.rules(from: Data(srx.utf8), language: "ro")
    #expect(loaded.base == .icu)
    #expect(loaded.rules.count == SegmentationRules.romanian.rules.count)
    let viaSRX = Segmenter(rules: loaded)
    for c in Self.cases {
      #expect(try segments(c.text, viaSRX) == segments(c.text), "\(c.testDescription)")
    }
    let article = try seedArticle()
    #expect(try segments(article, viaSRX) == segments(article))
  }

  @Test func srxRulesGiveTheSameSegmentsFromConcurrentTasks() async throws {
    // The SRX path compiles its regexes once and matches with per-call copies; concurrent
    // calls on one segmenter must not share match state.
    let loaded = try SRX.rules(from: Data(SRX.document(for: .romanian).utf8), language: "ro")
    let segmenter = Segmenter(rules: loaded)
    let texts = Self.cases.prefix(40).map(\.text)
    let expected = try texts.map { try segments($0) }
    let results = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
      for _ in 0..<4 {
        for (index, text) in texts.enumerated() {
          group.addTask { (index, try segments(text, segmenter)) }
        }
      }
      var all: [(Int, [String])] = []
      for try await result in group { all.append(result) }
      return all
    }
    #expect(results.count == texts.count * 4)
    for (index, segs) in results { #expect(segs == expected[index], "\(texts[index])") }
  }

  @Test func srxRoundTripIsStable() throws {
    let first = SRX.document(for: .romanian)
    let rules = try SRX.rules(from: Data(first.utf8))
    let second = SRX.document(for: rules)
    // The only difference: the first carries the Tradu form of each rule as a comment.
    func withoutComments(_ srx: String) -> String {
      srx.split(separator: "\n").filter { !$0.contains("<!--") }.joined(separator: "\n") + "\n"
    }
    #expect(second != first)
    #expect(withoutComments(second) == withoutComments(first))
    #expect(try SRX.rules(from: Data(second.utf8)) == rules)
  }

  static let customSRX = """
    <?xml version="1.0" encoding="UTF-8"?>
    <srx xmlns="http://www.lisa.org/srx20" version="2.0">
      <header segmentsubflows="yes" cascade="no">
        <tradu:options xmlns:tradu="urn:x-tradu:srx" base="icu"/>
      </header>
      <body>
        <languagerules>
          <languagerule languagerulename="Romanian custom">
            <rule break="no"><beforebreak>\\bsq\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
            <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\\s+\\p{Lu}</afterbreak></rule>
          </languagerule>
          <languagerule languagerulename="English">
            <rule break="no"><beforebreak>\\bMr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
          </languagerule>
        </languagerules>
        <maprules>
          <languagemap languagepattern="en.*" languagerulename="English"/>
          <languagemap languagepattern="ro.*" languagerulename="Romanian custom"/>
        </maprules>
      </body>
    </srx>
    """

  @Test func loadedSRXChangesSegmentationAsItsRulesSay() throws {
    let text = "Am văzut sq. Ionescu azi; Mâine plecăm. Bine."
    #expect(try segments(text) == ["Am văzut sq.", "Ionescu azi; Mâine plecăm.", "Bine."])
    let rules = try SRX.rules(from: Data(Self.customSRX.utf8), language: "ro")
    #expect(rules.rules.count == 2)
    #expect(try segments(text, Segmenter(rules: rules)) == ["Am văzut sq. Ionescu azi;", "Mâine plecăm.", "Bine."])
    let english = try SRX.rules(from: Data(Self.customSRX.utf8), language: "en-GB")
    #expect(english.rules.count == 1)
  }

  @Test func plainSRXBreaksOnlyWhereABreakRuleSays() throws {
    let srx = """
      <srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="no"/>
      <body><languagerules><languagerule languagerulename="r">
      <rule break="no"><beforebreak>\\bDl\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
      <rule><beforebreak>[.?!]+</beforebreak><afterbreak>\\s</afterbreak></rule>
      </languagerule></languagerules>
      <maprules><languagemap languagepattern=".*" languagerulename="r"/></maprules></body></srx>
      """
    let rules = try SRX.rules(from: Data(srx.utf8))
    #expect(rules.base == .none)
    // ICU would not break before a lower-case word; this file does, and keeps "Dl." whole.
    #expect(try segments("Dl. Pop a venit. apoi a plecat! Gata", Segmenter(rules: rules))
      == ["Dl. Pop a venit.", "apoi a plecat!", "Gata"])
  }

  @Test(arguments: [
    ("<?xml version=\"1.0\"?>\n<!DOCTYPE srx [<!ENTITY x \"y\">]>\n<srx/>", "DOCTYPE", 2),
    ("<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><header>", "well-formed", nil),
    ("<rules/>", "root element", 1),
    ("<srx xmlns=\"http://www.lisa.org/srx20\" version=\"1.0\"/>", "version 2.0", 1),
    ("", "has no XML element", 1),
  ] as [(String, String, Int?)])
  func badSRXIsAnXMLError(xml: String, message: String, line: Int?) {
    #expect {
      _ = try SRX.rules(from: Data(xml.utf8), path: "bad.srx")
    } throws: { error in
      guard case .malformedXML(let path, let l, _, let reason)? = error as? TraduError else { return false }
      return path == "bad.srx" && reason.contains(message) && (line == nil || l == line)
    }
  }

  @Test func srxWithABadRegexOrNoMapNamesTheProblem() {
    let badRegex = Self.customSRX.replacingOccurrences(of: "\\bsq\\.", with: "(sq")
    #expect {
      _ = try SRX.rules(from: Data(badRegex.utf8), path: "x.srx")
    } throws: { error in
      guard case .malformedInput(_, let line, let reason)? = error as? TraduError else { return false }
      return line == 9 && reason.contains("ICU rejects")
    }
    #expect {
      _ = try SRX.rules(from: Data(Self.customSRX.utf8), language: "hu", path: "x.srx")
    } throws: { error in
      (error as? TraduError)?.description.contains("no languagemap matches the language \"hu\"") == true
    }
  }

  @Test func loadPicksTheFormatByContent() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-rules-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let srxFile = dir.appendingPathComponent("custom.xml")
    try Data(Self.customSRX.utf8).write(to: srxFile)
    let rulesFile = dir.appendingPathComponent("custom.rules")
    try Data(SegmentationRules.romanian.formatted().utf8).write(to: rulesFile)
    #expect(try SegmentationRules.load(path: srxFile.path).rules.count == 2)
    #expect(try SegmentationRules.load(path: rulesFile.path) == .romanian)
    #expect(throws: TraduError.self) { try SegmentationRules.load(path: dir.appendingPathComponent("missing").path) }
  }

  // MARK: UTF-16 conversion

  @Test(arguments: [
    "", "a", "Știri", "1234567", "12345678", "123456789", "ăâîșț ĂÂÎȘȚ şţ", "€ 5 – „citat”",
    "emoji 👩‍👩‍👧 și 🇷🇴 la final", "😀", "abcdefgh😀abcdefgh", String(repeating: "Țară ", count: 40),
  ])
  func fastConversionEqualsTheStandardLibrary(text: String) {
    #expect([UInt16](utf16Of: text) == Array(text.utf16))
  }

  /// The rules' letter-case tests answer as the general category does, for every UTF-16 unit
  /// alone (ASCII answered inline, the rest out of line) and for surrogate pairs (𝐀 U+1D400 is
  /// an uppercase letter, 𝐚 U+1D41A a lowercase one, 😀 neither).
  @Test func letterCaseTestsAreTheGeneralCategorys() {
    for unit in 0...0xFFFF {
      let units = [UInt16(unit), 0x20]
      units.withUnsafeBufferPointer { u in
        #expect(isUppercaseLetter(u, 0) == (category(u, 0) == .uppercaseLetter), "U+\(String(unit, radix: 16))")
        #expect(isLowercaseLetter(u, 0) == (category(u, 0) == .lowercaseLetter), "U+\(String(unit, radix: 16))")
      }
    }
    for (text, upper, lower) in [("𝐀", true, false), ("𝐚", false, true), ("😀", false, false), ("Ș", true, false), ("ț", false, true)] {
      Array(text.utf16).withUnsafeBufferPointer { u in
        #expect(isUppercaseLetter(u, 0) == upper && isLowercaseLetter(u, 0) == lower, "\(text)")
      }
    }
  }
}
