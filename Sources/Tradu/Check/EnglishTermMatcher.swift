/// A place where a target-language term was found in a translation.
public struct TermOccurrence: Equatable, Sendable {
  /// Where it stands, in UTF-16 offsets of the searched text.
  public var range: Range<Int>
  /// The text as written there ("Kremlin's", "Clintons", "Indonesian").
  public var surface: String
  /// The term that was searched for.
  public var term: String
  /// For a near miss, how many edits away from ``term`` it is; 0 otherwise.
  public var distance: Int = 0
}

/// Finds English renderings of glossary targets in a translation, the way a reviewer would.
///
/// Matching is token-aligned (no "Ri" inside "Rich"), case- and diacritic-insensitive
/// ("Brancusi" = "Brâncuși", "Parliament" = "parliament"), except for acronyms, which keep
/// their capitals ("NATO", not "Nato"). A leading "the" of the term is optional
/// ("the Kremlin" is found in "Kremlin officials"). The last word may carry an English ending:
///
/// - the possessive: "Pyongyang's", "Pyongyang’s", "Chambers'" (the apostrophe ends the word);
/// - the plural: "Clintons", "Appeals";
/// - a derivation that keeps the name whole ("Indonesian", "parliamentary", "Brexiteer") or
///   replaces its final vowel ("Chinese", "Italian").
///
///     let m = EnglishTermMatcher()
///     m.occurrences(of: "the Kremlin", in: "The Kremlin's spokesman said")   // ["Kremlin's"]
///     m.occurrences(of: "Ri", in: "Rich people")                             // []
public struct EnglishTermMatcher: Sendable {
  /// Endings accepted after the last word of a term: plural, demonym and derivational.
  public static let endings: Set<String> = [
    "s", "es",
    "n", "an", "ian", "ean", "ese", "ns", "ans", "ians", "eans",
    "ary", "er", "ers", "eer", "eers", "ite", "ites", "ish", "ic",
  ]

  /// The plural endings (the possessive is a separate word after the apostrophe).
  static let pluralEndings: Set<String> = ["s", "es"]

  /// Endings that replace the last letter of a name in demonyms ("Tennessee" → "Tennessean",
  /// "Texas" → "Texan"): a word so formed is not a misspelling of the name.
  static let demonymEndings: Set<String> = ["n", "an", "ian", "ean", "ese", "ns", "ans", "ians", "eans"]

  /// Whether `word` replaces the last letter of `name` with a demonym ending: a final vowel
  /// ("Tennessean", "Chinese", but never a bare "n": "Koren" is no demonym of "Korea") or a
  /// final "s" ("Texan", "Kansans"). Other consonants stay ("Soutn" misspells "South").
  static func replacesLastLetter(_ word: String, of name: String) -> Bool {
    guard let last = name.last else { return false }
    let stem = name.dropLast()
    guard word.hasPrefix(stem) else { return false }
    let ending = String(word.dropFirst(stem.count))
    if "aeiouy".contains(last) { return ending != "n" && ending != "ns" && demonymEndings.contains(ending) }
    return last == "s" && demonymEndings.contains(ending)
  }

  /// The words of terms split in advance (see ``init(terms:)``), by term.
  private let knownTermWords: [String: [TermWord]]
  /// The known terms split for searching, with their article optional and without it.
  private let knownSplits: [String: (optional: SplitTerm, required: SplitTerm)]
  /// What ``nearMisses(of:in:isAllowed:)`` compares with, for each known term.
  private let knownNearMissTerms: [String: NearMissTerm]

  public init() {
    knownTermWords = [:]
    knownSplits = [:]
    knownNearMissTerms = [:]
  }

