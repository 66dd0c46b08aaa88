/// Finds site boilerplate — "like our Facebook page", "follow us on Instagram", copyright and
/// republication notices — so that such paragraphs are kept but not translated.
///
/// The patterns are data: a small list of ICU regular expressions, matched case-insensitively
/// against each paragraph's text. They accept cedilla and comma-below letters and text without
/// diacritics, so they work before or after normalization. Add a site's own notices with
/// ``init(patterns:)`` (e.g. `BoilerplateDetector(patterns: BoilerplateDetector.romanianNews + mine)`).
///
///     let segmented = try BoilerplateDetector().marking(try Segmenter().segment(text))
///     segmented.paragraphs.filter { !$0.isTranslatable }   // the site's notices
public struct BoilerplateDetector: Sendable {
  /// One kind of boilerplate.
  public struct Pattern: Equatable, Sendable {
    /// A short name, shown in reports (e.g. `facebook-like`).
    public var name: String
    /// The ICU regular expression (case-insensitive) searched for in the paragraph.
    public var regex: String
    /// A quick filter: the regular expression runs only on paragraphs that contain one of
    /// these strings (ignoring case), so every text `regex` matches must contain one. Empty:
    /// it runs on every short paragraph.
    ///
    /// Letters must be ASCII (other characters must have no case, like `©`).
    public var keywords: [String]

    public init(name: String, regex: String, keywords: [String] = []) {
      self.name = name
      self.regex = regex
      self.keywords = keywords
    }
  }

  /// A paragraph found to be boilerplate, and the pattern that matched.
  public struct Match: Equatable, Sendable {
    /// The 1-based paragraph number.
    public var paragraph: Int
    /// The name of the pattern that matched.
    public var pattern: String
  }

  /// Romanian news sites' promotional and legal notices.
  ///
  /// `[sșş]` and `[tțţ]` accept all spellings; `\W{1,3}` any short run of spaces and punctuation.
  public static let romanianNews: [Pattern] = [
    // "Daţi LIKE paginii noastre de Facebook!"
    Pattern(
      name: "facebook-like", regex: #"\b(da[tțţ]i|d[aă]\b)\W{1,3}like\b.{0,80}\bfacebook\b"#,
      keywords: ["facebook"]),
    // "Urmărește Mediafax pe Instagram", "Urmăriți-ne pe Google News"
    Pattern(
      name: "follow-us",
      regex: #"\burm[aă]r(?:i[tțţ]i|e[sșş]te)\b.{0,80}\bpe\W{1,3}(instagram|facebook|twitter|tiktok|youtube|telegram|whatsapp|google\W{1,3}news)\b"#,
      keywords: ["instagram", "facebook", "twitter", "tiktok", "youtube", "telegram", "whatsapp", "google"]),
    // "… pe paginile noastre de social media", "pagina noastră de Facebook"
    Pattern(
      name: "our-social-pages",
      regex: #"\bpagin(a|ile)\W{1,3}noastr[aăe]\W{1,3}de\W{1,3}(social\W{1,3}media|facebook|instagram|tiktok|youtube)\b"#,
      keywords: ["pagin"]),
    // "Este interzisă republicarea conținutului …", "Reproducerea … fără acordul …"
    Pattern(
      name: "republication",
      regex: #"\b(interzis[aă]?\W{1,3}(republicarea|reproducerea|preluarea)|(republicarea|reproducerea|preluarea)\b.{0,120}\b(interzis[aă]?|f[aă]r[aă]\W{1,3}acordul|[iî]n\W{1,3}lipsa\W{1,3}unui\W{1,3}acord))"#,
      keywords: ["republicarea", "reproducerea", "preluarea"]),
    // "© 2024 Mediafax", "Toate drepturile rezervate"
    Pattern(
      name: "copyright", regex: #"(^\s*(©|\(c\)\s|copyright\b)|\btoate\W{1,3}drepturile\W{1,3}rezervate\b)"#,
      keywords: ["©", "(c)", "copyright", "drepturile"]),
  ]

