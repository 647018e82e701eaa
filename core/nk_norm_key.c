/*
** nk_norm_key.c
** Key profiles applied to one word (see nk_normalize.h): a binary search of
** the profile's rules per code point; the rules themselves are data in
** nk_norm_profile.c.
*/
#include <string.h>

#include "nk_normalize.h"
#include "nk_utf8.h"

uint32_t nk_key_cp(const nk_key_profile *k, uint32_t cp)
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
    return cp;
}

/* The code point of the well-formed UTF-8 sequence at s[i] and its length, or
** *n = 0 when the byte does not start one (overlong forms included). */
static uint32_t decode(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    unsigned c = s[i];
    *n = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        if (i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
            *n = 2;
            return ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3Fu);
        }
    } else if (c >= 0xE0 && c <= 0xEF) {
        if (i + 2 < len && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                          (s[i + 2] & 0x3Fu);
            if (cp >= 0x800) {
                *n = 3;
                return cp;
            }
        }
    }
    return 0; /* 4-byte sequences are never the subject of a rule: copied */
}

size_t nk_key(const nk_key_profile *k, const char *w, size_t n, char *out)
{
    const unsigned char *s = (const unsigned char *)w;
    size_t i = 0, o = 0, m;
    uint32_t lo = k->nrules ? k->rule[0].lo : 0xFFFFFFFFu;
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
        cp = decode(s, n, i, &m);
        if (m == 0) { /* not a rule's subject: copy the byte */
            out[o++] = (char)c;
            i++;
            continue;
        }
        t = cp < lo ? cp : nk_key_cp(k, cp);
        if (t == cp) {
            memmove(out + o, w + i, m);
            o += m;
        } else if (t != NK_KEY_DROPPED) {
            char u[4];
            size_t un = nk_utf8_encode(t, u);
            if (un > m) { /* would grow: keep the source */
                memmove(out + o, w + i, m);
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