  /// A matcher that splits `terms` (a glossary's targets and sources) into words once, rather
  /// than on every search, and prepares what each search compares them with.
  init(terms: some Sequence<String>) {
    var known: [String: [TermWord]] = [:]
    for term in terms where known[term] == nil { known[term] = WordTokens(term).termWords }
    knownTermWords = known
    knownSplits = known.mapValues { words in
      (Self.split(Self.articleDropped(words, optionalArticle: true)), Self.split(Self.articleDropped(words, optionalArticle: false)))
    }
    knownNearMissTerms = known.mapValues { words in NearMissTerm(Self.articleDropped(words, optionalArticle: true)) }
  }

  /// `words` without a leading "the" when more words follow and it is optional.
  private static func articleDropped(_ words: [TermWord], optionalArticle: Bool) -> [TermWord] {
    guard optionalArticle && words.count > 1 && words[0].key == "the" else { return words }
    return Array(words.dropFirst())
  }

  /// ``termWords(_:optionalArticle:)``, from the words split in advance when `term` is known.
  func words(of term: String, optionalArticle: Bool = true) -> [TermWord] {
    guard let words = knownTermWords[term] else { return Self.termWords(term, optionalArticle: optionalArticle) }
    return Self.articleDropped(words, optionalArticle: optionalArticle)
  }

  /// The occurrences of `term` in `text`, in text order.
  ///
  /// - Parameter optionalArticle: Whether a leading "the" of the term may be left out (true for
  ///   approved renderings; false for forbidden forms such as "the Ukraine").
  public func occurrences(of term: String, in text: String, optionalArticle: Bool = true) -> [TermOccurrence] {
    occurrences(of: term, in: WordTokens(text), optionalArticle: optionalArticle)
  }

  /// The occurrences of a forbidden form: its article is required and only a possessive or a
  /// plural may follow ("the Ukraine" is not found in "the Ukrainian army").
  public func forbiddenOccurrences(of term: String, in text: String) -> [TermOccurrence] {
    occurrences(of: term, in: WordTokens(text), optionalArticle: false, derived: false)
  }

  /// The words of a term, without a leading "the" when more words follow and it is optional.
  static func termWords(_ term: String, optionalArticle: Bool = true) -> [TermWord] {
    var words = WordTokens(term).termWords
    if optionalArticle && words.count > 1 && words[0].key == "the" { words.removeFirst() }
    return words
  }

  func occurrences(of term: String, in text: WordTokens, optionalArticle: Bool = true,
                   derived: Bool = true) -> [TermOccurrence] {
    occurrences(of: split(term, optionalArticle: optionalArticle), in: text, derived: derived)
  }

  /// A term split into the words searched for, once for many texts.
  struct SplitTerm: Sendable {
    var term: String
    var words: [TermWord]
    /// The first word's key without its last letter: what a matching token's key starts with.
    var lead: String {
      didSet { leadSecondByte = Self.secondByte(of: lead) }
    }
    /// The lead's second byte when its first two bytes are ASCII (each then its own character,
    /// so a key starting with the lead has that second byte); -1 otherwise.
    private(set) var leadSecondByte: Int

    init(term: String, words: [TermWord], lead: String) {
      self.term = term
      self.words = words
      self.lead = lead
      leadSecondByte = Self.secondByte(of: lead)
    }

    private static func secondByte(of lead: String) -> Int {
      var utf8 = lead.utf8.makeIterator()
      guard let first = utf8.next(), first < 0x80, let second = utf8.next(), second < 0x80 else { return -1 }
      return Int(second)
    }

    /// Whether a key whose second byte is `second` (0 for a key of one byte) cannot start with
    /// the lead: told before the comparison of strings.
    @inline(__always)
    func cannotLead(secondByte second: Int) -> Bool {
      leadSecondByte >= 0 && leadSecondByte != second
    }
  }

  /// The second UTF-8 byte of `key`, 0 when it has one byte or none.
  @inline(__always)
  static func secondByte(of key: String) -> Int {
    var utf8 = key.utf8.makeIterator()
    guard utf8.next() != nil else { return 0 }
    return Int(utf8.next() ?? 0)
  }

