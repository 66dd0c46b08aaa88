import Foundation

/// Reads translations into ``BilingualDocument``s: a pair of plain texts, Tradu JSON and JSONL.
///
/// XLIFF and TMX have their own readers (``TMXReader``; XLIFF through `tradu prepare`'s reader).
public enum BilingualReader {
  /// Pairs a source text and its translation by position.
  ///
  /// Both texts are segmented (Romanian and English rules); paragraph *n* of the target must
  /// translate paragraph *n* of the source. Inside a paragraph, sentence *k* pairs with
  /// sentence *k* when both have the same number of sentences (ids `p3.s2`); otherwise the
  /// whole paragraph is one unit (id `p3`), since a translator may merge or split sentences.
  ///
  /// - Throws: ``TraduError/malformedInput(path:line:reason:)`` when the paragraph counts differ.
  public static func pair(source: SourceDocument, target: SourceDocument) throws(TraduError) -> BilingualDocument {
    let s = try Segmenter(locale: "ro").segment(source.text)
    let t = try Segmenter(locale: "en").segment(target.text)
    guard s.paragraphs.count == t.paragraphs.count else {
      throw .malformedInput(
        path: target.name, line: nil,
        reason: "has \(t.paragraphs.count) paragraphs but the source \(source.name) has \(s.paragraphs.count); "
          + "give each translated paragraph its own block, separated by a blank line, in source order")
    }
    var units: [BilingualUnit] = []
    for (sp, tp) in zip(s.paragraphs, t.paragraphs) {
      if sp.segments.count == tp.segments.count {
        for (ss, ts) in zip(sp.segments, tp.segments) {
          units.append(BilingualUnit(id: ss.id, source: ss.text, target: ts.text))
        }
      } else {
        units.append(BilingualUnit(id: "p\(sp.number)", source: slice(s.text, sp.range),
                                   target: slice(t.text, tp.range)))
      }
    }
    return BilingualDocument(name: target.name, sourceLanguage: source.language,
                             targetLanguage: target.language, units: units)
  }

