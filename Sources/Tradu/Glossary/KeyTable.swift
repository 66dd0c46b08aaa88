/// Matching keys (see ``TermKey``) numbered 0, 1, 2… in the order they were added, and found
/// straight from UTF-16 code units.
///
/// The matcher compares these numbers instead of strings: a token of the searched text costs one
/// hash probe on its folded units, and a token whose key no term uses (most of them) is told
/// apart without building a string.
struct KeyTable: Sendable {
  /// Every key's units, back to back.
  private var storage: [UInt16] = []
  /// Key `i` is `storage[bounds[i]..<bounds[i + 1]]`.
  private var bounds: [Int32] = [0]
  private var hashes: [UInt32] = []
  /// Open addressing: each bucket holds a key's hash (high 32 bits) and its number + 1 (low
  /// 32 bits; 0 for an empty bucket), so a probe reads one word. The count is a power of two.
  private var buckets: [UInt64] = Array(repeating: 0, count: 16)
  /// One bit per (first four units, length) of every key, eight bits a bucket: most of a
  /// text's words, whose key no term uses, are told apart by one bit, before their whole key
  /// is hashed. A word whose bit is clear has no key here; a set bit proves nothing.
  /// Empty (every word passes) until ``sealFilter()``, so that building a table costs nothing
  /// for it; kept up to date from then on.
  private var filter: [UInt64] = []

  /// The number of keys.
  var count: Int { hashes.count }

  init() {}

  /// An empty table with room for about `capacity` keys before it grows.
  init(capacity: Int) {
    var buckets = 16
    while buckets < capacity * 2 { buckets *= 2 }
    self.buckets = Array(repeating: 0, count: buckets)
    hashes.reserveCapacity(capacity)
    bounds.reserveCapacity(capacity + 1)
    storage.reserveCapacity(capacity * 8)
  }

  /// Adds every key of `other`; returns, for each of its numbers, the number here.
  mutating func intern(contentsOf other: KeyTable) -> [Int32] {
    // Grow once, not step by step.
    var capacity = buckets.count
    while capacity < (count + other.count) * 2 { capacity *= 2 }
    if capacity > buckets.count { rehash(capacity: capacity) }
    return other.storage.withUnsafeBufferPointer { units in
      (0..<other.count).map { id in
        let range = Int(other.bounds[id])..<Int(other.bounds[id + 1])
        return intern(UnsafeBufferPointer(rebasing: units[range]))
      }
    }
  }

  /// The units of key `id`.
  func units(of id: Int32) -> ArraySlice<UInt16> {
    storage[Int(bounds[Int(id)])..<Int(bounds[Int(id) + 1])]
  }

  /// The hash of a key's folded units, four units (one 64-bit word) at a time: a token costs
  /// a multiply per four units rather than one per unit. A text's tokens are hashed with
  /// ``hash(padded:count:)``, which must give the same number.
  @inline(__always)
  static func hash(_ key: UnsafeBufferPointer<UInt16>) -> UInt32 {
    guard let base = key.baseAddress else { return finish(hashSeed) }
    let count = key.count
    var h = hashSeed ^ UInt64(truncatingIfNeeded: count)
    var k = 0
    while k + 4 <= count {
      h = mix(h, UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
      k += 4
    }
    if k < count {
      var word: UInt64 = 0
      var shift: UInt64 = 0
      while k < count {
        word |= UInt64(base[k]) << shift
        shift += 16
        k += 1
      }
      h = mix(h, word)
    }
    return finish(h)
  }

  /// ``hash(_:)`` of `key[0..<count]`, reading the last word whole: `key` must have three
  /// readable units past `count` (whatever they hold).
  @inline(__always)
  static func hash(padded key: UnsafePointer<UInt16>, count: Int) -> UInt32 {
    #if _endian(big)
    return hash(UnsafeBufferPointer(start: key, count: count))
    #else
    var h = hashSeed ^ UInt64(truncatingIfNeeded: count)
    var p = UnsafeRawPointer(key)
    var left = count
    while left >= 4 {
      h = mix(h, p.loadUnaligned(as: UInt64.self))
      p += 8
      left &-= 4
    }
    if left > 0 {
      // The units past the key count as 0, as ``hash(_:)`` packs them (the first unit in the
      // low bits: little-endian, as on every platform Tradu builds for).
      h = mix(h, p.loadUnaligned(as: UInt64.self) & firstUnitsMask(left))
    }
    return finish(h)
    #endif
  }

  private static let hashSeed: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// The mask of the first `count` units (0–4) of a 64-bit word read from UTF-16 units.
  @inline(__always)
  static func firstUnitsMask(_ count: Int) -> UInt64 {
    count >= 4 ? ~0 : (1 &<< UInt64(truncatingIfNeeded: count &* 16)) &- 1
  }

  @inline(__always)
  private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
    let m = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
    return m ^ (m >> 32)
  }

