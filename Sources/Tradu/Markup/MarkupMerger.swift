/// Writes a translated XLIFF file back into the bytes of the HTML or Markdown file it was
/// prepared from.
///
/// Everything outside the translatable text stays byte for byte as it was; each segment's
/// bytes are replaced by its target, text escaped for where it stands (HTML text, attribute
/// value, Markdown, YAML) and inline codes written back as their original markup in the
/// target's order. A segment whose target equals its source keeps its bytes exactly
/// (character references as written). HTML's `<html lang>` is set to the target language.
public struct MarkupMerger: Sendable {
  /// Whether a segment without translation, or with its source as translation, is an error
  /// (rather than a warning).
  public var strict: Bool
  /// Whether a target whose codes do not match the source's is written anyway (missing codes
  /// appended, unknown and repeated ones dropped) with a warning, rather than an error.
  public var lenient: Bool
  /// The glossary whose do-not-translate names a translation may legitimately repeat.
  public var glossary: Glossary?

  public init(strict: Bool = false, lenient: Bool = false, glossary: Glossary? = nil) {
    self.strict = strict
    self.lenient = lenient
    self.glossary = glossary
  }

  /// The merged file: its text, the charset to write it in, and what the user should know.
  public struct Result: Sendable {
    /// The merged file's text.
    public var text: String
    /// The original file's charset (`UTF-8`, `windows-1250`…): write the text in it.
    public var encoding: String
    /// Whether the original started with a byte-order mark.
    public var byteOrderMark: Bool
    /// The ids of translatable segments that had no translation and kept their source.
    public var untranslated: [String]
    /// Problems tolerated with `lenient` (codes dropped, repeated or unbalanced), one line each.
    public var warnings: [String]
    /// The ids of translatable segments whose target is their source, codes included, and not
    /// marked translated: most likely untranslated (OmegaT copies the source into every
    /// target). Segments of numbers, punctuation and do-not-translate names are not listed.
    public var sameAsSource: [String] = []
    /// Whether the file is HTML (characters its charset lacks are then written as references).
    var isHTML: Bool

