import Foundation

/// A JSON value, decoded without Foundation's number/boolean ambiguity.
indirect enum JSONValue: Decodable, Equatable {
  case null, bool(Bool), integer(Int), number(Double), string(String)
  case array([JSONValue]), object([String: JSONValue])

  init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null }
    else if let v = try? c.decode(Bool.self) { self = .bool(v) }
    else if let v = try? c.decode(Int.self) { self = .integer(v) }
    else if let v = try? c.decode(Double.self) { self = .number(v) }
    else if let v = try? c.decode(String.self) { self = .string(v) }
    else if let v = try? c.decode([JSONValue].self) { self = .array(v) }
    else { self = .object(try c.decode([String: JSONValue].self)) }
  }

  static func parse(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
  }
}

/// Validates JSON against the subset of JSON Schema 2020-12 that `Schemas/tradu.schema.json`
/// uses: `$ref` to `#/$defs/…`, `type`, `const`, `enum`, `required`, `properties`,
/// `additionalProperties: false`, `items`, `minItems`, `minLength`, `minimum`, `pattern`.
/// Any other keyword is reported, so the schema cannot silently outgrow the validator.
struct JSONSchemaValidator {
  let root: JSONValue

  /// The violations of `value` against `schema` (the root when nil), as `path: problem`.
  func errors(_ value: JSONValue, schema: JSONValue? = nil, path: String = "$") -> [String] {
    guard case .object(let s) = schema ?? root else { return ["\(path): schema is not an object"] }
    var found: [String] = []
    let known: Set<String> = ["$schema", "$id", "$defs", "title", "description", "$ref", "type", "const",
                              "enum", "required", "properties", "additionalProperties", "items",
                              "minItems", "minLength", "minimum", "pattern"]
    for key in s.keys where !known.contains(key) { found.append("\(path): unsupported keyword \(key)") }
    if case .string(let ref)? = s["$ref"] {
      guard ref.hasPrefix("#/$defs/"), case .object(let defs)? = root.objectValue?["$defs"],
            let target = defs[String(ref.dropFirst(8))] else { return found + ["\(path): bad $ref \(ref)"] }
      found += errors(value, schema: target, path: path)
    }
    if let type = s["type"] {
      let allowed: [String]
      switch type {
      case .string(let t): allowed = [t]
      case .array(let ts): allowed = ts.compactMap { if case .string(let t) = $0 { return t } else { return nil } }
      default: allowed = []
      }
      if !allowed.contains(where: { value.hasType($0) }) { found.append("\(path): not of type \(allowed)") }
    }
    if let constant = s["const"], constant != value { found.append("\(path): not the constant") }
    if case .array(let options)? = s["enum"], !options.contains(value) { found.append("\(path): not one of the enum values") }
    if case .object(let object) = value {
      if case .array(let required)? = s["required"] {
        for case .string(let key) in required where object[key] == nil { found.append("\(path): missing \(key)") }
      }
      let properties = s["properties"]?.objectValue ?? [:]
      for (key, child) in object {
        if let sub = properties[key] {
          found += errors(child, schema: sub, path: "\(path).\(key)")
        } else if s["additionalProperties"] == .bool(false) {
          found.append("\(path): unexpected property \(key)")
        }
      }
    }
    if case .array(let items) = value {
      if case .integer(let n)? = s["minItems"], items.count < n { found.append("\(path): fewer than \(n) items") }
      if let sub = s["items"] {
        for (i, item) in items.enumerated() { found += errors(item, schema: sub, path: "\(path)[\(i)]") }
      }
    }
    if case .string(let string) = value {
      if case .integer(let n)? = s["minLength"], string.unicodeScalars.count < n { found.append("\(path): shorter than \(n)") }
      if case .string(let pattern)? = s["pattern"],
         string.range(of: pattern, options: .regularExpression) == nil {
        found.append("\(path): does not match \(pattern)")
      }
    }
    if case .integer(let n) = value, case .integer(let minimum)? = s["minimum"], n < minimum {
      found.append("\(path): less than \(minimum)")
    }
    return found
  }
}

extension JSONValue {
  var objectValue: [String: JSONValue]? {
    if case .object(let o) = self { return o } else { return nil }
  }

  func hasType(_ type: String) -> Bool {
    switch (type, self) {
    case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer),
      ("number", .number), ("string", .string), ("array", .array), ("object", .object):
      return true
    default:
      return false
    }
  }
}
