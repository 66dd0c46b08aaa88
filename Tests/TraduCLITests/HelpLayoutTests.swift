import ArgumentParser
import Testing
import Tradu
@testable import TraduCLI

/// `--help` is read in 80-column terminals and in wide ones: prose must reflow to either width,
/// and lists and examples must fit in 80 columns, because argument-parser continues a wrapped
/// line at the left margin, which breaks an indented example or list item in two.
@Suite struct HelpLayoutTests {
  /// Every command and subcommand of `tradu`.
  static let commands: [any ParsableCommand.Type] = {
    func walk(_ command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
      [command] + command.configuration.subcommands.flatMap(walk)
    }
    return walk(TraduCommand.self)
  }()

  /// The lines between the abstract and the USAGE line: the discussion as shown.
  static func discussionLines(of command: any ParsableCommand.Type, columns: Int) -> [Substring] {
    let lines = TraduCommand.helpMessage(for: command, columns: columns).split(separator: "\n", omittingEmptySubsequences: false)
    guard let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }),
          let blank = lines.firstIndex(where: { $0.isEmpty }), blank < usage else { return [] }
    return Array(lines[(blank + 1)..<usage])
  }

  @Test func commandsAreAllVisited() {
    #expect(Self.commands.count >= 15)
  }

  @Test(arguments: 0..<commands.count)
  func proseParagraphsReflowInAWideTerminal(index: Int) {
    let command = Self.commands[index]
    let lines = Self.discussionLines(of: command, columns: 100_000)
    for (line, next) in zip(lines, lines.dropFirst())
    where !line.isEmpty && !next.isEmpty && !line.hasPrefix(" ") && !next.hasPrefix(" ") {
      Issue.record("\(command._commandName): a paragraph is cut by a line break in the source: \"\(line)\" / \"\(next)\"")
    }
  }

  @Test(arguments: 0..<commands.count)
  func listsAndExamplesFitIn80Columns(index: Int) {
    let command = Self.commands[index]
    let lines = Self.discussionLines(of: command, columns: 80)
    for (line, next) in zip(lines, lines.dropFirst()) where line.hasPrefix("  ") && !next.isEmpty && !next.hasPrefix(" ") {
      Issue.record("\(command._commandName): an indented line is wrapped at 80 columns: \"\(line)\" / \"\(next)\"")
    }
    for line in lines where line.count > 80 {
      Issue.record("\(command._commandName): a line of \(line.count) columns: \"\(line)\"")
    }
  }

  @Test func checkRulesAreListedEachWithItsDescription() {
    let lines = Self.discussionLines(of: CheckCommand.self, columns: 80)
    for rule in CheckRule.allCases {
      guard let at = lines.firstIndex(of: "  \(rule.rawValue) (\(rule.severity.rawValue))") else {
        Issue.record("\(rule.rawValue) is not listed"); continue
      }
      #expect(lines[at + 1].hasPrefix("      "))
    }
  }

  @Test func helpTextWrapsAtTheWidthGiven() {
    let text = "a unit or segment of the prepared file is missing from the translated file"
    let lines = HelpText.wrapped(text, indent: 6, width: 40)
    #expect(lines.allSatisfy { $0.count <= 40 && $0.hasPrefix("      ") && !$0.hasPrefix("       ") })
    #expect(lines.map { $0.dropFirst(6) }.joined(separator: " ") == text)
    #expect(HelpText.wrapped("", indent: 6, width: 40).isEmpty)
  }
}
