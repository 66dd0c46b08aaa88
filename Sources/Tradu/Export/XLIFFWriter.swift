/// The XLIFF versions Tradu writes and reads.
public enum XLIFFVersion: String, Sendable, CaseIterable {
  case v1_2 = "1.2", v2_0 = "2.0", v2_1 = "2.1", v2_2 = "2.2"

  /// The namespace of the core elements.
  public var namespace: String {
    switch self {
    case .v1_2: return "urn:oasis:names:tc:xliff:document:1.2"
    case .v2_0, .v2_1: return "urn:oasis:names:tc:xliff:document:2.0"
    case .v2_2: return "urn:oasis:names:tc:xliff:document:2.2"
    }
  }
}

/// What every writer stamps into its output; fixed values make the output deterministic.
public struct ExportStamp: Sendable, Equatable {
  /// The version of Tradu that wrote the file.
  public var toolVersion: String
  /// The creation date in ISO 8601 UTC (`2026-11-25T12:00:00Z`), or nil to write none.
  public var date: String?

  public init(toolVersion: String, date: String? = nil) {
    self.toolVersion = toolVersion
    self.date = date
  }
}

/// Renders a ``PreparedDocument`` as XLIFF 2.0/2.1/2.2 or XLIFF 1.2 (strict schema).
///
/// XLIFF 2: one `<file>`, one `<unit>` per paragraph, one `<segment state="initial">` per
/// sentence; the text between segments in `<ignorable>` (so `merge` needs nothing else);
/// glossary matches as `<mrk type="term">` plus the Glossary module; the fingerprint and other
/// facts for `merge` in the Metadata module (category `tradu`).
///
/// XLIFF 1.2: one `<trans-unit>` per paragraph with `<source>`, `<seg-source>` holding one
/// `<mrk mtype="seg">` per sentence, and an empty `<target state="needs-translation">` of the
/// same shape; the fingerprint in a header note. Characters XML 1.0 forbids become U+FFFD
/// there, with a note.
public struct XLIFFWriter: Sendable {
  public var version: XLIFFVersion
  public var stamp: ExportStamp
  /// From this many units on, the two halves are rendered side by side.
  var minimumUnitsToSplit = 256

  public init(version: XLIFFVersion = .v2_1, stamp: ExportStamp) {
    self.version = version
    self.stamp = stamp
  }

  /// The file's text.
  public func render(_ document: PreparedDocument) -> String {
    String(decoding: renderUTF8(document), as: UTF8.self)
  }

  /// The file's bytes (UTF-8), as ``render(_:)`` gives them but without making a `String`:
  /// what to write to a file.
  ///
  /// A long document's units are rendered in two halves side by side (see
  /// `renderInHalves`); the bytes are the same.
  public func renderUTF8(_ document: PreparedDocument) -> [UInt8] {
    var head = XMLOutput(capacity: 4096)
    let tail: String
    if version == .v1_2 {
      head12(document, into: &head)
      tail = "</body>\n</file>\n</xliff>\n"
    } else {
      head2(document, into: &head)
      tail = "</file>\n</xliff>\n"
    }
    return renderInHalves(count: document.units.count, minimumToSplit: minimumUnitsToSplit, head: head.bytes, tail: tail) {
      range, start in
      var out = XMLOutput(continuing: start, capacity: start.count + Self.estimatedSize(of: document.units[range.lowerBound...]))
      if version == .v1_2 {
        for unit in document.units[range] { unit12(unit, into: &out) }
      } else {
        units2(document, range, into: &out)
      }
      return out.bytes
    }
  }

  /// About how many bytes `units` take in XLIFF (sources, space, markup and glossary entries),
  /// so that the output buffer seldom grows.
  static func estimatedSize(of units: ArraySlice<PreparedUnit>) -> Int {
    var size = 0
    for unit in units {
      size += 160
      for segment in unit.segments {
        size += 2 * segment.source.utf8.count + segment.spaceAfter.utf8.count + 120
          + 400 * segment.glossaryMatches.count
      }
    }
    return size
  }

  // MARK: XLIFF 2