  /// `term` split as ``occurrences(of:in:optionalArticle:derived:)`` searches for it.
  func split(_ term: String, optionalArticle: Bool = true) -> SplitTerm {
    if let known = knownSplits[term] {
      var split = optionalArticle ? known.optional : known.required
      split.term = term
      return split
    }
    var split = Self.split(words(of: term, optionalArticle: optionalArticle))
    split.term = term
    return split
  }

  /// A term of `words` split for searching (its ``SplitTerm/term`` left empty).
  private static func split(_ words: [TermWord]) -> SplitTerm {
    let lead = words.first.map { String($0.key.prefix(max(1, $0.key.count - 1))) } ?? ""
    return SplitTerm(term: "", words: words, lead: lead)
  }

  /// Terms split in advance and grouped by the byte a matching word's key starts with, so
  /// that one pass over a text's words tries each word only against the terms it can start.
  struct SplitTermIndex: Sendable {
    let terms: [SplitTerm]
    /// For each first byte of a key, the terms whose lead starts with that ASCII byte.
    fileprivate let byFirstByte: [[Int]]
    /// Terms tried at every word: a lead that does not start with one ASCII character
    /// (canonically equal forms differ in bytes).
    fileprivate let always: [Int]
    /// Whether `byFirstByte[b]` has a term, for each byte `b`.
    fileprivate let startsSome: [Bool]

    init(_ terms: [SplitTerm]) {
      var byFirstByte = [[Int]](repeating: [], count: 256)
      var always: [Int] = []
      for (k, term) in terms.enumerated() where !term.words.isEmpty {
        if let first = term.lead.first, first.isASCII, let byte = first.asciiValue {
          byFirstByte[Int(byte)].append(k)
        } else {
          always.append(k)
        }
      }
      self.terms = terms
      self.byFirstByte = byFirstByte
      self.always = always
      self.startsSome = byFirstByte.map { !$0.isEmpty }
    }
  }

  /// The occurrences of each of `terms` (split in advance) in `text`, in text order: what
  /// ``occurrences(of:in:derived:)`` finds for each, in one pass over the text's words.
  func occurrences(of terms: [SplitTerm], in text: WordTokens, derived: Bool = true) -> [[TermOccurrence]] {
    occurrences(of: SplitTermIndex(terms), in: text, derived: derived)
  }

  /// The occurrences of each term of `index` in `text`, in the order of `index.terms`.
  func occurrences(of index: SplitTermIndex, in text: WordTokens, derived: Bool = true) -> [[TermOccurrence]] {
    var result = [[TermOccurrence]](repeating: [], count: index.terms.count)
    for (k, uses) in foundOccurrences(of: index, in: text, derived: derived) { result[k] = uses }
    return result
  }

  /// ``occurrences(of:in:derived:)-(SplitTermIndex,_,_)`` of the terms that `text` uses only:
  /// each such term's place in `index.terms` and its occurrences, in that order. A text uses
  /// few of the terms, so nothing is made for the others.
  func foundOccurrences(of index: SplitTermIndex, in text: WordTokens,
                        derived: Bool = true) -> [(term: Int, uses: [TermOccurrence])] {
    let terms = index.terms
    // The terms found so far, each with where its next occurrence may start (occurrences of
    // one term do not overlap); searched in order, as they are few.
    var found: [(term: Int, uses: [TermOccurrence], next: Int)] = []
    let tokens = text.tokens
    func tryTerm(_ k: Int, at i: Int, secondByte: Int) {
      let count = terms[k].words.count
      guard i + count <= tokens.count, !terms[k].cannotLead(secondByte: secondByte),
            tokens[i].key.hasPrefix(terms[k].lead)
      else { return }
      let slot = found.firstIndex { $0.term == k }
      guard i >= (slot.map { found[$0].next } ?? 0),
            matches(terms[k].words, at: i, in: text, exactly: false, derived: derived)
      else { return }
      let range = tokens[i].range.lowerBound..<tokens[i + count - 1].range.upperBound
      let use = TermOccurrence(range: range, surface: text.text(ofTokens: i, i + count - 1), term: terms[k].term)
      if let slot {
        found[slot].uses.append(use)
        found[slot].next = i + count
      } else {
        found.append((k, [use], i + count))
      }
    }
    let tryAlways = !index.always.isEmpty
    for i in tokens.indices {
      // The key's first two bytes, read from the token (0 for an empty key: no first byte).
      let first = tokens[i].keyStart >> 8, second = tokens[i].keyStart & 0xFF
      if first != 0 && index.startsSome[first] {
        for k in index.byFirstByte[first] { tryTerm(k, at: i, secondByte: second) }
      }
      if tryAlways {
        for k in index.always { tryTerm(k, at: i, secondByte: second) }
      }
    }
    return found.sorted { $0.term < $1.term }.map { ($0.term, $0.uses) }
  }

