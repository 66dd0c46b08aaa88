// Every ICU call of Tradu lives here; see include/CICU.h for the contract.
#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

int32_t cicu_version(char *buffer, int32_t capacity) {
  UVersionInfo info;
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_getVersion(info);
  u_versionToString(info, text);
  int32_t length = (int32_t)strlen(text);
  if (buffer != NULL && capacity > 0) {
    int32_t n = length < capacity - 1 ? length : capacity - 1;
    memcpy(buffer, text, (size_t)n);
    buffer[n] = 0;
  }
  return length;
}

const char *cicu_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

// MARK: Break iteration

static UBreakIteratorType break_type(int32_t kind) {
  switch (kind) {
  case CICU_BREAK_CHARACTER: return UBRK_CHARACTER;
  case CICU_BREAK_WORD: return UBRK_WORD;
  case CICU_BREAK_LINE: return UBRK_LINE;
  default: return UBRK_SENTENCE;
  }
}

void *cicu_break_open(int32_t kind, const char *locale, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  UBreakIterator *it = ubrk_open(break_type(kind), locale, NULL, 0, &err);
  *status = err;
  if (U_FAILURE(err)) {
    if (it) ubrk_close(it);
    return NULL;
  }
  return it;
}

void cicu_break_set_text(void *iterator, const uint16_t *text, int32_t length, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  ubrk_setText((UBreakIterator *)iterator, (const UChar *)text, length, &err);
  *status = err;
}

int32_t cicu_break_next(void *iterator) {
  int32_t b = ubrk_next((UBreakIterator *)iterator);
  return b == UBRK_DONE ? -1 : b;
}

int32_t cicu_break_rule_status(void *iterator) {
  return ubrk_getRuleStatus((UBreakIterator *)iterator);
}

void cicu_break_close(void *iterator) {
  if (iterator) ubrk_close((UBreakIterator *)iterator);
}

void *cicu_break_clone(const void *iterator, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
#if U_ICU_VERSION_MAJOR_NUM >= 69
  UBreakIterator *it = ubrk_clone((const UBreakIterator *)iterator, &err);
#else
  UBreakIterator *it = ubrk_safeClone((const UBreakIterator *)iterator, NULL, NULL, &err);
#endif
  *status = err;
  if (U_FAILURE(err)) {
    if (it) ubrk_close(it);
    return NULL;
  }
  return it;
}

int32_t cicu_break_all(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                       int32_t *boundaries, int32_t capacity, int32_t *status) {
  void *it = cicu_break_open(kind, locale, status);
  if (it == NULL) return 0;
  cicu_break_set_text(it, text, length, status);
  if (U_FAILURE((UErrorCode)*status)) {
    cicu_break_close(it);
    return 0;
  }
  int32_t count = 0;
  if (capacity > 0) boundaries[0] = 0;
  count = 1;
  int32_t b;
  while ((b = cicu_break_next(it)) >= 0) {
    if (count < capacity) boundaries[count] = b;
    count++;
  }
  cicu_break_close(it);
  if (count > capacity) *status = U_BUFFER_OVERFLOW_ERROR;
  return count;
}

// MARK: Normalization and case folding

static const UNormalizer2 *normalizer(int32_t form, UErrorCode *err) {
  switch (form) {
  case CICU_NFC: return unorm2_getNFCInstance(err);
  case CICU_NFD: return unorm2_getNFDInstance(err);
  case CICU_NFKC: return unorm2_getNFKCInstance(err);
  case CICU_NFKD: return unorm2_getNFKDInstance(err);
  case CICU_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(err);
  default: *err = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
  }
}

int32_t cicu_normalize(int32_t form, const uint16_t *text, int32_t length, uint16_t *dest,
                       int32_t capacity, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  const UNormalizer2 *n = normalizer(form, &err);
  int32_t result = 0;
  if (U_SUCCESS(err)) {
    result = unorm2_normalize(n, (const UChar *)text, length, (UChar *)dest, capacity, &err);
  }
  *status = err;
  return result;
}

int32_t cicu_normalized_prefix_length(int32_t form, const uint16_t *text, int32_t length,
                                      int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  const UNormalizer2 *n = normalizer(form, &err);
  int32_t result = 0;
  if (U_SUCCESS(err)) result = unorm2_spanQuickCheckYes(n, (const UChar *)text, length, &err);
  *status = err;
  return result;
}

int32_t cicu_has_boundary_before(int32_t form, int32_t codepoint, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  const UNormalizer2 *n = normalizer(form, &err);
  int32_t result = 0;
  if (U_SUCCESS(err)) result = unorm2_hasBoundaryBefore(n, (UChar32)codepoint) ? 1 : 0;
  *status = err;
  return result;
}

