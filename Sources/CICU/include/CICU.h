// A small C bridge over the system ICU (libicuuc, libicui18n).
//
// Swift cannot call ICU's version-suffixed macros (ubrk_open -> ubrk_open_72), and importing
// ICU's headers into a Swift module clashes with Foundation's bundled ICU. So this header uses
// only stdint types and opaque pointers; every ICU call lives in icu_shim.c.
//
// Conventions:
//  - Text is UTF-16 (uint16_t*), lengths in UTF-16 code units.
//  - `status` receives ICU's UErrorCode (0 = success, < 0 = warning, > 0 = failure); callers
//    initialise it to 0. `cicu_error_name` turns a code into ICU's name for it.
//  - Functions that fill a buffer follow ICU's preflight convention: they return the length
//    needed; when it is larger than `capacity` the status is U_BUFFER_OVERFLOW_ERROR (15) and
//    the caller retries once with a larger buffer.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's version as "72.1" (returns the string length).
int32_t cicu_version(char *buffer, int32_t capacity);

/// ICU's name for an error code, e.g. "U_ILLEGAL_ARGUMENT_ERROR". Never NULL.
const char *cicu_error_name(int32_t status);

// MARK: Break iteration

enum {
  CICU_BREAK_CHARACTER = 0,
  CICU_BREAK_WORD = 1,
  CICU_BREAK_LINE = 2,
  CICU_BREAK_SENTENCE = 3,
};

/// Opens a break iterator of `kind` for `locale` (e.g. "ro"). Close it with cicu_break_close.
void *cicu_break_open(int32_t kind, const char *locale, int32_t *status);
/// Points the iterator at `text`, which must stay alive while the iterator is used.
void cicu_break_set_text(void *iterator, const uint16_t *text, int32_t length, int32_t *status);
/// The next boundary after the current one, or -1 at the end.
int32_t cicu_break_next(void *iterator);
/// The rule status of the boundary last returned (for words: 0 none, 100 number, 200 letter,
/// 300 kana, 400 ideograph).
int32_t cicu_break_rule_status(void *iterator);
void cicu_break_close(void *iterator);
/// A new iterator with the rules of `iterator` (ICU's clone, which shares the rules instead of
/// looking them up and reading them again as an open does), not pointed at any text. ICU
/// documents cloning as thread-safe: several threads may clone one iterator that none of them
/// uses otherwise. Close it with cicu_break_close.
void *cicu_break_clone(const void *iterator, int32_t *status);

/// All boundaries of `kind` in `text` at once (0 first, `length` last when it fits).
int32_t cicu_break_all(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                       int32_t *boundaries, int32_t capacity, int32_t *status);

// MARK: Normalization and case folding

enum {
  CICU_NFC = 0,
  CICU_NFD = 1,
  CICU_NFKC = 2,
  CICU_NFKD = 3,
  CICU_NFKC_CASEFOLD = 4,
};

/// Normalizes `text` to `form`. Returns the needed length.
int32_t cicu_normalize(int32_t form, const uint16_t *text, int32_t length, uint16_t *dest,
                       int32_t capacity, int32_t *status);
/// Length of the prefix of `text` that is already in `form` (== length when all of it is).
int32_t cicu_normalized_prefix_length(int32_t form, const uint16_t *text, int32_t length,
                                      int32_t *status);
/// 1 when `codepoint` starts a new normalization unit in `form` (text before it never interacts
/// with text after it), else 0.
int32_t cicu_has_boundary_before(int32_t form, int32_t codepoint, int32_t *status);
/// Full Unicode case folding (default options). Returns the needed length.
int32_t cicu_fold_case(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity,
                       int32_t *status);

// MARK: Transliteration

/// Opens a transliterator: `rules` (may be NULL) are custom rules in ICU syntax, `id` names it
/// (or names a system transliterator such as "Latin-ASCII" when rules is NULL).
void *cicu_translit_open(const uint16_t *id, int32_t idLength, const uint16_t *rules,
                         int32_t rulesLength, int32_t *status);
/// Transliterates `buffer` in place; `*length` is updated. Returns the needed length; on
/// overflow nothing is changed and the caller retries with a larger buffer.
int32_t cicu_translit_apply(void *translit, uint16_t *buffer, int32_t *length, int32_t capacity,
                            int32_t *status);
