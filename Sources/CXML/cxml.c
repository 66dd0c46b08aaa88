// The libxml2 side of CXML.h: one push parser per document, SAX2 callbacks forwarded to the
// caller's cxml_callbacks, errors captured instead of printed.
#include "CXML.h"

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

typedef struct cxml_parser {
  xmlParserCtxtPtr context;
  const cxml_callbacks *callbacks;
  int32_t maximum_depth;
  int32_t depth;
  int32_t stop;           // CXML_OK until something stops the parse
  cxml_problem problem;   // the first problem seen
  int has_problem;
} cxml_parser;

static void copy_text(char *into, size_t capacity, const char *text) {
  if (capacity == 0) return;
  into[0] = 0;
  if (text == NULL) return;
  size_t n = 0;
  for (const char *c = text; *c != 0 && n + 1 < capacity; c++) {
    into[n++] = (*c == '\n' || *c == '\r' || *c == '\t') ? ' ' : *c;
  }
  while (n > 0 && into[n - 1] == ' ') n--;
  into[n] = 0;
}

static int64_t current_line(cxml_parser *p) {
  return (p->context && p->context->input) ? p->context->input->line : 0;
}

static int64_t current_column(cxml_parser *p) {
  return (p->context && p->context->input) ? p->context->input->col : 0;
}

/// Records the first problem and halts the parser.
static void stop_with(cxml_parser *p, int32_t stop, const char *detail) {
  if (!p->has_problem) {
    memset(&p->problem, 0, sizeof p->problem);
    p->problem.stop = stop;
    p->problem.line = current_line(p);
    p->problem.column = current_column(p);
    copy_text(p->problem.detail, sizeof p->problem.detail, detail);
    p->has_problem = 1;
  }
  if (p->stop == CXML_OK) p->stop = stop;
  if (p->context) xmlStopParser(p->context);
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes) {
  (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
  cxml_parser *p = ctx;
  if (p->stop != CXML_OK) return;
  p->depth += 1;
  if (p->depth > p->maximum_depth) {
    stop_with(p, CXML_STOP_TOO_DEEP, (const char *)local);
    return;
  }
  cxml_attribute small[16];
  cxml_attribute *list = small;
  if (nb_attributes > 16) {
    list = malloc(sizeof(cxml_attribute) * (size_t)nb_attributes);
    if (list == NULL) { stop_with(p, CXML_STOP_OUT_OF_MEMORY, NULL); return; }
  }
  for (int i = 0; i < nb_attributes; i++) {
    const xmlChar **a = attributes + 5 * i;  // localname, prefix, URI, value, end
    list[i].local_name = (const char *)a[0];
    list[i].prefix = (const char *)a[1];
    list[i].uri = (const char *)a[2];
    list[i].value = (const char *)a[3];
    list[i].value_length = (int32_t)(a[4] - a[3]);
  }
  int32_t result = p->callbacks->start_element(p->callbacks->context, (const char *)local,
                                               (const char *)prefix, (const char *)uri, list,
                                               nb_attributes);
  if (list != small) free(list);
  if (result != 0) stop_with(p, CXML_STOP_BY_HANDLER, NULL);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
  cxml_parser *p = ctx;
  if (p->stop != CXML_OK) return;
  p->depth -= 1;
  if (p->callbacks->end_element(p->callbacks->context, (const char *)local, (const char *)prefix,
                                (const char *)uri) != 0) {
    stop_with(p, CXML_STOP_BY_HANDLER, NULL);
  }
}

static void on_text(void *ctx, const xmlChar *bytes, int length) {
  cxml_parser *p = ctx;
  if (p->stop != CXML_OK) return;
  if (p->callbacks->text(p->callbacks->context, (const char *)bytes, length) != 0) {
    stop_with(p, CXML_STOP_BY_HANDLER, NULL);
  }
}

/// Called at `<!DOCTYPE name ...` before any internal subset: the input then points at '['
/// when declarations follow.
static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                               const xmlChar *system_id) {
  (void)external_id; (void)system_id;
  cxml_parser *p = ctx;
  xmlParserInputPtr input = p->context ? p->context->input : NULL;
  if (input && input->cur && input->cur < input->end && *input->cur == '[') {
    stop_with(p, CXML_STOP_INTERNAL_SUBSET, (const char *)name);
  }
}