  @inline(__always)
  private static func finish(_ h: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: h)
  }

  /// The number of the key of `units[range]` (see ``TermKey``), or -1: folded and hashed in
  /// one pass into `scratch`, the text's hot path.
  func find(
    folding units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, scratch: inout [UInt16], tables: FoldTables = .shared
  ) -> Int32 {
    let capacity = range.count * tables.maximumExpansion
    if scratch.count < capacity { scratch = [UInt16](repeating: 0, count: max(capacity, 64)) }
    var n = 0
    var latin = true
    scratch.withUnsafeMutableBufferPointer { out in
      tables.single.withUnsafeBufferPointer { single in
        for i in range {
          let unit = units[i]
          if unit < 0x80 {
            let folded = unit >= 0x41 && unit <= 0x5A ? unit + 0x20 : unit
            out[n] = folded
            n += 1
          } else if Int(unit) < single.count, single[Int(unit)] != 0 {
            let folded = single[Int(unit)]
            out[n] = folded
            n += 1
          } else if Int(unit) < tables.latin.count {
            for folded in tables.latin[Int(unit)] {
              out[n] = folded
              n += 1
            }
          } else if unit >= 0x0300 && unit <= 0x036F {
            continue
          } else {
            latin = false
            return
          }
        }
      }
    }
    guard latin else {
      var key: [UInt16] = []
      TermKey.fold(units, range, into: &key)
      return key.withUnsafeBufferPointer { find($0) }
    }
    return scratch.withUnsafeBufferPointer { find(UnsafeBufferPointer(rebasing: $0[0..<n])) }
  }

  /// The number of `key`, or -1 when the table does not hold it.
  func find(_ key: UnsafeBufferPointer<UInt16>) -> Int32 {
    find(key, hash: Self.hash(key))
  }

  private func find(_ key: UnsafeBufferPointer<UInt16>, hash: UInt32) -> Int32 {
    buckets.withUnsafeBufferPointer { buckets in
      storage.withUnsafeBufferPointer { storage in
        bounds.withUnsafeBufferPointer { bounds in
          KeyLookup.probe(key, hash: hash, buckets: buckets, storage: storage, bounds: bounds)
        }
      }
    }
  }

  /// Calls `body` with this table's arrays as pointers, for a hot loop that looks up many
  /// keys without reference counting; the lookup must not escape `body`.
  func withLookup<R, E: Error>(_ body: (KeyLookup) throws(E) -> R) throws(E) -> R {
    // Room for the longest quick token and the three units ``hash(padded:count:)`` reads past it.
    let out = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: KeyLookup.quickLength + 3)
    out.initialize(repeating: 0)
    defer { out.deallocate() }
    let shift = filter.isEmpty ? 0 : UInt64(64 - (filter.count * 64).trailingZeroBitCount)
    let result: Result<R, E> = buckets.withUnsafeBufferPointer { buckets in
      storage.withUnsafeBufferPointer { storage in
        bounds.withUnsafeBufferPointer { bounds in
          filter.withUnsafeBufferPointer { filter in
            FoldTables.quick.withUnsafeBufferPointer { folds in
              let lookup = KeyLookup(
                buckets: buckets, storage: storage, bounds: bounds, filter: filter, filterShift: shift, folds: folds,
                out: out)
              do throws(E) { return .success(try body(lookup)) } catch { return .failure(error) }
            }
          }
        }
      }
    }
    return try result.get()
  }

  /// The number of `key`, or -1.
  func find(_ key: String) -> Int32 {
    let units = Array(key.utf16)
    return units.withUnsafeBufferPointer { find($0) }
  }

  /// The number of `key`, added if new.
  @discardableResult
  mutating func intern(_ key: UnsafeBufferPointer<UInt16>) -> Int32 {
    let hash = Self.hash(key)
    let found = find(key, hash: hash)
    if found >= 0 { return found }
    let id = Int32(count)
    storage.append(contentsOf: key)
    bounds.append(Int32(storage.count))
    hashes.append(hash)
    if count * 2 > buckets.count {
      rehash(capacity: buckets.count * 2)
    } else {
      place(id, hash: hash)
    }
    return id
  }

  /// The number of `key`, added if new.
  @discardableResult
  mutating func intern(_ key: String) -> Int32 {
    let units = Array(key.utf16)
    return units.withUnsafeBufferPointer { intern($0) }
  }

  /// The number of `key`, added if new.
  @discardableResult
  mutating func intern(_ key: [UInt16]) -> Int32 {
    key.withUnsafeBufferPointer { intern($0) }
  }

  private mutating func place(_ id: Int32, hash: UInt32) {
    let mask = buckets.count - 1
    var b = Int(hash) & mask
    while buckets[b] != 0 { b = (b + 1) & mask }
    buckets[b] = UInt64(hash) << 32 | UInt64(id + 1)
    if !filter.isEmpty { setFilterBit(id) }
  }

  /// Builds the filter (see ``filter``) of every key so far; keys added later set their bits.
  mutating func sealFilter() {
    var words = [UInt64](repeating: 0, count: max(1, buckets.count / 8))
    let shift = UInt64(64 - (words.count * 64).trailingZeroBitCount)
    storage.withUnsafeBufferPointer { storage in
      bounds.withUnsafeBufferPointer { bounds in
        words.withUnsafeMutableBufferPointer { words in
          for id in 0..<count {
            let bit = Self.filterBit(of: storage, Int(bounds[id])..<Int(bounds[id + 1]), shift: shift)
            words[bit &>> 6] |= 1 &<< UInt64(bit & 63)
          }
        }
      }
    }
    filter = words
  }

  /// The filter bit of the key `storage[range]`.
  @inline(__always)
  private static func filterBit(of storage: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, shift: UInt64) -> Int {
    var first: UInt64 = 0
    for k in range.lowerBound..<min(range.upperBound, range.lowerBound + 4) {
      first |= UInt64(storage[k]) << (UInt64(k - range.lowerBound) * 16)
    }
    return filterBit(firstWord: first, count: range.count, shift: shift)
  }

  private mutating func setFilterBit(_ id: Int32) {
    let shift = UInt64(64 - (filter.count * 64).trailingZeroBitCount)
    let range = Int(bounds[Int(id)])..<Int(bounds[Int(id) + 1])
    let bit = storage.withUnsafeBufferPointer { Self.filterBit(of: $0, range, shift: shift) }
    filter[bit >> 6] |= 1 << UInt64(bit & 63)
  }

  private mutating func rehash(capacity: Int) {
    buckets = Array(repeating: 0, count: capacity)
    let sealed = !filter.isEmpty
    filter = []
    for id in 0..<count { place(Int32(id), hash: hashes[id]) }
    if sealed { sealFilter() }
  }

  /// The filter bit of a key of `count` units whose first four units (0 past its end) are
  /// `firstWord`, the first unit in the low bits, of a filter of 2^(64 - `shift`) bits.
  @inline(__always)
  static func filterBit(firstWord: UInt64, count: Int, shift: UInt64) -> Int {
    let h = (firstWord &+ UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15) &* 0xD6E8_FEB8_6659_FD93
    return Int(truncatingIfNeeded: h &>> shift)
  }
}

