/// Segmentation rules compiled for matching: word lists folded into hash sets for the native
/// conditions, ICU regular expressions for `/regex/` rules.
///
/// Immutable once built, so a ``Segmenter`` can share it between tasks. Regexes are compiled
/// once; since an ICU regex holds its match state, each call to ``breaks(in:blocks:icuBreaks:)``
/// matches with its own copy of the compiled pattern.
final class RuleEngine: Sendable {
  let base: SegmentationRules.Base
  let steps: [Step]
  /// Whether some native break rule needs the gaps after sentence-ending punctuation, or
  /// (`before` is `any`) every gap.
  let scan: Scan
  let hasRegexRules: Bool
  /// For each step with an `initials` condition, the first step with the same names (so one
  /// answer serves both at a gap); -1 for the others.
  let initialsGroup: [Int]

  /// The answer of an `initials` condition at the current gap, for the steps that share it.
  struct InitialsMemo {
    var group = -1
    var start = 0
    var holds = false
  }

  enum Scan { case none, afterTerminal, everyGap }

  /// One compiled rule (a class, so that trying it at each gap copies nothing).
  final class Step: Sendable {
    let breaks: Bool
    let before: Before
    let unlessAfter: WordSet?
    let after: After
    let except: WordSet?
    /// `(?:before)(?=(?:after))` for regex rules; nil for native ones.
    let pattern: String?
    let isRegex: Bool
    /// The pattern compiled once (nil for native rules, or when it does not compile: then each
    /// call compiles it and reports the syntax error).
    let compiled: CompiledPattern?
    /// The rule as errors name it: its number among the rules and, for a regex rule, its two
    /// patterns as written.
    let label: String

    init(breaks: Bool, before: Before, unlessAfter: WordSet?, after: After, except: WordSet?, pattern: String?,
         label: String = "") {
      self.breaks = breaks
      self.before = before
      self.unlessAfter = unlessAfter
      self.after = after
      self.except = except
      self.pattern = pattern
      self.isRegex = pattern != nil
      self.compiled = pattern.flatMap { try? CompiledPattern($0) }
      self.label = label
    }

    /// A matcher of its own for one call.
    func matcher() throws(ICUError) -> ICU.Regex {
      if let compiled { return try compiled.regex.copy() }
      return try ICU.Regex(pattern ?? "", options: .multiline)
    }
  }

  /// A compiled ICU pattern that is only ever copied, never matched with.
  ///
  /// `@unchecked Sendable`: ICU documents `uregex_clone` as thread-safe, and no match state of
  /// this instance is ever set or read.
  final class CompiledPattern: @unchecked Sendable {
    let regex: ICU.Regex
    init(_ pattern: String) throws(ICUError) {
      regex = try ICU.Regex(pattern, options: .multiline)
    }
  }

  enum Before: Sendable {
    case any, sentenceEnd, questionOrExclamation, ellipsis, labelAtStart
    case abbreviation(WordSet)
    case initials(InitialNames)
  }

  /// The names of an `initials` condition (ș and ț folded with their cedilla look-alikes), and
  /// which units start them (bit `u & 63` of each first unit), so that a word no name can start
  /// is passed over without trying every name.
  struct InitialNames: Equatable, Sendable {
    let names: [[UInt16]]
    let firstUnits: UInt64

    init(_ names: [[UInt16]]) {
      self.names = names
      firstUnits = names.reduce(0) { mask, name in mask | (name.first.map { 1 << ($0 & 63) } ?? ~0) }
    }

    /// Whether some name may start with `u` (folded); false only when none does.
    @inline(__always) func mayStart(with u: UInt16) -> Bool {
      firstUnits & (1 << (u & 63)) != 0
    }
  }

  enum After: Sendable {
    case any, lowercase, capital, digit, enumerationLabel, dialogueDash
  }

