import ArgumentParser
import Foundation
import Testing
import Tradu
@testable import TraduCLI

@Suite struct CLITests {
  @Test func segmentWithoutInputIsAUsageError() {
    #expect(throws: (any Error).self) { try TraduCommand.parseAsRoot(["segment"]) }
    do {
      _ = try TraduCommand.parseAsRoot(["segment"])
    } catch {
      #expect(TraduCommand.exitCode(for: error).rawValue == 64)
      #expect(TraduCommand.message(for: error).contains("Name a text file"))
    }
  }

  @Test func badFormatIsAUsageError() {
    do {
      _ = try TraduCommand.parseAsRoot(["segment", "--format", "xml", "a.txt"])
      Issue.record("parsed a bad format")
    } catch {
      #expect(TraduCommand.exitCode(for: error).rawValue == 64)
    }
  }

  @Test func segmentHelpHasExamples() {
    let help = TraduCommand.helpMessage(for: SegmentCommand.self, columns: 100)
    #expect(help.contains("--jsonl"))
    #expect(help.contains("Examples:"))
  }

  @Test func exportRulesTakesNoInput() {
    #expect(throws: (any Error).self) { try TraduCommand.parseAsRoot(["segment", "--export-rules", "srx", "a.txt"]) }
    #expect(throws: (any Error).self) { try TraduCommand.parseAsRoot(["segment", "--export-rules", "xml"]) }
  }

  @Test func missingRulesFileExitsWithBadInput() throws {
    var command = try TraduCommand.parseAsRoot(["segment", "--rules", "no/such/rules.srx", "-"])
    do {
      try command.run()
      Issue.record("ran with a missing rules file")
    } catch {
      #expect(TraduCommand.exitCode(for: error).rawValue == 2)
    }
  }

  @Test func segmentHelpDocumentsRules() {
    let help = TraduCommand.helpMessage(for: SegmentCommand.self, columns: 100)
    #expect(help.contains("--rules <file>"))
    #expect(help.contains("--export-rules <format>"))
  }
}

@Suite struct NormalizeCommandTests {
  @Test func helpHasExamplesAndTheRuleList() {
    let help = TraduCommand.helpMessage(for: NormalizeCommand.self, columns: 100)
    #expect(help.contains("Examples:"))
    #expect(help.contains("--normalize <list>") && help.contains("--encoding <name>") && help.contains("--report"))
  }

  @Test func unknownRuleIsAUsageErrorNamingTheKnownOnes() {
    do {
      _ = try TraduCommand.parseAsRoot(["normalize", "--normalize", "quotes,curly", "a.txt"])
      Issue.record("parsed an unknown rule")
    } catch {
      #expect(TraduCommand.exitCode(for: error).rawValue == 64)
      #expect(TraduCommand.message(for: error).contains("unknown rule 'curly'"))
      #expect(TraduCommand.message(for: error).contains("ellipsis"))
    }
  }

  @Test func reportAndJSONExcludeEachOther() {
    do {
      _ = try TraduCommand.parseAsRoot(["normalize", "--report", "--json", "a.txt"])
      Issue.record("parsed --report with --json")
    } catch {
      #expect(TraduCommand.exitCode(for: error).rawValue == 64)
    }
  }

  @Test func segmentTakesNoNormalize() throws {
    let parsed = try TraduCommand.parseAsRoot(["segment", "--no-normalize", "--encoding", "windows-1250", "a.txt"])
    let command = try #require(parsed as? SegmentCommand)
    #expect(command.noNormalize && command.normalization.encoding == "windows-1250")
  }

  @Test func visibleNamesInvisibleCharacters() {
    #expect(NormalizeCommand.visible("\u{AD}") == "‘<U+00AD>’")
    #expect(NormalizeCommand.visible("") == "∅")
    #expect(NormalizeCommand.visible("ș") == "‘ș’")
  }
}

@Suite struct NormalizeOutputTests {
  func seed() throws -> SourceDocument {
    try TextReader.read(path: repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.ro.txt").path)
  }

  func command(_ arguments: [String]) throws -> NormalizeCommand {
    try #require(try TraduCommand.parseAsRoot(["normalize"] + arguments + ["x.txt"]) as? NormalizeCommand)
  }

  @Test func reportCountsTheSeedsEditsFlagsAndBoilerplate() throws {
    let report = try command(["--report"]).output(for: try seed())
    let lines = report.split(separator: "\n").map(String.init)
    #expect(lines[0].contains("read as UTF-8 (valid UTF-8); line endings LF (kept)"))
    #expect(lines.contains("edits: 38 (positions are line:column of the original)"))
    #expect(lines.contains { $0.hasPrefix("  cedilla (cedilla → comma below): 38; e.g. 1:11 ‘ţ’ → ‘ț’") })
    #expect(lines.contains("flags: 1"))
    #expect(lines.contains { $0.contains("protected-email") })
    #expect(lines.contains("boilerplate (kept, not for translation): 4 paragraph(s)"))
  }

  @Test func jsonHasTheTextAndCodePointOffsetsOfEachEdit() throws {
    let document = try seed()
    let json = try command(["--json"]).output(for: document)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let edits = try #require(object["edits"] as? [[String: Any]])
    #expect(edits.count == 38)
    let scalars = Array(document.text.unicodeScalars)
    for edit in edits {
      let start = try #require(edit["start"] as? Int)
      #expect(String(scalars[start]) == edit["original"] as? String)
    }
    #expect((object["text"] as? String)?.contains("ş") == false)
    #expect((object["flags"] as? [[String: Any]])?.first?["kind"] as? String == "protected-email")
  }

  @Test func plainOutputIsTheNormalizedTextOnly() throws {
    let document = SourceDocument(name: "a.txt", text: "Ţara\u{AD} şi „ea”...\r\n")
    #expect(try command([]).output(for: document) == "Țara și „ea”...\r\n")
    #expect(try command(["--normalize", "ellipsis"]).output(for: document) == "Țara și „ea”…\r\n")
  }
}
