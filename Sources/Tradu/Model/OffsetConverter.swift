/// The units in which exported offsets are counted.
public enum OffsetUnit: String, Sendable, CaseIterable {
  /// Unicode scalar values (Python `str` indices); Tradu's default.
  case codepoint
  /// UTF-16 code units (JavaScript, Java, ICU).
  case utf16
  /// UTF-8 bytes.
  case utf8
}

/// Converts UTF-16 offsets of one text into code point or UTF-8 offsets.
///
/// Built once per text in O(*n*); each conversion is then O(log *k*) in the number *k* of
/// characters outside the Basic Multilingual Plane (for code points) or non-ASCII characters
/// (for UTF-8).
public struct OffsetConverter: Sendable {
  /// UTF-16 offsets where a supplementary character (a surrogate pair) starts.
  private let pairStarts: [Int]
  /// For each non-ASCII scalar: its UTF-16 offset and the extra UTF-8 bytes it needs.
  private let wideStarts: [Int]
  private let wideExtraPrefix: [Int]

  public init(_ text: String) {
    var text = text
    // Counted first, then recorded into arrays of exactly that size, in C (see `TextScan`).
    (wideStarts, wideExtraPrefix, pairStarts) = text.withUTF8 { TextScan.wideScalars(in: $0) }
  }

  /// The offset of UTF-16 offset `utf16` in `unit`.
  public func offset(ofUTF16 utf16: Int, in unit: OffsetUnit) -> Int {
    switch unit {
    case .utf16: return utf16
    case .codepoint: return codePointOffset(ofUTF16: utf16)
    case .utf8: return utf16 + wideExtraPrefix[Self.countBelow(utf16, in: wideStarts)]
    }
  }

  /// The code point offset of UTF-16 offset `utf16`.
  public func codePointOffset(ofUTF16 utf16: Int) -> Int {
    utf16 - Self.countBelow(utf16, in: pairStarts)
  }

  /// How many elements of the sorted `array` are less than `value`.
  /// Where ``span(of:cursor:)`` got to in the tables: offsets asked for in order are found by
  /// stepping on from there instead of searching again.
  struct Cursor {
    fileprivate var pairs = 0
    fileprivate var wide = 0
  }

  /// The span of the UTF-16 `range` in every unit, as `TextSpan(range, converter: self)` gives
  /// it; fastest when each call's range starts at or after the last one's end (as a text's
  /// segments do), and correct in any order.
  func span(of range: Range<Int>, cursor: inout Cursor) -> TextSpan {
    let lower = offsets(ofUTF16: range.lowerBound, cursor: &cursor)
    let upper = offsets(ofUTF16: range.upperBound, cursor: &cursor)
    return TextSpan(utf16: range, codePoints: lower.codePoints..<upper.codePoints, utf8: lower.utf8..<upper.utf8)
  }

  private func offsets(ofUTF16 utf16: Int, cursor: inout Cursor) -> (codePoints: Int, utf8: Int) {
    cursor.pairs = Self.countBelow(utf16, in: pairStarts, from: cursor.pairs)
    cursor.wide = Self.countBelow(utf16, in: wideStarts, from: cursor.wide)
    return (utf16 - cursor.pairs, utf16 + wideExtraPrefix[cursor.wide])
  }

  /// How many elements of `array` are below `value`, given that `start` elements are below
  /// an earlier value: a few steps on from there, or a binary search when `value` is far
  /// ahead or went back.
  private static func countBelow(_ value: Int, in array: [Int], from start: Int) -> Int {
    if start > 0 && array[start - 1] >= value { return countBelow(value, in: array) }
    if start + 16 < array.count && array[start + 16] < value { return countBelow(value, in: array) }
    var count = start
    while count < array.count && array[count] < value { count += 1 }
    return count
  }

  private static func countBelow(_ value: Int, in array: [Int]) -> Int {
    var lo = 0
    var hi = array.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if array[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
