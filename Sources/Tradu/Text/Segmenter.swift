/// Cuts a text into paragraphs and sentence segments, losslessly.
///
/// Paragraphs are separated by blank lines. A line that starts a new block of text (a headline,
/// a byline, a list item) is its own paragraph unless the next line continues it in lower case,
/// as a hard-wrapped paragraph does. Inside a paragraph, ICU's sentence breaks for `locale`
/// give the candidate boundaries.
///
///     let segmented = try Segmenter().segment("Titlu\n\nAna are mere. Ion are pere.")
///     segmented.segments.map(\.id)   // ["p1.s1", "p2.s1", "p2.s2"]
///
/// The segments plus the text between them always rebuild the input exactly.
public struct Segmenter: Sendable {
  /// The ICU locale of the sentence break iterator.
  public var locale: String

  public init(locale: String = "ro") {
    self.locale = locale
  }

  /// Segments `text` into paragraphs and segments.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public func segment(_ text: String) throws(TraduError) -> SegmentedText {
    let units = Array(text.utf16)
    let blocks = Self.paragraphRanges(in: units)
    var masked = units
    for block in blocks {
      // ICU treats every line break as the end of a sentence; inside a hard-wrapped paragraph
      // the breaks are spaces. Same length, so offsets stay valid.
      for i in block where isLineTerminator(masked[i]) { masked[i] = 0x20 }
    }
    let candidates: [Int]
    do {
      candidates = try ICU.boundaries(.sentence, in: masked, locale: locale)
    } catch {
      throw .icu(error)
    }
    var paragraphs: [Paragraph] = []
    paragraphs.reserveCapacity(blocks.count)
    var cursor = 0
    for block in blocks {
      while cursor < candidates.count && candidates[cursor] <= block.lowerBound { cursor += 1 }
      var cuts = [block.lowerBound]
      while cursor < candidates.count && candidates[cursor] < block.upperBound {
        cuts.append(candidates[cursor])
        cursor += 1
      }
      cuts.append(block.upperBound)
      let number = paragraphs.count + 1
      var segments: [Segment] = []
      for (start, end) in zip(cuts, cuts.dropFirst()) {
        guard let r = trimmed(start..<end, in: units) else { continue }
        segments.append(
          Segment(
            paragraph: number, sentence: segments.count + 1,
            text: String(decoding: units[r], as: UTF16.self), range: r))
      }
      paragraphs.append(Paragraph(number: number, range: block, segments: segments))
    }
    return SegmentedText(text: text, paragraphs: paragraphs)
  }

  /// The paragraphs of `units` as UTF-16 ranges from their first to their last non-blank
  /// character.
  static func paragraphRanges(in units: [UInt16]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var current: Range<Int>? = nil
    var lineStart = 0
    let count = units.count
    while lineStart < count {
      var lineEnd = lineStart
      while lineEnd < count && !isLineTerminator(units[lineEnd]) { lineEnd += 1 }
      var next = lineEnd
      if next < count {
        next += (units[next] == 0x0D && next + 1 < count && units[next + 1] == 0x0A) ? 2 : 1
      }
      if let content = trimmed(lineStart..<lineEnd, in: units) {
        if let open = current, startsContinuation(units[content.lowerBound]) {
          current = open.lowerBound..<content.upperBound
        } else {
          if let open = current { result.append(open) }
          current = content
        }
      } else if let open = current {
        result.append(open)
        current = nil
      }
      lineStart = next
    }
    if let open = current { result.append(open) }
    return result
  }
}

/// Whether a line starting with `unit` continues the previous line (hard wrap).
private func startsContinuation(_ unit: UInt16) -> Bool {
  guard let scalar = Unicode.Scalar(unit) else { return false }
  return scalar.properties.isLowercase
}

/// CR, LF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, and the vertical tab and form feed.
@inline(__always)
func isLineTerminator(_ u: UInt16) -> Bool {
  switch u {
  case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
  default: return false
  }
}

/// White space for trimming segments: Unicode White_Space (which includes NBSP and narrow
/// NBSP), plus the byte-order mark and zero-width space, which must not start or end a segment.
@inline(__always)
func isSpaceUnit(_ u: UInt16) -> Bool {
  switch u {
  case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F,
    0x3000, 0xFEFF:
    return true
  default: return false
  }
}

/// `range` without white space at either end, or nil when nothing else is left.
func trimmed(_ range: Range<Int>, in units: [UInt16]) -> Range<Int>? {
  var lo = range.lowerBound
  var hi = range.upperBound
  while lo < hi && isSpaceUnit(units[lo]) { lo += 1 }
  while hi > lo && isSpaceUnit(units[hi - 1]) { hi -= 1 }
  return lo < hi ? lo..<hi : nil
}
