/// Renders a ``CheckReport`` as JSON, schema `tradu-check/1` (stable: fields are only added).
///
///     {
///       "schema": "tradu-check/1",
///       "document": "article.en.txt", "sourceLanguage": "ro", "targetLanguage": "en",
///       "units": 23, "offsetUnit": "codepoint",
///       "summary": {"findings": 2, "critical": 1, "major": 1, "minor": 0, "info": 0},
///       "findings": [{
///         "rule": "forbidden-term", "severity": "critical", "segment": "p7.s1",
///         "entry": "Kiev", "entryId": "kiev", "sourceForm": "Kievului",
///         "expected": ["Kyiv"], "found": "Kiev", "message": "…",
///         "sourceRange": {"start": 120, "end": 128}, "targetRange": {"start": 98, "end": 102}
///       }]
///     }
///
/// `segment` is null for document-level findings; `entry`, `entryId`, `sourceForm`, `found`
/// and the ranges are null when they do not apply. Ranges count Unicode code points in the
/// unit's source or target text.
public enum JSONReport {
  public static let schema = "tradu-check/1"

  public static func render(_ report: CheckReport) -> String {
    render(report, blockSize: 4096)
  }

  /// ``render(_:)`` as UTF-8 bytes, ready to write: a large report is not made a `String`
  /// (a check of every byte) only to be turned back into bytes.
  public static func renderUTF8(_ report: CheckReport) -> [UInt8] {
    renderUTF8(report, blockSize: 4096)
  }

  /// ``render(_:)`` with the findings written in blocks of `blockSize` on the machine's cores.
  ///
  /// A ``JSONWriter``'s text depends only on where it stands (how deep, whether a value came
  /// before), so each block is written by its own writer placed inside `"findings" : [`, after
  /// one value for every block but the first, and the text from there on is the block's. The
  /// report's head and tail are written the same way, and the pieces joined are the text of one
  /// writer.
  static func render(_ report: CheckReport, blockSize: Int) -> String {
    String(decoding: renderUTF8(report, blockSize: blockSize), as: UTF8.self)
  }

  /// ``render(_:blockSize:)`` as UTF-8 bytes: the parts of ``parts(_:blockSize:)`` made on
  /// the machine's cores and joined.
  static func renderUTF8(_ report: CheckReport, blockSize: Int) -> [UInt8] {
    let parts = parts(report, blockSize: blockSize)
    let pieces = parallelMap(parts.pieceCount) { k in parts.piece(k) }
    var bytes = parts.head
    bytes.reserveCapacity(bytes.count + pieces.reduce(0) { $0 + $1.count } + parts.tail.count)
    for piece in pieces { bytes += piece }
    bytes += parts.tail
    return bytes
  }

  /// ``renderUTF8(_:)``'s bytes handed to `emit` in order, a block of findings at a time (two
  /// blocks written side by side while `emit` takes the two before them), instead of joined:
  /// how the command line writes a report to its file. A large report is then never whole in
  /// memory, and the file is written while the rest of it is made. The bytes are the same.
  public static func renderUTF8(_ report: CheckReport, inBlocksTo emit: ([UInt8]) throws -> Void) rethrows {
    try renderUTF8(report, blockSize: 4096, inBlocksTo: emit)
  }

  /// ``renderUTF8(_:inBlocksTo:)`` with blocks of about `blockSize` findings.
  static func renderUTF8(_ report: CheckReport, blockSize: Int, inBlocksTo emit: ([UInt8]) throws -> Void) rethrows {
    let parts = parts(report, blockSize: blockSize)
    let rendering = ItemRendering(head: parts.head, tail: String(decoding: parts.tail, as: UTF8.self)) { range, start, _ in
      guard !start.isEmpty || range.count != 1 else { return parts.piece(range.lowerBound) }
      var bytes = start
      for k in range { bytes += parts.piece(k) }
      return bytes
    }
    try renderInBlocks(count: parts.pieceCount, blockSize: 1, rendering) { bytes in
      if !bytes.isEmpty { try emit(bytes) }
    }
  }

