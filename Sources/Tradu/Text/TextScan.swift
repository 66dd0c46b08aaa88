import CTextScan

/// The vector scans of `CTextScan` over a text's bytes and UTF-16 units, behind the Swift
/// signatures the preparation uses. Each is tested against its scalar definition
/// (`TextScanTests`).
enum TextScan {
  /// Decodes valid UTF-8 into `out`, which has room for `bytes.count` units (always enough);
  /// returns the number of units written.
  static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt16>) -> Int {
    guard let src = bytes.baseAddress, let dst = out.baseAddress else { return 0 }
    precondition(out.count >= bytes.count, "TextScan.decodeUTF8: room for \(out.count) units, \(bytes.count) bytes")
    return tradu_utf8_to_utf16(src, bytes.count, dst)
  }

  /// How many scalars start in `bytes` (UTF-8), and how many of them take two UTF-16 units.
  static func scalarsAndPairs(in bytes: UnsafeBufferPointer<UInt8>) -> (scalars: Int, pairs: Int) {
    guard let base = bytes.baseAddress else { return (0, 0) }
    var scalars = 0
    var pairs = 0
    tradu_utf8_counts(base, bytes.count, &scalars, &pairs)
    return (scalars, pairs)
  }

  /// The offset of the first line terminator at or after `start` (see ``isLineTerminator(_:)``),
  /// or the end of `units`.
  static func nextLineTerminator(in units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
    guard let base = units.baseAddress, start < units.count else { return start }
    precondition(start >= 0, "TextScan.nextLineTerminator: start \(start)")
    return tradu_next_line_terminator(base, units.count, start)
  }

  /// From byte `start` of valid UTF-8 `bytes`, the first character the UTF-8 normalization
  /// pass must look at (or the end), and how many UTF-16 units it skipped to get there (see
  /// `tradu_skip_plain_utf8`).
  static func skipPlainCharacters(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, units: Int) {
    guard let base = bytes.baseAddress, start < bytes.count else { return (start, 0) }
    precondition(start >= 0, "TextScan.skipPlainCharacters: start \(start)")
    var units = 0
    let end = tradu_skip_plain_utf8(base, bytes.count, start, &units)
    return (end, units)
  }
}