  /// Paragraphs longer than this (UTF-16 units) are article text, whatever they mention.
  public static let maximumLength = 600

  /// The patterns searched for.
  public var patterns: [Pattern]

  /// A detector for `patterns` (by default ``romanianNews``).
  ///
  /// - Throws: when a pattern is not a valid ICU regular expression, or a keyword is empty or
  ///   has a non-ASCII letter.
  public init(patterns: [Pattern] = BoilerplateDetector.romanianNews) throws(TraduError) {
    for pattern in patterns {
      do {
        _ = try ICU.Regex(pattern.regex, options: [.caseInsensitive])
      } catch {
        throw .malformedInput(path: "boilerplate pattern \(pattern.name)", line: nil, reason: error.description)
      }
      for keyword in pattern.keywords where !KeywordFilter.isUsable(keyword) {
        throw .malformedInput(
          path: "boilerplate pattern \(pattern.name)", line: nil,
          reason: "keyword \"\(keyword)\" must be non-empty, and its letters ASCII; leave it out to run the pattern on every paragraph")
      }
    }
    self.patterns = patterns
  }

  /// The paragraphs of `segmented` that are boilerplate, with the pattern that matched each.
  ///
  /// Only paragraphs up to ``maximumLength`` are searched, and a pattern's regular expression
  /// runs only where one of its keywords occurs.
  public func matches(in segmented: SegmentedText) throws(TraduError) -> [Match] {
    try matches(in: segmented, units: [UInt16](utf16Of: segmented.text))
  }

  /// The same, given the UTF-16 units of `segmented.text`.
  func matches(in segmented: SegmentedText, units: [UInt16]) throws(TraduError) -> [Match] {
    try matches(paragraphs: segmented.paragraphs.lazy.map { ($0.number, $0.range) }, units: units)
  }

  /// The boilerplate among paragraphs `1…` at `ranges` (UTF-16 ranges of `units`).
  func matches(inParagraphs ranges: [Range<Int>], units: [UInt16]) throws(TraduError) -> [Match] {
    try matches(paragraphs: ranges.lazy.enumerated().map { ($0.offset + 1, $0.element) }, units: units)
  }

  private func matches<Paragraphs: Sequence>(paragraphs: Paragraphs, units: [UInt16]) throws(TraduError) -> [Match]
  where Paragraphs.Element == (Int, Range<Int>) {
    let compiled: [(String, ICU.Regex)]
    do {
      compiled = try patterns.map { (p) throws(ICUError) in (p.name, try ICU.Regex(p.regex, options: [.caseInsensitive])) }
    } catch {
      throw .icu(error)
    }
    let filter = KeywordFilter(patterns.map(\.keywords))
    var result: [Match] = []
    var candidates = [Bool](repeating: false, count: patterns.count)
    for (number, range) in paragraphs where range.count <= Self.maximumLength {
      let anyCandidate = units.withUnsafeBufferPointer {
        filter.candidates(in: UnsafeBufferPointer(rebasing: $0[range]), into: &candidates)
      }
      guard anyCandidate else { continue }
      let text = Array(units[range])
      for (index, (name, regex)) in compiled.enumerated() where candidates[index] {
        do {
          try regex.setText(text)
          if try regex.firstMatch(from: 0) != nil {
            result.append(Match(paragraph: number, pattern: name))
            break
          }
        } catch {
          throw .icu(error)
        }
      }
    }
    return result
  }

  /// `segmented` with its boilerplate paragraphs marked not translatable
  /// (``Paragraph/isTranslatable`` false); nothing is removed.
  public func marking(_ segmented: SegmentedText) throws(TraduError) -> SegmentedText {
    var result = segmented
    for match in try matches(in: segmented) {
      result.paragraphs[match.paragraph - 1].isTranslatable = false
    }
    return result
  }
}

