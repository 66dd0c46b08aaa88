import Foundation
import Testing
@testable import TraduCLI

/// `tradu align`, run as a real process on the seed article and its translation.
@Suite struct AlignCommandTests {
  let ro = "Samples/mediafax-musk-putin.ro.txt"
  let en = "Samples/mediafax-musk-putin.en.txt"

  func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-align-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  @Test func seedArticleAlignsToAMemoryAndAReview() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let tmx = directory.appendingPathComponent("seed.tmx").path
    let result = try runTradu(["align", ro, en, "-o", tmx])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("19 source and 19 target sentences"))
    let memory = try String(contentsOfFile: tmx, encoding: .utf8)
    // The site notices at the end are boilerplate (not for translation): not in the memory.
    #expect(memory.components(separatedBy: "<tu ").count - 1 == 12)
    #expect(!memory.contains("Facebook"))
    #expect(memory.contains("<seg>Ce i-a cerut liderul de la Kremlin</seg></tuv><tuv xml:lang=\"en\"><seg>What the Kremlin leader asked of him</seg>"))

    // XLIFF → merge gives the English text back; check reads it.
    let xlf = directory.appendingPathComponent("seed.xlf").path
    let html = directory.appendingPathComponent("seed.html").path
    let aligned = try runTradu(["align", ro, en, "--to", "xliff", "-o", xlf, "--report", "html", "--report-output", html])
    #expect(aligned.status == 0, "\(aligned.stderr)")
    #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<tr class=\"link"))
    let merged = try runTradu(["merge", xlf, "-o", "-"])
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(merged.stdout.contains("In one conversation Putin asked the entrepreneur not to switch on his Starlink"))
    let checked = try runTradu(["check", xlf, "--format", "json"])
    #expect(checked.status == 0 || checked.status == 1, "\(checked.stderr)")
    #expect(checked.stdout.contains("\"units\""))
  }

  @Test func shippedSampleIsWhatAlignWritesNow() throws {
    let result = try runTradu(["align", ro, en, "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    let golden = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.aligned.tmx"), encoding: .utf8)
    #expect(result.stdout == golden, "Samples/mediafax-musk-putin.aligned.tmx is stale: regenerate it (README)")
  }

  @Test func jsonOutputListsTheLinks() throws {
    let result = try runTradu(["align", ro, en, "--to", "json", "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(object?["schema"] as? String == "tradu-align/1")
    #expect((object?["links"] as? [Any])?.count == 19)
  }

  @Test func anUnrelatedTranslationIsRefusedWithoutAFile() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // The Romanian article given as its own "translation": wrong language.
    let out = directory.appendingPathComponent("wrong.tmx").path
    let result = try runTradu(["align", ro, ro, "-o", out])
    #expect(result.status == 1)
    #expect(result.stderr.contains("reads as Romanian"))
    #expect(result.stderr.contains("--force"))
    #expect(!FileManager.default.fileExists(atPath: out))
    // An empty translation, and --force writing the file anyway.
    let empty = directory.appendingPathComponent("empty.en.txt")
    try Data().write(to: empty)
    let forced = try runTradu(["align", ro, empty.path, "-o", out, "--force"])
    #expect(forced.status == 1)
    #expect(forced.stderr.contains("the translation is empty"))
    #expect(FileManager.default.fileExists(atPath: out))
  }

  @Test func missingTranslationIsBadInput() throws {
    let result = try runTradu(["align", ro, "no/such/file.en.txt", "-o", "-"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("no/such/file.en.txt"))
  }

  @Test func jsonlProtocolAnswersEachDocument() throws {
    let input = """
      {"doc_id":"a","ro":["Ion a venit la 12.30.","Maria a plecat.","Vremea e frumoasă."],"en":["Ion came at 12:30.","Maria left.","The weather is nice."]}
      {"doc_id":"b","ro":[],"en":["Only English."]}

      """
    let result = try runTradu(["align", "--jsonl"], stdin: input)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(lines.count == 2)
    #expect(lines[0]?["doc_id"] as? String == "a")
    #expect((lines[0]?["links"] as? [[[Int]]]) == [[[0], [0]], [[1], [1]], [[2], [2]]])
    #expect((lines[1]?["links"] as? [[[Int]]]) == [[[], [0]]])
  }

  @Test func usageErrors() {
    for arguments in [["align"], ["align", "a.txt"], ["align", "--jsonl", "a.txt"], ["align", "a", "b", "-o", "-", "--report", "html"]] {
      do {
        _ = try TraduCommand.parseAsRoot(arguments)
        Issue.record("parsed \(arguments)")
      } catch {
        #expect(TraduCommand.exitCode(for: error).rawValue == 64, "\(arguments)")
      }
    }
    let help = TraduCommand.helpMessage(for: AlignCommand.self, columns: 100)
    #expect(help.contains("Examples:") && help.contains("--report-output"))
  }

  /// Folders: `ro/` with the seed article, a short article of our own, one whose
  /// "translation" is Romanian and one with no translation; `en/` with the same paths.
  func makePairs(in directory: URL) throws -> (ro: URL, en: URL) {
    let roFolder = directory.appendingPathComponent("ro"), enFolder = directory.appendingPathComponent("en")
    func put(_ text: String, _ folder: URL, _ path: String) throws {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    let seedRo = try String(contentsOf: repositoryRoot.appendingPathComponent(ro), encoding: .utf8)
    let seedEn = try String(contentsOf: repositoryRoot.appendingPathComponent(en), encoding: .utf8)
    try put(seedRo, roFolder, "2022/musk.txt")
    try put(seedEn, enFolder, "2022/musk.txt")
    try put("Guvernul a aprobat bugetul\n\nPremierul Ion Popescu a anunțat joi că bugetul pe 2024 a fost aprobat cu 234 de voturi. Opoziția a criticat deficitul de 5,2%.\n",
            roFolder, "2024/buget.txt")
    try put("Government approves the budget\n\nPrime Minister Ion Popescu announced on Thursday that the 2024 budget was approved with 234 votes. The opposition criticised the 5.2% deficit.\n",
            enFolder, "2024/buget.txt")
    try put(seedRo, roFolder, "2024/netradus.txt")
    try put(seedRo, enFolder, "2024/netradus.txt")
    try put("Un articol fără traducere.\n", roFolder, "2024/singur.txt")
    return (roFolder, enFolder)
  }

  @Test func foldersArePairedByPathAlignedAsEachPairAloneAndProblemsListed() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (roFolder, enFolder) = try makePairs(in: directory)
    let out = directory.appendingPathComponent("out")
    let result = try runTradu(["align", roFolder.path, enFolder.path, "-o", out.path, "--progress", "none"])
    // The missing translation is a failure (exit 2); the others were still aligned.
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("1 of 4 pairs could not be aligned"), "\(result.stderr)")
    #expect(result.stderr.contains("2024/singur.txt"), "\(result.stderr)")
    #expect(result.stderr.contains("netradus.txt: ") && result.stderr.contains("reads as Romanian"), "\(result.stderr)")
    let written = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmx") }.sorted()
    #expect(written == ["2022/musk.aligned.tmx", "2024/buget.aligned.tmx"])
    // Each file is what aligning its pair alone writes.
    for path in ["2022/musk", "2024/buget"] {
      let alone = try runTradu(["align", roFolder.appendingPathComponent(path + ".txt").path,
                                enFolder.appendingPathComponent(path + ".txt").path, "-o", "-"])
      #expect(alone.status == 0, "\(alone.stderr)")
      #expect(try String(contentsOf: out.appendingPathComponent(path + ".aligned.tmx"), encoding: .utf8) == alone.stdout)
    }
    #expect(try String(contentsOf: out.appendingPathComponent("2024/buget.aligned.tmx"), encoding: .utf8)
      .contains("<seg>The opposition criticised the 5.2% deficit.</seg>"))

    // One job and four give the same files; with --force the Romanian "translation" is written
    // too, and JSON reports go beside the files.
    let one = directory.appendingPathComponent("one"), four = directory.appendingPathComponent("four")
    try FileManager.default.removeItem(at: roFolder.appendingPathComponent("2024/singur.txt"))
    for (folder, jobs) in [(one, "1"), (four, "4")] {
      let run = try runTradu(["align", roFolder.path, enFolder.path, "-o", folder.path, "--jobs", jobs, "--force",
                              "--to", "xliff", "--report", "json", "--quiet"])
      #expect(run.status == 1, "\(run.stderr)")
    }
    let files = try FileManager.default.subpathsOfDirectory(atPath: one.path).filter { $0.contains(".") }.sorted()
    #expect(files == ["2022/musk.aligned.xlf", "2022/musk.report.json", "2024/buget.aligned.xlf", "2024/buget.report.json",
                      "2024/netradus.aligned.xlf", "2024/netradus.report.json"])
    for file in files {
      #expect(try Data(contentsOf: one.appendingPathComponent(file)) == Data(contentsOf: four.appendingPathComponent(file)), "\(file)")
    }
  }

  @Test func foldersNeedAnOutputFolderAndAFolderOfTranslations() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (roFolder, enFolder) = try makePairs(in: directory)
    let toStdout = try runTradu(["align", roFolder.path, enFolder.path, "-o", "-"])
    #expect(toStdout.status == 64 && toStdout.stderr.contains("-o FOLDER"), "\(toStdout.stderr)")
    let toFile = try runTradu(["align", roFolder.path, repositoryRoot.appendingPathComponent(en).path,
                               "-o", directory.appendingPathComponent("x").path])
    #expect(toFile.status == 2 && toFile.stderr.contains("must be one too"), "\(toFile.stderr)")
  }
}
