/// Renders a ``PreparedDocument`` as a TMX 1.4b translation memory, valid against
/// `tmx14.dtd`: one `<tu tuid="p3.s2">` per segment of the translatable paragraphs, with the
/// source `<tuv>` and, where the segment has one, the target `<tuv>`.
///
/// TMX cannot carry characters that XML 1.0 forbids: they become U+FFFD with a `<note>`.
public struct TMXWriter: Sendable {
  public var stamp: ExportStamp
  /// From this many units on, the two halves are rendered side by side.
  var minimumUnitsToSplit = 256
  /// How many units ``renderUTF8(_:inBlocksTo:)`` renders at a time.
  var unitsPerBlock = 2048

  public init(stamp: ExportStamp) {
    self.stamp = stamp
  }

  /// The memory's text.
  public func render(_ document: PreparedDocument) -> String {
    String(decoding: renderUTF8(document), as: UTF8.self)
  }

  /// The memory's bytes (UTF-8), as ``render(_:)`` gives them but without making a `String`.
  public func renderUTF8(_ document: PreparedDocument) -> [UInt8] {
    renderInHalves(count: document.units.count, minimumToSplit: minimumUnitsToSplit, rendering(document))
  }

  /// ``renderUTF8(_:)``'s bytes handed to `emit` in order, a block of units at a time, so
  /// that a long document never has its whole output in memory (e.g. to write it to a file).
  public func renderUTF8(_ document: PreparedDocument, inBlocksTo emit: ([UInt8]) throws -> Void) rethrows {
    try renderInBlocks(count: document.units.count, blockSize: unitsPerBlock, rendering(document), emit: emit)
  }

  /// The memory's header, end and units.
  private func rendering(_ document: PreparedDocument) -> ItemRendering {
    var out = XMLOutput(capacity: 1024)
    out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header")
    out.attribute("creationtool", "Tradu")
    out.attribute("creationtoolversion", stamp.toolVersion)
    out.attribute("segtype", "sentence")
    out.attribute("o-tmf", "Tradu")
    out.attribute("adminlang", "en")
    out.attribute("srclang", document.sourceLanguage)
    out.attribute("datatype", "plaintext")
    if let date = stamp.date { out.attribute("creationdate", Self.tmxDate(date)) }
    out.raw(">")
    out.raw("<prop type=\"x-tradu-document\">")
    out.text(document.name, forbidden: .replacementCharacter)
    out.raw("</prop><prop type=\"x-tradu-fingerprint\">")
    out.text(document.fingerprint, forbidden: .replacementCharacter)
    out.raw("</prop></header>\n<body>\n")
    return ItemRendering(head: out.bytes, tail: "</body>\n</tmx>\n") { range, start, reserve in
      var out = XMLOutput(continuing: start, capacity: start.count + XLIFFWriter.estimatedSize(of: document.units[reserve]))
      for unit in document.units[range] where unit.isTranslatable { tus(unit, of: document, into: &out) }
      return out.bytes
    }
  }

  /// A `<tu>` for each segment of `unit`.
  private func tus(_ unit: PreparedUnit, of document: PreparedDocument, into out: inout XMLOutput) {
    for segment in unit.segments {
      var tuv = XMLOutput()
      tuv.raw("<tuv")
      tuv.attribute("xml:lang", document.sourceLanguage)
      tuv.raw("><seg>")
      if segment.codes.isEmpty {
        tuv.text(segment.source, forbidden: .replacementCharacter)
      } else {
        for event in codedEvents(segment.source, codes: segment.codes, marks: []) {
          switch event {
          case .text(let text): tuv.text(text, forbidden: .replacementCharacter)
          case .code(let c):
            let code = segment.codes[c]
            switch code.kind {
            case .opening: tuv.raw("<bpt i=\"\(code.id)\">")
            case .closing: tuv.raw("<ept i=\"\(code.id)\">")
            case .standalone: tuv.raw("<ph x=\"\(code.id)\">")
            }
            tuv.text(code.original, forbidden: .replacementCharacter)
            tuv.raw(code.kind == .opening ? "</bpt>" : code.kind == .closing ? "</ept>" : "</ph>")
          case .markStart, .markEnd: break
          }
        }
      }
      tuv.raw("</seg></tuv>")
      if let target = segment.target {
        tuv.raw("<tuv")
        tuv.attribute("xml:lang", document.targetLanguage)
        tuv.raw("><seg>")
        tuv.text(target, forbidden: .replacementCharacter)
        tuv.raw("</seg></tuv>")
      }
      out.raw("<tu")
      out.attribute("tuid", segment.id)
      out.raw(">")
      var notes = segment.notes
      if !tuv.replaced.isEmpty { notes.append(replacementNote(tuv.replaced)) }
      for note in notes {
        out.raw("<note>")
        out.text("\(note.category): \(note.text)", forbidden: .replacementCharacter)
        out.raw("</note>")
      }
      out.raw(tuv.bytes)
      out.raw("</tu>\n")
    }
  }

  /// `2026-11-25T12:00:00Z` → `20261125T120000Z` (TMX's ISO 8601 basic format).
  static func tmxDate(_ iso: String) -> String {
    String(iso.filter { $0 != "-" && $0 != ":" }.prefix(16))
  }
}
