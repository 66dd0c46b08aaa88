// A prepared article is a bilingual document whose targets are (mostly) still empty.
// PreparedDocument stays prepare's own output (offsets into the original, glossary matches,
// memory candidates, the codes' original bytes: what the writers need); this view gives the
// part every reader of translations produces, so a consumer of ``BilingualDocument`` can take
// an article straight from `prepare` or `align` as it takes one read back from a file.

extension BilingualDocument {
  /// `prepared` in the one bilingual model: one file (Tradu's facts as its metadata), one unit
  /// per paragraph, its segments with the text between them as ignorable parts, the inline
  /// codes with their ids and places.
  ///
  /// Writing `prepared` as XLIFF 2 or Tradu JSON and reading the file back gives the same
  /// files, units, parts and segments (see `PreparedAsBilingualTests`).
  public init(prepared: PreparedDocument) {
    let facts = TraduFileFacts(document: prepared, stamp: ExportStamp(toolVersion: "", date: nil))
    var metadata: [String: String] = [:]
    for (key, value) in facts.pairs where key != "toolVersion" { metadata[key] = value }
    var units: [BilingualUnit] = prepared.units.enumerated().map { index, unit in
      var parts: [BilingualPart] = []
      if index == 0 && !prepared.leadingText.isEmpty { parts.append(.ignorable(source: prepared.leadingText, target: nil)) }
      for segment in unit.segments {
        parts.append(.segment(BilingualSegment(
          id: segment.id, source: segment.source, target: segment.target, state: segment.state,
          stateValue: segment.state.rawValue,
          sourceCodes: segment.codes.map { InlineCodeReference(kind: $0.kind, id: String($0.id), position: $0.position) })))
        if !segment.spaceAfter.isEmpty { parts.append(.ignorable(source: segment.spaceAfter, target: nil)) }
      }
      return BilingualUnit(id: unit.id, isTranslatable: unit.isTranslatable, parts: parts)
    }
    if units.isEmpty {
      // As the writers keep a blank article: one unit not for translation, holding its text.
      var parts: [BilingualPart] = []
      if !prepared.leadingText.isEmpty { parts.append(.ignorable(source: prepared.leadingText, target: nil)) }
      parts.append(.segment(BilingualSegment(id: "p0.s1", source: "", target: nil, state: .initial, stateValue: "initial")))
      units = [BilingualUnit(id: "p0", isTranslatable: false, parts: parts)]
    }
    self.init(name: prepared.name, sourceLanguage: prepared.sourceLanguage, targetLanguage: prepared.targetLanguage,
              files: [BilingualFile(id: "f1", original: prepared.name, metadata: metadata, notes: [], units: units)])
  }
}