  init(_ rules: SegmentationRules) {
    base = rules.base
    var scan = Scan.none
    var hasRegex = false
    steps = rules.rules.enumerated().map { number, rule in
      let lists = rules.lists
      func set(_ names: [String]) -> WordSet? {
        names.isEmpty ? nil : WordSet(RuleRegex.items(names, lists: lists))
      }
      if rule.usesRegex {
        hasRegex = true
        let before = RuleRegex.before(rule, lists: lists)
        let after = RuleRegex.after(rule, lists: lists)
        let pattern = "(?:" + before + ")(?=(?:" + after + "))"
        let label = "\(number + 1) (\(rule.breaks ? "break" : "no-break"): before “\(before)”, after “\(after)”)"
        return Step(breaks: rule.breaks, before: .any, unlessAfter: nil, after: .any, except: nil, pattern: pattern, label: label)
      }
      let before: Before
      switch rule.before {
      case .any: before = .any
      case .sentenceEnd: before = .sentenceEnd
      case .questionOrExclamation: before = .questionOrExclamation
      case .ellipsis: before = .ellipsis
      case .labelAtStart: before = .labelAtStart
      case .abbreviation(let names): before = .abbreviation(WordSet(RuleRegex.items(names, lists: lists)))
      case .initials(let names):
        before = .initials(InitialNames(RuleRegex.items(names, lists: lists).map { Array($0.utf16).map(foldCedilla) }))
      case .regex: preconditionFailure("regex rules take the other path")
      }
      let after: After
      switch rule.after {
      case .any: after = .any
      case .lowercase: after = .lowercase
      case .capital: after = .capital
      case .digit: after = .digit
      case .enumerationLabel: after = .enumerationLabel
      case .dialogueDash: after = .dialogueDash
      case .regex: preconditionFailure("regex rules take the other path")
      }
      if rule.breaks {
        if case .any = before { scan = .everyGap } else if scan == .none { scan = .afterTerminal }
      }
      return Step(breaks: rule.breaks, before: before, unlessAfter: set(rule.unlessAfter), after: after,
                  except: set(rule.except), pattern: nil)
    }
    self.scan = scan
    var groups = [Int](repeating: -1, count: steps.count)
    for (i, step) in steps.enumerated() {
      guard case .initials(let names) = step.before else { continue }
      groups[i] = i
      for j in 0..<i {
        if case .initials(let earlier) = steps[j].before, earlier == names {
          groups[i] = groups[j]
          break
        }
      }
    }
    initialsGroup = groups
    hasRegexRules = hasRegex
  }

  // MARK: Deciding breaks

