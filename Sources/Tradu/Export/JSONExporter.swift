/// Renders a ``PreparedDocument`` as Tradu's JSON (one document object) or JSONL (one unit
/// per line), as described by `Schemas/tradu.schema.json`.
///
/// Keys come in a fixed order and numbers are integers, so the output is deterministic.
/// Offsets (`start`, `end`) are in ``offsetUnit``, declared in the output: a segment's are
/// its place in the original article; a glossary match's are its place in the segment's
/// `source`.
public struct JSONExporter: Sendable {
  public var stamp: ExportStamp
  public var offsetUnit: OffsetUnit

  /// From this many units on, the two halves are rendered side by side.
  var minimumUnitsToSplit = 256
  /// How many units the block renderers (`inBlocksTo:`) render at a time.
  var unitsPerBlock = 2048

  public init(stamp: ExportStamp, offsetUnit: OffsetUnit = .codepoint) {
    self.stamp = stamp
    self.offsetUnit = offsetUnit
  }

  /// One pretty-printed JSON object for the whole document.
  public func render(_ document: PreparedDocument) -> String {
    String(decoding: renderUTF8(document), as: UTF8.self)
  }

  /// ``render(_:)``'s bytes (UTF-8), without making a `String`.
  public func renderUTF8(_ document: PreparedDocument) -> [UInt8] {
    renderInHalves(count: document.units.count, minimumToSplit: minimumUnitsToSplit, documentRendering(document))
  }

  /// ``renderUTF8(_:)``'s bytes handed to `emit` in order, a block of units at a time, so
  /// that a long document never has its whole output in memory (e.g. to write it to a file).
  public func renderUTF8(_ document: PreparedDocument, inBlocksTo emit: ([UInt8]) throws -> Void) rethrows {
    try renderInBlocks(count: document.units.count, blockSize: unitsPerBlock, documentRendering(document), emit: emit)
  }

  /// The document object's head, tail and units.
  private func documentRendering(_ document: PreparedDocument) -> ItemRendering {
    var out = JSONOutput()
    out.raw("{\n  \"format\": \"tradu\",\n  \"version\": 1,\n")
    header(document, into: &out, indent: "  ")
    out.raw(",\n  \"document\": {\"name\": ")
    out.string(document.name)
    out.raw(", \"fingerprint\": ")
    out.string(document.fingerprint)
    out.raw(text: ", \"normalized\": \(document.isNormalized), \"byteOrderMark\": \(document.hadByteOrderMark), \"leadingText\": ")
    out.string(document.leadingText)
    out.raw("},\n  \"units\": [")
    let tail = document.units.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
    let layout = UnitLayout(indent: "    ")
    return ItemRendering(head: out.bytes, tail: tail) { range, start, reserve in
      var out = JSONOutput(continuing: start, capacity: start.count + XLIFFWriter.estimatedSize(of: document.units[reserve]))
      for i in range {
        out.raw(i == 0 ? "\n    " : ",\n    ")
        self.unit(document.units[i], into: &out, layout: layout)
      }
      return out.bytes
    }
  }

  /// One line per unit; each line names the document, so lines can be processed alone.
  public func renderLines(_ document: PreparedDocument) -> String {
    String(decoding: renderLinesUTF8(document), as: UTF8.self)
  }

  /// ``renderLines(_:)``'s bytes (UTF-8), without making a `String`.
  public func renderLinesUTF8(_ document: PreparedDocument) -> [UInt8] {
    renderInHalves(count: document.units.count, minimumToSplit: minimumUnitsToSplit, linesRendering(document))
  }

  /// ``renderLinesUTF8(_:)``'s bytes handed to `emit` in order, a block of lines at a time.
  public func renderLinesUTF8(_ document: PreparedDocument, inBlocksTo emit: ([UInt8]) throws -> Void) rethrows {
    try renderInBlocks(count: document.units.count, blockSize: unitsPerBlock, linesRendering(document), emit: emit)
  }

  /// The lines, one per unit.
  private func linesRendering(_ document: PreparedDocument) -> ItemRendering {
    ItemRendering(head: [], tail: "") { range, start, reserve in
      var out = JSONOutput(continuing: start, capacity: start.count + XLIFFWriter.estimatedSize(of: document.units[reserve]))
      for unit in document.units[range] { line(unit, of: document, into: &out) }
      return out.bytes
    }
  }

