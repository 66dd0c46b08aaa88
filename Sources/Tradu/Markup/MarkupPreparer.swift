/// Prepares HTML and Markdown articles: the blocks' text, with the tags removed, goes through
/// the same pipeline as a plain article (normalize → segment → glossary), and each segment
/// then gets back the inline codes that stood in it and the bytes it covers in the file.
///
/// Segment boundaries are thus found on the text alone: "Dl. <b>Popescu</b> a spus." is one
/// segment, and a sentence never ends inside a tag. A pair of codes split by a sentence
/// boundary becomes a standalone code on each side; codes at a segment's edges stay outside
/// it unless their partner is inside.
public struct MarkupPreparer: Sendable {
  /// The plain-text pipeline the blocks' text goes through.
  public var preparer: Preparer

  public init(preparer: Preparer) {
    self.preparer = preparer
  }

  /// Decodes and prepares the bytes of a file called `name` read as `format` (`.text` is
  /// prepared as plain text); `fingerprint`, when the caller has it already, is
  /// ``Preparer/fingerprint(of:)`` of `bytes`.
  ///
  /// The bytes are taken: a plain text lets them go once decoded, and its decoded text once
  /// cut into pieces (see ``Preparer/prepare(_:fingerprint:)``), so that a long article is not
  /// held three times over while it is prepared.
  public func prepare(bytes: consuming [UInt8], name: String, format: InputFormat, encoding: String? = nil,
                      strictEncoding: Bool = false, fingerprint: String? = nil) throws(TraduError) -> PreparedDocument {
    if format == .text {
      // The bytes are hashed on another core while they are decoded (hashing first left that
      // core idle), and let go once both are done: before the text is cut into pieces.
      let hashing = fingerprint == nil ? BackgroundJob { [bytes] in Preparer.fingerprint(of: bytes) } : nil
      let source = try TextReader.decode(bytes, name: name, language: preparer.sourceLanguage, encoding: encoding,
                                         strictEncoding: strictEncoding)
      bytes = []
      let fingerprint = fingerprint ?? hashing!.wait()
      return try preparer.prepare(consume source, fingerprint: fingerprint)
    }
    return try prepareDetailed(bytes: bytes, name: name, format: format, encoding: encoding, strictEncoding: strictEncoding,
                        fingerprint: fingerprint).document
  }

  /// The translatable text of a file read as `format`: for HTML and Markdown, the blocks'
  /// text with the tags removed, one block a paragraph (blank lines between them); for text,
  /// the text as read. What `segment`, `normalize` and `glossary match` work on.
  public static func readText(bytes: [UInt8], name: String, format: InputFormat, language: String = "ro",
                              encoding: String? = nil, strictEncoding: Bool = false) throws(TraduError) -> SourceDocument {
    var encoding = encoding
    if encoding == nil && format == .html && String(validating: bytes, as: UTF8.self) == nil {
      encoding = declaredCharset(bytes)
    }
    var document = try TextReader.decode(bytes, name: name, language: language, encoding: encoding,
                                         strictEncoding: strictEncoding)
    guard format != .text else { return document }
    let extraction = format == .html
      ? try HTMLExtractor.extract(document.text, path: name)
      : try MarkdownExtractor.extract(document.text, path: name)
    document.text = PlainLayout(extraction).text
    document.lineEndings = LineEndingCounts(counting: document.text)
    return document
  }

  /// A prepared markup file with what `merge` needs to write a translation into its bytes.
  struct Detailed {
    var document: PreparedDocument
    var extraction: MarkupExtraction?
    /// For each segment (document order): the bytes of its inline codes, parallel to `codes`.
    var codeBytes: [[Range<Int>]]
    /// For each segment (document order): the index of its block in the extraction.
    var segmentBlocks: [Int] = []
    /// The decoded original.
    var source: SourceDocument
  }

