/// One translation unit's worth of text: a sentence, a headline or a list item.
///
/// Ranges are UTF-16 offsets into the text the segment was cut from (see
/// ``SegmentedText/text``); ``OffsetUnit`` converts them for export.
public struct Segment: Equatable, Hashable, Sendable {
  /// The positional id, `p{paragraph}.s{sentence}`, both 1-based (e.g. `p3.s2`).
  public var id: String { segmentID(paragraph: paragraph, sentence: sentence) }
  /// The 1-based number of the paragraph.
  public var paragraph: Int
  /// The 1-based number of the segment within its paragraph.
  public var sentence: Int
  /// The segment's text (never starts or ends with white space).
  public var text: String
  /// Where the text stands, in UTF-16 offsets of the segmented text.
  public var range: Range<Int>

  public init(paragraph: Int, sentence: Int, text: String, range: Range<Int>) {
    self.paragraph = paragraph
    self.sentence = sentence
    self.text = text
    self.range = range
  }
}

/// A paragraph: a block of text between blank lines, a headline or a byline.
public struct Paragraph: Equatable, Sendable {
  /// The 1-based number of the paragraph.
  public var number: Int
  /// Where the paragraph stands (first to last non-blank character), in UTF-16 offsets.
  public var range: Range<Int>
  /// The paragraph's segments, in order.
  public var segments: [Segment]
  /// False for boilerplate that must be kept but not translated (exported as translate="no").
  public var isTranslatable: Bool = true

  public init(number: Int, range: Range<Int>, segments: [Segment], isTranslatable: Bool = true) {
    self.number = number
    self.range = range
    self.segments = segments
    self.isTranslatable = isTranslatable
  }
}

/// A text cut into paragraphs and segments, losslessly.
///
/// The segments plus the text between them (``gaps``) rebuild ``text`` exactly.
public struct SegmentedText: Sendable {
  /// The text that was segmented.
  public var text: String
  /// The paragraphs, in order.
  public var paragraphs: [Paragraph]

  public init(text: String, paragraphs: [Paragraph]) {
    self.text = text
    self.paragraphs = paragraphs
  }

  /// All segments in document order.
  public var segments: [Segment] { paragraphs.flatMap(\.segments) }

  /// The text before each segment and after the last one: `gaps.count == segments.count + 1`.
  public var gaps: [String] {
    let units = Array(text.utf16)
    var result: [String] = []
    var position = 0
    for segment in segments {
      result.append(String(decoding: units[position..<segment.range.lowerBound], as: UTF16.self))
      position = segment.range.upperBound
    }
    result.append(String(decoding: units[position...], as: UTF16.self))
    return result
  }

  /// Rebuilds the text from the segments and the gaps; equals ``text`` by construction.
  public func reassembled() -> String {
    let gaps = self.gaps
    var out = gaps[0]
    for (i, segment) in segments.enumerated() {
      out += segment.text
      out += gaps[i + 1]
    }
    return out
  }
}

/// The positional id of a segment, `p{paragraph}.s{sentence}` (e.g. `p3.s2`), written digit by
/// digit into a small buffer: string interpolation cost about 1,000 instructions an id, and
/// the JSON and XLIFF of a long article ask for one per segment.
func segmentID(paragraph: Int, sentence: Int) -> String {
  // "p", ".s" and two Ints of up to 20 characters each (a sign and 19 digits).
  withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
    var end = 0
    /// Appends `number` in decimal, with a minus sign if it is negative.
    func append(_ number: Int) {
      if number < 0 {
        buffer[end] = 0x2D
        end += 1
      }
      var rest = number.magnitude
      var digits = 1
      var power: UInt = 1
      while rest / power >= 10 {
        power *= 10
        digits += 1
      }
      for _ in 0..<digits {
        buffer[end] = 0x30 &+ UInt8(truncatingIfNeeded: rest / power)
        rest %= power
        power /= 10
        end += 1
      }
    }
    buffer[0] = 0x70  // p
    end = 1
    append(paragraph)
    buffer[end] = 0x2E  // .
    buffer[end + 1] = 0x73  // s
    end += 2
    append(sentence)
    return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<end]), as: UTF8.self)
  }
}
