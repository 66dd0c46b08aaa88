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
    let compiled: [(String, ICU.Regex)]
    do {
      compiled = try patterns.map { (p) throws(ICUError) in (p.name, try ICU.Regex(p.regex, options: [.caseInsensitive])) }
    } catch {
      throw .icu(error)
    }
    let filter = KeywordFilter(patterns.map(\.keywords))
    var result: [Match] = []
    var candidates = [Bool](repeating: false, count: patterns.count)
    for paragraph in segmented.paragraphs where paragraph.range.count <= Self.maximumLength {
      let anyCandidate = units.withUnsafeBufferPointer {
        filter.candidates(in: UnsafeBufferPointer(rebasing: $0[paragraph.range]), into: &candidates)
      }
      guard anyCandidate else { continue }
      let text = Array(units[paragraph.range])
      for (index, (name, regex)) in compiled.enumerated() where candidates[index] {
        do {
          try regex.setText(text)
          if try regex.firstMatch(from: 0) != nil {
            result.append(Match(paragraph: paragraph.number, pattern: name))
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
    try marking(segmented, units: [UInt16](utf16Of: segmented.text))
  }

  /// The same, given the UTF-16 units of `segmented.text`.
  func marking(_ segmented: SegmentedText, units: [UInt16]) throws(TraduError) -> SegmentedText {
    var result = segmented
    for match in try matches(in: segmented, units: units) {
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
  /// Each keyword's UTF-16 units (ASCII letters in lower case) and the pattern it belongs to.
  private var keywords: [(units: [UInt16], pattern: Int)] = []
  /// Patterns without keywords: always candidates.
  private var unfiltered: [Int] = []
  /// For each ASCII unit, the keywords that start with it.
  private var startingWith: [[Int]] = Array(repeating: [], count: 128)
  /// Bit `a << 7 | b` is set when a keyword starts with ASCII units `a b`, or, for `a` alone,
  /// when a keyword starting with `a` is one unit long or continues with a non-ASCII unit.
  private var pairs = [UInt64](repeating: 0, count: 128 * 128 / 64)
  /// Non-ASCII units that start a keyword.
  private var otherStarts: [UInt16] = []

  init(_ keywordsByPattern: [[String]]) {
    for (pattern, list) in keywordsByPattern.enumerated() {
      if list.isEmpty { unfiltered.append(pattern) }
      for keyword in list {
        let units = keyword.utf16.map(Self.fold)
        guard let first = units.first else { continue }
        let index = keywords.count
        keywords.append((units, pattern))
        if first < 0x80 {
          startingWith[Int(first)].append(index)
          if units.count > 1 && units[1] < 0x80 {
            setPair(Int(first) << 7 | Int(units[1]))
          } else {
            for b in 0..<128 { setPair(Int(first) << 7 | b) }
          }
        } else if !otherStarts.contains(first) {
          otherStarts.append(first)
        }
      }
    }
  }

  /// Whether `keyword` can be used: non-empty, and every letter ASCII or without case.
  static func isUsable(_ keyword: String) -> Bool {
    !keyword.isEmpty && keyword.unicodeScalars.allSatisfy { $0.isASCII || !$0.properties.isCased }
  }

  /// ASCII upper case to lower case; every other unit as it is.
  @inline(__always) static func fold(_ u: UInt16) -> UInt16 {
    u >= 0x41 && u <= 0x5A ? u | 0x20 : u
  }

  /// Units whose full case folding contains ASCII letters (see the type's documentation).
  @inline(__always) static func foldsToASCII(_ u: UInt16) -> Bool {
    switch u {
    case 0xDF, 0x130, 0x149, 0x17F, 0x1F0, 0x1E96...0x1E9A, 0x1E9E, 0x212A, 0xFB00...0xFB06: return true
    default: return false
    }
  }

  @inline(__always) private mutating func setPair(_ bit: Int) { pairs[bit >> 6] |= 1 << UInt64(bit & 63) }
  @inline(__always) private func hasPair(_ bit: Int) -> Bool { pairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0 }

  /// Sets `candidates[p]` for every pattern `p` that may match `text`; returns whether any may.
  func candidates(in text: UnsafeBufferPointer<UInt16>, into candidates: inout [Bool]) -> Bool {
    for p in candidates.indices { candidates[p] = false }
    var any = false
    for p in unfiltered {
      candidates[p] = true
      any = true
    }
    let count = text.count
    var i = 0
    while i < count {
      let u = Self.fold(text[i])
      if u < 0x80 {
        let next = i + 1 < count ? Self.fold(text[i + 1]) : 0
        if hasPair(Int(u) << 7 | Int(next & 0x7F)) {
          for k in startingWith[Int(u)] where !candidates[keywords[k].pattern] && occurs(k, in: text, at: i) {
            candidates[keywords[k].pattern] = true
            any = true
          }
        }
      } else if Self.foldsToASCII(u) {
        for p in candidates.indices { candidates[p] = true }
        return !candidates.isEmpty
      } else if otherStarts.contains(u) {
        for k in keywords.indices where keywords[k].units[0] == u && !candidates[keywords[k].pattern]
          && occurs(k, in: text, at: i) {
          candidates[keywords[k].pattern] = true
          any = true
        }
      }
      i += 1
    }
    return any
  }

  /// Whether keyword `k` occurs in `text` at `start`.
  @inline(__always) private func occurs(_ k: Int, in text: UnsafeBufferPointer<UInt16>, at start: Int) -> Bool {
    let units = keywords[k].units
    guard start + units.count <= text.count else { return false }
    for j in 1..<units.count where Self.fold(text[start + j]) != units[j] { return false }
    return true
  }
}