  /// The UTF-16 offsets where segments start, inside `blocks` (paragraphs) of `units`
  /// (whose line terminators inside blocks are already spaces).
  ///
  /// - Parameters:
  ///   - icuBreaks: ICU's sentence boundaries (used when the base is ICU).
  ///   - deadline: when `/regex/` rules must have finished, on ICU's monotonic clock (0: no
  ///     limit); past it they stop with an error for which ``ICUError/isTimeOut`` holds, and
  ///     whose ``ICUError/operation`` names the rule.
  func breaks(in units: UnsafeBufferPointer<UInt16>, blocks: [Range<Int>], icuBreaks: [Int], deadline: UInt64 = 0)
    throws(ICUError) -> [Int]
  {
    let n = units.count
    // Candidate gaps: (start of the white space, end of it = where the next segment starts).
    var gaps: [Gap] = []
    gaps.reserveCapacity(icuBreaks.count + 16)
    if base == .icu {
      for p in icuBreaks where p > 0 && p < n { gaps.append(Gap(units, around: p, icu: true)) }
    }
    if scan == .afterTerminal {
      // Only gaps after `.!?…` (and closers) can match: look for those characters first.
      var extra: [Gap] = []
      var i = 0
      while i < n {
        // Eight units a step to the next `.`, `!`, `?` or `…`, in C (see `TextScan`).
        i = TextScan.nextSentenceMark(in: units, from: i)
        if i >= n { break }
        i += 1
        var j = i
        while j < n && isCloser(units[j]) { j += 1 }
        guard j < n, isSpaceUnit(units[j]) else { continue }
        var k = j
        while k < n && isSpaceUnit(units[k]) { k += 1 }
        if k < n { extra.append(Gap(start: j, end: k, icu: false)) }
        i = k
      }
      gaps = merge(gaps, extra)
    } else if scan == .everyGap {
      var extra: [Gap] = []
      var i = 0
      while i < n {
        let u = units[i]
        if isSpaceUnit(u) {
          var j = i
          while j < n && isSpaceUnit(units[j]) { j += 1 }
          if i > 0 && j < n {
            extra.append(Gap(start: i, end: j, icu: false))
          }
          i = j
        } else {
          i += 1
        }
      }
      gaps = merge(gaps, extra)
    }
    var regexPositions: [[Int]] = []
    if hasRegexRules {
      let subject = Array(units)
      var extra: [Gap] = []
      for step in steps {
        guard step.isRegex else {
          regexPositions.append([])
          continue
        }
        let regex = try step.matcher()
        if deadline > 0 { try regex.stopMatching(atMonotonicNanoseconds: deadline) }
        try regex.setText(subject)
        var positions: [Int] = []
        var start = 0
        do {
          while start <= n, let match = try regex.firstMatch(from: start) {
            if positions.last != match.upperBound { positions.append(match.upperBound) }
            start = match.lowerBound + 1
          }
        } catch where error.isTimeOut {
          throw ICUError(code: error.code, operation: step.label)
        }
        positions.sort()
        if step.breaks {
          for p in positions where p > 0 && p < n { extra.append(Gap(units, around: p, icu: false)) }
        }
        regexPositions.append(positions)
      }
      extra.sort { $0.start < $1.start }
      gaps = merge(gaps, extra)
    }

    var result: [Int] = []
    result.reserveCapacity(gaps.count)
    let lentSteps = steps.map { Unmanaged.passUnretained($0) }
    var block = 0
    for gap in gaps {
      while block < blocks.count && blocks[block].upperBound <= gap.start { block += 1 }
      guard block < blocks.count, gap.start > blocks[block].lowerBound, gap.end < blocks[block].upperBound else {
        continue
      }
      var decision: Bool? = nil
      var memo = InitialsMemo()
      // The last word before the gap, found once for all rules.
      var t0 = gap.start
      while t0 > 0 && !isSpaceUnit(units[t0 - 1]) { t0 -= 1 }
      for index in steps.indices {
        // `steps` keeps each rule alive, so it is lent to the tests without a retain and a
        // release at every try (86 k of them for 2 MB, ~40 instructions each).
        let matched = lentSteps[index]._withUnsafeGuaranteedRef { step -> Bool in
          if step.isRegex { return Self.contains(regexPositions[index], from: gap.start, through: gap.end) }
          return gap.start < gap.end && matches(step, initialsGroup[index], units, gap, wordStart: t0, &memo)
        }
        if matched {
          decision = steps[index].breaks
          break
        }
      }
      if decision ?? gap.icu { result.append(gap.end) }
    }
    return result
  }

  struct Gap {
    var start: Int
    var end: Int
    var icu: Bool

    init(start: Int, end: Int, icu: Bool) {
      self.start = start
      self.end = end
      self.icu = icu
    }

    /// The run of white space around offset `p`.
    init(_ units: UnsafeBufferPointer<UInt16>, around p: Int, icu: Bool) {
      var a = p
      while a > 0 && isSpaceUnit(units[a - 1]) { a -= 1 }
      var b = p
      while b < units.count && isSpaceUnit(units[b]) { b += 1 }
      self.init(start: a, end: b, icu: icu)
    }
  }

  /// Both lists sorted by start, merged; a gap found in both keeps ICU's mark.
  private func merge(_ x: [Gap], _ y: [Gap]) -> [Gap] {
    if y.isEmpty { return x }
    var out: [Gap] = []
    out.reserveCapacity(x.count + y.count)
    var i = 0
    var j = 0
    while i < x.count || j < y.count {
      let next: Gap
      if j >= y.count || (i < x.count && x[i].start <= y[j].start) {
        next = x[i]
        i += 1
      } else {
        next = y[j]
        j += 1
      }
      if let last = out.last, last.start == next.start {
        out[out.count - 1].icu = last.icu || next.icu
      } else {
        out.append(next)
      }
    }
    return out
  }

  private static func contains(_ sorted: [Int], from lo: Int, through hi: Int) -> Bool {
    var l = 0
    var h = sorted.count
    while l < h {
      let m = (l + h) / 2
      if sorted[m] < lo { l = m + 1 } else { h = m }
    }
    return l < sorted.count && sorted[l] <= hi
  }

  // MARK: Native conditions

