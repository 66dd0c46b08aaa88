// The cmark-gfm calls that need the extension registry; see include/CMarkdown.h.
#include "CMarkdown.h"

#include <cmark-gfm-core-extensions.h>
#include <string.h>

cmark_node *cmarkdown_parse(const char *bytes, size_t length) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS);
  if (!parser) return NULL;
  const char *names[] = {"table", "strikethrough"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
    if (extension) cmark_parser_attach_syntax_extension(parser, extension);
  }
  cmark_parser_feed(parser, bytes, length);
  cmark_node *document = cmark_parser_finish(parser);
  cmark_parser_free(parser);
  return document;
}

int cmarkdown_table_part(cmark_node *node) {
  const char *type = cmark_node_get_type_string(node);
  if (!type) return CMARKDOWN_NOT_TABLE;
  if (strcmp(type, "table") == 0) return CMARKDOWN_TABLE;
  if (strcmp(type, "table_row") == 0 || strcmp(type, "table_header") == 0) return CMARKDOWN_TABLE_ROW;
  if (strcmp(type, "table_cell") == 0) return CMARKDOWN_TABLE_CELL;
  if (strcmp(type, "strikethrough") == 0) return CMARKDOWN_STRIKETHROUGH;
  return CMARKDOWN_NOT_TABLE;
}
