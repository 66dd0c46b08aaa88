import Foundation

/// Reads translations out of files for the memory: TMX 1.4b, translated XLIFF 2.x / 1.2,
/// Tradu JSON and JSONL.
///
/// Only real translations are taken: a target that differs from its source, or one whose
/// state says it was translated (XLIFF `translated`, `reviewed`, `final`; 1.2 `translated`,
/// `signed-off`, `final`). A target equal to its source without such a state is a seed (XLIFF
/// 1.2 tools copy the source into the target), not a translation, and is left out. A TMX unit
/// is a stored translation whatever its target.
public enum MemoryImport {
  /// The file kinds read.
  public enum Kind: String, Sendable { case tmx, xliff, json, jsonl }

  /// What a file gave.
  public struct Result: Sendable {
    public var units: [MemoryUnit]
    /// Segments with a target that were not taken (empty, or a copy of the source).
    public var notTranslations: Int
    /// Segments without a target.
    public var untranslated: Int
  }

  /// The kind of `path` by its extension, else by its first bytes.
  public static func kind(of path: String, bytes: [UInt8]) -> Kind? {
    let lower = path.lowercased()
    if lower.hasSuffix(".tmx") { return .tmx }
    if lower.hasSuffix(".xlf") || lower.hasSuffix(".xliff") || lower.hasSuffix(".sdlxliff") { return .xliff }
    if lower.hasSuffix(".jsonl") { return .jsonl }
    if lower.hasSuffix(".json") { return .json }
    let head = String(decoding: bytes.prefix(2048), as: UTF8.self)
    if head.contains("<tmx") { return .tmx }
    if head.contains("<xliff") { return .xliff }
    if head.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
      return head.contains("\"units\"") ? .json : .jsonl
    }
    return nil
  }

  /// Reads the translations of the file at `path`.
  ///
  /// - Parameters:
  ///   - origin: the origin to record; by default `import` for TMX, `human` for the others.
  ///   - date: the date stamped as created and changed (ISO 8601 UTC).
  public static func read(path: String, origin: MemoryOrigin? = nil, author: String? = nil,
                          date: String) throws(TraduError) -> Result {
    let bytes = try TextReader.readBytes(path: path)
    guard let kind = kind(of: path, bytes: bytes) else {
      throw .malformedInput(path: path, line: nil,
                            reason: "not a TMX, XLIFF or Tradu JSON file (name it .tmx, .xlf, .json or .jsonl)")
    }
    let document = (path as NSString).lastPathComponent
    var pairs: [(source: String, target: String?, translatedState: Bool)] = []
    var sourceLanguage = "ro", targetLanguage = "en"
    switch kind {
    case .tmx:
      let read = try TMXReader.read(bytes, path: path)
      sourceLanguage = read.sourceLanguageCode
      targetLanguage = read.targetLanguageCode
      // A memory holds translations only: a unit whose target equals its source (a name,
      // a code) was kept on purpose.
      pairs.reserveCapacity(read.files.reduce(0) { $0 + $1.units.count })
      for file in read.files {
        for unit in file.units {
          for case .segment(let segment) in unit.parts { pairs.append((segment.source, segment.target, true)) }
        }
      }
    case .xliff:
      let xliff = try XLIFFReader.parse(bytes, name: path)
      sourceLanguage = TMXReader.primary(xliff.sourceLanguage.isEmpty ? "ro" : xliff.sourceLanguage)
      targetLanguage = TMXReader.primary(xliff.targetLanguage ?? "en")
      for unit in xliff.units where unit.isTranslatable {
        for segment in unit.segments {
          pairs.append((segment.source, segment.target, isTranslatedState(segment, version: xliff.xliffVersion)))
        }
      }
    case .json, .jsonl:
      let read = kind == .json ? try TraduJSONReader.parse(bytes, name: path)
        : try BilingualReader.jsonl(String(decoding: bytes, as: UTF8.self), name: path)
      sourceLanguage = read.sourceLanguageCode
      targetLanguage = read.targetLanguageCode
      pairs = read.units.filter(\.isTranslatable).flatMap(\.segments).map { ($0.source, $0.target, false) }
    }
    let normalized = try normalizedInParallel(pairs.map(\.source))
    let keys = normalized.map(MemoryText.key)
    var result = Result(units: [], notTranslations: 0, untranslated: 0)
    result.units.reserveCapacity(pairs.count)
    for (index, pair) in pairs.enumerated() {
      guard let target = pair.target else {
        result.untranslated += 1
        continue
      }
      let trimmedTarget = MemoryText.trimmed(target)
      guard !trimmedTarget.isEmpty else {
        result.untranslated += 1
        continue
      }
      let seeded = MemoryText.sameText(trimmedTarget, normalized[index])
        || trimmedTarget == MemoryText.trimmed(pair.source)
      if seeded && !pair.translatedState {
        result.notTranslations += 1
        continue
      }
      if normalized[index].isEmpty { result.notTranslations += 1; continue }
      result.units.append(MemoryUnit(
        source: normalized[index], target: target, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
        origin: origin ?? (kind == .tmx ? .import : .human), document: document, author: author, created: date,
        context: MemoryContext.of(index, keys: keys)))
    }
    return result
  }

  /// The translations of an article and its translation as plain texts, paired paragraph by
  /// paragraph and, where both have as many sentences, sentence by sentence (as `tradu check
  /// --source --target` pairs them).
  public static func read(sourcePath: String, targetPath: String, origin: MemoryOrigin = .human, author: String? = nil,
                          date: String, targetLanguage: String = "en") throws(TraduError) -> Result {
    let source = try TextReader.read(path: sourcePath, language: "ro")
    let target = try TextReader.read(path: targetPath, language: targetLanguage)
    let paired = try BilingualReader.pair(source: source, target: target).units.flatMap(\.segments)
    let sources = try paired.map { (unit) throws(TraduError) in try MemoryText.normalize(unit.source) }
    var result = Result(units: [], notTranslations: 0, untranslated: 0)
    for (index, unit) in paired.enumerated() {
      guard let text = unit.target, !MemoryText.trimmed(text).isEmpty, !sources[index].isEmpty else {
        result.untranslated += 1
        continue
      }
      if MemoryText.sameText(MemoryText.trimmed(text), sources[index]) { result.notTranslations += 1; continue }
      result.units.append(MemoryUnit(
        source: sources[index], target: text, sourceLanguage: "ro", targetLanguage: targetLanguage, origin: origin,
        document: (sourcePath as NSString).lastPathComponent, author: author, created: date,
        context: MemoryContext.of(index, in: sources)))
    }
    return result
  }

  /// `sources` normalized (``MemoryText/normalize(_:)``), in blocks on the machine's cores.
  static func normalizedInParallel(_ sources: [String]) throws(TraduError) -> [String] {
    let block = 4_096
    let blocks = try parallelMap((sources.count + block - 1) / block) { (index) throws(TraduError) in
      try sources[index * block..<min(sources.count, (index + 1) * block)].map { (source) throws(TraduError) in
        try MemoryText.normalize(source)
      }
    }
    var normalized: [String] = []
    normalized.reserveCapacity(sources.count)
    for block in blocks { normalized += block }
    return normalized
  }

  /// Whether an XLIFF segment's state says that its target is a translation.
  static func isTranslatedState(_ segment: BilingualSegment, version: XLIFFVersion?) -> Bool {
    if version == .v1_2 {
      return ["translated", "signed-off", "final"].contains(segment.stateValue ?? "")
    }
    return segment.state != .initial
  }

  /// The memory units of a translated prepared document (`merge --tm`): every segment with a
  /// target that is a translation, with its neighbours as context.
  public static func units(of document: PreparedDocument, origin: MemoryOrigin = .human, author: String? = nil,
                           date: String) throws(TraduError) -> [MemoryUnit] {
    let segments = document.units.flatMap { unit in unit.segments.map { (unit.isTranslatable, $0) } }
    let sources = try segments.map { (pair) throws(TraduError) in try MemoryText.normalize(pair.1.source) }
    var units: [MemoryUnit] = []
    for (index, (translatable, segment)) in segments.enumerated() where translatable {
      guard let target = segment.target, !MemoryText.trimmed(target).isEmpty else { continue }
      if segment.state == .initial && MemoryText.sameText(MemoryText.trimmed(target), sources[index]) { continue }
      units.append(MemoryUnit(source: sources[index], target: target, sourceLanguage: document.sourceLanguage,
                              targetLanguage: document.targetLanguage, origin: origin, document: document.name,
                              author: author, created: date, context: MemoryContext.of(index, in: sources)))
    }
    return units
  }
}

/// The current time as ISO 8601 UTC without fractions (`2026-12-06T14:30:00Z`).
public func isoNow() -> String {
  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withInternetDateTime]
  formatter.timeZone = TimeZone(identifier: "UTC")
  return formatter.string(from: Date())
}