  ///
  /// The condition after the gap is tested first: it looks at a unit or two (a digit, a capital,
  /// a dash) and fails at most gaps, where the one before may look a word up in a set. The
  /// conditions have no effects (the memo only keeps an answer), so their order changes nothing.
  private func matches(_ step: Step, _ group: Int, _ u: UnsafeBufferPointer<UInt16>, _ gap: Gap, wordStart t0: Int,
                       _ memo: inout InitialsMemo) -> Bool {
    guard holdsAfter(step.after, u, gap.end) else { return false }
    let a = gap.start
    // The offset the unless-after check looks back from (-1: no such check).
    var checkFrom = -1
    switch step.before {
    case .any:
      break
    case .sentenceEnd:
      guard endsWithTerminal(u, at: a, from: t0) else { return false }
    case .questionOrExclamation:
      var k = a
      while k > t0 && isCloser(u[k - 1]) { k -= 1 }
      guard k > t0, u[k - 1] == 0x3F || u[k - 1] == 0x21 else { return false }
    case .ellipsis:
      var k = a
      while k > t0 && isCloser(u[k - 1]) { k -= 1 }
      guard k > t0 else { return false }
      if u[k - 1] != 0x2026 {
        guard k - 3 >= t0, u[k - 1] == 0x2E, u[k - 2] == 0x2E, u[k - 3] == 0x2E else { return false }
      }
    case .abbreviation(let set):
      guard u[a - 1] == 0x2E else { return false }
      var cs = a - 1
      while cs > t0 && !isOpener(u[cs - 1]) { cs -= 1 }
      guard cs < a - 1, set.contains(u, cs..<(a - 1)) else { return false }
      // Written in capitals ("VS.", "ART."), it is an acronym.
      if cs + 1 < a - 1, isUppercaseLetter(u, cs), isUppercaseLetter(u, cs + scalarWidth(u, cs)) {
        return false
      }
      checkFrom = cs
    case .initials(let names):
      if memo.group != group {
        var cs = a
        while cs > t0 && !isOpener(u[cs - 1]) { cs -= 1 }
        memo = InitialsMemo(group: group, start: cs, holds: cs < a && isInitials(u, cs..<a, names: names))
      }
      guard memo.holds else { return false }
      checkFrom = memo.start
    case .labelAtStart:
      guard isLabel(u, t0..<a), isAtSentenceStart(u, t0) else { return false }
      checkFrom = t0
    }
    if let unless = step.unlessAfter, checkFrom >= 0, precededByWord(u, checkFrom, in: unless) {
      return false
    }
    if let except = step.except, startsWithWord(u, gap.end, in: except) { return false }
    return true
  }

  /// Whether the text from offset `b` (the end of a gap) meets `after`.
  @inline(__always) private func holdsAfter(_ after: After, _ u: UnsafeBufferPointer<UInt16>, _ b: Int) -> Bool {
    let n = u.count
    switch after {
    case .any:
      return true
    case .lowercase:
      return b < n && isLowercaseLetter(u, b)
    case .capital:
      var p = b
      while p < n && isOpener(u[p]) { p += 1 }
      return p < n && isUppercaseLetter(u, p)
    case .digit:
      var p = b
      while p < n && isOpener(u[p]) { p += 1 }
      return p < n && u[p] >= 0x30 && u[p] <= 0x39
    case .enumerationLabel:
      return isEnumerationLabel(u, b)
    case .dialogueDash:
      guard b < n else { return false }
      var p = b + 1
      if u[b] == 0x2013 || u[b] == 0x2014 {
        while p < n && isSpaceUnit(u[p]) { p += 1 }
      } else if u[b] == 0x2D, p < n, isSpaceUnit(u[p]) {
        while p < n && isSpaceUnit(u[p]) { p += 1 }
      } else {
        return false
      }
      while p < n && isOpener(u[p]) { p += 1 }
      return p < n && isUppercaseLetter(u, p)
    }
  }

  /// Whether the text before offset `a` ends with `.`, `!`, `?` or `…` and closers.
  private func endsWithTerminal(_ u: UnsafeBufferPointer<UInt16>, at a: Int, from t0: Int = 0) -> Bool {
    var k = a
    while k > t0 && isCloser(u[k - 1]) { k -= 1 }
    guard k > t0 else { return false }
    let c = u[k - 1]
    return c == 0x2E || c == 0x21 || c == 0x3F || c == 0x2026
  }

