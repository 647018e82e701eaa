/*
** nk_entrules.c
** The per-word pass of the entity rules; see nk_entrules.h.
*/
#include "nk_entrules.h"

#include <string.h>

#include "nk_letters.h"
#include "nk_tokens.h"
#include "nk_words.h"

/* {====== the words of a text */

void nk_ewords_init(nk_ewords *w, const nk_alloc *a)
{
    memset(w, 0, sizeof *w);
    w->alloc = a;
}

void nk_ewords_free(nk_ewords *w)
{
    nk_free(w->alloc, w->v, w->cap * sizeof *w->v);
    nk_free(w->alloc, w->pool, w->pcap);
    nk_ewords_init(w, w->alloc);
}

static nk_status pool_room(nk_ewords *w, size_t extra)
{
    size_t ncap;
    char *p;
    if (w->plen + extra <= w->pcap)
        return NK_OK;
    ncap = w->pcap ? w->pcap : 4096;
    while (ncap < w->plen + extra)
        ncap *= 2;
    p = nk_realloc(w->alloc, w->pool, w->pcap, ncap);
    if (!p)
        return NK_ENOMEM;
    w->pool = p;
    w->pcap = ncap;
    return NK_OK;
}

nk_status nk_ewords_scan(nk_ewords *w, const char *text, size_t len)
{
    nk_wscan sc;
    nk_word wd;
    if (len > UINT32_MAX / 2)
        return NK_ERANGE;
    w->n = 0;
    w->plen = 0;
    if (pool_room(w, 1) != NK_OK) /* never NULL after a scan: keys are pool + offset */
        return NK_ENOMEM;
    nk_words_init(&sc, text, len);
    while (nk_words_next(&sc, &wd)) {
        nk_ewtok *t;
        size_t n = wd.end - wd.start;
        if (w->n == w->cap) {
            size_t ncap = w->cap ? w->cap * 2 : 1024;
            nk_ewtok *v = nk_realloc(w->alloc, w->v, w->cap * sizeof *v, ncap * sizeof *v);
            if (!v)
                return NK_ENOMEM;
            w->v = v;
            w->cap = ncap;
        }
        t = &w->v[w->n++];
        t->start = wd.start;
        t->end = wd.end;
        t->cls = (uint8_t)wd.cls;
        t->nl = (uint8_t)(wd.nl != 0);
        if (wd.cls == NK_TOK_PUNCT) {
            /* the key is the text itself: an offset into the text */
            t->koff = (uint32_t)wd.start;
            t->klen = (uint32_t)n;
            continue;
        }
        if (pool_room(w, n) != NK_OK)
            return NK_ENOMEM;
        t->koff = (uint32_t)w->plen;
        t->klen = (uint32_t)nk_words_key(text + wd.start, n, w->pool + w->plen);
        w->plen += t->klen;
    }
    return NK_OK;
}

size_t nk_ewords_from(const nk_ewords *w, size_t p, size_t lo)
{
    size_t hi = w->n;
    /* the first index in [lo, n) whose end (exclusive) is past p */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->v[mid].end <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t nk_ewords_at(const nk_ewords *w, size_t p)
{
    size_t i = nk_ewords_from(w, p, 0);
    if (i < w->n && w->v[i].start <= p)
        return i;
    return w->n;
}

/* }====== */

/* {====== sets of keys: open addressing over (offset, length) into a byte pool */

typedef struct {
    size_t off;
    uint32_t len;
    unsigned bits;
} kentry;

struct nk_keyset {
    const nk_alloc *alloc;
    uint32_t *slot; /* 0: empty, else index + 1 into e */
    size_t nslot, n, cap;
    kentry *e;
    char *pool;
    size_t plen, pcap;
};

static uint64_t khash(const char *k, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= 1099511628211ull;
    }
    return h;
}

nk_keyset *nk_keyset_new(const nk_alloc *a)
{
    nk_keyset *s = nk_malloc(a, sizeof *s);
    if (!s)
        return NULL;
    memset(s, 0, sizeof *s);
    s->alloc = a;
    return s;
}

void nk_keyset_free(nk_keyset *s)
{
    if (!s)
        return;
    nk_free(s->alloc, s->slot, s->nslot * sizeof *s->slot);
    nk_free(s->alloc, s->e, s->cap * sizeof *s->e);
    nk_free(s->alloc, s->pool, s->pcap);
    nk_free(s->alloc, s, sizeof *s);
}

size_t nk_keyset_size(const nk_keyset *s)
{
    return s ? s->n : 0;
}

