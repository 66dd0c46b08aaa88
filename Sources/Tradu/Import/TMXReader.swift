import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a bilingual TMX 1.4 translation memory into a ``BilingualDocument``.
///
/// Each `<tu>` is a unit (its `tuid`, or its position); the `<tuv>` whose `xml:lang` matches
/// the header's `srclang` is the source and the first other one the target. Inline codes
/// (`<bpt>`, `<ept>`, `<ph>`, `<it>`) are dropped; the text of `<hi>` and `<sub>` is kept.
public enum TMXReader {
  /// Parses `data`, naming `path` in errors.
  public static func read(_ data: Data, path: String) throws(TraduError) -> BilingualDocument {
    let delegate = Delegate()
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.delegate = delegate
    let ok = parser.parse()
    if let error = delegate.error {
      throw .malformedXML(path: path, line: error.line, reason: error.reason)
    }
    if !ok || parser.parserError != nil {
      let reason = (parser.parserError as NSError?).map(xmlErrorReason) ?? "not well-formed XML"
      throw .malformedXML(path: path, line: parser.lineNumber, reason: reason)
    }
    guard delegate.sawRoot else {
      throw .malformedXML(path: path, line: nil, reason: "not a TMX file (no <tmx> root element)")
    }
    let sourceLanguage = delegate.sourceLanguage ?? "ro"
    var targetLanguage = "en"
    var units: [BilingualUnit] = []
    for tu in delegate.units {
      guard let source = tu.variants.first(where: { sameLanguage($0.language, sourceLanguage) }) else {
        throw .malformedXML(path: path, line: tu.line,
                            reason: "translation unit \(tu.id ?? String(units.count + 1)) has no <tuv> in the source language \(sourceLanguage)")
      }
      let target = tu.variants.first { !sameLanguage($0.language, sourceLanguage) }
      if let t = target { targetLanguage = t.language }
      units.append(BilingualUnit(id: tu.id ?? String(units.count + 1), source: source.text, target: target?.text))
    }
    return BilingualDocument(name: path, sourceLanguage: primary(sourceLanguage),
                             targetLanguage: primary(targetLanguage), units: units)
  }

  static func sameLanguage(_ a: String, _ b: String) -> Bool { primary(a) == primary(b) }

  static func primary(_ tag: String) -> String {
    String(tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
  }

  private struct Variant { var language: String; var text: String }
  private struct Unit { var id: String?; var line: Int; var variants: [Variant] = [] }

  private final class Delegate: NSObject, XMLParserDelegate {
    var sawRoot = false
    var sourceLanguage: String?
    var units: [Unit] = []
    var error: (line: Int, reason: String)?
    private var unit: Unit?
    private var language: String?
    private var text: String?
    private var skipDepth = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
      switch name {
      case "tmx":
        sawRoot = true
      case "header":
        sourceLanguage = attributes["srclang"]
        if sourceLanguage == "*all*" { sourceLanguage = nil }
      case "tu":
        unit = Unit(id: attributes["tuid"], line: parser.lineNumber)
      case "tuv":
        language = attributes["xml:lang"] ?? attributes["lang"]
        if language == nil { fail(parser, "<tuv> without xml:lang") }
      case "seg":
        text = ""
      case "bpt", "ept", "ph", "it", "ut":
        skipDepth += 1
      default:
        break
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if skipDepth == 0, text != nil { text! += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
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

    private func fail(_ parser: XMLParser, _ reason: String) {
      if error == nil { error = (parser.lineNumber, reason) }
      parser.abortParsing()
    }
  }
}

/// A readable reason from an XMLParser error.
func xmlErrorReason(_ error: NSError) -> String {
  let code = error.code
  let described = error.localizedDescription
  if described.isEmpty || described.hasPrefix("The operation") {
    return "not well-formed XML (parser error \(code)); the file may be truncated"
  }
  return "not well-formed XML: \(described)"
}
