/// The prefix and suffix rules of a Hunspell `.aff` file, applied in reverse: which stems and
/// flags of the `.dic` file would give a word.
///
/// Hunspell stores a dictionary as stems with flags (`rachetă/A`) and rules per flag
/// (`SFX A ă e [^s]ă`: strip "ă", add "e", where the stem ends in a letter other than "s" and
/// then "ă", so "rachetă" gives "rachete"). Instead of expanding every stem (some two million
/// forms for Romanian), a word is taken apart: each rule whose added part ends the word gives
/// one candidate stem, which the dictionary then confirms or not.
///
/// The subset read, which covers Debian's `hunspell-ro`:
/// - `PFX` and `SFX` groups with strip, add and condition (`.`, letters, `[…]`, `[^…]`);
///   a prefix and a suffix together when both groups allow cross products (`Y`);
/// - `FLAG` (one character, `long`, `num`, `UTF-8`), `AF` flag aliases, `NEEDAFFIX`
///   (a stem that is no word by itself), `FORBIDDENWORD`;
/// - `SET UTF-8` only.
///
/// Not applied, so a word they alone would give is not found (never one they would not give):
/// continuation classes on affixes (`add/FLAGS`, two suffixes in a row), compounding,
/// `CIRCUMFIX`, `ICONV`/`OCONV` and `IGNORE`.
public struct HunspellAffixes: Sendable {
  /// A flag, whatever its written form (a character, two characters, a number).
  typealias Flag = UInt64

  /// How the `.dic` and `.aff` files write flags (`FLAG`).
  enum FlagFormat: Sendable {
    /// One character per flag (the default, and `UTF-8`).
    case single
    /// Two characters per flag (`FLAG long`).
    case long
    /// Decimal numbers separated by commas (`FLAG num`).
    case numeric
  }

  /// One element of a rule's condition.
  enum ConditionElement: Sendable, Equatable {
    case any
    case letter(Unicode.Scalar)
    case oneOf(Set<Unicode.Scalar>, negated: Bool)

    func accepts(_ c: Unicode.Scalar) -> Bool {
      switch self {
      case .any: return true
      case .letter(let l): return c == l
      case .oneOf(let set, let negated): return set.contains(c) != negated
      }
    }
  }

  /// One `PFX` or `SFX` line.
  struct Rule: Sendable {
    var flag: Flag
    var strip: [Unicode.Scalar]
    var add: [Unicode.Scalar]
    /// What the start (prefix) or end (suffix) of the stem must be.
    var condition: [ConditionElement]
    /// Whether the rule combines with a rule of the other kind.
    var crossProduct: Bool
  }

  var flagFormat: FlagFormat = .single
  /// `AF` aliases: flag field "3" stands for `aliases[2]`.
  var aliases: [[Flag]] = []
  var needAffix: Flag?
  var forbiddenWord: Flag?
  /// Suffix rules, by their added part.
  private(set) var suffixes: [[Unicode.Scalar]: [Rule]] = [:]
  private(set) var prefixes: [[Unicode.Scalar]: [Rule]] = [:]
  /// The lengths (in scalars) of the added parts, ascending.
  private var suffixLengths: [Int] = []
  private var prefixLengths: [Int] = []

  /// How many `PFX` and `SFX` rules were read.
  public private(set) var ruleCount = 0