  /// The occurrences of a term split in advance, in text order.
  func occurrences(of split: SplitTerm, in text: WordTokens, derived: Bool = true) -> [TermOccurrence] {
    guard !split.words.isEmpty else { return [] }
    // A key whose first byte is ASCII and differs from the lead's ASCII first byte cannot start
    // with the lead (an ASCII scalar starts its character and decomposes to nothing else).
    let leadByte = split.lead.utf8.first.flatMap { $0 < 0x80 ? $0 : nil }
    return Self.scan(for: split.words.count, in: text, term: split.term) { i in
      let start = text.tokens[i].keyStart
      if let leadByte, start != 0, start >> 8 < 0x80, start >> 8 != Int(leadByte) { return false }
      if split.cannotLead(secondByte: start & 0xFF) { return false }
      return text.tokens[i].key.hasPrefix(split.lead) && matches(split.words, at: i, in: text, exactly: false, derived: derived)
    }
  }

  /// The occurrences of `form` written exactly (case and diacritics included) as whole words.
  func exactOccurrences(of form: String, in text: WordTokens) -> [TermOccurrence] {
    let words = knownTermWords[form] ?? WordTokens(form).termWords
    guard !words.isEmpty else { return [] }
    return Self.scan(for: words.count, in: text, term: form) { i in
      matches(words, at: i, in: text, exactly: true)
    }
  }

  /// The non-overlapping runs of `length` tokens of `text`, left to right, whose first token
  /// `matchesAt`, as occurrences of `term`.
  private static func scan(for length: Int, in text: WordTokens, term: String,
                           matchesAt: (Int) -> Bool) -> [TermOccurrence] {
    let tokens = text.tokens
    var result: [TermOccurrence] = []
    var i = 0
    while i + length <= tokens.count {
      if matchesAt(i) {
        let range = tokens[i].range.lowerBound..<tokens[i + length - 1].range.upperBound
        result.append(TermOccurrence(range: range, surface: text.text(ofTokens: i, i + length - 1), term: term))
        i += length
      } else {
        i += 1
      }
    }
    return result
  }

  private func matches(_ words: [TermWord], at i: Int, in text: WordTokens, exactly: Bool,
                       derived: Bool = true) -> Bool {
    let tokens = text.tokens
    for j in words.indices {
      if j > 0 && !text.gapJoins(after: i + j - 1) { return false }
      if exactly {
        // Most words are told apart by their first scalars, without the term word's text
        // (``WordTokens/surface(_:isWrittenAs:)`` asks ``WordTokens/mayBeWritten(_:startingAs:)`` first).
        if !text.surface(i + j, isWrittenAs: words[j]) { return false }
        continue
      }
      let key = tokens[i + j].key, wordKey = words[j].key
      let isLast = j == words.count - 1
      if key == wordKey {
        // exact key
      } else if isLast, key.hasPrefix(wordKey),
                derived ? Self.endings.contains(String(key.dropFirst(wordKey.count)))
                  : Self.pluralEndings.contains(String(key.dropFirst(wordKey.count))) {
        // an English ending on the last word
      } else if isLast, derived, Self.isDemonym(key, of: wordKey) {
        // a demonym that replaces the final vowel: China → Chinese, Italy → Italian
      } else {
        return false
      }
      if words[j].isAcronym && !text.surface(i + j).hasPrefix(words[j].surface) { return false }
    }
    return true
  }

