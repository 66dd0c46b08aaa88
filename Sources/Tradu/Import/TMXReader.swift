import Foundation

/// Reads a bilingual TMX 1.4 translation memory into a ``BilingualDocument``.
///
/// Each `<tu>` is a unit (its `tuid`, or its position); the `<tuv>` whose `xml:lang` matches
/// the header's `srclang` is the source and the first other one the target. Inline codes
/// (`<bpt>`, `<ept>`, `<ph>`, `<it>`) are dropped; the text of `<hi>` and `<sub>` is kept.
public enum TMXReader {
  /// Parses `bytes` (`Data`, `[UInt8]`), naming `path` in errors.
  public static func read(_ bytes: some Collection<UInt8>, path: String) throws(TraduError) -> BilingualDocument {
    var units: [Unit] = []
    let sourceLanguage = try read(bytes, path: path) { (unit) throws(XMLContentError) in units.append(unit) }
    return document(units, sourceLanguage: sourceLanguage, path: path)
  }

  /// Streams the TMX file at `path` (`-` for standard input): any size.
  public static func read(path: String) throws(TraduError) -> BilingualDocument {
    var units: [Unit] = []
    let delegate = Delegate { (unit) throws(XMLContentError) in units.append(unit) }
    try XMLEventReader.read(path: path, handler: delegate)
    return document(units, sourceLanguage: try delegate.finished(path: path), path: path)
  }

  /// A translation unit as read: its source and first target, in document order.
  struct Unit: Sendable {
    /// The `tuid`, or the unit's position (1-based).
    var id: String
    /// Where its `<tu>` starts.
    var line: Int
    var source: String
    var target: String?
    /// The target's `xml:lang` as written.
    var targetLanguage: String?
    /// The header's `srclang` as written ("ro" when it gives none).
    var sourceLanguage: String
  }

  /// Parses `bytes`, handing each unit to `unit` as soon as its `</tu>` is read (throw from
  /// `unit` to stop), and returns the header's source language as written ("ro" when none).
  static func read(_ bytes: some Collection<UInt8>, path: String,
                   unit: (Unit) throws(XMLContentError) -> Void) throws(TraduError) -> String {
    // The delegate holds `unit` only while the bytes are parsed.
    try withoutActuallyEscaping(unit) { (unit) throws(TraduError) in
      let delegate = Delegate(unit)
      try XMLEventReader.parse(bytes, name: path, handler: delegate)
      return try delegate.finished(path: path)
    }
  }

  private static func document(_ units: [Unit], sourceLanguage: String, path: String) -> BilingualDocument {
    // The document's target language is the last unit's with a target.
    let targetLanguage = units.last { $0.targetLanguage != nil }?.targetLanguage ?? "en"
    return BilingualDocument(name: path, sourceLanguage: primary(sourceLanguage), targetLanguage: primary(targetLanguage),
                             segments: units.map { BilingualSegment(id: $0.id, source: $0.source, target: $0.target) })
  }

  static func sameLanguage(_ a: String, _ b: String) -> Bool { primary(a) == primary(b) }

  static func primary(_ tag: String) -> String {
    String(tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
  }

  private struct Variant { var language: String; var text: String }

  private final class Delegate: XMLEventHandler {
    var sawRoot = false
    var sourceLanguage: String?
    private let emit: (Unit) throws(XMLContentError) -> Void
    private var count = 0
    private var unit: (id: String?, line: Int, variants: [Variant])?
    private var language: String?
    private var text: String?
    private var skipDepth = 0
    /// Whether a `<tuv>`'s language is the source language, worked out once per spelling (a
    /// file names the same two or three languages in every unit).
    private var isSource: [String: Bool] = [:]

    init(_ emit: @escaping (Unit) throws(XMLContentError) -> Void) {
      self.emit = emit
    }

    /// The header's source language once the document is read; throws if it was no TMX.
    func finished(path: String) throws(TraduError) -> String {
      guard sawRoot else {
        throw .malformedXML(path: path, line: nil, reason: "not a TMX file (no <tmx> root element)")
      }
      return sourceLanguage ?? "ro"
    }

    private func inSourceLanguage(_ variant: Variant) -> Bool {
      if let known = isSource[variant.language] { return known }
      let same = sameLanguage(variant.language, sourceLanguage ?? "ro")
      isSource[variant.language] = same
      return same
    }

    func startElement(_ tag: XMLStartTag) throws(XMLContentError) {
      let attributes = tag.attributes
      switch tag.localName {
      case "tmx":
        sawRoot = true
      case "header":
        sourceLanguage = attributes["srclang"]
        if sourceLanguage == "*all*" { sourceLanguage = nil }
        isSource.removeAll()
      case "tu":
        unit = (attributes["tuid"], tag.line, [])
      case "tuv":
        language = attributes["xml:lang"] ?? attributes["lang"]
        if language == nil { throw XMLContentError("<tuv> without xml:lang") }
      case "seg":
        text = ""
      case "bpt", "ept", "ph", "it", "ut":
        skipDepth += 1
      default:
        break
      }
    }

    func text(_ string: String) {
      guard skipDepth == 0, text != nil else { return }
      // A segment's text usually comes in one piece: taken as it is, not copied onto "".
      if text!.isEmpty { text = string } else { text! += string }
    }

    func endElement(localName name: String, namespace: String?) throws(XMLContentError) {
      switch name {
      case "seg":
        if let t = text, let l = language { unit?.variants.append(Variant(language: l, text: t)) }
        text = nil
      case "tu":
        guard let tu = unit else { break }
        unit = nil
        count += 1
        let id = tu.id ?? String(count)
        guard let source = tu.variants.first(where: inSourceLanguage) else {
          throw XMLContentError("translation unit \(id) has no <tuv> in the source language \(sourceLanguage ?? "ro")",
                                line: tu.line)
        }
        let target = tu.variants.first { !inSourceLanguage($0) }
        try emit(Unit(id: id, line: tu.line, source: source.text, target: target?.text,
                      targetLanguage: target?.language, sourceLanguage: sourceLanguage ?? "ro"))
      case "bpt", "ept", "ph", "it", "ut":
        skipDepth -= 1
      default:
        break
      }
    }
  }
}
