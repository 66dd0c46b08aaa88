// A small C bridge over gumbo, Google's HTML5 parser (Debian's libgumbo-dev, 0.10).
//
// Gumbo builds a tree, but its tree order is not the order of the source: text is
// foster-parented out of tables, formatting elements are cloned and reconstructed by the
// adoption agency, and inserted elements (<html>, <tbody>) have no source at all. Tradu works
// in source order instead: this shim walks the tree once and hands back the tags, comments
// and attributes that stand in the source, each with its byte offsets, sorted by offset and
// without the clones that share an offset. Everything between two of these tokens is text.
//
// Offsets are byte offsets into the UTF-8 buffer that was parsed.
#ifndef CHTML_H
#define CHTML_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
  CHTML_START_TAG = 0,
  CHTML_END_TAG = 1,
  CHTML_COMMENT = 2,
};

/// A tag or comment as it stands in the source.
typedef struct {
  /// CHTML_START_TAG, CHTML_END_TAG or CHTML_COMMENT.
  int32_t kind;
  /// The token's bytes: `start..<end` (for an end tag the parser implied, start == end).
  int32_t start;
  int32_t end;
  /// For start tags: where the element's content ends (its end tag, or where the parser
  /// closed it), or -1 when the parser never recorded an end.
  int32_t content_end;
  /// For start tags: the element's namespace (0 HTML, 1 SVG, 2 MathML).
  int32_t name_space;
  /// For start tags: the first of the token's attributes in `chtml_document.attributes`.
  int32_t first_attribute;
  int32_t attribute_count;
} chtml_token;

/// An attribute of a start tag as it stands in the source.
typedef struct {
  int32_t name_start;
  int32_t name_end;
  /// The raw value, quotes included (value_start == value_end for an attribute without one).
  int32_t value_start;
  int32_t value_end;
} chtml_attribute;

typedef struct {
  chtml_token *tokens;
  int32_t token_count;
  chtml_attribute *attributes;
  int32_t attribute_count;
  /// Whether the document had a <!DOCTYPE> token.
  int32_t has_doctype;
} chtml_document;

/// Parses `length` bytes of UTF-8. Returns NULL only when memory runs out. Free the result
/// with chtml_free.
chtml_document *chtml_parse(const char *bytes, size_t length);
void chtml_free(chtml_document *document);

/// Decodes one character reference (`&amp;`, `&#351;`, `&notin`) as an HTML5 parser does in
/// text, writing the UTF-8 into `out`. Returns the length needed (write again with a larger
/// buffer when it exceeds `capacity`), or -1 when memory runs out.
int32_t chtml_decode_text(const char *bytes, size_t length, char *out, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
