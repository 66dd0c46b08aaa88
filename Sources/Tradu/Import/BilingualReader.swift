import Foundation

/// Reads translations into ``BilingualDocument``s: a pair of plain texts, and JSONL.
///
/// XLIFF, Tradu JSON and TMX have their own readers (``XLIFFReader``, ``TraduJSONReader``,
/// ``TMXReader``); all of them produce the one bilingual model.
public enum BilingualReader {
  /// Pairs a source text and its translation by position.
  ///
  /// Both texts are segmented (Romanian and English rules); paragraph *n* of the target must
  /// translate paragraph *n* of the source. Inside a paragraph, sentence *k* pairs with
  /// sentence *k* when both have the same number of sentences (ids `p3.s2`); otherwise the
  /// whole paragraph is one unit (id `p3`), since a translator may merge or split sentences.
  ///
  /// - Throws: ``TraduError/malformedInput(path:line:reason:)`` when the paragraph counts differ.
  public static func pair(source: SourceDocument, target: SourceDocument) throws(TraduError) -> BilingualDocument {
    let s = try Segmenter(locale: "ro").segment(source.text)
    let t = try Segmenter(locale: "en").segment(target.text)
    guard s.paragraphs.count == t.paragraphs.count else {
      throw .malformedInput(
        path: target.name, line: nil,
        reason: "has \(t.paragraphs.count) paragraphs but the source \(source.name) has \(s.paragraphs.count); "
          + "give each translated paragraph its own block, separated by a blank line, in source order")
    }
    var segments: [BilingualSegment] = []
    for (sp, tp) in zip(s.paragraphs, t.paragraphs) {
      if sp.segments.count == tp.segments.count {
        for (ss, ts) in zip(sp.segments, tp.segments) {
          segments.append(BilingualSegment(id: ss.id, source: ss.text, target: ts.text))
        }
      } else {
        segments.append(BilingualSegment(id: "p\(sp.number)", source: slice(s.text, sp.range),
                                         target: slice(t.text, tp.range)))
      }
    }
    return BilingualDocument(name: target.name, sourceLanguage: source.language,
                             targetLanguage: target.language, segments: segments)
  }

  /// Reads JSONL: one `{"id", "source", "target"}` object per line (the evaluation protocol),
  /// or one `{"format": "tradu-unit", "unit": {…, "segments": […]}}` per line as
  /// `tradu prepare --to jsonl` writes them, once translated. A null or absent target is
  /// untranslated; units with `"translate": false` are kept as such (checked only for targets).
  public static func jsonl(_ text: String, name: String) throws(TraduError) -> BilingualDocument {
    try jsonl(utf8: Array(text.utf8), name: name, blockSize: 1 << 20)
  }

  /// ``jsonl(_:name:)`` of the file's bytes as they are, without a byte-order mark: each
  /// string is checked for UTF-8 as it is made, so a file needs no check of its own first.
  /// Invalid UTF-8 is an error here (``TextReader`` would read it as U+FFFD).
  public static func jsonl(utf8 bytes: [UInt8], name: String) throws(TraduError) -> BilingualDocument {
    try jsonl(utf8: bytes, name: name, blockSize: 1 << 20)
  }

  /// ``jsonl(_:name:)`` with the lines parsed in blocks of about `blockSize` bytes (see
  /// ``forEachJSONLineInParallel(_:name:blockSize:_:)``).
  static func jsonl(_ text: String, name: String, blockSize: Int) throws(TraduError) -> BilingualDocument {
    try jsonl(utf8: Array(text.utf8), name: name, blockSize: blockSize)
  }

  /// The members a JSONL reading uses, at any depth (rows, units, their segments): the
  /// others (a prepared unit's notes, glossary matches, offsets…) are checked but not built.
  private static let jsonlMembers = ["id", "source", "target", "unit", "segments", "translate", "srcLang", "trgLang"]

