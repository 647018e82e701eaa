/*
** nk_utf8.c
** Strict UTF-8 decoder following the Unicode "maximal subpart" practice.
*/
#include "nk_utf8.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t nk_utf8_decode(const char *s, size_t len, size_t i, uint32_t *cp, int *ok)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t avail = len - i;
    unsigned c = p[0];
    unsigned lo = 0x80, hi = 0xBF;
    size_t n, k;
    uint32_t v;

    if (c < 0x80) {
        *cp = c;
        *ok = 1;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *cp = NK_REPLACEMENT;
        *ok = 0;
        return 1;
    }
    for (k = 1; k < n; k++) {
        unsigned b;
        if (k >= avail)
            goto bad;
        b = p[k];
        if (b < lo || b > hi)
            goto bad;
        lo = 0x80;
        hi = 0xBF;
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    *ok = 1;
    return n;
bad:
    *cp = NK_REPLACEMENT;
    *ok = 0;
    return k;
}

size_t nk_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = NK_REPLACEMENT;
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return nk_utf8_encode(NK_REPLACEMENT, out);
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

#define HI8 0x8080808080808080ull

/*
** Well-formed 8-byte words of ASCII and 2-byte sequences (most Arabic text),
** eight bytes at a time: returns where the byte-wise check must go on.
*/
static size_t skip_simple(const char *s, size_t len)
{
    size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t carry = 0; /* bit 7: the last byte of the previous word was a lead byte */
#if defined(__SSE2__)
    {
        /* sixteen bytes at a time: every byte with the high bit set is a lead C2..DF
           or a continuation byte, and the continuations are exactly the bytes after
           the leads */
        unsigned c16 = 0; /* the last byte of the previous block was a lead byte */
        const __m128i k_c2 = _mm_set1_epi8((char)0xC2), k_1d = _mm_set1_epi8(0x1D);
        const __m128i k_c0 = _mm_set1_epi8((char)0xC0), k_80 = _mm_set1_epi8((char)0x80);
        while (i + 16 <= len) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i)), t;
            unsigned mh = (unsigned)_mm_movemask_epi8(v), ml, mc;
            if ((mh | c16) == 0) {
                i += 16;
                continue;
            }
            t = _mm_sub_epi8(v, k_c2);
            ml = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, k_1d), t));
            mc = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, k_c0), k_80));
            if ((ml | mc) != mh || mc != (((ml << 1) | c16) & 0xFFFFu))
                break;
            c16 = (ml >> 15) & 1u;
            i += 16;
        }
        if (c16)
            i--; /* back to the lead byte whose continuation is in the next block */
    }
#endif
    while (i + 8 <= len) {
        uint64_t w, hi, b6, lead, cont, nz;
        memcpy(&w, s + i, 8);
        hi = w & HI8;
        if ((hi | carry) == 0) {
            i += 8;
            continue;
        }
        b6 = (w << 1) & HI8;
        lead = hi & b6;                                                   /* 11xxxxxx */
        cont = hi & ~b6;                                                  /* 10xxxxxx */
        nz = ((w & 0x1E1E1E1E1E1E1E1Eull) + 0x7F7F7F7F7F7F7F7Full) & HI8; /* not C0 or C1 */
        if ((lead & (w << 2) & HI8) != 0 || (lead & ~nz) != 0 || cont != ((lead << 8) | carry))
            break;
        carry = lead >> 56;
        i += 8;
    }
    if (carry)
        i--; /* back to the lead byte whose continuation is in the next word */
#else
    (void)s;
    (void)len;
#endif
    return i;
}

nk_status nk_utf8_validate(const char *s, size_t len, size_t *bad)
{
    size_t i = skip_simple(s, len);
    while (i < len) {
        uint32_t cp;
        int ok;
        unsigned c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            i += 2; /* a well-formed 2-byte sequence */
            continue;
        }
        size_t n = nk_utf8_decode(s, len, i, &cp, &ok);
        if (!ok) {
            if (bad != NULL)
                *bad = i;
            return NK_EUTF8;
        }
        i += n;
        i += skip_simple(s + i, len - i); /* back to eight bytes at a time */
    }
    return NK_OK;
}

size_t nk_utf8_count(const char *s, size_t len)
{
    size_t i = 0, count = 0;
    while (i < len) {
        i += nk_utf8_step(s, len, i);
        count++;
    }
    return count;
}