/// No entity is ever declared: the predefined five are resolved by libxml2 before asking.
static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name) {
  (void)ctx; (void)name;
  return NULL;
}

static void on_reference(void *ctx, const xmlChar *name) {
  stop_with(ctx, CXML_STOP_UNKNOWN_ENTITY, (const char *)name);
}

static void on_error(void *ctx, xmlErrorPtr error) {
  cxml_parser *p = ctx;
  if (error == NULL) return;
  if (error->code == XML_WAR_UNDECLARED_ENTITY) {
    stop_with(p, CXML_STOP_UNKNOWN_ENTITY, error->str1);
    return;
  }
  if (error->level == XML_ERR_WARNING) return;
  if (!p->has_problem) {
    memset(&p->problem, 0, sizeof p->problem);
    p->problem.stop = CXML_STOP_NOT_WELL_FORMED;
    p->problem.code = error->code;
    p->problem.line = error->line > 0 ? error->line : current_line(p);
    p->problem.column = error->int2 > 0 ? error->int2 : current_column(p);
    p->problem.other_line = error->code == XML_ERR_TAG_NAME_MISMATCH ? error->int1 : 0;
    copy_text(p->problem.message, sizeof p->problem.message, error->message);
    copy_text(p->problem.detail, sizeof p->problem.detail, error->str1);
    copy_text(p->problem.detail2, sizeof p->problem.detail2, error->str2);
    p->has_problem = 1;
  }
  if (p->stop == CXML_OK) p->stop = CXML_STOP_NOT_WELL_FORMED;
  if (p->context) xmlStopParser(p->context);
}

void *cxml_open(const cxml_callbacks *callbacks, int32_t maximum_depth) {
  xmlInitParser();
  cxml_parser *p = calloc(1, sizeof(cxml_parser));
  if (p == NULL) return NULL;
  p->callbacks = callbacks;
  p->maximum_depth = maximum_depth;
  return p;
}

static int create_context(cxml_parser *p, const char *bytes, int32_t length) {
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_text;
  sax.ignorableWhitespace = on_text;
  sax.cdataBlock = on_text;
  sax.internalSubset = on_internal_subset;
  sax.getEntity = on_get_entity;
  sax.getParameterEntity = on_get_entity;
  sax.reference = on_reference;
  sax.serror = on_error;
  p->context = xmlCreatePushParserCtxt(&sax, p, bytes, length, NULL);
  if (p->context == NULL) return 0;
  // HUGE: no 10 MB limits. NOENT: predefined entities in attributes come through as text (no
  // other entity can exist, see above). NONET: never fetch. BIG_LINES: lines past 65,535.
  xmlCtxtUseOptions(p->context, XML_PARSE_HUGE | XML_PARSE_NOENT | XML_PARSE_NONET |
                                    XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
  return 1;
}

int32_t cxml_feed(void *parser, const char *bytes, int32_t length, int32_t is_last,
                  cxml_problem *problem) {
  cxml_parser *p = parser;
  memset(problem, 0, sizeof *problem);
  if (p->stop == CXML_OK) {
    if (p->context == NULL) {
      // The first bytes go to the constructor, which detects the encoding from them.
      int32_t head = length < 4 ? length : 4;
      if (!create_context(p, bytes, head)) {
        stop_with(p, CXML_STOP_OUT_OF_MEMORY, NULL);
      } else {
        bytes += head;
        length -= head;
      }
    }
    if (p->stop == CXML_OK) {
      int result = xmlParseChunk(p->context, bytes, length, is_last ? 1 : 0);
      if (p->stop == CXML_OK && (result != 0 || !p->context->wellFormed)) {
        xmlErrorPtr last = xmlCtxtGetLastError(p->context);
        if (last != NULL) on_error(p, last);
        if (p->stop == CXML_OK) stop_with(p, CXML_STOP_NOT_WELL_FORMED, NULL);
      }
    }
  }
  if (p->stop != CXML_OK) *problem = p->problem;
  return p->stop;
}

int64_t cxml_line(void *parser) { return current_line(parser); }
int64_t cxml_column(void *parser) { return current_column(parser); }

void cxml_close(void *parser) {
  cxml_parser *p = parser;
  if (p == NULL) return;
  if (p->context) xmlFreeParserCtxt(p->context);
  free(p);
}
