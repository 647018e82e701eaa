/*
** nk_words.c
** The word scanner and the key fold of the entity rules; see nk_words.h.
*/
#include "nk_words.h"

#include <stdint.h>
#include <string.h>

#include "nk_normalize.h"

/* Lenient decoding: the code point at s[i] and its length; -1 (length 1)
** for a byte that does not start a complete sequence. */
static int32_t decode(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    unsigned c = s[i];
    size_t k, m;
    int32_t cp;
    if (c < 0x80) {
        *n = 1;
        return (int32_t)c;
    }
    m = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    *n = 1;
    if (m == 0 || i + m > len)
        return -1;
    cp = (int32_t)(c & (0x7Fu >> m));
    for (k = 1; k < m; k++) {
        unsigned b = s[i + k];
        if (b < 0x80 || b > 0xBF)
            return -1;
        cp = (cp << 6) | (int32_t)(b & 0x3F);
    }
    *n = m;
    return cp;
}

enum { C_PUNCT, C_AR, C_LAT, C_NUM, C_MARK, C_SPACE, C_NL };

static int is_mark(int32_t cp)
{
    return (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 || cp == 0x640 ||
           (cp >= 0x610 && cp <= 0x61A) || (cp >= 0x6D6 && cp <= 0x6ED) || cp == 0x200C ||
           cp == 0x200D;
}

static int cclass(int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
            return C_LAT;
        if (cp >= '0' && cp <= '9')
            return C_NUM;
        if (cp == ' ' || cp == '\t' || cp == '\r')
            return C_SPACE;
        if (cp == '\n')
            return C_NL;
        return C_PUNCT;
    }
    if ((cp >= 0x621 && cp <= 0x63A) || (cp >= 0x641 && cp <= 0x64A) ||
        (cp >= 0x671 && cp <= 0x6D3) || cp == 0x6D5 || (cp >= 0x6FA && cp <= 0x6FF) ||
        (cp >= 0xFB50 && cp <= 0xFDFF && cp != 0xFD3E && cp != 0xFD3F) ||
        (cp >= 0xFE70 && cp <= 0xFEFC))
        return C_AR;
    if (is_mark(cp))
        return C_MARK;
    if ((cp >= 0x660 && cp <= 0x669) || (cp >= 0x6F0 && cp <= 0x6F9))
        return C_NUM;
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
        return C_LAT;
    if (cp == 0xA0 || cp == 0x2009 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200B))
        return C_SPACE;
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return C_NL;
    return C_PUNCT;
}

void nk_words_init(nk_wscan *sc, const char *s, size_t len)
{
    sc->s = s;
    sc->len = len;
    sc->pos = 0;
    sc->nl = 1;
}

static int class_at(const unsigned char *s, size_t len, size_t i)
{
    size_t n;
    return cclass(decode(s, len, i, &n));
}

int nk_words_next(nk_wscan *sc, nk_word *w)
{
    const unsigned char *s = (const unsigned char *)sc->s;
    size_t len = sc->len, i = sc->pos, n;
    while (i < len) {
        int32_t cp = decode(s, len, i, &n);
        int c = cclass(cp);
        if (c == C_SPACE) {
            i += n;
            continue;
        }
        if (c == C_NL) {
            sc->nl = 1;
            i += n;
            continue;
        }
        w->start = i;
        w->nl = sc->nl;
        sc->nl = 0;
        if (c == C_PUNCT) {
            w->cls = NK_TOK_PUNCT;
            w->end = sc->pos = i + n;
            return 1;
        }
        {
            int wc = c == C_MARK ? C_AR : c;
            i += n;
            while (i < len) {
                int32_t cp2 = decode(s, len, i, &n);
                int c2 = cclass(cp2);
                if (c2 == wc || c2 == C_MARK)
                    i += n;
                else if (wc == C_LAT && (cp2 == '\'' || cp2 == '-' || cp2 == 0x2019) &&
                         i + n < len && class_at(s, len, i + n) == C_LAT)
                    i += n;
                else if (wc == C_NUM && (cp2 == '.' || cp2 == ',') && i + 1 < len &&
                         class_at(s, len, i + 1) == C_NUM)
                    i += n;
                else
                    break;
            }
            w->cls = wc == C_AR ? NK_TOK_ARABIC : wc == C_LAT ? NK_TOK_LATIN : NK_TOK_NUMBER;
            w->end = sc->pos = i;
            return 1;
        }
    }
    sc->pos = i;
    return 0;
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

static int masked_word_byte(unsigned c)
{
    return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

int nk_words_next_masked(const char *m, size_t len, size_t *pos, size_t *start, size_t *end)
{
    const unsigned char *s = (const unsigned char *)m;
    size_t i = *pos, st;
    while (i < len && !masked_word_byte(s[i]))
        i++;
    if (i >= len) {
        *pos = len;
        return 0;
    }
    st = i;
    while (i < len && masked_word_byte(s[i]))
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
