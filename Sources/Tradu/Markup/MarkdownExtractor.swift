import CMarkdown
import Synchronization

/// Cuts a Markdown article into translatable blocks: paragraphs, headings, list items and
/// quotes (their paragraphs), table cells, image alt texts and the front matter's `title`.
///
/// cmark-gfm (CommonMark with GitHub's tables) finds the blocks and the inline structure, but
/// its inline source positions are unreliable (continuation lines that start with spaces or
/// tabs shift the columns, soft breaks have none, code spans leave out their backticks). So
/// only the blocks' lines are taken from it; each block's bytes are then re-scanned here,
/// matching cmark's inline nodes in order: text (with backslash escapes and references),
/// emphasis and links as paired codes, code spans, images, inline HTML and hard breaks as
/// placeholders. Line breaks, soft and hard, stay line breaks in the text, so that a block is
/// segmented as its plain text would be. Code blocks and HTML blocks are skipped.
struct MarkdownExtractor {
  private let bytes: [UInt8]
  /// The byte offset where each line starts (1-based lines: `lineStarts[line - 1]`).
  private let lineStarts: [Int]
  private var references = CharacterReferences()
  private var blocks: [MarkupBlock] = []

  private init(bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
    lineStarts = starts
  }

  /// Held while cmark-gfm parses: one parse at a time in the process. cmark-gfm is not
  /// re-entrant: each parse adds its extensions' characters (`~` of strikethrough) to a global
  /// table of special inline characters and removes them when done, and it registers its
  /// extensions in a global list on first use; a parse on another thread could then miss
  /// `~~…~~` and give other text (cmark-gfm PR #176, never merged). The walk over the parsed
  /// tree, most of the work, runs outside the lock.
  private static let parsing = Mutex(())

