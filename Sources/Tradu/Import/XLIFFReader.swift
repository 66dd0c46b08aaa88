// Reading translated XLIFF back: used by `tradu merge` and `tradu check`.
//
// Public API:
//   XLIFFReader.read(path:)              -> BilingualDocument   (a file, or `-` for standard input)
//   XLIFFReader.parse(_:name:)           -> BilingualDocument   (bytes already in memory)
// (the one bilingual model: Model/BilingualDocument.swift)
// XLIFF 1.2: one segment per <mrk mtype="seg"> of <seg-source>; a trans-unit without
// <seg-source>, or whose <target> a tool wrote without the markers, is one segment whose id is
// the trans-unit's.
// Inline markup is flattened to its text: `<mrk>`, `<pc>` and 1.2 `<g>` keep their content,
// `<cp hex>` becomes its character, placeholders (`<ph>`, `<sc>`, `<ec>`, `<x>`…) vanish from
// the text; every inline code is listed in the segment's sourceCodes/targetCodes with its id,
// kind and place (what merging HTML and Markdown needs).
import Foundation

/// How the reader holds inline codes while it captures text.
extension InlineCodeReference {
  // In captured text a code is held as a marker: U+FDD0 (opening), U+FDD1 (closing) or
  // U+FDD2 (standalone), the id, then U+FDD3. Noncharacters: no article has them.
  static func marker(_ kind: InlineCode.Kind, id: String) -> String {
    let lead: UInt32 = kind == .opening ? 0xFDD0 : kind == .closing ? 0xFDD1 : 0xFDD2
    var marker = String.UnicodeScalarView()
    marker.append(Unicode.Scalar(lead)!)
    marker.append(contentsOf: id.unicodeScalars)
    marker.append(Unicode.Scalar(0xFDD3 as UInt32)!)
    return String(marker)
  }

  /// `text` without its markers, and the codes they stood for.
  static func split(_ text: String) -> (String, [InlineCodeReference]) {
    guard text.unicodeScalars.contains(where: { $0.value >= 0xFDD0 && $0.value <= 0xFDD3 }) else { return (text, []) }
    var plain = String.UnicodeScalarView()
    var codes: [InlineCodeReference] = []
    var position = 0
    var kind: InlineCode.Kind? = nil
    var id = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFDD0: kind = .opening; id = ""
      case 0xFDD1: kind = .closing; id = ""
      case 0xFDD2: kind = .standalone; id = ""
      case 0xFDD3:
        if let k = kind { codes.append(InlineCodeReference(kind: k, id: id, position: position)) }
        kind = nil
      default:
        if kind != nil {
          id.unicodeScalars.append(scalar)
        } else {
          plain.append(scalar)
          position += scalar.value > 0xFFFF ? 2 : 1
        }
      }
    }
    return (String(plain), codes)
  }
}

/// Reads XLIFF 1.2 and 2.0/2.1/2.2 with ``XMLEventReader`` (libxml2, streaming): files of any
/// size, a DOCTYPE with declarations refused, the nesting depth bounded, and every error
/// naming the file, line and column.
public enum XLIFFReader {
  /// The deepest element nesting accepted.
  public static let maximumDepth = XMLEventReader.defaultMaximumDepth

  /// Reads the XLIFF file at `path` (`-` for standard input), streaming it.
  public static func read(path: String) throws(TraduError) -> BilingualDocument {
    let handler = XLIFFParseHandler()
    try XMLEventReader.read(path: path, handler: handler, maximumDepth: maximumDepth)
    return try document(from: handler, name: path)
  }

  /// Parses XLIFF `bytes`; `name` is used in error messages.
  public static func parse(_ bytes: [UInt8], name: String) throws(TraduError) -> BilingualDocument {
    let handler = XLIFFParseHandler()
    try XMLEventReader.parse(bytes, name: name, handler: handler, maximumDepth: maximumDepth)
    return try document(from: handler, name: name)
  }

