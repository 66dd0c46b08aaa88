import Foundation

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
    let parsed: Any
    do {
      parsed = try JSONSerialization.jsonObject(with: Data(bytes))
    } catch {
      let (line, reason) = JSONPlaces.syntaxError(error, in: bytes)
      throw .malformedInput(path: name, line: line, reason: reason)
    }
    let places = JSONPlaces(bytes)
    guard let root = parsed as? [String: Any], root["format"] as? String == "tradu" else {
      throw .malformedInput(path: name, line: 1, reason: "not a Tradu JSON file (no \"format\": \"tradu\" at the top level); write it with tradu prepare --to json")
    }
    guard let list = root["units"] as? [[String: Any]] else {
      throw .malformedInput(path: name, line: 1, reason: "no \"units\" array")
    }
    let document = root["document"] as? [String: Any] ?? [:]
    var metadata: [String: String] = ["units": String(list.count)]
    if let fingerprint = document["fingerprint"] as? String { metadata["fingerprint"] = fingerprint }
    if let normalized = document["normalized"] as? Bool { metadata["normalized"] = normalized ? "yes" : "no" }
    if let mark = document["byteOrderMark"] as? Bool { metadata["byteOrderMark"] = mark ? "yes" : "no" }
    if let rules = document["normalization"] as? String { metadata["normalization"] = rules }
    var units: [BilingualUnit] = []
    for (index, object) in list.enumerated() {
      guard let id = object["id"] as? String else {
        throw .malformedInput(path: name, line: places.unit(index), reason: "unit \(index + 1) has no \"id\"")
      }
      var unit = BilingualUnit(id: id, isTranslatable: object["translate"] as? Bool ?? true, notes: [], parts: [],
                           line: places.unit(index))
      if index == 0, let leading = document["leadingText"] as? String, !leading.isEmpty {
        unit.parts.append(.ignorable(source: leading, target: nil))
      }
      let segments = object["segments"] as? [[String: Any]] ?? (object["source"] == nil ? [] : [object])
      for (k, segment) in segments.enumerated() {
        let segmentID = segment["id"] as? String
        let line = object["segments"] == nil ? places.unit(index) : places.segment(k, ofUnit: index)
        guard let source = segment["source"] as? String else {
          throw .malformedInput(path: name, line: line, reason: "unit \(id): segment \(segmentID ?? "?") has no \"source\" string")
        }
        let target: String?
        switch segment["target"] {
        case nil, is NSNull: target = nil
        case let text as String: target = text
        default:
          throw .malformedInput(path: name, line: line, reason: "segment \(segmentID ?? "?"): \"target\" must be a string or null")
        }
        let stateValue = segment["state"] as? String
        let state = stateValue.flatMap(SegmentState.init(rawValue:)) ?? (target == nil ? .initial : .translated)
        unit.parts.append(.segment(BilingualSegment(id: segmentID, source: source, target: target, state: state,
                                                    stateValue: stateValue, line: line)))
        if let space = segment["spaceAfter"] as? String, !space.isEmpty {
          unit.parts.append(.ignorable(source: space, target: nil))
        }
      }
      units.append(unit)
    }
    let file = BilingualFile(id: "f1", original: document["name"] as? String, metadata: metadata, notes: [], units: units)
    return BilingualDocument(name: name, sourceLanguage: root["srcLang"] as? String ?? "ro",
                             targetLanguage: root["trgLang"] as? String, files: [file])
  }
}
