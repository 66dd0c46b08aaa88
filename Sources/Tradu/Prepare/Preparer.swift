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
  ///
  /// The fingerprint is computed beside the decoding and normalization.
  public func prepare(bytes: [UInt8], name: String, encoding: String? = nil) throws(TraduError) -> PreparedDocument {
    let (fingerprint, read) = concurrently(
      { Self.fingerprint(of: bytes) },
      { Result { () throws(TraduError) in
        let document = try TextReader.decode(bytes, name: name, language: sourceLanguage, encoding: encoding)
        return (document, try normalize(document))
      } })
    let (document, normalized) = try read.get()
    return try prepare(document, normalized: normalized, fingerprint: fingerprint)
  }

  /// Prepares a decoded document; `fingerprint` identifies the original file (see
  /// ``fingerprint(of:)``).
  ///
  /// After normalization, four independent jobs share the cores (see `inParallel`): glossary
  /// matching, segmentation with the building of the units, boilerplate detection, and the
  /// offset table of the original text; one pass then puts their results together. The
  /// result does not depend on how they were scheduled.
  public func prepare(_ document: SourceDocument, fingerprint: String) throws(TraduError) -> PreparedDocument {
    try prepare(document, normalized: try normalize(document), fingerprint: fingerprint)
  }

  /// `document` normalized with ``normalization``, or nil when it is not to be.
  private func normalize(_ document: SourceDocument) throws(TraduError) -> NormalizedText? {
    try normalization.map { options throws(TraduError) in try TextNormalizer(options: options).normalize(document) }
  }

  /// Prepares `document`, already normalized into `normalized` (nil: not normalized).
  private func prepare(_ document: SourceDocument, normalized: NormalizedText?, fingerprint: String)
    throws(TraduError) -> PreparedDocument {
    let text = normalized?.text ?? document.text
    let boilerplate = try BoilerplateDetector(patterns: boilerplatePatterns)
    let matching = glossaryMatching
    let segmenter = Segmenter(locale: sourceLanguage)
    let (found, built, notices, converter) = inParallel(
      { Result { () throws(TraduError) in Self.nonOverlapping(try matching?(text) ?? []) } },
      { Result { () throws(TraduError) in
        let segmented = try segmenter.segment(text)
        return (segmented, assemble(segmented, document: document, fingerprint: fingerprint, normalized: normalized))
      } },
      { Result { () throws(TraduError) in
        // Boilerplate needs only the paragraphs, which the segmenter cuts first: found here
        // on their own, and checked against the segmenter's below.
        let units = [UInt16](utf16Of: text)
        let paragraphs = Segmenter.paragraphRanges(in: units)
        return (paragraphs, try boilerplate.matches(inParagraphs: paragraphs, units: units))
      } },
      { OffsetConverter(document.text) })
    let (segmented, assembled) = try built.get()
    var prepared = assembled
    let (paragraphs, boilerplateFound) = try notices.get()
    let boilerplateMatches = paragraphs.elementsEqual(segmented.paragraphs.lazy.map(\.range))
      ? boilerplateFound : try boilerplate.matches(in: segmented)
    Self.finish(&prepared, matches: try found.get(), boilerplate: boilerplateMatches, converter: converter,
                normalized: normalized)
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

  /// Builds the document model from the segmentation, without glossary matches, and with
  /// each segment's ``PreparedSegment/original`` span still its place in `segmented.text`
  /// (``finish(_:matches:boilerplate:converter:normalized:)`` does the rest).
  func assemble(_ segmented: SegmentedText, document: SourceDocument, fingerprint: String,
                normalized: NormalizedText?) -> PreparedDocument {
    let units = [UInt16](utf16Of: segmented.text)
    func slice(_ range: Range<Int>) -> String { String(utf16CodeUnits: units[range]) }

    // Where each segment starts, in document order, then the end of the text: the text
    // between segment i and the next one is starts[i].upperBound..<starts[i + 1].
    var starts: [Int] = []
    starts.reserveCapacity(segmented.paragraphs.count * 4 + 1)
    for paragraph in segmented.paragraphs {
      for segment in paragraph.segments { starts.append(segment.range.lowerBound) }
    }
    starts.append(units.count)
    var preparedUnits: [PreparedUnit] = []
    preparedUnits.reserveCapacity(segmented.paragraphs.count)
    var index = 0
    for paragraph in segmented.paragraphs where !paragraph.segments.isEmpty {
      var segments: [PreparedSegment] = []
      segments.reserveCapacity(paragraph.segments.count)
      for segment in paragraph.segments {
        index += 1
        let r = segment.range
        segments.append(PreparedSegment(
          paragraph: paragraph.number, sentence: segment.sentence, source: segment.text, range: r,
          original: TextSpan(utf16: r, codePoints: r, utf8: r),
          spaceAfter: slice(r.upperBound..<starts[index])))
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

  /// One pass over the assembled units: marks the boilerplate paragraphs not for translation,
  /// sets each segment's span in the original text (mapped back through the normalization,
  /// in the units `converter` gives), and puts each glossary match (sorted by start, without
  /// overlaps) into the segment that contains it (a match across a segment boundary is
  /// dropped).
  static func finish(_ prepared: inout PreparedDocument, matches sortedMatches: [GlossaryMatch],
                     boilerplate: [BoilerplateDetector.Match], converter: OffsetConverter,
                     normalized: NormalizedText?) {
    let notForTranslation = Set(boilerplate.map(\.paragraph))
    var matchCursor = 0
    for u in prepared.units.indices {
      if notForTranslation.contains(prepared.units[u].number) { prepared.units[u].isTranslatable = false }
      for s in prepared.units[u].segments.indices {
        let range = prepared.units[u].segments[s].range
        prepared.units[u].segments[s].original = TextSpan(normalized?.originalRange(of: range) ?? range, converter: converter)
        // Skip the matches before this segment, take those inside.
        while matchCursor < sortedMatches.count && sortedMatches[matchCursor].range.lowerBound < range.lowerBound {
          matchCursor += 1
        }
        var found: [SegmentGlossaryMatch] = []
        if matchCursor < sortedMatches.count && sortedMatches[matchCursor].range.lowerBound < range.upperBound {
          found.reserveCapacity(8)
        }
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