  private static func document(from handler: XLIFFParseHandler, name: String) throws(TraduError) -> BilingualDocument {
    guard let document = handler.state.document(name: name) else {
      throw .malformedXML(path: name, line: nil, reason: "not an XLIFF file (no <xliff> root element)")
    }
    return document
  }
}

/// The event handler behind ``XLIFFReader``: hands each event to its ``XLIFFParseState``.
///
/// The state is a struct reached through one property, so each event costs one exclusivity
/// check rather than one per field it touches (a million-unit file has millions of events).
private final class XLIFFParseHandler: XMLEventHandler {
  var state = XLIFFParseState()

  func startElement(_ tag: XMLStartTag) throws(XMLContentError) { try state.startElement(tag) }
  func endElement(localName: String, namespace: String?) throws(XMLContentError) {
    try state.endElement(localName: localName, namespace: namespace)
  }
  func text(_ string: String) { state.text(string) }
}

/// What ``XLIFFReader`` has read so far: a small state machine over the elements that
/// matter, ignoring the rest (module elements, unknown extensions).
private struct XLIFFParseState {

  private var version: XLIFFVersion?
  private var sourceLanguage = ""
  private var targetLanguage: String?
  private var files: [BilingualFile] = []

  private var depth = 0
  private var translateStack: [Bool] = [true]

  private var file: BilingualFile?
  private var unit: BilingualUnit?
  // 2.x segment / ignorable being read.
  private var segmentID: String?
  private var segmentLine: Int?
  private var segmentState: String?
  private var partSource: String?
  private var partTarget: String?
  // Text capture: source, target, note, meta.
  private var capture: String?
  private var captureKind = ""
  // Inline codes being read: the ids of the open paired elements, and the depth of an
  // element whose content is native code (1.2 <bpt>, <ept>, <ph>, <it>), not text.
  private var pairedIDs: [String] = []
  private var nativeDepth: Int?
  private var noteCategory: String?
  private var metaType: String?
  private var inTraduMetaGroup = false
  // 1.2: pieces of <seg-source>/<target>, split at <mrk mtype="seg">.
  private var pieces: [(mid: String?, text: String)] = []
  private var segMarkerDepth: Int?
  private var unitSource12 = ""
  private var sourcePieces12: [(mid: String?, text: String)]?
  private var targetPieces12: [(mid: String?, text: String)]?
  private var target12 = ""
  private var targetState12: String?
  private var sawTarget12 = false
  /// The depth of the translation-candidate element being skipped, if any.
  private var skippedFrom: Int?
  static let matchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0"

  func document(name: String) -> BilingualDocument? {
    guard let version else { return nil }
    return BilingualDocument(name: name, xliffVersion: version, sourceLanguage: sourceLanguage,
                             targetLanguage: targetLanguage, files: files)
  }

  private func fail(_ reason: String) -> XMLContentError {
    XMLContentError(reason)
  }

  private var isCore: (String?) -> Bool {
    { ns in ns == XLIFFVersion.v1_2.namespace || ns == XLIFFVersion.v2_0.namespace
        || ns == XLIFFVersion.v2_2.namespace }
  }