  /// Everything before the first unit (or the placeholder unit of an empty document).
  private func head2(_ document: PreparedDocument, into out: inout XMLOutput) {
    out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff")
    out.attribute("xmlns", version.namespace)
    out.attribute("xmlns:mda", "urn:oasis:names:tc:xliff:metadata:2.0")
    out.attribute("xmlns:gls", "urn:oasis:names:tc:xliff:glossary:2.0")
    out.attribute("version", version.rawValue)
    out.attribute("srcLang", document.sourceLanguage)
    out.attribute("trgLang", document.targetLanguage)
    out.attribute("xml:space", "preserve")
    out.raw(">\n<file")
    out.attribute("id", "f1")
    out.attribute("original", document.name)
    out.raw(">\n")
    out.raw("<mda:metadata><mda:metaGroup category=\"tradu\">")
    for (key, value) in TraduFileFacts(document: document, stamp: stamp).pairs {
      out.raw("<mda:meta")
      out.attribute("type", key)
      out.raw(">")
      out.text(value, forbidden: .replacementCharacter)
      out.raw("</mda:meta>")
    }
    out.raw("</mda:metaGroup></mda:metadata>\n")
    if !document.notes.isEmpty {
      out.raw("<notes>")
      for note in document.notes { note2(note, into: &out) }
      out.raw("</notes>\n")
    }
    if document.units.isEmpty {
      // A file needs a unit: keep the (blank) text in one that is not for translation.
      out.raw("<unit id=\"p0\" translate=\"no\">")
      ignorable(document.leadingText, into: &out)
      out.raw("<segment id=\"p0.s1\" state=\"initial\"><source></source></segment></unit>\n")
    }
  }

  /// The `<unit>`s of `document.units[range]`.
  private func units2(_ document: PreparedDocument, _ range: Range<Int>, into out: inout XMLOutput) {
    var glossaryCache = GlossEntryCache()
    for unitIndex in range {
      let unit = document.units[unitIndex]
      // Ids and states are digits and letters: written as they are, without escaping.
      out.raw("<unit id=\"p")
      out.decimal(unit.number)
      out.raw(unit.isTranslatable ? "\">\n" : "\" translate=\"no\">\n")
      glossary2(unit, cache: &glossaryCache, into: &out)
      if !unit.notes.isEmpty || unit.segments.contains(where: { !$0.notes.isEmpty }) {
        out.raw("<notes>")
        for note in unit.notes { note2(note, into: &out) }
        for segment in unit.segments {
          for note in segment.notes {
            note2(PreparedNote(category: note.category, text: "\(segment.id): \(note.text)"), into: &out)
          }
        }
        out.raw("</notes>\n")
      }
      if unitIndex == 0 { ignorable(document.leadingText, into: &out) }
      var termNumber = 0
      for segment in unit.segments {
        out.raw("<segment id=\"p")
        out.decimal(segment.paragraph)
        out.raw(".s")
        out.decimal(segment.sentence)
        out.raw("\" state=\"")
        out.raw(segment.state.rawValue)
        out.raw("\"><source>")
        annotatedSource(segment, termNumber: &termNumber, into: &out)
        out.raw("</source>")
        if let target = segment.target {
          out.raw("<target>")
          out.text(target, forbidden: .codePointElement)
          out.raw("</target>")
        }
        out.raw("</segment>\n")
        ignorable(segment.spaceAfter, into: &out)
      }
      out.raw("</unit>\n")
    }
  }

  private func ignorable(_ text: String, into out: inout XMLOutput) {
    guard !text.isEmpty else { return }
    out.raw("<ignorable><source>")
    out.text(text, forbidden: .codePointElement)
    out.raw("</source></ignorable>\n")
  }

  /// A `<note>` whose category goes in `categoryAttribute` (`category` in XLIFF 2, `from` in 1.2).
  private func note(_ note: PreparedNote, categoryAttribute: String, into out: inout XMLOutput) {
    out.raw("<note")
    out.attribute(categoryAttribute, note.category)
    out.raw(">")
    out.text(note.text, forbidden: .replacementCharacter)
    out.raw("</note>")
  }

  private func note2(_ note: PreparedNote, into out: inout XMLOutput) {
    self.note(note, categoryAttribute: "category", into: &out)
  }

