extension Array where Element == UInt16 {
  /// The UTF-16 code units of `text`: the same as `Array(text.utf16)`, but decoded straight
  /// from the string's UTF-8 storage, eight ASCII bytes at a time.
  ///
  ///     let units = [UInt16](utf16Of: "Știri")   // [0x218, 0x74, 0x69, 0x72, 0x69]
  ///
  /// - Complexity: O(*n*) in the UTF-8 length of `text`.
  public init(utf16Of text: String) {
    var text = text
    self = text.withUTF8 { bytes in
      [UInt16](unsafeUninitializedCapacity: bytes.count) { out, count in
        count = decodeUTF8(bytes, into: out)
      }
    }
  }
}

/// Decodes valid UTF-8 (Swift strings always are) into UTF-16; returns the number of units.
/// `out` must have room for `bytes.count` units, which is always enough.
func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt16>) -> Int {
  guard let src = bytes.baseAddress, let dst = out.baseAddress else { return 0 }
  let n = bytes.count
  var i = 0
  var o = 0
  while i < n {
    // ASCII runs, eight bytes per step, widened to eight units in two 64-bit stores.
    while i + 8 <= n {
      let word = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
      if word & 0x8080_8080_8080_8080 != 0 { break }
      #if _endian(little)
      let out = UnsafeMutableRawPointer(dst + o)
      out.storeBytes(of: widenedBytes(word & 0xFFFF_FFFF), as: UInt64.self)
      out.storeBytes(of: widenedBytes(word >> 32), toByteOffset: 8, as: UInt64.self)
      #else
      for k in 0..<8 { dst[o + k] = UInt16(src[i + k]) }
      #endif
      i += 8
      o += 8
    }
    guard i < n else { break }
    let b0 = UInt32(src[i])
    if b0 < 0x80 {
      dst[o] = UInt16(b0)
      i += 1
      o += 1
    } else if b0 < 0xE0 {
      dst[o] = UInt16(((b0 & 0x1F) << 6) | (UInt32(src[i + 1]) & 0x3F))
      i += 2
      o += 1
    } else if b0 < 0xF0 {
      dst[o] = UInt16(((b0 & 0x0F) << 12) | ((UInt32(src[i + 1]) & 0x3F) << 6) | (UInt32(src[i + 2]) & 0x3F))
      i += 3
      o += 1
    } else {
      let v = ((b0 & 0x07) << 18) | ((UInt32(src[i + 1]) & 0x3F) << 12)
        | ((UInt32(src[i + 2]) & 0x3F) << 6) | (UInt32(src[i + 3]) & 0x3F)
      let w = v - 0x10000
      dst[o] = UInt16(0xD800 + (w >> 10))
      dst[o + 1] = UInt16(0xDC00 + (w & 0x3FF))
      i += 4
      o += 2
    }
  }
  return o
}

/// The four bytes in the low half of `x` as four 16-bit lanes, lowest first (on a
/// little-endian machine: four UTF-16 units of the four ASCII bytes, in memory order).
@inline(__always) func widenedBytes(_ x: UInt64) -> UInt64 {
  let pairs = (x | x << 16) & 0x0000_FFFF_0000_FFFF
  return (pairs | pairs << 8) & 0x00FF_00FF_00FF_00FF
}

/// Finds the UTF-8 offsets of increasing UTF-16 offsets in one string's bytes.
struct UTF16OffsetFinder {
  let bytes: UnsafeBufferPointer<UInt8>
  /// Where the last search stopped: a scalar's first byte (or the end).
  private(set) var byte = 0
  /// The UTF-16 offset of `byte`.
  private(set) var utf16 = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// The UTF-8 offset of the first scalar that starts at or after UTF-16 offset `target` (the
  /// end of the bytes if none does); a target behind the last one gives the last offset.
  mutating func byteOffset(ofUTF16 target: Int) -> Int {
    let count = bytes.count
    guard let base = bytes.baseAddress else { return 0 }
    // Eight bytes at a time while every scalar starting in them is still before `target`:
    // each byte but a continuation byte (10xxxxxx) starts a scalar of one UTF-16 unit, two for
    // a 4-byte one (11110xxx). Eight bytes may end inside a scalar: its continuation bytes
    // then count nothing.
    while byte + 8 <= count {
      let x = UnsafeRawPointer(base + byte).loadUnaligned(as: UInt64.self)
      let units: Int
      if x & Lanes8.highs == 0 {
        units = 8
      } else {
        units = utf16Units(startingIn: x)
      }
      guard utf16 + units < target else { break }
      utf16 += units
      byte += 8
    }
    while byte < count {
      let b = base[byte]
      if b & 0xC0 != 0x80 {
        if utf16 >= target { break }
        utf16 += b >= 0xF0 ? 2 : 1
      }
      byte += 1
    }
    return byte
  }
}

/// How many UTF-16 units the scalars that start in the eight UTF-8 bytes of `x` take: every
/// byte that is not a continuation byte (10xxxxxx) starts one, a four-byte one (11110xxx) two.
@inline(__always) func utf16Units(startingIn x: UInt64) -> Int {
  let starts = scalarsAndPairs(startingIn: x)
  return starts.scalars + starts.pairs
}

/// How many scalars start in the eight UTF-8 bytes of `x` (bytes that are not continuation
/// bytes, 10xxxxxx), and how many of them are four bytes long (11110xxx: a surrogate pair).
@inline(__always) func scalarsAndPairs(startingIn x: UInt64) -> (scalars: Int, pairs: Int) {
  let continuations = (x & ~(x << 1) & Lanes8.highs) >> 7  // one in the low bit of each lane
  let fourByteLeads = (x & (x << 1) & (x << 2) & (x << 3) & Lanes8.highs) >> 7
  // The lanes summed by one multiplication: the generic x86-64 target has no popcnt.
  return (8 - Int((continuations &* Lanes8.ones) >> 56), Int((fourByteLeads &* Lanes8.ones) >> 56))
}
