/// How serious a finding is, from a hint to a must-fix.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
  /// Worth a look; often fine.
  case info
  /// A cosmetic or house-style problem (e.g. cedilla letters).
  case minor
  /// Probably a translation error a reader would notice (a missing or misspelt name).
  case major
  /// Must be fixed before publishing (a forbidden form, a changed do-not-translate name).
  case critical

  private var rank: Int {
    switch self {
    case .info: return 0
    case .minor: return 1
    case .major: return 2
    case .critical: return 3
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The checks `tradu check` runs; the raw value is the id used by `--skip` and in reports.
public enum CheckRule: String, Sendable, CaseIterable, Codable {
  /// A glossary entry occurs in the source, but none of its approved targets in the target.
  case missingTerm = "missing-term"
  /// The target has a near-miss of an approved target ("Koaea" for "Korea").
  case misspeltTerm = "misspelt-term"
  /// The target uses a form the glossary marks forbidden ("Kiev" where "Kyiv" is approved).
  case forbiddenTerm = "forbidden-term"
  /// A do-not-translate name is not reproduced verbatim in the target.
  case dntChanged = "dnt-changed"
  /// One entry rendered several ways in the document, or two entries rendered one way.
  case inconsistent
  /// The target is missing, empty, or a copy of the source.
  case untranslated
  /// A number of the source does not occur in the target.
  case numberMismatch = "number-mismatch"
  /// A Romanian target uses cedilla letters (ş ţ) instead of comma-below letters (ș ț).
  case cedilla
  /// A unit or segment of the prepared file is missing from the translated file.
  case missingSegment = "missing-segment"
  /// A unit marked not for translation has a target other than its source.
  case targetNotForTranslation = "target-not-for-translation"

  /// The severity a finding of this rule has.
  public var severity: Severity {
    switch self {
    case .forbiddenTerm, .dntChanged, .missingSegment: return .critical
    case .missingTerm, .misspeltTerm, .untranslated, .numberMismatch, .targetNotForTranslation: return .major
    case .inconsistent, .cedilla: return .minor
    }
  }

  /// A one-line description, for `--help` and report legends.
  public var summary: String {
    switch self {
    case .missingTerm: return "a glossary name in the source has no approved rendering in the target"
    case .misspeltTerm: return "the target has a near-miss spelling of an approved rendering"
    case .forbiddenTerm: return "the target uses a form the glossary forbids"
    case .dntChanged: return "a do-not-translate name is not reproduced verbatim"
    case .inconsistent: return "one name rendered several ways across the document"
    case .untranslated: return "the target is missing, empty or a copy of the source"
    case .numberMismatch: return "a number of the source is missing from the target"
    case .cedilla: return "a Romanian target uses ş/ţ (cedilla) instead of ș/ț (comma below)"
    case .missingSegment: return "a unit or segment of the prepared file is missing from the translated file"
    case .targetNotForTranslation: return "a unit marked translate=\"no\" has a translation, which merge leaves out"
    }
  }
}

/// One problem found in a translation.
public struct Finding: Equatable, Sendable {
  /// The rule that found it.
  public var rule: CheckRule
  /// How serious it is (the rule's severity unless the checker says otherwise).
  public var severity: Severity
  /// The unit's id; nil for a document-level finding (``CheckRule/inconsistent``).
  public var segmentID: String?
  /// The glossary entry's source term (its dictionary form), when the finding is about one.
  public var entry: String?
  /// The glossary entry's id.
  public var entryID: String?
  /// The form found in the source (e.g. "Kremlinului").
  public var sourceForm: String?
  /// What the target should contain (approved renderings, the number, the DNT name).
  public var expected: [String]
  /// What the target contains instead, when there is something to show.
  public var found: String?
  /// A one-line explanation.
  public var message: String
  /// Where ``sourceForm`` stands in the source, in UTF-16 offsets.
  public var sourceRange: Range<Int>?
  /// Where ``found`` stands in the target, in UTF-16 offsets.
  public var targetRange: Range<Int>?

  public init(rule: CheckRule, severity: Severity? = nil, segmentID: String?, entry: String? = nil,
              entryID: String? = nil, sourceForm: String? = nil, expected: [String] = [],
              found: String? = nil, message: String, sourceRange: Range<Int>? = nil,
              targetRange: Range<Int>? = nil) {
    self.rule = rule
    self.severity = severity ?? rule.severity
    self.segmentID = segmentID
    self.entry = entry
    self.entryID = entryID
    self.sourceForm = sourceForm
    self.expected = expected
    self.found = found
    self.message = message
    self.sourceRange = sourceRange
    self.targetRange = targetRange
  }
}
