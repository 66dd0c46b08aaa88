/// Errors that Tradu's library reports; the CLI turns them into one-line messages and exit codes.
///
/// Every case names the input (`path`, or `-` for standard input) and, where it is known, the
/// place in it, so the user can find and fix the problem.
public enum TraduError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened or read (missing, a directory, no permission).
  case unreadable(path: String, reason: String)
  /// The bytes are not text (binary data) or cannot be decoded.
  case undecodable(path: String, offset: Int?, reason: String)
  /// A glossary, rules or translation file has a malformed line or record.
  case malformedInput(path: String, line: Int?, reason: String)
  /// An XML file is not well formed or not of the expected kind; `column` when known.
  case malformedXML(path: String, line: Int?, column: Int? = nil, reason: String)
  /// An output could not be written.
  case unwritable(path: String, reason: String)
  /// An output was not written because writing it would destroy a file: it is one of the
  /// inputs, or it holds translations (see ``OutputFile``).
  case refusedOutput(path: String, reason: String)
  /// A `/regex/` segmentation rule ran past its time budget for the document
  /// (``Segmenter/regexTimeBudget``): a pattern that backtracks exponentially. `path` names
  /// the text (nil where the segmenter was handed a text without a name: see
  /// ``naming(_:rules:)``); `rule` the rule, by its number and patterns.
  case regexTimeLimit(path: String?, rule: String, seconds: Double)
  /// ICU failed.
  case icu(ICUError)

  public var description: String {
    switch self {
    case let .unreadable(path, reason):
      return "\(path): cannot read: \(reason)"
    case let .undecodable(path, offset, reason):
      return offset.map { "\(path): byte \($0): \(reason)" } ?? "\(path): \(reason)"
    case let .malformedInput(path, line, reason):
      return line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)"
    case let .malformedXML(path, line, column, reason):
      guard let line else { return "\(path): \(reason)" }
      return column.map { "\(path):\(line):\($0): \(reason)" } ?? "\(path):\(line): \(reason)"
    case let .unwritable(path, reason):
      return "\(path): cannot write: \(reason)"
    case let .refusedOutput(path, reason):
      return "\(path): not written: \(reason)"
    case let .regexTimeLimit(path, rule, seconds):
      return (path.map { "\($0): " } ?? "")
        + "segmentation rule \(rule) ran longer than its budget of \(String(format: "%.1f", seconds)) s for this text; "
        + "nested repetition such as (a+)+ takes exponential time: simplify the rule"
    case let .icu(error):
      return error.description
    }
  }
}

extension TraduError {
  /// This error with the text it is about named: a ``regexTimeLimit(path:rule:seconds:)`` that
  /// names no text gets `path`, and its rule the file the rules came from (`rules`, when the
  /// user gave one). Other errors name their file already and are returned as they are.
  public func naming(_ path: String, rules: String? = nil) -> TraduError {
    guard case let .regexTimeLimit(known, rule, seconds) = self else { return self }
    let ruleInFile = rules.map { rule.hasSuffix(" of \($0)") ? rule : "\(rule) of \($0)" } ?? rule
    return .regexTimeLimit(path: known ?? path, rule: ruleInFile, seconds: seconds)
  }
}
