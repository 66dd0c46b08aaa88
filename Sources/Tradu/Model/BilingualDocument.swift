// The one bilingual model: what every reader of translations (XLIFF 2.x and 1.2, Tradu JSON
// and JSONL, TMX, a pair of plain texts) produces, and what `merge`, `check`, `align`,
// `update`, `memory import` and the HTML/Markdown merger consume.
//
//   BilingualDocument.files → BilingualFile.units → BilingualUnit.parts
//   BilingualPart: .segment(BilingualSegment) | .ignorable(source:target:)
//   BilingualDocument.translatableSegments(): the flat list `check` reads, one id per segment
//
// A format without files or units (TMX, JSONL rows, text pairs) is one file whose units each
// hold one segment.

/// A translated (or yet untranslated) document: files of units of segments.
public struct BilingualDocument: Equatable, Sendable {
  /// The file name (or `-`), used in reports and error messages.
  public var name: String
  /// The XLIFF version the document was read from; nil for other formats.
  public var xliffVersion: XLIFFVersion?
  /// The BCP 47 language of the sources as the file gives it (empty when it gives none).
  public var sourceLanguage: String
  /// The language of the targets, when the file gives it.
  public var targetLanguage: String?
  public var files: [BilingualFile]
  /// Ids of the units and segments the file was prepared with that it no longer has (known
  /// from Tradu's own ids and unit count, or from the original article).
  public var missing: [String] = []

  public init(name: String, xliffVersion: XLIFFVersion? = nil, sourceLanguage: String, targetLanguage: String?,
              files: [BilingualFile]) {
    self.name = name
    self.xliffVersion = xliffVersion
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.files = files
  }

  /// A document of loose segments (TMX units, JSONL rows, paired sentences): one file whose
  /// units each hold one segment, under the segment's id.
  public init(name: String, sourceLanguage: String = "ro", targetLanguage: String? = "en",
              segments: [BilingualSegment]) {
    let units = segments.enumerated().map { k, segment in
      BilingualUnit(id: segment.id ?? String(k + 1), isTranslatable: true, notes: [], parts: [.segment(segment)],
                    line: segment.line)
    }
    self.init(name: name, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
              files: [BilingualFile(id: nil, original: nil, metadata: [:], notes: [], units: units)])
  }

  /// Every unit of every file, in order.
  public var units: [BilingualUnit] { files.flatMap(\.units) }

  /// The primary language subtag of the targets (`en` for `en-GB`), `en` when the file names none.
  public var targetLanguageCode: String { Self.primary(targetLanguage ?? "") ?? "en" }
  /// The primary language subtag of the sources, `ro` when the file names none.
  public var sourceLanguageCode: String { Self.primary(sourceLanguage) ?? "ro" }

  static func primary(_ tag: String) -> String? {
    tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
  }

