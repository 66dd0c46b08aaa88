import Foundation
import Tradu

/// One object of a JSONL protocol stream, read from standard input.
struct JSONLRecord {
  let object: JSONObject
  let number: Int

  /// Parses line `number`; a line that is not a JSON object is an error naming the line.
  init(line: String, number: Int) throws(TraduError) {
    let bytes = Array(line.utf8)
    self.object = try BilingualReader.jsonObject(bytes, line: 0..<bytes.count, number: number, name: "<stdin>")
    self.number = number
  }

  /// The record's `id` as text: a string, or a number as written; nil when absent or of another kind.
  var id: String? { object["id"]?.stringOrNumber }

  /// Writes the record's `id` as given: a string, a number as written, or null when absent.
  func writeID(into json: inout JSONWriter) {
    switch object["id"] {
    case .string(let id)?: json.string(id)
    case .number(let digits)?: json.rawValue(digits.utf8)
    default: json.null()
    }
  }

  /// The record's `id` as text (a number as written); an error naming the line when absent.
  func idText() throws(TraduError) -> String {
    guard let id else { throw .malformedInput(path: "<stdin>", line: number, reason: "missing \"id\" (a string or a number)") }
    return id
  }

  /// A required string field.
  func string(_ key: String) throws(TraduError) -> String {
    guard let value = object[key]?.string else {
      throw .malformedInput(path: "<stdin>", line: number, reason: "missing string field \"\(key)\"")
    }
    return value
  }

  /// A required field holding a list of strings.
  func strings(_ key: String) throws(TraduError) -> [String] {
    guard let list = object[key]?.array else {
      throw .malformedInput(path: "<stdin>", line: number, reason: "missing list of strings \"\(key)\"")
    }
    var strings: [String] = []
    strings.reserveCapacity(list.count)
    for value in list {
      guard let string = value.string else {
        throw .malformedInput(path: "<stdin>", line: number, reason: "missing list of strings \"\(key)\"")
      }
      strings.append(string)
    }
    return strings
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