int32_t cicu_fold_case(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity,
                       int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  int32_t result = u_strFoldCase((UChar *)dest, capacity, (const UChar *)text, length,
                                 U_FOLD_CASE_DEFAULT, &err);
  *status = err;
  return result;
}

// MARK: Transliteration

void *cicu_translit_open(const uint16_t *id, int32_t idLength, const uint16_t *rules,
                         int32_t rulesLength, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  UParseError parseError;
  UTransliterator *t = utrans_openU((const UChar *)id, idLength, UTRANS_FORWARD,
                                    (const UChar *)rules, rules ? rulesLength : 0, &parseError,
                                    &err);
  *status = err;
  if (U_FAILURE(err)) {
    if (t) utrans_close(t);
    return NULL;
  }
  return t;
}

int32_t cicu_translit_apply(void *translit, uint16_t *buffer, int32_t *length, int32_t capacity,
                            int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  int32_t textLength = *length;
  int32_t limit = textLength;
  // Work on a copy so that an overflow leaves the caller's buffer untouched.
  UChar *copy = (UChar *)malloc(sizeof(UChar) * (size_t)(capacity > 0 ? capacity : 1));
  if (copy == NULL) {
    *status = U_MEMORY_ALLOCATION_ERROR;
    return 0;
  }
  memcpy(copy, buffer, sizeof(UChar) * (size_t)textLength);
  utrans_transUChars((UTransliterator *)translit, copy, &textLength, capacity, 0, &limit, &err);
  if (U_SUCCESS(err) && textLength <= capacity) {
    memcpy(buffer, copy, sizeof(UChar) * (size_t)textLength);
    *length = textLength;
  }
  free(copy);
  *status = err;
  return textLength;
}

void cicu_translit_close(void *translit) {
  if (translit) utrans_close((UTransliterator *)translit);
}

// MARK: Charset detection and conversion

static void copy_cstring(const char *from, char *to, int32_t capacity) {
  if (to == NULL || capacity <= 0) return;
  if (from == NULL) from = "";
  size_t n = strlen(from);
  if (n > (size_t)(capacity - 1)) n = (size_t)(capacity - 1);
  memcpy(to, from, n);
  to[n] = 0;
}

int32_t cicu_detect_charset(const uint8_t *bytes, int32_t length, char *name, int32_t nameCapacity,
                            char *language, int32_t languageCapacity, int32_t *confidence,
                            int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  copy_cstring("", name, nameCapacity);
  copy_cstring("", language, languageCapacity);
  *confidence = 0;
  UCharsetDetector *d = ucsdet_open(&err);
  int32_t found = 0;
  if (U_SUCCESS(err)) {
    ucsdet_setText(d, (const char *)bytes, length, &err);
    const UCharsetMatch **matches = NULL;
    if (U_SUCCESS(err)) matches = ucsdet_detectAll(d, &found, &err);
    if (U_SUCCESS(err) && found > 0) {
      copy_cstring(ucsdet_getName(matches[0], &err), name, nameCapacity);
      copy_cstring(ucsdet_getLanguage(matches[0], &err), language, languageCapacity);
      *confidence = ucsdet_getConfidence(matches[0], &err);
    }
  }
  if (d) ucsdet_close(d);
  *status = err;
  return found;
}

int32_t cicu_convert_to_utf16(const char *charset, const uint8_t *bytes, int32_t length,
                              uint16_t *dest, int32_t capacity, int32_t strict,
                              int32_t *errorOffset, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  *errorOffset = -1;
  UConverter *cnv = ucnv_open(charset, &err);
  if (U_FAILURE(err)) {
    *status = err;
    return 0;
  }
  if (strict) {
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
  }
  // Convert in one call with offsets tracking only when strict (to locate the bad byte).
  const char *source = (const char *)bytes;
  const char *sourceLimit = source + length;
  int32_t produced = 0;
  UChar scratch[4096];
  UChar *target;
  UChar *targetLimit;
  int32_t needed = 0;
  while (1) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t room = capacity - produced;
    if (dest != NULL && room > 0) {
      target = (UChar *)dest + produced;
      targetLimit = target + room;
    } else {
      target = scratch;
      targetLimit = scratch + 4096;
    }
    UChar *targetStart = target;
    ucnv_toUnicode(cnv, &target, targetLimit, &source, sourceLimit, NULL, 1, &e);
    int32_t n = (int32_t)(target - targetStart);
    needed += n;
    if (targetStart != scratch) produced += n;
    if (e == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(e)) {
      // The offending sequence ended just before `source`; report where it started.
      char bad[32];
      int8_t badLength = (int8_t)sizeof bad;
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(cnv, bad, &badLength, &e2);
      if (U_FAILURE(e2)) badLength = 0;
      *errorOffset = (int32_t)(source - (const char *)bytes) - badLength;
      err = e;
      break;
    }
    break;
  }
  ucnv_close(cnv);
  if (U_SUCCESS(err) && needed > capacity) err = U_BUFFER_OVERFLOW_ERROR;
  *status = err;
  return needed;
}

