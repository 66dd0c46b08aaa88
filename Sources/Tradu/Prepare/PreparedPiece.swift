/// A piece of the text to prepare, whole paragraphs that end just after a blank line,
/// prepared on its own: segmented, its boilerplate marked and its glossary terms placed.
///
/// Offsets are those of the whole text from the start (the piece knows where it starts);
/// paragraph numbers are first the piece's own, until ``move(paragraphsBy:)``. The last
/// segment's ``PreparedSegment/spaceAfter`` runs to the end of the piece.
struct PreparedPiece {
  /// The length of the piece in UTF-16 units.
  var utf16Count: Int
  /// How many paragraphs the segmenter found (units without a segment included).
  var paragraphCount: Int
  /// The text before the first segment (the whole piece when it has no segment).
  var leadingText: String
  /// The paragraphs that have segments.
  var units: [PreparedUnit]

  /// Segments `text`, which starts `utf16Start` units into the whole text, marks its
  /// boilerplate, places the glossary terms `matching` finds (or `matcher`, when it is the
  /// matcher behind `matching`) and finds each segment in the original text with `spans`.
  init(text: String, utf16Start: Int, spans: consuming OriginalSpans, segmenter: Segmenter, boilerplate: BoilerplateDetector,
       matching: Preparer.GlossaryMatching?, matcher: GlossaryMatcher? = nil) throws(TraduError) {
    let units = [UInt16](utf16Of: text)
    var segmented = try segmenter.segment(text, masking: units)  // its own copy: a copy, not a conversion
    let notForTranslation = Set(try boilerplate.matches(in: segmented, units: units).map(\.paragraph))
    utf16Count = units.count
    paragraphCount = segmented.paragraphs.count
    (leadingText, self.units) = Self.units(
      of: &segmented, text: units, notForTranslation: notForTranslation, utf16Start: utf16Start, spans: &spans)
    // `matcher`, when given, is what `matching` calls: it takes the units without a conversion.
    let found: [GlossaryMatch]
    if let matcher {
      found = try matcher.matches(inUnits: units)
    } else {
      found = try matching?(text) ?? []
    }
    place(Preparer.nonOverlapping(found), utf16Start: utf16Start)
  }

  /// The units of `segmented` (whose text has UTF-16 `text` and starts `utf16Start` units
  /// into the whole text), without glossary matches; and the text before the first segment.
  /// The segments' texts are moved out of `segmented`, not copied.
  private static func units(
    of segmented: inout SegmentedText, text units: [UInt16], notForTranslation: Set<Int>, utf16Start: Int,
    spans: inout OriginalSpans
  ) -> (leading: String, units: [PreparedUnit]) {
    func slice(_ range: Range<Int>) -> String { String(utf16CodeUnits: units[range]) }
    let whole = segmented.text
    // Read in place: a paragraph or segment copied out of its array retains its strings.
    return segmented.paragraphs.withUnsafeMutableBufferPointer { paragraphs in
      // Where each segment starts, in order, then the end of the text: the text between
      // segment i and the next one is starts[i].upperBound..<starts[i + 1].
      var starts: [Int] = []
      starts.reserveCapacity(paragraphs.count * 4 + 1)
      for p in paragraphs.indices {
        paragraphs[p].segments.withUnsafeBufferPointer { segments in
          for s in segments.indices { starts.append(segments[s].range.lowerBound) }
        }
      }
      starts.append(units.count)
      var prepared: [PreparedUnit] = []
      prepared.reserveCapacity(paragraphs.count)
      var index = 0
      for p in paragraphs.indices where !paragraphs[p].segments.isEmpty {
        let number = paragraphs[p].number
        var segments: [PreparedSegment] = []
        segments.reserveCapacity(paragraphs[p].segments.count)
        paragraphs[p].segments.withUnsafeMutableBufferPointer { found in
          for s in found.indices {
            index += 1
            let r = found[s].range
            var source = ""
            swap(&source, &found[s].text)
            segments.append(PreparedSegment(
              paragraph: number, sentence: found[s].sentence, source: consume source,
              range: r.shifted(by: utf16Start), original: spans.span(of: r),
              spaceAfter: slice(r.upperBound..<starts[index])))
          }
        }
        prepared.append(PreparedUnit(
          number: number,
          isTranslatable: paragraphs[p].isTranslatable && !notForTranslation.contains(number),
          segments: consume segments))
      }
      return (starts.count > 1 ? slice(0..<starts[0]) : whole, prepared)
    }
  }

