import Crypto

/// Turns an article into a ``PreparedDocument``: read → normalize → segment → match glossary.
///
///     let preparer = Preparer(targetLanguage: "en", glossary: .default)
///     let prepared = try preparer.prepare(bytes: bytes, name: "article.ro.txt")
///     let xliff = XLIFFWriter(version: .v2_1).render(prepared)
public struct Preparer: Sendable {
  /// Finds glossary terms in a text; ranges are UTF-16 offsets of that text.
  public typealias GlossaryMatching = @Sendable (String) throws(TraduError) -> [GlossaryMatch]

  /// The language of the articles (`ro`), also the segmenter's ICU locale.
  public var sourceLanguage: String
  /// The language of the translation (`en`).
  public var targetLanguage: String
  /// Whether to normalize the text before segmenting it.
  public var normalize: Bool
  /// The glossary matcher, or nil to annotate no terms.
  public var glossaryMatching: GlossaryMatching?

  public init(sourceLanguage: String = "ro", targetLanguage: String = "en", normalize: Bool = true,
              glossaryMatching: GlossaryMatching? = nil) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.normalize = normalize
    self.glossaryMatching = glossaryMatching
  }

  /// A preparer that annotates the terms of `glossary` (e.g. ``Glossary/default``).
  public init(sourceLanguage: String = "ro", targetLanguage: String = "en", normalize: Bool = true,
              glossary: Glossary) {
    let matcher = GlossaryMatcher(glossary)
    self.init(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, normalize: normalize,
              glossaryMatching: { text throws(TraduError) in matcher.matches(in: text) })
  }

  /// Decodes and prepares the bytes of a file called `name`.
  public func prepare(bytes: [UInt8], name: String) throws(TraduError) -> PreparedDocument {
    let document = try TextReader.decode(bytes, name: name, language: sourceLanguage)
    return try prepare(document, fingerprint: Self.fingerprint(of: bytes))
  }

  /// Prepares a decoded document; `fingerprint` identifies the original file (see
  /// ``fingerprint(of:)``).
  public func prepare(_ document: SourceDocument, fingerprint: String) throws(TraduError) -> PreparedDocument {
    // The normalizer plugs in here: it yields the text to segment, its edits and flags, and the
    // map from its offsets back to the original's. Until then the text is used as read.
    let text = document.text
    let segmented = try Segmenter(locale: sourceLanguage).segment(text)
    let matches = try glossaryMatching?(text) ?? []
    return assemble(segmented, document: document, fingerprint: fingerprint, matches: matches)
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

  /// Builds the document model from the segmentation and the glossary matches.
  func assemble(_ segmented: SegmentedText, document: SourceDocument, fingerprint: String,
                matches: [GlossaryMatch]) -> PreparedDocument {
    let units = Array(segmented.text.utf16)
    func slice(_ range: Range<Int>) -> String { String(decoding: units[range], as: UTF16.self) }

    let all = segmented.paragraphs.flatMap(\.segments)
    let converter = OffsetConverter(segmented.text)
    let sortedMatches = Self.nonOverlapping(matches)
    var matchCursor = 0
    var preparedUnits: [PreparedUnit] = []
    preparedUnits.reserveCapacity(segmented.paragraphs.count)
    var index = 0
    for paragraph in segmented.paragraphs where !paragraph.segments.isEmpty {
      var segments: [PreparedSegment] = []
      segments.reserveCapacity(paragraph.segments.count)
      for segment in paragraph.segments {
        let nextStart = index + 1 < all.count ? all[index + 1].range.lowerBound : units.count
        index += 1
        // Matches are sorted by start; skip those before this segment, take those inside.
        while matchCursor < sortedMatches.count
          && sortedMatches[matchCursor].range.lowerBound < segment.range.lowerBound {
          matchCursor += 1
        }
        var found: [SegmentGlossaryMatch] = []
        while matchCursor < sortedMatches.count
          && sortedMatches[matchCursor].range.lowerBound < segment.range.upperBound {
          let match = sortedMatches[matchCursor]
          if match.range.upperBound <= segment.range.upperBound {
            let base = segment.range.lowerBound
            found.append(SegmentGlossaryMatch(
              match: match, rangeInSegment: (match.range.lowerBound - base)..<(match.range.upperBound - base)))
          }
          matchCursor += 1
        }
        segments.append(PreparedSegment(
          paragraph: paragraph.number, sentence: segment.sentence, source: segment.text,
          original: TextSpan(segment.range, converter: converter), spaceAfter: slice(segment.range.upperBound..<nextStart),
          glossaryMatches: found))
      }
      preparedUnits.append(PreparedUnit(
        number: paragraph.number, isTranslatable: paragraph.isTranslatable, segments: segments))
    }
    let leading = all.first.map { slice(0..<$0.range.lowerBound) } ?? segmented.text
    return PreparedDocument(
      name: Self.baseName(document.name), sourceLanguage: sourceLanguage,
      targetLanguage: targetLanguage, fingerprint: fingerprint, isNormalized: false,
      hadByteOrderMark: document.hadByteOrderMark, leadingText: leading, units: preparedUnits)
  }

  /// The matches sorted by start, longest first at equal starts, without overlaps (the
  /// earlier, then longer, match wins).
  static func nonOverlapping(_ matches: [GlossaryMatch]) -> [GlossaryMatch] {
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
