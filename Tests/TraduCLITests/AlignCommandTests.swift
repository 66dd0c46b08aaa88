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
}
