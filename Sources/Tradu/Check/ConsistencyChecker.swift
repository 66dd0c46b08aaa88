/// Checks translations against a glossary and a few segment rules.
///
/// The checker runs each rule of ``Rules`` that is not skipped on every unit, then the
/// document-wide rule, and keeps what it found on both sides for the reports. Entries of
/// ``CheckGlossary/lowConfidence`` (terms a matcher cannot find safely) give minor findings
/// at most.
///
///     let checker = ConsistencyChecker(glossary: glossary)
///     let report = try checker.check(document)
///     report.findings.filter { $0.severity >= .major }
///
/// - Complexity: O(*n*) in the length of the document, times the number of entries found per
///   segment.
public struct ConsistencyChecker: Sendable {
  /// The glossary, as the rules read translations with it.
  public let glossary: CheckGlossary
  /// Rules not to run.
  public var skip: Set<CheckRule>

  /// The glossary entries, by id.
  public var entries: [String: GlossaryEntry] { glossary.entries }

  /// A checker with `glossary`.
  public init(_ glossary: CheckGlossary, skip: Set<CheckRule> = []) {
    self.glossary = glossary
    self.skip = skip
  }

  /// A checker over `entries`, finding them in source text with `findSourceTerms` (normally
  /// `GlossaryMatcher.matches(in:)` over the same entries); its error ends the check.
  public init(entries: [GlossaryEntry], skip: Set<CheckRule> = [], lowConfidence: Set<String> = [],
              findSourceTerms: @escaping @Sendable (String) throws(TraduError) -> [GlossaryMatch]) {
    self.init(CheckGlossary(entries: entries, lowConfidence: lowConfidence, findSourceTerms: findSourceTerms), skip: skip)
  }

  /// A checker over `glossary`, finding its entries in source text with its own matcher.
  public init(glossary: Glossary, skip: Set<CheckRule> = [], lowConfidence: Set<String> = []) {
    self.init(CheckGlossary(glossary: glossary, lowConfidence: lowConfidence), skip: skip)
  }

  /// Checks every unit of `document`, then the document-wide rules.
  ///
  /// - Throws: ``TraduError/icu(_:)`` when ICU fails while finding the glossary's terms: a
  ///   report that missed them would look clean; the errors of
  ///   ``BilingualDocument/translatableSegments()`` when ids repeat.
  public func check(_ document: BilingualDocument) throws(TraduError) -> CheckReport {
    let segments = try document.translatableSegments()
    let units = try analyzeAll(segments, targetLanguage: document.targetLanguageCode)
    var documentFindings = skip.contains(.inconsistent) ? [] : adjusted(Rules.inconsistent(units))
    if !skip.contains(.missingSegment) {
      documentFindings += document.missing.map { id in
        Finding(rule: .missingSegment, segmentID: id,
                message: "the translated file has no \(id.contains(".") ? "segment" : "unit") \(id): restore it from the prepared file and translate it")
      }
    }
    if !skip.contains(.targetNotForTranslation) {
      documentFindings += document.targetsNotForTranslation.map { unit in
        Finding(rule: .targetNotForTranslation, segmentID: unit.findingID, found: unit.target,
                message: "the unit is marked not for translation, so merge keeps its source; remove translate=\"no\" in the prepared file if it is to be translated")
      }
    }
    var report = CheckReport(document: document, units: units, documentFindings: documentFindings)
    // The ids of one file's segments are unique unless qualified with their unit's (`p2:1`),
    // which only a repeated id needs.
    report.unitIDsAreUnique = document.files.count <= 1 && !segments.contains { $0.id?.utf8.contains(0x3A) ?? true }
    return report
  }

  /// ``analyze(_:targetLanguage:)`` of every unit, in order: blocks of units on the machine's
  /// cores (the analyses are independent; the document-wide rule reads them all afterwards).
  func analyzeAll(_ units: [BilingualSegment], targetLanguage: String) throws(TraduError) -> [UnitAnalysis] {
    let blockSize = 512
    let blocks = try parallelMap((units.count + blockSize - 1) / blockSize) { block throws(TraduError) -> [UnitAnalysis] in
      var analyses: [UnitAnalysis] = []
      for unit in units[(block * blockSize)..<min(units.count, (block + 1) * blockSize)] {
        analyses.append(try analyze(unit, targetLanguage: targetLanguage))
      }
      return analyses
    }
    var analyses: [UnitAnalysis] = []
    analyses.reserveCapacity(units.count)
    for block in blocks { analyses += block }
    return analyses
  }

