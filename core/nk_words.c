/*
** nk_words.c
** The word scan and the key folds of the entity rules; see nk_words.h.
*/
#include "nk_words.h"

#include <stdint.h>
#include <string.h>

#include "nk_normalize.h"
#include "nk_scan.h"

/* The scan is the core's one scanner with the options NK_SCAN_WORDS (nk_scan.h). */
void nk_words_init(nk_wscan *sc, const char *s, size_t len)
{
    nk_scan_init(sc, s, len, 1);
}

int nk_words_next(nk_wscan *sc, nk_word *w)
{
    nk_scan_tok t;
    if (!nk_scan_next(&NK_SCAN_WORDS, sc, &t))
        return 0;
    w->start = t.start;
    w->end = t.end;
    w->cls = (nk_tokclass)t.cls;
    w->nl = t.nl;
    return 1;
}

/* The folds are the key profiles of nk_normalize.h (data in nk_norm_profile.c). */
size_t nk_words_key(const char *w, size_t n, char *out)
{
    return nk_key(nk_key_profile_get(NK_KEY_ENTITY), w, n, out);
}

size_t nk_words_raw(const char *w, size_t n, char *out)
{
    return nk_key(nk_key_profile_get(NK_KEY_ENTITY_RAW), w, n, out);
}

size_t nk_words_fold(const char *w, size_t n, char *out)
{
    return nk_key(nk_key_profile_get(NK_KEY_EXTRACT), w, n, out);
}

int nk_words_next_masked(const char *m, size_t len, size_t *pos, size_t *start, size_t *end)
{
    const unsigned char *s = (const unsigned char *)m;
    size_t i = *pos, st;
    while (i < len && !nk_scan_masked_byte(s[i]))
        i++;
    if (i >= len) {
        *pos = len;
        return 0;
    }
    st = i;
    while (i < len && nk_scan_masked_byte(s[i]))
        i++;
    *pos = i;
    /* و ف ب ل glued to ASCII or Arabic-Indic digits is not part of the number */
    if (i - st >= 3) {
        unsigned a = s[st], b = s[st + 1], c = s[st + 2], d = st + 3 < i ? s[st + 3] : 0;
        int clitic =
            (a == 0xD9 && (b == 0x88 || b == 0x81 || b == 0x84)) || (a == 0xD8 && b == 0xA8);
        int digit = (c >= '0' && c <= '9') || (c == 0xD9 && d >= 0xA0 && d <= 0xA9);
        if (clitic && digit)
            st += 2;
    }
    *start = st;
    *end = i;
    return 1;
}

void nk_words_mask_to(const char *src, size_t n, char *out)
{
    /* One left-to-right pass. No byte after a lead byte of these characters
    ** can itself start one, so this equals applying each replacement in turn. */
    const unsigned char *s = (const unsigned char *)src;
    size_t i = 0, w;
    while (i < n) {
        unsigned c = s[i], d = i + 1 < n ? s[i + 1] : 0, e = i + 2 < n ? s[i + 2] : 0;
        w = 0;
        if (c == 0xD8 && (d == 0x8C || d == 0x9B || d == 0x9F)) /* ، ؛ ؟ */
            w = 2;
        else if (c == 0xD9 && d >= 0xAA && d <= 0xAD) /* ٪ ٫ ٬ ٭ */
            w = 2;
        else if (c == 0xDB && d == 0x94) /* ۔ */
            w = 2;
        else if (c == 0xC2 && d >= 0xA0 && d <= 0xBF) /* no-break space, « », © ... */
            w = 2;
        else if (c == 0xE2 && (d == 0x80 || d == 0x81) && e >= 0x80 && e <= 0xBF)
            w = 3; /* general punctuation: “ ” – — … zero-width, bidi */
        else if (c == 0xEF && d == 0xBB && e == 0xBF) /* BOM */
            w = 3;
        if (w == 0) {
            out[i] = (char)c;
            i++;
        } else {
            memset(out + i, ' ', w);
            i += w;
        }
    }
}

void nk_words_mask(char *s, size_t n)
{
    nk_words_mask_to(s, n, s);
}
