// A small C bridge over cmark-gfm (Debian's libcmark-gfm-dev, 0.29): CommonMark with
// GitHub's tables, parsed with source positions.
//
// Swift calls cmark-gfm's node API (cmark_node_first_child, cmark_node_get_start_line…)
// directly through this module; the one thing done here is building a parser with the table
// and strikethrough extensions attached, which needs the core-extensions registry.
#ifndef CMARKDOWN_H
#define CMARKDOWN_H

#include <stddef.h>
#include <cmark-gfm.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Parses `length` bytes of UTF-8 as GitHub-flavoured CommonMark with source positions.
/// Returns the document node (free it with cmark_node_free), or NULL when memory runs out.
cmark_node *cmarkdown_parse(const char *bytes, size_t length);

/// Whether `node` is a table, a table row or a table cell (cmark-gfm's extension types).
int cmarkdown_table_part(cmark_node *node);

enum {
  CMARKDOWN_NOT_TABLE = 0,
  CMARKDOWN_TABLE = 1,
  CMARKDOWN_TABLE_ROW = 2,
  CMARKDOWN_TABLE_CELL = 3,
  CMARKDOWN_STRIKETHROUGH = 4,
};

#ifdef __cplusplus
}
#endif

#endif
