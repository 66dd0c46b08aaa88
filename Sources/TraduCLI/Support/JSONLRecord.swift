import Foundation
import Tradu

/// One object of a JSONL protocol stream, read from standard input.
struct JSONLRecord {
  let object: [String: Any]
  let number: Int

  /// Parses line `number`; a line that is not a JSON object is an error naming the line.
  init(line: String, number: Int) throws(TraduError) {
    self.number = number
    guard let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8)),
          let object = parsed as? [String: Any]
    else {
      throw .malformedInput(path: "<stdin>", line: number, reason: "not a JSON object")
    }
    self.object = object
  }

  /// The record's `id` as given (string or number); NSNull when absent.
  var id: Any { object["id"] ?? NSNull() }

  /// A required string field.
  func string(_ key: String) throws(TraduError) -> String {
    guard let value = object[key] as? String else {
      throw .malformedInput(path: "<stdin>", line: number, reason: "missing string field \"\(key)\"")
    }
    return value
  }
}

/// Runs a JSONL protocol over standard input: each non-blank line is parsed and answered with
/// one line on standard output, in order.
///
/// A line that cannot be answered (not a JSON object, a missing field) is reported on stderr
/// with its line number and answered with `{"error": …}`, so the answers stay aligned with the
/// questions; the command then exits with code 2 after the last line.
func answerJSONLines(_ answer: (JSONLRecord) throws(TraduError) -> [String: Any]) throws {
  var out = OutputBuffer()
  var lineNumber = 0
  var failed = false
  while let line = readLine(strippingNewline: true) {
    lineNumber += 1
    if line.allSatisfy(\.isWhitespace) { continue }
    let number = lineNumber
    let response: [String: Any]
    switch Result(catching: { () throws(TraduError) -> [String: Any] in
      try answer(try JSONLRecord(line: line, number: number))
    }) {
    case .success(let value):
      response = value
    case .failure(let error):
      printError(error.description)
      failed = true
      response = ["error": error.description]
    }
    let data = try JSONSerialization.data(withJSONObject: response, options: [.sortedKeys, .withoutEscapingSlashes])
    out.write(String(decoding: data, as: UTF8.self) + "\n")
  }
  out.flush()
  if failed { throw ExitStatus.badInput }
}
