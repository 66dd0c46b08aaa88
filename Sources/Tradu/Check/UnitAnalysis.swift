/// A rendering of a glossary entry found in a target segment.
public struct TargetTerm: Equatable, Sendable {
  /// The entry's id and source term.
  public var entryID: String
  public var entry: String
  /// The glossary target that was found ("Kyiv"), the source form kept as is, or, for a
  /// misspelling, the target it misspells.
  public var term: String
  /// The status of that target; nil when the source form was kept as is or for a misspelling.
  public var status: TermStatus?
  /// Whether the words misspell ``term`` ("Zelenksy").
  public var isMisspelt: Bool = false
  /// Where it stands in the target, in UTF-16 offsets, and as written there.
  public var range: Range<Int>
  public var surface: String
}

/// What the checker found in one unit: glossary entries on both sides, and the findings.
public struct UnitAnalysis: Sendable {
  public var unit: BilingualSegment
  /// The glossary entries found in the source (inflected forms included), in text order.
  public var sourceTerms: [GlossaryMatch]
  /// Renderings of those entries (and forbidden forms of any entry) found in the target.
  public var targetTerms: [TargetTerm]
  /// The unit's findings, in rule order.
  public var findings: [Finding]
}

/// One glossary entry found in a unit's source, with everything its target says about it.
struct EntryInUnit: Sendable {
  var entry: GlossaryEntry
  /// Where the source names the entry: its own matches, and the names inside longer names.
  var sourceMatches: [GlossaryMatch]
  /// The target words that render it with an approved or admitted target.
  var renderings: [TermOccurrence]
  /// The target words that keep an inflected source form as is ("Sane" for a match of "San"):
  /// the name was a foreign one that only looked inflected.
  var keptSourceForms: [TermOccurrence]
  /// Near-miss spellings of an approved target.
  var nearMisses: [TermOccurrence]
  /// Forbidden targets of this entry used in the target.
  var forbidden: [TermOccurrence]
  /// Whether the source names the entry only inside longer names ("Palin" of "Sarah Palin").
  var onlyInside = false
  /// How often the target names a person by the last name alone ("Trump's" for "Donald Trump").
  var shortMentions = 0
  /// Source words built on the entry's stem that are not the name ("bolivian", "coreene").
  var kin = 0
  /// For a do-not-translate entry, ``CheckGlossary/exactDNTOccurrences(of:in:)`` in the
  /// unit's target words, when ``ConsistencyChecker/analyze(_:targetLanguage:)`` found them
  /// once for the rule and the report's terms; nil when not found yet.
  var exactDNT: [TermOccurrence]? = nil

  /// How many renderings are words derived from a target ("Korean", "Bolivian") rather than
  /// the target itself, its plural or its possessive.
  var derivedRenderings: Int {
    renderings.filter { r in
      guard let last = WordTokens(r.surface).tokens.last?.key,
            let termLast = EnglishTermMatcher.termWords(r.term).last?.key
      else { return false }
      return last != termLast && !EnglishTermMatcher.pluralEndings.contains { termLast + $0 == last }
    }.count
  }

  var approvedTerms: [String] {
    entry.targets.filter { $0.status != .forbidden }.map(\.term)
  }
}

extension BilingualSegment {
  /// The id findings name: the segment's id (always set in
  /// ``BilingualDocument/translatableSegments()``), empty when it has none.
  var findingID: String { id ?? "" }
}
