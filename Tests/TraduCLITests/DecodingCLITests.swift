import Foundation
import Testing

/// Issue 15's cases 4 and 5 through the real binary.
@Suite struct DecodingCLITests {
  private func scratch() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-dec-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  private func sample(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/" + name)))
  }

  /// `bytes` with 0xFE inserted before the first line feed.
  private func withStrayByte(_ bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    out.insert(0xFE, at: bytes.firstIndex(of: 0x0A) ?? 0)
    return out
  }

  @Test func aStrayByteInTheSeedKeepsItsDiacriticsAndIsReported() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let article = folder + "/stire.txt"
    let bytes = withStrayByte(try sample("mediafax-musk-putin.ro.txt"))
    try Data(bytes).write(to: URL(fileURLWithPath: article))
    let prepared = try runTradu(["prepare", article, "--to", "jsonl", "-o", "-", "--stats", "none"])
    #expect(prepared.status == 0)
    #expect(prepared.stdout.contains("Kremlinului") && prepared.stdout.contains("început"))
    #expect(!prepared.stdout.contains("Ã") && !prepared.stdout.contains("ÅŁ"))
    let offset = try #require(bytes.firstIndex(of: 0xFE))
    #expect(prepared.stderr.contains("stire.txt: 1 invalid UTF-8 sequence read as U+FFFD, at byte \(offset)"), "\(prepared.stderr)")

    let strict = try runTradu(["prepare", article, "-o", folder + "/stire.xlf", "--strict-encoding"])
    #expect(strict.status == 2)
    #expect(strict.stderr == "tradu: \(article): byte \(offset): invalid UTF-8 (1 sequence in otherwise valid UTF-8); fix the bytes, or drop --strict-encoding to read each as U+FFFD\n")
    #expect(!FileManager.default.fileExists(atPath: folder + "/stire.xlf"))
  }

  @Test func aStrayByteInTheEnglishTargetAddsNoFinding() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let target = folder + "/stire.en.txt"
    try Data(withStrayByte(try sample("mediafax-musk-putin.en.txt"))).write(to: URL(fileURLWithPath: target))
    let source = repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.ro.txt").path
    let clean = try runTradu(["check", "--source", source, "--target",
                              repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.en.txt").path, "--format", "json"])
    let stray = try runTradu(["check", "--source", source, "--target", target, "--format", "json"])
    #expect(stray.status == clean.status)
    #expect(stray.stderr.contains("invalid UTF-8 sequence read as U+FFFD"))
    func findings(_ json: String) throws -> Int {
      let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
      return (object?["findings"] as? [Any])?.count ?? -1
    }
    #expect(try findings(stray.stdout) == findings(clean.stdout))
    #expect(try findings(clean.stdout) > 0)
  }

  @Test func iso885916ArticleKeepsItsQuotesAndEuroSign() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = "Ministrul Finanțelor a anunțat: „Salariul minim crește la 3.700 lei, adică 744 €”.\n\nȘedința a durat până seara.\n"
    // ISO-8859-16 by hand: the letters and signs of this text that are not ASCII.
    let table: [Character: UInt8] = ["ț": 0xFE, "„": 0xA5, "ș": 0xBA, "€": 0xA4, "”": 0xB5, "Ș": 0xAA, "ă": 0xE3, "â": 0xE2]
    let bytes = text.map { character -> UInt8 in table[character] ?? character.asciiValue! }
    let article = folder + "/legacy.txt"
    try Data(bytes).write(to: URL(fileURLWithPath: article))
    let result = try runTradu(["normalize", article])
    #expect(result.status == 0)
    #expect(result.stdout == text)
    #expect(result.stderr.contains("read as ISO-8859-16"), "\(result.stderr)")
    // And written back in it by merge.
    let xliff = folder + "/legacy.xlf"
    #expect(try runTradu(["prepare", article, "-o", xliff, "--stats", "none"]).status == 0)
    let merged = try runTradu(["merge", xliff, "--encoding", "ISO-8859-16", "-o", folder + "/back.txt"])
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/back.txt"))) == bytes)
  }
}