static size_t find_slot(const nk_keyset *s, const char *k, size_t n, int *found)
{
    size_t mask = s->nslot - 1, i = (size_t)khash(k, n) & mask;
    for (;;) {
        uint32_t e = s->slot[i];
        if (e == 0) {
            *found = 0;
            return i;
        }
        if (s->e[e - 1].len == n && memcmp(s->pool + s->e[e - 1].off, k, n) == 0) {
            *found = 1;
            return i;
        }
        i = (i + 1) & mask;
    }
}

static nk_status rehash(nk_keyset *s, size_t nslot)
{
    uint32_t *ns = nk_malloc(s->alloc, nslot * sizeof *ns);
    uint32_t *old = s->slot;
    size_t oldn = s->nslot, i;
    if (!ns)
        return NK_ENOMEM;
    memset(ns, 0, nslot * sizeof *ns);
    s->slot = ns;
    s->nslot = nslot;
    for (i = 0; i < oldn; i++) {
        uint32_t e = old[i];
        int found;
        if (e)
            s->slot[find_slot(s, s->pool + s->e[e - 1].off, s->e[e - 1].len, &found)] = e;
    }
    nk_free(s->alloc, old, oldn * sizeof *old);
    return NK_OK;
}

nk_status nk_keyset_add_bits(nk_keyset *s, const char *k, size_t n, unsigned bits)
{
    size_t at;
    int found;
    if (s->n >= UINT32_MAX - 1 || n > UINT32_MAX)
        return NK_ERANGE;
    if ((s->n + 1) * 2 > s->nslot && rehash(s, s->nslot ? s->nslot * 2 : 64) != NK_OK)
        return NK_ENOMEM;
    at = find_slot(s, k, n, &found);
    if (found) {
        s->e[s->slot[at] - 1].bits |= bits;
        return NK_OK;
    }
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 32;
        kentry *ne = nk_realloc(s->alloc, s->e, s->cap * sizeof *ne, ncap * sizeof *ne);
        if (!ne)
            return NK_ENOMEM;
        s->e = ne;
        s->cap = ncap;
    }
    if (s->plen + n > s->pcap || s->pool == NULL) {
        size_t ncap = s->pcap ? s->pcap : 1024;
        char *p;
        while (ncap < s->plen + n)
            ncap *= 2;
        p = nk_realloc(s->alloc, s->pool, s->pcap, ncap);
        if (!p)
            return NK_ENOMEM;
        s->pool = p;
        s->pcap = ncap;
    }
    memcpy(s->pool + s->plen, k, n);
    s->e[s->n].off = s->plen;
    s->e[s->n].len = (uint32_t)n;
    s->e[s->n].bits = bits;
    s->plen += n;
    s->slot[at] = (uint32_t)++s->n;
    return NK_OK;
}

nk_status nk_keyset_add(nk_keyset *s, const char *k, size_t n)
{
    return nk_keyset_add_bits(s, k, n, 1u);
}

unsigned nk_keyset_bits(const nk_keyset *s, const char *k, size_t n)
{
    int found;
    size_t at;
    if (!s || s->n == 0)
        return 0;
    at = find_slot(s, k, n, &found);
    return found ? s->e[s->slot[at] - 1].bits : 0;
}

int nk_keyset_has(const nk_keyset *s, const char *k, size_t n)
{
    int found;
    if (!s || s->n == 0)
        return 0;
    find_slot(s, k, n, &found);
    return found;
}

/* }====== */

/* {====== readings and the scan */

/* the proclitic letters, read as UTF-8 bytes (nk_letters.h) */
#define WAW(p) NK_IS_U8_2(p, NK_WAW)
#define FAA(p) NK_IS_U8_2(p, NK_FEH)
#define BAA(p) NK_IS_U8_2(p, NK_BEH)
#define LAM(p) NK_IS_U8_2(p, NK_LAM)
#define KAF(p) NK_IS_U8_2(p, NK_KAF)

/* Code points of k[0..n), counted as Lua's utf8.len counts them for valid text; -1 for a
** continuation byte where a sequence should start (utf8.len fails there). */
static long cplen(const char *k, size_t n)
{
    size_t i = 0;
    long c = 0;
    while (i < n) {
        unsigned b = (unsigned char)k[i];
        size_t m = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
        size_t j;
        if (m == 0 || i + m > n)
            return -1;
        for (j = 1; j < m; j++)
            if (((unsigned char)k[i + j] & 0xC0) != 0x80)
                return -1;
        i += m;
        c++;
    }
    return c;
}

