/// A target article rebuilt from a translated XLIFF file.
public struct MergedArticle: Equatable, Sendable {
  /// The article's text.
  public var text: String
  /// Whether the prepared article started with a byte-order mark and was not normalized:
  /// write the mark back to get the original file's bytes.
  public var byteOrderMark: Bool
  /// The ids of translatable segments that had no translation and were filled with their
  /// source.
  public var untranslated: [String]
  /// The ids of translatable segments whose target is their source, word for word, and not
  /// marked translated: most likely untranslated (OmegaT and Okapi copy the source into every
  /// target). Segments made only of numbers, punctuation and do-not-translate names are not
  /// listed: they are legitimately the same.
  public var sameAsSource: [String] = []
  /// The ids of segments in units marked `translate="no"` whose target the file changed:
  /// merge keeps their source, as the file itself says.
  public var droppedTargets: [String] = []
}

/// Rebuilds the target article from a translated XLIFF file: every segment's target (or its
/// source when it has none) with the original text between segments.
///
/// Tradu's own XLIFF 2 carries the text between segments in `<ignorable>`s, so it is merged on
/// its own. XLIFF 1.2 does not carry the text between paragraphs, and a tool may have rewritten
/// the white space: for those, pass the ``PreparedDocument`` of the original article, whose
/// segment ids and white space are then used; a 1.2 trans-unit translated as a whole (its
/// segment carries the unit's id) replaces its paragraph.
public struct ArticleMerger: Sendable {
  /// Whether a segment without translation, or with its source as translation, is an error
  /// (rather than a warning).
  public var strict: Bool
  /// The glossary whose do-not-translate names a translation may legitimately repeat.
  public var glossary: Glossary?

  public init(strict: Bool = false, glossary: Glossary? = nil) {
    self.strict = strict
    self.glossary = glossary
  }

  /// Merges `xliff` (read from `name`), with the original article's preparation if given.
  public func merge(_ xliff: BilingualDocument, name: String, original: PreparedDocument? = nil) throws(TraduError) -> MergedArticle {
    guard xliff.files.count == 1, let file = xliff.files.first else {
      throw .malformedXML(path: name, line: nil, reason: "has \(xliff.files.count) <file> elements; merge rebuilds one article from one <file>")
    }
    let byteOrderMark = file.metadata["byteOrderMark"] == "yes" && file.metadata["normalized"] != "yes"
    if let original {
      if let fingerprint = file.fingerprint, fingerprint != original.fingerprint {
        throw .malformedInput(path: name, line: nil, reason: "was prepared from another article (fingerprint \(fingerprint.prefix(19))…), not \(original.name) (\(original.fingerprint.prefix(19))…); pass the article it was prepared from")
      }
      return try checkedForCopies(try mergeAlong(file, name: name, original: original, byteOrderMark: byteOrderMark), name: name)
    }
    guard xliff.xliffVersion != .v1_2 else {
      throw .malformedInput(path: name, line: nil, reason: "XLIFF 1.2 does not keep the text between paragraphs; pass the article with --original")
    }
    return try checkedForCopies(try mergeSelfContained(file, name: name, byteOrderMark: byteOrderMark), name: name)
  }

  /// Keeps in ``MergedArticle/sameAsSource`` only the segments that should differ from their
  /// source, and fails on them when strict.
  private func checkedForCopies(_ result: (MergedArticle, Tally), name: String) throws(TraduError) -> MergedArticle {
    var (merged, tally) = result
    merged.untranslated = tally.untranslated
    merged.droppedTargets = tally.dropped
    guard !tally.copies.isEmpty else { return merged }
    let matcher = glossary.map { GlossaryMatcher($0) }
    let names = Self.doNotTranslateIDs(of: matcher)
    merged.sameAsSource = []
    for copy in tally.copies where try !Self.mayStayAsSource(copy.source, matcher: matcher, names: names) {
      merged.sameAsSource.append(copy.id)
    }
    if strict && !merged.sameAsSource.isEmpty {
      throw .malformedInput(path: name, line: nil, reason: "\(merged.sameAsSource.count) segment(s) have their source as translation (--strict): "
        + "\(Self.list(merged.sameAsSource)); translate them, or drop --strict to merge them as they are")
    }
    return merged
  }

