/// Normalizes Romanian text and records every change, so that every position in the result
/// can be traced back to the original.
///
/// The default profile (``NormalizationRule/defaultProfile``) repairs UTF-8 mojibake, composes
/// to NFC with ICU, turns cedilla letters into comma-below ones, and removes byte-order marks,
/// soft hyphens, zero-width spaces and word joiners. It keeps non-breaking spaces (they are
/// spaces for segmentation and matching), the zero-width joiner (emoji), quotes and dashes.
/// It never removes diacritics, changes case or transliterates.
///
///     let result = try TextNormalizer().normalize("Preşedintele a spus: „Nu.”")
///     result.text        // "Președintele a spus: „Nu.”"
///     result.edits       // [ş → ș at 4..<5, rule .cedilla]
///
/// It also flags what it cannot fix: Cloudflare's `[email protected]` placeholder, U+FFFD, and
/// short runs that might be mojibake.
///
/// - Complexity: O(*n*): one pass over the UTF-16 code units, with ICU's NFC quick check
///   deciding where composition has anything to do.
public struct TextNormalizer: Sendable {
  /// The rules and exemptions.
  public var options: NormalizationOptions

  public init(options: NormalizationOptions = .default) {
    self.options = options
  }

  /// Normalizes the text of `document`.
  public func normalize(_ document: SourceDocument) throws(TraduError) -> NormalizedText {
    try normalize(document.text)
  }

  /// Normalizes `text`.
  public func normalize(_ text: String) throws(TraduError) -> NormalizedText {
    if allowsUTF8Pass, let result = normalizeUTF8(text) { return result }
    return try normalizeUTF16(text)
  }

  /// Normalizes `text` in UTF-16 with ICU: the general pass, for any text and options.
  func normalizeUTF16(_ text: String) throws(TraduError) -> NormalizedText {
    let source = UTF16Transcoding.units(of: text)
    var pass = NormalizationPass(source: source, options: options)
    do {
      try pass.run()
    } catch {
      throw .icu(error)
    }
    var edits = pass.edits
    var output = pass.output
    var flags = pass.flags
    var map = OffsetMap(edits: edits, normalizedStarts: pass.editOutputStarts, normalizedEnds: pass.editOutputEnds)
    // A repair can bring together what then looks like mojibake (`Å` composed from U+212B
    // before `€`). Normalizing the output once more settles it, so that normalizing a
    // normalized text changes nothing; this is rare and bounded.
    var rounds = 0
    while options.rules.contains(.mojibake) && rounds < 4
      && NormalizationPass.mayHoldNewMojibake(output, around: map)
    {
      var again = NormalizationPass(source: output, options: options)
      do {
        try again.run()
      } catch {
        throw .icu(error)
      }
      if again.edits.isEmpty { break }
      flags = again.flags.map {
        TextFlag(kind: $0.kind, range: $0.range, originalRange: map.originalRange(of: $0.originalRange), message: $0.message)
      }
      edits = composeEdits(edits, then: again.edits, intermediate: output, original: source)
      map = OffsetMap(edits: edits)
      output = again.output
      rounds += 1
    }
    flags = (flags + NormalizationPass.artefactFlags(in: output, map: map)).sorted { $0.range.lowerBound < $1.range.lowerBound }
    let normalized = edits.isEmpty ? text : String(utf16CodeUnits: output[...])
    return NormalizedText(original: text, text: normalized, edits: edits, flags: flags, offsetMap: map)
  }
}

