/// Matching keys for glossary terms: case, diacritics and cedillas folded away.
///
/// `România`, `Romania`, `ROMÂNIA` and `RomânIA` share the key `romania`; `Bucureşti` (cedilla)
/// and `București` (comma below) share `bucuresti`. Keys are for comparison only, never shown.
public enum TermKey {
  /// The key of one token or term.
  public static func fold(_ text: String) -> String {
    var units: [UInt16] = []
    fold(text, into: &units)
    return String(utf16CodeUnits: units[...])
  }

  /// Writes the key of `text` into `key` (emptied first).
  static func fold(_ text: String, into key: inout [UInt16]) {
    key.removeAll(keepingCapacity: true)
    var needsICU = false
    // The table taken once: a static is checked for initialization on every read.
    singleUnitTable.withUnsafeBufferPointer { single in
      for unit in text.utf16 where !appendFolded(unit, single: single, to: &key) {
        needsICU = true
        key.append(unit)
      }
    }
    if needsICU {
      let folded = foldWithICU(String(utf16CodeUnits: key[...]))
      key.removeAll(keepingCapacity: true)
      key.append(contentsOf: folded.utf16)
    }
  }

  /// Writes the key of `units` (all below U+0250) into `key` (emptied first): the same as
  /// folding them as a string.
  static func fold(latin units: ArraySlice<UInt16>, into key: inout [UInt16], tables: FoldTables = .shared) {
    key.removeAll(keepingCapacity: true)
    tables.single.withUnsafeBufferPointer { single in
      for unit in units {
        if unit < 0x80 {
          key.append(unit >= 0x41 && unit <= 0x5A ? unit + 0x20 : unit)
        } else if single[Int(unit)] != 0 {
          key.append(single[Int(unit)])
        } else {
          key.append(contentsOf: tables.latin[Int(unit)])
        }
      }
    }
  }

  /// The key of `units[range]`, a token of a text being searched; `scratch` is reused
  /// between calls to spare an allocation per token.
  static func fold(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, scratch key: inout [UInt16]) -> String {
    fold(units, range, into: &key)
    return String(utf16CodeUnits: key[...])
  }

  /// Writes the key of `units[range]` into `key` (emptied first), without building a string
  /// unless the token is outside Latin.
  static func fold(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, into key: inout [UInt16]) {
    key.removeAll(keepingCapacity: true)
    singleUnitTable.withUnsafeBufferPointer { single in
      for i in range where !appendFolded(units[i], single: single, to: &key) {
        // Rare outside Latin: fold the whole token the slow, general way.
        key.removeAll(keepingCapacity: true)
        key.append(contentsOf: foldWithICU(String(decoding: UnsafeBufferPointer(rebasing: units[range]), as: UTF16.self)).utf16)
        return
      }
    }
  }

  /// Appends the key of one unit to `key` from the Latin tables (a combining mark of
  /// decomposed text, s + U+0326 = ș, adds nothing); false, with nothing appended, for a unit
  /// the tables do not cover, which needs ICU.
  @inline(__always)
  private static func appendFolded(_ unit: UInt16, single: UnsafeBufferPointer<UInt16>,
                                   to key: inout [UInt16]) -> Bool {
    if unit < 0x80 {
      key.append(unit >= 0x41 && unit <= 0x5A ? unit + 0x20 : unit)
    } else if Int(unit) < single.count, single[Int(unit)] != 0 {
      key.append(single[Int(unit)])
    } else if Int(unit) < latinTable.count {
      key.append(contentsOf: latinTable[Int(unit)])
    } else if !(unit >= 0x0300 && unit <= 0x036F) {
      return false
    }
    return true
  }

  /// The most units one unit below U+0250 folds to.
  static let maximumExpansion = latinTable.map(\.count).max() ?? 1

  /// `latinTable` where a unit folds to exactly one unit; 0 where it does not (ß → ss).
  static let singleUnitTable: [UInt16] = latinTable.map { $0.count == 1 ? $0[0] : 0 }

  /// Case folding, canonical decomposition and removal of combining marks, by ICU.
  static func foldWithICU(_ text: String) -> String {
    let folded = (try? ICU.foldCase(text)) ?? text.lowercased()
    let decomposed = (try? ICU.normalize(Array(folded.utf16), to: .nfd)) ?? Array(folded.utf16)
    return String(decoding: decomposed.filter { !isCombiningMark($0) }, as: UTF16.self)
  }

  static func isCombiningMark(_ unit: UInt16) -> Bool {
    (0x0300...0x036F).contains(unit) || (0x1AB0...0x1AFF).contains(unit) || (0x1DC0...0x1DFF).contains(unit)
      || (0x20D0...0x20FF).contains(unit) || (0xFE20...0xFE2F).contains(unit)
  }

  /// The folded form of every code unit below U+0250 (Latin-1, Latin Extended-A and -B),
  /// computed once with ICU so the hot path needs no ICU call.
  static let latinTable: [[UInt16]] = (0..<0x250).map { (value: Int) -> [UInt16] in
    if value < 0x80 {
      let unit = UInt16(value)
      return [unit >= 0x41 && unit <= 0x5A ? unit + 0x20 : unit]
    }
    // Quotes, dashes and other symbols of Latin-1 stay as they are.
    guard let scalar = Unicode.Scalar(UInt32(value)), scalar.properties.isAlphabetic else {
      return [UInt16(value)]
    }
    return Array(foldWithICU(String(Character(scalar))).utf16)
  }
}