  /// `(?:(?:\p{Lu}|NAME)\.)+` over all of `range`.
  private func isInitials(_ u: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, names: InitialNames) -> Bool {
    var p = range.lowerBound
    let end = range.upperBound
    while p < end {
      let width = scalarWidth(u, p)
      if isUppercaseLetter(u, p), p + width < end, u[p + width] == 0x2E {
        p += width + 1
        continue
      }
      guard names.mayStart(with: foldCedilla(u[p])) else { return false }
      var matched = false
      for name in names.names where p + name.count < end && u[p + name.count] == 0x2E {
        var same = true
        for k in 0..<name.count where foldCedilla(u[p + k]) != name[k] {
          same = false
          break
        }
        if same {
          p += name.count + 1
          matched = true
          break
        }
      }
      if !matched { return false }
    }
    return true
  }

  /// `(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[a-zA-Z]|[IVXLCDM]{2,7}|[ivx]{2,5})\.` over all of `range`.
  private func isLabel(_ u: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Bool {
    let lo = range.lowerBound
    let end = range.upperBound - 1
    guard end > lo, u[end] == 0x2E else { return false }
    let count = end - lo
    func all(_ test: (UInt16) -> Bool) -> Bool {
      for i in lo..<end where !test(u[i]) { return false }
      return true
    }
    if count == 1 {
      let c = u[lo] | 0x20
      if c >= 0x61 && c <= 0x7A { return true }
    }
    if (2...7).contains(count), all(isCapitalRomanDigit) { return true }
    if (2...5).contains(count), all({ $0 == 0x69 || $0 == 0x76 || $0 == 0x78 }) { return true }
    // Digit groups of one to three digits separated by single periods.
    var digits = 0
    for i in lo..<end {
      let c = u[i]
      if c >= 0x30 && c <= 0x39 {
        digits += 1
        if digits > 3 { return false }
      } else if c == 0x2E && digits > 0 {
        digits = 0
      } else {
        return false
      }
    }
    return digits > 0
  }

  /// `I`, `V`, `X`, `L`, `C`, `D` or `M`.
  private func isCapitalRomanDigit(_ c: UInt16) -> Bool {
    switch c {
    case 0x49, 0x56, 0x58, 0x4C, 0x43, 0x44, 0x4D: return true
    default: return false
    }
  }

  /// Whether the word starting at `t0` starts a line or follows `.!?…:;` and closers.
  private func isAtSentenceStart(_ u: UnsafeBufferPointer<UInt16>, _ t0: Int) -> Bool {
    var j = t0
    while j > 0 && isSpaceUnit(u[j - 1]) {
      if isLineTerminator(u[j - 1]) { return true }
      j -= 1
    }
    if j == 0 { return true }
    guard j < t0 else { return false }
    while j > 0 && isCloser(u[j - 1]) { j -= 1 }
    guard j > 0 else { return false }
    switch u[j - 1] {
    case 0x2E, 0x21, 0x3F, 0x2026, 0x3A, 0x3B: return true
    default: return false
    }
  }

  /// Whether one space and then a word of `set` (optionally with its period) stand before `p`.
  private func precededByWord(_ u: UnsafeBufferPointer<UInt16>, _ p: Int, in set: WordSet) -> Bool {
    guard p >= 2, isSpaceUnit(u[p - 1]) else { return false }
    let e = p - 1
    var ws = e
    while ws > 0 && !isSpaceUnit(u[ws - 1]) && !isOpener(u[ws - 1]) { ws -= 1 }
    guard ws < e else { return false }
    if set.contains(u, ws..<e) { return true }
    return u[e - 1] == 0x2E && ws < e - 1 && set.contains(u, ws..<(e - 1))
  }

  /// `(?:OPENERS)*(?=\p{Lu})(?i:ITEMS)(?![\p{L}\p{M}\p{N}.])` at `b`.
  private func startsWithWord(_ u: UnsafeBufferPointer<UInt16>, _ b: Int, in set: WordSet) -> Bool {
    let n = u.count
    var p = b
    while p < n && isOpener(u[p]) { p += 1 }
    guard p < n, isUppercaseLetter(u, p) else { return false }
    var j = p
    while j - p <= set.maxLength {
      if j >= n { return set.contains(u, p..<j) }
      let c = u[j]
      if isWordUnit(u, j) {
        j += 1
        continue
      }
      if c != 0x2E && set.contains(u, p..<j) { return true }
      guard c == 0x2D || c == 0x27 || c == 0x2019 else { return false }
      j += 1
    }
    return false
  }

  /// `\((?:[a-z]|[0-9]{1,3}|[ivx]{2,5})\)|(?:[a-z]|[0-9]{1,3})\)|[a-z]\.` at `b`, then white space.
  private func isEnumerationLabel(_ u: UnsafeBufferPointer<UInt16>, _ b: Int) -> Bool {
    let n = u.count
    func isLower(_ c: UInt16) -> Bool { c >= 0x61 && c <= 0x7A }
    func isDigit(_ c: UInt16) -> Bool { c >= 0x30 && c <= 0x39 }
    func spaceAt(_ p: Int) -> Bool { p < n && isSpaceUnit(u[p]) }
    guard b < n else { return false }
    var p = b
    let parenthesized = u[p] == 0x28
    if parenthesized { p += 1 }
    let start = p
    while p < n && (isLower(u[p]) || isDigit(u[p])) && p - start < 6 { p += 1 }
    let body = start..<p
    guard !body.isEmpty, p < n else { return false }
    let count = body.count
    let allDigits = body.allSatisfy { isDigit(u[$0]) }
    let roman = (2...5).contains(count) && body.allSatisfy { u[$0] == 0x69 || u[$0] == 0x76 || u[$0] == 0x78 }
    let letter = count == 1 && isLower(u[start])
    if u[p] == 0x29 {
      if parenthesized { return (letter || (allDigits && count <= 3) || roman) && spaceAt(p + 1) }
      return (letter || (allDigits && count <= 3)) && spaceAt(p + 1)
    }
    return !parenthesized && letter && u[p] == 0x2E && spaceAt(p + 1)
  }
}

// MARK: Character classes

/// Opening quotes and brackets (`"'„“”‘’«([{`), as ``RuleRegex/openers``.
@inline(__always)
func isOpener(_ u: UInt16) -> Bool {
  switch u {
  case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0xAB, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E: return true
  default: return false
  }
}

/// Closing quotes and brackets (`"'”“’»)]}`), as ``RuleRegex/closers``.
@inline(__always)
func isCloser(_ u: UInt16) -> Bool {
  switch u {
  case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0xBB, 0x2019, 0x201C, 0x201D: return true
  default: return false
  }
}

/// ș and ț for their cedilla look-alikes (ş ţ Ş Ţ), other units unchanged.
@inline(__always)
func foldCedilla(_ u: UInt16) -> UInt16 {
  switch u {
  case 0x015F: return 0x0219
  case 0x015E: return 0x0218
  case 0x0163: return 0x021B
  case 0x0162: return 0x021A
  default: return u
  }
}

/// Simple lower-casing plus cedilla folding, for case-insensitive word lists.
@inline(__always)
func foldUnit(_ u: UInt16) -> UInt16 {
  if u < 0x80 { return (u >= 0x41 && u <= 0x5A) ? u | 0x20 : u }
  switch u {
  case 0x015E, 0x015F, 0x0218: return 0x0219
  case 0x0162, 0x0163, 0x021A: return 0x021B
  case 0x0102: return 0x0103
  case 0x00C2: return 0x00E2
  case 0x00CE: return 0x00EE
  default:
    guard let scalar = Unicode.Scalar(u) else { return u }
    let lower = scalar.properties.lowercaseMapping.utf16
    return lower.count == 1 ? lower.first! : u
  }
}

/// The general category of the scalar at `i` (a lone or trailing surrogate counts as a letter
/// continuation, `.otherLetter`).
@inline(__always)
func category(_ u: UnsafeBufferPointer<UInt16>, _ i: Int) -> Unicode.GeneralCategory {
  let c = u[i]
  if c < 0x80 {
    if c >= 0x41 && c <= 0x5A { return .uppercaseLetter }
    if c >= 0x61 && c <= 0x7A { return .lowercaseLetter }
    if c >= 0x30 && c <= 0x39 { return .decimalNumber }
    return .otherPunctuation
  }
  if UTF16.isLeadSurrogate(c), i + 1 < u.count, UTF16.isTrailSurrogate(u[i + 1]) {
    let value = 0x10000 + ((UInt32(c) - 0xD800) << 10) + (UInt32(u[i + 1]) - 0xDC00)
    return Unicode.Scalar(value)!.properties.generalCategory
  }
  guard let scalar = Unicode.Scalar(c) else { return .surrogate }
  return scalar.properties.generalCategory
}

/// Whether the scalar at `i` is an uppercase letter (`category(u, i) == .uppercaseLetter`).
/// ASCII is answered here; anything else by ``category(_:_:)``, out of line: the standard
/// library's `Unicode.GeneralCategory` is a resilient enum, so a function that compares one
/// fetches its metadata and compares through value witnesses (some fifty instructions, at
/// every call of the rules' conditions even when the unit was ASCII).
@inline(__always)
func isUppercaseLetter(_ u: UnsafeBufferPointer<UInt16>, _ i: Int) -> Bool {
  let c = u[i]
  if c < 0x80 { return c &- 0x41 < 26 }
  return nonASCIICategory(u, i, is: .uppercase)
}

/// Whether the scalar at `i` is a lowercase letter (`category(u, i) == .lowercaseLetter`); see
/// ``isUppercaseLetter(_:_:)``.
@inline(__always)
func isLowercaseLetter(_ u: UnsafeBufferPointer<UInt16>, _ i: Int) -> Bool {
  let c = u[i]
  if c < 0x80 { return c &- 0x61 < 26 }
  return nonASCIICategory(u, i, is: .lowercase)
}

enum LetterCase { case uppercase, lowercase }

@inline(never)
private func nonASCIICategory(_ u: UnsafeBufferPointer<UInt16>, _ i: Int, is letterCase: LetterCase) -> Bool {
  category(u, i) == (letterCase == .uppercase ? .uppercaseLetter : .lowercaseLetter)
}

/// 2 for a surrogate pair at `i`, else 1.
@inline(__always)
func scalarWidth(_ u: UnsafeBufferPointer<UInt16>, _ i: Int) -> Int {
  UTF16.isLeadSurrogate(u[i]) && i + 1 < u.count && UTF16.isTrailSurrogate(u[i + 1]) ? 2 : 1
}

/// Whether the unit at `i` belongs to a letter, mark or number (`[\p{L}\p{M}\p{N}]`).
@inline(__always)
func isWordUnit(_ u: UnsafeBufferPointer<UInt16>, _ i: Int) -> Bool {
  let c = u[i]
  if c < 0x80 { return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) }
  if UTF16.isTrailSurrogate(c) { return i > 0 && UTF16.isLeadSurrogate(u[i - 1]) && isWordUnit(u, i - 1) }
  switch category(u, i) {
  case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
    .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
    return true
  default:
    return false
  }
}

