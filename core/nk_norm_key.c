/*
** nk_norm_key.c
** Key profiles applied to one word (see nk_normalize.h): a binary search of
** the profile's rules per code point; the rules themselves are data in
** nk_norm_profile.c.
*/
#include <string.h>

#include "nk_chars.h"
#include "nk_normalize.h"

/*
** nk_key_cp, and when no rule covers cp, the range of code points around it
** that no rule covers either: *glo..*ghi (the gap between two rules), which
** nk_key then leaves as they are without a search (most letters of a word
** fall in one gap).
*/
static uint32_t key_cp_gap(const nk_key_profile *k, uint32_t cp, uint32_t *glo, uint32_t *ghi)
{
    size_t lo = 0, hi = k->nrules;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const nk_key_rule *r = &k->rule[mid];
        if (cp < r->lo)
            hi = mid;
        else if (cp > r->hi)
            lo = mid + 1;
        else if (r->op == NK_KEYOP_DROP)
            return NK_KEY_DROPPED;
        else if (r->op == NK_KEYOP_MAP)
            return r->to;
        else
            return r->to + (cp - r->lo);
    }
    *glo = lo > 0 ? k->rule[lo - 1].hi + 1 : 0;
    *ghi = lo < k->nrules ? k->rule[lo].lo - 1 : 0xFFFFFFFFu;
    return cp;
}

uint32_t nk_key_cp(const nk_key_profile *k, uint32_t cp)
{
    uint32_t glo, ghi;
    return key_cp_gap(k, cp, &glo, &ghi);
}

/* Copy the m bytes of one code point to out, which is w itself or a buffer apart, never
 * ahead of w (o <= i): a forward copy byte by byte is safe, and cheaper than a call. */
static void copy_cp(char *out, const char *w, size_t m)
{
    size_t j;
    for (j = 0; j < m; j++)
        out[j] = w[j];
}

size_t nk_key(const nk_key_profile *k, const char *w, size_t n, char *out)
{
    const unsigned char *s = (const unsigned char *)w;
    size_t i = 0, o = 0, m;
    uint32_t lo = k->nrules ? k->rule[0].lo : 0xFFFFFFFFu;
    uint32_t glo = 1, ghi = 0; /* the last gap between rules met (empty at first) */
    while (i < n) {
        unsigned c = s[i];
        uint32_t cp, t;
        if (c < 0x80) {
            t = c < lo ? c : nk_key_cp(k, c);
            if (t == NK_KEY_DROPPED) {
                i++;
                continue;
            }
            out[o++] = (char)(t < 0x80 ? t : c);
            i++;
            continue;
        }
        cp = nk_cp_at(w, n, i, &m);
        if (cp == NK_REPLACEMENT) { /* invalid bytes (or U+FFFD itself): copied as they are */
            copy_cp(out + o, w + i, m);
            o += m;
            i += m;
            continue;
        }
        if (cp < lo || (cp >= glo && cp <= ghi))
            t = cp;
        else
            t = key_cp_gap(k, cp, &glo, &ghi);
        if (t == cp) {
            copy_cp(out + o, w + i, m);
            o += m;
        } else if (t != NK_KEY_DROPPED) {
            char u[4];
            size_t un = nk_utf8_encode(t, u);
            if (un > m) { /* would grow: keep the source */
                copy_cp(out + o, w + i, m);
                o += m;
            } else {
                memcpy(out + o, u, un);
                o += un;
            }
        }
        i += m;
    }
    return o;
}
