/// Finds site boilerplate — "like our Facebook page", "follow us on Instagram", copyright and
/// republication notices, share boxes, "Citește și:" links to other articles — so that such
/// paragraphs are kept but not translated.
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
    /// How far a match can reach around the keyword it contains, when that is bounded: then
    /// the regular expression searches only near the keywords found, not the whole paragraph.
    /// nil (the default): it searches the whole paragraph. Ignored without ``keywords``.
    public var reach: Reach?

    public init(name: String, regex: String, keywords: [String] = [], reach: Reach? = nil) {
      self.name = name
      self.regex = regex
      self.keywords = keywords
      self.reach = reach
    }

    /// Bounds on a match around a keyword: every text `regex` matches contains one of the
    /// keywords with at most ``before`` code points of the match before it and at most
    /// ``after`` after it. Count the longest text each part of the pattern can match, in
    /// code points: one for a letter, a class or `.`, three for `\W{1,3}`, 80 for `.{0,80}`;
    /// an unbounded part (`*`, `+`) on that side means nil.
    public struct Reach: Equatable, Sendable {
      /// The most code points a match has before the keyword; nil: no bound.
      public var before: Int?
      /// The most code points a match has after the keyword; nil: no bound.
      public var after: Int?

      public init(before: Int?, after: Int?) {
        self.before = before
        self.after = after
      }
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
  /// Each reach is the sum of the longest parts before and after the keyword (see
  /// ``Pattern/Reach``).
  public static let romanianNews: [Pattern] = [
    // "Daţi LIKE paginii noastre de Facebook!"
    // Before "facebook": "dați" 4 + \W{1,3} 3 + "like" 4 + .{0,80} 80.
    Pattern(
      name: "facebook-like", regex: #"\b(da[tțţ]i|d[aă]\b)\W{1,3}like\b.{0,80}\bfacebook\b"#,
      keywords: ["facebook"], reach: .init(before: 91, after: 0)),
    // "Urmărește Mediafax pe Instagram", "Urmăriți-ne pe Google News"
    // Before the network: "urmărește" 9 + .{0,80} 80 + "pe" 2 + \W{1,3} 3; after "google":
    // \W{1,3} 3 + "news" 4.
    Pattern(
      name: "follow-us",
      regex: #"\burm[aă]r(?:i[tțţ]i|e[sșş]te)\b.{0,80}\bpe\W{1,3}(instagram|facebook|twitter|tiktok|youtube|telegram|whatsapp|google\W{1,3}news)\b"#,
      keywords: ["instagram", "facebook", "twitter", "tiktok", "youtube", "telegram", "whatsapp", "google"],
      reach: .init(before: 94, after: 7)),
    // "… pe paginile noastre de social media", "pagina noastră de Facebook"
    // After "pagin": "ile" 3 + \W{1,3} 3 + "noastră" 7 + \W{1,3} 3 + "de" 2 + \W{1,3} 3 +
    // "social" 6 + \W{1,3} 3 + "media" 5.
    Pattern(
      name: "our-social-pages",
      regex: #"\bpagin(a|ile)\W{1,3}noastr[aăe]\W{1,3}de\W{1,3}(social\W{1,3}media|facebook|instagram|tiktok|youtube)\b"#,
      keywords: ["pagin"], reach: .init(before: 0, after: 35)),
    // "Este interzisă republicarea conținutului …", "Reproducerea … fără acordul …"
    // Before the keyword: "interzisă" 9 + \W{1,3} 3; after it: .{0,120} 120 + "în" 2 +
    // \W{1,3} 3 + "lipsa" 5 + \W{1,3} 3 + "unui" 4 + \W{1,3} 3 + "acord" 5.
    Pattern(
      name: "republication",
      regex: #"\b(interzis[aă]?\W{1,3}(republicarea|reproducerea|preluarea)|(republicarea|reproducerea|preluarea)\b.{0,120}\b(interzis[aă]?|f[aă]r[aă]\W{1,3}acordul|[iî]n\W{1,3}lipsa\W{1,3}unui\W{1,3}acord))"#,
      keywords: ["republicarea", "reproducerea", "preluarea"], reach: .init(before: 12, after: 145)),
    // "© 2024 Mediafax", "Toate drepturile rezervate"
    // Before the keyword: ^\s* has no bound; after it: \W{1,3} 3 + "rezervate" 9.
    Pattern(
      name: "copyright", regex: #"(^\s*(©|\(c\)\s|copyright\b)|\btoate\W{1,3}drepturile\W{1,3}rezervate\b)"#,
      keywords: ["©", "(c)", "copyright", "drepturile"], reach: .init(before: nil, after: 12)),
    // A share box, its text alone (both anchored: no bound on either side): "Distribuie: Facebook X", "Distribuie pe WhatsApp".
    Pattern(
      name: "share-buttons",
      regex: #"^\W*(distribuie|share|trimite)\b(\W{1,3}(pe|on))?(\W{1,3}(facebook|x|twitter|whatsapp|linkedin|e-?mail|telegram|messenger|pinterest|reddit|threads|bluesky))*\W*$"#,
      keywords: ["distribuie", "share", "trimite"], reach: .init(before: nil, after: nil)),
    // A link to another article: "Citește și: Guvernul a aprobat bugetul", "Vezi și:".
    Pattern(
      name: "read-also", regex: #"^\W*(cite[sșş]te|citi[tțţ]i|vezi|vede[tțţ]i)\W{1,3}[sșş]i\s*:"#,
      keywords: ["cite", "citi", "vezi", "vede"], reach: .init(before: nil, after: nil)),
  ]

  /// Paragraphs longer than this (UTF-16 units) are article text, whatever they mention.
  public static let maximumLength = 600

  /// The patterns searched for.
  public var patterns: [Pattern] {
    didSet { compiled = Compiled(patterns) }
  }
  /// The patterns' regular expressions compiled once, and their keyword filter.
  private var compiled: Compiled

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
    compiled = Compiled(patterns)
  }

  /// The regular expressions (compiled once, copied for each search, like ``RuleEngine``'s)
  /// and the keyword filter of a list of patterns.
  private struct Compiled: Sendable {
    let regexes: [CompiledRegex?]
    let filter: KeywordFilter

    init(_ patterns: [Pattern]) {
      regexes = patterns.map { try? CompiledRegex($0.regex) }
      filter = KeywordFilter(patterns.map(\.keywords))
    }
  }

  /// A compiled ICU pattern that is only ever copied, never matched with.
  ///
  /// `@unchecked Sendable`: ICU documents `uregex_clone` as thread-safe, and no match state of
  /// this instance is ever set or read.
  private final class CompiledRegex: @unchecked Sendable {
    let regex: ICU.Regex
    init(_ pattern: String) throws(ICUError) {
      regex = try ICU.Regex(pattern, options: [.caseInsensitive])
    }
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
    // No pattern, nothing to find: the text is not even scanned.
    guard !patterns.isEmpty else { return [] }
    let regexes: [ICU.Regex]
    do {
      regexes = try patterns.indices.map { (i) throws(ICUError) in
        if let regex = compiled.regexes[i] { return try regex.regex.copy() }
        return try ICU.Regex(patterns[i].regex, options: [.caseInsensitive])
      }
    } catch {
      throw .icu(error)
    }
    let filter = compiled.filter
    let reaches = patterns.map { $0.keywords.isEmpty ? nil : $0.reach }
    var result: [Match] = []
    var candidates = [Bool](repeating: false, count: patterns.count)
    var hits: [KeywordFilter.Hit] = []
    var windows: [Range<Int>] = []
    let searched: Result<Void, ICUError> = units.withUnsafeBufferPointer { all in
      Result { () throws(ICUError) in
        for (number, range) in paragraphs where range.count <= Self.maximumLength {
          let text = UnsafeBufferPointer(rebasing: all[range])
          hits.removeAll(keepingCapacity: true)
          let outcome = filter.scan(text, candidates: &candidates, hits: &hits)
          if outcome == .none { continue }
          for (index, regex) in regexes.enumerated() where candidates[index] {
            try regex.setText(inPlace: text)
            var found = false
            if outcome == .found, let reach = reaches[index] {
              // Every match lies in a window around a keyword: search only those.
              Self.windows(around: hits, of: index, reach: reach, in: text, into: &windows)
              for window in windows where try regex.hasMatch(inside: window) {
                found = true
                break
              }
            } else {
              found = try regex.firstMatch(from: 0) != nil
            }
            if found {
              result.append(Match(paragraph: number, pattern: patterns[index].name))
              break
            }
          }
        }
      }
    }
    if case .failure(let error) = searched { throw .icu(error) }
    return result
  }

  /// The windows of `text` where a match of pattern `pattern` can lie, given its keywords'
  /// occurrences (`hits`) and its `reach`: sorted, without overlaps.
  static func windows(around hits: [KeywordFilter.Hit], of pattern: Int, reach: Pattern.Reach,
                      in text: UnsafeBufferPointer<UInt16>, into windows: inout [Range<Int>]) {
    windows.removeAll(keepingCapacity: true)
    /// Whether `range` of `text` holds no surrogate: then each code point is one unit.
    func allBMP(_ range: Range<Int>) -> Bool {
      for i in range where text[i] & 0xF800 == 0xD800 { return false }
      return true
    }
    for hit in hits where hit.pattern == pattern {
      var lo = hit.start
      if let before = reach.before, allBMP(max(0, lo - before)..<lo) {
        lo = max(0, lo - before)
      } else if let before = reach.before {
        var left = before
        while left > 0 && lo > 0 {
          lo -= lo >= 2 && UTF16.isTrailSurrogate(text[lo - 1]) && UTF16.isLeadSurrogate(text[lo - 2]) ? 2 : 1
          left -= 1
        }
      } else {
        lo = 0
      }
      var hi = hit.start + hit.length
      if let after = reach.after, allBMP(hi..<min(text.count, hi + after)) {
        hi = min(text.count, hi + after)
      } else if let after = reach.after {
        var left = after
        while left > 0 && hi < text.count {
          hi += hi + 1 < text.count && UTF16.isLeadSurrogate(text[hi]) && UTF16.isTrailSurrogate(text[hi + 1]) ? 2 : 1
          left -= 1
        }
      } else {
        hi = text.count
      }
      windows.append(lo..<hi)
    }
    guard windows.count > 1 else { return }
    windows.sort { $0.lowerBound < $1.lowerBound }
    var merged = 0
    for w in windows.indices.dropFirst() {
      if windows[w].lowerBound <= windows[merged].upperBound {
        windows[merged] = windows[merged].lowerBound..<max(windows[merged].upperBound, windows[w].upperBound)
      } else {
        merged += 1
        windows[merged] = windows[w]
      }
    }
    windows.removeSubrange((merged + 1)...)
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

/// Finds, in one pass over a paragraph, which patterns' keywords occur in it and where,
/// ignoring case as ICU's case-insensitive matching does for ASCII letters.
///
/// A few characters fold to ASCII letters under full case folding (`ß` → `ss`, `ſ` → `s`,
/// the Kelvin sign → `k`, ligatures like `ﬁ`, `İ` → `i̇`); a paragraph with one of them
/// makes every pattern a candidate (``Outcome/everyPattern``), so the filter never hides a
/// match ICU would find.
struct KeywordFilter: Sendable {
  /// One occurrence of a keyword of pattern `pattern` at `start` (UTF-16 units, `length` long).
  struct Hit: Equatable {
    var pattern: Int
    var start: Int
    var length: Int
  }

  /// What a scan found.
  enum Outcome: Equatable {
    /// No pattern can match.
    case none
    /// The candidates are marked, and every keyword occurrence is in the hits.
    case found
    /// A letter that folds to ASCII: every pattern is a candidate, the hits are incomplete.
    case everyPattern
  }

  /// Keywords of at least this many units are found through the tiles (``Tables/tiles``);
  /// shorter ones through their first unit (``Tables/marks``).
  static let tiledLength = 5

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
  /// The tiles' and units' tables.
  private let tables = Tables()

  /// Two tables of 64 K bytes, filled once by `init` and read without bounds checks.
  ///
  /// `@unchecked Sendable`: never written after the filter's `init`.
  private final class Tables: @unchecked Sendable {
    /// The text is read as tiles of three units at offsets 0, 3, 6…; every keyword of
    /// ``tiledLength`` units or more has a whole tile inside each of its occurrences, at an
    /// offset d of 0, 1 or 2 into it. `tiles[tileIndex(lanes)]` has bit d set when some such
    /// keyword has the tile's units at offset d (a hash: other tiles may share the entry,
    /// which only costs a comparison).
    let tiles = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    /// For each UTF-16 unit, 1 when it needs a closer look wherever it stands: an ASCII unit
    /// that starts a short keyword (in either case), a non-ASCII unit that starts a keyword or
    /// folds to ASCII letters; 0 for every other unit.
    let marks = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    /// For an ASCII unit and the unit after it, both folded (`first << 7 | second`), 1 when a
    /// keyword may start with them: a keyword of one unit, or one whose second unit is not
    /// ASCII, opens every pair of its first unit. A marked ASCII unit followed by a pair no
    /// keyword starts with needs no comparison.
    let pairs = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 14)
    init() {
      tiles.initialize(repeating: 0, count: 1 << 16)
      marks.initialize(repeating: 0, count: 1 << 16)
      pairs.initialize(repeating: 0, count: 1 << 14)
    }
    deinit {
      tiles.deallocate()
      marks.deallocate()
      pairs.deallocate()
    }
  }

  init(_ keywordsByPattern: [[String]]) {
    var lists = [[Int]](repeating: [], count: 128)
    var others: [Int] = []
    for u in 0x80...0xFFFF where Self.foldsToASCII(UInt16(u)) { tables.marks[u] = 1 }
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
          if folded.count >= 2 && folded[1] < 0x80 {
            tables.pairs[Int(first) << 7 | Int(folded[1])] = 1
          } else {
            for second in 0..<0x80 { tables.pairs[Int(first) << 7 | second] = 1 }
          }
        } else {
          // Compared wherever its first unit occurs.
          others.append(k)
          tables.marks[Int(first)] = 1
        }
        if folded.count >= Self.tiledLength {
          for d in 0..<3 {
            let lanes = UInt64(folded[d]) | UInt64(folded[d + 1]) << 16 | UInt64(folded[d + 2]) << 32
            tables.tiles[Self.tileIndex(lanes)] |= 1 << d
          }
        } else if first < 0x80 {
          tables.marks[Int(first)] = 1
          if first >= 0x61 && first <= 0x7A { tables.marks[Int(first) - 0x20] = 1 }
        }
      }
    }
    for a in 0..<128 {
      bucket[a] = byFirst.count
      byFirst += lists[a]
    }
    bucket[128] = byFirst.count
    byFirst += others
  }

  /// Whether `keyword` can be used: non-empty, and every letter ASCII or without case.
  static func isUsable(_ keyword: String) -> Bool {
    !keyword.isEmpty && keyword.unicodeScalars.allSatisfy { $0.isASCII || !$0.properties.isCased }
  }

  /// ASCII upper case to lower case; every other unit as it is.
  @inline(__always) static func fold(_ u: UInt16) -> UInt16 {
    u >= 0x41 && u <= 0x5A ? u | 0x20 : u
  }

  /// The entry of ``Tables/tiles`` for a tile: its three units in the low lanes of `lanes`,
  /// each with bit 5 set and cut to seven bits (an ASCII letter in either case gives its
  /// lower case; other units may share a value, which only costs a comparison), hashed.
  @inline(__always) static func tileIndex(_ lanes: UInt64) -> Int {
    let key = (lanes | 0x0000_0020_0020_0020) & 0x0000_007F_007F_007F
    return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> 48)
  }

  /// Units whose full case folding contains ASCII letters (see the type's documentation).
  static func foldsToASCII(_ u: UInt16) -> Bool {
    switch u {
    case 0xDF, 0x130, 0x149, 0x17F, 0x1F0, 0x1E96...0x1E9A, 0x1E9E, 0x212A, 0xFB00...0xFB06: return true
    default: return false
    }
  }

  /// Sets `candidates[p]` for every pattern `p` that may match `text`; returns whether any may.
  func candidates(in text: UnsafeBufferPointer<UInt16>, into candidates: inout [Bool]) -> Bool {
    var hits: [Hit] = []
    return scan(text, candidates: &candidates, hits: &hits) != .none
  }

  /// Marks in `candidates` every pattern that may match `text`, and appends to `hits` every
  /// occurrence of a keyword (in no particular order; one may be listed twice).
  ///
  /// Each tile of three units costs one look-up in ``Tables/tiles`` and one in
  /// ``Tables/marks`` per unit; keywords are compared only where the tile says one may start
  /// and at marked units (a short keyword's first unit, a special non-ASCII unit).
  func scan(_ text: UnsafeBufferPointer<UInt16>, candidates: inout [Bool], hits: inout [Hit]) -> Outcome {
    for p in candidates.indices { candidates[p] = false }
    for p in unfiltered { candidates[p] = true }
    let count = text.count
    guard let base = text.baseAddress else { return candidates.contains(true) ? .found : .none }
    let tiles = tables.tiles
    var i = 0
    // Whole tiles (each with a fourth unit after it), skipped in C up to the next one that
    // needs a closer look: rarely, a long keyword's tile or a marked unit that may start a
    // keyword with the unit after it.
    while true {
      i = nextTile(in: base, count: count, from: i)
      guard i + 4 <= count else { break }
      let lanes = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      guard examine(i, tiles[Self.tileIndex(lanes)], text, &candidates, &hits) else { return everyPattern(&candidates) }
      i &+= 3
    }
    // The last one to three units, looked at closely.
    while i < count {
      var lanes: UInt64 = 0
      for k in 0..<min(3, count - i) { lanes |= UInt64(base[i + k]) &<< (16 * UInt64(k)) }
      guard examine(i, tiles[Self.tileIndex(lanes)], text, &candidates, &hits) else {
        return everyPattern(&candidates)
      }
      i &+= 3
    }
    return candidates.contains(true) ? .found : .none
  }

  /// The first tile of three units at `start`, `start + 3`… with a fourth unit after it that
  /// needs a closer look (``tradu_next_keyword_tile``), or the first from which fewer than
  /// four units remain.
  @inline(__always)
  func nextTile(in base: UnsafePointer<UInt16>, count: Int, from start: Int) -> Int {
    TextScan.nextKeywordTile(in: base, count: count, from: start, tiles: tables.tiles, marks: tables.marks,
                             pairs: tables.pairs)
  }

  /// The same in Swift: the definition ``nextTile(in:count:from:)`` follows, for the tests.
  func nextTileInSwift(in base: UnsafePointer<UInt16>, count: Int, from start: Int) -> Int {
    var i = start
    while i + 4 <= count {
      let lanes = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      if tables.tiles[Self.tileIndex(lanes)] != 0 { return i }
      for p in i..<(i + 3) where tables.marks[Int(base[p])] != 0 {
        let second = Self.fold(base[p + 1])
        if base[p] >= 0x80 || second >= 0x80 || tables.pairs[Int(Self.fold(base[p])) << 7 | Int(second)] != 0 {
          return i
        }
      }
      i += 3
    }
    return i
  }

  /// Every pattern a candidate (after a letter that folds to ASCII).
  private func everyPattern(_ candidates: inout [Bool]) -> Outcome {
    for p in candidates.indices { candidates[p] = true }
    return candidates.isEmpty ? .none : .everyPattern
  }

  /// A closer look at the tile at `i` (with ``tiles`` entry `flags`): returns false at a
  /// unit that folds to ASCII; otherwise notes the keywords that start in the tile (where a
  /// short keyword's first unit or a special unit stands) or, as `flags` says, just before.
  @inline(never)
  private func examine(_ i: Int, _ flags: UInt8, _ text: UnsafeBufferPointer<UInt16>,
                       _ candidates: inout [Bool], _ hits: inout [Hit]) -> Bool {
    let end = min(i + 3, text.count)
    let marks = tables.marks
    for p in i..<end {
      let u = text[p]
      guard marks[Int(u)] != 0 else { continue }
      if u >= 0x80 {
        if Self.foldsToASCII(u) { return false }
        check(at: p, text, &candidates, &hits)
      } else if flags & 1 == 0 || p != i {
        // Most marked letters (c, v) start no keyword with the unit after them.
        if p + 1 < text.count {
          let second = Self.fold(text[p + 1])
          if second < 0x80 && tables.pairs[Int(Self.fold(u)) << 7 | Int(second)] == 0 { continue }
        }
        check(at: p, text, &candidates, &hits)
      }
    }
    if flags & 1 != 0 { check(at: i, text, &candidates, &hits) }
    if flags & 2 != 0 && i >= 1 { check(at: i - 1, text, &candidates, &hits) }
    if flags & 4 != 0 && i >= 2 { check(at: i - 2, text, &candidates, &hits) }
    return true
  }

  /// Notes the keywords that occur at `i` in `text`.
  private func check(at i: Int, _ text: UnsafeBufferPointer<UInt16>, _ candidates: inout [Bool], _ hits: inout [Hit]) {
    let u = text[i]
    let f = Int(Self.fold(u))
    // Indices into `byFirst`, not a slice of it: a slice would retain the array.
    let list = u < 0x80 ? bucket[f]..<bucket[f + 1] : bucket[128]..<byFirst.count
    for index in list {
      let k = byFirst[index]
      let start = starts[k]
      let length = starts[k + 1] - start
      guard i + length <= text.count, u >= 0x80 ? units[start] == u : true else { continue }
      var j = 1
      while j < length && Self.fold(text[i + j]) == units[start + j] { j += 1 }
      if j == length {
        candidates[patternOf[k]] = true
        hits.append(Hit(pattern: patternOf[k], start: i, length: length))
      }
    }
  }
}