/// A case-insensitive set of short words (simple lower-casing, ș/ț folded with ş/ţ).
struct WordSet: Sendable {
  /// Every word's folded units, one after the other: word `k` is `units[starts[k]..<starts[k + 1]]`.
  private var units: [UInt16] = []
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Open addressing by hash: word index + 1, or 0 for an empty slot (a power of two of them,
  /// at most half full).
  private var slots: [Int32]
  private(set) var maxLength = 0

  init(_ words: [String]) {
    var capacity = 8
    while capacity < words.count * 2 { capacity *= 2 }
    slots = [Int32](repeating: 0, count: capacity)
    for word in words {
      let folded = word.utf16.map(foldUnit)
      maxLength = max(maxLength, folded.count)
      let h = Self.hash(folded.lazy)
      let k = hashes.count
      units += folded
      starts.append(units.count)
      hashes.append(h)
      var slot = Self.slot(h, capacity - 1)
      while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
      slots[slot] = Int32(k + 1)
    }
  }

  private static func hash<C: Collection>(_ units: C) -> UInt64 where C.Element == UInt16 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for u in units { h = (h ^ UInt64(u)) &* 0x100_0000_01b3 }
    return h
  }

  @inline(__always) private static func slot(_ h: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: h ^ (h &>> 29)) & mask
  }

  func contains(_ u: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Bool {
    guard range.count <= maxLength, !range.isEmpty else { return false }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for i in range { h = (h ^ UInt64(foldUnit(u[i]))) &* 0x100_0000_01b3 }
    let mask = slots.count - 1
    var slot = Self.slot(h, mask)
    while slots[slot] != 0 {
      let k = Int(slots[slot]) - 1
      if hashes[k] == h && starts[k + 1] - starts[k] == range.count {
        var same = true
        for (offset, i) in range.enumerated() where units[starts[k] + offset] != foldUnit(u[i]) {
          same = false
          break
        }
        if same { return true }
      }
      slot = (slot + 1) & mask
    }
    return false
  }
}
