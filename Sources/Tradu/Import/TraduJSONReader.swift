/// Reads a Tradu JSON file (`tradu prepare --to json`, its targets filled in) into the one
/// bilingual model, for `merge`, `check` and `memory import` alike: the JSON carries the text
/// between segments (`spaceAfter`, `leadingText`) and the article's fingerprint, so `merge`
/// rebuilds the article from it as from Tradu's own XLIFF 2.
///
/// A unit holds its sentences in `segments`; a unit without `segments` that has a `source` is
/// one segment under the unit's id (`{"id": "p1.s1", "source": "…", "target": "…"}`).
public enum TraduJSONReader {
  /// Reads the JSON file at `path` (`-` for standard input).
  public static func read(path: String) throws(TraduError) -> BilingualDocument {
    try parse(TextReader.readBytes(path: path), name: path)
  }

  /// Parses Tradu JSON `bytes`; `name` is used in error messages.
  public static func parse(_ bytes: [UInt8], name: String) throws(TraduError) -> BilingualDocument {
    let parsed: JSONValue
    do {
      parsed = try JSONParser.parse(bytes)
    } catch {
      throw .malformedInput(path: name, line: error.line, reason: "not valid JSON: \(error)")
    }
    guard let root = parsed.object, root["format"]?.string == "tradu" else {
      throw .malformedInput(path: name, line: 1, reason: "not a Tradu JSON file (no \"format\": \"tradu\" at the top level); write it with tradu prepare --to json")
    }
    guard let list = root["units"]?.array else {
      throw .malformedInput(path: name, line: root.line, reason: "no \"units\" array")
    }
    let document = root["document"]?.object ?? JSONObject()
    var metadata: [String: String] = ["units": String(list.count)]
    if let fingerprint = document["fingerprint"]?.string { metadata["fingerprint"] = fingerprint }
    if let normalized = document["normalized"]?.bool { metadata["normalized"] = normalized ? "yes" : "no" }
    if let mark = document["byteOrderMark"]?.bool { metadata["byteOrderMark"] = mark ? "yes" : "no" }
    if let rules = document["normalization"]?.string { metadata["normalization"] = rules }
    var units: [BilingualUnit] = []
    units.reserveCapacity(list.count)
    for (index, value) in list.enumerated() {
      guard let object = value.object else {
        throw .malformedInput(path: name, line: root.line, reason: "unit \(index + 1) is not an object")
      }
      guard let id = object["id"]?.string else {
        throw .malformedInput(path: name, line: object.line, reason: "unit \(index + 1) has no \"id\"")
      }
      var unit = BilingualUnit(id: id, isTranslatable: object["translate"]?.bool ?? true, notes: [], parts: [],
                               line: object.line)
      if index == 0, let leading = document["leadingText"]?.string, !leading.isEmpty {
        unit.parts.append(.ignorable(source: leading, target: nil))
      }
      let segments: [JSONValue]
      if let listed = object["segments"] {
        guard let array = listed.array else {
          throw .malformedInput(path: name, line: object.line, reason: "unit \(id): \"segments\" must be an array")
        }
        segments = array
      } else {
        segments = object["source"] == nil ? [] : [value]
      }
      for segment in segments {
        guard let segment = segment.object else {
          throw .malformedInput(path: name, line: object.line, reason: "unit \(id): a segment is not an object")
        }
        unit.parts += try parts(of: segment, unit: id, path: name)
      }
      units.append(unit)
    }
    let file = BilingualFile(id: "f1", original: document["name"]?.string, metadata: metadata, notes: [], units: units)
    return BilingualDocument(name: name, sourceLanguage: root["srcLang"]?.string ?? "ro",
                             targetLanguage: root["trgLang"]?.string, files: [file])
  }

  /// A segment object of a unit, and the text after it (`spaceAfter`) when there is any.
  private static func parts(of segment: JSONObject, unit id: String, path: String) throws(TraduError) -> [BilingualPart] {
    let segmentID = segment["id"]?.string
    guard let source = segment["source"]?.string else {
      throw .malformedInput(path: path, line: segment.line, reason: "unit \(id): segment \(segmentID ?? "?") has no \"source\" string")
    }
    let target: String?
    switch segment["target"] {
    case nil, .null?: target = nil
    case .string(let text)?: target = text
    default:
      throw .malformedInput(path: path, line: segment.line, reason: "segment \(segmentID ?? "?"): \"target\" must be a string or null")
    }
    let stateValue = segment["state"]?.string
    let state = stateValue.flatMap(SegmentState.init(rawValue:)) ?? (target == nil ? .initial : .translated)
    var parts: [BilingualPart] = [.segment(BilingualSegment(id: segmentID, source: source, target: target, state: state,
                                                             stateValue: stateValue, line: segment.line))]
    if let space = segment["spaceAfter"]?.string, !space.isEmpty {
      parts.append(.ignorable(source: space, target: nil))
    }
    return parts
  }
}
