/// An article ready for translation: its segments, the text between them, glossary matches
/// and notes, plus what is needed to rebuild it. Every exporter renders this one model.
///
/// The article is rebuilt losslessly from it: ``leadingText`` followed by every segment's
/// ``PreparedSegment/source`` and ``PreparedSegment/spaceAfter``, in order (see
/// ``reassembled()``).
public struct PreparedDocument: Equatable, Sendable {
  /// The file name the article came from (no directory), or `-` for standard input.
  public var name: String
  /// The BCP 47 language of the article (`ro`).
  public var sourceLanguage: String
  /// The BCP 47 language the article is to be translated into (`en`).
  public var targetLanguage: String
  /// `sha256:` and the lower-case hex SHA-256 of the original file's bytes.
  public var fingerprint: String
  /// Whether the segments come from the normalized text (false: from the text as read).
  public var isNormalized: Bool
  /// Whether the original file started with a UTF-8 byte-order mark; `merge --no-normalize`
  /// writes it back.
  public var hadByteOrderMark: Bool
  /// The text before the first segment (white space, or the whole text when it has no
  /// segment at all).
  public var leadingText: String
  /// One unit per paragraph, in order.
  public var units: [PreparedUnit]
  /// Notes about the whole document (e.g. what the normalizer changed).
  public var notes: [PreparedNote]
  /// The normalization applied (nil when the text was segmented as read); `merge --original`
  /// repeats it.
  public var normalization: NormalizationOptions?
  /// How the article was read: as text, or as HTML or Markdown whose tags became inline codes
  /// (then `merge` needs the original file).
  public var inputFormat: InputFormat = .text

  public init(name: String, sourceLanguage: String, targetLanguage: String, fingerprint: String,
              isNormalized: Bool, hadByteOrderMark: Bool, leadingText: String,
              units: [PreparedUnit], notes: [PreparedNote] = []) {
    self.name = name
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.fingerprint = fingerprint
    self.isNormalized = isNormalized
    self.hadByteOrderMark = hadByteOrderMark
    self.leadingText = leadingText
    self.units = units
    self.notes = notes
  }

  /// All segments in document order.
  public var segments: [PreparedSegment] { units.flatMap(\.segments) }

  /// The prepared text rebuilt from the segments' sources and the text between them.
  public func reassembled() -> String {
    var out = leadingText
    for unit in units {
      for segment in unit.segments {
        out += segment.source
        out += segment.spaceAfter
      }
    }
    return out
  }
}

/// A paragraph of a prepared article: a `<unit>` in XLIFF 2, a `<trans-unit>` in XLIFF 1.2.
public struct PreparedUnit: Equatable, Sendable {
  /// `p` and the 1-based paragraph number, e.g. `p3`.
  public var id: String { "p\(number)" }
  /// The 1-based paragraph number.
  public var number: Int
  /// False for boilerplate that is kept but not translated (`translate="no"`).
  public var isTranslatable: Bool
  /// The paragraph's segments, in order (at least one).
  public var segments: [PreparedSegment]
  /// Notes about the paragraph.
  public var notes: [PreparedNote]

  public init(number: Int, isTranslatable: Bool = true, segments: [PreparedSegment],
              notes: [PreparedNote] = []) {
    self.number = number
    self.isTranslatable = isTranslatable
    self.segments = segments
    self.notes = notes
  }

  /// The paragraph's source text, segments and inner white space included.
  public var source: String {
    var out = ""
    for (i, segment) in segments.enumerated() {
      out += segment.source
      if i + 1 < segments.count { out += segment.spaceAfter }
    }
    return out
  }
}

/// A sentence, headline or list item of a prepared article: one translation segment.
public struct PreparedSegment: Equatable, Sendable {
  /// `p{paragraph}.s{sentence}`, both 1-based, e.g. `p3.s2`.
  public var id: String { segmentID(paragraph: paragraph, sentence: sentence) }
  public var paragraph: Int
  public var sentence: Int
  /// Where the source stands in the prepared (normalized) text, in UTF-16 offsets.
  public var range: Range<Int>
  /// The text to translate.
  public var source: String
  /// The translation, when there is one.
  public var target: String?
  public var state: SegmentState
  /// Where the source stands in the original file's text (equal to its place in the prepared
  /// text when nothing was normalized).
  public var original: TextSpan
  /// The text between this segment and the next one (or the end of the document): spaces
  /// inside a paragraph, line breaks between paragraphs.
  public var spaceAfter: String
  /// Glossary terms found in ``source``.
  public var glossaryMatches: [SegmentGlossaryMatch]
  /// The tags of an HTML or Markdown original that stand in ``source`` (empty for text), in
  /// order.
  public var codes: [InlineCode] = []
  /// Notes about the segment (normalization flags and the like).
  public var notes: [PreparedNote]
  /// Translations proposed for the segment (translation-memory matches), best first.
  public var candidates: [TranslationCandidate] = []

