/// The tokens of a text: ICU word-break pieces that are not white space, each with the number
/// of its key in the matcher's ``KeyTable`` (-1 when no term uses that key).
struct TextTokens {
  var ranges: [Range<Int>] = []
  var keys: [Int32] = []
  var isWord: [Bool] = []
  /// The whole text; `ranges` are offsets into it.
  let units: [UInt16]
  private var scratch: [UInt16] = []
  private var points: [(at: Int, dot: Bool)] = []

  var count: Int { ranges.count }

  /// The tokens of all of `units`, keys looked up in `table` (all -1 without one).
  init(_ units: [UInt16], table: KeyTable? = nil, iterator: ICU.BreakIterator? = nil) throws(ICUError) {
    self.units = units
    let it: ICU.BreakIterator
    if let iterator { it = iterator } else { it = try ICU.BreakIterator(.word) }
    try tokenize(0..<units.count, table: table, iterator: it)
  }

  /// An empty token list over `units`, to be filled span by span with ``tokenize(_:table:iterator:)``.
  init(over units: [UInt16]) {
    self.units = units
  }

  /// Replaces the tokens with those of `units[span]`; `span` must start and end at places where
  /// ICU always breaks (the text's ends, or just after a line break).
  mutating func tokenize(_ span: Range<Int>, table: KeyTable?, iterator it: ICU.BreakIterator) throws(ICUError) {
    ranges.removeAll(keepingCapacity: true)
    keys.removeAll(keepingCapacity: true)
    isWord.removeAll(keepingCapacity: true)
    ranges.reserveCapacity(span.count / 5)
    keys.reserveCapacity(span.count / 5)
    isWord.reserveCapacity(span.count / 5)
    let units = self.units
    try units.withUnsafeBufferPointer { (whole) throws(ICUError) in
      let buffer = UnsafeBufferPointer(rebasing: whole[span])
      let base = span.lowerBound
      try it.setText(buffer)
      var start = 0
      while let end = it.next() {
        defer { start = end }
        if end <= start { continue }
        let status = it.ruleStatus
        if status == 0 && (start..<end).allSatisfy({ Self.isSpace(buffer[$0]) }) { continue }
        if status == 0 {
          append((base + start)..<(base + end), isWord: false, whole, table)
          continue
        }
        Self.gluePoints(whole, (base + start)..<(base + end), into: &points)
        if points.isEmpty {
          append((base + start)..<(base + end), isWord: true, whole, table)
          continue
        }
        var pieceStart = base + start
        for split in points {
          if split.dot {
            if split.at > pieceStart { append(pieceStart..<split.at, isWord: true, whole, table) }
            append(split.at..<(split.at + 1), isWord: false, whole, table)
            pieceStart = split.at + 1
          } else {
            append(pieceStart..<split.at, isWord: true, whole, table)
            pieceStart = split.at
          }
        }
        if pieceStart < base + end { append(pieceStart..<(base + end), isWord: true, whole, table) }
      }
    }
  }

  private mutating func append(_ range: Range<Int>, isWord word: Bool, _ buffer: UnsafeBufferPointer<UInt16>, _ table: KeyTable?) {
    ranges.append(range)
    isWord.append(word)
    guard let table else {
      keys.append(-1)
      return
    }
    TermKey.fold(buffer, range, into: &scratch)
    keys.append(scratch.withUnsafeBufferPointer { table.find($0) })
  }

  /// The key of token `i` as units (for stems, which are compared by prefix).
  func foldedKey(_ i: Int, into key: inout [UInt16]) {
    units.withUnsafeBufferPointer { TermKey.fold($0, ranges[i], into: &key) }
  }