  func prepareDetailed(bytes: [UInt8], name: String, format: InputFormat, encoding: String?,
                       strictEncoding: Bool = false, fingerprint known: String? = nil) throws(TraduError) -> Detailed {
    var encoding = encoding
    if encoding == nil && format == .html && String(validating: bytes, as: UTF8.self) == nil {
      encoding = Self.declaredCharset(bytes)
    }
    let source = try TextReader.decode(bytes, name: name, language: preparer.sourceLanguage, encoding: encoding,
                                       strictEncoding: strictEncoding)
    let fingerprint = known ?? Preparer.fingerprint(of: bytes)
    guard format != .text else {
      return Detailed(document: try preparer.prepare(source, fingerprint: fingerprint), extraction: nil,
                      codeBytes: [], source: source)
    }
    let extraction = format == .html
      ? try HTMLExtractor.extract(source.text, path: name)
      : try MarkdownExtractor.extract(source.text, path: name)
    let layout = PlainLayout(extraction)
    var plain = source
    plain.text = layout.text
    plain.lineEndings = LineEndingCounts(counting: layout.text)
    var document = try preparer.prepare(plain, fingerprint: fingerprint)
    document.inputFormat = format
    let converter = OffsetConverter(source.text)
    let utf16At = Self.utf16Offsets(source.text)
    let normalizer = preparer.normalization.map { TextNormalizer(options: $0) }
    var codeBytes: [[Range<Int>]] = []
    var segmentBlocks: [Int] = []
    for u in document.units.indices {
      var nextID = 1
      for s in document.units[u].segments.indices {
        let segment = document.units[u].segments[s]
        let placed = layout.place(segment.original.utf16, extraction: extraction, utf16At: utf16At, nextID: &nextID)
        var codes = placed.codes
        let plainText = layout.substring(segment.original.utf16)
        if plainText != segment.source && !codes.isEmpty {
          if let normalizer, let exact = Self.normalizedPositions(codes.map(\.position), plain: plainText,
                                                                    source: segment.source, normalizer: normalizer) {
            for i in codes.indices { codes[i].position = exact[i] }
          } else {
            for i in codes.indices {
              codes[i].position = Self.mapped(codes[i].position, from: plainText, to: segment.source)
            }
          }
        }
        document.units[u].segments[s].codes = codes
        document.units[u].segments[s].original = Self.span(placed.bytes, utf16At: utf16At, converter: converter)
        codeBytes.append(placed.codeBytes)
        segmentBlocks.append(placed.block)
      }
    }
    return Detailed(document: document, extraction: extraction, codeBytes: codeBytes, segmentBlocks: segmentBlocks,
                    source: source)
  }

  /// The span of UTF-8 range `bytes` of the text whose UTF-16 offsets are `utf16At`.
  static func span(_ bytes: Range<Int>, utf16At: [Int32], converter: OffsetConverter) -> TextSpan {
    TextSpan(Int(utf16At[bytes.lowerBound])..<Int(utf16At[bytes.upperBound]), converter: converter)
  }

  /// For each UTF-8 offset of `text` (and its end): the UTF-16 offset of the character it
  /// is in.
  static func utf16Offsets(_ text: String) -> [Int32] {
    var table: [Int32] = []
    table.reserveCapacity(text.utf8.count + 1)
    var offset: Int32 = 0
    for byte in text.utf8 {
      if byte & 0xC0 != 0x80 { offset += byte >= 0xF0 ? 2 : 1 }
      table.append(byte & 0xC0 != 0x80 ? offset - (byte >= 0xF0 ? 2 : 1) : table.last ?? 0)
    }
    table.append(offset)
    return table
  }

  /// Code positions (sorted) in `plain` carried over to `source`, its normalized text: each
  /// stretch between codes normalized on its own, so a code stays between the same characters.
  /// Nil when the stretches do not add up to `source` (normalization that looks beyond a
  /// stretch, as mojibake repair does, or a code inside a combining sequence).
  static func normalizedPositions(_ positions: [Int], plain: String, source: String,
                                  normalizer: TextNormalizer) -> [Int]? {
    let units = Array(plain.utf16)
    var result: [Int] = []
    result.reserveCapacity(positions.count)
    var joined = ""
    var start = 0
    for position in positions + [units.count] {
      let end = min(max(position, start), units.count)
      guard let piece = try? normalizer.normalize(String(decoding: units[start..<end], as: UTF16.self)).text else { return nil }
      joined += piece
      result.append(joined.utf16.count)
      start = end
    }
    result.removeLast()
    return joined == source ? result : nil
  }

  /// A code position in `from` carried over to `to`, the same text normalized: kept in a
  /// common prefix, counted from the end in a common suffix, else scaled (when
  /// ``normalizedPositions(_:plain:source:normalizer:)`` cannot tell).
  static func mapped(_ position: Int, from: String, to: String) -> Int {
    let a = Array(from.utf16), b = Array(to.utf16)
    var prefix = 0
    while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
    if position <= prefix { return position }
    var suffix = 0
    while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
    if a.count - position <= suffix { return b.count - (a.count - position) }
    guard a.count > 0 else { return 0 }
    return min(b.count, max(0, position * b.count / a.count))
  }

