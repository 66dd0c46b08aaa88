/// ISO-8859-16 (Latin-10), Romanian's own legacy charset, decoded and encoded by Tradu itself:
/// some ICU builds (Debian's ICU 72) know the name but ship no converter, and ICU's detector
/// cannot tell it from ISO-8859-2, which turns its „…” quotes and € into Ľ…ľ and ¤.
///
/// Bytes below 0xA0 are the same code points (ASCII and C1); the 96 upper ones follow the
/// published table of ISO/IEC 8859-16:2001.
public enum Latin10 {
  /// The charset's canonical name.
  public static let name = "ISO-8859-16"

  /// True when `charset` names ISO-8859-16 (`ISO-8859-16`, `iso8859-16`, `ISO_8859-16`,
  /// `latin10`, `l10`, `iso-ir-226`), in any case.
  public static func isName(_ charset: String) -> Bool {
    let key = charset.lowercased().filter { $0 != "-" && $0 != "_" }
    return ["iso885916", "latin10", "l10", "isoir226", "iso8859162001"].contains(key)
  }

  /// The code points of bytes 0xA0–0xFF.
  static let upper: [UInt16] = [
    0x00A0, 0x0104, 0x0105, 0x0141, 0x20AC, 0x201E, 0x0160, 0x00A7, // A0–A7
    0x0161, 0x00A9, 0x0218, 0x00AB, 0x0179, 0x00AD, 0x017A, 0x017B, // A8–AF
    0x00B0, 0x00B1, 0x010C, 0x0142, 0x017D, 0x201D, 0x00B6, 0x00B7, // B0–B7
    0x017E, 0x010D, 0x0219, 0x00BB, 0x0152, 0x0153, 0x0178, 0x017C, // B8–BF
    0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0106, 0x00C6, 0x00C7, // C0–C7
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, // C8–CF
    0x0110, 0x0143, 0x00D2, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x015A, // D0–D7
    0x0170, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x0118, 0x021A, 0x00DF, // D8–DF
    0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x0107, 0x00E6, 0x00E7, // E0–E7
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, // E8–EF
    0x0111, 0x0144, 0x00F2, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x015B, // F0–F7
    0x0171, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x0119, 0x021B, 0x00FF, // F8–FF
  ]

  /// The byte of each code point of the upper half.
  private static let bytes: [UInt16: UInt8] = Dictionary(
    uniqueKeysWithValues: upper.enumerated().map { ($0.element, UInt8(0xA0 + $0.offset)) })

  /// Decodes ISO-8859-16 bytes to UTF-16 (every byte is a character).
  public static func decode<Bytes: Collection>(_ bytes: Bytes) -> [UInt16] where Bytes.Element == UInt8 {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count)
    for b in bytes { units.append(b < 0xA0 ? UInt16(b) : upper[Int(b) - 0xA0]) }
    return units
  }

  /// Encodes UTF-16 text in ISO-8859-16.
  ///
  /// - Returns: the bytes, or the UTF-16 offset of the first character the charset lacks.
  public static func encode(_ units: [UInt16]) -> Result<[UInt8], UnencodableCharacter> {
    var out: [UInt8] = []
    out.reserveCapacity(units.count)
    for (offset, u) in units.enumerated() {
      if u < 0xA0 {
        out.append(UInt8(u))
      } else if let b = bytes[u] {
        out.append(b)
      } else {
        return .failure(UnencodableCharacter(offset: offset, unit: u))
      }
    }
    return .success(out)
  }

  /// A character ISO-8859-16 cannot write.
  public struct UnencodableCharacter: Error, Equatable, Sendable, CustomStringConvertible {
    /// Its UTF-16 offset in the text.
    public var offset: Int
    /// Its first UTF-16 unit.
    public var unit: UInt16

    public var description: String {
      "U+\(String(unit, radix: 16, uppercase: true)) at character \(offset) has no byte in ISO-8859-16"
    }
  }

  /// True when `bytes`, legacy 8-bit Romanian text, shows what only ISO-8859-16 explains: a
  /// „…” pair written 0xA5…0xB5 on one line, or € (0xA4) beside a digit; with an ă (0xE3 or
  /// 0xC3, the same byte in ISO-8859-2 and windows-1250) somewhere, and no byte in
  /// 0x80–0x9F (windows-1250 puts its quotes there; ISO-8859-16 has only C1 controls).
  public static func hasTellTales(_ bytes: [UInt8]) -> Bool {
    var sawBreve = false
    var openQuote = false
    var tellTales = 0
    for (i, b) in bytes.enumerated() {
      switch b {
      case 0x80...0x9F: return false
      case 0x0A: openQuote = false
      case 0xE3, 0xC3: sawBreve = true
      case 0xA5: openQuote = true
      case 0xB5:
        if openQuote { tellTales += 1 }
        openQuote = false
      case 0xA4:
        let near = bytes[max(0, i - 2)..<min(bytes.count, i + 3)]
        if near.contains(where: { (0x30...0x39).contains($0) }) { tellTales += 1 }
      default: break
      }
    }
    return sawBreve && tellTales > 0
  }
}