  /// Puts each match (sorted by start, without overlaps, in the piece's offsets) into the
  /// segment that contains it, moved `utf16Start` units on; a match across a segment
  /// boundary is dropped. The matches are moved, not copied: copying one retains its strings
  /// and targets, and both cores would retain the same glossary entry's.
  private mutating func place(_ sortedMatches: consuming [GlossaryMatch], utf16Start: Int) {
    var matches = sortedMatches
    matches.withUnsafeMutableBufferPointer { matches in
      var cursor = 0
      units.withUnsafeMutableBufferPointer { units in
        for u in units.indices {
          units[u].segments.withUnsafeMutableBufferPointer { segments in
            for s in segments.indices {
              let range = segments[s].range.shifted(by: -utf16Start)
              // Skip the matches before this segment, take those inside.
              while cursor < matches.count && matches[cursor].range.lowerBound < range.lowerBound { cursor += 1 }
              guard cursor < matches.count && matches[cursor].range.lowerBound < range.upperBound else { continue }
              // Room for exactly the matches that start in the segment (a match type is
              // about 130 bytes, and most segments hold two or three).
              var inside = cursor + 1
              while inside < matches.count && matches[inside].range.lowerBound < range.upperBound { inside += 1 }
              var found: [SegmentGlossaryMatch] = []
              found.reserveCapacity(inside - cursor)
              while cursor < matches.count && matches[cursor].range.lowerBound < range.upperBound {
                if matches[cursor].range.upperBound <= range.upperBound {
                  // Moved out; an empty match, which holds nothing to release, takes its place.
                  var match = (matches.baseAddress! + cursor).move()
                  (matches.baseAddress! + cursor).initialize(to: GlossaryMatch.placeholder)
                  let base = range.lowerBound
                  let inSegment = (match.range.lowerBound - base)..<(match.range.upperBound - base)
                  match.range = match.range.shifted(by: utf16Start)
                  match.proclitic = match.proclitic?.shifted(by: utf16Start)
                  found.append(SegmentGlossaryMatch(match: consume match, rangeInSegment: inSegment))
                }
                cursor += 1
              }
              segments[s].glossaryMatches = consume found
            }
          }
        }
      }
    }
  }

  /// Appends `text` to the white space after the piece's last segment (the piece has one).
  mutating func appendToLastSegment(_ text: String) {
    guard !text.isEmpty else { return }
    let u = units.count - 1
    units[u].segments[units[u].segments.count - 1].spaceAfter += text
  }

  /// Numbers the piece's paragraphs in the whole text, where `paragraphs` paragraphs come
  /// before it.
  mutating func move(paragraphsBy paragraphs: Int) {
    guard paragraphs != 0 else { return }
    for u in units.indices {
      units[u].number += paragraphs
      for s in units[u].segments.indices { units[u].segments[s].paragraph += paragraphs }
    }
  }
}

/// A piece of the original text before pass 1 has prepared it: the text, its lengths, and
/// its normalization when the UTF-8 pass could do it alone.
struct OriginalPiece {
  var text: String
  var utf16Count: Int
  var codePointCount: Int
  var utf8Count: Int
  var normalized: NormalizedText?
}

/// Finds a piece's segments in the original text: back through a normalization's offset map,
/// then in code points and UTF-8 bytes.
struct OriginalSpans {
  /// The normalization the piece's text came from (nil: none).
  var normalized: NormalizedText?
  /// The offset table of the original text `normalized` maps back to.
  var converter: OffsetConverter
  /// Where the piece starts in `normalized`'s text (0 when that text is the piece's own).
  var normalizedStart: Int
  /// Where the original text of `converter` starts in the whole original text.
  var originalBase: (utf16: Int, codePoints: Int, utf8: Int)
  /// Where the last span was found in `converter`'s tables.
  var cursor = OffsetConverter.Cursor()

  /// The span in the whole original text of `range`, UTF-16 offsets in the piece; fastest
  /// for ranges asked for in order.
  mutating func span(of range: Range<Int>) -> TextSpan {
    let shifted = range.shifted(by: normalizedStart)
    let local = converter.span(of: normalized?.originalRange(of: shifted) ?? shifted, cursor: &cursor)
    return TextSpan(utf16: local.utf16.shifted(by: originalBase.utf16),
                    codePoints: local.codePoints.shifted(by: originalBase.codePoints),
                    utf8: local.utf8.shifted(by: originalBase.utf8))
  }
}

/// The normalization of the whole text, added up from its pieces: what the document's notes
/// report.
struct NormalizationSummary {
  var editCount = 0
  var editCounts: [NormalizationRule: Int] = [:]
  /// The flags, their ranges in the whole normalized and original texts.
  var flags: [TextFlag] = []

  /// Adds the normalization of a piece that starts at these UTF-16 offsets.
  mutating func add(_ piece: NormalizedText, normalizedStart: Int, originalStart: Int) {
    editCount += piece.edits.count
    for (rule, count) in piece.editCounts { editCounts[rule, default: 0] += count }
    for var flag in piece.flags {
      flag.range = flag.range.shifted(by: normalizedStart)
      flag.originalRange = flag.originalRange.shifted(by: originalStart)
      flags.append(flag)
    }
  }
}

extension GlossaryMatch {
  /// A match of nothing, with no text: what a match moved out of an array leaves there.
  static let placeholder = GlossaryMatch(entryID: "", source: "", matched: "", range: 0..<0, kind: .exact, targets: [])
}

extension Range<Int> {
  /// The range moved by `offset`.
  func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