  /// The charset a page declares in `<meta charset>` or `<meta http-equiv content>` within
  /// its first 1024 bytes, when ICU knows it.
  static func declaredCharset(_ bytes: [UInt8]) -> String? {
    let head = String(decoding: bytes.prefix(1024).map { $0 < 0x80 ? ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) : 0x20 }, as: UTF8.self)
    guard let range = head.range(of: "charset=") else { return nil }
    var name = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
    name = name.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
    guard !name.isEmpty, ICU.charsetExists(String(name)) else { return nil }
    return String(name)
  }
}

/// The blocks' text as one plain text (blocks apart by a blank line) and where each piece
/// stands in it.
struct PlainLayout {
  /// The plain text.
  let text: String
  private let units: [UInt16]
  /// Each block's start in the plain text (UTF-16).
  private let blockStarts: [Int]
  /// Per block, per piece: its range in the plain text (empty for codes).
  private let pieceRanges: [[Range<Int>]]
  /// Per block, per piece: the index of the code it pairs with (codes only).
  private let partners: [[Int?]]

  /// How deep paired codes may nest; the codes of elements nested deeper are standalone codes
  /// (XLIFF `<ph>`, `<x/>`), because XML readers refuse deep nesting (Tradu's own at 64
  /// levels, ``XMLEventReader/defaultMaximumDepth``) and a file must read back in.
  static let maximumPairDepth = 32

  init(_ extraction: MarkupExtraction) {
    var units: [UInt16] = []
    var starts: [Int] = []
    var ranges: [[Range<Int>]] = []
    var partners: [[Int?]] = []
    for (b, block) in extraction.blocks.enumerated() {
      if b > 0 { units.append(contentsOf: [0x0A, 0x0A]) }
      starts.append(units.count)
      var blockRanges: [Range<Int>] = []
      var stack: [(name: String, index: Int, paired: Bool)] = []
      var pairedDepth = 0
      var blockPartners = [Int?](repeating: nil, count: block.pieces.count)
      for (i, piece) in block.pieces.enumerated() {
        switch piece {
        case .text(let text, _, _):
          let start = units.count
          units.append(contentsOf: text.utf16)
          blockRanges.append(start..<units.count)
        case .code(let kind, let name, _):
          blockRanges.append(units.count..<units.count)
          if kind == .opening {
            let paired = pairedDepth < Self.maximumPairDepth
            if paired { pairedDepth += 1 }
            stack.append((name, i, paired))
          } else if kind == .closing, let k = stack.lastIndex(where: { $0.name == name }) {
            if stack[k].paired {
              blockPartners[i] = stack[k].index
              blockPartners[stack[k].index] = i
            }
            pairedDepth -= stack[k...].lazy.filter(\.paired).count
            stack.removeSubrange(k...)
          }
        }
      }
      ranges.append(blockRanges)
      partners.append(blockPartners)
    }
    self.units = units
    self.text = String(decoding: units, as: UTF16.self)
    self.blockStarts = starts
    self.pieceRanges = ranges
    self.partners = partners
  }

  func substring(_ range: Range<Int>) -> String {
    String(decoding: units[max(0, range.lowerBound)..<min(units.count, range.upperBound)], as: UTF16.self)
  }

