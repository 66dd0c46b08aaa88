/// Fast conversion of Swift strings (UTF-8 inside) to the UTF-16 code units that ICU and
/// Tradu's offsets use; the way back is `String(utf16CodeUnits:)`.
///
/// The standard library's generic `Array(text.utf16)` takes a slow path, code point by code
/// point; `[UInt16](utf16Of:)` does the same work several times faster, which matters when a
/// whole article (or a 50 MB benchmark) passes through.
enum UTF16Transcoding {
  /// The UTF-16 code units of `text` (the segmenter's `[UInt16](utf16Of:)`).
  static func units(of text: String) -> [UInt16] {
    [UInt16](utf16Of: text)
  }
}