int32_t cicu_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length,
                                uint8_t *dest, int32_t capacity, int32_t strict, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  UConverter *cnv = ucnv_open(charset, &err);
  if (U_FAILURE(err)) {
    *status = err;
    return 0;
  }
  if (strict) {
    ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
  }
  int32_t result =
      ucnv_fromUChars(cnv, (char *)dest, capacity, (const UChar *)text, length, &err);
  ucnv_close(cnv);
  *status = err;
  return result;
}

int32_t cicu_charset_exists(const char *charset) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter *cnv = ucnv_open(charset, &err);
  if (cnv) ucnv_close(cnv);
  return U_SUCCESS(err) ? 1 : 0;
}

// MARK: Regular expressions

void *cicu_regex_open(const uint16_t *pattern, int32_t length, int32_t flags, int32_t *errorOffset,
                      int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  UParseError pe;
  memset(&pe, 0, sizeof pe);
  URegularExpression *re = uregex_open((const UChar *)pattern, length, (uint32_t)flags, &pe, &err);
  *errorOffset = U_FAILURE(err) ? pe.offset : -1;
  *status = err;
  if (U_FAILURE(err)) {
    if (re) uregex_close(re);
    return NULL;
  }
  return re;
}

void *cicu_regex_clone(const void *regex, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  URegularExpression *copy = uregex_clone((const URegularExpression *)regex, &err);
  *status = err;
  if (U_FAILURE(err)) {
    if (copy) uregex_close(copy);
    return NULL;
  }
  return copy;
}

void cicu_regex_set_text(void *regex, const uint16_t *text, int32_t length, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  uregex_setText((URegularExpression *)regex, (const UChar *)text, length, &err);
  *status = err;
}

void cicu_regex_set_region(void *regex, int32_t start, int32_t end, int32_t transparentBounds,
                           int32_t anchoringBounds, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  URegularExpression *re = (URegularExpression *)regex;
  uregex_setRegion(re, start, end, &err);
  uregex_useTransparentBounds(re, transparentBounds ? 1 : 0, &err);
  uregex_useAnchoringBounds(re, anchoringBounds ? 1 : 0, &err);
  *status = err;
}

int32_t cicu_regex_looking_at(void *regex, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  UBool r = uregex_lookingAt((URegularExpression *)regex, -1, &err);
  *status = err;
  return r ? 1 : 0;
}

int32_t cicu_regex_matches(void *regex, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  UBool r = uregex_matches((URegularExpression *)regex, -1, &err);
  *status = err;
  return r ? 1 : 0;
}

int32_t cicu_regex_find(void *regex, int32_t start, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  UBool r = start < 0 ? uregex_findNext((URegularExpression *)regex, &err)
                      : uregex_find((URegularExpression *)regex, start, &err);
  *status = err;
  return r ? 1 : 0;
}

int32_t cicu_regex_match_start(void *regex, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  int32_t r = uregex_start((URegularExpression *)regex, 0, &err);
  *status = err;
  return r;
}

int32_t cicu_regex_match_end(void *regex, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  int32_t r = uregex_end((URegularExpression *)regex, 0, &err);
  *status = err;
  return r;
}

void cicu_regex_close(void *regex) {
  if (regex) uregex_close((URegularExpression *)regex);
}

uint64_t cicu_monotonic_nanoseconds(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static UBool before_deadline(const void *context, int32_t steps) {
  (void)steps;
  uint64_t deadline = *(const uint64_t *)context;
  return deadline == 0 || cicu_monotonic_nanoseconds() < deadline;
}

void cicu_regex_set_deadline(void *regex, const uint64_t *deadline, int32_t *status) {
  UErrorCode err = (UErrorCode)*status;
  uregex_setMatchCallback((URegularExpression *)regex, before_deadline, deadline, &err);
  *status = err;
}

int32_t cicu_is_stopped_by_caller(int32_t status) {
  return status == U_REGEX_STOPPED_BY_CALLER ? 1 : 0;
}
