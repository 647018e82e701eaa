/*
** nk_match.c
** The matcher: tokens are produced lazily into a small ring; at each word,
** the clitic readings are hashed in one backward pass over the word (the
** hash runs from the last byte to the first, so the hash of every suffix is
** on the way), filtered by a bitset of first words, looked up in the
** vocabulary, and extended word by word down the trie.
*/
#include <string.h>

#include "nk_gzint.h"
#include "nk_gznorm.h"
#include "nk_letters.h"
#include "nk_match.h"

#define RING 64 /* >= NK_GZ_MAXTOKENS + BATCH (need) */
#define CHUNK ((size_t)1 << 20)

typedef struct {
    nk_gztok t;
    int64_t wid; /* -2: not looked up yet */
} tok;

struct nk_matcher {
    const nk_gazetteer *g;
    nk_alloc alloc;
    nk_gznorm *norm;
    tok ring[RING];
    uint64_t pw[NK_GZ_MAXWORD + 8]; /* powers of the hash base */
    char cbuf[NK_GZ_MAXWORD + 4], vbuf[NK_GZ_MAXWORD + 4];
};

nk_matcher *nk_matcher_new(const nk_gazetteer *g, const nk_alloc *a)
{
    nk_matcher *m = nk_malloc(a, sizeof *m);
    if (m == NULL)
        return NULL;
    m->g = g;
    m->pw[0] = 1;
    {
        size_t i;
        for (i = 1; i < sizeof m->pw / sizeof m->pw[0]; i++)
            m->pw[i] = m->pw[i - 1] * NK_HB;
    }
    m->alloc = a ? *a : *nk_default_alloc();
    m->norm = nk_gznorm_new(&m->alloc);
    if (m->norm == NULL) {
        nk_free(a, m, sizeof *m);
        return NULL;
    }
    return m;
}

void nk_matcher_free(nk_matcher *m)
{
    nk_alloc a;
    if (m == NULL)
        return;
    a = m->alloc;
    nk_gznorm_free(m->norm);
    nk_free(&a, m, sizeof *m);
}

/* ------------------------------------------------------------------------ */

typedef struct {
    nk_matcher *m;
    const nk_gzkeys *ks;
    const char *t;
    size_t len, pos, ntok;
    int eof, variant;
} stream;

/*
** Token i is in the ring, scanned now if need be: the scan goes on for a batch
** (up to token i + BATCH - 1), so that the scanner's loop runs many tokens per
** call. The matcher reads tokens i .. i + NK_GZ_MAXTOKENS - 1 of its current
** word i at most, and i never goes back: RING slots hold them all.
*/
#define BATCH 16
_Static_assert(RING >= NK_GZ_MAXTOKENS + BATCH, "the ring holds a word's key and a batch");
static int fill(stream *st, size_t i)
{
    size_t stop = i + BATCH;
    while (st->ntok < stop) {
        tok *k;
        if (st->eof)
            break;
        k = &st->m->ring[st->ntok & (RING - 1)];
        if (nk_gz_next(st->t, st->len, &st->pos, &k->t) == NK_TOK_NONE) {
            st->eof = 1;
            break;
        }
        k->wid = -2;
        st->ntok++;
    }
    return st->ntok > i;
}

static inline int need(stream *st, size_t i)
{
    return st->ntok > i || fill(st, i);
}

/* Word id of a whole token (for the second and later words of a key). */
static int64_t tok_wid(stream *st, tok *k)
{
    const char *s = st->t + k->t.s;
    size_t n = k->t.e - k->t.s;
    if (k->wid != -2)
        return k->wid;
    if (n > NK_GZ_MAXWORD)
        k->wid = -1;
    else if (st->variant && k->t.cls == NK_TOK_ARABIC) {
        size_t vn = nk_gz_variant(s, n, st->m->vbuf);
        k->wid = nk_gz_lookup(st->ks, nk_whash(st->m->vbuf, vn), st->m->vbuf, vn, 0);
    } else {
        k->wid = nk_gz_lookup(st->ks, nk_hfinal(k->t.h, n), s, n, k->t.cls == NK_TOK_LATIN);
    }
    return k->wid;
}