  /// A segment at plain range `range`: its inline codes (positions relative to the range,
  /// ids from `nextID` on), the bytes of each code, and the bytes the segment covers.
  func place(_ range: Range<Int>, extraction: MarkupExtraction, utf16At: [Int32], nextID: inout Int)
    -> (codes: [InlineCode], codeBytes: [Range<Int>], bytes: Range<Int>, block: Int) {
    var b = 0, hi = blockStarts.count
    while hi - b > 1 {
      let mid = (b + hi) / 2
      if blockStarts[mid] <= range.lowerBound { b = mid } else { hi = mid }
    }
    let block = extraction.blocks[b]
    let ranges = pieceRanges[b]
    let lo = range.lowerBound, up = range.upperBound
    // Codes at the edges: included from the first opening whose partner is inside, up to the
    // last closing whose partner is inside.
    // The pieces that touch the range: from the last one starting before it (its text may
    // hold the start) to the last one starting at its end.
    var from = 0, to = ranges.count
    while from < to {
      let mid = (from + to) / 2
      if ranges[mid].lowerBound < lo { from = mid + 1 } else { to = mid }
    }
    var window = max(0, from - 1)..<from
    while window.upperBound < ranges.count && ranges[window.upperBound].lowerBound <= up {
      window = window.lowerBound..<window.upperBound + 1
    }
    let atStart = window.filter { isCode(block, $0) && ranges[$0].lowerBound == lo }
    let atEnd = window.filter { isCode(block, $0) && ranges[$0].lowerBound == up }
    let firstIncluded = atStart.firstIndex { i in
      guard let p = partners[b][i], p > i else { return false }
      return ranges[p].lowerBound <= up && ranges[p].lowerBound > lo
    }.map { atStart[$0] }
    let included = { (i: Int) -> Bool in
      let at = ranges[i].lowerBound
      if at > lo && at < up { return true }
      if at == lo { return firstIncluded.map { i >= $0 } ?? false }
      return false
    }
    let lastIncluded = atEnd.lastIndex { i in
      guard let p = partners[b][i], p < i else { return false }
      return included(p)
    }.map { atEnd[$0] }
    let isIn = { (i: Int) -> Bool in
      ranges[i].lowerBound == up && lo != up ? lastIncluded.map { i <= $0 } ?? false : included(i)
    }
    var codes: [InlineCode] = []
    var codeBytes: [Range<Int>] = []
    var ids: [Int: Int] = [:]
    var first: Int? = nil, last: Int? = nil
    for i in window where isCode(block, i) && ranges[i].lowerBound >= lo && ranges[i].lowerBound <= up && isIn(i) {
      guard case .code(let kind, let name, let bytes) = block.pieces[i] else { continue }
      if first == nil { first = i }
      last = i
      let partnerIn = partners[b][i].map { isIn($0) } ?? false
      let id: Int
      if partnerIn, let known = ids[partners[b][i]!] {
        id = known
      } else {
        id = nextID
        nextID += 1
      }
      ids[i] = id
      let original = String(decoding: extraction.bytes[bytes], as: UTF8.self)
      codes.append(InlineCode(kind: partnerIn ? kind : .standalone, id: id, position: ranges[i].lowerBound - lo,
                              original: original, name: name))
      codeBytes.append(bytes)
    }
    let startByte = first.flatMap { ranges[$0].lowerBound == lo ? block.pieces[$0].bytes.lowerBound : nil }
      ?? textByte(block, ranges, window, at: lo, end: false, utf16At: utf16At)
    let endByte = last.flatMap { ranges[$0].lowerBound == up ? block.pieces[$0].bytes.upperBound : nil }
      ?? textByte(block, ranges, window, at: up, end: true, utf16At: utf16At)
    return (codes, codeBytes, startByte..<max(startByte, endByte), b)
  }

  private func isCode(_ block: MarkupBlock, _ i: Int) -> Bool {
    if case .code = block.pieces[i] { return true }
    return false
  }

  /// The byte offset of plain offset `at` in a text piece: the piece starting there (or, with
  /// `end`, ending there); within a literal piece, the byte of that character.
  private func textByte(_ block: MarkupBlock, _ ranges: [Range<Int>], _ window: Range<Int>, at: Int, end: Bool,
                        utf16At: [Int32]) -> Int {
    for i in window {
      guard case .text(_, let bytes, let literal) = block.pieces[i] else { continue }
      let r = ranges[i]
      let inside = end ? (r.lowerBound < at && at <= r.upperBound) : (r.lowerBound <= at && at < r.upperBound)
      guard inside else { continue }
      if at == r.lowerBound { return bytes.lowerBound }
      if at == r.upperBound || !literal { return end ? bytes.upperBound : bytes.lowerBound }
      // A literal piece is its bytes: the first byte whose UTF-16 offset is that far in.
      let target = utf16At[bytes.lowerBound] + Int32(at - r.lowerBound)
      var lo = bytes.lowerBound, hi = bytes.upperBound
      while lo < hi {
        let mid = (lo + hi) / 2
        if utf16At[mid] < target { lo = mid + 1 } else { hi = mid }
      }
      return lo
    }
    return window.last.map { block.pieces[$0].bytes.upperBound } ?? 0
  }
}
