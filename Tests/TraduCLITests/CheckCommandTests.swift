import ArgumentParser
import Foundation
import Testing
import Tradu
@testable import TraduCLI

@Suite struct CheckCommandTests {
  func usageError(_ arguments: [String]) -> (code: Int32, message: String)? {
    do {
      _ = try TraduCommand.parseAsRoot(arguments)
      return nil
    } catch {
      return (TraduCommand.exitCode(for: error).rawValue, TraduCommand.message(for: error))
    }
  }

  @Test(arguments: [
    (["check"], "Name a translated file, or give --source and --target."),
    (["check", "a.xlf", "--source", "ro.txt", "--target", "en.txt"], "Give either a translated file or --source and --target, not both."),
    (["check", "--source", "ro.txt"], "--source and --target go together: give both plain texts."),
    (["check", "--jsonl", "a.jsonl"], "--jsonl reads standard input; do not name input files."),
  ])
  func misuseIsAUsageError(arguments: [String], message: String) throws {
    let error = try #require(usageError(arguments))
    #expect(error.code == 64)
    #expect(error.message == message)
  }

  @Test func unknownRulesAndSeveritiesAreUsageErrors() throws {
    #expect(try #require(usageError(["check", "a.xlf", "--skip", "spelling"])).code == 64)
    #expect(try #require(usageError(["check", "a.xlf", "--fail-on", "fatal"])).code == 64)
  }

