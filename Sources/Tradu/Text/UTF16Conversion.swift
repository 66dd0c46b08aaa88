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
  // Sixteen ASCII bytes widened a step, in C (see `CTextScan`).
  TextScan.decodeUTF8(bytes, into: out)
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