  /// The translatable segments in document order, each under an id no other has: the flat
  /// view `check` reads.
  ///
  /// A segment's id is its own (2.x `id`, 1.2 `mid`) or, when it has none, its unit's (with
  /// `#2`, `#3`… for further segments); when segment ids repeat across the units of a file
  /// (1.2 `mid`s restart in every trans-unit), each is qualified with its unit's (`p2:1`).
  /// Units marked not for translation are left out (see ``targetsNotForTranslation``). A
  /// target that copies its source while the state says it is not yet translated (how XLIFF
  /// 1.2 files are seeded) is read as no target, so that Romanian is not checked as English.
  ///
  /// - Throws: ``TraduError/malformedXML(path:line:reason:)`` (XLIFF) or
  ///   ``TraduError/malformedInput(path:line:reason:)`` when two units of a file, or two
  ///   segments of a unit, share an id, since findings could not be traced to one segment.
  public func translatableSegments() throws(TraduError) -> [BilingualSegment] {
    func duplicate(_ line: Int?, _ reason: String) -> TraduError {
      xliffVersion == nil ? .malformedInput(path: name, line: line, reason: reason)
        : .malformedXML(path: name, line: line, reason: reason)
    }
    var result: [BilingualSegment] = []
    // A unit's segment ids so far: the first few in a list (most units hold a few segments),
    // all in a set past that.
    let listed = 16
    var idsInUnit: [String] = []
    var idSet: Set<String> = []
    for file in files {
      let fileStart = result.count
      var seenUnits: Set<String> = []
      seenUnits.reserveCapacity(file.units.count)
      var seen: Set<String> = []
      var repeats = false
      for unit in file.units {
        guard seenUnits.insert(unit.id).inserted else {
          throw duplicate(unit.line, "unit id \"\(unit.id)\" appears twice; every unit needs its own id")
        }
        guard unit.isTranslatable else { continue }
        idsInUnit.removeAll(keepingCapacity: true)
        if !idSet.isEmpty { idSet.removeAll() }
        var k = 0
        for part in unit.parts {
          guard case .segment(var segment) = part else { continue }
          let id = Self.segmentID(segment, at: k, in: unit)
          k += 1
          let again = idsInUnit.count < listed ? idsInUnit.contains(id) : !idSet.insert(id).inserted
          guard !again else {
            throw duplicate(segment.line, "segment id \"\(id)\" appears twice in unit \"\(unit.id)\"; segment ids must be unique")
          }
          if idsInUnit.count < listed {
            idsInUnit.append(id)
            if idsInUnit.count == listed { idSet = Set(idsInUnit) }
          }
          if !repeats && !seen.insert(id).inserted { repeats = true }
          segment.id = id
          if segment.isSeededCopy { segment.target = nil }
          result.append(segment)
        }
      }
      // Ids that repeat across the file's units are qualified with their unit's.
      guard repeats else { continue }
      var i = fileStart
      for unit in file.units where unit.isTranslatable {
        for _ in unit.segments {
          if result[i].id != unit.id { result[i].id = "\(unit.id):\(result[i].id!)" }
          i += 1
        }
      }
    }
    return result
  }

  /// Segments of units marked `translate="no"` (or `"translate": false`) whose target differs
  /// from their source: `merge` keeps the source there, so that work would be lost.
  public var targetsNotForTranslation: [BilingualSegment] {
    units.filter { !$0.isTranslatable }.flatMap { unit in
      unit.segments.enumerated().compactMap { k, segment -> BilingualSegment? in
        guard let target = segment.target, !target.isEmpty, target != segment.source else { return nil }
        var named = segment
        named.id = Self.segmentID(segment, at: k, in: unit)
        return named
      }
    }
  }

  /// The segment's own id, or its unit's (`#2`, `#3`… after the first).
  static func segmentID(_ segment: BilingualSegment, at index: Int, in unit: BilingualUnit) -> String {
    segment.id ?? (index == 0 ? unit.id : "\(unit.id)#\(index + 1)")
  }
}

/// One file of a document: an XLIFF `<file>`; the whole document for other formats.
public struct BilingualFile: Equatable, Sendable {
  /// The `id` attribute (XLIFF 2.x); nil otherwise.
  public var id: String?
  /// The `original` attribute: the name of the file that was prepared.
  public var original: String?
  /// Tradu's facts about the prepared article (`fingerprint`, `normalized`, `byteOrderMark`,
  /// `units`…): 2.x `<mda:meta>` of the `tradu` group, 1.2 header notes `from="tradu:…"`,
  /// Tradu JSON's `document` object.
  public var metadata: [String: String]
  /// The article's fingerprint (`sha256:…`) when Tradu wrote the file.
  public var fingerprint: String? { metadata["fingerprint"] }
  /// File-level notes (1.2: header notes other than Tradu's facts).
  public var notes: [BilingualNote]
  public var units: [BilingualUnit]

  public init(id: String?, original: String?, metadata: [String: String], notes: [BilingualNote], units: [BilingualUnit]) {
    self.id = id
    self.original = original
    self.metadata = metadata
    self.notes = notes
    self.units = units
  }
}

/// A unit: an XLIFF `<unit>` (2.x) or `<trans-unit>` (1.2), a Tradu JSON unit (a paragraph), a
/// TMX `<tu>`, a JSONL row.
public struct BilingualUnit: Equatable, Sendable {
  public var id: String
  /// False when the unit, or its file or group, says `translate="no"` (JSON: `"translate": false`).
  public var isTranslatable: Bool
  public var notes: [BilingualNote]
  /// Segments and the text between them, in order.
  public var parts: [BilingualPart]
  /// The line of its start tag (JSON: of its object), for error messages.
  public var line: Int? = nil

