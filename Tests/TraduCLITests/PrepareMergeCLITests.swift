import ArgumentParser
import Foundation
import Testing
@testable import TraduCLI

@Suite struct PrepareMergeCLITests {
  private func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-prep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func helpShowsExamples() {
    for command in [PrepareCommand.self, MergeCommand.self] as [ParsableCommand.Type] {
      let help = TraduCommand.helpMessage(for: command, columns: 100)
      #expect(help.contains("Examples:"))
    }
    #expect(TraduCommand.helpMessage(for: PrepareCommand.self, columns: 100).contains("--to <format>"))
  }

  @Test func badOptionsAreUsageErrors() {
    for arguments in [["prepare", "a.txt", "--to", "docx"], ["prepare", "a.txt", "--date", "yesterday"],
                      ["merge", "a.xlf", "--encoding", "no-such-charset"], ["prepare"]] {
      do {
        _ = try TraduCommand.parseAsRoot(arguments)
        Issue.record("accepted \(arguments)")
      } catch {
        #expect(TraduCommand.exitCode(for: error).rawValue == 64, "\(arguments)")
      }
    }
  }

  @Test func defaultOutputSitsBesideTheArticle() throws {
    let command = try #require(try TraduCommand.parseAsRoot(["prepare", "dir/art.ro.txt", "--to", "tmx"]) as? PrepareCommand)
    #expect(command.destination == "dir/art.ro.tmx")
    let stdout = try #require(try TraduCommand.parseAsRoot(["prepare", "dir/art.ro.txt", "-o", "-"]) as? PrepareCommand)
    #expect(stdout.destination == nil)
  }

  /// The issue's round trip through the real binary: a CRLF file with a byte-order mark comes
  /// back byte for byte with --no-normalize.
  @Test func prepareThenMergeGivesTheFileBackByteForByte() throws {
    let scratch = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let article = scratch.appendingPathComponent("stire.ro.txt")
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Titlu: Guvernul & Parlamentul\r\n\r\nMinistrul a declarat că <nimic> nu e sigur. Ședința continuă.\r\n\tNotă: 🇷🇴\r\n".utf8)
    try Data(bytes).write(to: article)
    let xliff = scratch.appendingPathComponent("stire.xlf")
    let prepared = try runTradu(["prepare", article.path, "--no-normalize", "-o", xliff.path, "--stats", "json"])
    #expect(prepared.status == 0, "\(prepared.stderr)")
    #expect(prepared.stdout.isEmpty)
    let stats = try JSONSerialization.jsonObject(with: Data(prepared.stderr.utf8)) as? [String: Any]
    #expect(stats?["paragraphs"] as? Int == 3)
    #expect(stats?["segments"] as? Int == 4)

    let merged = scratch.appendingPathComponent("stire.en.txt")
    let result = try runTradu(["merge", xliff.path, "-o", merged.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("4 segment(s) without translation"))
    #expect([UInt8](try Data(contentsOf: merged)) == bytes)

    let strict = try runTradu(["merge", xliff.path, "--strict", "-o", scratch.appendingPathComponent("strict.txt").path])
    #expect(strict.status == 2)
    #expect(strict.stderr.contains("p1.s1 has no translation"))
    #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("strict.txt").path))
  }

  @Test func xliff12NeedsTheOriginalAndChecksItsFingerprint() throws {
    let scratch = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let article = scratch.appendingPathComponent("a.txt")
    try Data("Ana are mere. Ion are pere.\n\nFinal.\n".utf8).write(to: article)
    let other = scratch.appendingPathComponent("b.txt")
    try Data("Alt articol.\n".utf8).write(to: other)
    let xliff = scratch.appendingPathComponent("a.xlf")
    #expect(try runTradu(["prepare", article.path, "--to", "xliff12", "-o", xliff.path, "--stats", "none"]).status == 0)

    let alone = try runTradu(["merge", xliff.path])
    #expect(alone.status == 2)
    #expect(alone.stderr.contains("--original"))
    let wrong = try runTradu(["merge", xliff.path, "--original", other.path])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("another article"))
    let right = try runTradu(["merge", xliff.path, "--original", article.path])
    #expect(right.status == 0)
    #expect(right.stdout == "Ana are mere. Ion are pere.\n\nFinal.\n")
  }

  @Test func aFailedRunLeavesTheOldOutputAlone() throws {
    let scratch = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let output = scratch.appendingPathComponent("out.xlf")
    try Data("previous".utf8).write(to: output)
    let bad = scratch.appendingPathComponent("bad.txt")
    try Data([0x41, 0xC3, 0x28, 0x42]).write(to: bad)
    let result = try runTradu(["prepare", bad.path, "-o", output.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad.txt") && result.stderr.contains("UTF-8"))
    #expect(try String(contentsOf: output, encoding: .utf8) == "previous")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains("tradu-") }
    #expect(leftovers.isEmpty)
  }
}