/// The edits that take `original` to the final text, given the edits `first` that took it to
/// `intermediate` and the edits `second` that took `intermediate` to the final text.
///
/// An edit of `second` that touches edits of `first` absorbs them into one edit of the
/// original; the others are kept as they were.
func composeEdits(_ first: [TextEdit], then second: [TextEdit], intermediate: [UInt16], original: [UInt16]) -> [TextEdit] {
  // Where each first edit's replacement stands in the intermediate text.
  var placed: [Range<Int>] = []
  placed.reserveCapacity(first.count)
  var shift = 0
  for edit in first {
    let start = edit.range.lowerBound + shift
    let length = edit.replacement.utf16.count
    placed.append(start..<start + length)
    shift += length - edit.range.count
  }
  let firstMap = OffsetMap(edits: first)
  var result: [TextEdit] = []
  result.reserveCapacity(first.count + second.count)
  var k = 0
  for edit in second {
    let r = edit.range
    func overlaps(_ p: Range<Int>) -> Bool {
      p.isEmpty ? (p.lowerBound > r.lowerBound && p.lowerBound < r.upperBound)
        : (p.lowerBound < r.upperBound && p.upperBound > r.lowerBound)
    }
    while k < first.count && !overlaps(placed[k]) && placed[k].lowerBound <= r.lowerBound {
      result.append(first[k])
      k += 1
    }
    var lo = r.lowerBound
    var hi = r.upperBound
    var originalLo = firstMap.originalStart(of: r.lowerBound)
    var originalHi = r.isEmpty ? originalLo : firstMap.originalEnd(of: r.upperBound)
    while k < first.count && overlaps(placed[k]) {
      if placed[k].lowerBound < lo {
        lo = placed[k].lowerBound
      }
      originalLo = min(originalLo, first[k].range.lowerBound)
      if placed[k].upperBound > hi {
        hi = placed[k].upperBound
      }
      originalHi = max(originalHi, first[k].range.upperBound)
      k += 1
    }
    let replacement = Array(intermediate[lo..<r.lowerBound]) + Array(edit.replacement.utf16) + Array(intermediate[r.upperBound..<hi])
    let range = originalLo..<max(originalLo, originalHi)
    result.append(
      TextEdit(
        range: range, original: String(utf16CodeUnits: original[range]),
        replacement: String(utf16CodeUnits: replacement[...]), rule: edit.rule))
  }
  result.append(contentsOf: first[k...])
  return result
}

/// The state of one normalization: the source units, the output so far, edits and flags.
struct NormalizationPass {
  let source: [UInt16]
  let options: NormalizationOptions
  let rules: Set<NormalizationRule>
  /// The rules looked up once (a set lookup per character would hash every time).
  let fixSpaces, fixQuotes, fixDashes, fixEllipsis, fixCedillas, removeInvisibles, removeBOM, fixMojibake: Bool
  var output: [UInt16] = []
  var edits: [TextEdit] = []
  /// Where each edit's replacement starts and ends in the output.
  var editOutputStarts: [Int] = []
  var editOutputEnds: [Int] = []
  var flags: [TextFlag] = []
  /// Source units before this offset are in the output (or replaced by an edit).
  var copied = 0
  /// Whether the document shows clear mojibake, decided on the first ambiguous run.
  var documentHasMojibake: Bool?
  /// The last word checked against the cedilla exemptions, and the verdict.
  var exemptWord: (range: Range<Int>, exempt: Bool)?

  init(source: [UInt16], options: NormalizationOptions) {
    self.source = source
    self.options = options
    self.rules = options.rules
    fixSpaces = rules.contains(.spaces)
    fixQuotes = rules.contains(.quotes)
    fixDashes = rules.contains(.dashes)
    fixEllipsis = rules.contains(.ellipsis)
    fixCedillas = rules.contains(.cedilla)
    removeInvisibles = rules.contains(.invisible)
    removeBOM = rules.contains(.byteOrderMark)
    fixMojibake = rules.contains(.mojibake)
    var table = [Bool](repeating: false, count: 256)
    table[0xAD] = true
    table[0x20] = fixSpaces
    table[0x22] = fixQuotes
    table[0x2D] = fixDashes
    table[0x2E] = fixEllipsis
    if fixMojibake { for u in 0xC2...0xF4 { table[u] = true } }
    interesting = table
    output.reserveCapacity(source.count)
  }

  /// For units below U+0100: whether a rule looks at them.
  let interesting: [Bool]

  /// Strings for single units below U+0250 (the cedilla and comma-below letters among them),
  /// made once: most edits replace one letter with another.
  static let singleUnitStrings: [String] = (0..<0x250).map { String(Character(Unicode.Scalar(UInt16($0))!)) }