void cicu_translit_close(void *translit);

// MARK: Charset detection and conversion

/// Detects the charset of `bytes`. Writes the best match's name and language (NUL-terminated,
/// truncated to the capacities) and its confidence (0-100). Returns the number of candidates.
int32_t cicu_detect_charset(const uint8_t *bytes, int32_t length, char *name, int32_t nameCapacity,
                            char *language, int32_t languageCapacity, int32_t *confidence,
                            int32_t *status);
/// Converts `bytes` in `charset` to UTF-16. With `strict`, stops at the first illegal or
/// unmappable byte sequence and reports its byte offset in `*errorOffset` (else -1) with status
/// U_ILLEGAL_CHAR_FOUND/U_INVALID_CHAR_FOUND; without, substitutes U+FFFD.
int32_t cicu_convert_to_utf16(const char *charset, const uint8_t *bytes, int32_t length,
                              uint16_t *dest, int32_t capacity, int32_t strict,
                              int32_t *errorOffset, int32_t *status);
/// Converts UTF-16 to `charset`. With `strict`, an unmappable character is an error
/// (U_INVALID_CHAR_FOUND); otherwise it becomes the charset's substitution byte.
int32_t cicu_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length,
                                uint8_t *dest, int32_t capacity, int32_t strict, int32_t *status);
/// 1 when ICU has a converter named `charset`, else 0.
int32_t cicu_charset_exists(const char *charset);

// MARK: Regular expressions (ICU syntax, Java-compatible as SRX requires)

enum {
  CICU_REGEX_CASE_INSENSITIVE = 2,
  CICU_REGEX_COMMENTS = 4,
  CICU_REGEX_DOTALL = 32,
  CICU_REGEX_MULTILINE = 8,
};

/// Compiles `pattern`. On a syntax error, `*errorOffset` is the UTF-16 offset in the pattern.
void *cicu_regex_open(const uint16_t *pattern, int32_t length, int32_t flags, int32_t *errorOffset,
                      int32_t *status);
/// Sets the subject; the text must stay alive while the regex is used.
void cicu_regex_set_text(void *regex, const uint16_t *text, int32_t length, int32_t *status);
/// Restricts matching to [start, end). With transparent bounds, look-around sees outside it;
/// without anchoring bounds, ^ and $ do not match at the region's edges.
void cicu_regex_set_region(void *regex, int32_t start, int32_t end, int32_t transparentBounds,
                           int32_t anchoringBounds, int32_t *status);
/// 1 when the pattern matches at the start of the region (not necessarily to its end).
int32_t cicu_regex_looking_at(void *regex, int32_t *status);
/// 1 when the pattern matches the whole region.
int32_t cicu_regex_matches(void *regex, int32_t *status);
/// Finds the next match starting at or after `start` (-1: continue after the last match).
int32_t cicu_regex_find(void *regex, int32_t start, int32_t *status);
/// Start and end (UTF-16 offsets) of the last match.
int32_t cicu_regex_match_start(void *regex, int32_t *status);
int32_t cicu_regex_match_end(void *regex, int32_t *status);
/// A new matcher sharing `regex`'s compiled pattern, with no text set (thread-safe: the
/// original may be cloned from several threads at once).
void *cicu_regex_clone(const void *regex, int32_t *status);
void cicu_regex_close(void *regex);
/// Makes every match of `regex` fail with U_REGEX_STOPPED_BY_CALLER once the monotonic clock
/// passes `*deadline` (nanoseconds of `cicu_monotonic_nanoseconds`; 0 means no limit). ICU
/// checks it every few thousand steps. `deadline` must stay valid while the regex matches.
void cicu_regex_set_deadline(void *regex, const uint64_t *deadline, int32_t *status);
/// 1 when `status` is U_REGEX_STOPPED_BY_CALLER.
int32_t cicu_is_stopped_by_caller(int32_t status);
/// The monotonic clock (CLOCK_MONOTONIC), in nanoseconds.
uint64_t cicu_monotonic_nanoseconds(void);

#ifdef __cplusplus
}
#endif

#endif
