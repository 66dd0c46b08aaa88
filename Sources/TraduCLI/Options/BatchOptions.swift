import ArgumentParser
import Foundation
import Tradu

/// The options of commands that process many files at once: `--jobs`, `--force`, `--quiet`,
/// `--progress`.
struct BatchOptions: ParsableArguments {
  typealias ProgressStyle = BatchRunOptions.ProgressStyle

  @OptionGroup var run: BatchRunOptions

  @Flag(help: "Redo every file, even those whose output is up to date (a translated output is still kept: see --replace-translated).")
  var force = false

  /// The number of files processed at once.
  var jobCount: Int { run.jobCount }
  /// Whether only failures are reported.
  var quiet: Bool { run.quiet }
  /// The progress style once `auto` and `--quiet` are resolved.
  var resolvedProgress: ProgressStyle { run.resolvedProgress }
}

/// How a command runs over many files: `--jobs`, `--quiet`, `--progress` (``BatchOptions``
/// without `--force`, for a command whose `--force` means something else, like `align`).
struct BatchRunOptions: ParsableArguments {
  enum ProgressStyle: String, ExpressibleByArgument, CaseIterable {
    /// A line on standard error when it is a terminal, nothing otherwise.
    case auto
    /// A line on standard error, rewritten as files are done.
    case text
    /// One JSON object a line on standard error, at most once a second and at the end.
    case json
    /// Nothing.
    case none
  }

  @Option(help: ArgumentHelp("How many files to process at once (default: one per core).", valueName: "n"))
  var jobs: Int?

  @Flag(name: .shortAndLong, help: "Report nothing but failures.")
  var quiet = false

  @Option(help: "Progress on standard error: auto (a line on a terminal), text, json or none.")
  var progress: ProgressStyle = .auto

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
  }

  /// The number of files processed at once.
  var jobCount: Int { jobs ?? Cores.count }

  /// The progress style once `auto` and `--quiet` are resolved.
  var resolvedProgress: ProgressStyle {
    if quiet { return .none }
    if progress == .auto { return isatty(STDERR_FILENO) != 0 ? .text : .none }
    return progress
  }
}