  static func jsonl(utf8 bytes: [UInt8], name: String, blockSize: Int) throws(TraduError) -> BilingualDocument {
    var units: [BilingualUnit] = []
    var languages: (source: String?, target: String?) = (nil, nil)
    var segmentCount = 0
    /// A segment without an id takes its number in the file.
    func numbered(_ segment: BilingualSegment) -> BilingualSegment {
      var segment = segment
      if segment.id == nil { segment.id = String(segmentCount + 1) }
      segmentCount += 1
      return segment
    }
    try forEachJSONLineInParallel(bytes, name: name, blockSize: blockSize, keeping: jsonlMembers,
                                  convert: { object, number in convertedLine(object, name: name, line: number) }) {
      (line, number) throws(TraduError) in
      switch line {
      case .row(let row):
        let row = numbered(row)
        units.append(BilingualUnit(id: row.id!, parts: [.segment(row)], line: number))
      case .unit(let id, let isTranslatable, let segments, let sourceLanguage, let targetLanguage):
        languages = (languages.source ?? sourceLanguage, languages.target ?? targetLanguage)
        var pieces: [BilingualPart] = []
        pieces.reserveCapacity(segments.count)
        for segment in segments { pieces.append(.segment(numbered(segment))) }
        units.append(BilingualUnit(id: id ?? "u\(units.count + 1)", isTranslatable: isTranslatable, parts: pieces, line: number))
      case .unconverted(let object):
        // Read here, in line order, so that the error names what it always named.
        guard let prepared = object["unit"] else {
          let row = try segment(object, index: segmentCount, path: name, line: number)
          segmentCount += 1
          units.append(BilingualUnit(id: row.id!, parts: [.segment(row)], line: number))
          return
        }
        languages = (languages.source ?? language(object["srcLang"]), languages.target ?? language(object["trgLang"]))
        guard let prepared = prepared.object, let segments = prepared["segments"]?.array else {
          throw .malformedInput(path: name, line: number, reason: "the unit has no \"segments\" array")
        }
        var pieces: [BilingualPart] = []
        pieces.reserveCapacity(segments.count)
        for piece in segments {
          guard let piece = piece.object else {
            throw .malformedInput(path: name, line: number, reason: "a segment of the unit is not an object")
          }
          pieces.append(.segment(try segment(piece, index: segmentCount, path: name, line: number)))
          segmentCount += 1
        }
        units.append(BilingualUnit(id: prepared["id"]?.stringOrNumber ?? "u\(units.count + 1)",
                                   isTranslatable: prepared["translate"]?.bool ?? true, parts: pieces, line: number))
      }
    }
    return BilingualDocument(name: name, sourceLanguage: languages.source ?? "ro", targetLanguage: languages.target ?? "en",
                             files: [BilingualFile(id: nil, original: nil, metadata: [:], notes: [], units: units)])
  }

  /// A JSONL line as ``jsonl(_:name:blockSize:)`` reads it, converted on the core that parsed
  /// it: segments whose ids are still to be numbered, or the object itself when it is not a
  /// well-formed row or unit (read again in line order for the error).
  private enum ConvertedLine: Sendable {
    case row(BilingualSegment)
    case unit(id: String?, isTranslatable: Bool, segments: [BilingualSegment], sourceLanguage: String?, targetLanguage: String?)
    case unconverted(JSONObject)
  }

  private static func convertedLine(_ object: JSONObject, name: String, line: Int) -> ConvertedLine {
    guard let prepared = object["unit"] else {
      guard let row = convertedSegment(object, line: line) else { return .unconverted(object) }
      return .row(row)
    }
    guard let unit = prepared.object, let pieces = unit["segments"]?.array else { return .unconverted(object) }
    var segments: [BilingualSegment] = []
    segments.reserveCapacity(pieces.count)
    for piece in pieces {
      guard let piece = piece.object, let segment = convertedSegment(piece, line: line) else { return .unconverted(object) }
      segments.append(segment)
    }
    return .unit(id: unit["id"]?.stringOrNumber, isTranslatable: unit["translate"]?.bool ?? true, segments: segments,
                 sourceLanguage: language(object["srcLang"]), targetLanguage: language(object["trgLang"]))
  }

  /// ``segment(_:index:path:line:)`` without the default id (nil), or nil where it throws.
  private static func convertedSegment(_ object: JSONObject, line: Int) -> BilingualSegment? {
    guard let source = object["source"]?.string else { return nil }
    let target: String?
    switch object["target"] {
    case nil, .null?: target = nil
    case .string(let text)?: target = sharing(text, with: source)
    default: return nil
    }
    var segment = BilingualSegment(id: "", source: source, target: target, line: line)
    segment.id = object["id"]?.stringOrNumber
    return segment
  }

  /// `text`, or `source` itself when both have the same bytes: a target that copies its source
  /// (as prepared files' targets start) shares its storage, and comparing the two is at once.
  private static func sharing(_ text: String, with source: String) -> String {
    var (text, source) = (text, source)
    let same = text.withUTF8 { t in
      source.withUTF8 { s in t.count == s.count && (t.isEmpty || memcmp(t.baseAddress!, s.baseAddress!, t.count) == 0) }
    }
    return same ? source : text
  }

