// Scans over a text's bytes and UTF-16 units that the preparation runs on every byte of every
// article: plain C loops with SSE2 (16 bytes or 8 units a step) where the compiler targets
// x86-64, and the same loops one element at a time elsewhere. Swift's SIMD types compile to
// scalar code with this toolchain, so the vector steps live here.
//
// Every function takes valid UTF-8 where it says so (a Swift string's own bytes) and never
// reads or writes outside the lengths it is given. Each one is tested from Swift against the
// scalar definition it replaces (Tests/TraduTests/TextScanTests.swift).
#ifndef CTEXTSCAN_H
#define CTEXTSCAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Decodes `count` bytes of valid UTF-8 into UTF-16 at `out`, which has room for `count`
/// units (always enough); returns the number of units written.
size_t tradu_utf8_to_utf16(const uint8_t *bytes, size_t count, uint16_t *out);

/// Counts, in `count` bytes of UTF-8, the bytes that start a scalar (all but continuation
/// bytes, 10xxxxxx) into `*scalars`, and those that start a four-byte one (11110xxx: a
/// surrogate pair in UTF-16) into `*pairs`.
void tradu_utf8_counts(const uint8_t *bytes, size_t count, size_t *scalars, size_t *pairs);

/// The offset of the first line terminator (U+000A–U+000D, U+0085, U+2028, U+2029) at or
/// after `start` in `count` UTF-16 units, or `count` when there is none.
size_t tradu_next_line_terminator(const uint16_t *units, size_t count, size_t start);

/// Skips, from byte `start` of `count` bytes of valid UTF-8, the characters that the UTF-8
/// normalization pass leaves as they are in every context: ASCII but "[", U+0080–U+00BF but
/// the soft hyphen, Latin letters U+00C0–U+02FF but the four cedilla letters (U+00C2–U+00F4
/// only before an ASCII byte or the end), U+2010–U+202F, "€" and "™". Returns the offset of
/// the first character it does not skip (or `count`) and adds the characters skipped (each one
/// UTF-16 unit) to `*units`.
size_t tradu_skip_plain_utf8(const uint8_t *bytes, size_t count, size_t start, size_t *units);

/// What one pass over bytes (any bytes, not only valid UTF-8) finds: the first NUL (-1 for
/// none), the control bytes that text files do not contain (below 0x20 but TAB, LF, VT, FF,
/// CR and ESC), and the line endings: LF alone, CR LF, CR alone, and NEL, U+2028 and U+2029 in
/// UTF-8.
typedef struct {
  ptrdiff_t first_nul;
  ptrdiff_t controls;
  ptrdiff_t lf, crlf, cr, unicode;
} tradu_byte_scan;

/// Scans `count` bytes (see `tradu_byte_scan`).
tradu_byte_scan tradu_scan_bytes(const uint8_t *bytes, size_t count);

/// Counts, in `count` bytes of valid UTF-8, the scalars outside ASCII (lead bytes 11xxxxxx)
/// into `*wide` and the four-byte ones among them into `*pairs`.
void tradu_utf8_wide_counts(const uint8_t *bytes, size_t count, size_t *wide, size_t *pairs);

/// Records the scalars outside ASCII of `count` bytes of valid UTF-8 (as many as
/// `tradu_utf8_wide_counts` counts): for the k-th, its UTF-16 offset in `starts[k]` and the
/// extra UTF-8 bytes over UTF-16 units of it and every scalar before it in `extras[k]`; the
/// UTF-16 offsets of the four-byte ones, in order, in `pairs`.
void tradu_utf8_wide_scalars(const uint8_t *bytes, size_t count, ptrdiff_t *starts, ptrdiff_t *extras,
                             ptrdiff_t *pairs);

/// The offset of the first sentence mark (".", "!", "?" or U+2026 "…") at or after `start` in
/// `count` UTF-16 units, or `count` when there is none.
size_t tradu_next_sentence_mark(const uint16_t *units, size_t count, size_t start);

/// The offset of the first byte at or after `start` in `count` bytes that an XML writer must
/// look at: a C0 control (below 0x20), `"`, `&`, `<`, `>`, or 0xEF (which starts U+FFFE and
/// U+FFFF); `count` when there is none.
size_t tradu_next_xml_care(const uint8_t *bytes, size_t count, size_t start);

/// The offset of the first byte at or after `start` in `count` bytes that JSON escapes: a C0
/// control (below 0x20), `"` or `\`; `count` when there is none.
size_t tradu_next_json_escape(const uint8_t *bytes, size_t count, size_t start);

/// The boilerplate keyword filter's scan (`KeywordFilter.scan` in Tradu): the offset of the
/// first tile of three units at `start`, `start + 3`, `start + 6`… (each with a fourth unit
/// after it inside `count`) that needs a closer look, or the first offset from which fewer
/// than four units remain. A tile needs one when `tiles[tile index]` is not 0 (the index:
/// the three units with bit 5 set, cut to seven bits, in the low 48 bits of a 64-bit word,
/// times 0x9E3779B97F4A7C15, the top 16 bits), or when one of its units `u` has `marks[u]`
/// set and either is not ASCII or is followed by a unit whose ASCII lower case `s` (a unit
/// outside ASCII as it is) is not ASCII or has `pairs[lower(u) << 7 | s]` set. `tiles` and
/// `marks` hold 65,536 bytes, `pairs` 16,384.
size_t tradu_next_keyword_tile(const uint16_t *units, size_t count, size_t start, const uint8_t *tiles,
                               const uint8_t *marks, const uint8_t *pairs);

#ifdef __cplusplus
}
#endif

#endif
