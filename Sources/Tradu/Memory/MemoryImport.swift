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
    return try read(bytes, kind: kind(path: path, bytes: bytes), path: path, origin: origin, author: author, date: date)
  }

  /// What ``importFile(path:into:origin:author:date:)`` did.
  public struct Imported: Equatable, Sendable {
    /// What the memory did with the units taken.
    public var added: TranslationMemory.AddResult
    /// Segments with a target that were not taken (empty, or a copy of the source).
    public var notTranslations: Int
    /// Segments without a target.
    public var untranslated: Int

    public init(added: TranslationMemory.AddResult, notTranslations: Int, untranslated: Int) {
      self.added = added
      self.notTranslations = notTranslations
      self.untranslated = untranslated
    }
  }

  /// Stores the translations of the file at `path` in `memory`, in one transaction: all of
  /// them, or none when the file turns out bad (the error names it, and the line).
  ///
  /// A TMX file is stored as it is read: the connection inserts the units read while the next
  /// ones are read, normalized and folded on other threads. Its units keep their own target
  /// language (their target `<tuv>`'s).
  public static func importFile(path: String, into memory: TranslationMemory, origin: MemoryOrigin? = nil,
                                author: String? = nil, date: String) throws(TraduError) -> Imported {
    let bytes = try TextReader.readBytes(path: path)
    let kind = try kind(path: path, bytes: bytes)
    guard kind == .tmx else {
      let read = try read(bytes, kind: kind, path: path, origin: origin, author: author, date: date)
      let added = try memory.add(read.units, normalized: true)
      return Imported(added: added, notTranslations: read.notTranslations, untranslated: read.untranslated)
    }
    let labels = Labels(origin: origin ?? .import, document: (path as NSString).lastPathComponent, author: author,
                        date: date)
    // Blocks of units on their way to the connection, each being taken (normalized, keyed,
    // folded) on a thread of its own; the reader is at most a few blocks ahead.
    let stream = ProducedStream<Swift.Result<BackgroundJob<Swift.Result<Taken, TraduError>>, TraduError>>(
      capacity: 3
    ) { yield in
      var pending: [Pair] = []
      var before: String?
      func send(_ pairs: [Pair], after: String?) -> Bool {
        let before = before
        return yield(.success(BackgroundJob {
          Swift.Result { () throws(TraduError) in
            try take(pairs, before: before, after: after, labels: labels, rows: MemoryTokenizer())
          }
        }))
      }
      do throws(TraduError) {
        _ = try TMXReader.read(bytes, path: path) { (unit) throws(XMLContentError) in
          pending.append(Pair(unit))
          guard pending.count > TranslationMemory.addBlock else { return }
          // The first pair of the next block gives the context of this block's last.
          let next = pending.removeLast()
          guard send(pending, after: next.source) else { throw XMLContentError("the import stopped") }
          before = pending.last?.source
          pending.removeAll(keepingCapacity: true)
          pending.append(next)
        }
        if !pending.isEmpty { _ = send(pending, after: nil) }
      } catch {
        _ = yield(.failure(error))
      }
    }
    defer { stream.cancel() }
    var notTranslations = 0, untranslated = 0
    let added = try memory.add(bulk: false) { () throws(TraduError) -> TranslationMemory.PreparedBlock? in
      guard let item = stream.next() else { return nil }
      let taken = try item.get().wait().get()
      notTranslations += taken.notTranslations
      untranslated += taken.untranslated
      return taken.block
    }
    return Imported(added: added, notTranslations: notTranslations, untranslated: untranslated)
  }

  /// The kind of the file at `path`, or an error saying which kinds are read.
  private static func kind(path: String, bytes: [UInt8]) throws(TraduError) -> Kind {
    guard let kind = kind(of: path, bytes: bytes) else {
      throw .malformedInput(path: path, line: nil,
                            reason: "not a TMX, XLIFF or Tradu JSON file (name it .tmx, .xlf, .json or .jsonl)")
    }
    return kind
  }

  /// A segment as a file gives it, before it is taken or left out.
  struct Pair: Sendable {
    var source: String
    var target: String?
    /// Whether the file's state says the target is a translation.
    var translatedState: Bool
    var sourceLanguage: String
    var targetLanguage: String

    init(source: String, target: String?, translatedState: Bool, sourceLanguage: String, targetLanguage: String) {
      self.source = source
      self.target = target
      self.translatedState = translatedState
      self.sourceLanguage = sourceLanguage
      self.targetLanguage = targetLanguage
    }

    /// A TMX unit: a stored translation whatever its target, in its own languages.
    init(_ unit: TMXReader.Unit) {
      self.init(source: unit.source, target: unit.target, translatedState: true,
                sourceLanguage: TMXReader.primary(unit.sourceLanguage),
                targetLanguage: TMXReader.primary(unit.targetLanguage ?? "en"))
    }
  }

  /// What every unit of one file records besides its text.
  struct Labels: Sendable {
    var origin: MemoryOrigin
    var document: String
    var author: String?
    var date: String
  }

  /// The units taken from a run of a file's segments, with their rows when asked.
  struct Taken: Sendable {
    var block: TranslationMemory.PreparedBlock
    var notTranslations = 0
    var untranslated = 0
  }

  /// Takes the translations among `pairs`, a run of a file's segments in order: their sources
  /// normalized and keyed, each with the keys of its neighbours as context (`before` and
  /// `after`: the sources of the segments around the run, nil at the file's ends), and their
  /// rows made with `tokenizer` unless it is nil.
  static func take(_ pairs: [Pair], before: String?, after: String?, labels: Labels,
                   rows tokenizer: MemoryTokenizer?) throws(TraduError) -> Taken {
    let normalized = try pairs.map { (pair) throws(TraduError) in try MemoryText.normalize(pair.source) }
    let keys = normalized.map(MemoryText.key)
    let keyBefore = try before.map { (text) throws(TraduError) in MemoryText.key(try MemoryText.normalize(text)) } ?? 0
    let keyAfter = try after.map { (text) throws(TraduError) in MemoryText.key(try MemoryText.normalize(text)) } ?? 0
    var taken = Taken(block: TranslationMemory.PreparedBlock(units: [], rows: []))
    taken.block.units.reserveCapacity(pairs.count)
    if tokenizer != nil { taken.block.rows.reserveCapacity(pairs.count) }
    for (index, pair) in pairs.enumerated() {
      guard let target = pair.target else {
        taken.untranslated += 1
        continue
      }
      let trimmedTarget = MemoryText.trimmed(target)
      guard !trimmedTarget.isEmpty else {
        taken.untranslated += 1
        continue
      }
      let seeded = MemoryText.sameText(trimmedTarget, normalized[index])
        || trimmedTarget == MemoryText.trimmed(pair.source)
      if seeded && !pair.translatedState {
        taken.notTranslations += 1
        continue
      }
      if normalized[index].isEmpty { taken.notTranslations += 1; continue }
      let context = MemoryContext(previous: index > 0 ? keys[index - 1] : keyBefore,
                                  next: index + 1 < keys.count ? keys[index + 1] : keyAfter)
      taken.block.units.append(MemoryUnit(
        source: normalized[index], target: target, sourceLanguage: pair.sourceLanguage,
        targetLanguage: pair.targetLanguage, origin: labels.origin, document: labels.document,
        author: labels.author, created: labels.date, context: context))
      if let tokenizer {
        taken.block.rows.append(try TranslationMemory.Row(normalizedSource: normalized[index], sourceKey: keys[index],
                                                          target: target, tokenizer: tokenizer))
      }
    }
    return taken
  }

  /// Reads the translations of a file of `kind`.
  private static func read(_ bytes: [UInt8], kind: Kind, path: String, origin: MemoryOrigin?, author: String?,
                           date: String) throws(TraduError) -> Result {
    var pairs: [Pair] = []
    switch kind {
    case .tmx:
      // A memory holds translations only: a unit whose target equals its source (a name,
      // a code) was kept on purpose.
      _ = try TMXReader.read(bytes, path: path) { (unit) throws(XMLContentError) in pairs.append(Pair(unit)) }
    case .xliff:
      let xliff = try XLIFFReader.parse(bytes, name: path)
      let sourceLanguage = TMXReader.primary(xliff.sourceLanguage.isEmpty ? "ro" : xliff.sourceLanguage)
      let targetLanguage = TMXReader.primary(xliff.targetLanguage ?? "en")
      for unit in xliff.units where unit.isTranslatable {
        for segment in unit.segments {
          pairs.append(Pair(source: segment.source, target: segment.target,
                            translatedState: isTranslatedState(segment, version: xliff.xliffVersion),
                            sourceLanguage: sourceLanguage, targetLanguage: targetLanguage))
        }
      }
    case .json, .jsonl:
      let read = kind == .json ? try TraduJSONReader.parse(bytes, name: path)
        : try BilingualReader.jsonl(String(decoding: bytes, as: UTF8.self), name: path)
      pairs = read.units.filter(\.isTranslatable).flatMap(\.segments).map {
        Pair(source: $0.source, target: $0.target, translatedState: false, sourceLanguage: read.sourceLanguageCode,
             targetLanguage: read.targetLanguageCode)
      }
    }
    let labels = Labels(origin: origin ?? (kind == .tmx ? .import : .human), document: (path as NSString).lastPathComponent,
                        author: author, date: date)
    // Taken in blocks on the machine's cores.
    let block = 4_096
    let blocks = try parallelMap((pairs.count + block - 1) / block) { [pairs] (index) throws(TraduError) in
      let range = index * block..<min(pairs.count, (index + 1) * block)
      return try take(Array(pairs[range]), before: range.lowerBound > 0 ? pairs[range.lowerBound - 1].source : nil,
                      after: range.upperBound < pairs.count ? pairs[range.upperBound].source : nil,
                      labels: labels, rows: nil)
    }
    var result = Result(units: [], notTranslations: 0, untranslated: 0)
    result.units.reserveCapacity(pairs.count)
    for taken in blocks {
      result.units += taken.block.units
      result.notTranslations += taken.notTranslations
      result.untranslated += taken.untranslated
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