/* A clitic reading of the first word: skip k bytes, then maybe read an alef in front. */
typedef struct {
    uint32_t k, alef, root;
} cand;

/* Arabic letter (2-byte UTF-8) at s[i], or 0. */
static inline uint32_t ar_at(const unsigned char *s, size_t n, size_t i)
{
    if (i + 1 >= n || s[i] < 0xd8 || s[i] > 0xdb)
        return 0;
    return ((uint32_t)(s[i] & 0x1f) << 6) | (s[i + 1] & 0x3f);
}

static inline int is_prep(uint32_t c)
{
    return c == NK_BEH || c == NK_KAF || c == NK_LAM || c == NK_SEEN;
}

/*
** The clitic readings (k, alef) of an Arabic word of n bytes; returns their
** count (<= 5). A reading keeps at least NK_MINSTEM letters (two-byte Arabic
** letters): a shorter rest is far more often a word of its own (كأس is not
** ك + أس, لدى is not ل + دى).
*/
#define NK_MINSTEM 3

/* و ف ب ك ل س by code point - U+0600 (the first letter of a word with a clitic reading). */
static const unsigned char CLITIC0[256] = {
    [NK_WAW - 0x600] = 1, [NK_FEH - 0x600] = 1, [NK_BEH - 0x600] = 1,
    [NK_KAF - 0x600] = 1, [NK_LAM - 0x600] = 1, [NK_SEEN - 0x600] = 1,
};

static int readings(const unsigned char *s, size_t n, cand *c)
{
    int nc = 0;
    uint32_t l0, l1;
    c[nc].k = 0, c[nc].alef = 0, nc++;
    /* most words start with another letter, or are too short for a clitic and a stem */
    if (n < 2 + 2 * (NK_MINSTEM - 1) || (unsigned)(s[0] - 0xd8u) >= 4u ||
        !CLITIC0[((s[0] - 0xd8u) << 6) | (s[1] & 0x3fu)])
        return nc;
    l0 = ar_at(s, n, 0);
    if (l0 == NK_WAW || l0 == NK_FEH) {
        if (n >= 2 + 2 * NK_MINSTEM)
            c[nc].k = 2, c[nc].alef = 0, nc++;
        l1 = ar_at(s, n, 2);
        if (is_prep(l1) && n >= 4 + 2 * NK_MINSTEM) {
            c[nc].k = 4, c[nc].alef = 0, nc++;
            if (l1 == NK_LAM && ar_at(s, n, 4) == NK_LAM)
                c[nc].k = 4, c[nc].alef = 1, nc++;
        } else if (l1 == NK_LAM && ar_at(s, n, 4) == NK_LAM && n >= 4 + 2 * (NK_MINSTEM - 1)) {
            c[nc].k = 4, c[nc].alef = 1, nc++; /* ولل + a short stem: ال + stem is long enough */
        }
    } else if (is_prep(l0) && n >= 2 + 2 * NK_MINSTEM) {
        c[nc].k = 2, c[nc].alef = 0, nc++;
        if (l0 == NK_LAM && ar_at(s, n, 2) == NK_LAM)
            c[nc].k = 2, c[nc].alef = 1, nc++;
    } else if (l0 == NK_LAM && ar_at(s, n, 2) == NK_LAM && n >= 2 + 2 * (NK_MINSTEM - 1)) {
        c[nc].k = 2, c[nc].alef = 1, nc++;
    }
    return nc;
}

