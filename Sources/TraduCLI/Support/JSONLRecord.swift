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
