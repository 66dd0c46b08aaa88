import Foundation

/// Where a translation in the memory came from.
public enum MemoryOrigin: String, Sendable, CaseIterable, Codable {
  /// A translator's work: a translated XLIFF or JSON file (`tm import`, `merge --tm`).
  case human
  /// Paired automatically by `tradu align`.
  case alignment
  /// Read from another tool's memory (TMX).
  case `import`
}

/// One translation unit of the memory: a source segment, its translation and their history.
public struct MemoryUnit: Equatable, Sendable {
  /// The row id (nil before the unit is stored).
  public var id: Int64?
  /// The source, normalized as `prepare` normalizes it.
  public var source: String
  public var target: String
  /// BCP 47 primary language of the source (`ro`).
  public var sourceLanguage: String
  /// BCP 47 primary language of the target (`en`).
  public var targetLanguage: String
  public var origin: MemoryOrigin
  /// The file or article the unit came from.
  public var document: String?
  /// Who or what made the translation (a translator, `tradu align`, a CAT tool).
  public var author: String?
  /// When the unit was first stored, ISO 8601 UTC.
  public var created: String
  /// When the unit was last stored, imported again or edited, ISO 8601 UTC.
  public var changed: String
  /// The exact-match keys of the segments before and after this one in its document
  /// (``MemoryContext``): what makes an exact match an in-context (101) one.
  public var context: MemoryContext?

  public init(id: Int64? = nil, source: String, target: String, sourceLanguage: String = "ro",
              targetLanguage: String = "en", origin: MemoryOrigin, document: String? = nil,
              author: String? = nil, created: String, changed: String? = nil, context: MemoryContext? = nil) {
    self.id = id
    self.source = source
    self.target = target
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.origin = origin
    self.document = document
    self.author = author
    self.created = created
    self.changed = changed ?? created
    self.context = context
  }
}

/// The neighbours of a segment in its document, as exact-match keys (0 where the document
/// starts or ends).
public struct MemoryContext: Equatable, Hashable, Sendable {
  public var previous: Int64
  public var next: Int64

  public init(previous: Int64, next: Int64) {
    self.previous = previous
    self.next = next
  }

  /// The context of `sources[index]` in a document whose segments are `sources` (normalized).
  public static func of(_ index: Int, in sources: [String]) -> MemoryContext {
    MemoryContext(previous: index > 0 ? MemoryText.key(sources[index - 1]) : 0,
                  next: index + 1 < sources.count ? MemoryText.key(sources[index + 1]) : 0)
  }

  /// The context of the segment at `index` in a document whose segments' exact-match keys
  /// (``MemoryText/key(_:)``) are `keys`: each key computed once for the whole document.
  static func of(_ index: Int, keys: [Int64]) -> MemoryContext {
    MemoryContext(previous: index > 0 ? keys[index - 1] : 0, next: index + 1 < keys.count ? keys[index + 1] : 0)
  }
}

/// How a memory unit matches a segment.
public enum MatchKind: String, Sendable {
  /// The same source, and the same segments around it (scored 101).
  case inContext = "in-context"
  /// The same source (100).
  case exact
  /// A similar source (below 100).
  case fuzzy
}

/// A translation the memory proposes for a segment.
public struct MemoryMatch: Equatable, Sendable {
  /// The memory unit.
  public var unit: MemoryUnit
  /// The proposed target: the unit's target with differing numbers replaced.
  public var target: String
  /// The score, 0–101: the source similarity (101 in context, 100 exact) less the origin's
  /// penalty.
  public var score: Int
  /// The source similarity alone, 0–100.
  public var similarity: Int
  /// The similarity before it is rounded down to ``similarity`` (0…1; 1 for exact matches):
  /// among matches of one score, the closer source ranks first.
  public var closeness: Double
  public var kind: MatchKind
  /// Numbers replaced in ``target`` (placeables).
  public var replacedNumbers: [NumberPlaceables.Replacement]

  /// A note for the translator: the numbers replaced, if any.
  public var note: String? {
    guard !replacedNumbers.isEmpty else { return nil }
    return "numbers replaced: " + replacedNumbers.map { "\($0.old) → \($0.new)" }.joined(separator: ", ")
  }
}

/// How many points each origin's matches lose (aligned units a few points below human ones).
public struct OriginPenalties: Equatable, Sendable {
  public var points: [MemoryOrigin: Int]

  public init(_ points: [MemoryOrigin: Int]) { self.points = points }

  /// Human translations and imports 0, alignments 3.
  public static let `default` = OriginPenalties([.human: 0, .import: 0, .alignment: 3])

  public func penalty(_ origin: MemoryOrigin) -> Int { points[origin] ?? 0 }

  /// Parses `alignment=3,import=1` over the defaults.
  public init(parsing list: String) throws(TraduError) {
    var points = Self.default.points
    for item in list.split(separator: ",") {
      let parts = item.split(separator: "=")
      guard parts.count == 2, let origin = MemoryOrigin(rawValue: parts[0].trimmingCharacters(in: .whitespaces)),
            let value = Int(parts[1].trimmingCharacters(in: .whitespaces)), (0...100).contains(value) else {
        throw .malformedInput(path: "--penalty", line: nil,
                              reason: "\"\(item)\" is not ORIGIN=POINTS (origins: human, alignment, import; points 0–100)")
      }
      points[origin] = value
    }
    self.points = points
  }
}

/// The counts `tradu tm stats` shows.
public struct MemoryStatistics: Equatable, Sendable {
  public var units = 0
  public var byOrigin: [MemoryOrigin: Int] = [:]
  public var languagePairs: [String: Int] = [:]
  public var documents = 0
  public var schemaVersion = 0
  public var fileBytes: Int64 = 0
  public var oldest: String?
  public var newest: String?
}