  /// Whether `word` is a demonym of a name of four letters or more ending in a vowel, built by
  /// replacing that vowel ("chinese" of "china", "tennessean" of "tennessee").
  static func isDemonym(_ word: String, of name: String) -> Bool {
    guard name.count >= 4, let last = name.last, "aeioy".contains(last) else { return false }
    return replacesLastLetter(word, of: name)
  }

  /// Whether the text between two words of a name keeps them one name (a space or a hyphen,
  /// not a sentence end or a comma).
  static func joins(_ gap: Substring) -> Bool {
    // Of these characters only a period followed by a space makes ". " (none of them
    // decomposes or combines), so no substring search is needed.
    gap.count <= 3 && gap.allSatisfy { $0 == " " || $0 == "-" || $0 == "\u{00A0}" || $0 == "." || $0 == "‑" }
      && !zip(gap, gap.dropFirst()).contains { $0 == "." && $1 == " " }
  }

  /// Two or more letters, all capitals: "NATO", "UE", "AI".
  static func isAcronym(_ word: String) -> Bool {
    // An ASCII word's letters are A–Z and a–z: read from its bytes.
    if let ascii = word.utf8.withContiguousStorageIfAvailable({ bytes -> Bool? in
      var letters = 0
      for b in bytes {
        guard b < 0x80 else { return nil }
        if b >= 0x61 && b <= 0x7A { return false }
        if b >= 0x41 && b <= 0x5A { letters += 1 }
      }
      return letters >= 2
    }), let ascii { return ascii }
    var letters = 0
    for c in word.unicodeScalars where c.properties.isAlphabetic {
      if !c.properties.isUppercase { return false }
      letters += 1
    }
    return letters >= 2
  }

  static func slice(_ text: String, _ range: Range<Int>) -> String {
    let utf16 = text.utf16
    let from = utf16.index(utf16.startIndex, offsetBy: range.lowerBound)
    let to = utf16.index(from, offsetBy: range.count)
    return String(text[from..<to])
  }

  /// Words that look like a misspelling of `term`: one edit away (two for long names), or an
  /// acronym with a wrong capital ("NaTO").
  ///
  /// Accepted forms (see ``occurrences(of:in:)``), demonyms built on the name ("Tennessean"),
  /// words that are not capitalized when the term is, and forms `isAllowed` accepts (folded
  /// keys, words joined by a space) are never near misses.
  func nearMisses(of term: String, in text: WordTokens, isAllowed: (String) -> Bool = { _ in false }) -> [TermOccurrence] {
    let near = knownNearMissTerms[term] ?? NearMissTerm(words(of: term))
    let words = near.words
    guard !words.isEmpty, near.acronym || near.letters.count >= 4 else { return [] }
    let termKey = near.key
    let limit = near.letters.count >= 9 ? 2 : 1
    let tokens = text.tokens
    var result: [TermOccurrence] = []
    // Each window of words is a near miss only when every test below lets it through; the
    // cheap tests (length, capital) come first, the edit distance next, the text of the window
    // and the other tests only for a window close enough.
    for i in tokens.indices where i + words.count <= tokens.count {
      let last = i + words.count - 1
      // The window's key is as long as its words' keys and the spaces between them.
      if !near.acronym {
        var length = words.count - 1
        for k in i...last { length += tokens[k].keyLength }
        if abs(length - near.letters.count) > limit { continue }
        if near.capitalized && !tokens[i].startsUppercase { continue }
      }
      if words.count > 1 && !(i..<last).allSatisfy({ text.gapJoins(after: $0) }) { continue }
      let key = words.count == 1 ? tokens[i].key : tokens[i...last].map(\.key).joined(separator: " ")
      let range = tokens[i].range.lowerBound..<tokens[last].range.upperBound
      if near.acronym {
        guard key == termKey, !isAllowed(key) else { continue }
        let surface = text.text(ofTokens: i, last)
        if surface != words[0].surface && !surface.hasPrefix(words[0].surface) {
          result.append(TermOccurrence(range: range, surface: surface, term: term))
        }
        continue
      }
      if key == termKey { continue }
      // An ASCII key is its scalars: measured on its bytes against the term's, with no array made.
      let distance = near.asciiLetters.flatMap { term in
        key.utf8.withContiguousStorageIfAvailable { bytes in
          bytes.allSatisfy { $0 < 0x80 } ? term.withUnsafeBufferPointer { editDistance(bytes, $0, limit: limit) } : nil
        } ?? nil
      } ?? editDistance(Array(key.unicodeScalars), near.letters, limit: limit)
      guard distance <= limit else { continue }
      if key.hasPrefix(termKey) && Self.endings.contains(String(key.dropFirst(termKey.count))) { continue }
      if Self.replacesLastLetter(key, of: termKey) || isAllowed(key) { continue }
      result.append(TermOccurrence(range: range, surface: text.text(ofTokens: i, last), term: term, distance: distance))
    }
    return result
  }

