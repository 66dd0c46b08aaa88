import Foundation

/// One change the normalizer made: the original text at ``range`` became ``replacement``.
public struct TextEdit: Equatable, Hashable, Sendable {
  /// Where the changed text stands in the original, in UTF-16 offsets.
  public var range: Range<Int>
  /// The original text at ``range``.
  public var original: String
  /// What it became (empty for a removal).
  public var replacement: String
  /// The rule that made the change.
  public var rule: NormalizationRule

  public init(range: Range<Int>, original: String, replacement: String, rule: NormalizationRule) {
    self.range = range
    self.original = original
    self.replacement = replacement
    self.rule = rule
  }
}

/// Something a translator must see that the normalizer cannot or must not fix.
public struct TextFlag: Equatable, Hashable, Sendable {
  /// The kinds of flag.
  public enum Kind: String, Sendable, CaseIterable {
    /// Cloudflare's e-mail obfuscation left `[email protected]` where an address was; the address
    /// cannot be recovered from the text.
    case protectedEmail = "protected-email"
    /// U+FFFD: an earlier conversion lost a character here.
    case replacementCharacter = "replacement-character"
    /// Two characters that may be UTF-8 read as Windows-1252, too few to repair safely.
    case possibleMojibake = "possible-mojibake"
  }

  /// What was found.
  public var kind: Kind
  /// Where, in UTF-16 offsets of the normalized text.
  public var range: Range<Int>
  /// Where, in UTF-16 offsets of the original text.
  public var originalRange: Range<Int>
  /// A sentence for the translator.
  public var message: String

  public init(kind: Kind, range: Range<Int>, originalRange: Range<Int>, message: String) {
    self.kind = kind
    self.range = range
    self.originalRange = originalRange
    self.message = message
  }
}

/// A text after normalization, with every edit, the flags, and the way back to the original.
///
///     let result = try TextNormalizer().normalize("Ţara îşi")
///     result.text                          // "Țara își"
///     result.edits.count                   // 2 (rule .cedilla)
///     result.originalRange(of: 5..<8)      // 5..<8 in the original
public struct NormalizedText: Sendable {
  /// The text as given.
  public let original: String
  /// The normalized text.
  public let text: String
  /// Every change, in order of position (original ranges never overlap).
  public let edits: [TextEdit]
  /// What the translator must see: artefacts that cannot be fixed.
  public let flags: [TextFlag]
  /// Converts normalized offsets to original ones.
  public let offsetMap: OffsetMap

  init(original: String, text: String, edits: [TextEdit], flags: [TextFlag], offsetMap: OffsetMap) {
    self.original = original
    self.text = text
    self.edits = edits
    self.flags = flags
    self.offsetMap = offsetMap
  }

  /// The original UTF-16 range of the normalized UTF-16 `range` (e.g. a ``Segment/range``).
  ///
  /// An edit that `range` only partly covers is included whole; characters removed at the
  /// edges (a soft hyphen before the first character) are left out. O(log *e*) in the number
  /// of edits.
  public func originalRange(of range: Range<Int>) -> Range<Int> {
    offsetMap.originalRange(of: range)
  }

  /// The original UTF-16 offset of the normalized UTF-16 `offset`.
  public func originalOffset(of offset: Int) -> Int {
    offsetMap.originalStart(of: offset)
  }

  /// The original text behind the normalized UTF-16 `range`.
  public func originalText(of range: Range<Int>) -> String {
    let r = originalRange(of: range)
    let utf16 = original.utf16
    let lo = utf16.index(utf16.startIndex, offsetBy: r.lowerBound)
    let hi = utf16.index(lo, offsetBy: r.count)
    return String(original[lo..<hi])
  }

  /// How many edits each rule made.
  public var editCounts: [NormalizationRule: Int] {
    // Counted by rule number first: a dictionary update per edit is slow on long texts.
    let rules = NormalizationRule.allCases
    var counts = [Int](repeating: 0, count: rules.count)
    for edit in edits { counts[edit.rule.number] += 1 }
    var result: [NormalizationRule: Int] = [:]
    for (rule, count) in zip(rules, counts) where count > 0 { result[rule] = count }
    return result
  }
}

/// Maps UTF-16 offsets of a normalized text back to offsets of its original, from the edits.
///
/// Outside edits the two texts agree character for character, so an offset moves by the
/// length difference of the edits before it: a binary search over the edits' starts, O(log *e*).
public struct OffsetMap: Sendable, Equatable {
  /// For each edit: where its replacement starts and ends in the normalized text, and where
  /// the replaced text starts and ends in the original.
  private let normalizedStarts: [Int]
  private let normalizedEnds: [Int]
  private let originalStarts: [Int]
  private let originalEnds: [Int]