  /// The blocks of the Markdown article whose text is `text`.
  static func extract(_ text: String, path: String) throws(TraduError) -> MarkupExtraction {
    var extractor = MarkdownExtractor(bytes: Array(text.utf8))
    // Front matter is not Markdown: cmark sees blank lines in its place.
    var parsed = extractor.bytes
    if let frontMatter = extractor.frontMatter() {
      extractor.frontMatterTitle(frontMatter)
      for i in frontMatter where parsed[i] != 0x0A && parsed[i] != 0x0D { parsed[i] = 0x20 }
    }
    let root: OpaquePointer? = Self.parsing.withLock { _ in
      parsed.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { cmarkdown_parse($0.baseAddress, $0.count) }
      }
    }
    guard let root else { throw .undecodable(path: path, offset: nil, reason: "the Markdown parser ran out of memory") }
    defer { cmark_node_free(root) }
    extractor.walk(root)
    extractor.blocks.sort { $0.start < $1.start }
    return MarkupExtraction(format: .markdown, bytes: extractor.bytes, blocks: extractor.blocks, languageSlot: nil)
  }

  // MARK: Front matter

  /// The bytes of a YAML front matter (`---` lines around it at the very start), if any.
  private func frontMatter() -> Range<Int>? {
    guard lineStarts.count > 2, line(1).elementsEqual("---".utf8) else { return nil }
    for n in 2..<lineStarts.count where line(n).elementsEqual("---".utf8) || line(n).elementsEqual("...".utf8) {
      return 0..<(n < lineStarts.count ? lineStarts[n] : bytes.count)
    }
    return nil
  }

  /// Line `n`'s bytes without its line ending.
  private func line(_ n: Int) -> ArraySlice<UInt8> {
    let start = lineStarts[n - 1]
    var end = n < lineStarts.count ? lineStarts[n] - 1 : bytes.count
    if end > start && bytes[end - 1] == 0x0D { end -= 1 }
    return bytes[start..<max(start, end)]
  }

  private mutating func frontMatterTitle(_ range: Range<Int>) {
    for n in 2..<lineStarts.count where lineStarts[n - 1] < range.upperBound {
      let text = line(n)
      guard text.starts(with: "title:".utf8) else { continue }
      var start = text.startIndex + 6
      while start < text.endIndex && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
      var end = text.endIndex
      while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
      guard end > start else { return }
      var quote: UInt8? = nil
      if end - start >= 2, bytes[start] == bytes[end - 1], bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") {
        quote = bytes[start]
        start += 1
        end -= 1
      }
      let block = MarkupBlock(name: "title", pieces: yamlPieces(start..<end, quote: quote), escaping: .yaml(quote: quote))
      if block.hasText { blocks.append(block) }
      return
    }
  }

  /// The text of a YAML scalar's bytes: in single quotes `''` is one `'`; in double quotes
  /// `\"`, `\\`, `\/` and `\t` are escapes; plain scalars are as written.
  private func yamlPieces(_ range: Range<Int>, quote: UInt8?) -> [MarkupPiece] {
    var pieces: [MarkupPiece] = []
    var start = range.lowerBound
    var i = range.lowerBound
    func flush(_ end: Int) {
      if end > start { pieces.append(.text(String(decoding: bytes[start..<end], as: UTF8.self), bytes: start..<end, literal: true)) }
    }
    while i + 1 < range.upperBound {
      var decoded: String? = nil
      if quote == UInt8(ascii: "'") && bytes[i] == UInt8(ascii: "'") && bytes[i + 1] == UInt8(ascii: "'") {
        decoded = "'"
      } else if quote == UInt8(ascii: "\"") && bytes[i] == UInt8(ascii: "\\") {
        switch bytes[i + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = String(UnicodeScalar(bytes[i + 1]))
        case UInt8(ascii: "t"): decoded = "\t"
        default: break
        }
      }
      if let decoded {
        flush(i)
        pieces.append(.text(decoded, bytes: i..<i + 2, literal: false))
        i += 2
        start = i
      } else {
        i += 1
      }
    }
    flush(range.upperBound)
    return pieces
  }

  // MARK: Blocks

  private mutating func walk(_ root: OpaquePointer) {
    var stack: [OpaquePointer] = [root]
    while let node = stack.popLast() {
      let type = cmark_node_get_type(node)
      switch type {
      case CMARK_NODE_PARAGRAPH:
        paragraph(node)
        continue
      case CMARK_NODE_HEADING:
        heading(node)
        continue
      case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
        continue
      default:
        break
      }
      switch cmarkdown_table_part(node) {
      case Int32(CMARKDOWN_TABLE_ROW):
        tableRow(node)
        continue
      default:
        break
      }
      var children: [OpaquePointer] = []
      var child = cmark_node_first_child(node)
      while let c = child {
        children.append(c)
        child = cmark_node_next(c)
      }
      stack.append(contentsOf: children.reversed())
    }
  }

  /// The number of block quotes around `node`.
  private func quoteDepth(_ node: OpaquePointer) -> Int {
    var depth = 0
    var parent = cmark_node_parent(node)
    while let p = parent {
      if cmark_node_get_type(p) == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
      parent = cmark_node_parent(p)
    }
    return depth
  }

  /// The byte offset of 1-based `line` and `column`.
  private func offset(line: Int32, column: Int32) -> Int {
    guard line >= 1 && Int(line) <= lineStarts.count else { return bytes.count }
    return min(bytes.count, lineStarts[Int(line) - 1] + max(0, Int(column) - 1))
  }

  /// The content lines of a paragraph: the first from cmark's start column, the others after
  /// their container prefixes (`>` of each quote around it, indentation).
  private func contentLines(_ node: OpaquePointer, first: Int32, last: Int32) -> [Range<Int>] {
    let quotes = quoteDepth(node)
    var lines: [Range<Int>] = []
    for n in Int(first)...Int(max(first, last)) where n <= lineStarts.count {
      let text = line(n)
      var start = text.startIndex
      if n == Int(first) {
        start = max(start, offset(line: first, column: cmark_node_get_start_column(node)))
      } else {
        for _ in 0..<quotes {
          while start < text.endIndex && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
          if start < text.endIndex && bytes[start] == UInt8(ascii: ">") {
            start += 1
            if start < text.endIndex && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
          }
        }
        while start < text.endIndex && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
      }
      lines.append(min(start, text.endIndex)..<text.endIndex)
    }
    return lines
  }

  private mutating func paragraph(_ node: OpaquePointer) {
    let first = cmark_node_get_start_line(node), last = cmark_node_get_end_line(node)
    var lines = contentLines(node, first: first, last: last)
    // A table's cells are read by the table; the paragraph ends at its last line's end.
    if let l = lines.last, last >= 1 {
      let end = offset(line: last, column: cmark_node_get_end_column(node)) + 1
      lines[lines.count - 1] = l.lowerBound..<max(l.lowerBound, min(l.upperBound, end))
    }
    add(name: "paragraph", lines: lines, node: node)
  }

  private mutating func heading(_ node: OpaquePointer) {
    let first = cmark_node_get_start_line(node), last = cmark_node_get_end_line(node)
    let firstLine = line(Int(first))
    var lines: [Range<Int>]
    if firstLine.drop(while: { $0 == 0x20 }).first == UInt8(ascii: "#") {
      // ATX: after the #s and spaces, before a closing run of #s.
      var start = firstLine.startIndex
      while start < firstLine.endIndex && bytes[start] == 0x20 { start += 1 }
      while start < firstLine.endIndex && bytes[start] == UInt8(ascii: "#") { start += 1 }
      while start < firstLine.endIndex && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
      var end = firstLine.endIndex
      while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
      var closing = end
      while closing > start && bytes[closing - 1] == UInt8(ascii: "#") { closing -= 1 }
      if closing < end && (closing == start || bytes[closing - 1] == 0x20 || bytes[closing - 1] == 0x09) {
        end = closing
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
      }
      lines = [start..<end]
    } else {
      // Setext: the lines above the underline.
      lines = contentLines(node, first: first, last: max(first, last - 1))
    }
    add(name: "heading", lines: lines, node: node)
  }

  private mutating func tableRow(_ node: OpaquePointer) {
    let n = Int(cmark_node_get_start_line(node))
    guard n >= 1 && n <= lineStarts.count else { return }
    let text = line(n)
    // Cells: between unescaped pipes, code spans or not (GFM splits a row before its inlines).
    var cells: [Range<Int>] = []
    var start = text.startIndex
    var i = text.startIndex
    while i < text.endIndex {
      let b = bytes[i]
      if b == UInt8(ascii: "\\") { i += 2; continue }
      if b == UInt8(ascii: "|") {
        cells.append(start..<i)
        start = i + 1
      }
      i += 1
    }
    cells.append(start..<min(i, text.endIndex))
    var cellNodes: [OpaquePointer] = []
    var child = cmark_node_first_child(node)
    while let c = child {
      cellNodes.append(c)
      child = cmark_node_next(c)
    }
    // Leading and trailing pipes leave empty, blank cells at the ends.
    let trimmed = cells.map { r -> Range<Int> in
      var lo = r.lowerBound, hi = r.upperBound
      while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1 }
      while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09) { hi -= 1 }
      return lo..<hi
    }
    var contentCells = trimmed
    if let f = contentCells.first, f.isEmpty, contentCells.count > cellNodes.count { contentCells.removeFirst() }
    if let l = contentCells.last, l.isEmpty, contentCells.count > cellNodes.count { contentCells.removeLast() }
    for (cellNode, cell) in zip(cellNodes, contentCells) where !cell.isEmpty {
      add(name: "cell", lines: [cell], node: cellNode)
    }
  }

  // MARK: Inline content

  private mutating func add(name: String, lines: [Range<Int>], node: OpaquePointer) {
    var content = MarkdownContent()
    for (k, line) in lines.enumerated() {
      if k > 0 {
        content.gapEnd[content.text.count] = line.lowerBound
        content.text.append(0x0A)
        content.at.append(lines[k - 1].upperBound)
      }
      content.text.append(contentsOf: bytes[line])
      content.at.append(contentsOf: line)
    }
    var scanner = InlineScanner(content: content, references: references, bytes: bytes)
    var alts: [(Range<Int>, Range<Int>)] = []
    let matched = scanner.scan(children: node, alts: &alts)
    references = scanner.references
    if matched {
      let block = MarkupBlock(name: name, pieces: scanner.pieces, escaping: .markdown)
      if block.hasText { blocks.append(block) }
    }
    for (alt, _) in alts {
      let pieces = markdownText(alt)
      let block = MarkupBlock(name: "@alt", pieces: pieces, escaping: .markdown)
      if block.hasText { blocks.append(block) }
    }
  }

  /// The pieces of a plain run of Markdown text at `range` (an image's alt): escapes and
  /// references decoded.
  private mutating func markdownText(_ range: Range<Int>) -> [MarkupPiece] {
    var pieces: [MarkupPiece] = []
    var start = range.lowerBound
    var i = range.lowerBound
    while i < range.upperBound {
      if bytes[i] == UInt8(ascii: "\\") && i + 1 < range.upperBound && Self.isPunctuation(bytes[i + 1]) {
        if i > start { pieces += references.pieces(of: bytes, start..<i) }
        pieces.append(.text(String(UnicodeScalar(bytes[i + 1])), bytes: i..<i + 2, literal: false))
        i += 2
        start = i
        continue
      }
      i += 1
    }
    if start < range.upperBound { pieces += references.pieces(of: bytes, start..<range.upperBound) }
    return pieces
  }

  static func isPunctuation(_ b: UInt8) -> Bool {
    (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
  }
}

