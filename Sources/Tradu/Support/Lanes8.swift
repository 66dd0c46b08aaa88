/// Tests on eight bytes packed in a `UInt64` (SWAR), to skip plain text quickly.
enum Lanes8 {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  @inline(__always) static func splat(_ v: UInt8) -> UInt64 { ones &* UInt64(v) }

  /// Whether some byte is less than `n` (`n` ≤ 0x80).
  @inline(__always) static func hasLess(_ x: UInt64, _ n: UInt8) -> Bool {
    (x &- splat(n)) & ~x & highs != 0
  }

  /// Whether some byte equals `v`.
  @inline(__always) static func has(_ x: UInt64, _ v: UInt8) -> Bool {
    hasLess(x ^ splat(v), 1)
  }
}