/// ``TermKey``'s folding tables, taken once per text rather than read from their statics for
/// every token.
struct FoldTables: Sendable {
  let single: [UInt16]
  let latin: [[UInt16]]
  let maximumExpansion: Int

  static let shared = FoldTables(
    single: TermKey.singleUnitTable, latin: TermKey.latinTable, maximumExpansion: TermKey.maximumExpansion)

  /// In ``quick``: a unit whose fold is not one unit, or that the table does not cover.
  static let needsGeneralPath: UInt16 = 0
  /// In ``quick``: a combining mark, which folding removes.
  static let foldsToNothing: UInt16 = 0xFFFF

  /// The one-unit fold of every unit below U+2100 that has one: Latin letters, digits and
  /// punctuation (from ``TermKey/singleUnitTable``), and the general punctuation and € that
  /// Latin lines hold (quotes, dashes, ellipsis), folded by ICU once. Folding is done unit by
  /// unit here as on the Latin path: case folding and decomposition never join two units
  /// these cover. Immutable; the hot path reads it through a pointer (``KeyLookup/folds``),
  /// without retaining the array.
  static let quick: [UInt16] = {
    var table = [UInt16](repeating: needsGeneralPath, count: 0x2100)
    for unit in 0..<0x250 where TermKey.singleUnitTable[unit] != 0 { table[unit] = TermKey.singleUnitTable[unit] }
    for unit in 0x0300...0x036F { table[unit] = foldsToNothing }
    for unit in Array(0x2010...0x203E) + [0x20AC] {
      guard let scalar = Unicode.Scalar(UInt32(unit)) else { continue }
      let folded = Array(TermKey.foldWithICU(String(Character(scalar))).utf16)
      if folded.count == 1 && folded[0] != needsGeneralPath && folded[0] != foldsToNothing { table[unit] = folded[0] }
    }
    return table
  }()
}

