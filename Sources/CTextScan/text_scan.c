#include "CTextScan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t tradu_utf8_to_utf16(const uint8_t *bytes, size_t count, uint16_t *out) {
  size_t i = 0, o = 0;
  while (i < count) {
#if defined(__SSE2__)
    // Sixteen bytes at a time: all of them widened and stored (out has room: o <= i, and
    // i + 16 <= count), then the position moved past the ASCII ones only.
    while (i + 16 <= count) {
      __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
      __m128i zero = _mm_setzero_si128();
      _mm_storeu_si128((__m128i *)(out + o), _mm_unpacklo_epi8(v, zero));
      _mm_storeu_si128((__m128i *)(out + o + 8), _mm_unpackhi_epi8(v, zero));
      int high = _mm_movemask_epi8(v);
      if (high != 0) {
        int ascii = __builtin_ctz((unsigned)high);
        i += (size_t)ascii;
        o += (size_t)ascii;
        break;
      }
      i += 16;
      o += 16;
    }
    if (i >= count) break;
#endif
    uint32_t b0 = bytes[i];
    if (b0 < 0x80) {
      out[o++] = (uint16_t)b0;
      i += 1;
    } else if (b0 < 0xE0) {
      out[o++] = (uint16_t)(((b0 & 0x1F) << 6) | (bytes[i + 1] & 0x3Fu));
      i += 2;
    } else if (b0 < 0xF0) {
      out[o++] = (uint16_t)(((b0 & 0x0F) << 12) | ((bytes[i + 1] & 0x3Fu) << 6) | (bytes[i + 2] & 0x3Fu));
      i += 3;
    } else {
      uint32_t v = ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3Fu) << 12) | ((bytes[i + 2] & 0x3Fu) << 6)
                   | (bytes[i + 3] & 0x3Fu);
      uint32_t w = v - 0x10000;
      out[o++] = (uint16_t)(0xD800 + (w >> 10));
      out[o++] = (uint16_t)(0xDC00 + (w & 0x3FF));
      i += 4;
    }
  }
  return o;
}

void tradu_utf8_counts(const uint8_t *bytes, size_t count, size_t *scalars, size_t *pairs) {
  size_t continuations = 0, fours = 0, i = 0;
#if defined(__SSE2__)
  // Per-lane byte counters (each lane's compare gives -1), summed every 255 steps before a
  // lane could overflow.
  const __m128i below_c0 = _mm_set1_epi8((char)0xC0);  // signed: 0x80-0xBF are below -64
  const __m128i f0 = _mm_set1_epi8((char)0xF0);
  const __m128i zero = _mm_setzero_si128();
  while (i + 16 <= count) {
    __m128i cont = zero, four = zero;
    size_t steps = 0;
    while (steps < 255 && i + 16 <= count) {
      __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
      cont = _mm_sub_epi8(cont, _mm_cmplt_epi8(v, below_c0));
      four = _mm_sub_epi8(four, _mm_cmpeq_epi8(_mm_max_epu8(v, f0), v));
      i += 16;
      steps += 1;
    }
    __m128i c = _mm_sad_epu8(cont, zero), f = _mm_sad_epu8(four, zero);
    continuations += (size_t)_mm_cvtsi128_si32(c) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(c, 8));
    fours += (size_t)_mm_cvtsi128_si32(f) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(f, 8));
  }
#endif
  for (; i < count; i++) {
    continuations += (bytes[i] & 0xC0) == 0x80;
    fours += bytes[i] >= 0xF0;
  }
  *scalars = count - continuations;
  *pairs = fours;
}

static inline int is_line_terminator(uint16_t u) {
  return (u >= 0x0A && u <= 0x0D) || u == 0x85 || u == 0x2028 || u == 0x2029;
}

