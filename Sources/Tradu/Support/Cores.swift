import Foundation

/// The cores Tradu may use.
public enum Cores {
  /// How many cores the process may use, read once: Foundation reads the cgroup files again
  /// on every `ProcessInfo.activeProcessorCount` (four file reads each time), which a batch
  /// of small articles paid for each article.
  public static let count = ProcessInfo.processInfo.activeProcessorCount
}
