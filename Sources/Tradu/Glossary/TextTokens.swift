/// The tokens of a text: its word-break pieces that are not white space, each with the number
/// of its key in the matcher's ``KeyTable`` (-1 when no term uses that key).
///
/// The pieces are ICU's word breaks (UAX #29). Lines made only of Latin letters, digits,
/// combining accents and common punctuation, which is nearly all of a Romanian article, are cut
/// by ``WordBreakClass`` rules that give ICU's breaks for those characters at a fraction of
/// the cost; any other line goes to ICU.
struct TextTokens {
  /// One token: where it stands in ``units``, its key's number (-1 when no term uses it) and
  /// whether ICU counts it a word (or number).
  struct Token {
    var range: Range<Int>
    var key: Int32
    var isWord: Bool
  }

  /// The tokens, in text order: one array, so that adding a token is one append.
  var items: [Token] = []
  /// The whole text; the tokens' ranges are offsets into it.
  let units: [UInt16]
  private var scratch: [UInt16] = []
  private var points: [(at: Int, dot: Bool)] = []
  /// Which tokens whose key no term uses are left out; a matcher that never looks at them
  /// spares their storage (see ``UnkeyedTokens``).
  var unkeyed = UnkeyedTokens.kept
  /// The keys of the tokens found the general way, by their units as written: a cache that
  /// lives as long as these tokens (one text), never shared.
  private var generalKeys: [[UInt16]: Int32] = [:]

  var count: Int { items.count }

  /// Every token's range (a new array: for tests and short texts, not hot loops).
  var ranges: [Range<Int>] { items.map(\.range) }
  /// Every token's key number (a new array).
  var keys: [Int32] { items.map(\.key) }
  /// Every token's word status (a new array).
  var isWord: [Bool] { items.map(\.isWord) }

  /// The tokens of all of `units`, keys looked up in `table` (all -1 without one); with
  /// `fastLines` false, every line goes to ICU.
  init(_ units: [UInt16], table: KeyTable? = nil, iterator: ICU.BreakIterator? = nil, fastLines: Bool = true) throws(ICUError) {
    self.units = units
    let breaker = WordBreaker(iterator)
    try tokenize(0..<units.count, table: table, breaker: breaker, fastLines: fastLines)
  }

  /// An empty token list over `units`, to be filled span by span with
  /// ``tokenize(_:table:breaker:fastLines:)``.
  init(over units: [UInt16]) {
    self.units = units
  }

  /// Replaces the tokens with those of `units[span]`; `span` must start and end at places where
  /// ICU always breaks (the text's ends, or just after a line break).
  mutating func tokenize(_ span: Range<Int>, table: KeyTable?, breaker: WordBreaker, fastLines: Bool = true) throws(ICUError) {
    items.removeAll(keepingCapacity: true)
    let expected = span.count / 5
    if items.capacity < expected { items.reserveCapacity(expected) }
    if let table {
      try table.withLookup { (lookup) throws(ICUError) in try tokenize(span, lookup, breaker, fastLines) }
    } else {
      try tokenize(span, nil, breaker, fastLines)
    }
  }

