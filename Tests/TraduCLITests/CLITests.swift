import ArgumentParser
import Foundation
import Testing
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
