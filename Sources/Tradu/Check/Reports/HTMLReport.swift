/// Renders a ``CheckReport`` as one self-contained HTML page for reviewers: the segments side
/// by side, glossary terms highlighted in both languages, findings marked in the text and
/// listed next to their segment. No scripts, no external resources.
///
/// Structure the tests rely on: each unit is a `<tr class="unit" id="u-…" data-segment="…">`;
/// glossary terms are `<mark class="term">` (plus `forbidden`, `misspelt` or `kept`); text a finding points
/// at is `<mark class="flag sev-…">`; each finding is an `<li class="finding sev-…"
/// data-rule="…">`.
public enum HTMLReport {
  /// The page's style sheet, shared with `tradu align`'s report so both look alike.
  static let stylesheet = """
    body{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#1d1d1f;background:#fff}
    h1{font-size:1.3em;margin:0 0 .3em}
    .summary{margin:.2em 0 1em;color:#444}
    table{border-collapse:collapse;width:100%;table-layout:fixed}
    th,td{border-bottom:1px solid #ddd;padding:.45em .6em;vertical-align:top;text-align:left}
    th{background:#f3f3f5;position:sticky;top:0}
    col.id{width:5.5em} col.findings{width:27%}
    tr.has-findings td.id{border-left:4px solid #d33}
    td.id{font-family:ui-monospace,monospace;font-size:.85em;color:#555}
    mark.term{background:#dcecff;border-radius:3px;padding:0 1px}
    mark.term.kept{background:#e6e6e6}
    mark.term.forbidden{background:#ffd6d6;text-decoration:line-through}
    mark.term.misspelt{background:#ffe3c2;text-decoration:underline wavy #d33}
    mark.flag{background:none;border-bottom:3px solid #d33}
    mark.flag.sev-minor,mark.flag.sev-info{border-bottom-color:#d90}
    mark.term.flag{background:#dcecff}
    ul.findings{margin:0;padding-left:1.1em}
    li.finding{margin:.1em 0}
    .badge{display:inline-block;font-size:.75em;padding:0 .45em;border-radius:8px;color:#fff;background:#777;margin-right:.3em}
    .sev-critical .badge{background:#b00}
    .sev-major .badge{background:#d33}
    .sev-minor .badge{background:#d90}
    .sev-info .badge{background:#579}
    .legend mark{margin-right:.8em}
    section.document{border:1px solid #e2c000;background:#fffbe6;padding:.5em 1em;margin-bottom:1em}
    """

  public static func render(_ report: CheckReport, title: String? = nil) -> String {
    let name = escape(report.document.name)
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>\(escape(title ?? "tradu check: \(report.document.name)"))</title>
      <style>
      \(stylesheet)
      </style>
      </head>
      <body>
      <h1>Translation check: \(name)</h1>
      <p class="summary">\(report.units.count) unit\(report.units.count == 1 ? "" : "s") · \(escape(TextReport.summaryLine(report)))</p>
      <p class="legend"><mark class="term">glossary term</mark><mark class="term kept">name kept as in the source</mark><mark class="term forbidden">forbidden form</mark><mark class="term misspelt">misspelt</mark><mark class="flag sev-major">finding</mark></p>

      """
    if !report.documentFindings.isEmpty {
      html += "<section class=\"document\"><h2>Whole document</h2>\n<ul class=\"findings\">\n"
      for f in report.documentFindings { html += findingItem(f) }
      html += "</ul></section>\n"
    }
    html += """
      <table>
      <colgroup><col class="id"><col class="source"><col class="target"><col class="findings"></colgroup>
      <thead><tr><th>Segment</th><th>Source (\(escape(report.document.sourceLanguageCode)))</th><th>Target (\(escape(report.document.targetLanguageCode)))</th><th>Findings</th></tr></thead>
      <tbody>

      """
    for analysis in report.units {
      let unit = analysis.unit
      let has = !analysis.findings.isEmpty
      var sourceMarks: [Highlight] = analysis.sourceTerms.map {
        Highlight(range: $0.range, classes: ["term"], title: "\($0.source) → " + $0.targets.map(\.term).joined(separator: " / "))
      }
      var targetMarks: [Highlight] = analysis.targetTerms.map { t in
        var classes = ["term"]
        if t.status == .forbidden { classes.append("forbidden") }
        if t.isMisspelt { classes.append("misspelt") } else if t.status == nil { classes.append("kept") }
        return Highlight(range: t.range, classes: classes, title: "\(t.entry) → \(t.term)")
      }
      for f in analysis.findings {
        let flag = ["flag", "sev-\(f.severity.rawValue)"]
        if let r = f.sourceRange { sourceMarks.append(Highlight(range: r, classes: flag, title: f.message)) }
        if let r = f.targetRange { targetMarks.append(Highlight(range: r, classes: flag, title: f.message)) }
      }
      let id = escape(unit.findingID)
      html += "<tr class=\"unit\(has ? " has-findings" : "")\" id=\"u-\(id)\" data-segment=\"\(id)\">"
      html += "<td class=\"id\">\(id)</td>"
      html += "<td class=\"source\" lang=\"\(escape(report.document.sourceLanguageCode))\">\(highlighted(unit.source, sourceMarks))</td>"
      if let target = unit.target {
        html += "<td class=\"target\" lang=\"\(escape(report.document.targetLanguageCode))\">\(highlighted(target, targetMarks))</td>"
      } else {
        html += "<td class=\"target missing\"><em>no translation</em></td>"
      }
      html += "<td>"
      if has {
        html += "<ul class=\"findings\">"
        for f in analysis.findings { html += findingItem(f) }
        html += "</ul>"
      }
      html += "</td></tr>\n"
    }
    html += "</tbody>\n</table>\n</body>\n</html>\n"
    return html
  }

  private static func findingItem(_ f: Finding) -> String {
    var text = "<li class=\"finding sev-\(f.severity.rawValue)\" data-rule=\"\(f.rule.rawValue)\">"
    text += "<span class=\"badge\">\(f.rule.rawValue)</span>"
    if let e = f.entry { text += "<b>\(escape(e))</b>: " }
    text += escape(f.message) + "</li>\n"
    return text
  }

  struct Highlight {
    var range: Range<Int>
    var classes: [String]
    var title: String
  }

  /// `text` escaped, with each highlight wrapped in `<mark>`; overlapping highlights are cut at
  /// every boundary so the marks nest properly and carry the union of their classes.
  static func highlighted(_ text: String, _ marks: [Highlight]) -> String {
    let units = Array(text.utf16)
    let valid = marks.filter { $0.range.lowerBound >= 0 && $0.range.upperBound <= units.count && !$0.range.isEmpty }
    var cuts = Set([0, units.count])
    for m in valid { cuts.insert(m.range.lowerBound); cuts.insert(m.range.upperBound) }
    let points = cuts.sorted()
    var out = ""
    for (a, b) in zip(points, points.dropFirst()) {
      let piece = escape(String(decoding: units[a..<b], as: UTF16.self))
      let covering = valid.filter { $0.range.lowerBound <= a && $0.range.upperBound >= b }
      if covering.isEmpty {
        out += piece
      } else {
        let classes = covering.flatMap(\.classes).uniqued()
        let title = covering.map(\.title).uniqued().joined(separator: " | ")
        out += "<mark class=\"\(classes.joined(separator: " "))\" title=\"\(escape(title))\">\(piece)</mark>"
      }
    }
    return out
  }

  /// Escapes `& < > "` for HTML text and attribute values.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
