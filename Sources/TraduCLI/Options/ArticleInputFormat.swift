import ArgumentParser

/// What `prepare --input-format` reads: one article as text, HTML or Markdown, or a stream of
/// articles as JSONL.
///
/// `jsonl` is the one that reads many articles, one `{"id","text"}` object a line.
enum ArticleInputFormat: String, ExpressibleByArgument, CaseIterable {
  /// One article, plain text in any encoding.
  case text
  /// One HTML page: its text translated, its tags kept as inline codes.
  case html
  /// One Markdown (CommonMark, GitHub tables) article.
  case markdown
  /// Articles as JSON lines `{"id": …, "text": …}` on standard input (with `--to jsonl -`).
  case jsonl
}