  /// One unit's line.
  private func line(_ unit: PreparedUnit, of document: PreparedDocument, into out: inout JSONOutput) {
    out.raw("{\"format\": \"tradu-unit\", \"version\": 1, ")
    header(document, into: &out, indent: nil)
    out.raw(", \"document\": ")
    out.string(document.name)
    out.raw(", \"fingerprint\": ")
    out.string(document.fingerprint)
    out.raw(", \"unit\": ")
    self.unit(unit, into: &out, layout: UnitLayout(indent: nil))
    out.raw("}\n")
  }

  private func header(_ document: PreparedDocument, into out: inout JSONOutput, indent: String?) {
    let sep = indent.map { ",\n" + $0 } ?? ", "
    out.raw(text: indent ?? "")
    out.raw("\"tool\": {\"name\": \"Tradu\", \"version\": ")
    out.string(stamp.toolVersion)
    out.raw("}")
    if let date = stamp.date {
      out.raw(text: sep + "\"created\": ")
      out.string(date)
    }
    out.raw(text: sep + "\"srcLang\": ")
    out.string(document.sourceLanguage)
    out.raw(text: sep + "\"trgLang\": ")
    out.string(document.targetLanguage)
    out.raw(text: sep + "\"offsetUnit\": \"\(offsetUnit.rawValue)\"")
  }

  /// What goes around a unit's segments, made once a rendering, not once a unit: before the
  /// first segment, between two, and after the last (an empty list has none of these).
  struct UnitLayout: Sendable {
    var first: String
    var between: String
    var end: String

    /// The layout of units indented by `indent` (nil: all on one line).
    init(indent: String?) {
      first = indent.map { "\n" + $0 + "    " } ?? ""
      between = first.isEmpty ? ", " : "," + first
      end = indent.map { "\n" + $0 + "]}" } ?? "]}"
    }
  }

  private func unit(_ unit: PreparedUnit, into out: inout JSONOutput, layout: UnitLayout) {
    out.raw("{\"id\": \"p")
    out.decimal(unit.number)
    out.raw("\", \"paragraph\": ")
    out.decimal(unit.number)
    out.raw(unit.isTranslatable ? ", \"translate\": true, \"notes\": " : ", \"translate\": false, \"notes\": ")
    notes(unit.notes, into: &out)
    out.raw(", \"segments\": [")
    for (i, segment) in unit.segments.enumerated() {
      out.raw(text: i == 0 ? layout.first : layout.between)
      self.segment(segment, into: &out)
    }
    if unit.segments.isEmpty { out.raw("]}") } else { out.raw(text: layout.end) }
  }

