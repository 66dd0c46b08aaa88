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