size_t tradu_next_line_terminator(const uint16_t *units, size_t count, size_t start) {
  size_t i = start;
#if defined(__SSE2__)
  const __m128i ten = _mm_set1_epi16(0x0A), three = _mm_set1_epi16(3), nel = _mm_set1_epi16(0x85);
  const __m128i one = _mm_set1_epi16(1), ls_ps = _mm_set1_epi16(0x2029), zero = _mm_setzero_si128();
  while (i + 8 <= count) {
    __m128i v = _mm_loadu_si128((const __m128i *)(units + i));
    // v - 0x0A <= 3 (unsigned, by saturating subtraction), v == 0x85, or (v | 1) == 0x2029.
    __m128i controls = _mm_cmpeq_epi16(_mm_subs_epu16(_mm_sub_epi16(v, ten), three), zero);
    __m128i found = _mm_or_si128(_mm_or_si128(controls, _mm_cmpeq_epi16(v, nel)),
                                 _mm_cmpeq_epi16(_mm_or_si128(v, one), ls_ps));
    int mask = _mm_movemask_epi8(found);
    if (mask != 0) return i + (size_t)(__builtin_ctz((unsigned)mask) >> 1);
    i += 8;
  }
#endif
  while (i < count && !is_line_terminator(units[i])) i++;
  return i;
}

size_t tradu_skip_plain_utf8(const uint8_t *bytes, size_t count, size_t start, size_t *units) {
  size_t i = start, u = 0;
  for (;;) {
#if defined(__SSE2__)
    const __m128i bracket = _mm_set1_epi8(0x5B);
    while (i + 16 <= count) {
      __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
      int stop = _mm_movemask_epi8(v) | _mm_movemask_epi8(_mm_cmpeq_epi8(v, bracket));
      if (stop != 0) {
        int ascii = __builtin_ctz((unsigned)stop);
        i += (size_t)ascii;
        u += (size_t)ascii;
        break;
      }
      i += 16;
      u += 16;
    }
#endif
    if (i >= count) break;
    uint8_t b = bytes[i];
    if (b < 0x80) {
      if (b == 0x5B) break;
      i += 1;
    } else if (b == 0xC2) {
      if (bytes[i + 1] == 0xAD) break;  // soft hyphen
      i += 2;
    } else if (b == 0xC3) {
      uint8_t c = bytes[i + 1];
      // U+00C2-U+00F4 may lead mojibake: plain only before ASCII or at the end.
      if (c >= 0x82 && c <= 0xB4 && i + 2 < count && bytes[i + 2] >= 0x80) break;
      i += 2;
    } else if (b >= 0xC4 && b <= 0xCB) {
      uint8_t c = bytes[i + 1];
      if (b == 0xC5 && (c == 0x9E || c == 0x9F || c == 0xA2 || c == 0xA3)) break;  // cedillas
      i += 2;
    } else if (b == 0xE2) {
      uint8_t c1 = bytes[i + 1], c2 = bytes[i + 2];
      int plain = (c1 == 0x80 && c2 >= 0x90 && c2 <= 0xAF)  // U+2010-U+202F
                  || (c1 == 0x82 && c2 == 0xAC)             // U+20AC
                  || (c1 == 0x84 && c2 == 0xA2);            // U+2122
      if (!plain) break;
      i += 3;
    } else {
      break;
    }
    u += 1;
  }
  *units += u;
  return i;
}

tradu_byte_scan tradu_scan_bytes(const uint8_t *bytes, size_t count) {
  tradu_byte_scan scan = {-1, 0, 0, 0, 0, 0};
  size_t i = 0;
  while (i < count) {
#if defined(__SSE2__)
    // Sixteen bytes a step while none is a control byte or may start NEL, LS or PS.
    const __m128i c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2);
    while (i + 16 <= count) {
      __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
      // Below 0x20 unsigned: min(v, 0x1F) == v.
      __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
      __m128i lead = _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2));
      int stop = _mm_movemask_epi8(_mm_or_si128(low, lead));
      if (stop != 0) {
        i += (size_t)__builtin_ctz((unsigned)stop);
        break;
      }
      i += 16;
    }
    if (i >= count) break;
