/*
** nk_stem.c
** The light stemmer (see nk_stem.h for the rules). Works on a small array of
** code points; words longer than STEM_MAX code points are only normalized.
*/
#include "nk_stem.h"

#include <string.h>

#include "nk_chars.h"
#include "nk_letters.h"
#include "nk_normalize.h"

#define STEM_MAX 64

static int starts(const uint32_t *w, size_t n, const uint32_t *p, size_t pn)
{
    return n >= pn && memcmp(w, p, pn * sizeof(uint32_t)) == 0;
}

static int ends(const uint32_t *w, size_t n, const uint32_t *p, size_t pn)
{
    return n >= pn && memcmp(w + n - pn, p, pn * sizeof(uint32_t)) == 0;
}

/* Article forms, longest first (Light10's list). */
static const uint32_t art_wal[] = {NK_WAW, NK_ALEF, NK_LAM}, art_bal[] = {NK_BEH, NK_ALEF, NK_LAM},
                      art_kal[] = {NK_KAF, NK_ALEF, NK_LAM}, art_fal[] = {NK_FEH, NK_ALEF, NK_LAM},
                      art_ll[] = {NK_LAM, NK_LAM}, art_al[] = {NK_ALEF, NK_LAM};
static const struct {
    const uint32_t *p;
    size_t n;
} articles[] = {{art_wal, 3}, {art_bal, 3}, {art_kal, 3}, {art_fal, 3}, {art_ll, 2}, {art_al, 2}};

/* Suffixes, each tried once in this order. */
static const uint32_t suf_ha[] = {NK_HEH, NK_ALEF}, suf_an[] = {NK_ALEF, NK_NOON},
                      suf_at[] = {NK_ALEF, NK_TEH}, suf_wn[] = {NK_WAW, NK_NOON},
                      suf_yn[] = {NK_YEH, NK_NOON}, suf_yh[] = {NK_YEH, NK_HEH}, suf_h[] = {NK_HEH},
                      suf_y[] = {NK_YEH};
static const struct {
    const uint32_t *p;
    size_t n;
} suffixes[] = {{suf_ha, 2}, {suf_an, 2}, {suf_at, 2}, {suf_wn, 2},
                {suf_yn, 2}, {suf_yh, 2}, {suf_h, 1},  {suf_y, 1}};

size_t nk_stem(const char *w, size_t len, char *out)
{
    const nk_key_profile *key = nk_key_profile_get(NK_KEY_STEM);
    uint32_t cps[STEM_MAX];
    size_t n = 0, i = 0, k, o = 0, a, b;
    int arabic = 1, overflow = 0;

    while (i < len) {
        size_t step;
        uint32_t c = nk_cp_at(w, len, i, &step);
        i += step;
        if (c == NK_REPLACEMENT && step != 3) { /* invalid UTF-8: copy, do not stem */
            overflow = 1;
            break;
        }
        if ((c = nk_key_cp(key, c)) == NK_KEY_DROPPED)
            continue;
        if (!nk_is_arabic_letter(c)) /* the key maps letters to letters of the same script */
            arabic = 0;
        if (n == STEM_MAX) {
            overflow = 1;
            break;
        }
        cps[n++] = c;
    }
    if (overflow) { /* too long to be a word, or invalid: copy it normalized,
                       unstemmed */
        for (i = 0; i < len;) {
            size_t step;
            uint32_t c = nk_cp_at(w, len, i, &step);
            char tmp[4];
            size_t m;
            i += step;
            if ((c = nk_key_cp(key, c)) == NK_KEY_DROPPED)
                continue;
            m = nk_utf8_encode(c, tmp);
            if (m > step) /* an invalid byte became U+FFFD: keep the byte */
                memcpy(out + o, w + i - step, (m = step));
            else
                memcpy(out + o, tmp, m);
            o += m;
        }
        return o;
    }
    a = 0;
    b = n;
    if (arabic && n > 0) {
        if (cps[0] == NK_WAW && n - 1 >= 3)
            a = 1;
        for (k = 0; k < sizeof articles / sizeof articles[0]; k++) {
            if (starts(cps + a, b - a, articles[k].p, articles[k].n) &&
                b - a - articles[k].n >= 2) {
                a += articles[k].n;
                break;
            }
        }
        for (k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
            if (ends(cps + a, b - a, suffixes[k].p, suffixes[k].n) && b - a - suffixes[k].n >= 2)
                b -= suffixes[k].n;
        }
    }
    for (k = a; k < b; k++) {
        char tmp[4];
        size_t m = nk_utf8_encode(cps[k], tmp);
        memcpy(out + o, tmp, m);
        o += m;
    }
    return o;
}

size_t nk_stem_text(const char *s, size_t len, char *out)
{
    size_t i = 0, o = 0;
    while (i < len) {
        size_t n, j;
        uint32_t c = nk_cp_at(s, len, i, &n);
        if (nk_is_space(c)) {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
            continue;
        }
        j = i;
        while (j < len) {
            c = nk_cp_at(s, len, j, &n);
            if (nk_is_space(c))
                break;
            j += n;
        }
        o += nk_stem(s + i, j - i, out + o);
        i = j;
    }
    return o;
}
