/// A piece of the text to prepare, whole paragraphs that end just after a blank line,
/// prepared on its own: segmented, its boilerplate marked and its glossary terms placed.
///
/// Offsets and paragraph numbers are first the piece's own; ``move(utf16By:paragraphsBy:)``
/// then puts it in its place in the whole text. The last segment's ``PreparedSegment/spaceAfter``
/// runs to the end of the piece.
struct PreparedPiece {
  /// The length of the piece in UTF-16 units.
  var utf16Count: Int
  /// How many paragraphs the segmenter found (units without a segment included).
  var paragraphCount: Int
  /// The text before the first segment (the whole piece when it has no segment).
  var leadingText: String
  /// The paragraphs that have segments.
  var units: [PreparedUnit]

  /// Segments `text`, marks its boilerplate and places the glossary terms `matching` finds
  /// (or `matcher`, when it is the matcher behind `matching`).
  init(text: String, segmenter: Segmenter, boilerplate: BoilerplateDetector,
       matching: Preparer.GlossaryMatching?, matcher: GlossaryMatcher? = nil) throws(TraduError) {
    let units = [UInt16](utf16Of: text)
    let segmented = try segmenter.segment(text, masking: units)  // its own copy: a copy, not a conversion
    let notForTranslation = Set(try boilerplate.matches(in: segmented, units: units).map(\.paragraph))
    utf16Count = units.count
    paragraphCount = segmented.paragraphs.count
    (leadingText, self.units) = Self.units(of: segmented, text: units, notForTranslation: notForTranslation)
    // `matcher`, when given, is what `matching` calls: it takes the units without a conversion.
    let found: [GlossaryMatch]
    if let matcher {
      found = matcher.matches(inUnits: units)
    } else {
      found = try matching?(text) ?? []
    }
    place(Preparer.nonOverlapping(found))
  }

  /// The units of `segmented` (whose text has UTF-16 `text`), without glossary matches, each
  /// segment's ``PreparedSegment/original`` still its place in the piece; and the text before
  /// the first segment.
  private static func units(of segmented: SegmentedText, text units: [UInt16], notForTranslation: Set<Int>)
    -> (leading: String, units: [PreparedUnit]) {
    func slice(_ range: Range<Int>) -> String { String(utf16CodeUnits: units[range]) }
    // Where each segment starts, in order, then the end of the text: the text between
    // segment i and the next one is starts[i].upperBound..<starts[i + 1].
    var starts: [Int] = []
    starts.reserveCapacity(segmented.paragraphs.count * 4 + 1)
    for paragraph in segmented.paragraphs {
      for segment in paragraph.segments { starts.append(segment.range.lowerBound) }
    }
    starts.append(units.count)
    var prepared: [PreparedUnit] = []
    prepared.reserveCapacity(segmented.paragraphs.count)
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
      prepared.append(PreparedUnit(
        number: paragraph.number,
        isTranslatable: paragraph.isTranslatable && !notForTranslation.contains(paragraph.number),
        segments: segments))
    }
    return (starts.count > 1 ? slice(0..<starts[0]) : segmented.text, prepared)
  }

  /// Puts each match (sorted by start, without overlaps) into the segment that contains it;
  /// a match across a segment boundary is dropped.
  private mutating func place(_ sortedMatches: [GlossaryMatch]) {
    var cursor = 0
    for u in units.indices {
      for s in units[u].segments.indices {
        let range = units[u].segments[s].range
        // Skip the matches before this segment, take those inside.
        while cursor < sortedMatches.count && sortedMatches[cursor].range.lowerBound < range.lowerBound {
          cursor += 1
        }
        var found: [SegmentGlossaryMatch] = []
        if cursor < sortedMatches.count && sortedMatches[cursor].range.lowerBound < range.upperBound {
          found.reserveCapacity(8)
        }
        while cursor < sortedMatches.count && sortedMatches[cursor].range.lowerBound < range.upperBound {
          let match = sortedMatches[cursor]
          if match.range.upperBound <= range.upperBound {
            let base = range.lowerBound
            found.append(SegmentGlossaryMatch(
              match: match, rangeInSegment: (match.range.lowerBound - base)..<(match.range.upperBound - base)))
          }
          cursor += 1
        }
        if !found.isEmpty { units[u].segments[s].glossaryMatches = found }
      }
    }
  }

  /// Appends `text` to the white space after the piece's last segment (the piece has one).
  mutating func appendToLastSegment(_ text: String) {
    guard !text.isEmpty else { return }
    let u = units.count - 1
    units[u].segments[units[u].segments.count - 1].spaceAfter += text
  }

  /// Moves the piece to its place in the whole text: `utf16` units and `paragraphs`
  /// paragraphs come before it.
  mutating func move(utf16By utf16: Int, paragraphsBy paragraphs: Int) {
    guard utf16 != 0 || paragraphs != 0 else { return }
    for u in units.indices {
      units[u].number += paragraphs
      for s in units[u].segments.indices {
        units[u].segments[s].paragraph += paragraphs
        units[u].segments[s].range = units[u].segments[s].range.shifted(by: utf16)
        for m in units[u].segments[s].glossaryMatches.indices {
          units[u].segments[s].glossaryMatches[m].match.range =
            units[u].segments[s].glossaryMatches[m].match.range.shifted(by: utf16)
          units[u].segments[s].glossaryMatches[m].match.proclitic =
            units[u].segments[s].glossaryMatches[m].match.proclitic?.shifted(by: utf16)
        }
      }
    }
  }

  /// Sets each segment's span in the original text, mapped back through the normalization
  /// (nil: none), in the units `converter` gives.
  mutating func setOriginalSpans(normalized: NormalizedText?, converter: OffsetConverter) {
    for u in units.indices {
      for s in units[u].segments.indices {
        let range = units[u].segments[s].range
        units[u].segments[s].original = TextSpan(normalized?.originalRange(of: range) ?? range, converter: converter)
      }
    }
  }
}

extension Range<Int> {
  /// The range moved by `offset`.
  func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
