// The system libxml2 (Debian: libxml2-dev), found through pkg-config's libxml-2.0. Only the
// CXML target includes it.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