/// Finds, in one pass over a paragraph, which patterns' keywords occur in it, ignoring case
/// as ICU's case-insensitive matching does for ASCII letters.
///
/// A few characters fold to ASCII letters under full case folding (`ß` → `ss`, `ſ` → `s`,
/// the Kelvin sign → `k`, ligatures like `ﬁ`, `İ` → `i̇`); a paragraph with one of them
/// makes every pattern a candidate, so the filter never hides a match ICU would find.
struct KeywordFilter {
  /// Every keyword's UTF-16 units, one after the other (ASCII letters in lower case).
  private var units: [UInt16] = []
  /// Keyword `k` is `units[starts[k]..<starts[k + 1]]`; it belongs to pattern `patternOf[k]`.
  private var starts: [Int] = [0]
  private var patternOf: [Int] = []
  /// Patterns without keywords: always candidates.
  private var unfiltered: [Int] = []
  /// The keywords that start with ASCII unit `a`: `byFirst[bucket[a]..<bucket[a + 1]]`;
  /// those that start with another unit: `byFirst[bucket[128]...]`.
  private var bucket = [Int](repeating: 0, count: 129)
  private var byFirst: [Int] = []
  /// For each pair of units (each folded to seven bits, ``unit7(_:)``), where a keyword may
  /// start when the pair stands at an even offset i: ``startsAt`` (at i), ``startsBefore``
  /// (at i - 1), ``startsAfter`` (at i + 1), as bits of one byte.
  private var pairs = [UInt8](repeating: 0, count: 1 << 14)
  private static let startsAt: UInt8 = 1
  private static let startsBefore: UInt8 = 2
  private static let startsAfter: UInt8 = 4

  init(_ keywordsByPattern: [[String]]) {
    var lists = [[Int]](repeating: [], count: 128)
    var others: [Int] = []
    for (pattern, list) in keywordsByPattern.enumerated() {
      if list.isEmpty { unfiltered.append(pattern) }
      for keyword in list {
        let folded = keyword.utf16.map(Self.fold)
        guard let first = folded.first else { continue }
        let k = patternOf.count
        units += folded
        starts.append(units.count)
        patternOf.append(pattern)
        if first < 0x80 { lists[Int(first)].append(k) } else { others.append(k) }
        // The pairs that tile the text at even offsets meet every occurrence of the keyword
        // at p: p even, (k0, k1), or (k0, x) for any x when it has one unit; p odd, (k1, k2)
        // when it has three units or more, else (x, k0) for any x.
        // Keywords that start with a non-ASCII unit are compared wherever that unit occurs,
        // which the pass sees anyway (see below).
        guard first < 0x80 else { continue }
        let c = folded.map(Self.unit7)
        if c.count >= 2 { mark(c[0], c[1], Self.startsAt) }
        if c.count >= 3 { mark(c[1], c[2], Self.startsBefore) }
        if c.count <= 2 { for x in 0..<UInt16(128) { mark(x, c[0], Self.startsAfter) } }
        if c.count == 1 { for x in 0..<UInt16(128) { mark(c[0], x, Self.startsAt) } }
      }
    }
    for a in 0..<128 {
      bucket[a] = byFirst.count
      byFirst += lists[a]
    }
    bucket[128] = byFirst.count
    byFirst += others
  }

  private mutating func mark(_ a: UInt16, _ b: UInt16, _ flag: UInt8) {
    pairs[Int(a) << 7 | Int(b)] |= flag
  }

  /// Whether `keyword` can be used: non-empty, and every letter ASCII or without case.
  static func isUsable(_ keyword: String) -> Bool {
    !keyword.isEmpty && keyword.unicodeScalars.allSatisfy { $0.isASCII || !$0.properties.isCased }
  }

  /// ASCII upper case to lower case; every other unit as it is.
  @inline(__always) static func fold(_ u: UInt16) -> UInt16 {
    u >= 0x41 && u <= 0x5A ? u | 0x20 : u
  }