/*
** Root node of each reading (0: the first word cannot start a key). The
** whole word's id may be known already (looked up as a later word of a key
** that started before it); the clitic prefixes are Arabic letters, so the
** hash of a prefix of k bytes is that of its bytes as they are.
*/
static void roots(stream *st, tok *tk, cand *c, int nc)
{
    const nk_gzkeys *ks = st->ks;
    const nk_gztok *t = &tk->t;
    const unsigned char *s = (const unsigned char *)st->t + t->s;
    size_t n = t->e - t->s;
    int i = 0;
    if (tk->wid != -2) {
        c[0].root = tk->wid >= 0 ? ks->rootchild[tk->wid] : 0;
        i = 1;
    }
    if (!st->variant) {
        const uint64_t *pw = st->m->pw;
        for (; i < nc; i++) {
            size_t k = c[i].k, rn = n - k;
            uint64_t hh = k == 0 ? t->h : t->h - nk_hpoly((const char *)s, k) * pw[rn];
            int64_t w;
            const char *p = (const char *)s + k;
            c[i].root = 0;
            if (c[i].alef) {
                hh += (0xd8 * NK_HB + 0xa7) * pw[rn];
                rn += 2;
            }
            if (!nk_gz_maybe_first(ks, hh, rn))
                continue;
            hh = nk_hfinal(hh, rn);
            if (c[i].alef) {
                st->m->cbuf[0] = (char)0xd8;
                st->m->cbuf[1] = (char)0xa7;
                memcpy(st->m->cbuf + 2, p, rn - 2);
                p = st->m->cbuf;
            }
            w = nk_gz_lookup(ks, hh, p, rn, t->cls == NK_TOK_LATIN);
            if (w >= 0)
                c[i].root = ks->rootchild[w];
        }
        return;
    }
    for (; i < nc; i++) {
        size_t k = c[i].k, rn = n - k, vn;
        char *cb = st->m->cbuf;
        uint64_t hh;
        int64_t w;
        c[i].root = 0;
        if (c[i].alef) {
            cb[0] = (char)0xd8;
            cb[1] = (char)0xa7;
            memcpy(cb + 2, s + k, rn);
            rn += 2;
        } else {
            memcpy(cb, s + k, rn);
        }
        if (t->cls == NK_TOK_ARABIC)
            vn = nk_gz_variant(cb, rn, st->m->vbuf);
        else
            memcpy(st->m->vbuf, cb, vn = rn);
        hh = nk_hpoly(st->m->vbuf, vn);
        if (!nk_gz_maybe_first(ks, hh, vn))
            continue;
        hh = nk_hfinal(hh, vn);
        w = nk_gz_lookup(ks, hh, st->m->vbuf, vn, t->cls == NK_TOK_LATIN);
        if (w >= 0)
            c[i].root = ks->rootchild[w];
    }
}

static int emit(const nk_gzkeys *ks, uint32_t node, size_t cs, size_t es, size_t ee, nk_hit_fn fn,
                void *ud)
{
    uint32_t v;
    nk_hit h;
    h.clitic.start = cs;
    h.clitic.end = h.span.start = es;
    h.span.end = ee;
    if (cs == es)
        h.clitic.start = es;
    for (v = ks->node[node].val_start; v < ks->node[node + 1].val_start; v++) {
        h.entry = ks->vals[v];
        if (fn(ud, &h))
            return 1;
    }
    return 0;
}