  /// The segment's source with `<mrk type="term">` around each glossary match; the marker
  /// ids `t1`, `t2`… run through the unit.
  private func annotatedSource(_ segment: PreparedSegment, termNumber: inout Int, into out: inout XMLOutput) {
    guard !segment.glossaryMatches.isEmpty else {
      out.text(segment.source, forbidden: .codePointElement)
      return
    }
    var source = segment.source
    source.withUTF8 { utf8 in
      // Walk the UTF-8 bytes, counting UTF-16 units, to find each match's byte range.
      var byte = 0
      var unit = 0
      func advance(toUTF16 target: Int) {
        while unit < target && byte < utf8.count {
          let lead = utf8[byte]
          let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
          byte += width
          unit += width == 4 ? 2 : 1
        }
      }
      var written = 0
      for found in segment.glossaryMatches {
        advance(toUTF16: found.rangeInSegment.lowerBound)
        let start = byte
        advance(toUTF16: found.rangeInSegment.upperBound)
        out.text(utf8: UnsafeBufferPointer(rebasing: utf8[written..<start]), forbidden: .codePointElement)
        termNumber += 1
        out.raw("<mrk id=\"t")
        out.decimal(termNumber)
        out.raw("\" type=\"term\">")
        out.text(utf8: UnsafeBufferPointer(rebasing: utf8[start..<byte]), forbidden: .codePointElement)
        out.raw("</mrk>")
        written = byte
      }
      out.text(utf8: UnsafeBufferPointer(rebasing: utf8[written...]), forbidden: .codePointElement)
    }
  }

  /// The Glossary module: one entry per match, pointing at its `<mrk>`. An article repeats
  /// its names, so each entry's markup is built once per (entry, form) and reused.
  private func glossary2(_ unit: PreparedUnit, cache: inout GlossEntryCache, into out: inout XMLOutput) {
    guard unit.segments.contains(where: { !$0.glossaryMatches.isEmpty }) else { return }
    out.raw("<gls:glossary>\n")
    var number = 0
    for segment in unit.segments {
      for found in segment.glossaryMatches {
        number += 1
        out.raw("<gls:glossEntry ref=\"#t")
        out.decimal(number)
        out.raw("\">")
        cache.appendBody(of: found.match, to: &out)
      }
    }
    out.raw("</gls:glossary>\n")
  }

  /// The term, translations and definition of a `<gls:glossEntry>`.
  static func glossEntryBody(_ match: GlossaryMatch, into out: inout XMLOutput) {
    out.raw("<gls:term")
    out.attribute("source", "tradu:\(match.entryID)")
    out.raw(">")
    out.text(match.source, forbidden: .replacementCharacter)
    out.raw("</gls:term>")
    for target in match.targets where target.status != .forbidden {
      out.raw("<gls:translation>")
      out.text(target.term, forbidden: .replacementCharacter)
      out.raw("</gls:translation>")
    }
    var definition = "Found as \"\(match.matched)\" (\(match.kind.rawValue))."
    let admitted = match.targets.filter { $0.status == .admitted }.map(\.term)
    if !admitted.isEmpty { definition += " Admitted: \(admitted.joined(separator: ", "))." }
    let forbidden = match.targets.filter { $0.status == .forbidden }.map(\.term)
    if !forbidden.isEmpty { definition += " Do not use: \(forbidden.joined(separator: ", "))." }
    out.raw("<gls:definition>")
    out.text(definition, forbidden: .replacementCharacter)
    out.raw("</gls:definition>")
  }

  // MARK: XLIFF 1.2

  /// Everything before the first `<trans-unit>`.
  private func head12(_ document: PreparedDocument, into out: inout XMLOutput) {
    out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff")
    out.attribute("xmlns", version.namespace)
    out.attribute("version", "1.2")
    out.raw(">\n<file")
    out.attribute("original", document.name)
    out.attribute("source-language", document.sourceLanguage)
    out.attribute("target-language", document.targetLanguage)
    out.attribute("datatype", "plaintext")
    if let date = stamp.date { out.attribute("date", date) }
    out.attribute("product-name", "Tradu")
    out.attribute("product-version", stamp.toolVersion)
    out.raw(">\n<header>")
    out.raw("<tool tool-id=\"tradu\" tool-name=\"Tradu\"")
    out.attribute("tool-version", stamp.toolVersion)
    out.raw("/>")
    for (key, value) in TraduFileFacts(document: document, stamp: stamp).pairs {
      note12(PreparedNote(category: "tradu:\(key)", text: value), into: &out)
    }
    for note in document.notes { note12(note, into: &out) }
    out.raw("</header>\n<body>\n")
  }