  public init(id: String, isTranslatable: Bool = true, notes: [BilingualNote] = [], parts: [BilingualPart],
              line: Int? = nil) {
    self.id = id
    self.isTranslatable = isTranslatable
    self.notes = notes
    self.parts = parts
    self.line = line
  }

  /// The unit's segments, in order.
  public var segments: [BilingualSegment] {
    parts.compactMap { if case .segment(let s) = $0 { return s } else { return nil } }
  }
}

/// A part of a unit: a segment, or text that is not translated (white space between
/// sentences and paragraphs).
public enum BilingualPart: Equatable, Sendable {
  case segment(BilingualSegment)
  /// An `<ignorable>` (2.x), the text between two `<mrk mtype="seg">` (1.2), a JSON `spaceAfter`.
  case ignorable(source: String, target: String?)
}

/// A source sentence (or paragraph) and its translation.
public struct BilingualSegment: Equatable, Sendable {
  /// The segment's id (2.x `id`, 1.2 `mid`, a TMX `tuid`, `p3.s2`); nil when the file gives none.
  public var id: String?
  public var source: String
  /// The translation; nil when the file has no target for the segment.
  public var target: String?
  /// The state, mapped to XLIFF 2's four values (1.2: `translated` → translated,
  /// `signed-off` → reviewed, `final` → final; `needs-review-translation` and the other
  /// `needs-*` values, `new`, or none → initial: not yet accepted as a translation).
  public var state: SegmentState
  /// The `state` attribute exactly as written, if any.
  public var stateValue: String?
  /// The inline codes of ``source`` and ``target`` (`<pc>`, `<ph>`, `<sc>`/`<ec>`, 1.2 `<g>`,
  /// `<x/>`, `<bpt>`/`<ept>`…), placed in the text; empty when there are none.
  public var sourceCodes: [InlineCodeReference] = []
  public var targetCodes: [InlineCodeReference] = []
  /// The line of its start tag (1.2: of its trans-unit; JSON: of its object), for error
  /// messages.
  public var line: Int? = nil

  public init(id: String?, source: String, target: String?, state: SegmentState, stateValue: String? = nil,
              sourceCodes: [InlineCodeReference] = [], targetCodes: [InlineCodeReference] = [], line: Int? = nil) {
    self.id = id
    self.source = source
    self.target = target
    self.state = state
    self.stateValue = stateValue
    self.sourceCodes = sourceCodes
    self.targetCodes = targetCodes
    self.line = line
  }

  /// A segment as formats without states give it: translated when it has a target.
  public init(id: String, source: String, target: String?, line: Int? = nil) {
    self.init(id: id, source: source, target: target, state: target == nil ? .initial : .translated, line: line)
  }

  /// A target that copies a source with letters while the state says it is not yet
  /// translated: how XLIFF 1.2 files are seeded (and OmegaT leaves them), not a translation.
  public var isSeededCopy: Bool {
    state == .initial && target == source && source.unicodeScalars.contains { $0.properties.isAlphabetic }
  }
}

/// An inline code read from a source or target: its id, whether it opens or closes a pair
/// or stands alone, and where it stands in the text (UTF-16 offset).
public struct InlineCodeReference: Equatable, Sendable {
  public var kind: InlineCode.Kind
  /// The `id` (`<pc>`, `<ph>`, `<g>`, `<x>`, `<sc>`), `startRef` (`<ec>`) or `rid`/`id`
  /// (`<bpt>`, `<ept>`).
  public var id: String
  public var position: Int

  public init(kind: InlineCode.Kind, id: String, position: Int) {
    self.kind = kind
    self.id = id
    self.position = position
  }
}

/// A note on a file or unit: XLIFF `<note>`.
public struct BilingualNote: Equatable, Sendable {
  public var text: String
  /// 2.x `category`, 1.2 `from`.
  public var category: String?

  public init(text: String, category: String? = nil) {
    self.text = text
    self.category = category
  }
}