  /// Calls `body` with each line of JSONL `bytes` that is not blank, parsed (it must be an
  /// object), and its line number; a line that is not a JSON object is an error naming the line.
  public static func forEachJSONLine(_ bytes: [UInt8], name: String,
                                     _ body: (JSONObject, Int) throws(TraduError) -> Void) throws(TraduError) {
    var number = 0
    var lineStart = 0
    while lineStart < bytes.count {
      number += 1
      let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
      defer { lineStart = lineEnd + 1 }
      if bytes[lineStart..<lineEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      try body(try jsonObject(bytes, line: lineStart..<lineEnd, number: number, name: name), number)
    }
  }

  /// ``forEachJSONLine(_:name:_:)`` with the lines parsed on the machine's cores: `bytes` is
  /// cut at line ends into blocks of about `blockSize` bytes, the blocks are parsed at the
  /// same time, and `body` is called in line order. The calls and the error are those of
  /// ``forEachJSONLine(_:name:_:)``: a line that is not a JSON object is reported (line number
  /// and message alike) after `body` has had every line before it, and an error `body` throws
  /// for an earlier line comes first.
  public static func forEachJSONLineInParallel(_ bytes: [UInt8], name: String, blockSize: Int = 1 << 20,
                                               _ body: (JSONObject, Int) throws(TraduError) -> Void) throws(TraduError) {
    try forEachJSONLineInParallel(bytes, name: name, blockSize: blockSize, convert: { object, _ in object }, body)
  }

  /// ``forEachJSONLineInParallel(_:name:blockSize:_:)`` with each object handed to `convert`
  /// on the core that parsed it (and let go there), and what it returns to `body`.
  /// With `keeping`, objects keep only the members it names (see
  /// ``JSONParser/parse(_:in:firstLine:keeping:)``).
  static func forEachJSONLineInParallel<Line: Sendable>(
    _ bytes: [UInt8], name: String, blockSize: Int = 1 << 20, keeping: [String]? = nil,
    convert: @Sendable (JSONObject, Int) -> Line,
    _ body: (Line, Int) throws(TraduError) -> Void
  ) throws(TraduError) {
    // Blocks of whole lines, and the number of each block's first line.
    var blocks: [(range: Range<Int>, firstLine: Int)] = []
    var start = 0
    var line = 1
    while start < bytes.count {
      var end = bytes.count
      if bytes.count - start > blockSize, let newline = bytes[(start + blockSize)...].firstIndex(of: 0x0A) {
        end = newline + 1
      }
      blocks.append((start..<end, line))
      line += lineFeedCount(bytes, start..<end)
      start = end
    }
    // A few blocks per core at a time, so that the parsed objects waiting for `body` stay
    // a few blocks' worth, not the whole file's.
    let window = 4 * Cores.count
    for first in stride(from: 0, to: blocks.count, by: window) {
      let cuts = Array(blocks[first..<min(blocks.count, first + window)])
      var parsed = parallelMap(cuts.count) { k -> ParsedLines<Line> in
        var lines = ParsedLines<Line>()
        var number = cuts[k].firstLine - 1
        var lineStart = cuts[k].range.lowerBound
        let blockEnd = cuts[k].range.upperBound
        while lineStart < blockEnd {
          number += 1
          let lineEnd = firstLineFeed(bytes, lineStart..<blockEnd) ?? blockEnd
          defer { lineStart = lineEnd + 1 }
          if bytes[lineStart..<lineEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
          do throws(TraduError) {
            let object = try jsonObject(bytes, line: lineStart..<lineEnd, number: number, name: name, keeping: keeping)
            lines.objects.append((convert(object, number), number))
          } catch {
            lines.error = error
            break
          }
        }
        return lines
      }
      for k in parsed.indices {
        let block = parsed[k]
        parsed[k] = ParsedLines<Line>()  // each block's lines go once read
        for (object, number) in block.objects { try body(object, number) }
        if let error = block.error { throw error }
      }
    }
  }

  /// Where the first line feed of `bytes[range]` stands, or nil: `memchr`, which reads many
  /// bytes at a time (JSONL lines run to kilobytes).
  static func firstLineFeed(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
    precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count)
    guard !range.isEmpty else { return nil }
    return bytes.withUnsafeBufferPointer { buffer in
      let start = buffer.baseAddress! + range.lowerBound
      guard let found = memchr(start, 0x0A, range.count) else { return nil }
      return range.lowerBound + (UnsafeRawPointer(found) - UnsafeRawPointer(start))
    }
  }

  /// How many line feeds `bytes[range]` has.
  static func lineFeedCount(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
    var count = 0
    var from = range.lowerBound
    while let lineFeed = firstLineFeed(bytes, from..<range.upperBound) {
      count += 1
      from = lineFeed + 1
    }
    return count
  }

  /// The objects of a block of JSONL lines with their line numbers, up to the first line that
  /// is not a JSON object, and that line's error.
  private struct ParsedLines<Line: Sendable>: Sendable {
    var objects: [(Line, Int)] = []
    var error: TraduError?
  }

  /// The JSON object on the line at `range` of `bytes`, line `number` of file `name`.
  public static func jsonObject(_ bytes: [UInt8], line range: Range<Int>, number: Int, name: String) throws(TraduError) -> JSONObject {
    try jsonObject(bytes, line: range, number: number, name: name, keeping: nil)
  }

  /// ``jsonObject(_:line:number:name:)`` with only the members `keeping` names (nil: all).
  static func jsonObject(_ bytes: [UInt8], line range: Range<Int>, number: Int, name: String,
                         keeping: [String]?) throws(TraduError) -> JSONObject {
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes, in: range, firstLine: number, keeping: keeping)
    } catch {
      throw .malformedInput(path: name, line: number, reason: "not a JSON object: \(error.problem) (column \(error.column))")
    }
    guard let object = value.object else {
      throw .malformedInput(path: name, line: number, reason: "not a JSON object, but another JSON value")
    }
    return object
  }

  private static func segment(_ object: JSONObject, index: Int, path: String, line: Int?) throws(TraduError) -> BilingualSegment {
    let id = object["id"]?.stringOrNumber ?? String(index + 1)
    guard let source = object["source"]?.string else {
      throw .malformedInput(path: path, line: line, reason: "unit \(id): missing string field \"source\"")
    }
    let target: String?
    switch object["target"] {
    case nil, .null?: target = nil
    case .string(let text)?: target = text
    default:
      throw .malformedInput(path: path, line: line, reason: "unit \(id): \"target\" must be a string or null")
    }
    return BilingualSegment(id: id, source: source, target: target, line: line)
  }

  private static func language(_ value: JSONValue?) -> String? {
    value?.string.map { $0.split(separator: "-").first.map(String.init) ?? $0 }
  }

  /// The text at `range`, in UTF-16 offsets.
  private static func slice(_ text: String, _ range: Range<Int>) -> String {
    let utf16 = text.utf16
    let from = utf16.index(utf16.startIndex, offsetBy: range.lowerBound)
    return String(text[from..<utf16.index(from, offsetBy: range.count)])
  }
}