    /// The file's bytes in its charset (with its byte-order mark): in HTML, a character the
    /// charset cannot hold is written as a numeric reference (`&#537;`).
    public func encoded() throws(TraduError) -> [UInt8] {
      let plainUTF8 = encoding.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
      if plainUTF8 { return (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8) }
      var text = self.text
      if isHTML {
        var fits: [Unicode.Scalar: Bool] = [:]
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
          if scalar.isASCII {
            out.append(scalar)
            continue
          }
          let ok = fits[scalar] ?? ((try? ICU.encode(Array(String(scalar).utf16), charset: encoding)) != nil)
          fits[scalar] = ok
          if ok { out.append(scalar) } else { out.append(contentsOf: "&#\(scalar.value);".unicodeScalars) }
        }
        text = String(out)
      }
      do {
        let body = try ICU.encode(Array(text.utf16), charset: encoding)
        return byteOrderMark && encoding.uppercased().hasPrefix("UTF") ? try ICU.encode([0xFEFF], charset: encoding) + body : body
      } catch {
        throw .unwritable(path: "-", reason: "the merged text cannot be written in \(encoding), the original's charset: \(error)")
      }
    }
  }

  /// Merges `xliff` (read from `name`) into the original file `originalBytes` (called
  /// `originalName`, read as `format`), prepared again by `preparer` exactly as it was.
  public func merge(_ xliff: BilingualDocument, name: String, originalBytes: [UInt8], originalName: String,
                    format: InputFormat, preparer: Preparer, encoding: String? = nil) throws(TraduError) -> Result {
    guard xliff.files.count == 1, let file = xliff.files.first else {
      throw .malformedXML(path: name, line: nil, reason: "has \(xliff.files.count) <file> elements; merge rebuilds one article from one <file>")
    }
    let detailed = try MarkupPreparer(preparer: preparer).prepareDetailed(
      bytes: originalBytes, name: originalName, format: format, encoding: encoding)
    let original = detailed.document
    if let fingerprint = file.fingerprint, fingerprint != original.fingerprint {
      throw .malformedInput(path: name, line: nil, reason: "was prepared from another file (fingerprint \(fingerprint.prefix(19))…), not \(original.name) (\(original.fingerprint.prefix(19))…); pass the file it was prepared from")
    }
    guard let extraction = detailed.extraction else {
      throw .malformedInput(path: originalName, line: nil, reason: "is read as text; merge it with the text merger")
    }
    var targets: [String: BilingualSegment] = [:]
    for unit in file.units {
      for segment in unit.segments {
        guard let id = segment.id else {
          throw .malformedInput(path: name, line: nil, reason: "unit \(unit.id) has a segment without an id")
        }
        guard targets.updateValue(segment, forKey: id) == nil else {
          throw .malformedInput(path: name, line: nil, reason: "segment id \(id) occurs twice")
        }
      }
    }

    var splicer = Splicer(bytes: extraction.bytes)
    var untranslated: [String] = []
    var warnings: [String] = []
    var copies: [(id: String, source: String)] = []
    let blockEscaping = detailed.segmentBlocks.map { extraction.blocks[$0].escaping }
    var index = 0
    for unit in original.units {
      for segment in unit.segments {
        defer { index += 1 }
        guard unit.isTranslatable else { continue }
        guard let found = targets[segment.id] else {
          throw .malformedInput(path: name, line: nil, reason: "segment \(segment.id) of \(original.name) is missing (unit \(unit.id)); was the file prepared from another version of the page?")
        }
        if found.source != segment.source && found.source != ArticleMerger.xml12Form(segment.source) {
          throw .malformedInput(path: name, line: nil, reason: "segment \(segment.id): its source differs from \(original.name)'s (\(segment.source.prefix(40))…); was the file prepared with other options, or its source edited?")
        }
        guard let target = found.target, !target.isEmpty || !found.targetCodes.isEmpty else {
          if strict {
            throw .malformedInput(path: name, line: nil, reason: "segment \(segment.id) has no translation (--strict); translate it or drop --strict to keep the source")
          }
          untranslated.append(segment.id)
          continue
        }
        let pieces = try checkedPieces(target, codes: found.targetCodes, against: segment, name: name, warnings: &warnings)
        let identical = pieces == segmentPieces(segment.source, codes: segment.codes)
        if identical {  // its bytes stay as they are
          if !ArticleMerger.isConfirmed(found) && !segment.source.isEmpty { copies.append((segment.id, segment.source)) }
          continue
        }
        let codeBytes = detailed.codeBytes[index]
        let escaping = blockEscaping[index]
        splicer.replace(segment.original.utf8) { splicer, after in
          var out: [UInt8] = []
          for piece in pieces {
            switch piece {
            case .text(let text): out += Self.escaped(text, escaping)
            case .code(let c): out += splicer.render(codeBytes[c], after: after)
            }
          }
          return out
        }
      }
    }
    if let slot = extraction.languageSlot {
      let language = Array(original.targetLanguage.utf8.filter { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: "&") })
      let value = slot.exists ? language : Array(" lang=\"".utf8) + language + [UInt8(ascii: "\"")]
      splicer.replace(slot.bytes) { _, _ in value }
    }
    let matcher = copies.isEmpty ? nil : glossary.map { GlossaryMatcher($0) }
    let names = ArticleMerger.doNotTranslateIDs(of: matcher)
    var sameAsSource: [String] = []
    for copy in copies where !(try ArticleMerger.mayStayAsSource(copy.source, matcher: matcher, names: names)) {
      sameAsSource.append(copy.id)
    }
    if strict && !sameAsSource.isEmpty {
      throw .malformedInput(path: name, line: nil, reason: "\(sameAsSource.count) segment(s) have their source as translation (--strict): "
        + "\(ArticleMerger.list(sameAsSource)); translate them, or drop --strict to merge them as they are")
    }
    splicer.sortItems()
    let merged = splicer.render(0..<extraction.bytes.count, after: -1)
    return Result(text: String(decoding: merged, as: UTF8.self), encoding: detailed.source.encoding,
                  byteOrderMark: detailed.source.hadByteOrderMark, untranslated: untranslated, warnings: warnings,
                  sameAsSource: sameAsSource, isHTML: format == .html)
  }

  /// The target as pieces with each code an index into the source segment's codes, after
  /// checking that it has each of the source's codes once, pairs in order: an error naming the
  /// segment, or with `lenient` a warning and the codes repaired.
  private func checkedPieces(_ target: String, codes: [InlineCodeReference], against segment: PreparedSegment, name: String,
                             warnings: inout [String]) throws(TraduError) -> [SegmentPiece] {
    var index: [String: [Int]] = [:]  // id → source code indices (an opening and its closing)
    for (i, code) in segment.codes.enumerated() { index[String(code.id), default: []].append(i) }
    var problems: [String] = []
    var used = Set<Int>()
    var open: [Int] = []  // opened pairs (source indices of openings)
    var pieces: [SegmentPiece] = []
    let units = Array(target.utf16)
    var position = 0
    func describe(_ i: Int) -> String { "\(segment.codes[i].original.prefix(40)) (id \(segment.codes[i].id))" }
    for code in codes {
      let at = min(max(code.position, position), units.count)
      if at > position { pieces.append(.text(String(decoding: units[position..<at], as: UTF16.self))) }
      position = at
      guard let candidates = index[code.id],
            let i = candidates.first(where: { segment.codes[$0].kind == code.kind || (code.kind == .standalone && candidates.count == 1) }) else {
        problems.append("has a code with id \"\(code.id)\" that the source does not have")
        continue
      }
      guard used.insert(i).inserted else {
        problems.append("repeats the code \(describe(i))")
        continue
      }
      switch segment.codes[i].kind {
      case .opening:
        open.append(i)
      case .closing:
        if let last = open.last, segment.codes[last].id == segment.codes[i].id {
          open.removeLast()
        } else {
          problems.append("closes \(describe(i)) where it is not the innermost open code")
        }
      case .standalone:
        break
      }
      pieces.append(.code(i))
    }
    if position < units.count { pieces.append(.text(String(decoding: units[position...], as: UTF16.self))) }
    let missing = segment.codes.indices.filter { !used.contains($0) }
    for i in missing { problems.append("drops the code \(describe(i))") }
    guard !problems.isEmpty else { return pieces }
    let message = "segment \(segment.id): the target " + problems.joined(separator: "; ")
    guard lenient else {
      throw .malformedInput(path: name, line: nil, reason: message + "; put each of the source's codes in the target once, pairs in order (or pass --lenient-codes)")
    }
    warnings.append(message + " (--lenient-codes: missing codes appended)")
    pieces += missing.map { .code($0) }
    return pieces
  }

  /// `text` escaped for where it is written.
  static func escaped(_ text: String, _ escaping: MarkupEscaping) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 8)
    func add(_ s: String) { out.append(contentsOf: s.utf8) }
    switch escaping {
    case .htmlText:
      for b in text.utf8 {
        switch b {
        case UInt8(ascii: "&"): add("&amp;")
        case UInt8(ascii: "<"): add("&lt;")
        case UInt8(ascii: ">"): add("&gt;")
        default: out.append(b)
        }
      }
    case .htmlAttribute(let quote):
      if quote == nil { out.append(UInt8(ascii: "\"")) }
      for b in text.utf8 {
        switch b {
        case UInt8(ascii: "&"): add("&amp;")
        case UInt8(ascii: "<"): add("&lt;")
        case UInt8(ascii: "\""): add("&quot;")
        case UInt8(ascii: "'"): add("&#39;")
        default: out.append(b)
        }
      }
      if quote == nil { out.append(UInt8(ascii: "\"")) }
    case .markdown:
      var atLineStart = true
      for b in text.utf8 {
        if MarkdownExtractor.isPunctuation(b) && "\\`*_[]<>!|~".utf8.contains(b) || (atLineStart && (b == UInt8(ascii: "#") || b == UInt8(ascii: "-") || b == UInt8(ascii: "+"))) {
          out.append(UInt8(ascii: "\\"))
        }
        if b == UInt8(ascii: "&") {
          add("&amp;")
        } else if b == 0x0A {
          out.append(0x20)
        } else {
          out.append(b)
        }
        atLineStart = false
      }
    case .yaml(let quote):
      switch quote {
      case UInt8(ascii: "'"):
        for b in text.utf8 { if b == UInt8(ascii: "'") { out.append(b) }; out.append(b) }
      default:
        if quote == nil { out.append(UInt8(ascii: "\"")) }
        for b in text.utf8 {
          if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
          out.append(b == 0x0A ? 0x20 : b)
        }
        if quote == nil { out.append(UInt8(ascii: "\"")) }
      }
    }
    return out
  }
}