  public init(paragraph: Int, sentence: Int, source: String, target: String? = nil,
              state: SegmentState = .initial, range: Range<Int>, original: TextSpan, spaceAfter: String,
              glossaryMatches: [SegmentGlossaryMatch] = [], notes: [PreparedNote] = []) {
    self.paragraph = paragraph
    self.sentence = sentence
    self.source = source
    self.target = target
    self.state = state
    self.range = range
    self.original = original
    self.spaceAfter = spaceAfter
    self.glossaryMatches = glossaryMatches
    self.notes = notes
  }
}

/// The translation state of a segment, with XLIFF 2's four values.
public enum SegmentState: String, Sendable, CaseIterable, Codable {
  case initial, translated, reviewed, final
}

/// A glossary term found in a segment, located within the segment's source.
public struct SegmentGlossaryMatch: Equatable, Sendable {
  /// The match as the glossary matcher reported it (its range is in the searched text).
  public var match: GlossaryMatch
  /// Where the matched form stands in the segment's source, in UTF-16 offsets.
  public var rangeInSegment: Range<Int>

  public init(match: GlossaryMatch, rangeInSegment: Range<Int>) {
    self.match = match
    self.rangeInSegment = rangeInSegment
  }
}

/// A translation proposed for a segment: a translation-memory match, written as XLIFF 2
/// `<mtc:match>`, XLIFF 1.2 `<alt-trans>` and JSON `matches`.
public struct TranslationCandidate: Equatable, Sendable {
  /// The source the translation was made for.
  public var source: String
  /// The proposed translation.
  public var target: String
  /// 0–101: 101 in context, 100 exact, below 100 fuzzy (after any penalty for its origin).
  public var score: Int
  /// The source similarity alone, 0–100.
  public var similarity: Int
  /// True for an in-context exact match (101).
  public var inContext: Bool
  /// Where it came from, for people: `human: article.xlf`.
  public var origin: String
  /// What was changed in it (numbers replaced), if anything.
  public var note: String?

  public init(source: String, target: String, score: Int, similarity: Int, inContext: Bool = false,
              origin: String, note: String? = nil) {
    self.source = source
    self.target = target
    self.score = score
    self.similarity = similarity
    self.inContext = inContext
    self.origin = origin
    self.note = note
  }
}

/// A note for the translator: what was changed, flagged or must be watched.
public struct PreparedNote: Equatable, Hashable, Sendable {
  /// A short machine-readable kind, e.g. `normalization`, `xml-replacement`.
  public var category: String
  /// The message, for a person.
  public var text: String

  public init(category: String, text: String) {
    self.category = category
    self.text = text
  }

  /// The category of what the reader noted: a guessed charset, invalid bytes replaced.
  public static let readingCategory = "reading"
}

/// A range of a text in all three offset units, so exporters need not keep the text.
public struct TextSpan: Equatable, Hashable, Sendable {
  public var utf16: Range<Int>
  public var codePoints: Range<Int>
  public var utf8: Range<Int>

  public init(utf16: Range<Int>, codePoints: Range<Int>, utf8: Range<Int>) {
    self.utf16 = utf16
    self.codePoints = codePoints
    self.utf8 = utf8
  }

  /// The span of UTF-16 range `range` of the text `converter` was built for.
  public init(_ range: Range<Int>, converter: OffsetConverter) {
    utf16 = range
    codePoints = converter.offset(ofUTF16: range.lowerBound, in: .codepoint)
      ..< converter.offset(ofUTF16: range.upperBound, in: .codepoint)
    utf8 = converter.offset(ofUTF16: range.lowerBound, in: .utf8)
      ..< converter.offset(ofUTF16: range.upperBound, in: .utf8)
  }

  /// The range in `unit`.
  public func range(in unit: OffsetUnit) -> Range<Int> {
    switch unit {
    case .utf16: return utf16
    case .codepoint: return codePoints
    case .utf8: return utf8
    }
  }
}
