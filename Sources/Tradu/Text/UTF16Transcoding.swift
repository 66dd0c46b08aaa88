/// Fast conversion of Swift strings (UTF-8 inside) to the UTF-16 code units that ICU and
/// Tradu's offsets use; the way back is `String(utf16CodeUnits:)`.
///
/// The standard library's generic `Array(text.utf16)` takes a slow path, code point by code
/// point; this loop does the same work several times faster, which matters when a whole
/// article (or a 50 MB benchmark) passes through.
enum UTF16Transcoding {
  /// The UTF-16 code units of `text`.
  static func units(of text: String) -> [UInt16] {
    var text = text
    return text.withUTF8 { utf8 in
      [UInt16](unsafeUninitializedCapacity: utf8.count) { out, count in
        let n = utf8.count
        var i = 0
        var o = 0
        while i < n {
          let b0 = UInt32(utf8[i])
          if b0 < 0x80 {
            out[o] = UInt16(b0)
            i += 1
            o += 1
          } else if b0 < 0xE0 {
            out[o] = UInt16((b0 & 0x1F) << 6 | UInt32(utf8[i + 1]) & 0x3F)
            i += 2
            o += 1
          } else if b0 < 0xF0 {
            out[o] = UInt16((b0 & 0x0F) << 12 | (UInt32(utf8[i + 1]) & 0x3F) << 6 | UInt32(utf8[i + 2]) & 0x3F)
            i += 3
            o += 1
          } else {
            let v = (b0 & 0x07) << 18 | (UInt32(utf8[i + 1]) & 0x3F) << 12 | (UInt32(utf8[i + 2]) & 0x3F) << 6
              | UInt32(utf8[i + 3]) & 0x3F
            out[o] = UInt16(0xD800 + ((v - 0x10000) >> 10))
            out[o + 1] = UInt16(0xDC00 + ((v - 0x10000) & 0x3FF))
            i += 4
            o += 2
          }
        }
        count = o
      }
    }
  }
}