  private mutating func tokenize(_ span: Range<Int>, _ table: KeyLookup?, _ breaker: WordBreaker, _ fastLines: Bool) throws(ICUError) {
    let units = self.units
    try units.withUnsafeBufferPointer { (whole) throws(ICUError) in
      guard fastLines else {
        try icuPieces(span, whole, table, breaker.iterator())
        return
      }
      // Where a word's key is folded: the table's room, or (without a table, when nothing is
      // folded) a few units of this thread's stack.
      try withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 4) { (noRoom) throws(ICUError) in
        // Where the leaf that steps over unkeyed words puts the keyed tokens it finds.
        try withUnsafeTemporaryAllocation(of: Token.self, capacity: Self.quickRoom) { (found) throws(ICUError) in
        try WordBreakClass.lexicon.withUnsafeBufferPointer { (entries) throws(ICUError) in
          let lexicon = entries.baseAddress!
          let out = table?.out.baseAddress ?? noRoom.baseAddress!
          var lineStart = span.lowerBound
          while lineStart < span.upperBound {
            // A line break always stands alone (UAX #29 WB3a, WB3b): lines are cut separately.
            let before = items.count
            if let lineEnd = fastLine(from: lineStart, limit: span.upperBound, whole, lexicon, table, out, found.baseAddress!) {
              lineStart = lineEnd + 1  // the line break is white space
              continue
            }
            items.removeSubrange(before...)
            var lineEnd = lineStart
            while lineEnd < span.upperBound && WordBreakClass.of(lexicon[Int(whole[lineEnd])]) != WordBreakClass.lineBreak {
              lineEnd += 1
            }
            try icuPieces(lineStart..<lineEnd, whole, table, breaker.iterator())
            lineStart = lineEnd + 1
          }
        }
        }
      }
    }
  }

  /// Cuts the line that starts at `start` and ends at the first line break before `limit` (or
  /// at `limit`) as ICU would, adding its pieces, and returns where it ends; nil (with some
  /// pieces perhaps added) when the line holds a case these rules leave to ICU: a character
  /// they do not cover, or a combining mark or soft hyphen that does not follow a letter or
  /// digit. A word's key is folded as it is read (one ``WordBreakClass/lexicon`` load a unit
  /// gives both its class and its fold) into `out` and hashed once it ends.
  private mutating func fastLine(
    from start: Int, limit end: Int, _ whole: UnsafeBufferPointer<UInt16>, _ lexicon: UnsafePointer<UInt32>,
    _ table: KeyLookup?, _ out: UnsafeMutablePointer<UInt16>, _ found: UnsafeMutablePointer<Token>
  ) -> Int? {
    typealias C = WordBreakClass
    // `out`: the folded units of the word being read; without a table no key is looked up.
    let dropUnkeyedWords = unkeyed == .leftOut
    var i = start
    while i < end {
      if dropUnkeyedWords, let table {
        // Spaces, the words and one-character pieces no term uses are stepped over in a leaf
        // of their own, which hands back the keyed ones it passes (at most `quickRoom` a call)
        // and stops at anything else, read below.
        let (stop, count) = Self.quickTokens(from: i, limit: end, whole.baseAddress!, lexicon, table, out, into: found)
        if count > 0 { items.append(contentsOf: UnsafeBufferPointer(start: found, count: count)) }
        i = stop
        if count == Self.quickRoom { continue }
        guard i < end else { break }
      }
      let first = lexicon[Int(whole[i])]
      let c = C.of(first)
      switch c {
      case C.letter, C.upper, C.digit, C.extendNumLet, C.letterFoldedApart:
        let pieceStart = i
        // Most words are a letter, then lower-case letters, then a space or a mark that no
        // rule joins across: read in a tight loop, one load and one test a letter. Any other
        // word is read again by `word(from:…)`.
        if let table, c == C.letter || c == C.upper, UInt16(truncatingIfNeeded: first) != FoldTables.needsGeneralPath {
          out[0] = UInt16(truncatingIfNeeded: first)
          var n = 1
          i += 1
          var entry = C.lineBreakEntry
          if i < end {
            let stop = end - i < KeyLookup.quickLength - 1 ? end : i + KeyLookup.quickLength - 1
            (i, n, entry) = Self.foldLowerCase(from: i, stop: stop, whole.baseAddress!, lexicon, into: out, at: n)
          }
          if i == end || C.endsWord(entry) || C.endsWordAtJoiner(entry, next: i + 1 < end ? lexicon[Int(whole[i + 1])] : C.lineBreakEntry) {
            // Most words have no key: their first units and length tell most of them at once.
            let firstUnits = UnsafeRawPointer(out).loadUnaligned(as: UInt64.self) & KeyTable.firstUnitsMask(n)
            let key = table.mayHold(firstWord: firstUnits, count: n)
              ? table.find(folded: UnsafeBufferPointer(start: out, count: n), hash: KeyTable.hash(padded: out, count: n)) : -1
            if key >= 0 || !dropUnkeyedWords { append(pieceStart..<i, isWord: true, whole, table, key: key) }
            // The space after the word, most often, is stepped over at once.
            if i < end && C.of(entry) == C.space { i += 1 }
            continue
          }
          i = pieceStart
        }
        guard let read = word(from: pieceStart, limit: end, whole, lexicon, table, out) else { return nil }
        i = read.end
        let (key, word, mayBeGlued) = (read.key, read.isWord, read.mayBeGlued)
        // A piece left out as a whole (see `append`) is not even handed on.
        if let key, key < 0, unkeyed != .kept, unkeyed == .leftOut || !word, !(word && mayBeGlued) { continue }
        addPiece(pieceStart..<i, isWord: word, whole, table, mayBeGlued: mayBeGlued, key: key)
      case C.extend, C.complex:
        return nil
      case C.lineBreak:
        return i
      case C.space:
        i += 1
      default:
        // Anything else is a piece of one character (WB999), spaces a run of them (WB3d).
        if !Self.isSpace(whole[i]) {
          var key: Int32?
          let folded = UInt16(truncatingIfNeeded: first)
          if let table, folded != FoldTables.needsGeneralPath, folded != FoldTables.foldsToNothing {
            out[0] = folded
            key = table.find(folded: UnsafeBufferPointer(start: out, count: 1), hash: KeyTable.hash(padded: out, count: 1))
          }
          if key.map({ $0 >= 0 || unkeyed == .kept }) ?? true {
            addPiece(i..<(i + 1), isWord: false, whole, table, mayBeGlued: false, key: key)
          }
        }
        i += 1
      }
    }
    return end
  }

  /// How many keyed tokens ``quickTokens(from:limit:_:_:_:_:into:)`` hands back at most a call.
  static let quickRoom = 64

  /// Steps over spaces, the words that `fastLine` reads on its quick path (a letter with a
  /// one-unit fold, then lower-case letters, then a unit that ends the word) and the pieces of
  /// one character (WB999) with a one-unit fold, from `start` on, and writes to `found` those
  /// whose key a term uses, as `fastLine`'s own loop adds them when unkeyed tokens are left out:
  /// where it stopped and how many it wrote. It stops at the first unit that starts anything
  /// else (a digit, a line break, a word the quick path does not finish, a unit without a
  /// one-unit fold), at `end`, or once it has written ``quickRoom``. A leaf, so that the
  /// table's fields and the loop's values stay in registers from one token to the next.
  @inline(never)
  static func quickTokens(
    from start: Int, limit end: Int, _ whole: UnsafePointer<UInt16>, _ lexicon: UnsafePointer<UInt32>,
    _ table: KeyLookup, _ out: UnsafeMutablePointer<UInt16>, into found: UnsafeMutablePointer<Token>
  ) -> (stop: Int, count: Int) {
    typealias C = WordBreakClass
    var i = start
    var count = 0
    while i < end {
      let first = lexicon[Int(whole[i])]
      let c = C.of(first)
      if c == C.space {
        i &+= 1
        continue
      }
      let folded = UInt16(truncatingIfNeeded: first)
      if c == C.other || c == C.midNum || c == C.midNumLet || c == C.midLetter {
        // A piece of one character, unless it is a space of another class (all from U+1680 on).
        if whole[i] >= 0x1680 && isSpace(whole[i]) {
          i &+= 1
          continue
        }
        guard folded != FoldTables.needsGeneralPath, folded != FoldTables.foldsToNothing else { break }
        out[0] = folded
        let key = table.find(folded: UnsafeBufferPointer(start: out, count: 1), hash: KeyTable.hash(padded: out, count: 1))
        if key >= 0 {
          found[count] = Token(range: i..<(i &+ 1), key: key, isWord: false)
          count &+= 1
        }
        i &+= 1
        if count == quickRoom { break }
        continue
      }
      guard c == C.letter || c == C.upper, folded != FoldTables.needsGeneralPath else { break }
      let wordStart = i
      out[0] = folded
      var n = 1
      i &+= 1
      var entry = C.lineBreakEntry
      if i < end {
        let stop = end &- i < KeyLookup.quickLength &- 1 ? end : i &+ KeyLookup.quickLength &- 1
        (i, n, entry) = foldLowerCaseInline(from: i, stop: stop, whole, lexicon, into: out, at: n)
      }
      guard i == end || C.endsWord(entry)
        || C.endsWordAtJoiner(entry, next: i &+ 1 < end ? lexicon[Int(whole[i &+ 1])] : C.lineBreakEntry)
      else {
        return (wordStart, count)  // read by `fastLine` as before
      }
      let firstUnits = UnsafeRawPointer(out).loadUnaligned(as: UInt64.self) & KeyTable.firstUnitsMask(n)
      if table.mayHold(firstWord: firstUnits, count: n) {
        let key = table.find(folded: UnsafeBufferPointer(start: out, count: n), hash: KeyTable.hash(padded: out, count: n))
        if key >= 0 {
          found[count] = Token(range: wordStart..<i, key: key, isWord: true)
          count &+= 1
          if count == quickRoom { break }
        }
      }
      if i < end && C.of(entry) == C.space { i &+= 1 }
    }
    return (i, count)
  }

  /// Folds the lower-case letters from `start` on into `out[n...]`, up to `stop`: where they
  /// end, how many units `out` then holds, and the lexicon entry of the unit there (of the
  /// last letter read when `stop` ends them). A leaf of its own, so that its few values stay
  /// in registers.
  @inline(never)
  private static func foldLowerCase(
    from start: Int, stop: Int, _ whole: UnsafePointer<UInt16>, _ lexicon: UnsafePointer<UInt32>,
    into out: UnsafeMutablePointer<UInt16>, at n: Int
  ) -> (Int, Int, UInt32) {
    foldLowerCaseInline(from: start, stop: stop, whole, lexicon, into: out, at: n)
  }

  /// ``foldLowerCase(from:stop:_:_:into:at:)``'s work, inlined where it is called.
  @inline(__always)
  private static func foldLowerCaseInline(
    from start: Int, stop: Int, _ whole: UnsafePointer<UInt16>, _ lexicon: UnsafePointer<UInt32>,
    into out: UnsafeMutablePointer<UInt16>, at n: Int
  ) -> (Int, Int, UInt32) {
    let lowerCase = UInt32(WordBreakClass.letter)
    var entry = lexicon[Int(whole[start])]
    guard entry >> 16 == lowerCase else { return (start, n, entry) }
    // One index for both: the text at `i`, the folded units at `i - shift`.
    let shift = start &- n
    var i = start
    repeat {
      out[i &- shift] = UInt16(truncatingIfNeeded: entry)
      i &+= 1
      if i == stop { break }
      entry = lexicon[Int(whole[i])]
    } while entry >> 16 == lowerCase
    return (i, i &- shift, entry)
  }

  /// Reads the word (letters, digits and connectors, with what joins them) that starts at
  /// `start`, as ICU cuts it: where it ends, its key's number (nil when the key needs the
  /// general fold, always without a table), its word status and whether two words may be
  /// glued in it; nil for a case left to ICU. The key is folded into `out`.
  private func word(
    from start: Int, limit end: Int, _ whole: UnsafeBufferPointer<UInt16>, _ lexicon: UnsafePointer<UInt32>,
    _ table: KeyLookup?, _ out: UnsafeMutablePointer<UInt16>
  ) -> (end: Int, key: Int32?, isWord: Bool, mayBeGlued: Bool)? {
    typealias C = WordBreakClass
    let capacity = table == nil ? 0 : KeyLookup.quickLength
    let lowerCase = UInt32(C.letter)
    var i = start
    let first = lexicon[Int(whole[i])]
    let c = C.of(first)
    // WB5, WB8–10, WB13a–b: letters, digits and connectors (_) run together; WB6–7,
    // WB11–12: a middle character joins letter to letter or digit to digit; WB4: marks
    // stay with what they follow.
    // The key as the word is read: its folded units in `out[0..<n]`; given up (`foldable`
    // false) for a unit without a one-unit fold, or past `capacity`, which take the
    // general path.
    var n = 0
    var foldable = table != nil
    @inline(__always) func fold(_ entry: UInt32) {
      guard foldable else { return }
      let folded = UInt16(truncatingIfNeeded: entry)
      if folded == FoldTables.foldsToNothing { return }
      if folded == FoldTables.needsGeneralPath || n == capacity {
        foldable = false
        return
      }
      out[n] = folded
      n += 1
    }
    fold(first)
    var last = c == C.upper || c == C.letterFoldedApart ? C.letter : c
    var lettersOrDigits = c != C.extendNumLet
    var connectors = c == C.extendNumLet ? 1 : 0
    // Whether the word may hold two glued together (see `gluePoints`): a capital after
    // its first letter, a full stop inside, or letters and digits.
    var innerCapital = false
    var innerDot = false
    var letters = last == C.letter
    var digits = c == C.digit
    i += 1
    run: while i < end {
      var entry = lexicon[Int(whole[i])]
      if entry >> 16 == lowerCase {
        // The common case, a run of lower-case letters (each with a one-unit fold), read
        // in a tight loop: one load and one test a letter.
        last = C.letter
        lettersOrDigits = true
        letters = true
        if foldable && n < capacity {
          let room = capacity - n
          let stop = end - i <= room ? end : i + room
          var count = n
          repeat {
            out[count] = UInt16(truncatingIfNeeded: entry)
            count += 1
            i += 1
            if i == stop { break }
            entry = lexicon[Int(whole[i])]
          } while entry >> 16 == lowerCase
          n = count
          if i == stop {
            guard i < end else { break run }
            entry = lexicon[Int(whole[i])]
            if entry >> 16 == lowerCase { foldable = false }  // too long for the quick path
          }
        } else {
          foldable = false
        }
        while entry >> 16 == lowerCase {
          i += 1
          guard i < end else { break run }
          entry = lexicon[Int(whole[i])]
        }
      }
      let d = C.of(entry)
      switch d {
      case C.letterFoldedApart:
        last = C.letter
        lettersOrDigits = true
        letters = true
      case C.upper:
        last = C.letter
        lettersOrDigits = true
        letters = true
        innerCapital = true
      case C.digit:
        last = d
        lettersOrDigits = true
        digits = true
      case C.extendNumLet:
        last = d
        connectors += 1
      case C.extend:
        // ICU gives "_" + mark at a word's end no word status: left to ICU.
        if last == C.extendNumLet { return nil }
      case C.midLetter, C.midNumLet, C.midNum:
        var k = i + 1
        while k < end && C.of(lexicon[Int(whole[k])]) == C.extend { k += 1 }
        guard k < end else { break run }
        let next = C.of(lexicon[Int(whole[k])])
        let after = next == C.upper || next == C.letterFoldedApart ? C.letter : next
        let joinsLetters = last == C.letter && after == C.letter && d != C.midNum
        let joinsDigits = last == C.digit && after == C.digit && d != C.midLetter
        guard joinsLetters || joinsDigits else { break run }
        if whole[i] == 0x2E { innerDot = true }
        while i < k {
          fold(lexicon[Int(whole[i])])
          i += 1
        }
        continue run
      default:
        break run
      }
      fold(entry)
      i += 1
    }
    var key: Int32?
    if foldable, let table {
      // Most words have no key: their first units and length tell most of them at once.
      let firstUnits = UnsafeRawPointer(out).loadUnaligned(as: UInt64.self) & KeyTable.firstUnitsMask(n)
      key = table.mayHold(firstWord: firstUnits, count: n)
        ? table.find(folded: UnsafeBufferPointer(start: out, count: n), hash: KeyTable.hash(padded: out, count: n)) : -1
    }
    // ICU's status: a number or a word when it has a letter or digit, and "__" too.
    return (i, key, lettersOrDigits || connectors >= 2, innerCapital || innerDot || (letters && digits))
  }

  /// The pieces of `whole[span]` as ICU's word-break iterator cuts them, added.
  private mutating func icuPieces(
    _ span: Range<Int>, _ whole: UnsafeBufferPointer<UInt16>, _ table: KeyLookup?, _ it: ICU.BreakIterator
  ) throws(ICUError) {
    let buffer = UnsafeBufferPointer(rebasing: whole[span])
    let base = span.lowerBound
    try it.setText(buffer)
    var start = 0
    while let end = it.next() {
      defer { start = end }
      if end <= start { continue }
      let status = it.ruleStatus
      if status == 0 && (start..<end).allSatisfy({ Self.isSpace(buffer[$0]) }) { continue }
      addPiece((base + start)..<(base + end), isWord: status != 0, whole, table)
    }
  }

  /// Adds a word-break piece: a word is split where two words are glued together (looked for
  /// only when `mayBeGlued`).
  private mutating func addPiece(
    _ piece: Range<Int>, isWord word: Bool, _ whole: UnsafeBufferPointer<UInt16>, _ table: KeyLookup?, mayBeGlued: Bool = true,
    key: Int32? = nil
  ) {
    guard word && mayBeGlued else {
      append(piece, isWord: word, whole, table, key: key)
      return
    }
    Self.gluePoints(whole, piece, into: &points)
    if points.isEmpty {
      append(piece, isWord: true, whole, table, key: key)
      return
    }
    var pieceStart = piece.lowerBound
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
    if pieceStart < piece.upperBound { append(pieceStart..<piece.upperBound, isWord: true, whole, table) }
  }

  /// Adds a token; `key`, when given, is its key's number, already looked up.
  private mutating func append(
    _ range: Range<Int>, isWord word: Bool, _ buffer: UnsafeBufferPointer<UInt16>, _ table: KeyLookup?, key: Int32? = nil
  ) {
    let number = key ?? table.map { lookUp(range, buffer, $0) } ?? -1
    if number < 0 && unkeyed != .kept && (unkeyed == .leftOut || !word) { return }
    items.append(Token(range: range, key: number, isWord: word))
  }

  /// The number of the key of `buffer[range]` in `table`, or -1.
  private mutating func lookUp(_ range: Range<Int>, _ buffer: UnsafeBufferPointer<UInt16>, _ table: KeyLookup) -> Int32 {
    if let key = table.find(quickFolding: buffer, range) { return key }
    // Outside Latin, a key costs ICU calls: each distinct token is folded once per text.
    let written = Array(buffer[range])
    if let key = generalKeys[written] { return key }
    TermKey.fold(buffer, range, into: &scratch)
    let key = scratch.withUnsafeBufferPointer { table.find($0) }
    generalKeys[written] = key
    return key
  }

  /// The key of token `i` as units (for stems, which are compared by prefix).
  func foldedKey(_ i: Int, into key: inout [UInt16]) {
    units.withUnsafeBufferPointer { TermKey.fold($0, items[i].range, into: &key) }
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
    let u = units[items[i].range.lowerBound]
    // Below U+0250 the lexicon's classes tell capitals as ``CharacterKind`` does.
    if u < 0x250 { return WordBreakClass.of(WordBreakClass.lexicon[Int(u)]) == WordBreakClass.upper }
    return CharacterKind(u) == .upper
  }

  /// Whether only spaces (and at most one line break) separate tokens `a` and `b`.
  func separatedBySpaceOrNothing(_ a: Int, _ b: Int) -> Bool {
    let gap = items[a].range.upperBound..<items[b].range.lowerBound
    // Most often nothing or one space.
    if gap.count == 0 || (gap.count == 1 && units[gap.lowerBound] == 0x20) { return true }
    var newlines = 0
    for i in gap {
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
    String(utf16CodeUnits: units[items[i].range])
  }

  /// Whether tokens `r` are exactly `texts`, compared unit by unit without building strings.
  func textsEqual(_ r: Range<Int>, _ texts: ArraySlice<String>) -> Bool {
    guard r.count == texts.count else { return false }
    return units.withUnsafeBufferPointer { whole in
      for (i, text) in zip(r, texts) {
        let token = UnsafeBufferPointer(rebasing: whole[items[i].range])
        let equal = text.utf8.withContiguousStorageIfAvailable { Self.unitsEqual(token, utf8: $0) }
          ?? token.elementsEqual(text.utf16)
        if !equal { return false }
      }
      return true
    }
  }

  /// Whether UTF-16 `units` spell the UTF-8 `bytes`, compared as they are encoded, without
  /// decoding the bytes; a surrogate (rare) is compared through `String`'s UTF-16 view.
  static func unitsEqual(_ units: UnsafeBufferPointer<UInt16>, utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var b = 0
    for unit in units {
      let u = UInt32(unit)
      if u < 0x80 {
        guard b < bytes.count, bytes[b] == UInt8(u) else { return false }
        b += 1
      } else if u < 0x800 {
        guard b + 1 < bytes.count, bytes[b] == UInt8(0xC0 | (u >> 6)), bytes[b + 1] == UInt8(0x80 | (u & 0x3F)) else {
          return false
        }
        b += 2
      } else if UTF16.isLeadSurrogate(unit) || UTF16.isTrailSurrogate(unit) {
        return units.elementsEqual(String(decoding: bytes, as: UTF8.self).utf16)
      } else {
        guard b + 2 < bytes.count, bytes[b] == UInt8(0xE0 | (u >> 12)), bytes[b + 1] == UInt8(0x80 | ((u >> 6) & 0x3F)),
              bytes[b + 2] == UInt8(0x80 | (u & 0x3F)) else { return false }
        b += 3
      }
    }
    return b == bytes.count
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

/// What ``TextTokens`` does with a token whose key no term uses (-1).
///
/// A matcher can leave such tokens out: they start no term and fill no place in one, and
/// leaving one out changes nothing around it, since the tokens it separated are no longer
/// "separated by space or nothing" (its units lie between them).
enum UnkeyedTokens {
  /// Every token is kept.
  case kept
  /// Words are kept (a stem may match them), other tokens left out.
  case wordsKept
  /// Every such token is left out.
  case leftOut
}

/// An ICU word-break iterator, opened the first time a line needs it.
final class WordBreaker {
  private var opened: ICU.BreakIterator?

  init(_ iterator: ICU.BreakIterator? = nil) { opened = iterator }

  func iterator() throws(ICUError) -> ICU.BreakIterator {
    if let opened { return opened }
    let it = try ICU.BreakIterator(.word)
    opened = it
    return it
  }
}

/// The word-break classes of UAX #29 (the ones Latin text needs), per UTF-16 unit.
enum WordBreakClass {
  /// A unit these rules do not handle (other scripts, emoji, surrogates, special spaces): the
  /// line goes to ICU.
  static let complex: UInt8 = 0
  /// A lower-case or uncased letter (and @, a letter to ICU).
  static let letter: UInt8 = 1
  /// An upper-case letter, which the rules treat as `letter` (told apart for glue detection).
  static let upper: UInt8 = 10
  static let digit: UInt8 = 2
  /// Joins letters only: U+00B7, U+2027 (not the colon, as in ICU's root rules).
  static let midLetter: UInt8 = 3
  /// Joins letters or digits: . ' ‘ ’ U+2024.
  static let midNumLet: UInt8 = 4
  /// Joins digits only: , ;
  static let midNum: UInt8 = 5
  /// The connector _.
  static let extendNumLet: UInt8 = 6
  /// Combining marks (U+0300–U+036F) and the soft hyphen, which stay with what they follow.
  static let extend: UInt8 = 7
  /// LF, CR, VT, FF, NEL, LS, PS.
  static let lineBreak: UInt8 = 8
  /// Anything else handled: a piece of its own.
  static let other: UInt8 = 9
  /// Space, tab and no-break space, which separate pieces and are none (WB3d).
  static let space: UInt8 = 11

  /// A letter whose fold is not one unit (ß → ss): a letter to the rules, told apart in
  /// ``lexicon`` only, so that the tight loop over lower-case letters tests each one once.
  static let letterFoldedApart: UInt8 = 12

  /// The class of a ``lexicon`` entry.
  @inline(__always)
  static func of(_ entry: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: entry >> 16) }

  /// Whether a word of letters ends before a middle character (of class `entry`) followed by
  /// a unit of class `next`: a comma or semicolon joins only digits, a full stop, apostrophe
  /// or middle dot only letters (WB6–7, WB11–12), and a mark after it is left to the general
  /// reader.
  @inline(__always)
  static func endsWordAtJoiner(_ entry: UInt32, next: UInt32) -> Bool {
    let c = of(entry)
    guard c == midNum || c == midNumLet || c == midLetter else { return false }
    let n = of(next)
    if n == extend { return false }
    return c == midNum || !(n == letter || n == upper || n == letterFoldedApart)
  }

  /// A ``lexicon`` entry of class ``lineBreak``.
  static let lineBreakEntry = UInt32(lineBreak) << 16

  /// Whether a word ends for sure before a unit of this entry's class, whatever follows:
  /// a space, a line break or a character of its own (not one that may join two words).
  @inline(__always)
  static func endsWord(_ entry: UInt32) -> Bool {
    (1 &<< (entry >> 16)) & (1 << UInt32(space) | 1 << UInt32(lineBreak) | 1 << UInt32(other)) != 0
  }

  /// Every UTF-16 unit's class (``table``, bits 16–23) and its one-unit fold
  /// (``FoldTables/quick``, bits 0–15; ``FoldTables/needsGeneralPath`` from U+2100 on), so
  /// that the word cut reads both with one load. Immutable, so threads share it freely; the
  /// hot loops read it through one pointer taken per text.
  static let lexicon: [UInt32] = {
    let (folds, classes) = (FoldTables.quick, table)
    var entries = [UInt32](repeating: 0, count: 0x10000)
    for unit in 0..<0x10000 {
      let folded = unit < folds.count ? folds[unit] : FoldTables.needsGeneralPath
      var c = classes[unit]
      if c == letter && folded == FoldTables.needsGeneralPath { c = letterFoldedApart }
      entries[unit] = UInt32(c) << 16 | UInt32(folded)
    }
    return entries
  }()

  /// The class of every UTF-16 unit.
  static let table: [UInt8] = {
    var t = [UInt8](repeating: complex, count: 0x10000)
    for u in 0..<0x250 {
      let c: UInt8
      switch u {
      case 0x41...0x5A, 0x61...0x7A, 0x40: c = letter  // ICU counts @ as a letter (e-mail addresses)
      case 0x30...0x39: c = digit
      case 0x2E, 0x27: c = midNumLet
      case 0x2C, 0x3B: c = midNum
      case 0x5F: c = extendNumLet
      case 0x0A...0x0D, 0x85: c = lineBreak
      case 0xAD: c = extend
      case 0xB7: c = midLetter
      case 0xA0..<0x250:
        c = Unicode.Scalar(UInt32(u)).map { $0.properties.isAlphabetic } == true ? letter : other
      default: c = other
      }
      t[u] = c == letter && TextTokens.CharacterKind.classify(UInt16(u)) == .upper ? upper : c
    }
    for u in 0x300...0x36F { t[u] = extend }
    // Dashes, quotes, daggers, bullets, ellipsis, per mille, guillemets (not the bidi
    // controls U+202A–U+202E nor the narrow no-break space U+202F, which joins words).
    for u in 0x2010...0x2027 { t[u] = other }
    for u in 0x2030...0x203E { t[u] = other }
    t[0x2018] = midNumLet
    t[0x2019] = midNumLet
    t[0x2024] = midNumLet
    t[0x2027] = midLetter
    t[0x2028] = lineBreak
    t[0x2029] = lineBreak
    t[0x20AC] = other  // €
    for u in [0x20, 0x09, 0xA0] { t[u] = space }
    return t
  }()
}
