// A small C bridge over the system libxml2 (libxml-2.0): a streaming, namespace-aware SAX
// parser fed in chunks, with the limits of untrusted input set once, here.
//
// Why not FoundationXML's XMLParser: on Linux it refuses documents past 10,000,000 bytes
// (libxml2's default limits), and its errors are bare numbers. This bridge parses with
// XML_PARSE_HUGE (no size limit), reports line numbers past 65,535, and hands back libxml2's
// error code, message, line and column so Swift can word them for people.
//
// Security, fixed here for every caller:
//  - A DOCTYPE with an internal subset (`<!DOCTYPE x [ ... ]>`, where entities are declared)
//    stops the parse with CXML_STOP_INTERNAL_SUBSET. A DOCTYPE that only names an external
//    DTD (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, common in TMX and TBX) is ignored: it is never
//    fetched (no network, no file).
//  - Only the five predefined entities exist; any other reference stops the parse with
//    CXML_STOP_UNKNOWN_ENTITY (so nothing is dropped silently).
//  - Elements nested deeper than `maximum_depth` stop the parse with CXML_STOP_TOO_DEEP.
//
// The header uses stdint types and opaque pointers only; libxml2's headers stay in cxml.c.
#ifndef CXML_H
#define CXML_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One attribute of a start tag. Strings are UTF-8; names are NUL-terminated, the value is not.
typedef struct cxml_attribute {
  const char *local_name;
  const char *prefix;  // NULL when the name has none
  const char *uri;     // the namespace, NULL when none
  const char *value;
  int32_t value_length;
} cxml_attribute;

/// The events. Each returns 0 to go on; any other value stops the parse (cxml_feed then
/// returns CXML_STOP_BY_HANDLER and the handler keeps its own reason).
typedef struct cxml_callbacks {
  void *context;
  int32_t (*start_element)(void *context, const char *local_name, const char *prefix,
                           const char *uri, const cxml_attribute *attributes,
                           int32_t attribute_count);
  int32_t (*end_element)(void *context, const char *local_name, const char *prefix,
                         const char *uri);
  /// Character data (text, CDATA, white space), UTF-8, not NUL-terminated.
  int32_t (*text)(void *context, const char *bytes, int32_t length);
} cxml_callbacks;

/// Why a parse stopped.
enum {
  CXML_OK = 0,
  CXML_STOP_NOT_WELL_FORMED = 1,  // libxml2 reported an error: see cxml_problem
  CXML_STOP_BY_HANDLER = 2,
  CXML_STOP_INTERNAL_SUBSET = 3,
  CXML_STOP_UNKNOWN_ENTITY = 4,   // cxml_problem.detail holds the entity's name
  CXML_STOP_TOO_DEEP = 5,
  CXML_STOP_OUT_OF_MEMORY = 6,
};

/// Where and why a parse stopped.
typedef struct cxml_problem {
  int32_t stop;       // one of CXML_STOP_*
  int32_t code;       // libxml2's xmlParserErrors code (for wording only), 0 when none
  int64_t line;       // 1-based, 0 when unknown
  int64_t column;     // 1-based, 0 when unknown
  int64_t other_line; // a second line the error refers to (where a mismatched tag opened)
  char message[400];  // libxml2's message, one line, when stop is CXML_STOP_NOT_WELL_FORMED
  char detail[200];   // a name the error refers to (tag, entity), may be empty
  char detail2[200];  // a second name (the closing tag of a mismatch), may be empty
} cxml_problem;

/// Makes a parser for the callbacks (which must outlive it). NULL when out of memory.
void *cxml_open(const cxml_callbacks *callbacks, int32_t maximum_depth);

/// Feeds the next `length` bytes; `is_last` != 0 for the last call (which may have length 0).
/// Returns CXML_OK or a CXML_STOP_* value, with `problem` filled. After a stop, do not feed more.
int32_t cxml_feed(void *parser, const char *bytes, int32_t length, int32_t is_last,
                  cxml_problem *problem);

/// The line and column the parser is at (1-based), for messages about the current element.
int64_t cxml_line(void *parser);
int64_t cxml_column(void *parser);

/// Frees the parser.
void cxml_close(void *parser);

#ifdef __cplusplus
}
#endif

#endif