/// A ``KeyTable`` read through pointers (see ``KeyTable/withLookup(_:)``): the text's hot path.
struct KeyLookup {
  /// The longest token folded on the quick path; a longer one takes the general path.
  static let quickLength = 256

  let buckets: UnsafeBufferPointer<UInt64>
  let storage: UnsafeBufferPointer<UInt16>
  let bounds: UnsafeBufferPointer<Int32>
  /// The table's filter (see ``KeyTable/filterBit(firstWord:count:shift:)``).
  let filter: UnsafeBufferPointer<UInt64>
  let filterShift: UInt64
  /// ``FoldTables/quick``.
  let folds: UnsafeBufferPointer<UInt16>
  /// Room for one folded token (``quickLength`` units) and three more.
  let out: UnsafeMutableBufferPointer<UInt16>

  /// The number of the key of `units[range]` when every unit there has a one-unit fold in
  /// ``folds``, or nil, with nothing looked up, for a token that needs ``TermKey``'s general
  /// fold: the number ``KeyTable/find(folding:_:scratch:tables:)`` gives, folded and hashed
  /// in one pass.
  @inline(__always)
  func find(quickFolding units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Int32? {
    guard range.count <= KeyLookup.quickLength else { return nil }
    var n = 0
    for i in range {
      let unit = Int(units[i])
      guard unit < folds.count else { return nil }
      let folded = folds[unit]
      if folded == FoldTables.needsGeneralPath { return nil }
      if folded == FoldTables.foldsToNothing { continue }
      out[n] = folded
      n += 1
    }
    return find(folded: UnsafeBufferPointer(rebasing: out[0..<n]), hash: KeyTable.hash(padded: out.baseAddress!, count: n))
  }

  /// Whether the table may hold a key of `count` units whose first four units are `firstWord`
  /// (the first in the low bits, 0 past the key): false proves it does not.
  @inline(__always)
  func mayHold(firstWord: UInt64, count: Int) -> Bool {
    guard !filter.isEmpty else { return true }
    let bit = KeyTable.filterBit(firstWord: firstWord, count: count, shift: filterShift)
    return filter[bit &>> 6] & (1 &<< UInt64(truncatingIfNeeded: bit & 63)) != 0
  }

  /// The number of `key` (folded units), or -1.
  func find(_ key: UnsafeBufferPointer<UInt16>) -> Int32 {
    find(folded: key, hash: KeyTable.hash(key))
  }

  /// The number of `key` (folded units) whose ``KeyTable/hash(_:)`` is `hash`, or -1.
  @inline(__always)
  func find(folded key: UnsafeBufferPointer<UInt16>, hash: UInt32) -> Int32 {
    Self.probe(key, hash: hash, buckets: buckets, storage: storage, bounds: bounds)
  }

  /// Probes a key table's buckets for `key` (folded units) with hash `hash`: its number, or -1.
  @inline(__always)
  static func probe(_ key: UnsafeBufferPointer<UInt16>, hash: UInt32, buckets: UnsafeBufferPointer<UInt64>,
                    storage: UnsafeBufferPointer<UInt16>, bounds: UnsafeBufferPointer<Int32>) -> Int32 {
    let mask = buckets.count - 1
    var b = Int(hash) & mask
    while true {
      let entry = buckets[b]
      if entry == 0 { return -1 }
      if UInt32(truncatingIfNeeded: entry >> 32) == hash {
        let id = Int(Int32(truncatingIfNeeded: entry) - 1)
        let start = Int(bounds[id])
        if Int(bounds[id + 1]) - start == key.count {
          var k = 0
          while k < key.count && storage[start + k] == key[k] { k += 1 }
          if k == key.count { return Int32(id) }
        }
      }
      b = (b + 1) & mask
    }
  }
}
