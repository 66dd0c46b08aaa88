import Crypto

/// Turns an article into a ``PreparedDocument``: read → normalize → segment → match glossary.
///
///     let preparer = Preparer(targetLanguage: "en", glossary: .default)  // normalizes by default
///     let prepared = try preparer.prepare(bytes: bytes, name: "article.ro.txt")
///     let xliff = XLIFFWriter(version: .v2_1).render(prepared)
public struct Preparer: Sendable {
  /// Finds glossary terms in a text; ranges are UTF-16 offsets of that text.
  public typealias GlossaryMatching = @Sendable (String) throws(TraduError) -> [GlossaryMatch]

  /// The language of the articles (`ro`), also the segmenter's ICU locale.
  public var sourceLanguage: String
  /// The language of the translation (`en`).
  public var targetLanguage: String
  /// How to normalize the text before segmenting it; nil segments the text exactly as read.
  public var normalization: NormalizationOptions?
  /// The glossary matcher, or nil to annotate no terms.
  public var glossaryMatching: GlossaryMatching?
  /// The patterns of boilerplate paragraphs, which are kept but marked not for translation
  /// (see ``BoilerplateDetector``).
  public var boilerplatePatterns: [BoilerplateDetector.Pattern]

  public init(sourceLanguage: String = "ro", targetLanguage: String = "en",
              normalization: NormalizationOptions? = .default,
              glossaryMatching: GlossaryMatching? = nil,
              boilerplatePatterns: [BoilerplateDetector.Pattern] = BoilerplateDetector.romanianNews) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.normalization = normalization
    self.glossaryMatching = glossaryMatching
    self.boilerplatePatterns = boilerplatePatterns
  }

  /// A preparer that annotates the terms of `glossary` (e.g. ``Glossary/default``).
  public init(sourceLanguage: String = "ro", targetLanguage: String = "en",
              normalization: NormalizationOptions? = .default, glossary: Glossary) {
    let matcher = GlossaryMatcher(glossary)
    self.init(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, normalization: normalization,
              glossaryMatching: { text throws(TraduError) in matcher.matches(in: text) })
  }

  /// Decodes and prepares the bytes of a file called `name`; `encoding` (an ICU charset
  /// name) overrides the detection.
  public func prepare(bytes: [UInt8], name: String, encoding: String? = nil) throws(TraduError) -> PreparedDocument {
    let document = try TextReader.decode(bytes, name: name, language: sourceLanguage, encoding: encoding)
    return try prepare(document, fingerprint: Self.fingerprint(of: bytes))
  }

  /// Prepares a decoded document; `fingerprint` identifies the original file (see
  /// ``fingerprint(of:)``).
  ///
  /// Glossary matching needs only the normalized text, so it runs beside segmentation,
  /// boilerplate detection and the building of the units (on a second core when there is
  /// one); the matches are then put into their segments. The result does not depend on it.
  public func prepare(_ document: SourceDocument, fingerprint: String) throws(TraduError) -> PreparedDocument {
    let normalized = try normalization.map { options throws(TraduError) in
      try TextNormalizer(options: options).normalize(document)
    }
    let text = normalized?.text ?? document.text
    let boilerplate = try BoilerplateDetector(patterns: boilerplatePatterns)
    let matching = glossaryMatching
    let (built, found) = concurrently(
      { () -> Result<PreparedDocument, TraduError> in
        Result { () throws(TraduError) in
          let units = [UInt16](utf16Of: text)
          let segmented = try boilerplate.marking(try Segmenter(locale: sourceLanguage).segment(text), units: units)
          return assemble(segmented, units: units, document: document, fingerprint: fingerprint, normalized: normalized)
        }
      },
      { () -> Result<[GlossaryMatch], TraduError> in
        Result { () throws(TraduError) in Self.nonOverlapping(try matching?(text) ?? []) }
      })
    var prepared = try built.get()
    Self.distribute(try found.get(), into: &prepared)
    prepared.notes += document.notes.map { PreparedNote(category: "reading", text: $0) }
    if let normalized {
      prepared.normalization = normalization
      if !normalized.edits.isEmpty {
        let counts = normalized.editCounts.sorted { $0.key < $1.key }
          .map { "\($0.key.summary): \($0.value)" }.joined(separator: ", ")
        prepared.notes.append(PreparedNote(
          category: "normalization", text: "\(normalized.edits.count) normalization edit(s): \(counts)."))
      }
      attach(normalized.flags, to: &prepared)
    }
    return prepared
  }

  /// Adds each flag as a note to the segment it falls in (or the segment before it).
  ///
  /// - Complexity: O(*s* + *f* log *f*) in the numbers of segments and flags.
  private func attach(_ flags: [TextFlag], to prepared: inout PreparedDocument) {
    guard !flags.isEmpty else { return }
    var places: [(unit: Int, segment: Int, start: Int)] = []
    for (u, unit) in prepared.units.enumerated() {
      for (s, segment) in unit.segments.enumerated() {
        places.append((u, s, segment.range.lowerBound))
      }
    }
    guard !places.isEmpty else {
      prepared.notes += flags.map { PreparedNote(category: $0.kind.rawValue, text: $0.message) }
      return
    }
    var cursor = 0
    for flag in flags.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
      while cursor + 1 < places.count && places[cursor + 1].start <= flag.range.lowerBound { cursor += 1 }
      let place = places[cursor]
      prepared.units[place.unit].segments[place.segment].notes.append(
        PreparedNote(category: flag.kind.rawValue, text: flag.message))
    }
  }

  /// `sha256:` and the hex SHA-256 of `bytes`: the fingerprint that ties a translation file to
  /// its article.
  public static func fingerprint(of bytes: [UInt8]) -> String {
    let digest = SHA256.hash(data: bytes)
    var hex = "sha256:"
    hex.reserveCapacity(71)
    let digits = Array("0123456789abcdef".utf8)
    var raw: [UInt8] = []
    raw.reserveCapacity(64)
    for byte in digest {
      raw.append(digits[Int(byte >> 4)])
      raw.append(digits[Int(byte & 0xF)])
    }
    hex += String(decoding: raw, as: UTF8.self)
    return hex
  }

  /// Builds the document model from the segmentation (no glossary matches yet); `units` are
  /// the UTF-16 units of `segmented.text`.
  func assemble(_ segmented: SegmentedText, units: [UInt16], document: SourceDocument, fingerprint: String,
                normalized: NormalizedText?) -> PreparedDocument {
    func slice(_ range: Range<Int>) -> String { String(utf16CodeUnits: units[range]) }

    // Where each segment starts, in document order, then the end of the text: the text
    // between segment i and the next one is starts[i].upperBound..<starts[i + 1].
    var starts: [Int] = []
    starts.reserveCapacity(segmented.paragraphs.count * 4 + 1)
    for paragraph in segmented.paragraphs {
      for segment in paragraph.segments { starts.append(segment.range.lowerBound) }
    }
    starts.append(units.count)
    let converter = OffsetConverter(document.text)
    var preparedUnits: [PreparedUnit] = []
    preparedUnits.reserveCapacity(segmented.paragraphs.count)
    var index = 0
    for paragraph in segmented.paragraphs where !paragraph.segments.isEmpty {
      var segments: [PreparedSegment] = []
      segments.reserveCapacity(paragraph.segments.count)
      for segment in paragraph.segments {
        index += 1
        segments.append(PreparedSegment(
          paragraph: paragraph.number, sentence: segment.sentence, source: segment.text,
          range: segment.range,
          original: TextSpan(normalized?.originalRange(of: segment.range) ?? segment.range, converter: converter),
          spaceAfter: slice(segment.range.upperBound..<starts[index])))
      }
      preparedUnits.append(PreparedUnit(
        number: paragraph.number, isTranslatable: paragraph.isTranslatable, segments: segments))
    }
    let leading = starts.count > 1 ? slice(0..<starts[0]) : segmented.text
    return PreparedDocument(
      name: Self.baseName(document.name), sourceLanguage: sourceLanguage,
      targetLanguage: targetLanguage, fingerprint: fingerprint, isNormalized: normalized != nil,
      hadByteOrderMark: document.hadByteOrderMark, leadingText: leading, units: preparedUnits)
  }

  /// Puts each match (sorted by start, without overlaps) into the segment that contains it;
  /// a match across a segment boundary is dropped.
  static func distribute(_ sortedMatches: [GlossaryMatch], into prepared: inout PreparedDocument) {
    guard !sortedMatches.isEmpty else { return }
    var matchCursor = 0
    for u in prepared.units.indices {
      for s in prepared.units[u].segments.indices {
        let range = prepared.units[u].segments[s].range
        // Skip the matches before this segment, take those inside.
        while matchCursor < sortedMatches.count && sortedMatches[matchCursor].range.lowerBound < range.lowerBound {
          matchCursor += 1
        }
        var found: [SegmentGlossaryMatch] = []
        while matchCursor < sortedMatches.count && sortedMatches[matchCursor].range.lowerBound < range.upperBound {
          let match = sortedMatches[matchCursor]
          if match.range.upperBound <= range.upperBound {
            let base = range.lowerBound
            found.append(SegmentGlossaryMatch(
              match: match, rangeInSegment: (match.range.lowerBound - base)..<(match.range.upperBound - base)))
          }
          matchCursor += 1
        }
        if !found.isEmpty { prepared.units[u].segments[s].glossaryMatches = found }
        if matchCursor == sortedMatches.count { return }
      }
    }
  }

  /// The matches sorted by start, longest first at equal starts, without overlaps (the
  /// earlier, then longer, match wins).
  static func nonOverlapping(_ matches: [GlossaryMatch]) -> [GlossaryMatch] {
    // The glossary matcher already reports them so: check in one pass before sorting.
    var ordered = true
    var previousEnd = Int.min
    for match in matches {
      if match.range.lowerBound < previousEnd || match.range.isEmpty {
        ordered = false
        break
      }
      previousEnd = match.range.upperBound
    }
    if ordered { return matches }
    let sorted = matches.sorted {
      $0.range.lowerBound != $1.range.lowerBound
        ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count
    }
    var result: [GlossaryMatch] = []
    var end = Int.min
    for match in sorted where match.range.lowerBound >= end && !match.range.isEmpty {
      result.append(match)
      end = match.range.upperBound
    }
    return result
  }

  /// The last path component of `path` (`-` stays `-`).
  static func baseName(_ path: String) -> String {
    guard let slash = path.lastIndex(where: { $0 == "/" || $0 == "\\" }) else { return path }
    return String(path[path.index(after: slash)...])
  }
}
