import ArgumentParser
import Tradu

/// The `tradu` command: prepares Romanian articles for translation.
@main
struct TraduCommand: ParsableCommand {
  static let version = "0.2.0"

  static let configuration = CommandConfiguration(
    commandName: "tradu",
    abstract: "Prepare Romanian articles for translation and check the translations.",
    discussion: """
      Exit codes: 0 success, 1 the command ran and found problems, 2 bad input or data, \
      64 usage error.
      """,
    version: "\(version) (ICU \(ICU.version))",
    subcommands: [NormalizeCommand.self, SegmentCommand.self, PrepareCommand.self, UpdateCommand.self, MergeCommand.self, GlossaryCommand.self, CheckCommand.self, AlignCommand.self, MemoryCommand.self]
  )
}
