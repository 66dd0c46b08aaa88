#include "CSQLite.h"

#include <string.h>

int csqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
  return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

int csqlite_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int length) {
  return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

// MARK: the `tradu_pairs` FTS5 tokenizer (see CSQLite.h)

// The tokenizer keeps no state: every instance is this one address.
static int pair_tokenizer_instance;

static int pair_tokenizer_create(void *context, const char **arguments, int count, Fts5Tokenizer **out) {
  (void)context; (void)arguments; (void)count;
  *out = (Fts5Tokenizer *)&pair_tokenizer_instance;
  return SQLITE_OK;
}

static void pair_tokenizer_delete(Fts5Tokenizer *tokenizer) { (void)tokenizer; }

static int pair_tokenizer_tokenize(
    Fts5Tokenizer *tokenizer, void *context, int flags, const char *text, int length,
    int (*token)(void *, int, const char *, int, int, int)) {
  (void)tokenizer;
  if (length <= 0) return SQLITE_OK;
  // A query names one pair, as the document side writes it.
  if (flags & FTS5_TOKENIZE_QUERY) return token(context, 0, text, length, 0, length);
  // Pairs of words separated by exactly one space are the text itself; others (words with
  // more spaces between them) are copied into `pair` with one space.
  char stack[256];
  char *pair = stack;
  int capacity = (int)sizeof stack;
  int status = SQLITE_OK;
  int previous_start = -1, previous_end = -1;
  int i = 0;
  while (i < length && status == SQLITE_OK) {
    while (i < length && text[i] == ' ') i++;
    if (i == length) break;
    int start = i;
    while (i < length && text[i] != ' ') i++;
    int end = i;
    if (previous_start >= 0) {
      if (start == previous_end + 1) {
        status = token(context, 0, text + previous_start, end - previous_start, previous_start, end);
      } else {
        int first = previous_end - previous_start, second = end - start, size = first + 1 + second;
        if (size > capacity) {
          char *larger = sqlite3_malloc(size);
          if (!larger) { status = SQLITE_NOMEM; break; }
          if (pair != stack) sqlite3_free(pair);
          pair = larger;
          capacity = size;
        }
        memcpy(pair, text + previous_start, (size_t)first);
        pair[first] = ' ';
        memcpy(pair + first + 1, text + start, (size_t)second);
        status = token(context, 0, pair, size, previous_start, end);
      }
    }
    previous_start = start;
    previous_end = end;
  }
  if (pair != stack) sqlite3_free(pair);
  return status;
}

int csqlite_register_pair_tokenizer(sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *statement = NULL;
  int status = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL);
  if (status != SQLITE_OK) return status;
  sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(statement);
  status = sqlite3_finalize(statement);
  if (status != SQLITE_OK) return status;
  if (api == NULL || api->iVersion < 2) return SQLITE_ERROR;
  fts5_tokenizer pairs = {pair_tokenizer_create, pair_tokenizer_delete, pair_tokenizer_tokenize};
  return api->xCreateTokenizer(api, "tradu_pairs", NULL, &pairs, NULL);
}
