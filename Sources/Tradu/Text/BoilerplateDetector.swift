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
  /// The keywords that start with ASCII unit `a`: `byFirst[bucket[a]..<bucket[a + 1]]`.
  private var bucket = [Int](repeating: 0, count: 129)
  private var byFirst: [Int] = []
  /// Hashes (``triple(_:_:_:)``) of the first three units of the keywords that have three
  /// ASCII units first; the others are checked wherever their first unit occurs.
  private var triples = [UInt64](repeating: 0, count: 1 << 10)
  /// ASCII units that start a keyword shorter than three units, or with a non-ASCII unit
  /// among its first three.
  private var shortStarts = [Bool](repeating: false, count: 128)
  /// Non-ASCII units that start a keyword.
  private var otherStarts: [UInt16] = []

  init(_ keywordsByPattern: [[String]]) {
    var lists = [[Int]](repeating: [], count: 128)
    for (pattern, list) in keywordsByPattern.enumerated() {
      if list.isEmpty { unfiltered.append(pattern) }
      for keyword in list {
        let folded = keyword.utf16.map(Self.fold)
        guard let first = folded.first else { continue }
        let k = patternOf.count
        units += folded
        starts.append(units.count)
        patternOf.append(pattern)
        if first < 0x80 {
          lists[Int(first)].append(k)
          if folded.count >= 3 && folded[1] < 0x80 && folded[2] < 0x80 {
            let h = Self.triple(folded[0], folded[1], folded[2])
            triples[h >> 6] |= 1 << UInt64(h & 63)
          } else {
            shortStarts[Int(first)] = true
          }
        } else if !otherStarts.contains(first) {
          otherStarts.append(first)
        }
      }
    }
    for a in 0..<128 {
      bucket[a] = byFirst.count
      byFirst += lists[a]
    }
    bucket[128] = byFirst.count
  }

  /// Whether `keyword` can be used: non-empty, and every letter ASCII or without case.
  static func isUsable(_ keyword: String) -> Bool {
    !keyword.isEmpty && keyword.unicodeScalars.allSatisfy { $0.isASCII || !$0.properties.isCased }
  }

  /// ASCII upper case to lower case; every other unit as it is.
  @inline(__always) static func fold(_ u: UInt16) -> UInt16 {
    u >= 0x41 && u <= 0x5A ? u | 0x20 : u
  }

  /// A 16-bit hash of three units (only their low seven bits count), packed oldest first
  /// as ``candidates(in:into:)`` rolls them.
  @inline(__always) static func triple(_ a: UInt16, _ b: UInt16, _ c: UInt16) -> Int {
    hash21((UInt32(a & 0x7F) << 14) | (UInt32(b & 0x7F) << 7) | UInt32(c & 0x7F))
  }

  @inline(__always) static func hash21(_ x: UInt32) -> Int {
    Int((x &* 0x9E37_79B1) >> 16)
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
  /// One pass that rolls the last three units (folded, seven bits each): where they hash to
  /// the start of a keyword, the keywords with that first unit are compared.
  func candidates(in text: UnsafeBufferPointer<UInt16>, into candidates: inout [Bool]) -> Bool {
    for p in candidates.indices { candidates[p] = false }
    for p in unfiltered { candidates[p] = true }
    let anyShort = shortStarts.contains(true)
    let found: Bool? = units.withUnsafeBufferPointer { units in
      starts.withUnsafeBufferPointer { starts in
        byFirst.withUnsafeBufferPointer { byFirst in
          bucket.withUnsafeBufferPointer { bucket in
            triples.withUnsafeBufferPointer { triples in
              patternOf.withUnsafeBufferPointer { patternOf in
                candidates.withUnsafeMutableBufferPointer { candidates in
                  let count = text.count
                  var any = false
                  /// Marks keyword `k` if it occurs at `i`.
                  @inline(__always) func check(_ k: Int, at i: Int) {
                    guard !candidates[patternOf[k]] else { return }
                    let from = starts[k]
                    let length = starts[k + 1] - from
                    guard i + length <= count else { return }
                    var j = 1
                    while j < length && Self.fold(text[i + j]) == units[from + j] { j += 1 }
                    if j == length {
                      candidates[patternOf[k]] = true
                      any = true
                    }
                  }
                  var rolled: UInt32 = 0
                  var i = 0
                  while i < count {
                    let u = text[i]
                    if u < 0x80 {
                      let f = Self.fold(u)
                      rolled = ((rolled << 7) | UInt32(f)) & 0x1F_FFFF
                      if anyShort && shortStarts[Int(f)] {
                        for k in byFirst[bucket[Int(f)]..<bucket[Int(f) + 1]] { check(k, at: i) }
                      }
                    } else {
                      if Self.foldsToASCII(u) { return nil }
                      rolled = ((rolled << 7) | 0x7F) & 0x1F_FFFF
                      if !otherStarts.isEmpty {
                        for other in otherStarts where other == u {
                          for k in 0..<patternOf.count where units[starts[k]] == u { check(k, at: i) }
                        }
                      }
                    }
                    if i >= 2 {
                      let h = Self.hash21(rolled)
                      if triples[h >> 6] & (1 << UInt64(h & 63)) != 0 {
                        let first = text[i - 2]
                        if first < 0x80 {
                          let f = Int(Self.fold(first))
                          for k in byFirst[bucket[f]..<bucket[f + 1]] { check(k, at: i - 2) }
                        }
                      }
                    }
                    i += 1
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