  /// Where an ICU word holds two words glued together, as scraped or concatenated text has
  /// them: "Italia.Șeful" (a full stop before a capital), "FloreștiFinlanda" (a capitalized
  /// word after three or more lower-case letters), "Banat150" (letters then digits).
  /// Abbreviations with dots (S.U.A.) and brand names like SpaceX stay whole.
  static func gluePoints(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> [(at: Int, dot: Bool)] {
    var points: [(at: Int, dot: Bool)] = []
    gluePoints(units, range, into: &points)
    return points
  }

  /// ``gluePoints(_:_:)`` written into `points` (emptied first), to reuse its storage.
  static func gluePoints(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, into points: inout [(at: Int, dot: Bool)]) {
    points.removeAll(keepingCapacity: true)
    var lettersBefore = 0  // letters since the start or the last dot
    var lettersBeforeDot = 0  // letters between the last two dots (or the start and the dot)
    var lowerRun = 0  // lower-case letters just before
    var previous = CharacterKind.other
    for k in range {
      let kind = CharacterKind(units[k])
      if k > range.lowerBound {
        if units[k - 1] == 0x2E, kind == .upper, lettersBeforeDot >= 2 {
          points.append((k - 1, true))
        } else if previous == .lower, kind == .upper, lowerRun >= 3, k + 1 < range.upperBound,
                  CharacterKind(units[k + 1]) == .lower {
          points.append((k, false))
        } else if (previous == .digit && kind.isLetter) || (previous.isLetter && kind == .digit) {
          points.append((k, false))
        }
      }
      previous = kind
      switch kind {
      case .lower: lowerRun += 1; lettersBefore += 1
      case .upper: lowerRun = 0; lettersBefore += 1
      case .mark: break
      default:
        lowerRun = 0
        if units[k] == 0x2E {
          lettersBeforeDot = lettersBefore
          lettersBefore = 0
        }
      }
    }
  }

  /// Whether token `i` starts with a capital letter.
  func startsWithCapital(_ i: Int) -> Bool {
    CharacterKind(units[ranges[i].lowerBound]) == .upper
  }

  /// Whether only spaces (and at most one line break) separate tokens `a` and `b`.
  func separatedBySpaceOrNothing(_ a: Int, _ b: Int) -> Bool {
    var newlines = 0
    for i in ranges[a].upperBound..<ranges[b].lowerBound {
      let u = units[i]
      if u == 0x0A || u == 0x0D || u == 0x2028 || u == 0x2029 {
        newlines += 1
        if newlines > 1 { return false }
      } else if !Self.isSpace(u) {
        return false
      }
    }
    return true
  }

  func texts(_ r: Range<Int>) -> [String] {
    r.map(text)
  }

  /// Token `i` as written.
  func text(_ i: Int) -> String {
    String(utf16CodeUnits: units[ranges[i]])
  }

  /// Whether tokens `r` are exactly `texts`, compared unit by unit without building strings.
  func textsEqual(_ r: Range<Int>, _ texts: [String]) -> Bool {
    guard r.count == texts.count else { return false }
    for (i, text) in zip(r, texts) where !units[ranges[i]].elementsEqual(text.utf16) { return false }
    return true
  }

  /// The coarse class of a UTF-16 unit that glue detection needs.
  enum CharacterKind {
    case lower, upper, digit, mark, other

    init(_ u: UInt16) {
      if Int(u) < Self.table.count {
        self = Self.table[Int(u)]
      } else {
        self = Self.classify(u)
      }
    }

    /// The classes of U+0000–U+024F, computed once.
    static let table: [CharacterKind] = (0..<0x250).map { classify(UInt16($0)) }

    static func classify(_ u: UInt16) -> CharacterKind {
      if u < 0x80 {
        switch u {
        case 0x61...0x7A: return .lower
        case 0x41...0x5A: return .upper
        case 0x30...0x39: return .digit
        default: return .other
        }
      }
      guard let scalar = Unicode.Scalar(u) else { return .other }  // a surrogate half
      let p = scalar.properties
      if p.isLowercase { return .lower }
      if p.isUppercase { return .upper }
      if p.generalCategory == .nonspacingMark { return .mark }
      return p.numericType == .decimal ? .digit : .other
    }

    var isLetter: Bool { self == .lower || self == .upper }
  }

  static func isSpace(_ u: UInt16) -> Bool {
    u == 0x20 || (0x09...0x0D).contains(u) || u == 0xA0 || u == 0x85 || u == 0x1680 || (0x2000...0x200B).contains(u)
      || u == 0x2028 || u == 0x2029 || u == 0x202F || u == 0x205F || u == 0x3000 || u == 0xFEFF
  }
}