  /// A report's text in parts that can be made apart (on several threads) and joined in
  /// order: the bytes before the first finding, `pieceCount` pieces of findings, the bytes
  /// after the last.
  struct Parts: Sendable {
    var head: [UInt8]
    var pieceCount: Int
    /// The text of piece `k`, which depends on nothing else that is written.
    var piece: @Sendable (_ k: Int) -> [UInt8]
    var tail: [UInt8]
  }

  /// ``render(_:blockSize:)``'s text as ``Parts``.
  ///
  /// The blocks are cut between units (a block ends with the unit that brings it to
  /// `blockSize` findings), so each unit's findings read its own texts; the document-wide
  /// findings, whose segments are looked up by id, are the last piece.
  static func parts(_ report: CheckReport, blockSize: Int) -> Parts {
    let analyses = report.units
    // Counted unit by unit, without joining the findings into one list.
    var counts = [Int](repeating: 0, count: Severity.allCases.count)
    var cuts: [(units: Range<Int>, afterValue: Bool)] = []
    var findingsBefore = 0, inBlock = 0, blockStart = 0
    // Whether every unit finding names its own unit, found first by its id.
    var findingsNameTheirUnits = report.unitIDsAreUnique
    for k in analyses.indices {
      let findings = analyses[k].findings
      for i in findings.indices {
        counts[findings[i].severity.index] += 1
        if findingsNameTheirUnits && findings[i].segmentID != analyses[k].unit.findingID { findingsNameTheirUnits = false }
      }
      inBlock += findings.count
      if inBlock >= blockSize || k == analyses.count - 1 {
        cuts.append((blockStart..<(k + 1), findingsBefore > 0))
        findingsBefore += inBlock
        inBlock = 0
        blockStart = k + 1
      }
    }
    let blocks = cuts, written = findingsBefore
    let documentFindings = report.documentFindings
    for f in documentFindings { counts[f.severity.index] += 1 }
    let findingCount = written + documentFindings.count

    /// The units by id, the first of each id: how a finding finds the texts its ranges count in.
    @Sendable func unitsByID() -> [String: BilingualSegment] {
      var units: [String: BilingualSegment] = [:]
      units.reserveCapacity(analyses.count)
      for analysis in analyses where units[analysis.unit.findingID] == nil {
        units[analysis.unit.findingID] = analysis.unit
      }
      return units
    }
    // Made once here only when a unit finding might name another unit (ids that repeat).
    let sharedUnits = findingsNameTheirUnits ? nil : unitsByID()

    /// The first unit of each id in `ids`, found in one pass that stops once it has them all:
    /// what the document-wide findings (a few, naming a few units) need of ``unitsByID()``.
    @Sendable func units(withIDs ids: Set<String>) -> [String: BilingualSegment] {
      var units: [String: BilingualSegment] = [:]
      guard !ids.isEmpty else { return units }
      // By index: the loop reads each unit's id in place, not a copy of its whole analysis.
      for k in analyses.indices {
        let id = analyses[k].unit.findingID
        guard ids.contains(id), units[id] == nil else { continue }
        units[id] = analyses[k].unit
        if units.count == ids.count { break }
      }
      return units
    }

    var head = JSONWriter(style: .pretty)
    head.beginObject()
    head.field("document", report.document.name)
    head.key("findings")
    head.beginArray()

    @Sendable func piece(_ k: Int) -> [UInt8] {
      var json = JSONWriter(style: .pretty)
      // A unit's findings follow one another: its offsets converters are made once for them.
      var unitID: String?
      var offsets: (source: OffsetConverter?, target: OffsetConverter?) = (nil, nil)
      func write(_ f: Finding, unit: () -> BilingualSegment?) {
        if f.segmentID != unitID {
          unitID = f.segmentID
          let unit = unit()
          let source = unit.map { OffsetConverter($0.source) }
          // A target that copies its source has its offsets: one converter serves both.
          offsets = (source, unit?.target.map { target in
            Rules.sameBytes(target[...], unit!.source[...]) ? source! : OffsetConverter(target)
          })
        }
        JSONReport.write(f, source: offsets.source, target: offsets.target, into: &json)
      }
      guard k < blocks.count else {
        let mark = placeInFindings(&json, afterValue: written > 0)
        guard !documentFindings.isEmpty else { return [] }
        let units = sharedUnits ?? units(withIDs: Set(documentFindings.compactMap(\.segmentID)))
        for f in documentFindings { write(f) { f.segmentID.flatMap { units[$0] } } }
        return Array(json.bytes[mark...])
      }
      let mark = placeInFindings(&json, afterValue: blocks[k].afterValue)
      for a in blocks[k].units {
        let analysis = analyses[a]
        for f in analysis.findings {
          write(f) {
            guard let units = sharedUnits else { return analysis.unit }
            return f.segmentID.flatMap { units[$0] }
          }
        }
      }
      return Array(json.bytes[mark...])
    }

    var tail = JSONWriter(style: .pretty)
    let tailMark = placeInFindings(&tail, afterValue: findingCount > 0)
    tail.endArray()
    tail.field("offsetUnit", "codepoint")
    tail.field("schema", schema)
    tail.field("sourceLanguage", report.document.sourceLanguageCode)
    tail.key("summary")
    tail.beginObject()
    // Sorted keys: critical, findings, info, major, minor.
    var members = Severity.allCases.map { ($0.rawValue, counts[$0.index]) } + [("findings", findingCount)]
    members.sort { JSONWriter.keyOrder($0.0, $1.0) }
    for (name, count) in members { tail.field(name, count) }
    tail.endObject()
    tail.field("targetLanguage", report.document.targetLanguageCode)
    tail.field("units", report.units.count)
    tail.endObject()
    var tailBytes = Array(tail.bytes[tailMark...])
    tailBytes.append(0x0A)
    return Parts(head: head.bytes, pieceCount: blocks.count + 1, piece: piece, tail: tailBytes)
  }

