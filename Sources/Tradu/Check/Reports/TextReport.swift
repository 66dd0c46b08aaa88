/// Renders a ``CheckReport`` for the terminal: findings grouped by rule (most severe first),
/// then by segment, each with the entry, the source form, what was expected and what was found.
///
///     forbidden-term · critical · 1 finding — the target uses a form the glossary forbids
///       p7.s1  entry “Kiev” · source “Kievului” · expected “Kyiv” · found “Kiev”
///              “Kiev” is a forbidden form: use “Kyiv”
public enum TextReport {
  public static func render(_ report: CheckReport) -> String {
    let findings = report.findings
    var out = "tradu check: \(report.document.name) — \(report.units.count) unit\(plural(report.units.count))\n"
    if findings.isEmpty {
      return out + "\nNo findings.\n"
    }
    let order = CheckRule.allCases.sorted { a, b in
      a.severity != b.severity ? a.severity > b.severity
        : CheckRule.allCases.firstIndex(of: a)! < CheckRule.allCases.firstIndex(of: b)!
    }
    let unitOrder = Dictionary(report.units.enumerated().map { ($1.unit.findingID, $0) }, uniquingKeysWith: { a, _ in a })
    for rule in order {
      let group = findings.filter { $0.rule == rule }.enumerated().sorted { a, b in
        let ua = a.element.segmentID.flatMap { unitOrder[$0] } ?? Int.max
        let ub = b.element.segmentID.flatMap { unitOrder[$0] } ?? Int.max
        return ua != ub ? ua < ub : a.offset < b.offset
      }.map(\.element)
      guard !group.isEmpty else { continue }
      out += "\n\(rule.rawValue) · \(rule.severity.rawValue) · \(group.count) finding\(plural(group.count)) — \(rule.summary)\n"
      let width = max(8, group.map { ($0.segmentID ?? "document").count }.max() ?? 0)
      for f in group {
        let id = f.segmentID ?? "document"
        let pad = String(repeating: " ", count: width - id.count)
        var facts: [String] = []
        if f.severity != rule.severity { facts.append(f.severity.rawValue) }
        if let e = f.entry { facts.append("entry “\(e)”") }
        if let s = f.sourceForm, s != f.entry || f.entry == nil { facts.append("source “\(s)”") }
        if !f.expected.isEmpty { facts.append("expected " + quotedList(f.expected)) }
        if let found = f.found { facts.append("found “\(found)”") }
        let indent = String(repeating: " ", count: width + 4)
        if facts.isEmpty {
          out += "  \(id)\(pad)  \(f.message)\n"
        } else {
          out += "  \(id)\(pad)  \(facts.joined(separator: " · "))\n\(indent)\(f.message)\n"
        }
      }
    }
    out += "\n" + summaryLine(report) + "\n"
    return out
  }

  /// "5 findings: 2 critical, 2 major, 1 minor." (the counts of ``CheckReport/countsBySeverity``,
  /// as the JSON report and `--fail-on` count them).
  public static func summaryLine(_ report: CheckReport) -> String {
    let counts = report.countsBySeverity
    let total = counts.values.reduce(0, +)
    if total == 0 { return "No findings." }
    let parts = Severity.allCases.reversed().compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
    return "\(total) finding\(plural(total)): \(parts.joined(separator: ", "))."
  }

  static func plural(_ n: Int) -> String { n == 1 ? "" : "s" }
}