/// A block's content lines as one run of bytes: each line's bytes, one line feed between
/// lines; `at[i]` is the file offset of byte `i`, and a line feed's `gapEnd` is where the
/// next line's content starts.
private struct MarkdownContent {
  var text: [UInt8] = []
  var at: [Int] = []
  var gapEnd: [Int: Int] = [:]

  /// The file bytes of content bytes `range`.
  func fileRange(_ range: Range<Int>) -> Range<Int> {
    guard !range.isEmpty else {
      let p = range.lowerBound < at.count ? at[range.lowerBound] : (at.last.map { $0 + 1 } ?? 0)
      return p..<p
    }
    let last = range.upperBound - 1
    let end = text[last] == 0x0A ? gapEnd[last] ?? at[last] + 1 : at[last] + 1
    return at[range.lowerBound]..<end
}
}

/// Matches cmark's inline nodes of one block against the block's bytes, in order.
private struct InlineScanner {
  let content: MarkdownContent
  let bytes: [UInt8]
  var references: CharacterReferences
  var pieces: [MarkupPiece] = []
  private var cursor = 0

  init(content: MarkdownContent, references: CharacterReferences, bytes: [UInt8]) {
    self.content = content
    self.references = references
    self.bytes = bytes
  }

  private var text: [UInt8] { content.text }
  private var end: Int { content.text.count }