extension BilingualReader {
  /// A parsed XLIFF file (any tool's, 1.2 or 2.x) made ready for checking: named `name`, its
  /// ``BilingualDocument/missing`` segments listed, its ids checked.
  ///
  /// - Throws: ``TraduError/malformedXML(path:line:reason:)`` when two units, or two segments
  ///   of one unit, share an id (see ``BilingualDocument/translatableSegments()``).
  ///
  /// - Parameter original: The article the file was prepared from, prepared again: every
  ///   translatable segment of it that the file lacks is listed in
  ///   ``BilingualDocument/missing``. Without it, a file Tradu wrote still tells a missing unit
  ///   by its unit count and a missing segment by a gap in its ids (`p3.s1`, `p3.s3`).
  public static func xliff(_ xliff: BilingualDocument, name: String, original: PreparedDocument? = nil) throws(TraduError) -> BilingualDocument {
    var document = xliff
    document.name = name
    document.missing = missing(in: xliff, original: original)
    _ = try document.translatableSegments()  // ids that could not be traced refused here
    return document
  }

  /// The ids of units and segments the file should have and has not, in document order.
  static func missing(in xliff: BilingualDocument, original: PreparedDocument?) -> [String] {
    var present: Set<String> = []
    var segmentsOfUnit: [String: Int] = [:]
    for file in xliff.files {
      for unit in file.units {
        segmentsOfUnit[unit.id, default: 0] += unit.segments.count
        for segment in unit.segments { if let id = segment.id { present.insert(id) } }
      }
    }
    var missing: [String] = []
    var listed: Set<String> = []
    func add(_ id: String) { if listed.insert(id).inserted { missing.append(id) } }
    for file in xliff.files where file.fingerprint != nil {
      // Tradu's ids: units p1…pN (N in the file's facts), segments pK.s1, pK.s2, … in order.
      if let declared = file.metadata["units"].flatMap(Int.init), declared > 0 {
        for k in 1...declared where segmentsOfUnit["p\(k)"] == nil { add("p\(k)") }
      }
      for unit in file.units {
        let numbers = unit.segments.compactMap { segment -> Int? in
          guard let id = segment.id, id.hasPrefix(unit.id + ".s") else { return nil }
          return Int(id.dropFirst(unit.id.count + 2))
        }
        guard let last = numbers.max(), numbers.count == unit.segments.count else { continue }
        let have = Set(numbers)
        for j in 1..<last where !have.contains(j) { add("\(unit.id).s\(j)") }
      }
    }
    if let original {
      for unit in original.units where unit.isTranslatable {
        if unit.segments.contains(where: { present.contains($0.id) }) {
          for segment in unit.segments where !present.contains(segment.id) { add(segment.id) }
        } else if segmentsOfUnit[unit.id] ?? 0 == 0 {
          add(unit.id)  // neither its segments nor the unit translated whole
        }
      }
    }
    return missing
  }
}
