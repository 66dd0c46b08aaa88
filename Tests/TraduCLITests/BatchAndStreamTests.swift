import Foundation
import Testing

/// `prepare` over folders (batch mode) and over a stream of JSONL articles, run as the real
/// binary on a temporary tree.
@Suite struct BatchAndStreamTests {
  /// Short articles of our own, beside the seed article and the hard cases.
  static let articles: [String: String] = [
    "stiri/politica/guvern.txt": """
      Guvernul a aprobat bugetul

      Dl. Ion Popescu a declarat joi la Bucureşti că bugetul pe 2024 a fost aprobat. Kremlinul nu a comentat.

      Premierul a spus că „nimic nu e sigur” până la votul din Parlament.
      """,
    "stiri/externe/kiev.txt": """
      Atac la Kiev

      Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a negat orice implicare. Uniunea Europeană a condamnat atacul.
      """,
    "sport/meci.txt": "Steaua a câştigat meciul cu 2-1. Antrenorul a fost mulţumit.\n",
  ]

  /// A temporary folder holding `in/` with the articles (nested), the two samples, a broken
  /// file, a hidden file and a file that is not text; removed by the caller.
  static func makeTree(broken: Bool = true) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-batch-\(UUID().uuidString)")
    let input = root.appendingPathComponent("in")
    for (path, text) in articles {
      let url = input.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    for sample in ["mediafax-musk-putin.ro.txt", "hard-cases.ro.txt"] {
      try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Samples/\(sample)"),
                                       to: input.appendingPathComponent(sample))
    }
    if broken { try Data([0x61, 0x62, 0x00, 0x63]).write(to: input.appendingPathComponent("stiri/stricat.txt")) }
    try Data("ascuns".utf8).write(to: input.appendingPathComponent(".ascuns.txt"))
    try Data("nu e articol".utf8).write(to: input.appendingPathComponent("poza.jpg"))
    return root
  }

  /// The files below `folder` (relative paths) and their bytes, the ledger left out.
  static func contents(of folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let walker = FileManager.default.enumerator(atPath: folder.path)
    while let relative = walker?.nextObject() as? String {
      var isFolder: ObjCBool = false
      let path = folder.appendingPathComponent(relative).path
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
         !relative.hasSuffix(".tradu-prepare") {
        result[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
      }
    }
    return result
  }

  static let expectedOutputs: Set<String> = [
    "stiri/politica/guvern.xlf", "stiri/externe/kiev.xlf", "sport/meci.xlf",
    "mediafax-musk-putin.ro.xlf", "hard-cases.ro.xlf",
  ]

  @Test func batchKeepsTheLayoutGoesPastABrokenFileAndReportsIt() throws {
    let root = try Self.makeTree()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    let result = try runTradu(["prepare", root.appendingPathComponent("in").path, "-o", out.path, "--progress", "none"])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("1 of 6 articles failed"), "\(result.stderr)")
    #expect(result.stderr.contains("stiri/stricat.txt: byte 2: NUL byte"), "\(result.stderr)")
    let outputs = try Self.contents(of: out)
    #expect(Set(outputs.keys) == Self.expectedOutputs)
    // Each output is what preparing its article alone gives.
    for (relative, text) in Self.articles {
      let alone = root.appendingPathComponent("alone.xlf")
      let single = try runTradu(["prepare", root.appendingPathComponent("in/\(relative)").path, "-o", alone.path, "--stats", "none"])
      #expect(single.status == 0)
      let expected = try Data(contentsOf: alone)
      #expect(outputs[relative.replacingOccurrences(of: ".txt", with: ".xlf")] == expected, "\(relative): \(text.prefix(20))")
    }
  }

  /// A batch checks each output once, when it is written, yet reports what a check before the
  /// work reported: an output holding a translator's work is refused and kept, even for an
  /// article that cannot be prepared; a broken article's folder is still made; the ledger
  /// keeps the outputs of this run and of articles no longer given.
  @Test func refusedOutputsAreNamedBeforeABrokenArticlesFaultAndTheLedgerKeepsWhatIsThere() throws {
    let root = try Self.makeTree()
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("in")
    let out = root.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: input.appendingPathComponent("rupt"), withIntermediateDirectories: true)
    try Data([0x41, 0x00, 0x42]).write(to: input.appendingPathComponent("rupt/gol.txt"))
    // A translated output for the broken article and for a good one.
    let translated = """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ro" trgLang="en">
        <file id="f1"><unit id="p1"><segment id="p1.s1"><source>Steaua a câştigat.</source><target>Steaua won.</target></segment></unit></file>
      </xliff>
      """
    for relative in ["stiri/stricat.xlf", "sport/meci.xlf"] {
      let url = out.appendingPathComponent(relative)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(translated.utf8).write(to: url)
    }
    // An old line of the ledger whose output is still there, for an article no longer given.
    try Data("<xliff/>".utf8).write(to: out.appendingPathComponent("vechi.xlf"))
    try Data("0123abcd\tvechi.xlf\n".utf8).write(to: out.appendingPathComponent(".tradu-prepare"))

    let result = try runTradu(["prepare", input.path, "-o", out.path, "--progress", "none"])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("3 of 7 articles failed"), "\(result.stderr)")
    #expect(result.stderr.contains("stricat.xlf: not written: holds 1 translated segment that would be lost"), "\(result.stderr)")
    #expect(result.stderr.contains("meci.xlf: not written: holds 1 translated segment that would be lost"), "\(result.stderr)")
    #expect(result.stderr.contains("rupt/gol.txt: byte 1: NUL byte"), "\(result.stderr)")
    #expect(!result.stderr.contains("stricat.txt: byte 2: NUL byte"), "\(result.stderr)")
    for relative in ["stiri/stricat.xlf", "sport/meci.xlf"] {
      #expect(try String(contentsOf: out.appendingPathComponent(relative), encoding: .utf8) == translated)
    }
    var isFolder: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("rupt").path, isDirectory: &isFolder) && isFolder.boolValue)
    let ledger = try String(contentsOf: out.appendingPathComponent(".tradu-prepare"), encoding: .utf8)
    let listed = Set(ledger.split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) })
    #expect(listed == ["vechi.xlf", "stiri/politica/guvern.xlf", "stiri/externe/kiev.xlf", "mediafax-musk-putin.ro.xlf", "hard-cases.ro.xlf"])
  }

  @Test func upToDateOutputsAreSkippedUntilTheArticleGlossaryOrOptionsChange() throws {
    let root = try Self.makeTree(broken: false)
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("in").path
    let out = root.appendingPathComponent("out").path
    func run(_ extra: [String] = []) throws -> String {
      let result = try runTradu(["prepare", input, "-o", out, "--progress", "none"] + extra)
      #expect(result.status == 0, "\(result.stderr)")
      return result.stderr
    }
    #expect(try run().contains("5 prepared, 0 up to date, 0 failed, of 5 articles"))
    let first = try Self.contents(of: URL(fileURLWithPath: out))
    #expect(try run().contains("0 prepared, 5 up to date"))
    #expect(try Self.contents(of: URL(fileURLWithPath: out)) == first)

    // One article changed, one output removed (as after an interruption): those two only.
    try Data("Un text nou. Cu două propoziţii.\n".utf8).write(to: URL(fileURLWithPath: input + "/sport/meci.txt"))
    try FileManager.default.removeItem(atPath: out + "/hard-cases.ro.xlf")
    #expect(try run().contains("2 prepared, 3 up to date"))

    // Timestamps play no part: touching every article changes nothing.
    for relative in Self.articles.keys {
      try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: input + "/" + relative)
    }
    #expect(try run().contains("0 prepared, 5 up to date"))

    // Another glossary, other options, or --force: everything again.
    let glossary = root.appendingPathComponent("termeni.tsv")
    try Data("source\ttarget\nKremlin\tKremlin\nBucureşti\tBucharest\n".utf8).write(to: glossary)
    #expect(try run(["--glossary", glossary.path]).contains("5 prepared, 0 up to date"))
    #expect(try run(["--glossary", glossary.path]).contains("0 prepared, 5 up to date"))
    #expect(try run(["--glossary", glossary.path, "--target-lang", "fr"]).contains("5 prepared, 0 up to date"))
    #expect(try run(["--glossary", glossary.path, "--target-lang", "fr", "--force"]).contains("5 prepared, 0 up to date"))
  }

  @Test func oneJobAndFourJobsWriteTheSameOutputs() throws {
    let root = try Self.makeTree()
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("in").path
    for jobs in ["1", "4"] {
      let result = try runTradu(["prepare", input, "-o", root.appendingPathComponent("out\(jobs)").path, "--jobs", jobs,
                                 "--to", "json", "--progress", "none"])
      #expect(result.status == 2)
    }
    let one = try Self.contents(of: root.appendingPathComponent("out1"))
    #expect(one.count == 5)
    #expect(one == (try Self.contents(of: root.appendingPathComponent("out4"))))
  }

  @Test func namedFilesAndFoldersMixAndProgressCanBeJSON() throws {
    let root = try Self.makeTree(broken: false)
    defer { try? FileManager.default.removeItem(at: root) }
    let result = try runTradu([
      "prepare", root.appendingPathComponent("in/sport").path, root.appendingPathComponent("in/hard-cases.ro.txt").path,
      "-o", root.appendingPathComponent("out").path, "--progress", "json", "--to", "jsonl",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Set(try Self.contents(of: root.appendingPathComponent("out")).keys) == ["meci.jsonl", "hard-cases.ro.jsonl"])
    let last = result.stderr.split(separator: "\n").first { $0.contains("\"final\":true") }
    let object = try #require(try JSONSerialization.jsonObject(with: Data((last ?? "").utf8)) as? [String: Any])
    #expect(object["files"] as? Int == 2)
    #expect(object["done"] as? Int == 2)
    #expect(object["failed"] as? Int == 0)
  }

  @Test func streamedArticlesGiveWhatPreparingEachFileGives() throws {
    let root = try Self.makeTree(broken: false)
    defer { try? FileManager.default.removeItem(at: root) }
    var stream = ""
    var expected = ""
    for relative in Self.articles.keys.sorted() + ["mediafax-musk-putin.ro.txt"] {
      let path = root.appendingPathComponent("in/\(relative)").path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let name = (relative as NSString).lastPathComponent
      let line = try JSONSerialization.data(withJSONObject: ["id": name, "text": text])
      stream += String(decoding: line, as: UTF8.self) + "\n"
      let single = try runTradu(["prepare", path, "--to", "jsonl", "-o", "-", "--stats", "none"])
      #expect(single.status == 0)
      expected += single.stdout
    }
    let streamed = try runTradu(["prepare", "--input-format", "jsonl", "--to", "jsonl", "-"], stdin: stream)
    #expect(streamed.status == 0, "\(streamed.stderr)")
    #expect(streamed.stdout == expected)

    // A bad line is reported with its number; the others are still prepared.
    let bad = try runTradu(["prepare", "--input-format", "jsonl", "--to", "jsonl", "-"],
                           stdin: "{\"id\": \"a\", \"text\": \"Kremlinul a negat.\"}\nnu e JSON\n{\"text\": \"Fără id.\"}\n")
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("<stdin>:2: not a JSON object"), "\(bad.stderr)")
    #expect(bad.stderr.contains("<stdin>:3: missing \"id\""), "\(bad.stderr)")
    #expect(bad.stdout.split(separator: "\n").count == 1)
    #expect(bad.stdout.contains("\"document\": \"a\""))
  }

  @Test func checkGoesThroughFoldersPairsByNameAndListsWhatItCouldNotRead() throws {
    let root = try Self.makeTree(broken: false)
    defer { try? FileManager.default.removeItem(at: root) }
    // Translations of the seed article: the bundled one, and one that keeps the forbidden "Kiev".
    let source = root.appendingPathComponent("ro"), target = root.appendingPathComponent("en")
    for folder in [source, target] { try FileManager.default.createDirectory(at: folder.appendingPathComponent("lumea"), withIntermediateDirectories: true) }
    let seed = repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin")
    try FileManager.default.copyItem(at: seed.appendingPathExtension("ro.txt"), to: source.appendingPathComponent("lumea/musk.txt"))
    try FileManager.default.copyItem(at: seed.appendingPathExtension("en.txt"), to: target.appendingPathComponent("lumea/musk.txt"))
    try Data("Guvernul a aprobat bugetul.\n".utf8).write(to: source.appendingPathComponent("guvern.txt"))
    try Data("The government approved the budget.\n".utf8).write(to: target.appendingPathComponent("guvern.txt"))
    try Data("Fără traducere.\n".utf8).write(to: source.appendingPathComponent("singur.txt"))

    let reports = root.appendingPathComponent("reports")
    let paired = try runTradu(["check", "--source", source.path, "--target", target.path, "--format", "json",
                               "-o", reports.path, "--progress", "none", "--jobs", "2"])
    #expect(paired.status == 2, "\(paired.stderr)")
    #expect(paired.stderr.contains("1 file could not be checked"), "\(paired.stderr)")
    #expect(paired.stderr.contains("en/singur.txt"), "\(paired.stderr)")
    #expect(Set(try Self.contents(of: reports).keys) == ["lumea/musk.txt.check.json", "guvern.txt.check.json"])
    // The folder's report on the seed pair is the one checking the pair alone gives.
    let alone = try runTradu(["check", "--source", source.appendingPathComponent("lumea/musk.txt").path,
                              "--target", target.appendingPathComponent("lumea/musk.txt").path, "--format", "json"])
    #expect(alone.status == 1)
    #expect(try Self.contents(of: reports)["lumea/musk.txt.check.json"] == Data(alone.stdout.utf8))

    // Prepared files in a folder, checked as text to standard output in path order.
    let prepared = root.appendingPathComponent("prepared")
    #expect(try runTradu(["prepare", root.appendingPathComponent("in/stiri").path, "-o", prepared.path, "--progress", "none"]).status == 0)
    let folder = try runTradu(["check", prepared.path, "--progress", "none"])
    #expect(folder.status == 1, "\(folder.stderr)")
    #expect(folder.stderr.contains("checked 2 of 2 files"), "\(folder.stderr)")
    let kiev = try #require(folder.stdout.range(of: "externe/kiev.xlf"))
    let guvern = try #require(folder.stdout.range(of: "politica/guvern.xlf"))
    #expect(kiev.lowerBound < guvern.lowerBound)
  }
}