  /// Whether `source` may be its own translation: nothing but numbers, punctuation, symbols,
  /// white space and do-not-translate glossary names.
  ///
  /// A letter counts when none of its UTF-16 units is inside such a name; the glossary is only
  /// searched when the source has a letter at all. `names` are the ids of the do-not-translate
  /// entries (``doNotTranslateIDs(of:)``), found once for all the copies.
  static func mayStayAsSource(_ source: String, matcher: GlossaryMatcher?, names: Set<String>) throws(TraduError) -> Bool {
    guard source.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return true }
    guard let matcher else { return false }
    let kept = TakenRanges(try matcher.matches(in: source).filter { names.contains($0.entryID) }.map(\.range))
    var offset = 0
    for scalar in source.unicodeScalars {
      let width = scalar.value > 0xFFFF ? 2 : 1
      if scalar.properties.isAlphabetic && !kept.overlaps(offset..<(offset + width)) { return false }
      offset += width
    }
    return true
  }

  /// The same, finding the do-not-translate entries for this one source.
  static func mayStayAsSource(_ source: String, matcher: GlossaryMatcher?) throws(TraduError) -> Bool {
    try mayStayAsSource(source, matcher: matcher, names: doNotTranslateIDs(of: matcher))
  }

  /// The ids of the matcher's do-not-translate entries.
  static func doNotTranslateIDs(of matcher: GlossaryMatcher?) -> Set<String> {
    Set(matcher?.glossary.entries.filter(\.doNotTranslate).map(\.id) ?? [])
  }

  /// Up to ten ids, then how many more.
  static func list(_ ids: [String]) -> String {
    ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? " and \(ids.count - 10) more" : "")
  }

  /// What merging found about the targets.
  struct Tally {
    var untranslated: [String] = []
    /// Segments whose target is their source and whose state does not say "translated".
    var copies: [(id: String, source: String)] = []
    /// Segments of untranslatable units whose target differs from their source.
    var dropped: [String] = []
  }

  /// XLIFF 2 as Tradu wrote it: the parts in order, targets for segments.
  private func mergeSelfContained(_ file: BilingualFile, name: String, byteOrderMark: Bool) throws(TraduError) -> (MergedArticle, Tally) {
    let isTradu = file.fingerprint != nil
    if isTradu {
      if let declared = file.metadata["units"].flatMap(Int.init), declared > 0 {
        let present = Set(file.units.map(\.id))
        if let missing = (1...declared).first(where: { !present.contains("p\($0)") }) {
          throw .malformedInput(path: name, line: nil, reason: "unit p\(missing) is missing (the file was prepared with \(declared) units); restore it or merge with --original")
        }
        if file.units.count != declared {
          throw .malformedInput(path: name, line: nil, reason: "has \(file.units.count) units, but was prepared with \(declared)")
        }
      }
    }
    try Self.requireTextBetweenSegments(file, name: name)
    var text = ""
    var tally = Tally()
    var seen: Set<String> = []
    for unit in file.units {
      var sentence = 0
      for part in unit.parts {
        switch part {
        case .ignorable(let source, let target):
          text += target ?? source
        case .segment(let segment):
          sentence += 1
          let id = segment.id ?? "\(unit.id)#\(sentence)"
          if isTradu, unit.id != "p0", segment.id != "\(unit.id).s\(sentence)" {
            throw .malformedInput(path: name, line: segment.line, reason: "unit \(unit.id): segment \(segment.id ?? "without id") where \(unit.id).s\(sentence) was expected; ids must not be changed")
          }
          guard seen.insert(id).inserted else {
            throw .malformedInput(path: name, line: segment.line, reason: "segment id \(id) occurs twice")
          }
          text += try choose(segment.source, target: segment.target, id: id, confirmed: Self.isConfirmed(segment),
                             translatable: unit.isTranslatable, name: name, tally: &tally)
        }
      }
    }
    return (MergedArticle(text: text, byteOrderMark: byteOrderMark, untranslated: []), tally)
  }

  /// Refuses to glue sentences: a file merged on its own must carry the text between its
  /// segments (`<ignorable>`s), which tools other than Tradu do not write and some drop.
  ///
  /// In Tradu's own files two sentences may touch ("…2022.Ce…"), but paragraphs are always
  /// separated: there only a unit that ends without an `<ignorable>` shows a dropped one.
  static func requireTextBetweenSegments(_ file: BilingualFile, name: String) throws(TraduError) {
    let isTradu = file.fingerprint != nil
    for (index, unit) in file.units.enumerated() {
      var previous: BilingualSegment?
      for part in unit.parts {
        guard case .segment(let segment) = part else { previous = nil; continue }
        if !isTradu, let before = previous, !(before.source.last?.isWhitespace ?? true), !(segment.source.first?.isWhitespace ?? true) {
          throw .malformedInput(path: name, line: segment.line, reason: "unit \(unit.id): nothing between segments \(before.id ?? "without id") and \(segment.id ?? "without id")"
            + " (no <ignorable>), so the space between the sentences is unknown; merge with --original (the article the file was prepared from)")
        }
        previous = segment
      }
      if index + 1 < file.units.count, let last = previous, !(last.source.last?.isWhitespace ?? true) {
        throw .malformedInput(path: name, line: last.line ?? unit.line, reason: "unit \(unit.id) ends without the text between paragraphs (no <ignorable>);"
          + " merge with --original (the article the file was prepared from)")
      }
    }
  }

  /// Any XLIFF: targets by segment id, text between segments from the original.
  private func mergeAlong(_ file: BilingualFile, name: String, original: PreparedDocument, byteOrderMark: Bool) throws(TraduError) -> (MergedArticle, Tally) {
    var targets: [String: (source: String, target: String?, confirmed: Bool, line: Int?)] = [:]
    targets.reserveCapacity(original.units.reduce(0) { $0 + $1.segments.count })
    // Only needed for segments without an id, which Tradu's own files never have.
    lazy var originalUnits = Dictionary(original.units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for unit in file.units {
      for (k, segment) in unit.segments.enumerated() {
        // Segment ids are optional in XLIFF 2: one without takes the id of the original's
        // segment at its place in the unit.
        guard let id = segment.id ?? originalUnits[unit.id].flatMap({ k < $0.segments.count ? $0.segments[k].id : nil }) else {
          throw .malformedInput(path: name, line: segment.line ?? unit.line, reason: "unit \(unit.id) has a segment without an id, and \(original.name) has no unit \(unit.id) with a segment \(k + 1) to take it from")
        }
        guard targets.updateValue((segment.source, segment.target, Self.isConfirmed(segment), segment.line ?? unit.line), forKey: id) == nil else {
          throw .malformedInput(path: name, line: segment.line ?? unit.line, reason: "segment id \(id) occurs twice")
        }
      }
    }
    var text = original.leadingText
    var tally = Tally()
    var used = 0
    for unit in original.units {
      // A whole-paragraph translation (XLIFF 1.2 from a tool that ignores <seg-source>).
      let unitID = unit.id
      if let whole = targets[unitID], unit.segments.count > 1 || targets[unit.segments[0].id] == nil {
        used += 1
        text += try choose(unit.source, target: whole.target, id: unitID, confirmed: whole.confirmed,
                           translatable: unit.isTranslatable, name: name, tally: &tally)
        text += unit.segments.last?.spaceAfter ?? ""
        continue
      }
      for segment in unit.segments {
        let id = segment.id
        guard let found = targets[id] else {
          if !unit.isTranslatable {  // a tool may leave out what is not for translation
            text += segment.source + segment.spaceAfter
            continue
          }
          throw .malformedInput(path: name, line: nil, reason: "segment \(id) of \(original.name) is missing (unit \(unitID)); was the file prepared from another version of the article?")
        }
        used += 1
        if found.source != segment.source && found.source != Self.xml12Form(segment.source) {
          throw .malformedInput(path: name, line: found.line, reason: "segment \(id): its source differs from \(original.name)'s (\(segment.source.prefix(40))…); was the file prepared with other options, or its source edited?")
        }
        text += try choose(segment.source, target: found.target, id: id, confirmed: found.confirmed,
                           translatable: unit.isTranslatable, name: name, tally: &tally)
        text += segment.spaceAfter
      }
    }
    if used != targets.count {
      let known = Set(original.segments.map(\.id) + original.units.map(\.id))
      let unknown = targets.keys.filter { !known.contains($0) }.sorted()
      throw .malformedInput(path: name, line: unknown.first.flatMap { targets[$0]?.line }, reason: "segment \(unknown.first ?? "?") is not in \(original.name) (\(unknown.count) unknown ids); ids must not be changed")
    }
    return (MergedArticle(text: text, byteOrderMark: byteOrderMark, untranslated: []), tally)
  }

  /// Whether the file says the segment is translated (a `state` of translated or beyond).
  static func isConfirmed(_ segment: BilingualSegment) -> Bool {
    segment.stateValue != nil && segment.state != .initial
  }

  /// `text` as XLIFF 1.2 carries it: characters XML 1.0 forbids become U+FFFD.
  static func xml12Form(_ text: String) -> String {
    var out = XMLOutput()
    out.text(text, forbidden: .replacementCharacter)
    guard !out.replaced.isEmpty else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.map { s in
      let v = s.value
      return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF ? "\u{FFFD}" : s
    }))
  }

  private func choose(_ source: String, target: String?, id: String, confirmed: Bool, translatable: Bool,
                      name: String, tally: inout Tally) throws(TraduError) -> String {
    guard translatable else {
      if let target, !target.isEmpty, target != source { tally.dropped.append(id) }
      return source
    }
    if let target, !target.isEmpty || source.isEmpty {
      if target == source && !source.isEmpty && !confirmed { tally.copies.append((id, source)) }
      return target
    }
    if strict {
      throw .malformedInput(path: name, line: nil, reason: "segment \(id) has no translation (--strict); translate it or drop --strict to keep the source")
    }
    tally.untranslated.append(id)
    return source
  }
}