  /// A term as ``nearMisses(of:in:isAllowed:)`` compares words with it, prepared once.
  struct NearMissTerm: Sendable {
    /// Its words (without an optional leading "the").
    var words: [TermWord]
    /// Their keys joined by spaces, and that key's scalars.
    var key: String
    var letters: [Unicode.Scalar]
    /// ``letters`` as bytes when they are all ASCII.
    var asciiLetters: ContiguousArray<UInt8>?
    /// One word of capitals ("NATO"): only its capitals can be wrong.
    var acronym: Bool
    /// Whether its first word starts with a capital: a near miss must too.
    var capitalized: Bool

    init(_ words: [TermWord]) {
      self.words = words
      key = words.map(\.key).joined(separator: " ")
      letters = Array(key.unicodeScalars)
      asciiLetters = letters.allSatisfy(\.isASCII) ? ContiguousArray(key.utf8) : nil
      acronym = words.count == 1 && words[0].isAcronym
      capitalized = words.first?.surface.unicodeScalars.first?.properties.isUppercase ?? false
    }
  }
}

/// The optimal-string-alignment distance of `a` and `b` (insertions, deletions, substitutions
/// and swaps of neighbours), or `limit + 1` once it is known to exceed `limit`.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
  a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in editDistance(a, b, limit: limit) } }
}

/// ``editDistance(_:_:limit:)-([Unicode.Scalar],_,_)`` of two sequences of any comparable
/// elements (scalars, or the bytes of two ASCII texts, which are their scalars).
func editDistance<Element: Equatable>(_ a: UnsafeBufferPointer<Element>, _ b: UnsafeBufferPointer<Element>, limit: Int) -> Int {
  let n = a.count, m = b.count
  if n == 0 || m == 0 { return max(n, m) }
  // Three rows of the table, in one temporary allocation (on the stack when small).
  return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { rows in
    var previous2 = UnsafeMutableBufferPointer(rebasing: rows[0...m])
    var previous = UnsafeMutableBufferPointer(rebasing: rows[(m + 1)...(2 * m + 1)])
    var current = UnsafeMutableBufferPointer(rebasing: rows[(2 * m + 2)...])
    for j in 0...m {
      previous2[j] = 0
      previous[j] = j
      current[j] = 0
    }
    for i in 1...n {
      current[0] = i
      var rowMin = current[0]
      for j in 1...m {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          d = min(d, previous2[j - 2] + 1)
        }
        current[j] = d
        rowMin = min(rowMin, d)
      }
      if rowMin > limit { return limit + 1 }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[m]
  }
}
