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

  /// Writes the record's `id` as given: a string, a number, or null when absent.
  func writeID(into json: inout JSONWriter) {
    switch object["id"] {
    case nil, is NSNull: json.null()
    case let id as String: json.string(id)
    case let id?:
      // A number (or another value) as JSONSerialization writes it.
      let data = (try? JSONSerialization.data(withJSONObject: id, options: [.fragmentsAllowed, .withoutEscapingSlashes])) ?? Data("null".utf8)
      json.rawValue(data)
    }
  }

  /// The record's `id` as text (a number as written); an error naming the line when absent.
  func idText() throws(TraduError) -> String {
    switch object["id"] {
    case let id as String: return id
    case let id as NSNumber: return id.stringValue
    default: throw .malformedInput(path: "<stdin>", line: number, reason: "missing \"id\" (a string or a number)")
    }
  }

  /// A required string field.
  func string(_ key: String) throws(TraduError) -> String {
    guard let value = object[key] as? String else {
      throw .malformedInput(path: "<stdin>", line: number, reason: "missing string field \"\(key)\"")
    }
    return value
  }

  /// A required field holding a list of strings.
  func strings(_ key: String) throws(TraduError) -> [String] {
    guard let value = object[key] as? [String] else {
      throw .malformedInput(path: "<stdin>", line: number, reason: "missing list of strings \"\(key)\"")
    }
    return value
  }
}

/// Runs a JSONL protocol over standard input: each non-blank line is parsed and answered with
/// one line on standard output, in order; `answer` writes the answer's one JSON value.
///
/// A line that cannot be answered (not a JSON object, a missing field) is reported on stderr
/// with its line number and answered with `{"error": …}`, so the answers stay aligned with the
/// questions; the command then exits with code 2 after the last line.
func answerJSONLines(_ answer: (JSONLRecord, inout JSONWriter) throws(TraduError) -> Void) throws {
  var out = OutputBuffer()
  var lineNumber = 0
  var failed = false
  while let line = readLine(strippingNewline: true) {
    lineNumber += 1
    if line.allSatisfy(\.isWhitespace) { continue }
    let number = lineNumber
    var json = JSONWriter()
    do throws(TraduError) {
      try answer(try JSONLRecord(line: line, number: number), &json)
    } catch {
      printError(error.description)
      failed = true
      json = JSONWriter()
      json.beginObject()
      json.field("error", error.description)
      json.endObject()
    }
    out.write(bytes: json.bytes)
    out.write("\n")
  }
  out.flush()
  if failed { throw ExitStatus.badInput }
}