  /// Reads JSONL: one `{"id", "source", "target"}` object per line (the evaluation protocol),
  /// or one `{"format": "tradu-unit", "unit": {…, "segments": […]}}` per line as
  /// `tradu prepare --to jsonl` writes them, once translated. A null or absent target is
  /// untranslated; units with `"translate": false` are left out, as in Tradu JSON.
  public static func jsonl(_ text: String, name: String) throws(TraduError) -> BilingualDocument {
    var units: [BilingualUnit] = []
    var notForTranslation: [BilingualUnit] = []
    var languages: (source: String?, target: String?) = (nil, nil)
    var number = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      if line.allSatisfy(\.isWhitespace) { continue }
      guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
        throw .malformedInput(path: name, line: number, reason: "not a JSON object")
      }
      guard let prepared = object["unit"] as? [String: Any] else {
        units.append(try unit(object, index: units.count, path: name, line: number))
        continue
      }
      languages = (languages.source ?? language(object["srcLang"]), languages.target ?? language(object["trgLang"]))
      guard let segments = prepared["segments"] as? [[String: Any]] else {
        throw .malformedInput(path: name, line: number, reason: "the unit has no \"segments\" array")
      }
      let pieces = try segments.map { segment throws(TraduError) in
        try unit(segment, index: units.count, path: name, line: number)
      }
      if prepared["translate"] as? Bool == false {
        notForTranslation += pieces.filter { $0.target.map { !$0.isEmpty } ?? false && $0.target != $0.source }
      } else {
        units += pieces
      }
    }
    var document = BilingualDocument(name: name, sourceLanguage: languages.source ?? "ro",
                                     targetLanguage: languages.target ?? "en", units: units)
    document.targetsNotForTranslation = notForTranslation
    return document
  }

  /// Reads Tradu JSON: `{"format": "tradu", "srcLang", "trgLang", "units": [...]}` where each
  /// unit has `id`, `source` and `target`, or holds such objects in `segments` (as
  /// `tradu prepare --to json` writes them). Units with `"translate": false` are left out.
  public static func traduJSON(_ text: String, name: String) throws(TraduError) -> BilingualDocument {
    let parsed: Any
    let bytes = Array(text.utf8)
    do {
      parsed = try JSONSerialization.jsonObject(with: Data(bytes))
    } catch {
      let (line, reason) = JSONPlaces.syntaxError(error, in: bytes)
      throw .malformedInput(path: name, line: line, reason: reason)
    }
    guard let root = parsed as? [String: Any] else {
      throw .malformedInput(path: name, line: 1, reason: "expected a JSON object at the top level")
    }
    guard let list = root["units"] as? [[String: Any]] else {
      throw .malformedInput(path: name, line: 1, reason: "no \"units\" array: not a Tradu JSON file")
    }
    let places = JSONPlaces(bytes)
    var units: [BilingualUnit] = []
    var notForTranslation: [BilingualUnit] = []
    for (i, object) in list.enumerated() {
      var pieces: [BilingualUnit] = []
      let segments = object["segments"] as? [[String: Any]]
      for (k, piece) in (segments ?? [object]).enumerated() {
        let line = segments == nil ? places.unit(i) : places.segment(k, ofUnit: i)
        pieces.append(try unit(piece, index: units.count + pieces.count, path: name, line: line))
      }
      if object["translate"] as? Bool == false {
        notForTranslation += pieces.filter { $0.target.map { !$0.isEmpty } ?? false && $0.target != $0.source }
      } else {
        units += pieces
      }
    }
    var document = BilingualDocument(name: name, sourceLanguage: language(root["srcLang"]) ?? "ro",
                                     targetLanguage: language(root["trgLang"]) ?? "en", units: units)
    document.targetsNotForTranslation = notForTranslation
    return document
  }

  private static func unit(_ object: [String: Any], index: Int, path: String, line: Int?) throws(TraduError) -> BilingualUnit {
    let id: String
    switch object["id"] {
    case let s as String: id = s
    case let n as NSNumber: id = n.stringValue
    default: id = String(index + 1)
    }
    guard let source = object["source"] as? String else {
      throw .malformedInput(path: path, line: line, reason: "unit \(id): missing string field \"source\"")
    }
    let target: String?
    switch object["target"] {
    case nil, is NSNull: target = nil
    case let s as String: target = s
    default:
      throw .malformedInput(path: path, line: line, reason: "unit \(id): \"target\" must be a string or null")
    }
    return BilingualUnit(id: id, source: source, target: target)
  }

  private static func language(_ value: Any?) -> String? {
    (value as? String).map { $0.split(separator: "-").first.map(String.init) ?? $0 }
  }

  /// The text at `range`, in UTF-16 offsets.
  private static func slice(_ text: String, _ range: Range<Int>) -> String {
    let utf16 = text.utf16
    let from = utf16.index(utf16.startIndex, offsetBy: range.lowerBound)
    return String(text[from..<utf16.index(from, offsetBy: range.count)])
  }
}

