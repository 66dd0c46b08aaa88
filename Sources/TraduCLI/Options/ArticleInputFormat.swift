import ArgumentParser

/// What `prepare --input-format` reads: one article as text, or a stream of articles as JSONL.
///
/// More article formats (HTML, Markdown) are meant to join this list; `jsonl` stays the one
/// that reads many articles, one `{"id","text"}` object a line.
enum ArticleInputFormat: String, ExpressibleByArgument, CaseIterable {
  /// One article, plain text in any encoding.
  case text
  /// Articles as JSON lines `{"id": …, "text": …}` on standard input (with `--to jsonl -`).
  case jsonl
}
