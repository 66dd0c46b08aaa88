import Foundation

/// Reads a bilingual TMX 1.4 translation memory into a ``BilingualDocument``.
///
/// Each `<tu>` is a unit (its `tuid`, or its position); the `<tuv>` whose `xml:lang` matches
/// the header's `srclang` is the source and the first other one the target. Inline codes
/// (`<bpt>`, `<ept>`, `<ph>`, `<it>`) are dropped; the text of `<hi>` and `<sub>` is kept.
public enum TMXReader {
  /// Parses `bytes` (`Data`, `[UInt8]`), naming `path` in errors.
  public static func read(_ bytes: some Collection<UInt8>, path: String) throws(TraduError) -> BilingualDocument {
    let delegate = Delegate()
    try XMLEventReader.parse(bytes, name: path, handler: delegate)
    return try document(from: delegate, path: path)
  }

  /// Streams the TMX file at `path` (`-` for standard input): any size.
  public static func read(path: String) throws(TraduError) -> BilingualDocument {
    let delegate = Delegate()
    try XMLEventReader.read(path: path, handler: delegate)
    return try document(from: delegate, path: path)
  }

  private static func document(from delegate: Delegate, path: String) throws(TraduError) -> BilingualDocument {
    guard delegate.sawRoot else {
      throw .malformedXML(path: path, line: nil, reason: "not a TMX file (no <tmx> root element)")
    }
    let sourceLanguage = delegate.sourceLanguage ?? "ro"
    var targetLanguage = "en"
    var units: [BilingualSegment] = []
    units.reserveCapacity(delegate.units.count)
    // Whether a `<tuv>`'s language is the source language, worked out once per spelling (a
    // file names the same two or three languages in every unit).
    var isSource: [String: Bool] = [:]
    func inSourceLanguage(_ variant: Variant) -> Bool {
      if let known = isSource[variant.language] { return known }
      let same = sameLanguage(variant.language, sourceLanguage)
      isSource[variant.language] = same
      return same
    }
    for tu in delegate.units {
      guard let source = tu.variants.first(where: inSourceLanguage) else {
        throw .malformedXML(path: path, line: tu.line,
                            reason: "translation unit \(tu.id ?? String(units.count + 1)) has no <tuv> in the source language \(sourceLanguage)")
      }
      let target = tu.variants.first { !inSourceLanguage($0) }
      if let t = target { targetLanguage = t.language }
      units.append(BilingualSegment(id: tu.id ?? String(units.count + 1), source: source.text, target: target?.text))
    }
    return BilingualDocument(name: path, sourceLanguage: primary(sourceLanguage),
                             targetLanguage: primary(targetLanguage), segments: units)
  }

  static func sameLanguage(_ a: String, _ b: String) -> Bool { primary(a) == primary(b) }

  static func primary(_ tag: String) -> String {
    String(tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
  }

  private struct Variant { var language: String; var text: String }
  private struct Unit { var id: String?; var line: Int; var variants: [Variant] = [] }

  private final class Delegate: XMLEventHandler {
    var sawRoot = false
    var sourceLanguage: String?
    var units: [Unit] = []
    private var unit: Unit?
    private var language: String?
    private var text: String?
    private var skipDepth = 0

    func startElement(_ tag: XMLStartTag) throws(XMLContentError) {
      let attributes = tag.attributes
      switch tag.localName {
      case "tmx":
        sawRoot = true
      case "header":
        sourceLanguage = attributes["srclang"]
        if sourceLanguage == "*all*" { sourceLanguage = nil }
      case "tu":
        unit = Unit(id: attributes["tuid"], line: tag.line)
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

    func endElement(localName name: String, namespace: String?) {
      switch name {
      case "seg":
        if let t = text, let l = language { unit?.variants.append(Variant(language: l, text: t)) }
        text = nil
      case "tu":
        if let u = unit { units.append(u) }
        unit = nil
      case "bpt", "ept", "ph", "it", "ut":
        skipDepth -= 1
      default:
        break
      }
    }
  }
}