extension BilingualReader {
  /// The translatable segments of a parsed XLIFF file (any tool's, 1.2 or 2.x) as units.
  ///
  /// A segment's id is its own (2.x `id`, 1.2 `mid`) or, when it has none, the unit's id
  /// (with `#2`, `#3`… for further segments). Units marked `translate="no"` are left out.
  ///
  /// - Throws: ``TraduError/malformedXML(path:line:reason:)`` when two units, or two segments
  ///   of one unit, share an id, since findings could not be traced to one segment.
  ///
  /// - Parameter original: The article the file was prepared from, prepared again: every
  ///   translatable segment of it that the file lacks is listed in
  ///   ``BilingualDocument/missing``. Without it, a file Tradu wrote still tells a missing unit
  ///   by its unit count and a missing segment by a gap in its ids (`p3.s1`, `p3.s3`).
  public static func xliff(_ xliff: XLIFFDocument, name: String, original: PreparedDocument? = nil) throws(TraduError) -> BilingualDocument {
    var units: [BilingualUnit] = []
    var notForTranslation: [BilingualUnit] = []
    var seenUnits: Set<String> = []
    // Segment ids as written; 1.2 `mid`s may restart in every trans-unit, and then each id of
    // that file is qualified with its unit's id ("p2:1").
    var written: [(file: String, unit: String, segment: String, source: String, target: String?)] = []
    for file in xliff.files {
      for unit in file.units {
        let unitKey = "\(file.id ?? "")\u{1F}\(unit.id)"
        guard seenUnits.insert(unitKey).inserted else {
          throw .malformedXML(path: name, line: unit.line,
                              reason: "unit id \"\(unit.id)\" appears twice; every unit needs its own id")
        }
        guard unit.isTranslatable else {
          for (k, segment) in unit.segments.enumerated() {
            if let target = segment.target, !target.isEmpty, target != segment.source {
              let id = segment.id ?? (k == 0 ? unit.id : "\(unit.id)#\(k + 1)")
              notForTranslation.append(BilingualUnit(id: id, source: segment.source, target: target))
            }
          }
          continue
        }
        var inUnit: Set<String> = []
        for (k, segment) in unit.segments.enumerated() {
          let id = segment.id ?? (k == 0 ? unit.id : "\(unit.id)#\(k + 1)")
          guard inUnit.insert(id).inserted else {
            throw .malformedXML(path: name, line: segment.line,
                                reason: "segment id \"\(id)\" appears twice in unit \"\(unit.id)\"; segment ids must be unique")
          }
          // A copy of the source whose state does not say "translated" is the untranslated
          // target that Tradu seeds XLIFF 1.2 with (and OmegaT leaves): no translation yet, so
          // the term rules do not read the Romanian copy as English.
          let isSeededCopy = segment.state == .initial && segment.target == segment.source
            && segment.source.unicodeScalars.contains { $0.properties.isAlphabetic }
          written.append((file.id ?? "", unit.id, id, segment.source, isSeededCopy ? nil : segment.target))
        }
      }
    }
    var seen: Set<String> = []
    var qualified: Set<String> = []  // files whose segment ids repeat across units
    for w in written where !seen.insert(w.file + "\u{1F}" + w.segment).inserted { qualified.insert(w.file) }
    for w in written {
      let id = qualified.contains(w.file) && w.segment != w.unit ? "\(w.unit):\(w.segment)" : w.segment
      units.append(BilingualUnit(id: id, source: w.source, target: w.target))
    }
    var document = BilingualDocument(
      name: name, sourceLanguage: TMXReader.primary(xliff.sourceLanguage.isEmpty ? "ro" : xliff.sourceLanguage),
      targetLanguage: TMXReader.primary(xliff.targetLanguage ?? "en"), units: units)
    document.missing = missing(in: xliff, original: original)
    document.targetsNotForTranslation = notForTranslation
    return document
  }

  /// The ids of units and segments the file should have and has not, in document order.
  static func missing(in xliff: XLIFFDocument, original: PreparedDocument?) -> [String] {
    var present: Set<String> = []
    var segmentsOfUnit: [String: Int] = [:]
    for file in xliff.files {
      for unit in file.units {
        segmentsOfUnit[unit.id, default: 0] += unit.segments.count
        for segment in unit.segments { if let id = segment.id { present.insert(id) } }
      }
    }
    var missing: [String] = []
    var listed: Set<String> = []
    func add(_ id: String) { if listed.insert(id).inserted { missing.append(id) } }
    for file in xliff.files where file.fingerprint != nil {
      // Tradu's ids: units p1…pN (N in the file's facts), segments pK.s1, pK.s2, … in order.
      if let declared = file.metadata["units"].flatMap(Int.init), declared > 0 {
        for k in 1...declared where segmentsOfUnit["p\(k)"] == nil { add("p\(k)") }
      }
      for unit in file.units {
        let numbers = unit.segments.compactMap { segment -> Int? in
          guard let id = segment.id, id.hasPrefix(unit.id + ".s") else { return nil }
          return Int(id.dropFirst(unit.id.count + 2))
        }
        guard let last = numbers.max(), numbers.count == unit.segments.count else { continue }
        let have = Set(numbers)
        for j in 1..<last where !have.contains(j) { add("\(unit.id).s\(j)") }
      }
    }
    if let original {
      for unit in original.units where unit.isTranslatable {
        if unit.segments.contains(where: { present.contains($0.id) }) {
          for segment in unit.segments where !present.contains(segment.id) { add(segment.id) }
        } else if segmentsOfUnit[unit.id] ?? 0 == 0 {
          add(unit.id)  // neither its segments nor the unit translated whole
        }
      }
    }
    return missing
  }
}
