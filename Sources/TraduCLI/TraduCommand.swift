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

  /// Parses the arguments and runs the command (ArgumentParser's `main`). Before that, for
  /// the commands that prepare text, the segmenter and boilerplate detector of the default
  /// settings start building on another core (~21 M instructions, mostly ICU compiling
  /// regular expressions), while this one parses the arguments (~22 M): otherwise that core
  /// waits during the parsing and the build takes a core from the file's reading.
  static func main() {
    if let command = CommandLine.arguments.dropFirst().first, Self.preparingCommands.contains(command) {
      Preparer.startBuildingDefaultStages()
    }
    main(nil)
  }

  /// The subcommands whose usual run prepares text with the default segmenter and detector.
  static let preparingCommands: Set<String> = ["segment", "prepare", "normalize"]
}
