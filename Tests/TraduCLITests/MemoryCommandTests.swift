import Foundation
import Testing
@testable import Tradu

/// `tradu tm …`, `prepare --tm` and `update` through the real binary.
@Suite struct MemoryCommandTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-tm-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  static let cities = ["Cluj", "Iași", "Timișoara", "Constanța", "Brașov", "Oradea", "Sibiu", "Craiova", "Galați", "Arad"]
  static let subjects = ["Consiliul local", "Primăria", "Prefectura", "Consiliul județean", "Inspectoratul școlar"]
  static let verbs = ["a aprobat", "a respins", "a amânat", "a discutat", "a contestat"]
  static let objects = ["proiecte de infrastructură", "cereri de finanțare", "planuri urbanistice", "contracte de lucrări"]

  /// Sentence `n` of a family of distinct Romanian sentences, with its English translation.
  static func pair(_ n: Int) -> (String, String) {
    let city = cities[n % cities.count], subject = subjects[(n / 10) % subjects.count]
    let verb = verbs[(n / 50) % verbs.count], object = objects[(n / 250) % objects.count]
    let count = n / 1000 + 2
    return ("\(subject) din \(city) \(verb) \(count) \(object) în ședința nr. \(n).",
            "The \(city) body (\(subject)) handled \(count) items in session no. \(n).")
  }

  static func tmx(_ range: Range<Int>) -> String {
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="ro" datatype="plaintext"/>
      <body>

      """
    for n in range {
      let (ro, en) = pair(n)
      out += "<tu><tuv xml:lang=\"ro\"><seg>\(ro)</seg></tuv><tuv xml:lang=\"en\"><seg>\(en)</seg></tuv></tu>\n"
    }
    return out + "</body></tmx>\n"
  }

  /// Starts the binary without waiting for it.
  func start(_ arguments: [String], stdin: String = "") throws -> (Process, Pipe, Pipe) {
    try startTradu(arguments, stdin: stdin)
  }

  @Test func twoReadersWhileAThirdProcessImports() throws {
    let memory = path("shared.tm")
    try Self.tmx(0..<200).write(toFile: path("first.tmx"), atomically: true, encoding: .utf8)
    try Self.tmx(200..<8_200).write(toFile: path("more.tmx"), atomically: true, encoding: .utf8)
    #expect(try runTradu(["tm", "import", path("first.tmx"), "--tm", memory]).status == 0)

    var queries = ""
    for round in 0..<15 {
      for n in stride(from: round % 5, to: 200, by: 5) {
        queries += "{\"id\":\"\(round)-\(n)\",\"text\":\"\(Self.pair(n).0)\"}\n"
      }
    }
    let importer = try start(["tm", "import", path("more.tmx"), "--tm", memory])
    let readers = try (0..<2).map { _ in try start(["tm", "lookup", "--jsonl", "--tm", memory, "--max", "1"], stdin: queries) }
    for (process, output, error) in readers {
      let out = output.fileHandleForReading.readDataToEndOfFile()
      let err = error.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(String(decoding: err, as: UTF8.self))")
      let lines = String(decoding: out, as: UTF8.self).split(separator: "\n")
      #expect(lines.count == 600)
      for line in lines {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let match = try #require((object["matches"] as? [[String: Any]])?.first)
        #expect(match["score"] as? Int == 100)
      }
    }
    let (process, _, error) = importer
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(String(decoding: err, as: UTF8.self))")
    let stats = try runTradu(["tm", "stats", "--json", "--tm", memory])
    let figures = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
    #expect(figures?["units"] as? Int == 8_200)
  }

  @Test func readersSeeTheCommittedMemoryWhileAnImportIsHalfWay() throws {
    let memory = path("held.tm")
    try Self.tmx(0..<100).write(toFile: path("first.tmx"), atomically: true, encoding: .utf8)
    #expect(try runTradu(["tm", "import", path("first.tmx"), "--tm", memory]).status == 0)
    // This process plays a writer half-way through: its transaction has deleted units 1–50
    // and is not committed while two other processes read the memory.
    let writer = try SQLiteDatabase(path: memory)
    let mode = try writer.prepare("PRAGMA journal_mode")
    #expect(try mode.step() && mode.text(0) == "wal")
    mode.reset()
    try writer.execute("BEGIN IMMEDIATE; DELETE FROM units WHERE id <= 50")
    let queries = (0..<100).map { "{\"id\":\"\($0)\",\"text\":\"\(Self.pair($0).0)\"}\n" }.joined()
    let readers = try (0..<2).map { _ in try start(["tm", "lookup", "--jsonl", "--tm", memory, "--max", "1"], stdin: queries) }
    for (process, output, error) in readers {
      let out = output.fileHandleForReading.readDataToEndOfFile()
      let err = error.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(String(decoding: err, as: UTF8.self))")
      let scores = try String(decoding: out, as: UTF8.self).split(separator: "\n").map { line in
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return (object?["matches"] as? [[String: Any]])?.first?["score"] as? Int
      }
      #expect(scores == Array(repeating: 100, count: 100), "a reader saw the uncommitted deletion or failed")
    }
    try writer.execute("COMMIT")
    let after = try runTradu(["tm", "lookup", "--jsonl", "--tm", memory, "--max", "1"], stdin: queries)
    #expect(after.status == 0)
    #expect(after.stdout.split(separator: "\n").filter { $0.contains("\"score\":100") }.count == 50)
  }

  @Test func mergeStoresTheTranslationsInTheMemory() throws {
    let earlier = path("earlier.tm")
    #expect(try runTradu(["tm", "import", "--source", "Samples/mediafax-musk-putin.ro.txt",
                          "--target", "Samples/mediafax-musk-putin.en.txt", "--tm", earlier]).status == 0)
    // The seed's new version: its unchanged sentences get their translations, the new ones none.
    let xlf = path("v2.xlf")
    #expect(try runTradu(["prepare", "Samples/mediafax-musk-putin.v2.ro.txt", "--tm", earlier, "--fill", "exact",
                          "-o", xlf]).status == 0)
    let segments = try XLIFFReader.read(path: xlf).units.filter(\.isTranslatable).flatMap(\.segments)
    let translated = segments.filter { $0.target != nil }
    #expect(translated.count >= 5 && translated.count < segments.count)

    // A file that is not a memory stops the merge before it writes anything.
    try "notes, not a memory".write(toFile: path("notes.tm"), atomically: true, encoding: .utf8)
    let refused = try runTradu(["merge", xlf, "-o", path("refused.txt"), "--tm", path("notes.tm")])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("notes.tm"))
    #expect(!FileManager.default.fileExists(atPath: path("refused.txt")))
    #expect(try runTradu(["merge", "-", "--tm", path("x.tm")], stdin: "").status == 64)

    let memory = path("merged.tm")
    let merged = try runTradu(["merge", xlf, "-o", path("v2.en.txt"), "--tm", memory, "--author", "ana"])
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(FileManager.default.fileExists(atPath: path("v2.en.txt")))
    let distinct = Set(translated.map { "\($0.source)\u{0}\($0.target!)" }).count
    #expect(merged.stderr.contains("\(distinct) added, \(translated.count - distinct) already there"), "\(merged.stderr)")
    #expect(merged.stderr.contains("\(segments.count - translated.count) without a target"))
    let stats = try runTradu(["tm", "stats", "--json", "--tm", memory])
    #expect((try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["units"] as? Int == distinct)
    let sample = try #require(translated.last)
    let lookup = try runTradu(["tm", "lookup", sample.source, "--tm", memory, "--json"])
    #expect(lookup.stdout.contains("\"score\" : 100"))
    #expect(lookup.stdout.contains("\"author\" : \"ana\""))
    // Merging the same file again stores nothing twice.
    let again = try runTradu(["merge", xlf, "-o", path("v2.en.txt"), "--tm", memory])
    #expect(again.stderr.contains("0 added, \(translated.count) already there"))
  }

  @Test func importTakesOnlyRealTranslationsAndExportRoundTrips() throws {
    let memory = path("m.tm")
    // XLIFF 1.2 as a tool leaves it: one target seeded with its source, one translated, one
    // copied on purpose and marked translated, one without a target.
    let xliff = """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.txt" source-language="ro" target-language="en" datatype="plaintext"><body>
      <trans-unit id="1"><source>Ministrul a demisionat.</source><target state="needs-translation">Ministrul a demisionat.</target></trans-unit>
      <trans-unit id="2"><source>Premierul a acceptat demisia.</source><target state="translated">The prime minister accepted the resignation.</target></trans-unit>
      <trans-unit id="3"><source>Coca-Cola</source><target state="translated">Coca-Cola</target></trans-unit>
      <trans-unit id="4"><source>Opoziţia cere alegeri.</source></trans-unit>
      </body></file></xliff>
      """
    try xliff.write(toFile: path("a.xlf"), atomically: true, encoding: .utf8)
    let imported = try runTradu(["tm", "import", path("a.xlf"), "--tm", memory, "--author", "ana"])
    #expect(imported.status == 0)
    #expect(imported.stderr.contains("2 added, 0 already there, 1 not translations (target = source), 1 without a target"))
    let lookup = try runTradu(["tm", "lookup", "Premierul a acceptat demisia", "--tm", memory, "--json"])
    #expect(lookup.stdout.contains("\"target\" : \"The prime minister accepted the resignation.\""))
    #expect(lookup.stdout.contains("\"author\" : \"ana\""))

    let exported = try runTradu(["tm", "export", "--to", "tmx", "--tm", memory, "-o", path("out.tmx")])
    #expect(exported.status == 0)
    let tmx = try String(contentsOfFile: path("out.tmx"), encoding: .utf8)
    #expect(tmx.contains("creationid=\"ana\""))
    #expect(tmx.contains("<prop type=\"x-tradu-origin\">human</prop>"))
    let again = try runTradu(["tm", "import", path("out.tmx"), "--tm", path("copy.tm")])
    #expect(again.stderr.contains("2 added"))
    let search = try runTradu(["tm", "search", "demisia", "--tm", path("copy.tm")])
    #expect(search.stdout.contains("The prime minister accepted the resignation."))
  }

  @Test func badInputsGiveClearErrors() throws {
    try "<tmx version=\"1.4\"><body><tu>".write(toFile: path("broken.tmx"), atomically: true, encoding: .utf8)
    let broken = try runTradu(["tm", "import", path("broken.tmx"), "--tm", path("x.tm")])
    #expect(broken.status == 2)
    #expect(broken.stderr.contains("broken.tmx"))
    let missing = try runTradu(["tm", "lookup", "Ceva.", "--tm", path("none.tm")])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no such translation memory"))
    #expect(!FileManager.default.fileExists(atPath: path("none.tm")))
    try "not a database at all, just text".write(toFile: path("text.tm"), atomically: true, encoding: .utf8)
    let notDB = try runTradu(["tm", "stats", "--tm", path("text.tm")])
    #expect(notDB.status == 2)
    #expect(notDB.stderr.contains("text.tm"))
    let usage = try runTradu(["tm", "lookup", "--tm", path("x.tm")])
    #expect(usage.status == 64)
  }

  @Test func prepareWithTheMemoryAndUpdateTheSeed() throws {
    let memory = path("news.tm")
    let imported = try runTradu(["tm", "import", "--source", "Samples/mediafax-musk-putin.ro.txt",
                                 "--target", "Samples/mediafax-musk-putin.en.txt", "--tm", memory])
    #expect(imported.status == 0, "\(imported.stderr)")
    // Samples/ shows the seed's new version prepared against this memory.
    let sample = try runTradu(["prepare", "Samples/mediafax-musk-putin.v2.ro.txt", "--tm", memory, "--fill", "exact",
                               "-o", path("sample.xlf")])
    #expect(sample.status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path("sample.xlf")))
      == Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.v2.ro.xlf")),
      "Samples/mediafax-musk-putin.v2.ro.xlf is stale: regenerate it (README, Translation memory)")
    let old = path("seed.xlf")
    let prepared = try runTradu(["prepare", "Samples/mediafax-musk-putin.ro.txt", "--tm", memory, "--fill", "exact",
                                 "-o", old])
    #expect(prepared.status == 0)
    #expect(prepared.stderr.contains("leverage (words / segments): 101 "))
    let update = try runTradu(["update", old, "Samples/mediafax-musk-putin.v2.ro.txt", "-o", path("v2.xlf")])
    #expect(update.status == 0, "\(update.stderr)")
    #expect(update.stderr.contains(" kept, "))
    let v2 = try String(contentsOfFile: path("v2.xlf"), encoding: .utf8)
    #expect(v2.contains("<mtc:matches"))
    #expect(v2.contains("state=\"translated\""))
  }
}