  static func singleUnitString(_ unit: UInt16) -> String {
    unit < 0x250 ? singleUnitStrings[Int(unit)] : withUnsafePointer(to: unit) { String(utf16CodeUnits: UnsafeBufferPointer(start: $0, count: 1)) }
  }

  static let protectedEmailMessage =
    "Cloudflare hid an e-mail address here (\"[email protected]\"); it cannot be recovered from the text: take it from the original page or leave it out"
  static let replacementCharacterMessage =
    "U+FFFD: a character was lost in an earlier conversion; check the source for what stood here"

  static func string(_ units: ArraySlice<UInt16>) -> String {
    if units.count == 1, let u = units.first, u < 0x250 { return singleUnitStrings[Int(u)] }
    return String(utf16CodeUnits: units)
  }

  // MARK: Output

  /// Copies the source units between the last copy and `end` to the output.
  mutating func copy(upTo end: Int) {
    if end > copied {
      output.append(contentsOf: source[copied..<end])
      copied = end
    }
  }

  /// Replaces `range` of the source (which starts at the copy point) with `replacement`.
  mutating func edit(_ range: Range<Int>, _ replacement: [UInt16], _ rule: NormalizationRule) {
    copy(upTo: range.lowerBound)
    editOutputStarts.append(output.count)
    edits.append(
      TextEdit(
        range: range, original: Self.string(source[range]), replacement: Self.string(replacement[...]), rule: rule))
    output.append(contentsOf: replacement)
    editOutputEnds.append(output.count)
    copied = range.upperBound
  }

  /// Replaces `range` of the source with one unit (no array to allocate: most edits are these).
  mutating func replace(_ range: Range<Int>, with unit: UInt16, _ rule: NormalizationRule) {
    copy(upTo: range.lowerBound)
    editOutputStarts.append(output.count)
    let replacement = Self.singleUnitString(unit)
    edits.append(TextEdit(range: range, original: Self.string(source[range]), replacement: replacement, rule: rule))
    output.append(unit)
    editOutputEnds.append(output.count)
    copied = range.upperBound
  }

  /// Flags `range` of the source, which is copied unchanged to the output.
  mutating func flag(_ kind: TextFlag.Kind, _ range: Range<Int>, _ message: String) {
    copy(upTo: range.lowerBound)
    let start = output.count
    copy(upTo: range.upperBound)
    flags.append(TextFlag(kind: kind, range: start..<output.count, originalRange: range, message: message))
  }

  // MARK: The pass

  mutating func run() throws(ICUError) {
    let n = source.count
    let nfc = rules.contains(.nfc)
    var yesEnd = nfc ? 0 : n  // source[..<yesEnd] is known to be NFC already
    var i = 0
    while i < n {
      if i >= yesEnd {
        yesEnd = i + (try source.withUnsafeBufferPointer { (b) throws(ICUError) in
          try ICU.normalizedPrefixLength(UnsafeBufferPointer(rebasing: b[i...]), form: .nfc)
        })
        if yesEnd == i {
          i = try composeUnit(at: i)
          yesEnd = i
          continue
        }
      }
      i = skipPlain(from: i, to: yesEnd)
      if i >= n { break }
      if i >= yesEnd { continue }
      let u = source[i]
      if u < 0x80 {
        switch u {
        case 0x20 where fixSpaces: i = collapseSpaces(at: i)
        case 0x22 where fixQuotes: i = fixQuote(at: i)
        case 0x2D where fixDashes: i = fixDash(at: i)
        case 0x2E where fixEllipsis: i = fixEllipsis(at: i)
        default: i += 1
        }
        continue
      }
      switch u {
      case 0x15E, 0x15F, 0x162, 0x163:
        if i + 1 < n && !hasBoundaryBefore(i + 1) {
          // Marks follow (NFC already): fix the letter only where the result stays NFC.
          i = try composeUnit(at: i)
          continue
        }
        if fixCedillas && !isCedillaExempt(at: i) {
          replace(i..<i + 1, with: commaBelow(u), .cedilla)
        }
        i += 1
      case 0xAD, 0x200B, 0x2060:
        if removeInvisibles && boundaryAfterRemoval(at: i) { edit(i..<i + 1, [], .invisible) }
        i += 1
      case 0xFEFF:
        if removeBOM && boundaryAfterRemoval(at: i) { edit(i..<i + 1, [], .byteOrderMark) }
        i += 1
      case 0xC2...0xF4:
        i = fixMojibake ? repairMojibake(at: i, nfcKnownUpTo: yesEnd) : i + 1
      case 0x201C, 0x201D:
        i = fixQuotes ? fixQuote(at: i) : i + 1
      default:
        i += 1
      }
    }
    copy(upTo: n)
  }

