/// Cuts a text into paragraphs and sentence segments, losslessly.
///
/// Paragraphs are separated by blank lines. A line that starts a new block of text (a headline,
/// a byline, a list item) is its own paragraph unless the next line continues it in lower case,
/// as a hard-wrapped paragraph does. Inside a paragraph, ICU's sentence breaks for `locale`
/// give the candidate boundaries, and ``rules`` (by default the built-in rules of the locale's
/// language, ``SegmentationRules/builtIn(for:)``) veto or add breaks: in Romanian "Dl. Popescu"
/// and "art. 18" stay together, "I. L. Caragiale" too; in English "Mr. Smith" and "No. 5".
///
///     let segmented = try Segmenter().segment("Titlu\n\nDl. Ion a venit. Ion are pere.")
///     segmented.segments.map(\.id)   // ["p1.s1", "p2.s1", "p2.s2"]
///
/// The segments plus the text between them always rebuild the input exactly.
public struct Segmenter: Sendable {
  /// The ICU locale of the sentence break iterator.
  public var locale: String
  /// The break and no-break rules applied on top of ICU's breaks.
  public var rules: SegmentationRules {
    didSet { engine = RuleEngine(rules) }
  }
  private var engine: RuleEngine
  /// How long the `/regex/` rules may run on one document: this much, plus as much again per
  /// million characters. Past it, segmenting fails with ``TraduError/regexTimeLimit(path:rule:seconds:)``
  /// rather than hang on a pattern that backtracks exponentially (`(a+)+b`).
  public var regexTimeBudget: Duration = .seconds(2)
  /// The deadline and budget of the document being prepared in pieces (see ``Preparer``);
  /// nil: each call of ``segment(_:)`` is a document.
  var documentDeadline: (nanoseconds: UInt64, seconds: Double)?

  /// A segmenter for `locale` with `rules` (unless given, the built-in rules of the locale's
  /// language: ``SegmentationRules/english`` for `en`, ``SegmentationRules/romanian`` for `ro`).
  public init(locale: String = "ro", rules: SegmentationRules? = nil) {
    let chosen = rules ?? .builtIn(for: locale)
    self.locale = locale
    self.rules = chosen
    self.engine = RuleEngine(chosen)
  }

  /// Segments `text` into paragraphs and segments.
  ///
  /// - Throws: `TraduError.icu` when ICU fails (e.g. an unknown locale) or a rule's regular
  ///   expression cannot run.
  /// - Complexity: O(*n*) in the length of `text`, plus the cost of any `/regex/` rules.
  public func segment(_ text: String) throws(TraduError) -> SegmentedText {
    try segment(text, masking: [UInt16](utf16Of: text))
  }

  /// Segments `text`, given its UTF-16 `units` (a copy the segmenter may change).
  func segment(_ text: String, masking units: consuming [UInt16]) throws(TraduError) -> SegmentedText {
    var units = units
    var joins: [Range<Int>] = []
    let blocks = units.withUnsafeBufferPointer { Self.paragraphRanges($0, joins: &joins) }
    if !joins.isEmpty {
      // ICU treats every line break as the end of a sentence; inside a hard-wrapped paragraph
      // the breaks become spaces. Same length, so offsets stay valid. (Only then is the
      // array written, and copied if it is shared.)
      units.withUnsafeMutableBufferPointer { Self.mask($0, joins: joins) }
    }
    let (deadline, seconds) = documentDeadline ?? regexDeadline(forLength: units.count)
    let result: Result<[Paragraph], ICUError> = units.withUnsafeBufferPointer { masked in
      Result { () throws(ICUError) in
        let candidates = try ICU.sentenceBoundaries(in: masked, locale: locale)
        let breaks = try engine.breaks(in: masked, blocks: blocks, icuBreaks: candidates, deadline: deadline)
        return Self.paragraphs(of: text, units: masked, blocks: blocks, breaks: breaks)
      }
    }
    switch result {
    case .success(let paragraphs): return SegmentedText(text: text, paragraphs: paragraphs)
    case .failure(let error) where error.isTimeOut:
      throw .regexTimeLimit(path: nil, rule: error.operation, seconds: seconds)
    case .failure(let error): throw .icu(error)
    }
  }

  /// When the `/regex/` rules must be done with a document of `length` UTF-16 units that
  /// starts now (on ICU's monotonic clock; 0 when no rule is a regex), and the budget in seconds.
  func regexDeadline(forLength length: Int) -> (nanoseconds: UInt64, seconds: Double) {
    let (whole, attoseconds) = regexTimeBudget.components
    let seconds = (Double(whole) + Double(attoseconds) / 1e18) * (1 + Double(length) / 1_000_000)
    guard engine.hasRegexRules else { return (0, seconds) }
    return (ICU.monotonicNanoseconds() + UInt64(seconds * 1e9), seconds)
  }

