import Foundation

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
    let converters = Dictionary(report.units.map { ($0.unit.id, $0.unit) }, uniquingKeysWith: { a, _ in a })
    let counts = report.countsBySeverity
    var summary: [String: Any] = ["findings": report.findings.count]
    for s in Severity.allCases { summary[s.rawValue] = counts[s] ?? 0 }
    let findings: [[String: Any]] = report.findings.map { f in
      let unit = f.segmentID.flatMap { converters[$0] }
      return object(f, source: unit?.source, target: unit?.target)
    }
    let root: [String: Any] = [
      "schema": schema, "document": report.document.name,
      "sourceLanguage": report.document.sourceLanguage, "targetLanguage": report.document.targetLanguage,
      "units": report.units.count, "offsetUnit": "codepoint", "summary": summary, "findings": findings,
    ]
    let data = (try? JSONSerialization.data(
      withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// One finding as a JSON object (the element of `findings`).
  public static func object(_ f: Finding, source: String?, target: String?) -> [String: Any] {
    func range(_ r: Range<Int>?, in text: String?) -> Any {
      guard let r, let text else { return NSNull() }
      let c = OffsetConverter(text)
      return ["start": c.codePointOffset(ofUTF16: r.lowerBound), "end": c.codePointOffset(ofUTF16: r.upperBound)]
    }
    return [
      "rule": f.rule.rawValue, "severity": f.severity.rawValue,
      "segment": f.segmentID ?? NSNull(), "entry": f.entry ?? NSNull(), "entryId": f.entryID ?? NSNull(),
      "sourceForm": f.sourceForm ?? NSNull(), "expected": f.expected, "found": f.found ?? NSNull(),
      "message": f.message,
      "sourceRange": range(f.sourceRange, in: source), "targetRange": range(f.targetRange, in: target),
    ]
  }
}
