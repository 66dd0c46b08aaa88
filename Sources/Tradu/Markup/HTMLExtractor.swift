import CHTML

/// Cuts an HTML page into translatable blocks, in source order.
///
/// Gumbo (an HTML5 parser) finds the tags, comments and attributes and where each element
/// ends (implied ends included); the extractor walks them by byte offset, so that foster
/// parenting and cloned formatting elements change nothing. Text between tags is read here:
/// character references decoded (through gumbo), runs of white space with a line break as one
/// space, a line break after each `<br>`. Blocks: `p`, `h1`–`h6`, `li`, `td`, `th`, `figcaption`, `blockquote`, `title`, text
/// in any other block (`div`, `section`), the attributes `alt`, `title` and `aria-label`, and
/// the `content` of `<meta>` description, `og:title` and `og:description`. Skipped: `script`,
/// `style`, `pre`, `template`, `textarea`, SVG and MathML, and elements with `translate="no"`
/// or class `notranslate`; `code` and such elements inside a sentence become placeholders.
struct HTMLExtractor {
  /// Elements that stand inside a sentence: paired inline codes.
  static let inlineElements: Set<String> = [
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font", "i",
    "ins", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u",
  ]
  /// Void elements inside a sentence: placeholders.
  static let placeholderElements: Set<String> = ["br", "img", "wbr", "input"]
  /// Elements whose content is not translated but which stand inside a sentence: one
  /// placeholder for the whole element.
  static let inlineSkippedElements: Set<String> = [
    "code", "kbd", "samp", "var", "svg", "math", "button", "select", "object", "video", "audio",
    "iframe", "canvas",
  ]
  /// Elements whose content is not translated and that end any sentence around them.
  static let skippedElements: Set<String> = [
    "script", "style", "pre", "template", "textarea", "noscript", "xmp", "noembed", "noframes", "plaintext",
  ]
  /// Elements whose content is raw text: no tag inside them but their end tag.
  static let rawTextElements: Set<String> = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
  ]
  /// Attributes translated on any element.
  static let translatableAttributes: Set<String> = ["alt", "title", "aria-label"]
  /// `<meta name|property=…>` whose `content` is translated.
  static let translatableMeta: Set<String> = ["description", "og:title", "og:description"]

  private let bytes: [UInt8]
  private var references = CharacterReferences()
  private var blocks: [MarkupBlock] = []
  private var run: [MarkupPiece] = []
  private var runName = "div"
  private var languageSlot: MarkupExtraction.LanguageSlot?

  private init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The blocks of the HTML page whose text is `text`.
  static func extract(_ text: String, path: String) throws(TraduError) -> MarkupExtraction {
    var extractor = HTMLExtractor(bytes: Array(text.utf8))
    try extractor.run(path: path)
    extractor.blocks.sort { $0.start < $1.start }
    return MarkupExtraction(format: .html, bytes: extractor.bytes, blocks: extractor.blocks,
                            languageSlot: extractor.languageSlot)
  }

  /// A tag or comment found by gumbo, or a stray tag gumbo ignored.
  private struct Token {
    var kind: Int32
    var range: Range<Int>
    var contentEnd: Int?
    var nameSpace: Int32
    var attributes: [chtml_attribute]
  }

  /// The tags and comments gumbo found, in source order.
  private func parse(path: String) throws(TraduError) -> [Token] {
    guard bytes.count < Int(Int32.max) else {
      throw .undecodable(path: path, offset: nil, reason: "is larger than 2 GB; HTML is read up to 2 GB")
    }
    let parsed: [Token]? = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars -> [Token]? in
        guard let document = chtml_parse(chars.baseAddress, chars.count) else { return nil }
        defer { chtml_free(document) }
        let attributes = UnsafeBufferPointer(start: document.pointee.attributes, count: Int(document.pointee.attribute_count))
        return UnsafeBufferPointer(start: document.pointee.tokens, count: Int(document.pointee.token_count)).map { t in
          let first = Int(t.first_attribute)
          return Token(kind: t.kind, range: Int(t.start)..<Int(t.end),
                       contentEnd: t.content_end >= 0 ? Int(t.content_end) : nil, nameSpace: t.name_space,
                       attributes: Int(t.kind) == CHTML_START_TAG ? Array(attributes[first..<first + Int(t.attribute_count)]) : [])
        }
      }
    }
    guard let tokens = parsed else {
      throw .undecodable(path: path, offset: nil, reason: "the HTML parser ran out of memory")
    }
    return tokens
  }

  private mutating func run(path: String) throws(TraduError) {
    let tokens = try parse(path: path)
    var position = 0
    var index = 0
    var rawEnd: Int? = nil  // the end of a raw-text element's content (title)
    while index < tokens.count || position < bytes.count {
      let token = index < tokens.count ? tokens[index] : nil
      let gapEnd = token?.range.lowerBound ?? bytes.count
      if gapEnd > position {
        text(position..<gapEnd, scanningTags: rawEnd == nil)
        position = gapEnd
      }
      guard let token else { break }
      index += 1
      position = token.range.upperBound
      if let end = rawEnd, token.range.lowerBound >= end { rawEnd = nil }
      switch Int(token.kind) {
      case CHTML_START_TAG:
        let name = tagName(token.range)
        let attributes = token.attributes
        if name == "html" && languageSlot == nil { noteLanguage(token) }
        let skipped = token.nameSpace != 0 || Self.skippedElements.contains(name)
          || Self.inlineSkippedElements.contains(name) || isMarkedNotForTranslation(attributes)
        if skipped {
          // The whole element, its end tag included, is one code or skeleton.
          let contentEnd = token.contentEnd ?? bytes.count
          var end = max(contentEnd, token.range.upperBound)
          while index < tokens.count && tokens[index].range.lowerBound < end { index += 1 }
          if index < tokens.count && tokens[index].range.lowerBound == contentEnd && Int(tokens[index].kind) == CHTML_END_TAG {
            end = tokens[index].range.upperBound
            index += 1
          }
          if Self.inlineSkippedElements.contains(name) || Self.inlineElements.contains(name) {
            run.append(.code(.standalone, name: name, bytes: token.range.lowerBound..<end))
          } else {
            flush()
          }
          position = end
          continue
        }
        attributeBlocks(of: name, attributes)
        if Self.inlineElements.contains(name) {
          run.append(.code(isSelfClosing(token.range) ? .standalone : .opening, name: name, bytes: token.range))
        } else if Self.placeholderElements.contains(name) {
          run.append(.code(.standalone, name: name, bytes: token.range))
        } else {
          flush()
          runName = name
          if Self.rawTextElements.contains(name) { rawEnd = token.contentEnd ?? bytes.count }
        }
      case CHTML_END_TAG:
        let name = tagName(token.range)
        if Self.inlineElements.contains(name) {
          run.append(.code(.closing, name: name, bytes: token.range))
        } else if Self.placeholderElements.contains(name) {
          run.append(.code(.standalone, name: name, bytes: token.range))
        } else {
          flush()
        }
      default:
        run.append(.code(.standalone, name: "comment", bytes: token.range))
      }
    }
    flush()
  }

  // MARK: Text

  /// Adds the text of `range` to the current run; with `scanningTags`, the tags gumbo ignored
  /// (a stray `</b>`, a second `<body>`) and a DOCTYPE become codes, not text.
  private mutating func text(_ range: Range<Int>, scanningTags: Bool) {
    var start = range.lowerBound
    if scanningTags {
      var i = range.lowerBound
      while i < range.upperBound {
        if bytes[i] == UInt8(ascii: "<"), let end = strayTagEnd(at: i, limit: range.upperBound) {
          if i > start { run.append(contentsOf: references.pieces(of: bytes, start..<i)) }
          let name = tagName(i..<end)
          if name.isEmpty || !Self.inlineElements.contains(name) && !Self.placeholderElements.contains(name)
              && bytes[i + 1] != UInt8(ascii: "!") && bytes[i + 1] != UInt8(ascii: "?") {
            // An ignored block tag ends nothing (the parser ignored it) but is no text either.
            run.append(.code(.standalone, name: name.isEmpty ? "markup" : name, bytes: i..<end))
          } else {
            run.append(.code(.standalone, name: name, bytes: i..<end))
          }
          i = end
          start = end
          continue
        }
        i += 1
      }
    }
    if start < range.upperBound { run.append(contentsOf: references.pieces(of: bytes, start..<range.upperBound)) }
  }

  /// The end of the tag, comment or declaration starting at `i` that the HTML tokenizer would
  /// read as markup (`<x…>`, `</x…>`, `<!…>`, `<?…>`), or nil when `<` is text there.
  private func strayTagEnd(at i: Int, limit: Int) -> Int? {
    guard i + 1 < limit else { return nil }
    let next = bytes[i + 1]
    func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    if next == UInt8(ascii: "!") && i + 3 < limit && bytes[i + 2] == UInt8(ascii: "-") && bytes[i + 3] == UInt8(ascii: "-") {
      var j = i + 4
      while j + 2 < limit {
        if bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-") && bytes[j + 2] == UInt8(ascii: ">") { return j + 3 }
        j += 1
      }
      return limit
    }
    guard isLetter(next) || next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
            || (next == UInt8(ascii: "/") && i + 2 < limit && (isLetter(bytes[i + 2]) || bytes[i + 2] == UInt8(ascii: ">"))) else {
      return nil
    }
    var j = i + 2
    while j < limit && bytes[j] != UInt8(ascii: ">") { j += 1 }
    return j < limit ? j + 1 : limit
  }

  // MARK: Blocks

  /// Ends the current run: a block when it has text.
  private mutating func flush() {
    defer { run.removeAll(keepingCapacity: true) }
    let block = MarkupBlock(name: runName, pieces: Self.lineBreaksAfterBR(run), escaping: .htmlText)
    if block.hasText { blocks.append(block) }
  }

  /// The pieces with a line break in the text after each `<br>`: the white space that follows
  /// it becomes the line break, or one of no bytes is added. So the text is segmented as a
  /// plain text with its lines ("Titlu<br>Text" is two lines, not "TitluText"), while the tag
  /// stays the code it is.
  static func lineBreaksAfterBR(_ pieces: [MarkupPiece]) -> [MarkupPiece] {
    guard pieces.contains(where: { if case .code(_, "br", _) = $0 { return true }; return false }) else { return pieces }
    var out: [MarkupPiece] = []
    out.reserveCapacity(pieces.count + 4)
    var i = 0
    while i < pieces.count {
      let piece = pieces[i]
      out.append(piece)
      i += 1
      guard case .code(_, "br", let tag) = piece else { continue }
      if i < pieces.count, case .text(let text, let bytes, let literal) = pieces[i] {
        if !literal && text == " " {
          out.append(.text("\n", bytes: bytes, literal: false))
          i += 1
          continue
        }
        if literal && text.hasPrefix(" ") {
          out.append(.text("\n", bytes: bytes.lowerBound..<bytes.lowerBound + 1, literal: false))
          if text.utf8.count > 1 {
            out.append(.text(String(text.dropFirst()), bytes: bytes.lowerBound + 1..<bytes.upperBound, literal: true))
          }
          i += 1
          continue
        }
      }
      out.append(.text("\n", bytes: tag.upperBound..<tag.upperBound, literal: false))
    }
    return out
  }

  /// Adds the translatable attribute values of a start tag as blocks of their own.
  private mutating func attributeBlocks(of element: String, _ attributes: [chtml_attribute]) {
    var metaKind: String? = nil
    if element == "meta" {
      for a in attributes where ["name", "property"].contains(attributeName(a)) {
        metaKind = decodedValue(a).lowercased()
      }
    }
    for a in attributes {
      let name = attributeName(a)
      let translatable = Self.translatableAttributes.contains(name)
        || (name == "content" && metaKind.map { Self.translatableMeta.contains($0) } == true)
      guard translatable else { continue }
      let (inner, quote) = valueRange(a)
      var pieces = references.pieces(of: bytes, inner)
      if pieces.isEmpty { continue }
      // An unquoted value keeps its exact bytes; text after it would be outside the value.
      pieces = pieces.filter { !$0.bytes.isEmpty }
      let block = MarkupBlock(name: "@" + name, pieces: pieces, escaping: .htmlAttribute(quote: quote))
      if block.hasText { blocks.append(block) }
    }
  }

  private mutating func noteLanguage(_ token: Token) {
    for a in token.attributes where attributeName(a) == "lang" {
      let (inner, quote) = valueRange(a)
      languageSlot = .init(bytes: inner, exists: true, quote: quote)
      return
    }
    // After "<html": the tag's name is five bytes.
    let at = min(token.range.lowerBound + 5, token.range.upperBound)
    languageSlot = .init(bytes: at..<at, exists: false, quote: UInt8(ascii: "\""))
  }

  private mutating func isMarkedNotForTranslation(_ attributes: [chtml_attribute]) -> Bool {
    for a in attributes {
      switch attributeName(a) {
      case "translate":
        if decodedValue(a).lowercased() == "no" { return true }
      case "class":
        if decodedValue(a).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).contains("notranslate") { return true }
      default:
        break
      }
    }
    return false
  }

  // MARK: Tags and attributes in the source

  /// The lower-case name of the tag at `range` (`<b …>`, `</b>`), or "" when it has none.
  private func tagName(_ range: Range<Int>) -> String {
    var i = range.lowerBound + 1
    if i < range.upperBound && bytes[i] == UInt8(ascii: "/") { i += 1 }
    var name: [UInt8] = []
    while i < range.upperBound {
      let b = bytes[i]
      if b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D { break }
      name.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
      i += 1
    }
    return String(decoding: name, as: UTF8.self)
  }

  private func isSelfClosing(_ range: Range<Int>) -> Bool {
    range.count >= 2 && bytes[range.upperBound - 2] == UInt8(ascii: "/")
  }

  private func attributeName(_ a: chtml_attribute) -> String {
    String(decoding: bytes[Int(a.name_start)..<Int(a.name_end)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  /// The attribute's value without its quotes, and the quote.
  private func valueRange(_ a: chtml_attribute) -> (Range<Int>, UInt8?) {
    let raw = Int(a.value_start)..<Int(a.value_end)
    if raw.count >= 2, let first = raw.first.map({ bytes[$0] }), first == UInt8(ascii: "\"") || first == UInt8(ascii: "'"),
       bytes[raw.upperBound - 1] == first {
      return (raw.lowerBound + 1..<raw.upperBound - 1, first)
    }
    return (raw, nil)
  }

  private mutating func decodedValue(_ a: chtml_attribute) -> String {
    references.pieces(of: bytes, valueRange(a).0).map { piece -> String in
      if case .text(let text, _, _) = piece { return text }
      return ""
    }.joined()
  }
}

/// Reads text between tags: character references decoded the way an HTML5 parser does (each
/// distinct reference asked of gumbo once), runs of white space that hold more than one space
/// as one space.
struct CharacterReferences {
  private var decoded: [[UInt8]: String] = [:]

  /// The pieces of the text at `range` of `bytes`.
  mutating func pieces(of bytes: [UInt8], _ range: Range<Int>) -> [MarkupPiece] {
    var pieces: [MarkupPiece] = []
    var literalStart = range.lowerBound
    var i = range.lowerBound
    func flushLiteral(_ end: Int) {
      if end > literalStart {
        pieces.append(.text(String(decoding: bytes[literalStart..<end], as: UTF8.self), bytes: literalStart..<end, literal: true))
      }
    }
    while i < range.upperBound {
      let b = bytes[i]
      if isSpace(b) {
        var j = i + 1
        while j < range.upperBound && isSpace(bytes[j]) { j += 1 }
        if j - i > 1 || b != 0x20 {
          flushLiteral(i)
          pieces.append(.text(" ", bytes: i..<j, literal: false))
          literalStart = j
        }
        i = j
        continue
      }
      if b == UInt8(ascii: "&"), let end = referenceEnd(bytes, at: i, limit: range.upperBound) {
        let reference = Array(bytes[i..<end])
        let text = decode(reference)
        if text != String(decoding: reference, as: UTF8.self) {
          flushLiteral(i)
          pieces.append(.text(text, bytes: i..<end, literal: false))
          literalStart = end
        }
        i = end
        continue
      }
      i += 1
    }
    flushLiteral(range.upperBound)
    return pieces
  }

  private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }

  /// The end of the reference-like text at `i` (`&name;`, `&name`, `&#…;`, `&#x…;`), or nil.
  private func referenceEnd(_ bytes: [UInt8], at i: Int, limit: Int) -> Int? {
    var j = i + 1
    guard j < limit else { return nil }
    func isAlnum(_ c: UInt8) -> Bool {
      (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
    }
    if bytes[j] == UInt8(ascii: "#") {
      j += 1
      if j < limit && (bytes[j] | 0x20) == UInt8(ascii: "x") { j += 1 }
      let digits = j
      while j < limit && isAlnum(bytes[j]) && j - digits < 12 { j += 1 }
      guard j > digits else { return nil }
    } else {
      let start = j
      while j < limit && isAlnum(bytes[j]) && j - start < 40 { j += 1 }
      guard j > start else { return nil }
    }
    if j < limit && bytes[j] == UInt8(ascii: ";") { j += 1 }
    return j
  }

  /// The text of one character reference, as an HTML5 parser reads it in text.
  mutating func decode(_ reference: [UInt8]) -> String {
    if let known = decoded[reference] { return known }
    var capacity: Int32 = 64
    var result = String(decoding: reference, as: UTF8.self)
    while true {
      var out = [UInt8](repeating: 0, count: Int(capacity))
      let needed = reference.withUnsafeBufferPointer { r in
        r.withMemoryRebound(to: CChar.self) { r in
          out.withUnsafeMutableBufferPointer { o in
            o.withMemoryRebound(to: CChar.self) { o in chtml_decode_text(r.baseAddress, r.count, o.baseAddress, capacity) }
          }
        }
      }
      if needed < 0 { break }
      if needed <= capacity {
        result = String(decoding: out[..<Int(needed)], as: UTF8.self)
        break
      }
      capacity = needed
    }
    decoded[reference] = result
    return result
  }
}

extension HTMLExtractor {
  /// The page's element tree in a canonical form: each element as its name, its attributes
  /// (translated ones — `alt`, `title`, `aria-label`, `content`, `lang` — by name only) and
  /// its children, siblings sorted. Two pages whose elements, attributes and nesting are the
  /// same have the same tree, whatever their text and the order of inline siblings.
  static func elementTree(_ text: String) throws(TraduError) -> String {
    var extractor = HTMLExtractor(bytes: Array(text.utf8))
    return try extractor.tree()
  }

  private mutating func tree() throws(TraduError) -> String {
    let tokens = try parse(path: "-")
    final class Node {
      var label: String
      var end: Int
      var children: [Node] = []
      init(label: String, end: Int) { self.label = label; self.end = end }
      var canonical: String { label + "(" + children.map(\.canonical).sorted().joined(separator: ",") + ")" }
    }
    let root = Node(label: "#document", end: Int.max)
    var stack = [root]
    for token in tokens where Int(token.kind) == CHTML_START_TAG {
      while stack.count > 1 && stack.last!.end <= token.range.lowerBound { stack.removeLast() }
      var attributes: [String] = []
      for a in token.attributes {
        let name = attributeName(a)
        let translated = Self.translatableAttributes.contains(name) || name == "content" || name == "lang"
        attributes.append(translated ? name : name + "=" + decodedValue(a))
      }
      let node = Node(label: tagName(token.range) + "[" + attributes.sorted().joined(separator: " ") + "]",
                      end: token.contentEnd ?? Int.max)
      stack.last!.children.append(node)
      if !Self.placeholderElements.contains(tagName(token.range)) && !isSelfClosing(token.range) { stack.append(node) }
    }
    return root.canonical
  }
}