  /// Cuts `blocks` at `breaks` (sorted), trims the pieces, and slices the segment texts from
  /// `text` (found by walking its UTF-8 storage, without re-encoding).
  static func paragraphs(of text: String, units: UnsafeBufferPointer<UInt16>, blocks: [Range<Int>],
                         breaks: [Int]) -> [Paragraph] {
    var source = text
    if !source.isContiguousUTF8 { source.makeContiguousUTF8() }
    let paragraphs = source.utf8.withContiguousStorageIfAvailable { bytes -> [Paragraph] in
      var finder = UTF16OffsetFinder(bytes)
      let start = source.utf8.startIndex
      var paragraphs: [Paragraph] = []
      paragraphs.reserveCapacity(blocks.count)
      var cursor = 0
      for block in blocks {
        while cursor < breaks.count && breaks[cursor] <= block.lowerBound { cursor += 1 }
        let number = paragraphs.count + 1
        var last = cursor
        while last < breaks.count && breaks[last] < block.upperBound { last += 1 }
        var segments: [Segment] = []
        segments.reserveCapacity(last - cursor + 1)
        var from = block.lowerBound
        while from < block.upperBound {
          var end = block.upperBound
          if cursor < breaks.count && breaks[cursor] < block.upperBound {
            end = breaks[cursor]
            cursor += 1
          }
          if let r = trimmed(from..<end, in: units) {
            let lo = source.utf8.index(start, offsetBy: finder.byteOffset(ofUTF16: r.lowerBound))
            let hi = source.utf8.index(start, offsetBy: finder.byteOffset(ofUTF16: r.upperBound))
            segments.append(
              Segment(paragraph: number, sentence: segments.count + 1, text: String(source[lo..<hi]), range: r))
          }
          from = end
        }
        paragraphs.append(Paragraph(number: number, range: block, segments: segments))
      }
      return paragraphs
    }
    return paragraphs!
  }

  /// The paragraphs of `units` as UTF-16 ranges from their first to their last non-blank
  /// character.
  static func paragraphRanges(in units: [UInt16]) -> [Range<Int>] {
    var copy = units
    return copy.withUnsafeMutableBufferPointer { paragraphRanges(masking: $0) }
  }

  /// The paragraphs of `units` as UTF-16 ranges from their first to their last non-blank
  /// character; line terminators inside a paragraph (a hard-wrapped one) become spaces.
  static func paragraphRanges(masking units: UnsafeMutableBufferPointer<UInt16>) -> [Range<Int>] {
    var joins: [Range<Int>] = []
    let result = paragraphRanges(UnsafeBufferPointer(units), joins: &joins)
    mask(units, joins: joins)
    return result
  }

  /// Line terminators in `joins` (the text between two lines of one paragraph) to spaces.
  static func mask(_ units: UnsafeMutableBufferPointer<UInt16>, joins: [Range<Int>]) {
    for join in joins {
      for i in join where isLineTerminator(units[i]) { units[i] = 0x20 }
    }
  }

  /// The paragraphs of `units` as UTF-16 ranges from their first to their last non-blank
  /// character; `joins` gets the text between two lines of one paragraph (a hard-wrapped
  /// one), where the line terminators are to become spaces.
  static func paragraphRanges(_ view: UnsafeBufferPointer<UInt16>, joins: inout [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var current: Range<Int>? = nil
    var lineStart = 0
    let count = view.count
    while lineStart < count {
      let lineEnd = nextLineTerminator(in: view, from: lineStart)
      var next = lineEnd
      if next < count {
        next += (view[next] == 0x0D && next + 1 < count && view[next + 1] == 0x0A) ? 2 : 1
      }
      if let content = trimmed(lineStart..<lineEnd, in: view) {
        if let open = current, continuesParagraph(view, content) {
          joins.append(open.upperBound..<content.lowerBound)
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

/// Whether a line with `content` continues the previous line (hard wrap): it starts in lower
/// case and not with a list label such as "a) " or "iv. ".
private func continuesParagraph(_ units: UnsafeBufferPointer<UInt16>, _ content: Range<Int>) -> Bool {
  guard isLowercaseLetter(units, content.lowerBound) else { return false }
  var p = content.lowerBound
  while p < content.upperBound && p - content.lowerBound < 5 && units[p] >= 0x61 && units[p] <= 0x7A { p += 1 }
  let label = p > content.lowerBound && p + 1 < content.upperBound
    && (units[p] == 0x29 || units[p] == 0x2E) && isSpaceUnit(units[p + 1])
    && (p - content.lowerBound == 1
      || (content.lowerBound..<p).allSatisfy { units[$0] == 0x69 || units[$0] == 0x76 || units[$0] == 0x78 })
  return !label
}

/// The offset of the first line terminator at or after `start`, or the end of `units`.
func nextLineTerminator(in units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
  // Eight units a step, in C (see `CTextScan`).
  TextScan.nextLineTerminator(in: units, from: start)
}

/// Tests on four UTF-16 units packed in a `UInt64` (SWAR), to skip ordinary text quickly.
enum Lanes16 {
  static let ones: UInt64 = 0x0001_0001_0001_0001
  static let highs: UInt64 = 0x8000_8000_8000_8000

  @inline(__always) static func splat(_ v: UInt16) -> UInt64 { ones &* UInt64(v) }

  /// Whether some lane is less than `n` (`n` ≤ 0x8000).
  @inline(__always) static func hasLess(_ x: UInt64, _ n: UInt16) -> Bool {
    (x &- splat(n)) & ~x & highs != 0
  }

  /// Whether some lane equals `v`.
  @inline(__always) static func has(_ x: UInt64, _ v: UInt16) -> Bool {
    hasLess(x ^ splat(v), 1)
  }
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
  units.withUnsafeBufferPointer { trimmed(range, in: $0) }
}

/// `range` without white space at either end, or nil when nothing else is left.
func trimmed(_ range: Range<Int>, in units: UnsafeBufferPointer<UInt16>) -> Range<Int>? {
  var lo = range.lowerBound
  var hi = range.upperBound
  while lo < hi && isSpaceUnit(units[lo]) { lo += 1 }
  while hi > lo && isSpaceUnit(units[hi - 1]) { hi -= 1 }
  return lo < hi ? lo..<hi : nil
}