  /// One `<trans-unit>`.
  private func unit12(_ unit: PreparedUnit, into out: inout XMLOutput) {
    out.raw("<trans-unit")
    out.attribute("id", unit.id)
    out.attribute("xml:space", "preserve")
    if !unit.isTranslatable { out.attribute("translate", "no") }
    out.raw(">")
    out.clearReplaced()
    out.raw("<source>")
    out.text(unit.source, forbidden: .replacementCharacter)
    out.raw("</source>\n<seg-source>")
    for (i, segment) in unit.segments.enumerated() {
      out.raw("<mrk mtype=\"seg\"")
      out.attribute("mid", segment.id)
      out.raw(">")
      out.text(segment.source, forbidden: .replacementCharacter)
      out.raw("</mrk>")
      if i + 1 < unit.segments.count { out.text(segment.spaceAfter, forbidden: .replacementCharacter) }
    }
    out.raw("</seg-source>\n")
    let replaced = out.replaced
    let state = unit.segments.map(\.state).min { $0.rank < $1.rank } ?? .initial
    out.raw("<target")
    out.attribute("state", state.xliff12State)
    out.raw(">")
    for (i, segment) in unit.segments.enumerated() {
      out.raw("<mrk mtype=\"seg\"")
      out.attribute("mid", segment.id)
      out.raw(">")
      if let target = segment.target { out.text(target, forbidden: .replacementCharacter) }
      out.raw("</mrk>")
      if i + 1 < unit.segments.count { out.text(segment.spaceAfter, forbidden: .replacementCharacter) }
    }
    out.raw("</target>\n")
    var notes = unit.notes + unit.segments.flatMap { s in
      s.notes.map { PreparedNote(category: $0.category, text: "\(s.id): \($0.text)") }
    }
    if !replaced.isEmpty { notes.append(replacementNote(replaced)) }
    for note in notes { note12(note, into: &out) }
    let terms = unit.segments.flatMap(\.glossaryMatches)
    if !terms.isEmpty {
      note12(PreparedNote(category: "glossary", text: Self.glossaryNote(terms)), into: &out)
    }
    out.raw("</trans-unit>\n")
  }

  private func note12(_ note: PreparedNote, into out: inout XMLOutput) {
    self.note(note, categoryAttribute: "from", into: &out)
  }

  /// The glossary terms of a unit as one line for a 1.2 note: `Kremlinului → Kremlin; …`.
  static func glossaryNote(_ terms: [SegmentGlossaryMatch]) -> String {
    var seen: Set<String> = []
    var parts: [String] = []
    for found in terms {
      let m = found.match
      let preferred = m.targets.filter { $0.status != .forbidden }.map(\.term)
      let forbidden = m.targets.filter { $0.status == .forbidden }.map(\.term)
      var part = "\(m.matched) → \(preferred.isEmpty ? m.source : preferred.joined(separator: " / "))"
      if !forbidden.isEmpty { part += " (not \(forbidden.joined(separator: ", ")))" }
      if seen.insert(part).inserted { parts.append(part) }
    }
    return "Glossary: " + parts.joined(separator: "; ")
  }
}

/// The markup of the `<gls:glossEntry>` bodies written so far (term, translations,
/// definition and the closing tag), by entry, matched form and kind: an article repeats its
/// names, so each body is built once and copied.
///
/// A hash table with two places per key (a key is looked for in both, so two keys that
/// share one place do not keep evicting each other); a full table only costs building a
/// body again. Keys are compared by their UTF-8 bytes, the bytes the markup is made of.
struct GlossEntryCache {
  private struct Slot {
    var hash: UInt64
    var entryID: String
    var matched: String
    var kind: GlossaryMatchKind
    var body: [UInt8]
  }

  private let slotCount: Int
  private var slots: [Slot?]

  init(slotCount: Int = 1024) {
    self.slotCount = max(slotCount, 1)
    slots = [Slot?](repeating: nil, count: self.slotCount)
  }

