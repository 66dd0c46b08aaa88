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

  /// The scalars outside ASCII of valid UTF-8 `bytes`: the UTF-16 offset of each; the extra
  /// UTF-8 bytes over UTF-16 units of the scalars before each one, then of all of them
  /// (`starts.count + 1` values, the first 0); and the UTF-16 offsets of the surrogate pairs.
  static func wideScalars(in bytes: UnsafeBufferPointer<UInt8>) -> (starts: [Int], extras: [Int], pairs: [Int]) {
    guard let base = bytes.baseAddress else { return ([], [0], []) }
    var wide = 0
    var pairCount = 0
    tradu_utf8_wide_counts(base, bytes.count, &wide, &pairCount)
    var extras = [Int](repeating: 0, count: wide + 1)
    var pairs = [Int](repeating: 0, count: pairCount)
    let starts = [Int](unsafeUninitializedCapacity: wide) { starts, count in
      extras.withUnsafeMutableBufferPointer { extras in
        pairs.withUnsafeMutableBufferPointer { pairs in
          tradu_utf8_wide_scalars(base, bytes.count, starts.baseAddress, extras.baseAddress! + 1, pairs.baseAddress)
        }
      }
      count = wide
    }
    return (starts, extras, pairs)
  }

  /// What one pass over `bytes` (any bytes) finds: the first NUL, the control bytes text files
  /// do not contain, and the line endings (see ``ByteScan``).
  static func scanBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> tradu_byte_scan {
    guard let base = bytes.baseAddress else { return tradu_byte_scan(first_nul: -1, controls: 0, lf: 0, crlf: 0, cr: 0, unicode: 0) }
    return tradu_scan_bytes(base, bytes.count)
  }

  /// The offset of the first sentence mark (`.`, `!`, `?`, `…`) at or after `start`, or the
  /// end of `units`.
  static func nextSentenceMark(in units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
    guard let base = units.baseAddress, start < units.count else { return start }
    precondition(start >= 0, "TextScan.nextSentenceMark: start \(start)")
    return tradu_next_sentence_mark(base, units.count, start)
  }

  /// The boilerplate keyword filter's next tile at or after `start` that needs a closer look
  /// (see `tradu_next_keyword_tile`): `tiles` and `marks` of 65,536 bytes, `pairs` of 16,384.
  @inline(__always)
  static func nextKeywordTile(in units: UnsafePointer<UInt16>, count: Int, from start: Int,
                              tiles: UnsafePointer<UInt8>, marks: UnsafePointer<UInt8>,
                              pairs: UnsafePointer<UInt8>) -> Int {
    precondition(start >= 0, "TextScan.nextKeywordTile: start \(start)")
    return tradu_next_keyword_tile(units, count, start, tiles, marks, pairs)
  }

  /// The offset of the first byte at or after `start` that ``XMLEscaping/needsCare(_:)``
  /// accepts, or the end of `bytes`.
  @inline(__always)
  static func nextXMLCare(in bytes: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
    start >= count ? start : tradu_next_xml_care(bytes, count, start)
  }

  /// The offset of the first byte at or after `start` that ``JSONEscaping/needsEscape(_:)``
  /// accepts, or the end of `bytes`.
  @inline(__always)
  static func nextJSONEscape(in bytes: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
    start >= count ? start : tradu_next_json_escape(bytes, count, start)
  }
}