/// The original bytes with some ranges replaced; replacements may nest (an attribute's
/// translation inside a tag that is an inline code of a translated segment).
struct Splicer {
  let bytes: [UInt8]
  /// Replacements in order of start (longer first at equal starts), each made when written.
  private var items: [(range: Range<Int>, make: (Splicer, Int) -> [UInt8])] = []
  private var sorted = true

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Replaces `range` by what `make(splicer, index)` returns; `make` renders the ranges it
  /// keeps through `splicer.render(_:after: index)`, so that replacements inside them apply.
  mutating func replace(_ range: Range<Int>, _ make: @escaping (Splicer, Int) -> [UInt8]) {
    items.append((range, make))
    sorted = false
  }

  /// Puts the replacements in order; call once all are made, before ``render(_:after:)``.
  mutating func sortItems() {
    items.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
    sorted = true
  }

  /// The bytes of `range` with the replacements that come after item `after` applied.
  func render(_ range: Range<Int>, after: Int) -> [UInt8] {
    precondition(sorted, "Splicer.render before sortItems")
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var position = range.lowerBound
    // The first item starting in the range, past `after`.
    var lo = after + 1, hi = items.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if items[mid].range.lowerBound < range.lowerBound { lo = mid + 1 } else { hi = mid }
    }
    var i = lo
    while i < items.count && items[i].range.lowerBound <= range.upperBound {
      let item = items[i]
      if item.range.lowerBound < position || item.range.upperBound > range.upperBound {
        i += 1
        continue
      }
      out += bytes[position..<item.range.lowerBound]
      out += item.make(self, i)
      position = item.range.upperBound
      i += 1
      // Items nested in this one were rendered by it (or dropped with it).
      while i < items.count && items[i].range.lowerBound < position { i += 1 }
    }
    out += bytes[position..<range.upperBound]
    return out
  }
}