  private func segment(_ segment: PreparedSegment, into out: inout JSONOutput) {
    let range = segment.original.range(in: offsetUnit)
    out.raw("{\"id\": \"p")
    out.decimal(segment.paragraph)
    out.raw(".s")
    out.decimal(segment.sentence)
    out.raw("\", \"paragraph\": ")
    out.decimal(segment.paragraph)
    out.raw(", \"source\": ")
    out.string(segment.source)
    out.raw(", \"target\": ")
    if let target = segment.target { out.string(target) } else { out.raw("null") }
    out.raw(", \"state\": \"")
    out.raw(text: segment.state.rawValue)
    out.raw("\", \"start\": ")
    out.decimal(range.lowerBound)
    out.raw(", \"end\": ")
    out.decimal(range.upperBound)
    out.raw(", \"spaceAfter\": ")
    out.string(segment.spaceAfter)
    out.raw(", \"notes\": ")
    notes(segment.notes, into: &out)
    if !segment.codes.isEmpty {
      // The tags of an HTML or Markdown original that stand in the source, in order.
      out.raw(", \"codes\": [")
      for (i, code) in segment.codes.enumerated() {
        if i > 0 { out.raw(", ") }
        out.raw("{\"id\": ")
        out.decimal(code.id)
        out.raw(", \"kind\": \"")
        out.raw(text: code.kind.rawValue)
        out.raw("\", \"position\": ")
        let prefix = String(decoding: Array(segment.source.utf16).prefix(code.position), as: UTF16.self)
        switch offsetUnit {
        case .utf16: out.decimal(code.position)
        case .codepoint: out.decimal(prefix.unicodeScalars.count)
        case .utf8: out.decimal(prefix.utf8.count)
        }
        out.raw(", \"name\": ")
        out.string(code.name)
        out.raw(", \"original\": ")
        out.string(code.original)
        out.raw("}")
      }
      out.raw("]")
    }
    out.raw(", \"glossary\": [")
    if !segment.glossaryMatches.isEmpty {
      var source = segment.source
      var walker = OffsetWalker()
      for (i, found) in segment.glossaryMatches.enumerated() {
        if i > 0 { out.raw(", ") }
        let match = found.match
        let start: Int
        let end: Int
        if found.rangeInSegment.lowerBound >= walker.utf16 {
          start = source.withUTF8 { walker.offset(ofUTF16: found.rangeInSegment.lowerBound, in: $0, unit: offsetUnit) }
          end = source.withUTF8 { walker.offset(ofUTF16: found.rangeInSegment.upperBound, in: $0, unit: offsetUnit) }
        } else {  // matches out of order: count from the start
          let units = Array(segment.source.utf16)
          start = Self.offset(ofUTF16: found.rangeInSegment.lowerBound, in: units, unit: offsetUnit)
          end = Self.offset(ofUTF16: found.rangeInSegment.upperBound, in: units, unit: offsetUnit)
        }
        out.raw("{\"entry\": ")
        out.string(match.entryID)
        out.raw(", \"term\": ")
        out.string(match.source)
        out.raw(", \"matched\": ")
        out.string(match.matched)
        out.raw(", \"start\": ")
        out.decimal(start)
        out.raw(", \"end\": ")
        out.decimal(end)
        out.raw(", \"kind\": \"")
        out.raw(text: match.kind.rawValue)
        out.raw("\", \"targets\": [")
        for (j, target) in match.targets.enumerated() {
          out.raw(j == 0 ? "{\"term\": " : ", {\"term\": ")
          out.string(target.term)
          out.raw(", \"status\": \"")
          out.raw(text: target.status.rawValue)
          out.raw("\"}")
        }
        out.raw("]}")
      }
    }
    out.raw("]")
    if !segment.candidates.isEmpty {
      out.raw(", \"matches\": [")
      for (i, candidate) in segment.candidates.enumerated() {
        out.raw(i == 0 ? "{\"source\": " : ", {\"source\": ")
        out.string(candidate.source)
        out.raw(", \"target\": ")
        out.string(candidate.target)
        out.raw(", \"score\": ")
        out.decimal(candidate.score)
        out.raw(", \"similarity\": ")
        out.decimal(candidate.similarity)
        out.raw(", \"origin\": ")
        out.string(candidate.origin)
        if let note = candidate.note {
          out.raw(", \"note\": ")
          out.string(note)
        }
        out.raw("}")
      }
      out.raw("]")
    }
    out.raw("}")
  }

  private func notes(_ notes: [PreparedNote], into out: inout JSONOutput) {
    out.raw("[")
    for (i, note) in notes.enumerated() {
      out.raw(i == 0 ? "{\"category\": " : ", {\"category\": ")
      out.string(note.category)
      out.raw(", \"text\": ")
      out.string(note.text)
      out.raw("}")
    }
    out.raw("]")
  }

  /// UTF-16 offset `utf16` of `units` in `unit`.
  static func offset(ofUTF16 utf16: Int, in units: [UInt16], unit: OffsetUnit) -> Int {
    switch unit {
    case .utf16: return utf16
    case .codepoint, .utf8:
      var result = 0
      var i = 0
      while i < utf16 {
        let u = units[i]
        if UTF16.isLeadSurrogate(u) {
          result += unit == .utf8 ? 4 : 1
          i += 2
        } else {
          result += unit == .utf8 ? (u < 0x80 ? 1 : (u < 0x800 ? 2 : 3)) : 1
          i += 1
        }
      }
      return result
    }
  }
}

/// Walks a string's UTF-8 forward, counting UTF-16 units, code points and bytes, to convert
/// increasing UTF-16 offsets of it.
struct OffsetWalker {
  private(set) var utf16 = 0
  private var codePoints = 0
  private var byte = 0

  /// UTF-16 offset `target` (not behind the last one asked) in `unit`.
  mutating func offset(ofUTF16 target: Int, in utf8: UnsafeBufferPointer<UInt8>, unit: OffsetUnit) -> Int {
    while utf16 < target && byte < utf8.count {
      // Eight ASCII bytes at a time while they all lie before the target: one unit, one code
      // point and one byte each.
      if target - utf16 >= 8 && utf8.count - byte >= 8,
         let base = utf8.baseAddress,
         UnsafeRawPointer(base + byte).loadUnaligned(as: UInt64.self) & Lanes8.highs == 0 {
        byte += 8
        utf16 += 8
        codePoints += 8
        continue
      }
      let lead = utf8[byte]
      let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
      byte += width
      utf16 += width == 4 ? 2 : 1
      codePoints += 1
    }
    switch unit {
    case .utf16: return target
    case .codepoint: return codePoints
    case .utf8: return byte
    }
  }
}