  /// Matches the inline children of `node`; false when the bytes do not match them (the
  /// block is then left as it is).
  mutating func scan(children node: OpaquePointer, alts: inout [(Range<Int>, Range<Int>)]) -> Bool {
    guard walk(node, alts: &alts) else { return false }
    if cursor < end {
      let rest = cursor..<end
      if text[rest].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) {
        pieces.append(.text(" ", bytes: content.fileRange(rest), literal: false))
      } else {
        code(.standalone, "markup", rest)
      }
      cursor = end
    }
    return true
  }

  private mutating func code(_ kind: InlineCode.Kind, _ name: String, _ range: Range<Int>) {
    pieces.append(.code(kind, name: name, bytes: content.fileRange(range)))
  }

  private mutating func walk(_ parent: OpaquePointer, alts: inout [(Range<Int>, Range<Int>)]) -> Bool {
    var child = cmark_node_first_child(parent)
    while let node = child {
      child = cmark_node_next(node)
      let type = cmark_node_get_type(node)
      switch type {
      case CMARK_NODE_TEXT:
        guard let literal = cmark_node_get_literal(node), matchText(Array(String(cString: literal).utf8)) else { return false }
      case CMARK_NODE_SOFTBREAK:
        let start = cursor
        while cursor < end && (text[cursor] == 0x20 || text[cursor] == 0x09) { cursor += 1 }
        guard cursor < end && text[cursor] == 0x0A else { return false }
        cursor += 1
        // A line break, as in the plain text: the segmenter tells a wrapped line from a title.
        pieces.append(.text("\n", bytes: content.fileRange(start..<cursor), literal: false))
      case CMARK_NODE_LINEBREAK:
        let start = cursor
        if cursor < end && text[cursor] == UInt8(ascii: "\\") { cursor += 1 }
        while cursor < end && (text[cursor] == 0x20 || text[cursor] == 0x09) { cursor += 1 }
        guard cursor < end && text[cursor] == 0x0A else { return false }
        cursor += 1
        code(.standalone, "break", start..<cursor)
        let after = content.fileRange(start..<cursor).upperBound
        pieces.append(.text("\n", bytes: after..<after, literal: false))
      case CMARK_NODE_CODE:
        guard let close = codeSpanEnd(at: cursor) else { return false }
        code(.standalone, "code", cursor..<close)
        cursor = close
      case CMARK_NODE_HTML_INLINE:
        guard let literal = cmark_node_get_literal(node), let close = looseMatch(Array(String(cString: literal).utf8)) else { return false }
        code(.standalone, "html", cursor..<close)
        cursor = close
      case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
        guard cursor < end, text[cursor] == UInt8(ascii: "*") || text[cursor] == UInt8(ascii: "_") else { return false }
        let delimiter = text[cursor]
        let count = type == CMARK_NODE_EMPH ? 1 : 2
        guard cursor + count <= end, text[cursor..<cursor + count].allSatisfy({ $0 == delimiter }) else { return false }
        let name = type == CMARK_NODE_EMPH ? "emphasis" : "strong"
        code(.opening, name, cursor..<cursor + count)
        cursor += count
        guard walk(node, alts: &alts) else { return false }
        guard cursor + count <= end, text[cursor..<cursor + count].allSatisfy({ $0 == delimiter }) else { return false }
        code(.closing, name, cursor..<cursor + count)
        cursor += count
      case CMARK_NODE_LINK:
        guard cursor < end else { return false }
        if text[cursor] == UInt8(ascii: "<") {
          // An autolink: its text is its address.
          guard let close = text[cursor...].firstIndex(of: UInt8(ascii: ">")) else { return false }
          code(.standalone, "link", cursor..<close + 1)
          cursor = close + 1
          continue
        }
        guard text[cursor] == UInt8(ascii: "[") else { return false }
        code(.opening, "link", cursor..<cursor + 1)
        cursor += 1
        guard walk(node, alts: &alts), cursor < end, text[cursor] == UInt8(ascii: "]") else { return false }
        let close = linkTailEnd(after: cursor + 1)
        code(.closing, "link", cursor..<close)
        cursor = close
      case CMARK_NODE_IMAGE:
        guard cursor + 1 < end, text[cursor] == UInt8(ascii: "!"), text[cursor + 1] == UInt8(ascii: "["),
              let bracket = closingBracket(from: cursor + 2) else { return false }
        let close = linkTailEnd(after: bracket + 1)
        let alt = content.fileRange(cursor + 2..<bracket)
        code(.standalone, "image", cursor..<close)
        if !(cursor + 2..<bracket).contains(where: { text[$0] == 0x0A }) { alts.append((alt, alt)) }
        cursor = close
      default:
        if cmarkdown_table_part(node) == Int32(CMARKDOWN_STRIKETHROUGH) {
          let start = cursor
          while cursor < end && text[cursor] == UInt8(ascii: "~") { cursor += 1 }
          guard cursor > start else { return false }
          let count = cursor - start
          code(.opening, "strikethrough", start..<cursor)
          guard walk(node, alts: &alts), cursor + count <= end,
                text[cursor..<cursor + count].allSatisfy({ $0 == UInt8(ascii: "~") }) else { return false }
          code(.closing, "strikethrough", cursor..<cursor + count)
          cursor += count
        } else {
          return false
        }
      }
    }
    return true
  }

  /// Matches a text node's literal at the cursor: bytes as they are, backslash escapes and
  /// character references decoded.
  private mutating func matchText(_ literal: [UInt8]) -> Bool {
    var i = 0
    var j = cursor
    var runStart = j
    var matched: [MarkupPiece] = []
    func flushRun(_ upTo: Int, into matched: inout [MarkupPiece]) {
      guard upTo > runStart else { return }
      matched += plainPieces(runStart..<upTo)
    }
    while i < literal.count {
      guard j < end else { return false }
      let c = text[j]
      if c == UInt8(ascii: "\\") && j + 1 < end && MarkdownExtractor.isPunctuation(text[j + 1]) && literal[i] == text[j + 1] {
        flushRun(j, into: &matched)
        matched.append(.text(String(UnicodeScalar(text[j + 1])), bytes: content.fileRange(j..<j + 2), literal: false))
        j += 2
        i += 1
        runStart = j
        continue
      }
      if c == UInt8(ascii: "&"), let e = referenceEnd(j) {
        let decoded = Array(references.decode(Array(text[j..<e])).utf8)
        if decoded != Array(text[j..<e]) && literal[i...].starts(with: decoded) {
          flushRun(j, into: &matched)
          matched.append(.text(String(decoding: decoded, as: UTF8.self), bytes: content.fileRange(j..<e), literal: false))
          j = e
          i += decoded.count
          runStart = j
          continue
        }
      }
      guard c == literal[i] else { return false }
      i += 1
      j += 1
    }
    flushRun(j, into: &matched)
    pieces += matched
    cursor = j
    return true
  }

  /// Text pieces of content bytes `range` (one line): literal runs, and white space other
  /// than one space as one space.
  private func plainPieces(_ range: Range<Int>) -> [MarkupPiece] {
    var result: [MarkupPiece] = []
    var start = range.lowerBound
    var i = range.lowerBound
    while i < range.upperBound {
      if text[i] == 0x20 || text[i] == 0x09 {
        var k = i + 1
        while k < range.upperBound && (text[k] == 0x20 || text[k] == 0x09) { k += 1 }
        if k - i > 1 || text[i] == 0x09 {
          if i > start { result.append(literalPiece(start..<i)) }
          result.append(.text(" ", bytes: content.fileRange(i..<k), literal: false))
          start = k
        }
        i = k
        continue
      }
      i += 1
    }
    if range.upperBound > start { result.append(literalPiece(start..<range.upperBound)) }
    return result
  }

  private func literalPiece(_ range: Range<Int>) -> MarkupPiece {
    .text(String(decoding: text[range], as: UTF8.self), bytes: content.fileRange(range), literal: true)
  }

  /// The end of an entity or numeric reference at `j` (CommonMark: the `;` is required).
  private func referenceEnd(_ j: Int) -> Int? {
    var k = j + 1
    while k < end && k - j < 40 && text[k] != UInt8(ascii: ";") && text[k] != 0x20 && text[k] != 0x0A { k += 1 }
    return k < end && text[k] == UInt8(ascii: ";") && k > j + 1 ? k + 1 : nil
  }

  /// The end of the code span starting at `j` (a run of backticks, then the same run).
  private func codeSpanEnd(at j: Int) -> Int? {
    var k = j
    while k < end && text[k] == UInt8(ascii: "`") { k += 1 }
    let run = k - j
    guard run > 0 else { return nil }
    while k < end {
      if text[k] == UInt8(ascii: "`") {
        var m = k
        while m < end && text[m] == UInt8(ascii: "`") { m += 1 }
        if m - k == run { return m }
        k = m
      } else {
        k += 1
      }
    }
    return nil
  }

  /// Matches raw inline HTML at the cursor, white space loosely; its end.
  private func looseMatch(_ literal: [UInt8]) -> Int? {
    var i = 0, j = cursor
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    while i < literal.count {
      guard j < end else { return nil }
      if literal[i] == text[j] {
        i += 1
        j += 1
      } else if isSpace(literal[i]) && isSpace(text[j]) {
        while i < literal.count && isSpace(literal[i]) { i += 1 }
        while j < end && isSpace(text[j]) { j += 1 }
      } else if isSpace(text[j]) {
        j += 1
      } else {
        return nil
      }
    }
    return j
  }

  /// The `]` closing a bracket opened just before `j` (nested brackets, escapes, code spans).
  private func closingBracket(from j: Int) -> Int? {
    var depth = 0
    var k = j
    while k < end {
      switch text[k] {
      case UInt8(ascii: "\\"): k += 2; continue
      case UInt8(ascii: "`"):
        if let close = codeSpanEnd(at: k) { k = close; continue }
      case UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "]"):
        if depth == 0 { return k }
        depth -= 1
      default: break
      }
      k += 1
    }
    return nil
  }

  /// The end of a link's destination part after its text's `]`: `(…)`, `[…]`, or nothing.
  private func linkTailEnd(after j: Int) -> Int {
    guard j < end else { return j }
    if text[j] == UInt8(ascii: "(") {
      var depth = 0
      var k = j
      var quote: UInt8? = nil
      while k < end {
        let b = text[k]
        if b == UInt8(ascii: "\\") { k += 2; continue }
        if let q = quote {
          if b == q { quote = nil }
        } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
          quote = b
        } else if b == UInt8(ascii: "(") {
          depth += 1
        } else if b == UInt8(ascii: ")") {
          depth -= 1
          if depth == 0 { return k + 1 }
        }
        k += 1
      }
      return j
    }
    if text[j] == UInt8(ascii: "["), let close = text[j...].firstIndex(of: UInt8(ascii: "]")) {
      return close + 1
    }
    return j
  }
}