  /// Appends the body for `match` (built now, or copied from an earlier one).
  mutating func appendBody(of match: GlossaryMatch, to out: inout XMLOutput) {
    var entryID = match.entryID
    var matched = match.matched
    let hash = entryID.withUTF8 { id in matched.withUTF8 { form in Self.hash(id, form) } }
    let places = (Int(truncatingIfNeeded: hash % UInt64(slotCount)),
                  Int(truncatingIfNeeded: (hash >> 32) % UInt64(slotCount)))
    if holds(places.0, match, hash, out: &out) || holds(places.1, match, hash, out: &out) { return }
    var body = XMLOutput()
    XLIFFWriter.glossEntryBody(match, into: &body)
    body.raw("</gls:glossEntry>\n")
    out.raw(body.bytes)
    let place = slots[places.0] == nil ? places.0 : slots[places.1] == nil ? places.1 : places.0
    slots[place] = Slot(hash: hash, entryID: match.entryID, matched: match.matched, kind: match.kind, body: body.bytes)
  }

  /// Whether slot `place` holds the body for `match` (whose hash is `hash`); if so, appends it.
  private func holds(_ place: Int, _ match: GlossaryMatch, _ hash: UInt64, out: inout XMLOutput) -> Bool {
    guard let cached = slots[place], cached.hash == hash, cached.kind == match.kind,
          Self.sameBytes(cached.entryID, match.entryID), Self.sameBytes(cached.matched, match.matched)
    else { return false }
    out.raw(cached.body)
    return true
  }

  /// FNV-1a over both byte strings (the kind, seldom the only difference, is left out),
  /// then mixed so that its high and low halves both spread.
  private static func hash(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in a { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
    h = (h ^ 0xFF) &* 0x100_0000_01b3
    for byte in b { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
    h ^= h >> 29
    h = h &* 0xBF58_476D_1CE4_E5B9
    return h ^ (h >> 32)
  }

  private static func sameBytes(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        var i = 0
        while i < x.count && x[i] == y[i] { i += 1 }
        return i == x.count
      }
    }
  }
}

extension SegmentState {
  /// Order of progress: initial < translated < reviewed < final.
  var rank: Int {
    switch self {
    case .initial: return 0
    case .translated: return 1
    case .reviewed: return 2
    case .final: return 3
    }
  }

  /// The XLIFF 1.2 `state` of a target in this state.
  var xliff12State: String {
    switch self {
    case .initial: return "needs-translation"
    case .translated: return "translated"
    case .reviewed: return "signed-off"
    case .final: return "final"
    }
  }

  /// The state for an XLIFF 1.2 `state` value (unknown values count as not yet translated).
  init(xliff12State value: String?) {
    switch value {
    case "translated", "needs-review-translation", "needs-review-adaptation", "needs-review-l10n":
      self = .translated
    case "signed-off": self = .reviewed
    case "final": self = .final
    default: self = .initial
    }
  }
}

/// The facts about a prepared file that `merge` needs, written as XLIFF 2 metadata or
/// XLIFF 1.2 header notes (``XLIFFFile/metadata`` when read back).
public struct TraduFileFacts {
  let pairs: [(String, String)]

  init(document: PreparedDocument, stamp: ExportStamp) {
    var pairs: [(String, String)] = [
      ("fingerprint", document.fingerprint),
      ("normalized", document.isNormalized ? "yes" : "no"),
      ("normalization", document.normalization.map { Self.ruleList($0) } ?? "none"),
      ("byteOrderMark", document.hadByteOrderMark ? "yes" : "no"),
      ("units", String(document.units.count)),
      ("toolVersion", stamp.toolVersion),
    ]
    if let exempt = document.normalization?.cedillaExemptWords, !exempt.isEmpty {
      pairs.append(("cedillaExempt", exempt.sorted().joined(separator: ",")))
    }
    if let date = stamp.date { pairs.append(("date", date)) }
    self.pairs = pairs
  }

  /// The rules of `options`, comma-separated in a fixed order.
  static func ruleList(_ options: NormalizationOptions) -> String {
    options.rules.isEmpty ? "none" : options.rules.sorted().map(\.rawValue).joined(separator: ",")
  }

  /// The normalization a file's facts describe: nil when it was not normalized.
  public static func normalization(from facts: [String: String]) -> NormalizationOptions? {
    guard facts["normalized"] != "no" else { return nil }
    let exempt = Set((facts["cedillaExempt"] ?? "").split(separator: ",").map(String.init))
    guard let list = facts["normalization"] else { return NormalizationOptions(cedillaExemptWords: exempt) }
    let rules = Set(list.split(separator: ",").compactMap { NormalizationRule(rawValue: String($0)) })
    return NormalizationOptions(rules: rules, cedillaExemptWords: exempt)
  }
}