  /// Checks one unit with the segment rules (everything but ``CheckRule/inconsistent``).
  public func analyze(_ unit: BilingualSegment, targetLanguage: String = "en") throws(TraduError) -> UnitAnalysis {
    var findings: [Finding] = []
    func run(_ rule: CheckRule, _ body: (BilingualSegment) throws(TraduError) -> [Finding]) throws(TraduError) {
      if !skip.contains(rule) { findings += try body(unit) }
    }
    // What the source names and the target renders, found once for all the rules (each rule
    // can find it itself, which a unit of thousands of sentences cannot afford five times).
    // The words of both sides and the source's terms, likewise found once.
    let sourceWords = WordTokens(unit.source)
    // A target that copies its source (as prepared files' targets start) has the same words.
    let targetWords = unit.target == unit.source ? sourceWords : WordTokens(unit.target ?? "")
    let sourceTerms = try glossary.sourceTerms(in: sourceWords)
    var inUnit = try glossary.entriesInUnit(unit, sourceWords: sourceWords, sourceTerms: sourceTerms, targetWords: targetWords)
    // A do-not-translate entry's exact places serve dnt-changed and the report's terms: found once.
    for k in inUnit.indices where inUnit[k].entry.doNotTranslate {
      inUnit[k].exactDNT = glossary.exactDNTOccurrences(of: inUnit[k], in: targetWords)
    }
    try run(.untranslated) { Rules.untranslated($0, sourceWords: sourceWords) }
    try run(.missingTerm) { unit throws(TraduError) in try Rules.missingTerm(unit, glossary, entries: inUnit, targetWords: targetWords) }
    try run(.misspeltTerm) { unit throws(TraduError) in try Rules.misspeltTerm(unit, glossary, entries: inUnit) }
    let forbiddenUses = glossary.forbiddenFormUses(in: targetWords)
    try run(.forbiddenTerm) { unit throws(TraduError) in
      try Rules.forbiddenTerm(unit, glossary, entries: inUnit, targetWords: targetWords, forbiddenUses: forbiddenUses)
    }
    try run(.dntChanged) { unit throws(TraduError) in try Rules.dntChanged(unit, glossary, entries: inUnit, targetWords: targetWords) }
    try run(.numberMismatch) { Rules.numberMismatch($0, targetWords: targetWords) }
    if targetLanguage.lowercased().hasPrefix("ro") { try run(.cedilla) { Rules.cedilla($0) } }
    return UnitAnalysis(unit: unit, sourceTerms: sourceTerms,
                        targetTerms: try targetTerms(of: unit, entries: inUnit, words: targetWords, forbiddenUses: forbiddenUses),
                        findings: adjusted(findings))
  }

  /// Findings about low-confidence entries, made minor at most.
  func adjusted(_ findings: [Finding]) -> [Finding] {
    guard !glossary.lowConfidence.isEmpty else { return findings }
    return findings.map { f in
      guard let id = f.entryID, glossary.lowConfidence.contains(id), f.severity > .minor else { return f }
      var f = f
      f.severity = .minor
      f.message += " (low-confidence entry: see `tradu glossary lint`)"
      return f
    }
  }

  /// The renderings (approved, forbidden, misspelt, kept as written) the target has of the
  /// entries, in text order: what reports highlight and ``CheckRule/inconsistent`` counts.
  func targetTerms(of unit: BilingualSegment, entries found: [EntryInUnit]? = nil,
                   words known: WordTokens? = nil, forbiddenUses: [ForbiddenUse]? = nil) throws(TraduError) -> [TargetTerm] {
    guard let target = unit.target else { return [] }
    var terms: [TargetTerm] = []
    var forbiddenSeen: Set<Int> = []
    let words = known ?? WordTokens(target)
    for e in try glossary.entriesInUnit(unit, given: found) {
      func add(_ r: TermOccurrence, status: TermStatus?, misspelt: Bool = false) {
        terms.append(TargetTerm(entryID: e.entry.id, entry: e.entry.source, term: r.term, status: status,
                                isMisspelt: misspelt, range: r.range, surface: r.surface))
      }
      if e.entry.doNotTranslate {
        for r in glossary.exactDNT(of: e, in: words) {
          terms.append(TargetTerm(entryID: e.entry.id, entry: e.entry.source, term: e.entry.source,
                                  status: .preferred, range: r.range, surface: r.surface))
        }
        continue
      }
      for r in e.renderings { add(r, status: e.entry.targets.first { $0.term == r.term }?.status) }
      for r in e.keptSourceForms { add(r, status: nil) }
      for r in e.nearMisses { add(r, status: nil, misspelt: true) }
      for r in e.forbidden where forbiddenSeen.insert(r.range.lowerBound).inserted { add(r, status: .forbidden) }
    }
    for (entry, term, uses) in forbiddenUses ?? glossary.forbiddenFormUses(in: words) {
      for use in uses where forbiddenSeen.insert(use.range.lowerBound).inserted {
        terms.append(TargetTerm(entryID: entry.id, entry: entry.source, term: term, status: .forbidden,
                                range: use.range, surface: use.surface))
      }
    }
    return terms.sorted { $0.range.lowerBound < $1.range.lowerBound }
  }
}

/// The result of a check: every unit's analysis and the document-wide findings.
public struct CheckReport: Sendable {
  /// The document that was checked.
  public var document: BilingualDocument
  /// Each unit's glossary terms (both sides) and findings, in document order.
  public var units: [UnitAnalysis]
  /// Findings about the document as a whole (``CheckRule/inconsistent``).
  public var documentFindings: [Finding]
  /// Whether no two units share an id (known from how ``ConsistencyChecker/check(_:)`` made
  /// them): then a unit's findings name that unit, and reports need no table of units by id.
  var unitIDsAreUnique = false

  public init(document: BilingualDocument, units: [UnitAnalysis], documentFindings: [Finding]) {
    self.document = document
    self.units = units
    self.documentFindings = documentFindings
  }

  /// All findings: per unit in document order, then the document-wide ones.
  public var findings: [Finding] { units.flatMap(\.findings) + documentFindings }

  /// How many findings each severity has.
  public var countsBySeverity: [Severity: Int] {
    findings.reduce(into: [:]) { $0[$1.severity, default: 0] += 1 }
  }

  /// Whether any finding is at least as severe as `severity`.
  public func hasFindings(atOrAbove severity: Severity) -> Bool {
    units.contains { $0.findings.contains { $0.severity >= severity } }
      || documentFindings.contains { $0.severity >= severity }
  }
}
