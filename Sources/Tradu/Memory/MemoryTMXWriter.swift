/// Writes a translation memory's units as TMX 1.4b (valid against `tmx14.dtd`), a few
/// thousand units at a time, so that a large memory is never in memory whole.
///
/// Each `<tu>` carries its dates (`creationdate`, `changedate`), `creationid` (the author),
/// and the origin and document as `<prop type="x-tradu-origin">` / `x-tradu-document`.
public struct MemoryTMXWriter: Sendable {
  public var stamp: ExportStamp
  /// The source language written in the header.
  public var sourceLanguage: String

  public init(stamp: ExportStamp, sourceLanguage: String = "ro") {
    self.stamp = stamp
    self.sourceLanguage = sourceLanguage
  }

  /// Writes the memory's units to `emit` in blocks.
  public func write(_ memory: TranslationMemory, to emit: ([UInt8]) throws -> Void) throws {
    var out = XMLOutput(capacity: 1 << 16)
    out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header")
    out.attribute("creationtool", "Tradu")
    out.attribute("creationtoolversion", stamp.toolVersion)
    out.attribute("segtype", "sentence")
    out.attribute("o-tmf", "Tradu")
    out.attribute("adminlang", "en")
    out.attribute("srclang", sourceLanguage)
    out.attribute("datatype", "plaintext")
    if let date = stamp.date { out.attribute("creationdate", TMXWriter.tmxDate(date)) }
    out.raw("/>\n<body>\n")
    var failure: Error?
    try memory.forEachUnit { unit in
      guard failure == nil else { return }
      tu(unit, into: &out)
      if out.bytes.count > 1 << 20 {
        do { try emit(out.bytes) } catch { failure = error }
        out = XMLOutput(capacity: 1 << 20 + 1 << 16)
      }
    }
    if let failure { throw failure }
    out.raw("</body>\n</tmx>\n")
    try emit(out.bytes)
  }

  private func tu(_ unit: MemoryUnit, into out: inout XMLOutput) {
    out.raw("<tu")
    if let id = unit.id { out.attribute("tuid", String(id)) }
    out.attribute("creationdate", TMXWriter.tmxDate(unit.created))
    out.attribute("changedate", TMXWriter.tmxDate(unit.changed))
    if let author = unit.author { out.attribute("creationid", author) }
    out.raw("><prop type=\"x-tradu-origin\">")
    out.text(unit.origin.rawValue, forbidden: .replacementCharacter)
    out.raw("</prop>")
    if let document = unit.document {
      out.raw("<prop type=\"x-tradu-document\">")
      out.text(document, forbidden: .replacementCharacter)
      out.raw("</prop>")
    }
    for (language, text) in [(unit.sourceLanguage, unit.source), (unit.targetLanguage, unit.target)] {
      out.raw("\n<tuv")
      out.attribute("xml:lang", language)
      out.raw("><seg>")
      out.text(text, forbidden: .replacementCharacter)
      out.raw("</seg></tuv>")
    }
    out.raw("</tu>\n")
  }
}
