/// One source segment and its translation, as a checker sees it.
///
/// Every input format (XLIFF, Tradu JSON/JSONL, TMX, a pair of plain texts) is read into these.
public struct BilingualUnit: Equatable, Sendable {
  /// The segment id as the input gives it (`p3.s2`, an XLIFF segment id, a TMX `tuid`, a line).
  public var id: String
  /// The source text (Romanian).
  public var source: String
  /// The translation; nil when the input has no target for this segment.
  public var target: String?

  public init(id: String, source: String, target: String?) {
    self.id = id
    self.source = source
    self.target = target
  }
}

/// A translated document: its bilingual units in document order.
public struct BilingualDocument: Equatable, Sendable {
  /// The file name (or `-`), used in reports.
  public var name: String
  /// The BCP 47 language of the sources (default `ro`).
  public var sourceLanguage: String
  /// The BCP 47 language of the targets (default `en`).
  public var targetLanguage: String
  /// The units, in document order.
  public var units: [BilingualUnit]
  /// Ids of the units and segments the file was prepared with that it no longer has (known
  /// from Tradu's own ids and unit count, or from the original article).
  public var missing: [String] = []
  /// Segments of units marked `translate="no"` (or `"translate": false`) that have a target
  /// other than their source: `merge` keeps the source there, so that work would be lost.
  public var targetsNotForTranslation: [BilingualUnit] = []

  public init(name: String, sourceLanguage: String = "ro", targetLanguage: String = "en",
              units: [BilingualUnit]) {
    self.name = name
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.units = units
  }
}
