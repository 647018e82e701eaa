/*
** nk_utf8.h
** Strict UTF-8 decoding and validation (no overlongs, no surrogates,
** nothing above U+10FFFF), plus code point counting for JSON offsets.
*/
#ifndef NK_UTF8_H
#define NK_UTF8_H

#include "nk_base.h"

#define NK_REPLACEMENT 0xFFFDu

/*
** Decode one code point at s[i] (i < len). Returns the number of bytes
** consumed (1..4) and stores the code point in *cp. On an invalid sequence
** stores NK_REPLACEMENT and returns the length of the maximal invalid prefix
** (at least 1), so a loop always advances. *ok is set to 0 on error, 1 otherwise.
*/
size_t nk_utf8_decode(const char *s, size_t len, size_t i, uint32_t *cp, int *ok);

/*
** The number of bytes nk_utf8_decode would consume at s[i] (i < len), with
** the common cases (ASCII, a well-formed 2-byte sequence such as an Arabic
** letter) inline; for counting and walking text fast.
*/
static inline size_t nk_utf8_step(const char *s, size_t len, size_t i)
{
    unsigned c = (unsigned char)s[i];
    uint32_t cp;
    int ok;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
        return 2;
    return nk_utf8_decode(s, len, i, &cp, &ok);
}

/* Encode cp into out (room for 4 bytes); returns the byte count (1..4). */
size_t nk_utf8_encode(uint32_t cp, char *out);

/*
** Validate s. Returns NK_OK, or NK_EUTF8 with the offset of the first bad
** byte in *bad (when bad is not NULL).
*/
nk_status nk_utf8_validate(const char *s, size_t len, size_t *bad);

/* Number of code points in s[0..len) (invalid bytes count one each as U+FFFD). */
size_t nk_utf8_count(const char *s, size_t len);

#endif
