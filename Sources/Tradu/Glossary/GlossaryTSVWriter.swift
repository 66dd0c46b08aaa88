/// Writes a glossary in Tradu's TSV format: one row per target, the header row first.
public enum GlossaryTSVWriter {
  /// The columns written, in order.
  public static let columns = ["id", "source", "target", "type", "status", "dnt", "match", "forms", "note"]

  /// The TSV text of `glossary`.
  public static func document(_ glossary: Glossary) -> String {
    var out = columns.joined(separator: "\t") + "\n"
    for entry in glossary.entries {
      for (index, target) in entry.targets.enumerated() {
        let fields = [
          entry.id, entry.source, target.term, entry.type?.rawValue ?? "", target.status.rawValue,
          entry.doNotTranslate ? "yes" : "", entry.matchMode == .inflect ? "" : entry.matchMode.rawValue,
          index == 0 ? entry.forms.joined(separator: "|") : "", index == 0 ? entry.note ?? "" : "",
        ]
        out += fields.map(clean).joined(separator: "\t") + "\n"
      }
    }
    return out
  }

  /// A field without tabs or line breaks, which TSV cannot hold.
  static func clean(_ field: String) -> String {
    String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 })
  }
}
