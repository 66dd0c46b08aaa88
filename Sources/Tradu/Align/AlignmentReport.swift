import Foundation

/// Reports on an ``AlignedArticle``: a text summary, the links as JSON (schema
/// `tradu-align/1`, also what `tradu align --to json` writes), and a side-by-side HTML page
/// for a reviewer in the look of `tradu check`'s report.
public enum AlignmentReport {
  /// Counts of links by shape, e.g. "1-1 18, 2-1 1, 1-0 1".
  static func shapes(_ aligned: AlignedArticle) -> String {
    var counts: [String: Int] = [:]
    for link in aligned.alignment.links { counts[link.shape, default: 0] += 1 }
    let order = ["1-1", "1-2", "2-1", "1-0", "0-1"]
    return order.compactMap { s in counts[s].map { "\(s) \($0)" } }.joined(separator: ", ")
  }

  /// One line: sentences, links by shape, links to review.
  public static func summaryLine(_ aligned: AlignedArticle) -> String {
    let review = aligned.linksToReview.count
    return "\(aligned.sourceSentences.count) source and \(aligned.targetSentences.count) target sentences, "
      + "\(aligned.alignment.links.count) links (\(shapes(aligned))); \(review) to review"
  }

  /// The source sentence ids of a link ("p3.s1+p3.s2"), or "-" for none.
  static func sourceIDs(_ aligned: AlignedArticle, _ link: AlignmentLink) -> String {
    link.source.isEmpty ? "-" : link.source.map { aligned.sourceSentences[$0].id }.joined(separator: "+")
  }

  static func targetIDs(_ aligned: AlignedArticle, _ link: AlignmentLink) -> String {
    link.target.isEmpty ? "-" : link.target.map { aligned.targetSentences[$0].id }.joined(separator: "+")
  }

  static func why(_ link: AlignmentLink) -> String {
    if link.source.isEmpty { return "no source sentence matches this translated sentence" }
    if link.target.isEmpty { return "no translated sentence matches this source sentence" }
    return "unsure link"
  }

  /// The summary, problems and the links to review, for a terminal.
  public static func text(_ aligned: AlignedArticle) -> String {
    var out = "\(aligned.prepared.name) ↔ \(aligned.translationName): \(summaryLine(aligned))\n"
    for problem in aligned.problems { out += "problem: \(problem)\n" }
    for link in aligned.linksToReview {
      out += "review \(sourceIDs(aligned, link)) ↔ \(targetIDs(aligned, link)) (\(link.shape), confidence \(AlignedArticle.percent(link.confidence))): \(why(link))\n"
      for i in link.source { out += "  ro: \(aligned.sourceSentences[i].source)\n" }
      for j in link.target { out += "  en: \(aligned.targetSentences[j].text)\n" }
    }
    return out
  }

