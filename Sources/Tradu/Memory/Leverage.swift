/// Fills a prepared document with what a translation memory knows: candidates for every
/// segment, and (with ``FillPolicy/exact``) exact matches as targets.
public struct Leverage {
  /// Which matches become targets.
  public enum FillPolicy: String, Sendable, CaseIterable {
    /// None: every match is a candidate only (the default).
    case none
    /// Exact and in-context matches (100 and 101) become targets with state `translated`.
    case exact
  }

  public var fill: FillPolicy
  /// Candidates below this score are left out.
  public var minimumScore: Int
  /// At most this many candidates a segment.
  public var limit: Int

  public init(fill: FillPolicy = .none, minimumScore: Int = 70, limit: Int = 3) {
    self.fill = fill
    self.minimumScore = minimumScore
    self.limit = limit
  }

  /// Looks up every translatable segment of `document` in `memory`, attaching candidates (and
  /// targets, by ``fill``); returns the leverage analysis.
  ///
  /// A segment that already has a target keeps it; with `onlyWithoutCandidates`, segments that
  /// have a target or candidates are not looked up at all (`update` after the old file).
  @discardableResult
  public func apply(_ memory: TranslationMemory, to document: inout PreparedDocument,
                    onlyWithoutCandidates: Bool = false) throws(TraduError) -> LeverageAnalysis {
    let sources = try document.segments.map { (segment) throws(TraduError) in try MemoryText.normalize(segment.source) }
    var best: [Int?] = []
    var index = 0
    for u in document.units.indices {
      for s in document.units[u].segments.indices {
        defer { index += 1 }
        guard document.units[u].isTranslatable else { best.append(nil); continue }
        if onlyWithoutCandidates {
          let segment = document.units[u].segments[s]
          if segment.target != nil || !segment.candidates.isEmpty {
            best.append(segment.candidates.first?.score ?? 100)
            continue
          }
        }
        let matches = try memory.lookup(sources[index], context: MemoryContext.of(index, in: sources),
                                        sourceLanguage: document.sourceLanguage, targetLanguage: document.targetLanguage,
                                        minimumScore: minimumScore, limit: limit)
        best.append(matches.first?.score ?? 0)
        var segment = document.units[u].segments[s]
        segment.candidates = matches.map(Self.candidate)
        if fill == .exact, segment.target == nil, let top = matches.first, top.score >= 100 {
          segment.target = top.target
          segment.state = .translated
        }
        document.units[u].segments[s] = segment
      }
    }
    return try LeverageAnalysis(document: document, sources: sources, bestScores: best)
  }

  /// A memory match as a candidate of the document model.
  static func candidate(_ match: MemoryMatch) -> TranslationCandidate {
    TranslationCandidate(source: match.unit.source, target: match.target, score: match.score,
                         similarity: match.similarity, inContext: match.kind == .inContext,
                         origin: match.unit.origin.rawValue + (match.unit.document.map { ": " + $0 } ?? ""),
                         note: match.note)
  }
}

/// The leverage analysis CAT tools quote from: words (and segments) by match band.
///
/// Each translatable segment counts once, in the first of: 101 (in context), 100 (exact),
/// repetition (its source already occurred earlier in the document), 95–99, 85–94, 75–84,
/// below 75 or no match. Words are ICU's words (runs of letters or digits).
public struct LeverageAnalysis: Equatable, Sendable {
  /// The bands, in the order they are reported.
  public enum Band: String, CaseIterable, Sendable {
    case inContext = "101", exact = "100", repetition = "repetitions", high = "95-99", medium = "85-94",
         low = "75-84", none = "no match"
  }

  public var words: [Band: Int] = [:]
  public var segments: [Band: Int] = [:]

  public init() {}

  init(document: PreparedDocument, sources: [String], bestScores: [Int?]) throws(TraduError) {
    let tokenizer = try MemoryTokenizer()
    var seen: Set<String> = []
    for (index, score) in bestScores.enumerated() {
      guard let score else { continue }
      let repeated = !seen.insert(sources[index]).inserted
      let band: Band
      switch score {
      case 101...: band = .inContext
      case 100: band = .exact
      case _ where repeated: band = .repetition
      case 95...99: band = .high
      case 85...94: band = .medium
      case 75...84: band = .low
      default: band = .none
      }
      let count = try tokenizer.tokens(sources[index]).filter { $0.kind != .punctuation }.count
      words[band, default: 0] += count
      segments[band, default: 0] += 1
    }
  }

  /// One line: `leverage (words): 101 12, 100 40, repetitions 0, 95-99 8, 85-94 0, 75-84 3, no match 200`.
  public var summary: String {
    "leverage (words / segments): "
      + Band.allCases.map { "\($0.rawValue) \(words[$0] ?? 0)/\(segments[$0] ?? 0)" }.joined(separator: ", ")
  }

  /// The figures as a JSON object's text: `{"101": {"words": …, "segments": …}, …}`.
  public var json: String {
    "{" + Band.allCases.map { "\"\($0.rawValue)\": {\"words\": \(words[$0] ?? 0), \"segments\": \(segments[$0] ?? 0)}" }
      .joined(separator: ", ") + "}"
  }
}