  mutating func startElement(_ tag: XMLStartTag) throws(XMLContentError) {
    let element = tag.localName
    let namespaceURI = tag.namespace
    let attributes = tag.attributes
    depth += 1
    let core = isCore(namespaceURI)
    let translate = attributes["translate"].map { $0 != "no" } ?? translateStack.last!
    translateStack.append(translate)

    // Translation candidates (1.2 <alt-trans>, 2.x <mtc:matches>) hold a <source> and a
    // <target> of their own, which are not the segment's: skipped whole.
    if skippedFrom != nil { return }
    if (core && element == "alt-trans") || (element == "matches" && namespaceURI == Self.matchesNamespace) {
      skippedFrom = depth
      return
    }

    if depth == 1 {
      guard element == "xliff" else {
        throw fail("not an XLIFF file: the root element is <\(tag.qualifiedName)>, not <xliff>")
      }
      guard core else {
        let known = XLIFFVersion.allCases.map(\.namespace).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        throw fail("not an XLIFF file: <xliff> is in the namespace \(namespaceURI.map { "\"\($0)\"" } ?? "none"), "
          + "not one of XLIFF's (\(known.joined(separator: ", "))); fix its xmlns attribute")
      }
      let declared = attributes["version"] ?? ""
      let versions = XLIFFVersion.allCases.filter { $0.namespace == namespaceURI }.map(\.rawValue)
      guard versions.contains(declared) else {
        throw fail("unsupported XLIFF version \"\(declared)\" for namespace \(namespaceURI ?? "none")"
               + " (Tradu reads 1.2, 2.0, 2.1 and 2.2; the version must match the namespace)")
      }
      switch (namespaceURI, declared) {
      case (XLIFFVersion.v1_2.namespace, _): version = .v1_2
      case (XLIFFVersion.v2_0.namespace, "2.1"): version = .v2_1
      case (XLIFFVersion.v2_0.namespace, _): version = .v2_0
      default: version = .v2_2
      }
      sourceLanguage = attributes["srcLang"] ?? ""
      targetLanguage = attributes["trgLang"]
      return
    }

    // Inside captured text: inline elements.
    if capture != nil {
      try inline(element: element, namespaceURI: namespaceURI, core: core, attributes: attributes)
      return
    }

    if !core {
      if namespaceURI == "urn:oasis:names:tc:xliff:metadata:2.0" {
        if element == "metaGroup" && unit == nil && file != nil {
          inTraduMetaGroup = attributes["category"] == "tradu"
        } else if element == "meta" && inTraduMetaGroup {
          metaType = attributes["type"]
          startCapture("meta")
        }
      }
      return
    }

    switch element {
    case "file":
      file = BilingualFile(id: attributes["id"], original: attributes["original"], metadata: [:], notes: [], units: [])
      if version == .v1_2 {
        if sourceLanguage.isEmpty { sourceLanguage = attributes["source-language"] ?? "" }
        if targetLanguage == nil { targetLanguage = attributes["target-language"] }
      }
    case "unit", "trans-unit":
      guard file != nil else { throw fail("<\(element)> outside a <file>") }
      guard let id = attributes["id"] else { throw fail("<\(element)> without an id") }
      unit = BilingualUnit(id: id, isTranslatable: translate, notes: [], parts: [], line: tag.line)
      unitSource12 = ""
      sourcePieces12 = nil
      targetPieces12 = nil
      target12 = ""
      targetState12 = nil
      sawTarget12 = false
    case "segment", "ignorable":
      guard unit != nil else { throw fail("<\(element)> outside a <unit>") }
      segmentID = attributes["id"]
      segmentLine = tag.line
      segmentState = attributes["state"]
      partSource = nil
      partTarget = nil
    case "source", "seg-source":
      if unit != nil { startCapture(element) }
    case "target":
      if unit != nil {
        if version == .v1_2 {
          targetState12 = attributes["state"]
          sawTarget12 = true
        }
        startCapture("target")
      }
    case "note":
      noteCategory = attributes["category"] ?? attributes["from"]
      startCapture("note")
    default:
      break
    }
  }

  private mutating func startCapture(_ kind: String) {
    capture = ""
    captureKind = kind
    pairedIDs = []
    nativeDepth = nil
    pieces = [(nil, "")]
    segMarkerDepth = nil
  }

  private mutating func inline(element: String, namespaceURI: String?, core: Bool,
                      attributes: XMLAttributes) throws(XMLContentError) {
    guard core, nativeDepth == nil else { return }
    if captureKind == "source" || captureKind == "seg-source" || captureKind == "target" {
      let id = attributes["id"] ?? ""
      switch element {
      case "pc", "g":
        pairedIDs.append(id)
        append(InlineCodeReference.marker(.opening, id: id))
        return
      case "sc", "bx":
        append(InlineCodeReference.marker(.opening, id: attributes["rid"] ?? id))
        return
      case "ec", "ex":
        append(InlineCodeReference.marker(.closing, id: attributes["startRef"] ?? attributes["rid"] ?? id))
        return
      case "ph", "x":
        append(InlineCodeReference.marker(.standalone, id: id))
        if element == "ph" && version == .v1_2 { nativeDepth = depth }
        return
      case "bpt", "ept", "it":
        let kind: InlineCode.Kind = element == "bpt" ? .opening : element == "ept" ? .closing : .standalone
        append(InlineCodeReference.marker(kind, id: attributes["rid"] ?? id))
        nativeDepth = depth
        return
      default:
        break
      }
    }
    if element == "cp" {
      guard let hex = attributes["hex"], let value = UInt32(hex, radix: 16),
            let scalar = Unicode.Scalar(value) else {
        throw fail("<cp> without a valid hex code point")
      }
      append(String(Character(scalar)))
    } else if element == "mrk" && version == .v1_2 && attributes["mtype"] == "seg"
                && (captureKind == "seg-source" || captureKind == "target") {
      guard segMarkerDepth == nil else { throw fail("<mrk mtype=\"seg\"> inside another one") }
      segMarkerDepth = depth
      pieces.append((attributes["mid"] ?? "", ""))
    }
  }

  private mutating func append(_ text: String) {
    capture! += text
    pieces[pieces.count - 1].text += text
  }

  mutating func text(_ string: String) {
    if capture != nil && skippedFrom == nil && nativeDepth == nil { append(string) }
  }

  mutating func endElement(localName element: String, namespace namespaceURI: String?) throws(XMLContentError) {
    defer {
      depth -= 1
      translateStack.removeLast()
    }
    if let skipped = skippedFrom {
      if skipped == depth { skippedFrom = nil }
      return
    }
    if let markerDepth = segMarkerDepth, markerDepth == depth {
      segMarkerDepth = nil
      pieces.append((nil, ""))  // text after the marker, until the next one
      return
    }
    let core = isCore(namespaceURI)
    if !core {
      if namespaceURI == "urn:oasis:names:tc:xliff:metadata:2.0" {
        if element == "meta", captureKind == "meta", let text = capture {
          if let type = metaType { file?.metadata[type] = text }
          capture = nil
        } else if element == "metaGroup" {
          inTraduMetaGroup = false
        }
      }
      return
    }
    if capture != nil && element != captureKind {  // an inline element closes
      if let native = nativeDepth {
        if native == depth { nativeDepth = nil }
      } else if isCore(namespaceURI) && (element == "pc" || element == "g"), let id = pairedIDs.popLast() {
        append(InlineCodeReference.marker(.closing, id: id))
      }
      return
    }
    switch element {
    case "source", "seg-source", "target":
      guard let text = capture else { return }
      capture = nil
      if version == .v1_2 {
        if element == "source" { unitSource12 = text }
        if element == "seg-source" { sourcePieces12 = pieces }
        if element == "target" {
          target12 = text
          targetPieces12 = pieces
        }
      } else if element == "source" {
        partSource = text
      } else if element == "target" {
        partTarget = text
      }
    case "note":
      guard let text = capture else { return }
      capture = nil
      let note = BilingualNote(text: text, category: noteCategory)
      if unit != nil {
        unit!.notes.append(note)
      } else if let category = note.category, category.hasPrefix("tradu:") {
        file?.metadata[String(category.dropFirst(6))] = text
      } else {
        file?.notes.append(note)
      }
    case "segment":
      guard let source = partSource else { throw fail("<segment> without a <source>") }
      let state = SegmentState(rawValue: segmentState ?? "") ?? (partTarget == nil ? .initial : .translated)
      let (plainSource, sourceCodes) = InlineCodeReference.split(source)
      let (plainTarget, targetCodes) = partTarget.map(InlineCodeReference.split) ?? (nil, [])
      unit?.parts.append(.segment(BilingualSegment(
        id: segmentID, source: plainSource, target: plainTarget, state: state, stateValue: segmentState,
        sourceCodes: sourceCodes, targetCodes: targetCodes, line: segmentLine)))
    case "ignorable":
      unit?.parts.append(.ignorable(source: InlineCodeReference.split(partSource ?? "").0,
                                    target: partTarget.map { InlineCodeReference.split($0).0 }))
    case "trans-unit":
      try finishTransUnit()
    case "unit":
      if let unit { file?.units.append(unit) }
      unit = nil
    case "file":
      if let file { files.append(file) }
      file = nil
    default:
      break
    }
  }

  /// Builds a 1.2 trans-unit's parts: one segment per `<mrk mtype="seg">` of `<seg-source>`
  /// (targets matched by `mid`), or one segment for the whole unit.
  private mutating func finishTransUnit() throws(XMLContentError) {
    guard var current = unit else { return }
    unit = nil
    let state = SegmentState(xliff12State: targetState12)
    var segmented = sourcePieces12.map { $0.contains { $0.mid != nil } } ?? false
    // A tool that ignores <seg-source> (translate-toolkit, many web tools) translates the whole
    // trans-unit: a target without segment markers. Keep it as one segment for the unit.
    // Some keep the markers of the file they were given beside the text they write: empty
    // ones, or the copies of the source that Tradu seeds targets with (translate-toolkit, and so
    // Weblate and Pootle, set a unit's target text and keep its child elements).
    let pieces = targetPieces12 ?? []
    let sourceByMid = Dictionary((sourcePieces12 ?? []).compactMap { p in p.mid.map { ($0, p.text) } },
                                 uniquingKeysWith: { first, _ in first })
    let markersUntouched = pieces.allSatisfy { piece in
      guard let mid = piece.mid else { return true }
      return piece.text == sourceByMid[mid] || !piece.text.contains(where: { !$0.isWhitespace })
    }
    var unmarkedText = ""
    for piece in pieces where piece.mid == nil { unmarkedText += piece.text }
    if segmented && sawTarget12 && markersUntouched && unmarkedText.contains(where: { !$0.isWhitespace }) {
      segmented = false
      target12 = Self.trimmed(unmarkedText, like: unitSource12)
    }
    if segmented, let sourcePieces = sourcePieces12 {
      var targets: [String: String] = [:]
      for piece in targetPieces12 ?? [] {
        if let mid = piece.mid { targets[mid] = piece.text }
      }
      // A target segment whose mid names no source segment would be lost silently.
      if let stray = (targetPieces12 ?? []).lazy.compactMap(\.mid).first(where: { sourceByMid[$0] == nil }) {
        throw fail("trans-unit \"\(current.id)\": the target has a segment mid=\"\(stray)\" that <seg-source> does not have"
               + " (source mids: \(sourcePieces.compactMap(\.mid).joined(separator: ", ")))")
      }
      for piece in sourcePieces {
        if let mid = piece.mid {
          let (source, sourceCodes) = InlineCodeReference.split(piece.text)
          let (target, targetCodes) = targets[mid].map(InlineCodeReference.split) ?? (nil, [])
          current.parts.append(.segment(BilingualSegment(
            id: mid, source: source, target: target,
            state: target.map { $0.isEmpty && targetCodes.isEmpty && !source.isEmpty ? .initial : state } ?? .initial,
            stateValue: targetState12, sourceCodes: sourceCodes, targetCodes: targetCodes, line: current.line)))
        } else if !piece.text.isEmpty {
          current.parts.append(.ignorable(source: InlineCodeReference.split(piece.text).0, target: nil))
        }
      }
    } else {
      let (source, sourceCodes) = InlineCodeReference.split(unitSource12)
      let (target, targetCodes) = sawTarget12 ? InlineCodeReference.split(target12) : (nil, [])
      current.parts.append(.segment(BilingualSegment(
        id: current.id, source: source, target: target,
        state: sawTarget12 ? state : .initial, stateValue: targetState12,
        sourceCodes: sourceCodes, targetCodes: targetCodes, line: current.line)))
    }
    file?.units.append(current)
  }

  /// `text` without the white space at either end where `model` has none there.
  static func trimmed(_ text: String, like model: String) -> String {
    var result = Substring(text)
    if !(model.first?.isWhitespace ?? false) { result = result.drop(while: \.isWhitespace) }
    if !(model.last?.isWhitespace ?? false) {
      while let last = result.last, last.isWhitespace { result = result.dropLast() }
    }
    return String(result)
  }
}