  /// Places `json` where the report's findings are written, after one finding when
  /// `afterValue`, and returns where the text written from there on starts.
  private static func placeInFindings(_ json: inout JSONWriter, afterValue: Bool) -> Int {
    json.beginObject()
    json.key("findings")
    json.beginArray()
    if afterValue { json.null() }
    return json.count
  }

  /// Writes one finding as a JSON object (the element of `findings`); ranges count code points
  /// of `source` and `target`.
  public static func write(_ f: Finding, source: String?, target: String?, into json: inout JSONWriter) {
    write(f, source: f.sourceRange == nil ? nil : source.map { OffsetConverter($0) },
          target: f.targetRange == nil ? nil : target.map { OffsetConverter($0) }, into: &json)
  }

  /// ``write(_:source:target:into:)`` with the offsets converters of the unit's texts.
  static func write(_ f: Finding, source: OffsetConverter?, target: OffsetConverter?, into json: inout JSONWriter) {
    // The keys are written as the literals they are (``JSONWriter/key(static:)``), sorted.
    func range(_ r: Range<Int>?, in c: OffsetConverter?) {
      guard let r, let c else { return json.null() }
      json.beginObject()
      json.key(static: "end")
      json.int(c.codePointOffset(ofUTF16: r.upperBound))
      json.key(static: "start")
      json.int(c.codePointOffset(ofUTF16: r.lowerBound))
      json.endObject()
    }
    json.beginObject()
    json.key(static: "entry")
    json.string(orNull: f.entry)
    json.key(static: "entryId")
    json.string(orNull: f.entryID)
    json.key(static: "expected")
    json.beginArray()
    for value in f.expected { json.string(value) }
    json.endArray()
    json.key(static: "found")
    json.string(orNull: f.found)
    json.key(static: "message")
    json.string(f.message)
    json.key(static: "rule")
    json.string(f.rule.rawValue)
    json.key(static: "segment")
    json.string(orNull: f.segmentID)
    json.key(static: "severity")
    json.string(f.severity.rawValue)
    json.key(static: "sourceForm")
    json.string(orNull: f.sourceForm)
    json.key(static: "sourceRange")
    range(f.sourceRange, in: source)
    json.key(static: "targetRange")
    range(f.targetRange, in: target)
    json.endObject()
  }
}

extension Severity {
  /// Its place in ``allCases``.
  fileprivate var index: Int {
    switch self {
    case .info: return 0
    case .minor: return 1
    case .major: return 2
    case .critical: return 3
    }
  }
}
