import Foundation

/// Where things stand in a Tradu JSON file, for error messages that name a line:
/// Foundation's JSON parser gives values without positions, and a syntax error as a character
/// index in an English sentence.
struct JSONPlaces {
  /// The line of each object of the top-level `units` array.
  private(set) var unitLines: [Int] = []
  /// For each unit, the line of each object of its `segments` array.
  private(set) var segmentLines: [[Int]] = []

  /// Scans `bytes` (UTF-8 JSON) for the lines where units and segments open.
  init(_ bytes: [UInt8]) {
    var line = 1
    var stack: [String?] = []  // the key each open container stands under (nil in an array)
    var lastString: [UInt8] = []
    var key: String? = nil
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      switch b {
      case 0x0A: line += 1
      case 0x22:  // a string: skip it, keeping its bytes for a following ':'
        var j = i + 1
        lastString.removeAll(keepingCapacity: true)
        while j < bytes.count && bytes[j] != 0x22 {
          if bytes[j] == 0x5C { j += 1 } else { lastString.append(bytes[j]) }
          if j < bytes.count && bytes[j] == 0x0A { line += 1 }
          j += 1
        }
        i = j
      case 0x3A: key = String(decoding: lastString, as: UTF8.self)
      case 0x7B, 0x5B:  // { [
        if b == 0x7B && stack.count == 2 && stack[1] == "units" {
          unitLines.append(line)
          segmentLines.append([])
        } else if b == 0x7B && stack.count == 4 && stack[1] == "units" && stack[3] == "segments", !segmentLines.isEmpty {
          segmentLines[segmentLines.count - 1].append(line)
        }
        stack.append(key)
        key = nil
      case 0x7D, 0x5D:  // } ]
        if !stack.isEmpty { stack.removeLast() }
        key = nil
      case 0x2C: key = nil
      default: break
      }
      i += 1
    }
  }

  /// The line of unit `index` (0-based), if the scan found it.
  func unit(_ index: Int) -> Int? { index < unitLines.count ? unitLines[index] : nil }

  /// The line of segment `segment` of unit `unit` (0-based), if the scan found it.
  func segment(_ segment: Int, ofUnit unit: Int) -> Int? {
    unit < segmentLines.count && segment < segmentLines[unit].count ? segmentLines[unit][segment] : nil
  }

  /// A syntax error of Foundation's JSON parser as a line and a reason without its character
  /// index ("Invalid value around character 89." → line 3, "invalid value").
  static func syntaxError(_ error: Error, in bytes: [UInt8]) -> (line: Int?, reason: String) {
    let ns = error as NSError
    var detail = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "unexpected text"
    var index = ns.userInfo["NSJSONSerializationErrorIndex"] as? Int
    if let range = detail.range(of: #" (around|at) (character|index) [0-9]+"#, options: .regularExpression) {
      let digits = detail[range].filter(\.isNumber)
      index = index ?? Int(digits)
      detail.removeSubrange(range)
    }
    if index == nil && detail.lowercased().contains("end of") { index = bytes.count }  // the file ends too soon
    detail = detail.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
    if let first = detail.first { detail = first.lowercased() + detail.dropFirst() }
    guard let index, index >= 0 else { return (nil, "not valid JSON: \(detail)") }
    let line = bytes.prefix(min(index, bytes.count)).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    return (line, "not valid JSON: \(detail)")
  }
}