  /// A map with no edits: every offset maps to itself.
  public init() {
    normalizedStarts = []
    normalizedEnds = []
    originalStarts = []
    originalEnds = []
  }

  /// A map from `edits`, sorted by position, and the UTF-16 lengths of their replacements.
  init(edits: [TextEdit]) {
    var ns: [Int] = [], ne: [Int] = [], os: [Int] = [], oe: [Int] = []
    ns.reserveCapacity(edits.count)
    ne.reserveCapacity(edits.count)
    os.reserveCapacity(edits.count)
    oe.reserveCapacity(edits.count)
    var shift = 0  // normalized - original, after the edits so far
    for edit in edits {
      let start = edit.range.lowerBound + shift
      let length = edit.replacement.utf16.count
      ns.append(start)
      ne.append(start + length)
      os.append(edit.range.lowerBound)
      oe.append(edit.range.upperBound)
      shift += length - edit.range.count
    }
    normalizedStarts = ns
    normalizedEnds = ne
    originalStarts = os
    originalEnds = oe
  }

  /// A map from `edits` whose replacements stand at `normalizedStarts[i]..<normalizedEnds[i]`
  /// (as the normalizer recorded them while writing its output).
  init(edits: [TextEdit], normalizedStarts: [Int], normalizedEnds: [Int]) {
    self.normalizedStarts = normalizedStarts
    self.normalizedEnds = normalizedEnds
    originalStarts = edits.map(\.range.lowerBound)
    originalEnds = edits.map(\.range.upperBound)
  }

  /// A map from its four arrays, one element per edit.
  init(normalizedStarts: [Int], normalizedEnds: [Int], originalStarts: [Int], originalEnds: [Int]) {
    self.normalizedStarts = normalizedStarts
    self.normalizedEnds = normalizedEnds
    self.originalStarts = originalStarts
    self.originalEnds = originalEnds
  }

  /// The number of edits.
  public var count: Int { normalizedStarts.count }

  /// How much longer the normalized text is than the original (negative: shorter).
  var lengthChange: Int {
    guard let end = normalizedEnds.last, let originalEnd = originalEnds.last else { return 0 }
    return end - originalEnd
  }

  /// Where the text that edit number `index` replaced stands in the original text.
  func originalRange(ofEdit index: Int) -> Range<Int> { originalStarts[index]..<originalEnds[index] }

  /// Where the replacement of edit number `index` stands in the normalized text.
  func normalizedRange(ofEdit index: Int) -> Range<Int> { normalizedStarts[index]..<normalizedEnds[index] }

  /// The number of edits whose normalized start is `< offset` (or `<= offset` when `inclusive`).
  private func editsBefore(_ offset: Int, inclusive: Bool) -> Int {
    var lo = 0
    var hi = normalizedStarts.count
    while lo < hi {
      let mid = (lo + hi) / 2
      let s = normalizedStarts[mid]
      if s < offset || (inclusive && s == offset) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The original offset for a normalized offset that starts a range: removals right at it are
  /// skipped, a replacement it falls inside is included from its start.
  public func originalStart(of offset: Int) -> Int {
    let k = editsBefore(offset, inclusive: true)
    if k == 0 { return offset }
    let e = k - 1
    if offset >= normalizedEnds[e] { return originalEnds[e] + (offset - normalizedEnds[e]) }
    return originalStarts[e]
  }

  /// The original offset for a normalized offset that ends a range: removals right at it are
  /// left out, a replacement it falls inside is included to its end.
  public func originalEnd(of offset: Int) -> Int {
    let k = editsBefore(offset, inclusive: false)
    if k == 0 { return offset }
    let e = k - 1
    if offset >= normalizedEnds[e] { return originalEnds[e] + (offset - normalizedEnds[e]) }
    return originalEnds[e]
  }

  /// The original range of a normalized range.
  public func originalRange(of range: Range<Int>) -> Range<Int> {
    let lo = originalStart(of: range.lowerBound)
    if range.isEmpty { return lo..<lo }
    return lo..<max(lo, originalEnd(of: range.upperBound))
  }
}

/// The length of `text` in UTF-16 units, counted on its UTF-8 eight bytes at a time.
func utf16Length(of text: String) -> Int { unitCounts(of: text).utf16 }

/// The lengths of `text` in UTF-16 units and in code points, counted on its UTF-8 sixteen
/// bytes a step (see ``TextScan/scalarsAndPairs(in:)``).
func unitCounts(of text: String) -> (utf16: Int, codePoints: Int) {
  var text = text
  return text.withUTF8 { bytes in
    // Every byte but a continuation byte (10xxxxxx) starts a scalar; four-byte ones
    // (11110xxx) take two UTF-16 units.
    let counts = TextScan.scalarsAndPairs(in: bytes)
    return (counts.scalars + counts.pairs, counts.scalars)
  }
}
