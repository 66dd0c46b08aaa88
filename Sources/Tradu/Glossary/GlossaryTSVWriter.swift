/// Writes a glossary in Tradu's TSV format: one row per target, the header row first, `source`
/// and `target` the first two columns (tools that read a two-column glossary take those).
public enum GlossaryTSVWriter {
  /// The columns written, in order.
  public static let columns = ["source", "target", "id", "type", "status", "dnt", "match", "forms", "note"]

  /// The TSV text of `glossary`.
  public static func document(_ glossary: Glossary) -> String {
    var out = columns.joined(separator: "\t") + "\n"
    for entry in glossary.entries {
      for (index, target) in entry.targets.enumerated() {
        let fields = [
          entry.source, target.term, entry.id, entry.type?.rawValue ?? "", target.status.rawValue,
          entry.doNotTranslate ? "yes" : "", entry.matchMode == .inflect ? "" : entry.matchMode.rawValue,
          index == 0 ? entry.forms.joined(separator: "|") : "", index == 0 ? entry.note ?? "" : "",
        ]
        out += fields.map(clean).joined(separator: "\t") + "\n"
      }
    }
    return out
  }

  /// The tab-separated glossary OmegaT reads (`.txt`/`.utf8`): `source TAB target TAB
  /// comment` per line, no header row (OmegaT would take it for an entry). One line per
  /// allowed target; forbidden ones are named in the comment instead.
  public static func omegaTTab(_ glossary: Glossary) -> String {
    var out = ""
    for entry in glossary.entries {
      let forbidden = entry.targets.filter { $0.status == .forbidden }.map(\.term)
      for target in entry.targets where target.status != .forbidden {
        var comment: [String] = []
        if entry.doNotTranslate { comment.append("do not translate") }
        if target.status == .admitted { comment.append("admitted") }
        if !forbidden.isEmpty { comment.append("not: " + forbidden.joined(separator: ", ")) }
        if let note = entry.note { comment.append(note) }
        out += [entry.source, target.term, comment.joined(separator: "; ")].map(clean).joined(separator: "\t") + "\n"
      }
    }
    return out
  }

  /// A field without tabs or line breaks, which TSV cannot hold.
  static func clean(_ field: String) -> String {
    // Most fields hold neither a control byte nor the lead byte of U+0085 (C2) or of
    // U+2028/U+2029 (E2): those are returned as they are, without reading characters.
    guard field.utf8.contains(where: { $0 < 0x20 || $0 == 0xC2 || $0 == 0xE2 }) else { return field }
    return String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 })
  }
}