/* The bits of every proclitic reading of k[0..n) or'ed (the key itself, و/ف + rest, then ب/ل/ك
** + rest or لل + rest read as ال + rest; a rest keeps two letters); *wf gets the bits of the
** rest after و/ف whatever its length (0 when k does not start with و/ف). */
static unsigned reading_bits(const nk_keyset *s, const char *k, size_t n, unsigned *wf)
{
    const char *base = k;
    size_t bn = n;
    unsigned b = nk_keyset_bits(s, k, n);
    *wf = 0;
    if (n >= 2 && (WAW(k) || FAA(k))) {
        base = k + 2;
        bn = n - 2;
        *wf = nk_keyset_bits(s, base, bn);
        if (*wf && cplen(base, bn) >= 2)
            b |= *wf;
    }
    if (bn >= 4 && LAM(base) && LAM(base + 2)) {
        /* لل + rest reads ل + ال + rest */
        char buf[256];
        if (bn <= sizeof buf) {
            buf[0] = (char)0xD8;
            buf[1] = (char)0xA7;
            buf[2] = (char)0xD9;
            buf[3] = (char)0x84;
            memcpy(buf + 4, base + 4, bn - 4);
            if (cplen(buf, bn) >= 2)
                b |= nk_keyset_bits(s, buf, bn);
        }
    } else if (bn >= 2 && (BAA(base) || LAM(base) || KAF(base))) {
        unsigned r = nk_keyset_bits(s, base + 2, bn - 2);
        if (r && cplen(base + 2, bn - 2) >= 2)
            b |= r;
    }
    return b;
}

int nk_keyset_has_reading(const nk_keyset *s, const char *k, size_t n)
{
    unsigned wf;
    if (!s || s->n == 0)
        return 0;
    return reading_bits(s, k, n, &wf) != 0;
}

static const char *key_of(const nk_ewords *w, const nk_ewtok *t, const char *text)
{
    return t->cls == NK_TOK_PUNCT ? text + t->koff : w->pool + t->koff;
}

int nk_ent_word_in(const nk_ewords *w, size_t i, const nk_keyset *s)
{
    const nk_ewtok *t = &w->v[i];
    if (t->cls != NK_TOK_ARABIC && t->cls != NK_TOK_LATIN)
        return 0;
    return nk_keyset_has_reading(s, w->pool + t->koff, t->klen);
}

void nk_ent_scan(const nk_entlists *l, const nk_ewords *w, const char *text, uint8_t *bits)
{
    static const char ABDAL[] = "\330\271\330\250\330\257\330\247\331\204"; /* عبدال */
    size_t i;
    /* first the bits of each word's own key (a name link is looked up on the next word) */
    for (i = 0; i < w->n; i++) {
        const nk_ewtok *t = &w->v[i];
        bits[i] = (uint8_t)nk_keyset_bits(l->map, key_of(w, t, text), t->klen);
    }
    for (i = 0; i < w->n; i++) {
        const nk_ewtok *t = &w->v[i];
        const char *k;
        unsigned own = bits[i], any, wf, b = 0;
        if (t->cls != NK_TOK_ARABIC && t->cls != NK_TOK_LATIN) {
            bits[i] = 0;
            continue;
        }
        k = w->pool + t->koff;
        any = reading_bits(l->map, k, t->klen, &wf);
        if (any & NK_EL_TITLE)
            b |= NK_ENT_TITLE;
        if (any & (NK_EL_ORG_HEAD | NK_EL_ORG_TRIGGER))
            b |= NK_ENT_ORG;
        if (any & NK_EL_LOC)
            b |= NK_ENT_LOC;
        /* the rules' given_reading: a given name, عبد + ال... written as one word (7 letters
           or more), or و/ف + a given name */
        if ((own & NK_EL_GIVEN) || (wf & NK_EL_GIVEN) ||
            (t->klen >= 10 && memcmp(k, ABDAL, 10) == 0 && cplen(k, t->klen) >= 7)) {
            b |= NK_ENT_GIVEN;
        } else if (i + 1 < w->n) {
            /* a name link next: X بن Y (the next word's own bits are still in bits[i + 1]) */
            const nk_ewtok *nt = &w->v[i + 1];
            size_t ntl = nt->end - nt->start;
            if ((bits[i + 1] & NK_EL_LINK) || (l->family && ntl == l->family_len &&
                                               memcmp(text + nt->start, l->family, ntl) == 0))
                b |= NK_ENT_GIVEN;
        }
        if (t->cls == NK_TOK_LATIN && t->end - t->start >= 2 && text[t->start] >= 'A' &&
            text[t->start] <= 'Z' && text[t->start + 1] >= 'a' && text[t->start + 1] <= 'z')
            b |= NK_ENT_LATIN;
        bits[i] = (uint8_t)b;
    }
}

/* }====== */
