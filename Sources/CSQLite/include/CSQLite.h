// A small C bridge over the system SQLite (libsqlite3, Debian's libsqlite3-dev).
//
// Swift sees SQLite's own API through this module; the few things Swift cannot express
// (SQLITE_TRANSIENT is a function pointer made from -1) are wrapped below.
#ifndef CSQLITE_H
#define CSQLITE_H

#include <sqlite3.h>

/// Binds UTF-8 text that SQLite copies (SQLITE_TRANSIENT), so the caller's buffer may go away.
int csqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int length);

/// Binds a blob that SQLite copies (SQLITE_TRANSIENT).
int csqlite_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int length);

/// Registers the FTS5 tokenizer `tradu_pairs` on `db`: a document's terms are the pairs of
/// its adjacent words, where words are the runs of bytes between spaces (0x20) and a pair is
/// written "first second" (one space); a query's text is one term, taken as written.
/// SQLITE_OK, or SQLite's error when FTS5 is missing.
int csqlite_register_pair_tokenizer(sqlite3 *db);

#endif