  /// A unit folded to seven bits: ASCII folded, every other unit 0x7F (DEL, which no
  /// keyword has, stands for all of them).
  @inline(__always) static func unit7(_ u: UInt16) -> UInt16 {
    u < 0x80 ? fold(u) : 0x7F
  }

  /// Units whose full case folding contains ASCII letters (see the type's documentation).
  @inline(__always) static func foldsToASCII(_ u: UInt16) -> Bool {
    switch u {
    case 0xDF, 0x130, 0x149, 0x17F, 0x1F0, 0x1E96...0x1E9A, 0x1E9E, 0x212A, 0xFB00...0xFB06: return true
    default: return false
    }
  }

  /// Sets `candidates[p]` for every pattern `p` that may match `text`; returns whether any may.
  ///
  /// The text is read as pairs of units at even offsets: one table look-up per pair says
  /// where a keyword may start (``pairs``), and only there are keywords compared; every
  /// non-ASCII unit is checked for letters that fold to ASCII and for keywords that start
  /// with it.
  func candidates(in text: UnsafeBufferPointer<UInt16>, into candidates: inout [Bool]) -> Bool {
    for p in candidates.indices { candidates[p] = false }
    for p in unfiltered { candidates[p] = true }
    let found: Bool? = units.withUnsafeBufferPointer { units in
      starts.withUnsafeBufferPointer { starts in
        byFirst.withUnsafeBufferPointer { byFirst in
          bucket.withUnsafeBufferPointer { bucket in
            pairs.withUnsafeBufferPointer { pairs in
              patternOf.withUnsafeBufferPointer { patternOf in
                candidates.withUnsafeMutableBufferPointer { candidates in
                  let count = text.count
                  var any = false
                  /// Marks the patterns of the keywords that occur at `i`.
                  func check(at i: Int) {
                    guard i >= 0 && i < count else { return }
                    let u = text[i]
                    let keywords: UnsafeBufferPointer<Int>.SubSequence
                    if u < 0x80 {
                      let f = Int(Self.fold(u))
                      keywords = byFirst[bucket[f]..<bucket[f + 1]]
                    } else {
                      keywords = byFirst[bucket[128]..<byFirst.count]
                    }
                    for k in keywords where !candidates[patternOf[k]] {
                      let from = starts[k]
                      let length = starts[k + 1] - from
                      guard i + length <= count, u >= 0x80 ? units[from] == u : true else { continue }
                      var j = 1
                      while j < length && Self.fold(text[i + j]) == units[from + j] { j += 1 }
                      if j == length {
                        candidates[patternOf[k]] = true
                        any = true
                      }
                    }
                  }
                  let otherStarts = bucket[128] < byFirst.count
                  guard let base = text.baseAddress, let table = pairs.baseAddress else { return false }
                  var i = 0
                  while i < count {
                    let a = base[i]
                    let b: UInt16 = i + 1 < count ? base[i + 1] : 0
                    if a | b >= 0x80 {
                      // Each non-ASCII unit: a letter that folds to ASCII, or a keyword start.
                      if a >= 0x80 {
                        if Self.foldsToASCII(a) { return nil }
                        if otherStarts { check(at: i) }
                      }
                      if b >= 0x80 {
                        if Self.foldsToASCII(b) { return nil }
                        if otherStarts { check(at: i + 1) }
                      }
                    }
                    // The flags: 2 before, 1 at, 4 after (``startsBefore``, ``startsAt``, ``startsAfter``).
                    let flags = table[Int(Self.unit7(a)) &<< 7 | Int(Self.unit7(b))]
                    if flags != 0 {
                      if flags & 2 != 0 { check(at: i - 1) }
                      if flags & 1 != 0 { check(at: i) }
                      if flags & 4 != 0 { check(at: i + 1) }
                    }
                    i &+= 2
                  }
                  return any
                }
              }
            }
          }
        }
      }
    }
    guard let found else {
      // A letter that folds to ASCII: every pattern may match.
      for p in candidates.indices { candidates[p] = true }
      return !candidates.isEmpty
    }
    return found || !unfiltered.isEmpty
  }
}
