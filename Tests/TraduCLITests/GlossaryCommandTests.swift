import Foundation
import Testing

/// `tradu glossary` through the built binary: protocols, exit codes, errors.
@Suite struct GlossaryCommandTests {
  func temporaryFile(_ name: String, _ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-gloss-\(UUID().uuidString)-\(name)")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @Test func jsonlProtocolWithGlossaryLast() throws {
    let glossary = try temporaryFile("g.tsv", "source\ttype\ttarget\nKremlin\tORG\tKremlin\nUniunea Europeană\tORG\tEU\n")
    let input = #"{"id":"a","text":"🇷🇴 Purtătorul Kremlinului și al Uniunii Europene"}"# + "\n" + #"{"id":7,"text":""}"# + "\n"
    let result = try runTradu(["glossary", "match", "--jsonl", "--glossary", glossary], stdin: input)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(lines.count == 2)
    let matches = try #require(lines[0]?["matches"] as? [[String: Any]])
    // Code point offsets: the flag is two code points.
    #expect(matches.map { $0["entry"] as? String } == ["Kremlin", "Uniunea Europeană"])
    #expect(matches.first?["start"] as? Int == 14 && matches.first?["end"] as? Int == 25)
    #expect(lines[1]?["id"] as? Int == 7)
  }

  @Test func defaultGlossaryFromAnotherDirectory() throws {
    let text = try temporaryFile("a.txt", "Kremlinul a negat. Ucrainei i s-a cerut.")
    let process = Process()
    process.executableURL = try traduBinary()
    process.arguments = ["glossary", "match", "--json", text]
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let matches = try #require(root["matches"] as? [[String: Any]])
    #expect(matches.compactMap { $0["matched"] as? String } == ["Kremlinul", "Ucrainei"])
  }

