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
  /// Whether a segment without translation is an error (rather than a warning and its source).
  public var strict: Bool

  public init(strict: Bool = false) {
    self.strict = strict
  }

  /// Merges `xliff` (read from `name`), with the original article's preparation if given.
  public func merge(_ xliff: XLIFFDocument, name: String, original: PreparedDocument? = nil) throws(TraduError) -> MergedArticle {
    guard xliff.files.count == 1, let file = xliff.files.first else {
      throw .malformedXML(path: name, line: nil, reason: "has \(xliff.files.count) <file> elements; merge rebuilds one article from one <file>")
    }
    let byteOrderMark = file.metadata["byteOrderMark"] == "yes" && file.metadata["normalized"] != "yes"
    if let original {
      if let fingerprint = file.fingerprint, fingerprint != original.fingerprint {
        throw .malformedInput(path: name, line: nil, reason: "was prepared from another article (fingerprint \(fingerprint.prefix(19))…), not \(original.name) (\(original.fingerprint.prefix(19))…); pass the article it was prepared from")
      }
      return try mergeAlong(file, name: name, original: original, byteOrderMark: byteOrderMark)
    }
    guard xliff.version != .v1_2 else {
      throw .malformedInput(path: name, line: nil, reason: "XLIFF 1.2 does not keep the text between paragraphs; pass the article with --original")
    }
    return try mergeSelfContained(file, name: name, byteOrderMark: byteOrderMark)
  }

  /// XLIFF 2 as Tradu wrote it: the parts in order, targets for segments.
  private func mergeSelfContained(_ file: XLIFFFile, name: String, byteOrderMark: Bool) throws(TraduError) -> MergedArticle {
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
    var text = ""
    var untranslated: [String] = []
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
            throw .malformedInput(path: name, line: nil, reason: "unit \(unit.id): segment \(segment.id ?? "without id") where \(unit.id).s\(sentence) was expected; ids must not be changed")
          }
          guard seen.insert(id).inserted else {
            throw .malformedInput(path: name, line: nil, reason: "segment id \(id) occurs twice")
          }
          text += try choose(segment.source, target: segment.target, id: id,
                             translatable: unit.isTranslatable, name: name, untranslated: &untranslated)
        }
      }
    }
    return MergedArticle(text: text, byteOrderMark: byteOrderMark, untranslated: untranslated)
  }

  /// Any XLIFF: targets by segment id, text between segments from the original.
  private func mergeAlong(_ file: XLIFFFile, name: String, original: PreparedDocument, byteOrderMark: Bool) throws(TraduError) -> MergedArticle {
    var targets: [String: (source: String, target: String?)] = [:]
    for unit in file.units {
      for segment in unit.segments {
        guard let id = segment.id else {
          throw .malformedInput(path: name, line: nil, reason: "unit \(unit.id) has a segment without an id")
        }
        guard targets.updateValue((segment.source, segment.target), forKey: id) == nil else {
          throw .malformedInput(path: name, line: nil, reason: "segment id \(id) occurs twice")
        }
      }
    }
    var text = original.leadingText
    var untranslated: [String] = []
    var used = 0
    for unit in original.units {
      // A whole-paragraph translation (XLIFF 1.2 from a tool that ignores <seg-source>).
      if let whole = targets[unit.id], unit.segments.count > 1 || targets[unit.segments[0].id] == nil {
        used += 1
        text += try choose(unit.source, target: whole.target, id: unit.id,
                           translatable: unit.isTranslatable, name: name, untranslated: &untranslated)
        text += unit.segments.last?.spaceAfter ?? ""
        continue
      }
      for segment in unit.segments {
        guard let found = targets[segment.id] else {
          throw .malformedInput(path: name, line: nil, reason: "segment \(segment.id) of \(original.name) is missing (unit \(unit.id)); was the file prepared from another version of the article?")
        }
        used += 1
        if found.source != segment.source && found.source != Self.xml12Form(segment.source) {
          throw .malformedInput(path: name, line: nil, reason: "segment \(segment.id): its source differs from \(original.name)'s (\(segment.source.prefix(40))…); was the file prepared with other options, or its source edited?")
        }
        text += try choose(segment.source, target: found.target, id: segment.id,
                           translatable: unit.isTranslatable, name: name, untranslated: &untranslated)
        text += segment.spaceAfter
      }
    }
    if used != targets.count {
      let known = Set(original.segments.map(\.id) + original.units.map(\.id))
      let unknown = targets.keys.filter { !known.contains($0) }.sorted()
      throw .malformedInput(path: name, line: nil, reason: "segment \(unknown.first ?? "?") is not in \(original.name) (\(unknown.count) unknown ids); ids must not be changed")
    }
    return MergedArticle(text: text, byteOrderMark: byteOrderMark, untranslated: untranslated)
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

  private func choose(_ source: String, target: String?, id: String, translatable: Bool, name: String,
                      untranslated: inout [String]) throws(TraduError) -> String {
    guard translatable else { return source }
    if let target, !target.isEmpty || source.isEmpty { return target }
    if strict {
      throw .malformedInput(path: name, line: nil, reason: "segment \(id) has no translation (--strict); translate it or drop --strict to keep the source")
    }
    untranslated.append(id)
    return source
  }
}