  /// Reads the text of an `.aff` file.
  ///
  /// - Throws: ``TraduError/malformedInput(path:line:reason:)`` (with `path`) for a line that
  ///   is not a rule as Hunspell writes it, or an encoding other than UTF-8.
  public init(affText text: String, path: String = "<affixes>") throws(TraduError) {
    var pending: (kind: Substring, name: Substring, flag: Flag, crossProduct: Bool, left: Int, line: Int)?
    var lineNumber = 0
    var aliasCountRead = false
    // Lines and fields cut on bytes (a CR before the LF is a field separator).
    for rawLine in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      var fields = rawLine.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }).map { Substring($0) }
      if let hash = fields.firstIndex(where: { $0.hasPrefix("#") }) { fields.removeSubrange(hash...) }
      guard let keyword = fields.first else { continue }
      func fail(_ reason: String) -> TraduError {
        .malformedInput(path: path, line: lineNumber, reason: reason)
      }
      switch keyword {
      case "SET":
        guard fields.count >= 2 else { throw fail("SET names no encoding") }
        guard fields[1].uppercased() == "UTF-8" else {
          throw fail("the affix file is written in \(fields[1]); only UTF-8 is read (convert it with iconv, and the .dic too)")
        }
      case "FLAG":
        guard fields.count >= 2 else { throw fail("FLAG names no format") }
        switch fields[1].lowercased() {
        case "long": flagFormat = .long
        case "num": flagFormat = .numeric
        case "utf-8": flagFormat = .single
        default: throw fail("unknown FLAG format \"\(fields[1])\" (long, num or UTF-8)")
        }
      case "AF":
        // "AF 3" (the count), then "AF AB" lines.
        guard fields.count >= 2 else { throw fail("AF without flags") }
        if !aliasCountRead {
          aliasCountRead = true
          continue
        }
        aliases.append(parseFlags(fields[1], expandingAliases: false))
      case "NEEDAFFIX", "PSEUDOROOT":
        guard fields.count >= 2 else { throw fail("\(keyword) names no flag") }
        needAffix = parseFlags(fields[1], expandingAliases: false).first
      case "FORBIDDENWORD":
        guard fields.count >= 2 else { throw fail("FORBIDDENWORD names no flag") }
        forbiddenWord = parseFlags(fields[1], expandingAliases: false).first
      case "PFX", "SFX":
        guard fields.count >= 4, let flag = parseFlags(fields[1], expandingAliases: false).first else {
          throw fail("\(keyword) needs a flag and at least two more fields")
        }
        if let group = pending, group.left > 0, group.kind == keyword, group.flag == flag {
          // A rule of the group: flag, strip, add, condition.
          let strip = fields[2] == "0" ? [] : Array(Self.normalized(fields[2]).unicodeScalars)
          // "add/FLAGS": the continuation classes are not applied (see the type's notes).
          let addField = fields[3].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
          let add = addField == "0" ? [] : Array(Self.normalized(addField).unicodeScalars)
          let condition = fields.count >= 5 ? try Self.parseCondition(fields[4], fail) : [.any]
          let rule = Rule(flag: flag, strip: strip, add: add, condition: condition, crossProduct: group.crossProduct)
          if keyword == "SFX" { suffixes[add, default: []].append(rule) } else { prefixes[add, default: []].append(rule) }
          ruleCount += 1
          pending!.left -= 1
        } else {
          // The group's header: flag, cross product (Y/N), rule count.
          guard fields[2] == "Y" || fields[2] == "N", let count = Int(fields[3]), count >= 0 else {
            throw fail("\(keyword) \(fields[1]): expected a header \"\(keyword) \(fields[1]) Y|N COUNT\" or one of its group's rules")
          }
          if let group = pending, group.left > 0 {
            throw fail("the \(group.kind) \(group.name) group of line \(group.line) has \(group.left) rule\(group.left == 1 ? "" : "s") fewer than its header says")
          }
          pending = (keyword, fields[1], flag, fields[2] == "Y", count, lineNumber)
        }
      default:
        continue
      }
    }
    if let group = pending, group.left > 0 {
      throw .malformedInput(path: path, line: group.line,
                            reason: "the \(group.kind) \(group.name) group has \(group.left) rule\(group.left == 1 ? "" : "s") fewer than its header says")
    }
    suffixLengths = Set(suffixes.keys.map(\.count)).sorted()
    prefixLengths = Set(prefixes.keys.map(\.count)).sorted()
    suffixStrips = suffixes.mapValues { Array(Set($0.map(\.strip))) }
    prefixStrips = prefixes.mapValues { Array(Set($0.map(\.strip))) }
  }

  /// The distinct strip parts of the rules, by added part: what ``possibleStems(of:)`` tries.
  private var suffixStrips: [[Unicode.Scalar]: [[Unicode.Scalar]]] = [:]
  private var prefixStrips: [[Unicode.Scalar]: [[Unicode.Scalar]]] = [:]

  /// Every stem that ``candidates(of:)`` may give for `word`, and possibly more: the rules'
  /// conditions, flags and cross products are not looked at, and each stem comes once. What a
  /// dictionary must hold to answer for `word`.
  func possibleStems(of word: [Unicode.Scalar]) -> Set<[Unicode.Scalar]> {
    var stems: Set<[Unicode.Scalar]> = [word]
    addSuffixStems(of: word, to: &stems)
    for length in prefixLengths where length < word.count {
      guard let strips = prefixStrips[Array(word[..<length])] else { continue }
      for strip in strips {
        let stem = strip + Array(word[length...])
        stems.insert(stem)
        addSuffixStems(of: stem, to: &stems)
      }
    }
    return stems
  }

  private func addSuffixStems(of word: [Unicode.Scalar], to stems: inout Set<[Unicode.Scalar]>) {
    for length in suffixLengths where length < word.count {
      guard let strips = suffixStrips[Array(word[(word.count - length)...])] else { continue }
      let root = Array(word[..<(word.count - length)])
      for strip in strips { stems.insert(root + strip) }
    }
  }

  /// The flags of a `.dic` entry's flag field (an `AF` alias number when the file has aliases).
  func flags(_ field: Substring) -> [Flag] {
    parseFlags(field, expandingAliases: true)
  }

  private func parseFlags(_ field: Substring, expandingAliases: Bool) -> [Flag] {
    if expandingAliases && !aliases.isEmpty, let n = Int(field), n >= 1, n <= aliases.count {
      return aliases[n - 1]
    }
    switch flagFormat {
    case .single:
      return field.unicodeScalars.map { Flag($0.value) }
    case .long:
      let scalars = Array(field.unicodeScalars)
      return stride(from: 0, to: scalars.count, by: 2).map { i in
        let second = i + 1 < scalars.count ? Flag(scalars[i + 1].value) : 0
        return Flag(scalars[i].value) << 21 | second
      }
    case .numeric:
      return field.split(separator: ",").compactMap { Flag($0) }
    }
  }

  /// A rule's condition: `.`, or letters and bracketed sets, matched letter by letter.
  private static func parseCondition(_ text: Substring, _ fail: (String) -> TraduError) throws(TraduError) -> [ConditionElement] {
    if text == "." { return [.any] }
    var elements: [ConditionElement] = []
    var scalars = normalized(text).unicodeScalars.makeIterator()
    while let c = scalars.next() {
      switch c {
      case ".":
        elements.append(.any)
      case "[":
        var set: Set<Unicode.Scalar> = []
        var negated = false
        var first = true
        var closed = false
        while let d = scalars.next() {
          if d == "]" { closed = true; break }
          if first && d == "^" { negated = true } else { set.insert(d) }
          first = false
        }
        guard closed else { throw fail("the condition \"\(text)\" opens a [ it never closes") }
        elements.append(.oneOf(set, negated: negated))
      default:
        elements.append(.letter(c))
      }
    }
    return elements
  }

  /// Whether `condition` accepts the end (a suffix rule) or the start (a prefix rule) of `stem`.
  private static func accepts(_ condition: [ConditionElement], _ stem: [Unicode.Scalar], atEnd: Bool) -> Bool {
    if condition.count == 1 && condition[0] == .any { return !stem.isEmpty }
    guard stem.count >= condition.count else { return false }
    let offset = atEnd ? stem.count - condition.count : 0
    for (k, element) in condition.enumerated() where !element.accepts(stem[offset + k]) { return false }
    return true
  }

  /// A stem that may give a word, and the flags it must carry for that.
  struct Candidate: Equatable, Sendable {
    var stem: [Unicode.Scalar]
    /// Empty for the word itself (a stem that is a word by itself).
    var flags: [Flag]
  }

  /// Every stem and flag set from which a rule (or a prefix and a suffix) gives `word`, the
  /// word itself first. `word` is compared as written: pass it in the dictionary's case.
  func candidates(of word: [Unicode.Scalar]) -> [Candidate] {
    var result = [Candidate(stem: word, flags: [])]
    result += suffixCandidates(of: word, crossProductOnly: false)
    for length in prefixLengths where length < word.count {
      guard let rules = prefixes[Array(word[..<length])] else { continue }
      let rest = word[length...]
      for rule in rules {
        let stem = rule.strip + Array(rest)
        guard Self.accepts(rule.condition, stem, atEnd: false) else { continue }
        result.append(Candidate(stem: stem, flags: [rule.flag]))
        guard rule.crossProduct else { continue }
        for s in suffixCandidates(of: stem, crossProductOnly: true) {
          result.append(Candidate(stem: s.stem, flags: [rule.flag] + s.flags))
        }
      }
    }
    return result
  }

  private func suffixCandidates(of word: [Unicode.Scalar], crossProductOnly: Bool) -> [Candidate] {
    var result: [Candidate] = []
    for length in suffixLengths where length < word.count {
      guard let rules = suffixes[Array(word[(word.count - length)...])] else { continue }
      let root = word[..<(word.count - length)]
      for rule in rules where !crossProductOnly || rule.crossProduct {
        let stem = Array(root) + rule.strip
        if Self.accepts(rule.condition, stem, atEnd: true) { result.append(Candidate(stem: stem, flags: [rule.flag])) }
      }
    }
    return result
  }

  /// Whether a stem with flag field `field` gives `candidate`'s word.
  func confirms(_ candidate: Candidate, flagField field: Substring) -> Bool {
    let flags = self.flags(field)
    if candidate.flags.isEmpty {
      return !(needAffix.map(flags.contains) ?? false) && !(forbiddenWord.map(flags.contains) ?? false)
    }
    return candidate.flags.allSatisfy(flags.contains)
  }

  /// The string of `scalars`, written straight as UTF-8 (building a `String.UnicodeScalarView`
  /// scalar by scalar costs some 7,000 instructions a word).
  static func string(_ scalars: [Unicode.Scalar]) -> String {
    String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
      var n = 0
      for scalar in scalars {
        UTF8.encode(scalar) { byte in
          buffer[n] = byte
          n += 1
        }
      }
      return n
    }
  }

  /// ş ţ (cedilla) as ș ț (comma below), as ``RomanianDictionary`` writes words.
  static func normalized(_ text: Substring) -> String {
    // ş is C5 9F and ţ C5 A3 in UTF-8: most words hold neither.
    guard text.utf8.contains(0xC5) else { return String(text) }
    return string(text.unicodeScalars.map { scalar -> Unicode.Scalar in
      switch scalar.value {
      case 0x015F: return "\u{0219}"  // ş → ș
      case 0x0163: return "\u{021B}"  // ţ → ț
      default: return scalar
      }
    })
  }
}
