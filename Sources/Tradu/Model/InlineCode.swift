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