#endif
    uint8_t b = bytes[i];
    if (b >= 0x20 && b != 0xC2 && b != 0xE2) {
      i += 1;
      continue;
    }
    switch (b) {
    case 0x0A:
      scan.lf += 1;
      break;
    case 0x0D:
      if (i + 1 < count && bytes[i + 1] == 0x0A) {
        scan.crlf += 1;
        i += 1;
      } else {
        scan.cr += 1;
      }
      break;
    case 0xC2:
      if (i + 1 < count && bytes[i + 1] == 0x85) scan.unicode += 1;
      break;
    case 0xE2:
      if (i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)) scan.unicode += 1;
      break;
    case 0x00:
      if (scan.first_nul < 0) scan.first_nul = (ptrdiff_t)i;
      scan.controls += 1;
      break;
    default:
      if (!(b >= 0x09 && b <= 0x0D) && b != 0x1B) scan.controls += 1;
      break;
    }
    i += 1;
  }
  return scan;
}

void tradu_utf8_wide_counts(const uint8_t *bytes, size_t count, size_t *wide, size_t *pairs) {
  size_t leads = 0, fours = 0, i = 0;
#if defined(__SSE2__)
  const __m128i c0 = _mm_set1_epi8((char)0xC0), f0 = _mm_set1_epi8((char)0xF0), zero = _mm_setzero_si128();
  while (i + 16 <= count) {
    __m128i lead = zero, four = zero;
    size_t steps = 0;
    while (steps < 255 && i + 16 <= count) {
      __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
      lead = _mm_sub_epi8(lead, _mm_cmpeq_epi8(_mm_max_epu8(v, c0), v));
      four = _mm_sub_epi8(four, _mm_cmpeq_epi8(_mm_max_epu8(v, f0), v));
      i += 16;
      steps += 1;
    }
    __m128i l = _mm_sad_epu8(lead, zero), f = _mm_sad_epu8(four, zero);
    leads += (size_t)_mm_cvtsi128_si32(l) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(l, 8));
    fours += (size_t)_mm_cvtsi128_si32(f) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(f, 8));
  }
#endif
  for (; i < count; i++) {
    leads += bytes[i] >= 0xC0;
    fours += bytes[i] >= 0xF0;
  }
  *wide = leads;
  *pairs = fours;
}

void tradu_utf8_wide_scalars(const uint8_t *bytes, size_t count, ptrdiff_t *starts, ptrdiff_t *extras,
                             ptrdiff_t *pairs) {
  size_t i = 0, k = 0, p = 0;
  ptrdiff_t offset = 0, extra = 0;  // the UTF-16 offset of byte i; the extra bytes so far
  while (i < count) {
#if defined(__SSE2__)
    while (i + 16 <= count) {
      int high = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(bytes + i)));
      if (high != 0) {
        int ascii = __builtin_ctz((unsigned)high);
        i += (size_t)ascii;
        offset += ascii;
        break;
      }
      i += 16;
      offset += 16;
    }
    if (i >= count) break;
#endif
    uint8_t lead = bytes[i];
    if (lead < 0x80) {
      i += 1;
      offset += 1;
      continue;
    }
    starts[k] = offset;
    if (lead < 0xE0) {
      extra += 1;
      i += 2;
      offset += 1;
    } else if (lead < 0xF0) {
      extra += 2;
      i += 3;
      offset += 1;
    } else {
      extra += 2;
      pairs[p++] = offset;
      i += 4;
      offset += 2;
    }
    extras[k++] = extra;
  }
}

static inline int is_sentence_mark(uint16_t u) { return u == 0x2E || u == 0x21 || u == 0x3F || u == 0x2026; }

size_t tradu_next_sentence_mark(const uint16_t *units, size_t count, size_t start) {
  size_t i = start;
#if defined(__SSE2__)
  const __m128i dot = _mm_set1_epi16(0x2E), bang = _mm_set1_epi16(0x21), question = _mm_set1_epi16(0x3F);
  const __m128i ellipsis = _mm_set1_epi16(0x2026);
  while (i + 8 <= count) {
    __m128i v = _mm_loadu_si128((const __m128i *)(units + i));
    __m128i found = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(v, dot), _mm_cmpeq_epi16(v, bang)),
                                 _mm_or_si128(_mm_cmpeq_epi16(v, question), _mm_cmpeq_epi16(v, ellipsis)));
    int mask = _mm_movemask_epi8(found);
    if (mask != 0) return i + (size_t)(__builtin_ctz((unsigned)mask) >> 1);
    i += 8;
  }
