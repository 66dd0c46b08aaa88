/// One translation unit's worth of text: a sentence, a headline or a list item.
///
/// Ranges are UTF-16 offsets into the text the segment was cut from (see
/// ``SegmentedText/text``); ``OffsetUnit`` converts them for export.
public struct Segment: Equatable, Hashable, Sendable {
  /// The positional id, `p{paragraph}.s{sentence}`, both 1-based (e.g. `p3.s2`).
  public var id: String { "p\(paragraph).s\(sentence)" }
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
