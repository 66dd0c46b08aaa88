/// Turns UTF-16 offsets of a text into 1-based line and column numbers, for messages.
///
/// Lines end at LF, CR LF, CR, NEL, U+2028 and U+2029; columns count characters (Unicode
/// scalars), as editors that jump to `line:column` do. Built in O(*n*); each lookup is
/// O(log *n*).
public struct LineIndex: Sendable {
  /// UTF-16 offsets where each line starts.
  private let lineStarts: [Int]
  private let offsets: OffsetConverter

  public init(_ text: String) {
    var starts = [0]
    var offset = 0
    var previousCR = false
    for u in text.utf16 {
      offset += 1
      if u == 0x0A && previousCR {
        starts[starts.count - 1] = offset
      } else if u == 0x0A || u == 0x0D || u == 0x85 || u == 0x2028 || u == 0x2029 {
        starts.append(offset)
      }
      previousCR = u == 0x0D
    }
    lineStarts = starts
    offsets = OffsetConverter(text)
  }

  /// The 1-based line and column of UTF-16 offset `utf16`.
  public func position(ofUTF16 utf16: Int) -> (line: Int, column: Int) {
    var lo = 0
    var hi = lineStarts.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if lineStarts[mid] <= utf16 { lo = mid + 1 } else { hi = mid }
    }
    let start = lineStarts[max(lo - 1, 0)]
    let column = offsets.codePointOffset(ofUTF16: utf16) - offsets.codePointOffset(ofUTF16: start) + 1
    return (max(lo, 1), column)
  }

  /// `line:column` of UTF-16 offset `utf16`.
  public func label(ofUTF16 utf16: Int) -> String {
    let p = position(ofUTF16: utf16)
    return "\(p.line):\(p.column)"
  }
}
