/// How an article's bytes are to be read: as plain text, or as HTML or Markdown whose tags are
/// kept out of the translatable text.
public enum InputFormat: String, Sendable, CaseIterable {
  case text, html, markdown

  /// The format a file's extension implies: `.html`/`.htm`/`.xhtml` → HTML, `.md`/`.markdown` →
  /// Markdown, anything else (and standard input) → text.
  public static func implied(byPath path: String) -> InputFormat {
    let name = path.lowercased()
    guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return .text }
    switch name[name.index(after: dot)...] {
    case "html", "htm", "xhtml": return .html
    case "md", "markdown", "mdown", "mkd": return .markdown
    default: return .text
    }
  }
}

/// A tag of the original that stands inside a segment's text but is not translated: an
/// element's start or end (`<b>`, `</a>`, `**`, `](url)`) or a placeholder (`<br>`, `<img>`,
/// a code span).
public struct InlineCode: Equatable, Hashable, Sendable {
  /// What the code is: half of a pair, or a code on its own.
  public enum Kind: String, Sendable, CaseIterable {
    /// The start of a pair whose end is in the same segment (`<b>`).
    case opening
    /// The end of a pair (`</b>`).
    case closing
    /// A code on its own: a void element, or half of a pair whose other half lies in
    /// another segment.
    case standalone
  }

  public var kind: Kind
  /// The code's number, unique in its unit (paragraph); an opening and its closing share it.
  public var id: Int
  /// Where the code stands in the segment's source, in UTF-16 offsets. Codes at the same
  /// position stand in array order.
  public var position: Int
  /// The code's bytes exactly as in the original file (e.g. `<a href="/x">`).
  public var original: String
  /// The element's name (`b`, `a`, `br`; Markdown: `emphasis`, `strong`, `link`, `image`,
  /// `code`, `break`, `html`).
  public var name: String

  public init(kind: Kind, id: Int, position: Int, original: String, name: String) {
    self.kind = kind
    self.id = id
    self.position = position
    self.original = original
    self.name = name
  }
}

/// A piece of a segment's content in order: text, or one of its inline codes.
public enum SegmentPiece: Equatable, Sendable {
  case text(String)
  /// The index of the code in the segment's `codes`.
  case code(Int)
}

/// The pieces of `source` with `codes` placed in it, in order (no empty text pieces).
public func segmentPieces(_ source: String, codes: [InlineCode]) -> [SegmentPiece] {
  guard !codes.isEmpty else { return source.isEmpty ? [] : [.text(source)] }
  let units = Array(source.utf16)
  var pieces: [SegmentPiece] = []
  var position = 0
  for (index, code) in codes.enumerated() {
    let at = min(max(code.position, position), units.count)
    if at > position { pieces.append(.text(String(decoding: units[position..<at], as: UTF16.self))) }
    pieces.append(.code(index))
    position = at
  }
  if position < units.count { pieces.append(.text(String(decoding: units[position...], as: UTF16.self))) }
  return pieces
}

/// A translatable block of an HTML or Markdown file: a paragraph, heading, list item, table
/// cell, caption, title or attribute value, as text runs and inline codes with the bytes each
/// comes from.
struct MarkupBlock: Sendable {
  /// What the block is (`p`, `h2`, `td`, `@alt`, `@content`; Markdown `paragraph`, `heading`).
  var name: String
  var pieces: [MarkupPiece]
  /// How a translation is escaped when written into the block's place.
  var escaping: MarkupEscaping

  /// Where the block's first piece starts in the file.
  var start: Int { pieces.first?.bytes.lowerBound ?? 0 }

  /// Whether the block has something to translate (a character other than white space).
  var hasText: Bool {
    pieces.contains { piece in
      if case .text(let text, _, _) = piece { return text.unicodeScalars.contains { !$0.properties.isWhitespace } }
      return false
    }
  }
}

/// How text is escaped where a block stands.
enum MarkupEscaping: Sendable, Equatable {
  /// HTML text: `&` and `<` as references.
  case htmlText
  /// An HTML attribute value quoted with `quote` (nil: unquoted, quoted when written).
  case htmlAttribute(quote: UInt8?)
  /// Markdown inline text: punctuation that would start markup backslash-escaped.
  case markdown
  /// A YAML scalar of front matter quoted with `quote` (nil: plain, quoted when written).
  case yaml(quote: UInt8?)
}

/// A text run or inline code of a ``MarkupBlock``.
enum MarkupPiece: Sendable {
  /// Text as read (character references decoded, white space with line breaks as one space),
  /// the bytes it comes from, and whether the text is those bytes as they are (then any
  /// offset in it maps to a byte offset; otherwise the piece is whole: a reference or a
  /// run of white space).
  case text(String, bytes: Range<Int>, literal: Bool)
  /// A tag: its kind before pairing (`opening`, `closing`, `standalone`), its name and bytes.
  case code(InlineCode.Kind, name: String, bytes: Range<Int>)

  var bytes: Range<Int> {
    switch self {
    case .text(_, let bytes, _): return bytes
    case .code(_, _, let bytes): return bytes
    }
  }
}

/// An HTML or Markdown file cut into translatable blocks, with everything needed to write a
/// translation back into its bytes.
struct MarkupExtraction: Sendable {
  var format: InputFormat
  /// The file's text as UTF-8 (decoded from its charset first).
  var bytes: [UInt8]
  /// The blocks, in the order they start in the file.
  var blocks: [MarkupBlock]
  /// Where the `<html>` element's language goes: the value of its `lang` attribute, or the
  /// place after `<html` where one is to be inserted (an empty range).
  var languageSlot: LanguageSlot?

  /// The `lang` attribute of `<html>`.
  struct LanguageSlot: Sendable {
    /// The value's bytes (without quotes), or an empty range where ` lang="…"` is inserted.
    var bytes: Range<Int>
    /// Whether the attribute exists (false: it is to be inserted).
    var exists: Bool
    /// The value's quote, or nil when unquoted.
    var quote: UInt8?
  }
}