  /// The first offset at or after `i` (and before `end`) whose unit some rule looks at; most
  /// text (letters, digits, ș ț ă, spaces when they are kept) is skipped in a tight loop.
  func skipPlain(from i: Int, to end: Int) -> Int {
    source.withUnsafeBufferPointer { p in
      var k = i
      let limit = min(end, p.count)
      while k < limit {
        let u = p[k]
        if u < 0x100 {
          if interesting[Int(u)] { break }
        } else if u >= 0x15E && (u <= 0x163 || u >= 0x2000) {
          break
        }
        k += 1
      }
      return k
    }
  }

  /// Composes the normalization unit at `i` (a starter and what combines with it) with ICU,
  /// fixing cedillas in the result; returns where the unit ends.
  mutating func composeUnit(at i: Int) throws(ICUError) -> Int {
    let n = source.count
    var j = i + scalarWidth(at: i)
    while j < n, !hasBoundaryBefore(j) { j += scalarWidth(at: j) }
    var composed = try source.withUnsafeBufferPointer { (b) throws(ICUError) in
      try ICU.normalize(UnsafeBufferPointer(rebasing: b[i..<j]), to: .nfc)
    }
    var rule = NormalizationRule.nfc
    if rules.contains(.cedilla) && !isCedillaExempt(at: i) && composed.contains(where: isCedillaLetter) {
      let fixed = composed.map { isCedillaLetter($0) ? commaBelow($0) : $0 }
      // ș followed by a mark that sorts before its comma (another cedilla) is not NFC: then
      // the cedilla stays, and normalizing again changes nothing.
      var stable = fixed.count == 1
      if !stable {
        let renormalized = try ICU.normalize(fixed, to: .nfc)
        stable = renormalized == fixed
      }
      if stable {
        composed = fixed
        rule = .cedilla
      }
    }
    if composed.elementsEqual(source[i..<j]) { return j }
    // Record only what changed: a reordering of marks leaves the base letter (and a jamo
    // that follows) alone, and a segment boundary may fall between them.
    var head = 0
    while head < composed.count && i + head < j && composed[head] == source[i + head] { head += 1 }
    var tail = 0
    while tail < composed.count - head && j - tail > i + head && composed[composed.count - 1 - tail] == source[j - 1 - tail] {
      tail += 1
    }
    // Never split a surrogate pair.
    if head > 0 && UTF16.isLeadSurrogate(composed[head - 1]) { head -= 1 }
    if tail > 0 && UTF16.isTrailSurrogate(composed[composed.count - tail]) { tail -= 1 }
    copy(upTo: i + head)
    edit(i + head..<j - tail, Array(composed[head..<composed.count - tail]), rule)
    copy(upTo: j)
    return j
  }

  // MARK: Helpers

  func scalarWidth(at i: Int) -> Int {
    UTF16.isLeadSurrogate(source[i]) && i + 1 < source.count && UTF16.isTrailSurrogate(source[i + 1]) ? 2 : 1
  }

