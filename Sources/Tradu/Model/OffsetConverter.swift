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
    var pairs: [Int] = []
    var wide: [Int] = []
    var extras: [Int] = [0]
    var text = text
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      let n = bytes.count
      var extra = 0  // the extra UTF-8 bytes of the scalars so far
      var i = 0
      var offset = 0  // UTF-16 offset of byte i
      while i < n {
        if i + 8 <= n {
          // Eight bytes at a time: ASCII ones are one UTF-16 unit each, nothing to record;
          // otherwise straight to the first non-ASCII byte.
          let high = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            & 0x8080_8080_8080_8080
          let ascii = high == 0 ? 8 : high.trailingZeroBitCount >> 3
          i += ascii
          offset += ascii
          if ascii == 8 { continue }
        } else if base[i] < 0x80 {
          i += 1
          offset += 1
          continue
        }
        // A non-ASCII scalar: its UTF-8 length, and the extra bytes it needs over UTF-16.
        let lead = base[i]
        wide.append(offset)
        if lead < 0xE0 {
          extra += 1
          i += 2
          offset += 1
        } else if lead < 0xF0 {
          extra += 2
          i += 3
          offset += 1
        } else {
          extra += 2
          pairs.append(offset)
          i += 4
          offset += 2
        }
        extras.append(extra)
      }
    }
    pairStarts = pairs
    wideStarts = wide
    wideExtraPrefix = extras
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
