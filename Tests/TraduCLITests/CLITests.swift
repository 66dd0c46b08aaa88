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
}
