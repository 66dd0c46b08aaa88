/// Writes a file whole or not at all; kept for callers written before ``OutputFile``.
///
/// Use ``OutputFile`` instead: it also refuses an output that is one of the command's inputs
/// and needs to be created before the work, so that a refused output costs nothing.
@available(*, deprecated, message: "Use OutputFile(path, reading: inputs), created before the work.")
public enum AtomicFile {
  /// Writes `bytes` to `path` through ``OutputFile`` (no inputs named).
  public static func write(_ bytes: [UInt8], to path: String) throws(TraduError) {
    try OutputFile(path).write(bytes)
  }

  /// Writes to `path` what `produce` hands to its `write` function, through ``OutputFile``.
  public static func write(to path: String, _ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
    try OutputFile(path).write(produce)
  }
}