  /// The built-in glossary is compiled in: a copy of the binary elsewhere still has it.
  @Test func defaultGlossaryTravelsWithTheBinary() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-copy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let copy = directory.appendingPathComponent("tradu")
    try FileManager.default.copyItem(at: try traduBinary(), to: copy)
    let process = Process()
    process.executableURL = copy
    process.arguments = ["glossary", "match", "-"]
    process.currentDirectoryURL = directory
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data("Purtătorul de cuvânt al Kremlinului, Casei Albe și NATO-ului.".utf8))
    try input.fileHandleForWriting.close()
    let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(out.split(separator: "\n").map { $0.split(separator: "\t")[2] } == ["Kremlinului", "Casei Albe", "NATO-ului"])
  }

  @Test func badGlossaryIsOneLineAndExitTwo() throws {
    let glossary = try temporaryFile("bad.tsv", "source\ttarget\tcolour\nKiev\tKyiv\tblue\n")
    let result = try runTradu(["glossary", "match", "--glossary", glossary, "Samples/mediafax-musk-putin.ro.txt"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "tradu: \(glossary):1: unknown column \"colour\"; known columns: id, source, target, type, status, dnt, match, forms, note\n")
  }

  @Test func lenientSkipsTheBadRow() throws {
    let glossary = try temporaryFile("half.tsv", "source\ttarget\tstatus\nKiev\tKyiv\tmaybe\nKremlin\tKremlin\t\n")
    let text = try temporaryFile("t.txt", "Kievul și Kremlinul.")
    let strict = try runTradu(["glossary", "match", "--glossary", glossary, text])
    #expect(strict.status == 2)
    let lenient = try runTradu(["glossary", "match", "--lenient", "--glossary", glossary, text])
    #expect(lenient.status == 0)
    #expect(lenient.stdout.contains("Kremlinul") && !lenient.stdout.contains("Kievul"))
    #expect(lenient.stderr.contains("\(glossary):2: unknown status \"maybe\""))
  }

  @Test func lintExitCodes() throws {
    let good = try temporaryFile("good.tsv", "source\ttarget\nVarșovia\tWarsaw\nKremlin\tthe Kremlin\n")
    let clean = try runTradu(["glossary", "lint", good])
    #expect(clean.status == 0, "\(clean.stdout)")
    // The shipped glossary's one finding without a dictionary: the one-letter name "X".
    let shipped = try runTradu(["glossary", "lint", "Glossaries/ro-en-news.tsv", "--no-dictionary"])
    #expect(shipped.status == 1)
    #expect(shipped.stdout.hasSuffix(": one-letter: \"X\" is one letter: a matcher finds it in initials and abbreviations; write the full name\n"))
    #expect(shipped.stdout.split(separator: "\n").count == 1)
    // A term that is a word of the dictionary given.
    let dictionary = try temporaryFile("ro.dic", "2\nnord/Q\nmare/A\n")
    let nord = try temporaryFile("nord.tsv", "source\ttarget\nNord\tNorth\n")
    let common = try runTradu(["glossary", "lint", nord, "--dictionary", dictionary])
    #expect(common.status == 1)
    #expect(common.stdout.contains("\(nord):2: common-word: \"Nord\" is the common Romanian word \"nord\""))
    let dirty = try temporaryFile("dup.tsv", "source\ttarget\nBerlin\tBerlin\nBerlin\tBerlin\n")
    let result = try runTradu(["glossary", "lint", dirty])
    #expect(result.status == 1)
    #expect(result.stdout == "\(dirty):2: duplicate: \"Berlin\" lists the target \"Berlin\" (preferred) twice\n")
  }

  @Test func inflectedCommonWordsByTheAffixFileBesideTheDictionary() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-gloss-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let dictionary = folder.appendingPathComponent("ro.dic").path
    try Data("1\npădure/A\n".utf8).write(to: URL(fileURLWithPath: dictionary))
    try Data("SET UTF-8\nSFX A Y 2\nSFX A e ea e\nSFX A e i e\n".utf8).write(to: folder.appendingPathComponent("ro.aff"))
    let glossary = try temporaryFile("forest.tsv", "source\ttarget\nPădurea\tPadurea (the restaurant)\n")
    let lint = try runTradu(["glossary", "lint", glossary, "--dictionary", dictionary])
    #expect(lint.status == 1)
    #expect(lint.stdout == "\(glossary):2: common-word: \"Pădurea\" is a form of the common Romanian word \"pădure\": a matcher finds it where the word is meant, not the name\n")
    // The untyped entry is then found only with a capital.
    let text = try temporaryFile("forest.txt", "Am cinat la Pădurea, apoi ne-am plimbat prin pădurea de fagi.\n")
    let found = try runTradu(["glossary", "match", "--glossary", glossary, "--dictionary", dictionary, text])
    #expect(found.status == 0)
    #expect(found.stdout == "12-19\texact\tPădurea\tPădurea → Padurea (the restaurant)\n")
    let everywhere = try runTradu(["glossary", "match", "--glossary", glossary, "--no-dictionary", text])
    #expect(everywhere.stdout.split(separator: "\n").count == 2)
  }

  @Test(arguments: ["match", "lint", "convert", "embed"])
  func helpHasExamples(_ subcommand: String) throws {
    let result = try runTradu(["glossary", subcommand, "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Examples:\n  tradu glossary \(subcommand)") || result.stdout.contains("swift run tradu glossary \(subcommand)"))
  }

  @Test func jsonNamesTheEntryItsIdAndTheProclitic() throws {
    let text = try temporaryFile("p.txt", "Declarația lui Putin.")
    let result = try runTradu(["glossary", "match", "--json", text])
    #expect(result.status == 0)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let match = try #require((root["matches"] as? [[String: Any]])?.first)
    #expect(match["entry"] as? String == "Putin" && match["entryId"] as? String == "per-putin")
    #expect(match["start"] as? Int == 15 && match["end"] as? Int == 20)
    let proclitic = try #require(match["proclitic"] as? [String: Int])
    #expect(proclitic == ["start": 11, "end": 14])
  }

  /// The offsets are code points of the text as read, whichever way they are counted: from
  /// each segment's start (no supplementary character in the text), or over the whole text
  /// (an emoji in a segment with a match, or in another one).
  @Test(arguments: [
    "Vladimir Putin a vorbit.\r\nȘtiința și Elon Musk, la Kremlin.\n\nDeclarația lui Putin: „da”.\n",
    "Vladimir Putin 🚀 a vorbit.\r\nȘtiința și Elon Musk, la Kremlin.\n\nDeclarația lui Putin: „da”.\n",
    "Un 🚀 aici.\n\nVladimir Putin a vorbit. Știința și Elon Musk 𝕏, la Kremlin.\n\nDeclarația lui Putin.\n",
  ])
  func matchOffsetsAreCodePointsOfTheText(_ content: String) throws {
    let text = try temporaryFile("offsets.txt", content)
    let scalars = Array(content.unicodeScalars)
    let json = try runTradu(["glossary", "match", "--json", text])
    #expect(json.status == 0)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let matches = try #require(root["matches"] as? [[String: Any]])
    #expect(matches.count >= 3)
    var lines: [String] = []
    for match in matches {
      let start = try #require(match["start"] as? Int), end = try #require(match["end"] as? Int)
      var found = String.UnicodeScalarView()
      found.append(contentsOf: scalars[start..<end])
      #expect(String(found) == match["matched"] as? String)
      lines.append("\(start)-\(end)")
    }
    // The text output gives the same places.
    let plain = try runTradu(["glossary", "match", text])
    #expect(plain.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) } == lines)
  }

  @Test func convertWritesTBXThatReadsBack() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-\(UUID().uuidString).tbx").path
    let result = try runTradu(["glossary", "convert", "Glossaries/ro-en-news.tsv", "--output", out])
    #expect(result.status == 0, "\(result.stderr)")
    let back = try runTradu(["glossary", "convert", out, "--to", "tsv"])
    #expect(back.status == 0)
    let original = try String(contentsOf: repositoryRoot.appendingPathComponent("Glossaries/ro-en-news.tsv"), encoding: .utf8)
    #expect(back.stdout.split(separator: "\n").count == original.split(separator: "\n").count)
  }
}
