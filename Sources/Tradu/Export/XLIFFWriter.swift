import Foundation
import Synchronization

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

/// What an untranslated XLIFF 1.2 target segment holds.
public enum XLIFF12Targets: String, CaseIterable, Sendable {
  /// A copy of its source, as Okapi and OmegaT expect: OmegaT translates only `<target>` and
  /// finds no segment in empty ones. The state stays `needs-translation`.
  case source
  /// Nothing: `<mrk mtype="seg" mid="…"></mrk>`.
  case empty
}

/// Renders a ``PreparedDocument`` as XLIFF 2.0/2.1/2.2 or XLIFF 1.2 (strict schema).
///
/// XLIFF 2: one `<file>`, one `<unit>` per paragraph, one `<segment state="initial">` per
/// sentence; the text between segments in `<ignorable>` (so `merge` needs nothing else);
/// glossary matches as `<mrk type="term">` plus the Glossary module; the fingerprint and other
/// facts for `merge` in the Metadata module (category `tradu`).
///
/// XLIFF 1.2: one `<trans-unit>` per paragraph with `<source>`, `<seg-source>` holding one
/// `<mrk mtype="seg">` per sentence, and a `<target state="needs-translation">` of the same
/// shape whose segments hold their source until translated (``XLIFF12Targets``); the
/// fingerprint in a header note. Characters XML 1.0 forbids become U+FFFD there, with a note.
public struct XLIFFWriter: Sendable {
  public var version: XLIFFVersion
  public var stamp: ExportStamp
  /// What an XLIFF 1.2 target segment without translation holds (XLIFF 2 leaves it out).
  public var xliff12Targets = XLIFF12Targets.source
  /// From this many units on, the two halves are rendered side by side.
  var minimumUnitsToSplit = 256
  /// Whether XLIFF 2 is measured first and then written into memory of the exact size (false:
  /// written once into a growing array, the plain way the tests compare against).
  var sizesExactly = true
  /// How many units ``renderUTF8(_:inBlocksTo:)`` renders at a time.
  var unitsPerBlock = 2048
  /// The `<gls:glossEntry>` bodies this writer shares with other renderings (the articles of a
  /// batch repeat their terms), or nil to build each document's bodies for it alone. The
  /// bytes are the same either way.
  public var glossEntryCache: GlossEntryCache? = nil

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
    if version == .v1_2 {
      return renderInHalves(count: document.units.count, minimumToSplit: minimumUnitsToSplit, rendering12(document))
    }
    var head = XMLOutput(capacity: 4096)
    head2(document, into: &head)
    guard sizesExactly else {
      var out = XMLOutput(continuing: head.bytes, capacity: 0)
      var entries = FreshGlossEntries()
      units2(document, 0..<document.units.count, entries: &entries, into: &out)
      out.append("</file>\n</xliff>\n")
      return out.bytes
    }
    return renderExactly(count: document.units.count, minimumToSplit: minimumUnitsToSplit, head: head.bytes,
                         tail: "</file>\n</xliff>\n") { range in
      var counter = ByteCounter()
      var entries = GlossEntryBodies(cache: glossEntryCache)
      units2(document, range, entries: &entries, into: &counter)
      return (counter.count, entries)
    } write: { range, entries, writer in
      entries.replay { replay in units2(document, range, entries: &replay, into: &writer) }
    }
  }

  /// ``renderUTF8(_:)``'s bytes handed to `emit` in order, a block of units at a time (two
  /// blocks rendered side by side), so that a long document never has its whole output in
  /// memory: how the command line writes its files.
  public func renderUTF8(_ document: PreparedDocument, inBlocksTo emit: ([UInt8]) throws -> Void) rethrows {
    let rendering = version == .v1_2 ? rendering12(document) : rendering2(document)
    try renderInBlocks(count: document.units.count, blockSize: unitsPerBlock, rendering, emit: emit)
  }

  /// XLIFF 1.2's head, end and `<trans-unit>`s.
  private func rendering12(_ document: PreparedDocument) -> ItemRendering {
    var head = XMLOutput(capacity: 4096)
    head12(document, into: &head)
    return ItemRendering(head: head.bytes, tail: "</body>\n</file>\n</xliff>\n") { range, start, reserve in
      var out = XMLOutput(continuing: start, capacity: start.count + Self.estimatedSize(of: document.units[reserve]))
      var notes = GlossaryNoteParts()
      for unit in document.units[range] { unit12(unit, glossaryNotes: &notes, into: &out) }
      return out.bytes
    }
  }

  /// XLIFF 2's head, end and `<unit>`s, each distinct glossary entry body built once a block.
  private func rendering2(_ document: PreparedDocument) -> ItemRendering {
    var head = XMLOutput(capacity: 4096)
    head2(document, into: &head)
    return ItemRendering(head: head.bytes, tail: "</file>\n</xliff>\n") { range, start, reserve in
      var out = GrowingWriter(capacity: start.count + Self.estimatedSize(of: document.units[reserve]))
      start.withUnsafeBufferPointer { out.append($0) }
      var entries = GlossEntryBodies(recordsOrder: false, cache: glossEntryCache)
      units2(document, range, entries: &entries, into: &out)
      return out.finish()
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
  ///
  /// Units, segments and matches are read in place (through their arrays' storage), not
  /// copied: a copy would retain and release every string they hold.
  private func units2<Sink: ByteSink, Entries: GlossEntrySource>(
    _ document: PreparedDocument, _ range: Range<Int>, entries: inout Entries, into out: inout Sink
  ) {
    document.units.withUnsafeBufferPointer { units in
      for unitIndex in range {
        let unit = units.baseAddress! + unitIndex
        // Ids and states are digits and letters: written as they are, without escaping.
        out.append("<unit id=\"p")
        out.appendDecimal(unit.pointee.number)
        out.append(unit.pointee.isTranslatable ? "\">\n" : "\" translate=\"no\">\n")
        unit.pointee.segments.withUnsafeBufferPointer { segments in
          candidates2(segments, into: &out)
          glossary2(segments, entries: &entries, into: &out)
          if !unit.pointee.notes.isEmpty || segments.indices.contains(where: { !segments[$0].notes.isEmpty }) {
            out.append("<notes>")
            for note in unit.pointee.notes { note2(note, into: &out) }
            for segment in segments {
              for note in segment.notes {
                note2(PreparedNote(category: note.category, text: "\(segment.id): \(note.text)"), into: &out)
              }
            }
            out.append("</notes>\n")
          }
          if segments.contains(where: { !$0.codes.isEmpty }) { originalData(segments, into: &out) }
          if unitIndex == 0 { ignorable(document.leadingText, into: &out) }
          var termNumber = 0
          for segmentIndex in segments.indices {
            let segment = segments.baseAddress! + segmentIndex
            out.append("<segment id=\"p")
            out.appendDecimal(segment.pointee.paragraph)
            out.append(".s")
            out.appendDecimal(segment.pointee.sentence)
            out.append("\" state=\"")
            out.append(segment.pointee.state.markup)
            out.append("\"><source>")
            if segment.pointee.codes.isEmpty {
              annotatedSource(segment, termNumber: &termNumber, entries: &entries, into: &out)
            } else {
              codedSource2(segment.pointee, termNumber: &termNumber, into: &out)
            }
            out.append("</source>")
            if let target = segment.pointee.target {
              out.append("<target>")
              out.appendText(target, forbidden: .codePointElement)
              out.append("</target>")
            }
            out.append("</segment>\n")
            ignorable(segment.pointee.spaceAfter, into: &out)
          }
        }
        out.append("</unit>\n")
      }
    }
  }

  /// The `<originalData>` of a unit with inline codes: each code's markup as in the original.
  private func originalData<Sink: ByteSink>(_ segments: UnsafeBufferPointer<PreparedSegment>, into out: inout Sink) {
    var xml = XMLOutput(capacity: 256)
    xml.raw("<originalData>")
    for segment in segments {
      for code in segment.codes {
        xml.raw("<data")
        xml.attribute("id", code.dataID)
        xml.raw(">")
        xml.text(code.original, forbidden: .codePointElement)
        xml.raw("</data>")
      }
    }
    xml.raw("</originalData>\n")
    xml.bytes.withUnsafeBufferPointer { out.append($0) }
  }

  /// A source with inline codes: `<pc>` for pairs, `<ph>` for the others, glossary matches as
  /// `<mrk type="term">` nested with them.
  private func codedSource2<Sink: ByteSink>(_ segment: PreparedSegment, termNumber: inout Int, into out: inout Sink) {
    var xml = XMLOutput(capacity: segment.source.utf8.count * 2)
    let events = codedEvents(segment.source, codes: segment.codes, marks: segment.glossaryMatches.map(\.rangeInSegment))
    let firstTerm = termNumber
    for event in events {
      switch event {
      case .text(let text):
        xml.text(text, forbidden: .codePointElement)
      case .markStart(let m):
        xml.raw("<mrk id=\"t\(firstTerm + m + 1)\" type=\"term\">")
      case .markEnd:
        xml.raw("</mrk>")
      case .code(let c):
        let code = segment.codes[c]
        switch code.kind {
        case .opening:
          xml.raw("<pc id=\"\(code.id)\" dataRefStart=\"\(code.dataID)\" dataRefEnd=\"d\(code.id)e\">")
        case .closing:
          xml.raw("</pc>")
        case .standalone:
          xml.raw("<ph id=\"\(code.id)\" dataRef=\"\(code.dataID)\"/>")
        }
      }
    }
    termNumber += segment.glossaryMatches.count
    xml.bytes.withUnsafeBufferPointer { out.append($0) }
  }

  private func ignorable<Sink: ByteSink>(_ text: String, into out: inout Sink) {
    guard !text.isEmpty else { return }
    out.append("<ignorable><source>")
    out.appendText(text, forbidden: .codePointElement)
    out.append("</source></ignorable>\n")
  }

  /// A `<note>` whose category goes in `categoryAttribute` (`category` in XLIFF 2, `from` in 1.2).
  private func note<Sink: ByteSink>(_ note: PreparedNote, categoryAttribute: StaticString, into out: inout Sink) {
    out.append("<note")
    out.appendAttribute(categoryAttribute, note.category)
    out.append(">")
    out.appendText(note.text, forbidden: .replacementCharacter)
    out.append("</note>")
  }

  private func note2<Sink: ByteSink>(_ note: PreparedNote, into out: inout Sink) {
    self.note(note, categoryAttribute: "category", into: &out)
  }

  /// The segment's source with `<mrk type="term">` around each glossary match; the marker
  /// ids `t1`, `t2`… run through the unit.
  private func annotatedSource<Sink: ByteSink, Entries: GlossEntrySource>(
    _ segment: UnsafePointer<PreparedSegment>, termNumber: inout Int, entries: inout Entries, into out: inout Sink
  ) {
    withUTF8Bytes(of: segment.pointee.source) { utf8 in
      segment.pointee.glossaryMatches.withUnsafeBufferPointer { matches in
        guard !matches.isEmpty else {
          out.appendEscaped(utf8, inAttribute: false, policy: .codePointElement)
          return
        }
        var finder = UTF16OffsetFinder(utf8)
        var written = 0
        for index in matches.indices {
          let term = entries.termBytes(matches, index, after: written, finder: &finder)
          // The markers cut the source at scalar boundaries, so the escaped pieces are as long
          // as the escaped whole: a counter counts the whole once, below.
          if !Sink.countsOnly {
            out.appendEscaped(UnsafeBufferPointer(rebasing: utf8[written..<term.lowerBound]), inAttribute: false, policy: .codePointElement)
          }
          termNumber += 1
          out.append("<mrk id=\"t")
          out.appendDecimal(termNumber)
          out.append("\" type=\"term\">")
          if !Sink.countsOnly {
            out.appendEscaped(UnsafeBufferPointer(rebasing: utf8[term]), inAttribute: false, policy: .codePointElement)
          }
          out.append("</mrk>")
          written = term.upperBound
        }
        let rest = Sink.countsOnly ? utf8 : UnsafeBufferPointer(rebasing: utf8[written...])
        out.appendEscaped(rest, inAttribute: false, policy: .codePointElement)
      }
    }
  }

  /// The Translation Candidates module: the segments' memory matches, each pointing at its
  /// segment.
  private func candidates2<Sink: ByteSink>(_ segments: UnsafeBufferPointer<PreparedSegment>, into out: inout Sink) {
    guard segments.contains(where: { !$0.candidates.isEmpty }) else { return }
    out.append("<mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\">\n")
    for segment in segments {
      for candidate in segment.candidates {
        out.append("<mtc:match ref=\"#")
        out.append(segment.id)
        out.append("\" type=\"")
        out.append(candidate.inContext ? "icm" : "tm")
        out.append("\" similarity=\"")
        out.appendDecimal(candidate.similarity)
        out.append("\" matchSuitability=\"")
        out.appendDecimal(min(100, max(0, candidate.score)))
        out.append("\"")
        out.appendAttribute("origin", candidate.origin)
        out.append(">")
        if let note = candidate.note {
          out.append("<mda:metadata><mda:metaGroup category=\"tradu\"><mda:meta type=\"note\">")
          out.appendText(note, forbidden: .codePointElement)
          out.append("</mda:meta></mda:metaGroup></mda:metadata>")
        }
        out.append("<source>")
        out.appendText(candidate.source, forbidden: .codePointElement)
        out.append("</source><target>")
        out.appendText(candidate.target, forbidden: .codePointElement)
        out.append("</target></mtc:match>\n")
      }
    }
    out.append("</mtc:matches>\n")
  }

  /// The Glossary module: one entry per match, pointing at its `<mrk>`.
  private func glossary2<Sink: ByteSink, Entries: GlossEntrySource>(
    _ segments: UnsafeBufferPointer<PreparedSegment>, entries: inout Entries, into out: inout Sink
  ) {
    var number = 0
    for segmentIndex in segments.indices {
      segments[segmentIndex].glossaryMatches.withUnsafeBufferPointer { matches in
        for index in matches.indices {
          if number == 0 { out.append("<gls:glossary>\n") }
          number += 1
          out.append("<gls:glossEntry ref=\"#t")
          out.appendDecimal(number)
          out.append("\">")
          entries.appendBody(of: matches.baseAddress! + index, into: &out)
        }
      }
    }
    if number > 0 { out.append("</gls:glossary>\n") }
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
  private func unit12(_ unit: PreparedUnit, glossaryNotes: inout GlossaryNoteParts, into out: inout XMLOutput) {
    out.raw("<trans-unit")
    out.attribute("id", unit.id)
    out.attribute("xml:space", "preserve")
    if !unit.isTranslatable { out.attribute("translate", "no") }
    out.raw(">")
    out.clearReplaced()
    out.raw("<source>")
    if unit.segments.contains(where: { !$0.codes.isEmpty }) {
      for (i, segment) in unit.segments.enumerated() {
        codedText12(segment, into: &out)
        if i + 1 < unit.segments.count { out.text(segment.spaceAfter, forbidden: .replacementCharacter) }
      }
    } else {
      out.text(unit.source, forbidden: .replacementCharacter)
    }
    out.raw("</source>\n<seg-source>")
    for (i, segment) in unit.segments.enumerated() {
      out.raw("<mrk mtype=\"seg\"")
      out.attribute("mid", segment.id)
      out.raw(">")
      codedText12(segment, into: &out)
      out.raw("</mrk>")
      if i + 1 < unit.segments.count { out.text(segment.spaceAfter, forbidden: .replacementCharacter) }
    }
    out.raw("</seg-source>\n")
    let replaced = out.replaced
    let state = unit.segments.map(\.state).min { $0.rank < $1.rank } ?? .initial
    out.raw("<target")
    // A unit with translations that are not yet accepted (an aligned translation to check)
    // needs review rather than translation.
    let hasTargets = unit.segments.contains { $0.target != nil }
    out.attribute("state", state == .initial && hasTargets ? "needs-review-translation" : state.xliff12State)
    out.raw(">")
    for (i, segment) in unit.segments.enumerated() {
      out.raw("<mrk mtype=\"seg\"")
      out.attribute("mid", segment.id)
      out.raw(">")
      if let target = segment.target {
        out.text(target, forbidden: .replacementCharacter)
      } else if xliff12Targets == .source {
        codedText12(segment, into: &out)  // the source, inline codes included
      }
      out.raw("</mrk>")
      if i + 1 < unit.segments.count { out.text(segment.spaceAfter, forbidden: .replacementCharacter) }
    }
    out.raw("</target>\n")
    var notes = unit.notes + unit.segments.flatMap { s in
      s.notes.map { PreparedNote(category: $0.category, text: "\(s.id): \($0.text)") }
    }
    if !replaced.isEmpty { notes.append(replacementNote(replaced)) }
    for note in notes { note12(note, into: &out) }
    if let glossary = glossaryNotes.note(for: unit.segments) {
      note12(PreparedNote(category: "glossary", text: glossary), into: &out)
    }
    for segment in unit.segments {
      for candidate in segment.candidates { altTrans12(candidate, of: segment, into: &out) }
    }
    out.raw("</trans-unit>\n")
  }

  /// A memory match as `<alt-trans>` for the segment's `<mrk mid>`.
  private func altTrans12(_ candidate: TranslationCandidate, of segment: PreparedSegment, into out: inout XMLOutput) {
    out.raw("<alt-trans")
    out.attribute("mid", segment.id)
    out.attribute("match-quality", String(candidate.score))
    out.attribute("origin", candidate.origin)
    out.raw("><source>")
    out.text(candidate.source, forbidden: .replacementCharacter)
    out.raw("</source><target>")
    out.text(candidate.target, forbidden: .replacementCharacter)
    out.raw("</target>")
    if let note = candidate.note { note12(PreparedNote(category: "tradu", text: note), into: &out) }
    out.raw("</alt-trans>\n")
  }

  /// A segment's source with its inline codes as 1.2 `<g>` (pairs) and `<x/>` (the others).
  private func codedText12(_ segment: PreparedSegment, into out: inout XMLOutput) {
    guard !segment.codes.isEmpty else {
      out.text(segment.source, forbidden: .replacementCharacter)
      return
    }
    for event in codedEvents(segment.source, codes: segment.codes, marks: []) {
      switch event {
      case .text(let text): out.text(text, forbidden: .replacementCharacter)
      case .code(let c):
        let code = segment.codes[c]
        switch code.kind {
        case .opening: out.raw("<g id=\"\(code.id)\">")
        case .closing: out.raw("</g>")
        case .standalone: out.raw("<x id=\"\(code.id)\"/>")
        }
      case .markStart, .markEnd: break
      }
    }
  }

  private func note12<Sink: ByteSink>(_ note: PreparedNote, into out: inout Sink) {
    self.note(note, categoryAttribute: "from", into: &out)
  }

  /// The glossary terms of a unit as one line for a 1.2 note: `Kremlinului → Kremlin; …`.
  static func glossaryNote(_ terms: [SegmentGlossaryMatch]) -> String {
    var seen: Set<String> = []
    var parts: [String] = []
    for found in terms {
      let part = glossaryNotePart(found.match)
      if seen.insert(part).inserted { parts.append(part) }
    }
    return "Glossary: " + parts.joined(separator: "; ")
  }

  /// One match's part of a glossary note: `Kremlinului → Kremlin`, with `(not …)` for the
  /// forbidden targets.
  static func glossaryNotePart(_ m: GlossaryMatch) -> String {
    let preferred = m.targets.filter { $0.status != .forbidden }.map(\.term)
    let forbidden = m.targets.filter { $0.status == .forbidden }.map(\.term)
    var part = "\(m.matched) → \(preferred.isEmpty ? m.source : preferred.joined(separator: " / "))"
    if !forbidden.isEmpty { part += " (not \(forbidden.joined(separator: ", ")))" }
    return part
  }
}

/// The parts of the XLIFF 1.2 glossary notes, each built once per distinct match (an article
/// repeats its names): ``note(for:)`` gives what ``XLIFFWriter/glossaryNote(_:)`` gives.
struct GlossaryNoteParts {
  /// Numbers the distinct matches.
  private var matches = GlossEntryBodies()
  /// For each match number, the number of its part.
  private var partOfMatch: [Int] = []
  private var partNumbers: [String: Int] = [:]
  private var parts: [String] = []

  /// The note for the matches of `segments`, nil when they have none.
  mutating func note(for segments: [PreparedSegment]) -> String? {
    var order: [Int] = []
    var seen: Set<Int> = []
    for index in segments.indices {
      segments[index].glossaryMatches.withUnsafeBufferPointer { found in
        for k in found.indices {
          let number = matches.intern(found.baseAddress! + k)
          if number == partOfMatch.count {
            let part = XLIFFWriter.glossaryNotePart(found[k].match)
            if let known = partNumbers[part] {
              partOfMatch.append(known)
            } else {
              partNumbers[part] = parts.count
              partOfMatch.append(parts.count)
              parts.append(part)
            }
          }
          let part = partOfMatch[number]
          if seen.insert(part).inserted { order.append(part) }
        }
      }
    }
    guard !order.isEmpty else { return nil }
    return "Glossary: " + order.map { parts[$0] }.joined(separator: "; ")
  }

}

/// Where the bodies of `<gls:glossEntry>` elements (term, translations, definition and the
/// closing tag) and the places of the `<mrk>`s come from while a unit is rendered.
protocol GlossEntrySource {
  /// Appends the body for `found` (read in place).
  mutating func appendBody<Sink: ByteSink>(of found: UnsafePointer<SegmentGlossaryMatch>, into out: inout Sink)
  /// The UTF-8 range of `matches[index]` in the segment's source that `finder` walks; not
  /// before `written`, where the previous one ended.
  mutating func termBytes(_ matches: UnsafeBufferPointer<SegmentGlossaryMatch>, _ index: Int, after written: Int,
                          finder: inout UTF16OffsetFinder) -> Range<Int>
}

extension GlossEntrySource {
  @inline(__always) func findTermBytes(_ matches: UnsafeBufferPointer<SegmentGlossaryMatch>, _ index: Int,
                                       after written: Int, finder: inout UTF16OffsetFinder) -> Range<Int> {
    let range = matches[index].rangeInSegment
    let start = max(finder.byteOffset(ofUTF16: range.lowerBound), written)
    return start..<max(finder.byteOffset(ofUTF16: range.upperBound), start)
  }

  mutating func termBytes(_ matches: UnsafeBufferPointer<SegmentGlossaryMatch>, _ index: Int, after written: Int,
                          finder: inout UTF16OffsetFinder) -> Range<Int> {
    findTermBytes(matches, index, after: written, finder: &finder)
  }
}

/// `<gls:glossEntry>` bodies shared by the renderings of many documents on any thread: a
/// batch's articles name the same people and places, so each body is built once per process
/// instead of once per article (building one costs thousands of instructions; copying it, a
/// few hundred). At most ``capacity`` bodies are kept; past that, new ones are built each time.
public final class GlossEntryCache: Sendable {
  /// The bodies, each built once.
  private let bodies = Mutex(GlossEntryBodies(recordsOrder: false))
  /// How many distinct bodies are kept at most.
  let capacity: Int

  public init() {
    capacity = 1 << 16
  }

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// How many distinct bodies are kept.
  var count: Int { bodies.withLock { $0.count } }

  /// Appends the body for `found` (whose entry id and matched form hash to `hash`, as
  /// ``GlossEntryBodies/hash(_:_:)`` gives it) to `bytes`, building and keeping it when new.
  func appendBody(of found: UnsafePointer<SegmentGlossaryMatch>, hash: UInt64, to bytes: inout [UInt8]) {
    bodies.withLock { bodies in
      if bodies.count < capacity {
        let number = bodies.intern(found, hash: hash)  // before `bodies` is read for the copy
        bodies.appendBytes(ofBody: number, to: &bytes)
      } else {
        GlossEntryBodies.appendBody(of: found.pointee.match, to: &bytes)
      }
    }
  }
}

/// Builds every body afresh: the plain way.
struct FreshGlossEntries: GlossEntrySource {
  mutating func appendBody<Sink: ByteSink>(of found: UnsafePointer<SegmentGlossaryMatch>, into out: inout Sink) {
    var body = XMLOutput()
    XLIFFWriter.glossEntryBody(found.pointee.match, into: &body)
    body.raw("</gls:glossEntry>\n")
    body.bytes.withUnsafeBufferPointer { out.append($0) }
  }
}

/// The `<gls:glossEntry>` bodies of a part of a document, each distinct one built once (an
/// article repeats its names), and which body each match got, in order.
///
/// The measuring pass interns each match's body here, and notes where its marker goes in the
/// segment's UTF-8; the writing pass then replays both in the same order (see ``replay(_:)``),
/// copying bytes without looking at the matches again.
/// Matches share a body when their entry id, source term, matched form, kind and targets are
/// the same; the table finds candidates by a hash of the id and the form.
struct GlossEntryBodies: GlossEntrySource {
  /// The bodies, one after the other.
  private var bytes: [UInt8] = []
  /// Where body `i` starts in `bytes`; it ends where body `i + 1` starts.
  private var starts: [Int] = [0]
  /// The match each body was built for.
  private var keys: [GlossaryMatch] = []
  private var hashes: [UInt64] = []
  /// Body number + 1 in each place (0: empty); the count is a power of two.
  private var table = [Int32](repeating: 0, count: 64)
  /// The body of each match met, in order.
  private(set) var order: [Int32] = []
  /// The UTF-8 start and end of each match's marker in its segment, in order.
  private var termOffsets: [Int32] = []
  /// Whether ``order`` and the markers' offsets are kept, for ``replay(_:)``.
  private let recordsOrder: Bool
  /// Where a body new here is taken from (and kept for other documents), if anywhere.
  private let cache: GlossEntryCache?

  /// Bodies for `replay(_:)` when `recordsOrder`, else only built once each; a body new here
  /// is copied from `cache` (built there when new there too).
  init(recordsOrder: Bool = true, cache: GlossEntryCache? = nil) {
    self.recordsOrder = recordsOrder
    self.cache = cache
  }

  /// How many distinct bodies there are.
  var count: Int { keys.count }

  mutating func appendBody<Sink: ByteSink>(of found: UnsafePointer<SegmentGlossaryMatch>, into out: inout Sink) {
    let number = intern(found)
    if recordsOrder { order.append(Int32(number)) }
    bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[starts[number]..<starts[number + 1]])) }
  }

  mutating func termBytes(_ matches: UnsafeBufferPointer<SegmentGlossaryMatch>, _ index: Int, after written: Int,
                          finder: inout UTF16OffsetFinder) -> Range<Int> {
    let term = findTermBytes(matches, index, after: written, finder: &finder)
    if recordsOrder {
      termOffsets.append(Int32(truncatingIfNeeded: term.lowerBound))
      termOffsets.append(Int32(truncatingIfNeeded: term.upperBound))
    }
    return term
  }

  /// The number of the body for `found`, built now if it is new.
  mutating func intern(_ found: UnsafePointer<SegmentGlossaryMatch>) -> Int {
    let hash = withUTF8Bytes(of: found.pointee.match.entryID) { id in
      withUTF8Bytes(of: found.pointee.match.matched) { form in Self.hash(id, form) }
    }
    return intern(found, hash: hash)
  }

  /// ``intern(_:)`` with the hash of `found`'s entry id and matched form computed.
  mutating func intern(_ found: UnsafePointer<SegmentGlossaryMatch>, hash: UInt64) -> Int {
    let mask = table.count - 1
    var place = Int(truncatingIfNeeded: hash) & mask
    while table[place] != 0 {
      let number = Int(table[place]) - 1
      if hashes[number] == hash && keys.withUnsafeBufferPointer({ Self.sameBody($0.baseAddress! + number, found) }) {
        return number
      }
      place = (place + 1) & mask
    }
    let number = keys.count
    let match = found.pointee.match
    if let cache {
      cache.appendBody(of: found, hash: hash, to: &bytes)
    } else {
      Self.appendBody(of: match, to: &bytes)
    }
    starts.append(bytes.count)
    keys.append(match)
    hashes.append(hash)
    table[place] = Int32(number + 1)
    if keys.count * 2 > table.count { grow() }
    return number
  }

  /// Appends the body of `match` to `bytes`, built now.
  static func appendBody(of match: GlossaryMatch, to bytes: inout [UInt8]) {
    var body = XMLOutput()
    XLIFFWriter.glossEntryBody(match, into: &body)
    body.raw("</gls:glossEntry>\n")
    bytes.append(contentsOf: body.bytes)
  }

  /// Appends the bytes of body `number` to `out`.
  func appendBytes(ofBody number: Int, to out: inout [UInt8]) {
    bytes.withUnsafeBufferPointer { out.append(contentsOf: $0[starts[number]..<starts[number + 1]]) }
  }

  /// Doubles the table and places every body again.
  private mutating func grow() {
    table = [Int32](repeating: 0, count: table.count * 2)
    let mask = table.count - 1
    for (number, hash) in hashes.enumerated() {
      var place = Int(truncatingIfNeeded: hash) & mask
      while table[place] != 0 { place = (place + 1) & mask }
      table[place] = Int32(number + 1)
    }
  }

  /// Gives `body` a source that appends the bodies in the order they were interned.
  func replay<R>(_ body: (inout Replay) -> R) -> R {
    bytes.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        order.withUnsafeBufferPointer { order in
          termOffsets.withUnsafeBufferPointer { termOffsets in
            var replay = Replay(bytes: bytes, starts: starts, order: order, termOffsets: termOffsets)
            return body(&replay)
          }
        }
      }
    }
  }

  /// Appends the interned bodies again, in order; the matches given are not looked at.
  struct Replay: GlossEntrySource {
    let bytes: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let order: UnsafeBufferPointer<Int32>
    let termOffsets: UnsafeBufferPointer<Int32>
    private var next = 0
    private var nextTerm = 0

    init(bytes: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>, order: UnsafeBufferPointer<Int32>,
         termOffsets: UnsafeBufferPointer<Int32>) {
      self.bytes = bytes
      self.starts = starts
      self.order = order
      self.termOffsets = termOffsets
    }

    /// The range recorded for this match; the match is not looked at.
    @inline(__always) mutating func termBytes(_ matches: UnsafeBufferPointer<SegmentGlossaryMatch>, _ index: Int,
                                              after written: Int, finder: inout UTF16OffsetFinder) -> Range<Int> {
      let term = Int(termOffsets[nextTerm])..<Int(termOffsets[nextTerm + 1])
      nextTerm += 2
      return term
    }

    @inline(__always) mutating func appendBody<Sink: ByteSink>(of found: UnsafePointer<SegmentGlossaryMatch>, into out: inout Sink) {
      let number = Int(order[next])
      next += 1
      out.append(UnsafeBufferPointer(rebasing: bytes[starts[number]..<starts[number + 1]]))
    }
  }

  /// Whether `a` and `found` give the same body (their ranges may differ).
  private static func sameBody(_ a: UnsafePointer<GlossaryMatch>, _ found: UnsafePointer<SegmentGlossaryMatch>) -> Bool {
    a.pointee.kind == found.pointee.match.kind && sameBytes(a.pointee.entryID, found.pointee.match.entryID)
      && sameBytes(a.pointee.matched, found.pointee.match.matched)
      && a.pointee.source == found.pointee.match.source && a.pointee.targets == found.pointee.match.targets
  }

  private static func sameBytes(_ a: String, _ b: String) -> Bool {
    withUTF8Bytes(of: a) { x in
      withUTF8Bytes(of: b) { y in
        x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
      }
    }
  }

  /// A hash of two byte strings, eight bytes at a time, mixed so that its low bits spread.
  static func hash(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(a.count &+ 1)
    @inline(__always) func mix(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard let base = bytes.baseAddress else { return }
      var i = 0
      while i + 8 <= bytes.count {
        h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        i += 8
      }
      var last: UInt64 = 0xFF
      while i < bytes.count {
        last = last << 8 | UInt64(base[i])
        i += 1
      }
      h = (h ^ last) &* 0x94D0_49BB_1331_11EB
      h ^= h >> 29
    }
    mix(a)
    mix(b)
    return h
  }
}

extension SegmentState {
  /// The state as XLIFF 2 markup.
  var markup: StaticString {
    switch self {
    case .initial: return "initial"
    case .translated: return "translated"
    case .reviewed: return "reviewed"
    case .final: return "final"
    }
  }

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

  /// The state for an XLIFF 1.2 `state` value.
  ///
  /// XLIFF 1.2 says a target is a translation only with `translated`, `signed-off` or
  /// `final`. The `needs-*` values (`needs-translation`, `needs-review-translation`, …) and
  /// `new` describe a target nobody has accepted yet: a draft, a memory match, or (OmegaT,
  /// Okapi) the source copied into the target. They, and unknown values, are ``initial``.
  init(xliff12State value: String?) {
    switch value {
    case "translated": self = .translated
    case "signed-off": self = .reviewed
    case "final": self = .final
    default: self = .initial
    }
  }
}

/// The facts about a prepared file that `merge` needs, written as XLIFF 2 metadata or
/// XLIFF 1.2 header notes (``BilingualFile/metadata`` when read back).
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
    if document.inputFormat != .text { pairs.append(("inputFormat", document.inputFormat.rawValue)) }
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