#endif
  while (i < count && !is_sentence_mark(units[i])) i++;
  return i;
}

static inline int is_xml_care(uint8_t b) {
  return b < 0x20 || b == 0x22 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0xEF;
}

size_t tradu_next_xml_care(const uint8_t *bytes, size_t count, size_t start) {
  size_t i = start;
#if defined(__SSE2__)
  const __m128i control = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8(0x22), amp = _mm_set1_epi8(0x26);
  const __m128i lt = _mm_set1_epi8(0x3C), gt = _mm_set1_epi8(0x3E), ef = _mm_set1_epi8((char)0xEF);
  while (i + 16 <= count) {
    __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
    // v <= 0x1F unsigned: the minimum of v and 0x1F is v itself.
    __m128i found = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, control), v),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, amp)));
    found = _mm_or_si128(found, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, gt)),
                                             _mm_cmpeq_epi8(v, ef)));
    int mask = _mm_movemask_epi8(found);
    if (mask != 0) return i + (size_t)__builtin_ctz((unsigned)mask);
    i += 16;
  }
#endif
  while (i < count && !is_xml_care(bytes[i])) i++;
  return i;
}

static inline int is_json_escape(uint8_t b) { return b < 0x20 || b == 0x22 || b == 0x5C; }

size_t tradu_next_json_escape(const uint8_t *bytes, size_t count, size_t start) {
  size_t i = start;
#if defined(__SSE2__)
  const __m128i control = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8(0x22), backslash = _mm_set1_epi8(0x5C);
  while (i + 16 <= count) {
    __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
    __m128i found = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, control), v),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    int mask = _mm_movemask_epi8(found);
    if (mask != 0) return i + (size_t)__builtin_ctz((unsigned)mask);
    i += 16;
  }
#endif
  while (i < count && !is_json_escape(bytes[i])) i++;
  return i;
}

static inline uint16_t ascii_lower(uint16_t u) { return (u >= 0x41 && u <= 0x5A) ? (uint16_t)(u | 0x20) : u; }

/// Whether marked unit `u`, followed by `next`, needs a closer look (see the header).
static inline int marked_needs_look(uint16_t u, uint16_t next, const uint8_t *pairs) {
  if (u >= 0x80) return 1;
  uint16_t second = ascii_lower(next);
  return second >= 0x80 || pairs[(size_t)ascii_lower(u) << 7 | second] != 0;
}

size_t tradu_next_keyword_tile(const uint16_t *units, size_t count, size_t start, const uint8_t *tiles,
                               const uint8_t *marks, const uint8_t *pairs) {
  size_t i = start;
  while (i + 4 <= count) {
    // Four units in one load (the fourth, the next tile's first, masked off the key).
    uint64_t lanes;
    memcpy(&lanes, units + i, sizeof lanes);
    uint64_t key = (lanes | 0x0000002000200020ull) & 0x0000007F007F007Full;
    if (tiles[(size_t)((key * 0x9E3779B97F4A7C15ull) >> 48)] != 0) return i;
    uint16_t a = (uint16_t)lanes, b = (uint16_t)(lanes >> 16), c = (uint16_t)(lanes >> 32);
    if ((marks[a] | marks[b] | marks[c]) != 0) {
      // Most marked letters (c, v) start no keyword with the unit after them.
      if (marks[a] && marked_needs_look(a, b, pairs)) return i;
      if (marks[b] && marked_needs_look(b, c, pairs)) return i;
      if (marks[c] && marked_needs_look(c, units[i + 3], pairs)) return i;
    }
    i += 3;
  }
  return i;
}