nk_status nk_matcher_scan(nk_matcher *m, const char *norm, size_t len, const nk_match_opts *o,
                          nk_hit_fn fn, void *ud)
{
    stream st;
    size_t i = 0;
    int all = o ? o->all : 0;
    st.m = m;
    st.variant = o ? o->variants : 0;
    if (st.variant && !(m->g->flags & NK_GZ_VARIANTS))
        return NK_EINVAL;
    st.ks = &m->g->keys[st.variant ? 1 : 0];
    st.t = norm;
    st.len = len;
    st.pos = st.ntok = 0;
    st.eof = 0;
    while (need(&st, i)) {
        tok *tk = &m->ring[i & (RING - 1)];
        nk_gztok *t = &tk->t;
        cand c[5];
        int nc, r;
        uint32_t best_node = 0, best_k = 0;
        size_t best_j = 0;
        if (t->e - t->s > NK_GZ_MAXWORD) {
            i++;
            continue;
        }
        if (t->cls == NK_TOK_ARABIC) {
            nc = readings((const unsigned char *)norm + t->s, t->e - t->s, c);
        } else {
            nc = 1;
            c[0].k = c[0].alef = 0;
        }
        roots(&st, tk, c, nc);
        for (r = 0; r < nc; r++) {
            uint32_t node = c[r].root;
            size_t j = i;
            if (node == 0)
                continue;
            for (;;) {
                tok *tj = &m->ring[j & (RING - 1)];
                const nk_gzkeys *ks = st.ks;
                uint32_t child;
                int64_t w;
                if (ks->node[node].val_start < ks->node[node + 1].val_start) {
                    if (all) {
                        if (emit(ks, node, t->s, t->s + c[r].k, tj->t.e, fn, ud))
                            return NK_OK;
                    } else if (best_node == 0 || j > best_j) {
                        best_node = node, best_j = j, best_k = c[r].k;
                    }
                }
                if (ks->node[node].first_child == ks->node[node + 1].first_child ||
                    j + 1 - i >= NK_GZ_MAXTOKENS || !need(&st, j + 1))
                    break;
                tj = &m->ring[(j + 1) & (RING - 1)];
                if (tj->t.nl ||
                    (!st.variant && !nk_gz_maybe_next(ks, node, tj->t.h, tj->t.e - tj->t.s)) ||
                    (w = tok_wid(&st, tj)) < 0 || (child = nk_gz_child(ks, node, (uint32_t)w)) == 0)
                    break;
                node = child;
                j++;
            }
        }
        if (!all && best_node != 0) {
            if (emit(st.ks, best_node, t->s, t->s + best_k, m->ring[best_j & (RING - 1)].t.e, fn,
                     ud))
                return NK_OK;
            i = best_j + 1;
        } else {
            i++;
        }
    }
    return NK_OK;
}

/* ------------------------------------------------------------------------ */

typedef struct {
    nk_matcher *m;
    size_t base;
    nk_hit_fn fn;
    void *ud;
} mapper;

static int map_hit(void *ud, const nk_hit *h)
{
    mapper *mp = ud;
    nk_hit o;
    nk_span sp = nk_gznorm_orig(mp->m->norm, h->span.start, h->span.end);
    o.span.start = sp.start + mp->base;
    o.span.end = sp.end + mp->base;
    if (h->clitic.end > h->clitic.start) {
        sp = nk_gznorm_orig(mp->m->norm, h->clitic.start, h->clitic.end);
        o.clitic.start = sp.start + mp->base;
        o.clitic.end = sp.end + mp->base;
        if (o.clitic.end > o.span.start)
            o.clitic.end = o.span.start;
    } else {
        o.clitic.start = o.clitic.end = o.span.start;
    }
    o.entry = h->entry;
    return mp->fn(mp->ud, &o);
}

typedef struct {
    nk_hit_fn fn;
    void *ud;
    int stopped;
} stopper;

static int note_stop(void *ud, const nk_hit *h)
{
    stopper *sp = ud;
    if (sp->fn(sp->ud, h)) {
        sp->stopped = 1;
        return 1;
    }
    return 0;
}

nk_status nk_matcher_match(nk_matcher *m, const char *text, size_t len, const nk_match_opts *o,
                           nk_hit_fn fn, void *ud, nk_error *err)
{
    size_t start = 0;
    stopper sp;
    mapper mp;
    if (o && o->variants && !(m->g->flags & NK_GZ_VARIANTS))
        return nk_seterror(err, NK_EINVAL, 0, "the gazetteer was compiled without variants");
    sp.fn = fn;
    sp.ud = ud;
    sp.stopped = 0;
    mp.m = m;
    mp.fn = note_stop;
    mp.ud = &sp;
    while (start < len && !sp.stopped) {
        size_t end = len, nlen;
        const char *nt;
        nk_status st;
        if (len - start > CHUNK) {
            const char *nl = memchr(text + start + CHUNK, '\n', len - start - CHUNK);
            end = nl ? (size_t)(nl - text) + 1 : len;
        }
        st = nk_gznorm_run(m->norm, text + start, end - start, &nt, &nlen, err);
        if (st != NK_OK) {
            if (err != NULL)
                err->offset += start;
            return st;
        }
        mp.base = start;
        st = nk_matcher_scan(m, nt, nlen, o, map_hit, &mp);
        if (st != NK_OK)
            return nk_seterror(err, st, 0, "%s", nk_strerror(st));
        start = end;
    }
    return NK_OK;
}
