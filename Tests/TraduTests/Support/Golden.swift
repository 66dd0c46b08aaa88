import Foundation
import Testing

/// Compares `actual` with the golden file at `relativePath` (from the repository root).
///
/// `RECORD_GOLDEN=1 swift test` rewrites the file and records an issue, so a recording run
/// never passes. A mismatch records the first differing lines.
func assertGolden(_ actual: String, at relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let url = repositoryFile(relativePath)
  if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
    try Data(actual.utf8).write(to: url)
    Issue.record(Comment(rawValue: "recorded \(relativePath); run the tests again without RECORD_GOLDEN"),
                 sourceLocation: sourceLocation)
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  guard expected != actual else { return }
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let diff = a.difference(from: e)
  var lines: [String] = []
  for change in diff.prefix(12) {
    switch change {
    case let .remove(offset, line, _): lines.append("-\(offset + 1): \(line)")
    case let .insert(offset, line, _): lines.append("+\(offset + 1): \(line)")
    }
  }
  let message = "\(relativePath) differs (RECORD_GOLDEN=1 to accept):\n" + lines.joined(separator: "\n")
  Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}