  @Test func optionsParse() throws {
    let command = try #require(try TraduCommand.parseAsRoot(
      ["check", "a.xlf", "--skip", "cedilla", "--skip", "number-mismatch", "--fail-on", "major", "--format", "html"]) as? CheckCommand)
    #expect(command.skip == [.cedilla, .numberMismatch])
    #expect(command.failOn == .major)
    #expect(command.format == .html)
  }

  @Test func helpListsRulesAndExamples() {
    let help = TraduCommand.helpMessage(for: CheckCommand.self, columns: 120)
    #expect(help.contains("Examples:"))
    for rule in ["missing-term", "misspelt-term", "forbidden-term", "dnt-changed", "inconsistent", "untranslated", "number-mismatch", "cedilla"] {
      #expect(help.contains(rule), "help lacks \(rule)")
    }
  }

  /// The binary end to end: exit codes, the JSONL protocol, a malformed file.
  @Test func theBinaryChecksAndExitsAsDocumented() throws {
    let pair = ["check", "--source", "Samples/mediafax-musk-putin.ro.txt", "--target", "Samples/mediafax-musk-putin.en.txt"]
    let text = try runTradu(pair)
    #expect(text.status == 1, "\(text.stderr)")
    let golden = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.check.txt"), encoding: .utf8)
    #expect(text.stdout == golden)
    // The README shows this listing (indented as a code block): it must be the one printed now.
    let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let indented = golden.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    #expect(readme.contains(indented), "README's check listing is stale: paste Samples/mediafax-musk-putin.check.txt")

    // Only minor findings remain once the critical and major rules are skipped.
    let relaxed = try runTradu(pair + ["--skip", "forbidden-term", "--skip", "dnt-changed", "--skip", "misspelt-term",
                                       "--skip", "number-mismatch", "--fail-on", "major"])
    #expect(relaxed.status == 0, "\(relaxed.stdout)")

    let jsonl = try runTradu(["check", "--jsonl"], stdin: """
      {"id": "a", "source": "Purtătorul de cuvânt al Kremlinului a negat.", "target": "The Kremlin's spokesman denied it."}
      {"id": "b", "source": "Forțele Kievului au avansat.", "target": "Kiev's forces advanced."}

      """)
    let lines = jsonl.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(lines.count == 2)
    #expect((lines[0]?["findings"] as? [Any])?.isEmpty == true)
    let finding = (lines[1]?["findings"] as? [[String: Any]])?.first
    #expect(finding?["entry"] as? String == "Kiev" && finding?["rule"] as? String == "forbidden-term")

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let truncated = scratch.appendingPathComponent("cut.xlf")
    try Data("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"ro\"><file id=\"f\"><unit id=\"u\"><segment><source>Kievul".utf8)
      .write(to: truncated)
    let bad = try runTradu(["check", truncated.path, "--format", "html", "-o", scratch.appendingPathComponent("r.html").path])
    #expect(bad.status == 2)
    #expect(bad.stderr.hasPrefix("tradu: \(truncated.path):"), "\(bad.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("r.html").path))
  }

  /// A translated XLIFF 1.2 file that lost a sentence: `check --original` names it and fails.
  @Test func checkWithTheOriginalReportsAMissingSegment() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let article = "Samples/mediafax-musk-putin.ro.txt"
    let xliff = scratch.appendingPathComponent("a.xlf")
    #expect(try runTradu(["prepare", article, "--to", "xliff12", "-o", xliff.path]).status == 0)
    var xml = try String(contentsOf: xliff, encoding: .utf8)
    // Both sentences of p1 are there; drop the second from <seg-source> and <target>.
    let second = try #require(xml.range(of: #" <mrk mtype="seg" mid="p1.s2">[^<]*</mrk>"#, options: .regularExpression))
    let mark = String(xml[second])
    xml = xml.replacingOccurrences(of: mark, with: "")
    #expect(!xml.contains("p1.s2"))
    try Data(xml.utf8).write(to: xliff)
    let checked = try runTradu(["check", xliff.path, "--original", article, "--skip", "untranslated", "--skip", "missing-term",
                                "--skip", "number-mismatch", "--fail-on", "critical"])
    #expect(checked.status == 1, "\(checked.stderr)")
    #expect(checked.stdout.contains("missing-segment · critical · 1 finding"), "\(checked.stdout)")
    #expect(checked.stdout.contains("p1.s2     the translated file has no segment p1.s2"), "\(checked.stdout)")
    let usage = try runTradu(["check", "--original", article, "--source", article, "--target", article])
    #expect(usage.status == 64)
  }

  /// A JSONL file of plain UTF-8 is parsed from its bytes; one with a byte-order mark, CR LF
  /// line ends or a stray invalid byte goes through the text reader (its decoding) as before.
  /// Either way the document is the one the text reader's text gives.
  @Test func jsonlFilesReadAsTheTextReaderReadsThem() throws {
    let lines = #"{"id": "1", "source": "Kremlinul a negat.", "target": "The Kremlin denied it."}"# + "\n"
      + #"{"id": "2", "source": "Putin a tăcut.", "target": "Putin a tăcut."}"# + "\n"
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-jsonl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let plain = Array(lines.utf8)
    let invalid = Array(lines.replacingOccurrences(of: "Putin a tăcut.\", \"target", with: "Putin a t#cut.\", \"target").utf8)
      .map { $0 == UInt8(ascii: "#") ? 0xFF : $0 }
    let files: [(String, [UInt8])] = [
      ("plain", plain), ("mark", [0xEF, 0xBB, 0xBF] + plain),
      ("crlf", Array(lines.replacingOccurrences(of: "\n", with: "\r\n").utf8)), ("invalid", invalid),
    ]
    for (name, bytes) in files {
      let path = folder.appendingPathComponent(name + ".jsonl").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let command = try #require(try TraduCommand.parseAsRoot(["check", path]) as? CheckCommand)
      let read = try command.readDocument()
      let expected = try BilingualReader.jsonl(try TextReader.read(path: path).text, name: path)
      #expect(read == expected, "\(name)")
      let sources = try read.translatableSegments().map(\.source)
      #expect(sources.first == "Kremlinul a negat.", "\(name)")
      #expect((sources.last == "Putin a tăcut.") == (name != "invalid"), "\(name): \(sources)")
    }
  }
}