  func scalar(at i: Int) -> Unicode.Scalar? {
    let u = source[i]
    if scalarWidth(at: i) == 2 {
      return Unicode.Scalar(0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(source[i + 1]) - 0xDC00))
    }
    return Unicode.Scalar(u)
  }

  /// Whether the character at `i` starts a new normalization unit (nothing before it combines
  /// with it). Everything below U+0300 does.
  func hasBoundaryBefore(_ i: Int) -> Bool {
    if source[i] < 0x300 { return true }
    guard let s = scalar(at: i) else { return true }  // a lone surrogate
    return ICU.hasNormalizationBoundary(before: s, form: .nfc)
  }

  /// Whether removing the character at `i` leaves NFC text: the next one must not combine with
  /// what stood before the removed one.
  func boundaryAfterRemoval(at i: Int) -> Bool {
    i + 1 >= source.count || hasBoundaryBefore(i + 1)
  }

  func isCedillaLetter(_ u: UInt16) -> Bool { u == 0x15E || u == 0x15F || u == 0x162 || u == 0x163 }

  func commaBelow(_ u: UInt16) -> UInt16 {
    switch u {
    case 0x15E: return 0x218
    case 0x15F: return 0x219
    case 0x162: return 0x21A
    default: return 0x21B
    }
  }

  /// Whether the word around `i` is one whose cedillas are correct (e.g. `Eskişehir`).
  mutating func isCedillaExempt(at i: Int) -> Bool {
    if options.exemptKeys.isEmpty { return false }
    if let last = exemptWord, last.range.contains(i) { return last.exempt }
    var lo = i
    var hi = i + 1
    while lo > 0 && isWordUnit(source[lo - 1]) { lo -= 1 }
    while hi < source.count && isWordUnit(source[hi]) { hi += 1 }
    let word = (try? ICU.normalize(Array(source[lo..<hi]), to: .nfc)).map { String(decoding: $0, as: UTF16.self) }
    let exempt = word.map { options.exemptKeys.contains($0.lowercased()) } ?? false
    exemptWord = (lo..<hi, exempt)
    return exempt
  }

  func isWordUnit(_ u: UInt16) -> Bool {
    guard let s = Unicode.Scalar(u) else { return false }
    return s.properties.isAlphabetic || s.properties.generalCategory == .nonspacingMark
  }

  // MARK: Flags

  /// The artefacts in the normalized `text` (whose edits `map` holds): `[email protected]`
  /// (any spaces, NBSP included, between the words), Cloudflare's e-mail obfuscation whose
  /// address is lost in plain text, and U+FFFD. Found after the repairs, so that mojibake
  /// does not hide them.
  static func artefactFlags(in text: [UInt16], map: OffsetMap) -> [TextFlag] {
    let n = text.count
    func matches(_ word: String, at k: Int) -> Int? {
      var k = k
      for c in word.utf16 {
        guard k < n, text[k] == c else { return nil }
        k += 1
      }
      return k
    }
    var flags: [TextFlag] = []
    var i = 0
    while i < n {
      if text[i] == 0xFFFD {
        flags.append(TextFlag(
          kind: .replacementCharacter, range: i..<i + 1, originalRange: map.originalRange(of: i..<i + 1),
          message: replacementCharacterMessage))
      } else if text[i] == 0x5B, var k = matches("[email", at: i) {
        while k < n, text[k] == 0x20 || text[k] == 0xA0 || text[k] == 0x202F { k += 1 }
        if let end = matches("protected]", at: k) {
          flags.append(TextFlag(
            kind: .protectedEmail, range: i..<end, originalRange: map.originalRange(of: i..<end),
            message: protectedEmailMessage))
          i = end
          continue
        }
      }
      i += 1
    }
    return flags
  }

  // MARK: Mojibake

  /// The byte that Windows-1252 (or Latin-1, for U+0080–U+009F) shows as `u`, if any.
  static func windows1252Byte(_ u: UInt16) -> UInt8? {
    if u < 0x100 { return UInt8(u) }
    switch u {
    case 0x20AC: return 0x80
    case 0x201A: return 0x82
    case 0x0192: return 0x83
    case 0x201E: return 0x84
    case 0x2026: return 0x85
    case 0x2020: return 0x86
    case 0x2021: return 0x87
    case 0x02C6: return 0x88
    case 0x2030: return 0x89
    case 0x0160: return 0x8A
    case 0x2039: return 0x8B
    case 0x0152: return 0x8C
    case 0x017D: return 0x8E
    case 0x2018: return 0x91
    case 0x2019: return 0x92
    case 0x201C: return 0x93
    case 0x201D: return 0x94
    case 0x2022: return 0x95
    case 0x2013: return 0x96
    case 0x2014: return 0x97
    case 0x02DC: return 0x98
    case 0x2122: return 0x99
    case 0x0161: return 0x9A
    case 0x203A: return 0x9B
    case 0x0153: return 0x9C
    case 0x017E: return 0x9E
    case 0x0178: return 0x9F
    default: return nil
    }
  }

  /// Continuation bytes that Windows-1252 shows as letters (ª µ º Š š Œ œ Ž ž Ÿ ƒ) or as a
  /// no-break space: after a lead byte shown as a letter (`Äƒ`, `ÅŸ`, `Â `) they could be real
  /// text, so such a pair alone is not evidence of mojibake.
  static let letterLikeContinuations: Set<UInt16> = [
    0xA0, 0xAA, 0xB5, 0xBA, 0x160, 0x161, 0x152, 0x153, 0x17D, 0x17E, 0x178, 0x192,
  ]

  /// The character that the UTF-8 sequence shown at `i` as Windows-1252 stands for, and the
  /// number of source units it spans; nil when `i` does not start such a sequence.
  func mojibakeCandidate(at i: Int) -> (scalar: Unicode.Scalar, length: Int, ambiguous: Bool)? {
    let lead = source[i]
    let count = lead < 0xE0 ? 2 : (lead < 0xF0 ? 3 : 4)
    guard i + count <= source.count else { return nil }
    var value = UInt32(lead) & (count == 2 ? 0x1F : (count == 3 ? 0x0F : 0x07))
    var ambiguous = count == 2
    for k in 1..<count {
      guard let b = Self.windows1252Byte(source[i + k]), b >= 0x80 && b <= 0xBF else { return nil }
      if k == 1 {
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if lead == 0xE0 && b < 0xA0 || lead == 0xED && b >= 0xA0 || lead == 0xF0 && b < 0x90 || lead == 0xF4 && b >= 0x90 {
          return nil
        }
        // Two letters (`Äƒ`, `ÅŸ`) or a letter and a space (`Â `) could be real text.
        let second = source[i + 1]
        ambiguous = ambiguous && Self.letterLikeContinuations.contains(second)
      }
      value = value << 6 | UInt32(b & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value), Self.isPlausibleRepair(value) else { return nil }
    return (scalar, count, ambiguous)
  }

  /// Repairs the mojibake sequence at `i`, if there is one that round-trips cleanly.
  mutating func repairMojibake(at i: Int, nfcKnownUpTo yesEnd: Int) -> Int {
    guard let candidate = mojibakeCandidate(at: i) else { return i + 1 }
    let end = i + candidate.length
    // The repaired character must not combine with its neighbours, so that the output stays
    // NFC (a repair never needs composing again).
    var units = Array(String(Character(candidate.scalar)).utf16)
    guard ICU.hasNormalizationBoundary(before: candidate.scalar, form: .nfc),
      end >= source.count || hasBoundaryBefore(end),
      (try? ICU.normalize(units, to: .nfc)) == units
    else { return i + 1 }
    if candidate.ambiguous {
      if documentHasMojibake == nil { documentHasMojibake = hasMojibake() }
      if documentHasMojibake == false {
        flag(.possibleMojibake, i..<end,
             "\"\(String(decoding: source[i..<end], as: UTF16.self))\" may be \"\(Character(candidate.scalar))\" as UTF-8 read as Windows-1252; left as is: nothing else in the text looks damaged")
        return end
      }
    }
    if rules.contains(.cedilla), units.count == 1, isCedillaLetter(units[0]), !isCedillaExempt(at: i) {
      units[0] = commaBelow(units[0])
    }
    // A repaired character that could itself start a sequence with what follows (`Ã¢` before
    // `„`) would be read as mojibake again: leave both alone, so that repairs never stack.
    if units.count == 1, (0xC2...0xF4).contains(units[0]), end < source.count,
      let b = Self.windows1252Byte(source[end]), b >= 0x80 && b <= 0xBF
    {
      flag(.possibleMojibake, i..<end,
           "\"\(String(decoding: source[i..<end], as: UTF16.self))\" may be \"\(Character(candidate.scalar))\" as UTF-8 read as Windows-1252; left as is: what follows would make it ambiguous")
      return end
    }
    edit(i..<end, units, .mojibake)
    return end
  }

  /// Whether `text` may hold mojibake next to one of the edits that produced it: a lead
  /// character (U+00C2–U+00F4) at most three units before an edit's end followed by a
  /// character Windows-1252 shows for a continuation byte. Over-inclusive; cheap.
  static func mayHoldNewMojibake(_ text: [UInt16], around map: OffsetMap) -> Bool {
    for edit in 0..<map.count {
      let span = map.normalizedRange(ofEdit: edit)
      var i = max(0, span.lowerBound - 3)
      while i < min(span.upperBound + 1, text.count - 1) {
        if (0xC2...0xF4).contains(text[i]), let b = windows1252Byte(text[i + 1]), b >= 0x80 && b <= 0xBF {
          return true
        }
        i += 1
      }
    }
    return false
  }

  /// Whether a repaired character is one that mojibake plausibly hides: letters, punctuation
  /// and symbols of the scripts and blocks news text uses, and emoji.
  static func isPlausibleRepair(_ value: UInt32) -> Bool {
    switch value {
    case 0xA0...0x24F, 0x370...0x52F, 0x1E00...0x1EFF, 0x2010...0x205F, 0x20A0...0x20CF,
      0x2100...0x214F, 0x2600...0x27BF, 0x1F000...0x1FAFF:
      return true
    default:
      return false
    }
  }

  /// Whether the text shows mojibake beyond doubt: at least one unambiguous sequence and at
  /// least two in all. A pair of letters alone may be real text.
  func hasMojibake() -> Bool {
    var found = 0
    var clear = false
    var i = 0
    while i < source.count {
      if (0xC2...0xF4).contains(source[i]), let c = mojibakeCandidate(at: i) {
        found += 1
        clear = clear || !c.ambiguous
        if found >= 2 && clear { return true }
        i += c.length
      } else {
        i += 1
      }
    }
    return false
  }

  // MARK: Opt-in typography

  /// The last output character (after the copy point is flushed), or nil at the start.
  mutating func previousOutputUnit(before i: Int) -> UInt16? {
    copy(upTo: i)
    return output.last
  }

  mutating func fixQuote(at i: Int) -> Int {
    let u = source[i]
    let previous = previousOutputUnit(before: i)
    let opening: Bool
    if let p = previous {
      opening = p == 0x20 || p == 0xA0 || p == 0x202F || p == 0x09 || isLineTerminatorUnit(p)
        || p == 0x28 || p == 0x5B || p == 0x7B || p == 0x2D || p == 0x2013 || p == 0x2014 || p == 0x201E
    } else {
      opening = true
    }
    let replacement: UInt16 = opening ? 0x201E : 0x201D
    if replacement != u { replace(i..<i + 1, with: replacement, .quotes) }
    return i + 1
  }

  mutating func fixDash(at i: Int) -> Int {
    let n = source.count
    let length = i + 1 < n && source[i + 1] == 0x2D ? 2 : 1
    guard i > 0, isSpace(source[i - 1]), i + length < n, isSpace(source[i + length]) else { return i + length }
    replace(i..<i + length, with: 0x2013, .dashes)
    return i + length
  }

  mutating func fixEllipsis(at i: Int) -> Int {
    let n = source.count
    var j = i
    while j < n && source[j] == 0x2E { j += 1 }
    if j - i == 3 { replace(i..<j, with: 0x2026, .ellipsis) }
    return j
  }

  mutating func collapseSpaces(at i: Int) -> Int {
    var j = i + 1
    while j < source.count && source[j] == 0x20 { j += 1 }
    if j - i > 1 { replace(i..<j, with: 0x20, .spaces) }
    return j
  }

  func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0xA0 || u == 0x202F }

  func isLineTerminatorUnit(_ u: UInt16) -> Bool {
    u == 0x0A || u == 0x0D || u == 0x0B || u == 0x0C || u == 0x85 || u == 0x2028 || u == 0x2029
  }
}
