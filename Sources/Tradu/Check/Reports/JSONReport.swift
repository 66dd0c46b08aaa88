/// Renders a ``CheckReport`` as JSON, schema `tradu-check/1` (stable: fields are only added).
///
///     {
///       "schema": "tradu-check/1",
///       "document": "article.en.txt", "sourceLanguage": "ro", "targetLanguage": "en",
///       "units": 23, "offsetUnit": "codepoint",
///       "summary": {"findings": 2, "critical": 1, "major": 1, "minor": 0, "info": 0},
///       "findings": [{
///         "rule": "forbidden-term", "severity": "critical", "segment": "p7.s1",
///         "entry": "Kiev", "entryId": "kiev", "sourceForm": "Kievului",
///         "expected": ["Kyiv"], "found": "Kiev", "message": "…",
///         "sourceRange": {"start": 120, "end": 128}, "targetRange": {"start": 98, "end": 102}
///       }]
///     }
///
/// `segment` is null for document-level findings; `entry`, `entryId`, `sourceForm`, `found`
/// and the ranges are null when they do not apply. Ranges count Unicode code points in the
/// unit's source or target text.
public enum JSONReport {
  public static let schema = "tradu-check/1"

  public static func render(_ report: CheckReport) -> String {
    let converters = Dictionary(report.units.map { ($0.unit.findingID, $0.unit) }, uniquingKeysWith: { a, _ in a })
    let counts = report.countsBySeverity
    var json = JSONWriter(style: .pretty)
    json.beginObject()
    json.field("document", report.document.name)
    json.key("findings")
    json.beginArray()
    for f in report.findings {
      let unit = f.segmentID.flatMap { converters[$0] }
      write(f, source: unit?.source, target: unit?.target, into: &json)
    }
    json.endArray()
    json.field("offsetUnit", "codepoint")
    json.field("schema", schema)
    json.field("sourceLanguage", report.document.sourceLanguageCode)
    json.key("summary")
    json.beginObject()
    // Sorted keys: critical, findings, info, major, minor.
    var members = Severity.allCases.map { ($0.rawValue, counts[$0] ?? 0) } + [("findings", report.findings.count)]
    members.sort { JSONWriter.keyOrder($0.0, $1.0) }
    for (name, count) in members { json.field(name, count) }
    json.endObject()
    json.field("targetLanguage", report.document.targetLanguageCode)
    json.field("units", report.units.count)
    json.endObject()
    return String(decoding: json.bytes, as: UTF8.self) + "\n"
  }

  /// Writes one finding as a JSON object (the element of `findings`); ranges count code points
  /// of `source` and `target`.
  public static func write(_ f: Finding, source: String?, target: String?, into json: inout JSONWriter) {
    func range(_ name: String, _ r: Range<Int>?, in text: String?) {
      json.key(name)
      guard let r, let text else { return json.null() }
      let c = OffsetConverter(text)
      json.beginObject()
      json.field("end", c.codePointOffset(ofUTF16: r.upperBound))
      json.field("start", c.codePointOffset(ofUTF16: r.lowerBound))
      json.endObject()
    }
    json.beginObject()
    json.key("entry")
    json.string(orNull: f.entry)
    json.key("entryId")
    json.string(orNull: f.entryID)
    json.field("expected", f.expected)
    json.key("found")
    json.string(orNull: f.found)
    json.field("message", f.message)
    json.field("rule", f.rule.rawValue)
    json.key("segment")
    json.string(orNull: f.segmentID)
    json.field("severity", f.severity.rawValue)
    json.key("sourceForm")
    json.string(orNull: f.sourceForm)
    range("sourceRange", f.sourceRange, in: source)
    range("targetRange", f.targetRange, in: target)
    json.endObject()
  }
}
