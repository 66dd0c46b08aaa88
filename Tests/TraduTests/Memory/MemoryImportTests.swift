import Foundation
import Testing
@testable import Tradu

/// `MemoryImport.importFile`: a TMX file stored while it is read, block by block.
@Suite struct MemoryImportTests {
  static let names = ["Iohannis", "Ciolacu", "Bolojan", "Ponta", "Orban", "Cîțu", "Dăncilă", "Grindeanu"]
  static let places = ["Cluj", "Iași", "Timișoara", "Constanța", "Brașov", "Craiova", "Galați", "Oradea"]

  /// Sentence `n` of a TMX, with cedillas in every third (stored with commas below).
  static func source(_ n: Int) -> String {
    let sentence = "\(names[n % 8]) a anunțat la \(places[n / 8 % 8]) că bugetul crește cu \(n) de lei."
    return n % 3 == 0 ? sentence.replacingOccurrences(of: "ț", with: "ţ").replacingOccurrences(of: "ș", with: "ş") : sentence
  }

  static func target(_ n: Int) -> String { "\(names[n % 8]) said in \(places[n / 8 % 8]) that the budget grows by \(n) lei." }

  /// A TMX of `count` units: every 97th without a target, every 101st translated into French,
  /// and `extra` (raw XML) after the last unit.
  static func tmx(_ count: Int, extra: String = "") -> String {
    var text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" \
      adminlang="en" srclang="ro-RO" datatype="plaintext"/>
      <body>

      """
    for n in 0..<count {
      text += "<tu tuid=\"u\(n)\"><tuv xml:lang=\"ro-RO\"><seg>\(source(n))</seg></tuv>"
      if n % 97 != 5 {
        text += n % 101 == 7 ? "<tuv xml:lang=\"fr-FR\"><seg>Budget \(n).</seg></tuv>"
          : "<tuv xml:lang=\"en-GB\"><seg>\(target(n))</seg></tuv>"
      }
      text += "</tu>\n"
    }
    return text + extra + "</body></tmx>\n"
  }

  /// The stored units, in order.
  static func units(_ memory: TranslationMemory) throws -> [MemoryUnit] {
    try (1...Int(memory.integer("SELECT max(id) FROM units"))).compactMap { try memory.unit(id: Int64($0)) }
  }

  /// Across the blocks (three and a bit), every unit with a target is stored once, in order,
  /// normalized, in its own languages, with the keys of its neighbours in the file as context
  /// (the unit before the first of a block and after its last included), and found again.
  @Test func aTMXStoredWhileReadHoldsEveryUnitWithItsContext() throws {
    let count = 3 * TranslationMemory.addBlock + 100
    let file = try TemporaryMemory()
    let tmxPath = file.folder.appendingPathComponent("news.tmx").path
    try Self.tmx(count).write(toFile: tmxPath, atomically: true, encoding: .utf8)
    let memory = try TranslationMemory(path: file.path)
    let imported = try MemoryImport.importFile(path: tmxPath, into: memory, date: day)
    let withoutTarget = (0..<count).filter { $0 % 97 == 5 }.count
    #expect(imported.added.added == count - withoutTarget)
    #expect(imported.untranslated == withoutTarget)
    #expect(imported.added.updated == 0 && imported.added.skipped == 0 && imported.notTranslations == 0)

    let sources = (0..<count).map { Self.source($0).replacingOccurrences(of: "ţ", with: "ț").replacingOccurrences(of: "ş", with: "ș") }
    let stored = try Self.units(memory)
    let expected = (0..<count).filter { $0 % 97 != 5 }
    #expect(stored.count == expected.count)
    for (unit, n) in zip(stored, expected) {
      #expect(unit.source == sources[n], "\(n)")
      #expect(unit.target == (n % 101 == 7 ? "Budget \(n)." : Self.target(n)), "\(n)")
      #expect(unit.sourceLanguage == "ro" && unit.targetLanguage == (n % 101 == 7 ? "fr" : "en"), "\(n)")
      #expect(unit.context == MemoryContext.of(n, in: sources), "\(n)")
      #expect(unit.origin == .import && unit.document == "news.tmx" && unit.created == day)
    }
    // Reading the file gives the same units.
    let read = try MemoryImport.read(path: tmxPath, date: day)
    #expect(read.units.map(\.source) == stored.map(\.source))
    #expect(read.units.map(\.context) == stored.map(\.context))
    #expect(read.units.map(\.targetLanguage) == stored.map(\.targetLanguage))
    // In context at a block's edges, and exact from any spelling.
    for n in [TranslationMemory.addBlock - 1, TranslationMemory.addBlock, 2 * TranslationMemory.addBlock, count - 1]
    where n % 97 != 5 && n % 101 != 7 {
      let match = try memory.lookup(Self.source(n), context: MemoryContext.of(n, in: sources)).first
      #expect(match?.score == 101 && match?.unit.target == Self.target(n), "\(n)")
    }
    for table in ["unit_words", "unit_pairs"] {
      try memory.database.execute("INSERT INTO \(table)(\(table)) VALUES ('integrity-check')")
    }
  }

  /// A file that turns out bad after blocks were stored adds nothing, and the error names the
  /// file and the line; the memory takes the next import as if nothing happened.
  @Test func aTMXBadAfterSeveralBlocksAddsNothing() throws {
    let file = try TemporaryMemory()
    let memory = try TranslationMemory(path: file.path)
    let count = 2 * TranslationMemory.addBlock + 10
    // The header takes 3 lines, each unit one: the bad unit is on line 4 + count.
    let noSource = "<tu tuid=\"bad\"><tuv xml:lang=\"en\"><seg>Only English.</seg></tuv></tu>\n"
    let cases: [(String, String, Int)] = [
      (Self.tmx(count, extra: noSource), "no <tuv> in the source language", 4 + count),
      (String(Self.tmx(count).dropLast(8)), "", 0),  // cut before </tmx>
      (Self.tmx(count, extra: "<tu><tuv xml:lang=\"ro\"><seg>Fără &nbsp; sfârșit</seg></tuv></tu>\n"), "", 4 + count),
    ]
    for (index, (text, reason, line)) in cases.enumerated() {
      let tmxPath = file.folder.appendingPathComponent("bad\(index).tmx").path
      try text.write(toFile: tmxPath, atomically: true, encoding: .utf8)
      #expect {
        _ = try MemoryImport.importFile(path: tmxPath, into: memory, date: day)
      } throws: { error in
        guard case .malformedXML(let path, let errorLine, _, let why) = error as? TraduError else { return false }
        return path == tmxPath && (reason.isEmpty || why.contains(reason)) && (line == 0 ? errorLine != nil : errorLine == line)
      }
      #expect(try memory.integer("SELECT count(*) FROM units") == 0, "case \(index)")
    }
    let good = file.folder.appendingPathComponent("good.tmx").path
    try Self.tmx(50).write(toFile: good, atomically: true, encoding: .utf8)
    #expect(try MemoryImport.importFile(path: good, into: memory, date: day).added.added == 50 - 1)
    for table in ["unit_words", "unit_pairs"] {
      try memory.database.execute("INSERT INTO \(table)(\(table)) VALUES ('integrity-check')")
    }
  }

  /// XLIFF, JSON and the article pairs go through the same taking: sources normalized once,
  /// keyed with their neighbours; `add` still normalizes what other callers give it.
  @Test func otherKindsAreNormalizedOnceAndAddStillNormalizes() throws {
    let file = try TemporaryMemory()
    let jsonl = file.folder.appendingPathComponent("pairs.jsonl").path
    let lines = (0..<5).map { n in
      "{\"id\":\"\(n)\",\"source\":\"\(Self.source(n * 3))\",\"target\":\"\(Self.target(n * 3))\"}"
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: jsonl, atomically: true, encoding: .utf8)
    let memory = try TranslationMemory(path: file.path)
    let imported = try MemoryImport.importFile(path: jsonl, into: memory, date: day)
    #expect(imported.added.added == 5)
    let stored = try Self.units(memory)
    #expect(stored.allSatisfy { !$0.source.contains("ţ") && !$0.source.contains("ş") })
    // Through the public `add`, a unit with cedillas is stored with commas below and found
    // from either spelling.
    let other = try TranslationMemory(path: ":memory:")
    try other.add([human(Self.source(3), Self.target(3))])
    #expect(try other.unit(id: 1)?.source == stored[1].source)
    #expect(try other.lookup(stored[1].source).first?.score == 100)
    #expect(try other.lookup(Self.source(3)).first?.score == 100)
  }
}