  /// The alignment as JSON (schema `tradu-align/1`): both sides' sentences with their ids, and
  /// the links as indices into them with their confidence and whether to review them.
  public static func json(_ aligned: AlignedArticle) -> String {
    var json = JSONWriter(style: .pretty)
    func number(_ x: Double) {
      json.rawValue(Array(String(format: "%.3f", x).utf8))
    }
    func side(_ name: String, _ language: String, _ sentences: [(id: String, text: String)]) {
      json.beginObject()
      json.field("file", name)
      json.field("language", language)
      json.key("sentences")
      json.beginArray()
      for sentence in sentences {
        json.beginObject()
        json.field("id", sentence.id)
        json.field("text", sentence.text)
        json.endObject()
      }
      json.endArray()
      json.endObject()
    }
    json.beginObject()
    json.key("lengthRatio")
    number(aligned.alignment.lengthRatio)
    json.key("links")
    json.beginArray()
    for link in aligned.alignment.links {
      json.beginObject()
      json.key("confidence")
      number(link.confidence)
      json.field("review", aligned.needsReview(link))
      json.key("source")
      json.beginArray()
      for i in link.source { json.int(i) }
      json.endArray()
      json.key("target")
      json.beginArray()
      for j in link.target { json.int(j) }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.field("problems", aligned.problems)
    json.field("schema", "tradu-align/1")
    json.key("source")
    side(aligned.prepared.name, aligned.prepared.sourceLanguage, aligned.sourceSentences.map { ($0.id, $0.source) })
    json.key("target")
    side(aligned.translationName, aligned.prepared.targetLanguage, aligned.targetSentences.map { ($0.id, $0.text) })
    json.endObject()
    return String(decoding: json.bytes, as: UTF8.self) + "\n"
  }

  /// A self-contained HTML page: one row per link, source and translation side by side, unsure
  /// links and unmatched sentences coloured and listed first in the summary. No scripts, no
  /// external resources.
  ///
  /// Structure the tests rely on: each link is a `<tr class="link …" data-shape="2-1"
  /// data-confidence="0.93">`, with class `review` when it needs review and `unmatched` for
  /// 1-0 and 0-1 links.
  public static func html(_ aligned: AlignedArticle) -> String {
    let esc = HTMLReport.escape
    let source = aligned.prepared.sourceLanguage
    let target = aligned.prepared.targetLanguage
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>\(esc("tradu align: \(aligned.prepared.name) ↔ \(aligned.translationName)"))</title>
      <style>
      \(HTMLReport.stylesheet)
      col.score{width:6em} col.id{width:10em}
      tr.review td.id{border-left:4px solid #d90}
      tr.unmatched td.id{border-left:4px solid #d33}
      tr.review td.score{color:#a60;font-weight:600}
      tr.unmatched td.score{color:#b00}
      td.empty{color:#999;font-style:italic}
      </style>
      </head>
      <body>
      <h1>Alignment: \(esc(aligned.prepared.name)) ↔ \(esc(aligned.translationName))</h1>
      <p class="summary">\(esc(summaryLine(aligned)))</p>
      <p class="legend"><span class="badge" style="background:#d90">unsure</span>confidence under \(esc(AlignedArticle.percent(aligned.unsureBelow))) <span class="badge" style="background:#d33">unmatched</span>a sentence with no counterpart</p>

      """
    if !aligned.problems.isEmpty {
      html += "<section class=\"document\"><h2>This does not look like a translation of the source</h2>\n<ul class=\"findings\">\n"
      for p in aligned.problems { html += "<li class=\"finding sev-critical\"><span class=\"badge\">problem</span>\(esc(p))</li>\n" }
      html += "</ul></section>\n"
    }
    html += """
      <table>
      <colgroup><col class="id"><col class="source"><col class="target"><col class="score"></colgroup>
      <thead><tr><th>Sentences</th><th>Source (\(esc(source)))</th><th>Translation (\(esc(target)))</th><th>Confidence</th></tr></thead>
      <tbody>

      """
    for link in aligned.alignment.links {
      var classes = ["link"]
      if aligned.needsReview(link) { classes.append("review") }
      if link.isUnmatched { classes.append("unmatched") }
      let ids = "\(sourceIDs(aligned, link)) ↔ \(targetIDs(aligned, link))"
      html += "<tr class=\"\(classes.joined(separator: " "))\" data-shape=\"\(link.shape)\" data-confidence=\"\(String(format: "%.2f", link.confidence))\">"
      html += "<td class=\"id\">\(esc(ids))</td>"
      if link.source.isEmpty {
        html += "<td class=\"source empty\">no source sentence</td>"
      } else {
        html += "<td class=\"source\" lang=\"\(esc(source))\">\(link.source.map { esc(aligned.sourceSentences[$0].source) }.joined(separator: " "))</td>"
      }
      if link.target.isEmpty {
        html += "<td class=\"target empty\">not translated</td>"
      } else {
        html += "<td class=\"target\" lang=\"\(esc(target))\">\(link.target.map { esc(aligned.targetSentences[$0].text) }.joined(separator: " "))</td>"
      }
      html += "<td class=\"score\" title=\"\(esc(aligned.needsReview(link) ? why(link) : "sure"))\">\(esc(AlignedArticle.percent(link.confidence)))<br>\(link.shape)</td></tr>\n"
    }
    html += "</tbody>\n</table>\n</body>\n</html>\n"
    return html
  }
}
