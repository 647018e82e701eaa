/*
** nk_sim.c
** Term vectors, IDF, the cosine graph, graph ranking, centroid scores,
** near-duplicate groups and budgeted selection (see nk_sim.h).
*/
#include "nk_sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nk_normalize.h"
#include "nk_stem.h"
#include "nk_tokens.h"

/*
** A cache from a (normalized) word as written to what it gives: a term id, or
** NK_NO_TERM (a stopword, too short). Frequent words then skip the stemmer and
** the vocabulary lookup. Two-way set associative: the two entries of a set
** share one 64-byte cache line (the array is aligned to 64 bytes); a new word
** goes first and pushes the other one to the second place.
*/
#define NK_WCACHE 32768u
#define NK_WCACHE_KEY 22u
#define NK_NO_TERM UINT32_MAX
#define TERMS_BATCH 32 /* tokens looked up together in nk_vocab_terms */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
typedef struct {
    uint32_t khash, val; /* the term's key hash (when val is a term), the term */
    unsigned char len;
    char key[NK_WCACHE_KEY + 1];
} wcache_entry;
_Static_assert(sizeof(wcache_entry) == 32, "two word-cache entries fill one 64-byte line");

struct nk_vocab {
    nk_alloc al;
    char *keys; /* all key bytes */
    size_t klen, kcap;
    uint32_t *off, *len, *hash; /* per id */
    unsigned char *stop;
    unsigned char *has_idf;
    double *idf;
    int32_t *scratch; /* per id, -1 between calls (local index during a call) */
    size_t n, cap;
    uint64_t *slots; /* open addressing: hash << 32 | (id + 1); 0 = empty */
    size_t nslots;
    double default_idf;
    nk_normalizer *norm;  /* the "search" profile, applied before tokens */
    wcache_entry *wcache; /* NK_WCACHE entries, 64-byte aligned inside wcache_mem */
    void *wcache_mem;
    int wcache_used; /* an entry was written since the cache was last emptied */
    nk_buf nbuf;     /* its output for one span */
};

struct nk_simset {
    nk_alloc al;
    nk_vocab *v;
    /* sentences */
    size_t n, cap;
    size_t *toff;     /* first entry of sentence i in tid/tf/w */
    uint32_t *tcount; /* distinct terms of sentence i */
    size_t *words, *chars;
    uint32_t *doc;
    double *norm;
    /* entries (sentence terms, in term_order within a sentence: key hash, then key bytes) */
    uint32_t *tid, *tf;
    double *w;
    size_t tn, tcap;
    /* graph (CSR, full rows, no diagonal) */
    int prepared;
    nk_idf_mode prepared_mode; /* the mode of the last prepare */
    size_t *rowp;
    uint32_t *col, *shared;
    double *cosv;
    size_t nnz, ccap, scap, vcap;
    size_t rcap; /* capacity of rowp */
    /* scratch for one sentence's ids */
    uint64_t *tmp; /* key hash << 32 | id */
    size_t tmpn, tmpcap;
    /* scratch of prepare and rank, kept between clusters (no fresh pages each time) */
    double *work;
    size_t wcap; /* in doubles */
};

/*
** Grow the array p of elsize-byte elements from *cap to at least need: returns
** the (possibly moved) array and updates *cap, or NULL (p untouched) when out of memory.
*/
static void *grow(const nk_alloc *a, void *p, size_t elsize, size_t *cap, size_t need)
{
    size_t ncap = *cap ? *cap : 16;
    void *np;
    if (need <= *cap)
        return p;
    while (ncap < need) {
        if (ncap > ((size_t)-1) / 2 / elsize)
            return NULL;
        ncap *= 2;
    }
    np = nk_realloc(a, p, *cap * elsize, ncap * elsize);
    if (np == NULL)
        return NULL;
    *cap = ncap;
    return np;
}

static uint32_t fnv1a(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

nk_vocab *nk_vocab_new(const nk_alloc *a)
{
    nk_vocab *v;
    if (a == NULL)
        a = nk_default_alloc();
    v = nk_malloc(a, sizeof *v);
    if (v == NULL)
        return NULL;
    memset(v, 0, sizeof *v);
    v->al = *a;
    v->default_idf = 1.0;
    nk_buf_init(&v->nbuf, &v->al);
    {
        nk_norm_profile p;
        nk_error err;
        if (nk_norm_profile_named(&p, "search") == NK_OK)
            v->norm = nk_normalizer_new(&p, &v->al, &err);
        v->wcache_mem = nk_malloc(&v->al, NK_WCACHE * sizeof *v->wcache + 64);
        if (v->norm == NULL || v->wcache_mem == NULL) {
            nk_vocab_free(v);
            return NULL;
        }
        v->wcache = (wcache_entry *)((char *)v->wcache_mem + (64 - (uintptr_t)v->wcache_mem % 64));
        memset(v->wcache, 0, NK_WCACHE * sizeof *v->wcache);
    }
    return v;
}

void nk_vocab_free(nk_vocab *v)
{
    const nk_alloc *a;
    if (v == NULL)
        return;
    a = &v->al;
    nk_free(a, v->keys, v->kcap);
    nk_free(a, v->off, v->cap * sizeof *v->off);
    nk_free(a, v->len, v->cap * sizeof *v->len);
    nk_free(a, v->hash, v->cap * sizeof *v->hash);
    nk_free(a, v->stop, v->cap);
    nk_free(a, v->has_idf, v->cap);
    nk_free(a, v->idf, v->cap * sizeof *v->idf);
    nk_free(a, v->scratch, v->cap * sizeof *v->scratch);
    nk_free(a, v->slots, v->nslots * sizeof *v->slots);
    nk_normalizer_free(v->norm);
    nk_buf_free(&v->nbuf);
    nk_free(a, v->wcache_mem, NK_WCACHE * sizeof *v->wcache + 64);
    {
        nk_alloc al = v->al;
        nk_free(&al, v, sizeof *v);
    }
}

size_t nk_sim_key(const char *w, size_t len, char *out)
{
    /* the stem (its own key profile), then the digits profile in place */
    size_t n = nk_stem(w, len, out);
    return nk_key(nk_key_profile_get(NK_KEY_DIGITS), out, n, out);
}

/* Code points in s[0..len): bytes that are not UTF-8 continuation bytes. */
static size_t count_cps(const char *s, size_t len)
{
    size_t i, n = 0;
    for (i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* memcmp(a, b, n) == 0 for the short keys of a vocabulary, without a call. */
static int same_bytes(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static int find_slot(const nk_vocab *v, const char *key, size_t len, uint32_t h, size_t *slot)
{
    size_t mask = v->nslots - 1, i = h & mask;
    for (;;) {
        uint64_t x = v->slots[i];
        uint32_t e = (uint32_t)x;
        if (x == 0) {
            *slot = i;
            return 0;
        }
        e--;
        if ((uint32_t)(x >> 32) == h && v->len[e] == len &&
            same_bytes(v->keys + v->off[e], key, len)) {
            *slot = i;
            return 1;
        }
        i = (i + 1) & mask;
    }
}

static int rehash(nk_vocab *v, size_t nslots)
{
    uint64_t *ns = nk_malloc(&v->al, nslots * sizeof *ns);
    size_t i;
    if (ns == NULL)
        return 0;
    memset(ns, 0, nslots * sizeof *ns);
    for (i = 0; i < v->n; i++) {
        size_t j = v->hash[i] & (nslots - 1);
        while (ns[j] != 0)
            j = (j + 1) & (nslots - 1);
        ns[j] = (uint64_t)v->hash[i] << 32 | (uint64_t)(i + 1);
    }
    nk_free(&v->al, v->slots, v->nslots * sizeof *v->slots);
    v->slots = ns;
    v->nslots = nslots;
    return 1;
}

int nk_vocab_find(const nk_vocab *v, const char *key, size_t len, uint32_t *id)
{
    size_t slot;
    if (v->nslots == 0)
        return 0;
    if (!find_slot(v, key, len, fnv1a(key, len), &slot))
        return 0;
    *id = (uint32_t)v->slots[slot] - 1;
    return 1;
}

/* Grow the array obj->f from old to ncap elements (p, a, old and ncap in scope); returns 0 from
   the function when that fails. */
#define GROW_FIELD(obj, f)                                                                         \
    do {                                                                                           \
        p = nk_realloc(a, (obj)->f, old * sizeof *(obj)->f, ncap * sizeof *(obj)->f);              \
        if (p == NULL)                                                                             \
            return 0;                                                                              \
        (obj)->f = p;                                                                              \
    } while (0)

static int grow_ids(nk_vocab *v, size_t need)
{
    size_t old = v->cap, ncap = old ? old * 2 : 256, i;
    const nk_alloc *a = &v->al;
    void *p;
    if (need <= old)
        return 1;
    while (ncap < need)
        ncap *= 2;
    if (ncap > UINT32_MAX)
        return 0;
    GROW_FIELD(v, off);
    GROW_FIELD(v, len);
    GROW_FIELD(v, hash);
    GROW_FIELD(v, stop);
    GROW_FIELD(v, has_idf);
    GROW_FIELD(v, idf);
    GROW_FIELD(v, scratch);
    for (i = old; i < ncap; i++)
        v->scratch[i] = -1;
    v->cap = ncap;
    return 1;
}

nk_status nk_vocab_intern(nk_vocab *v, const char *key, size_t len, uint32_t *id)
{
    uint32_t h = fnv1a(key, len);
    size_t slot, kc;
    if (len > UINT32_MAX || v->klen > UINT32_MAX - len)
        return NK_ERANGE;
    if (v->nslots == 0 && !rehash(v, 1024))
        return NK_ENOMEM;
    if (find_slot(v, key, len, h, &slot)) {
        *id = (uint32_t)v->slots[slot] - 1;
        return NK_OK;
    }
    if ((v->n + 1) * 2 > v->nslots) {
        if (!rehash(v, v->nslots * 2))
            return NK_ENOMEM;
        find_slot(v, key, len, h, &slot);
    }
    if (!grow_ids(v, v->n + 1))
        return NK_ENOMEM;
    kc = v->kcap;
    {
        char *nk = grow(&v->al, v->keys, 1, &kc, v->klen + len + 1);
        if (nk == NULL)
            return NK_ENOMEM;
        v->keys = nk;
        v->kcap = kc;
    }
    memcpy(v->keys + v->klen, key, len);
    v->off[v->n] = (uint32_t)v->klen;
    v->len[v->n] = (uint32_t)len;
    v->hash[v->n] = h;
    v->stop[v->n] = 0;
    v->has_idf[v->n] = 0;
    v->idf[v->n] = 0.0;
    v->klen += len;
    v->slots[slot] = (uint64_t)h << 32 | (uint64_t)(v->n + 1);
    *id = (uint32_t)v->n;
    v->n++;
    return NK_OK;
}

nk_status nk_vocab_add_stopword(nk_vocab *v, const char *w, size_t len)
{
    char buf[256];
    size_t kl;
    uint32_t id;
    nk_status st;
    if (len > sizeof buf)
        return NK_ERANGE;
    kl = nk_sim_key(w, len, buf);
    if (kl == 0)
        return NK_OK;
    st = nk_vocab_intern(v, buf, kl, &id);
    if (st == NK_OK)
        v->stop[id] = 1;
    if (v->wcache_used) { /* outcomes may change (a list of stopwords: emptied once) */
        memset(v->wcache, 0, NK_WCACHE * sizeof *v->wcache);
        v->wcache_used = 0;
    }
    return st;
}

nk_status nk_vocab_set_idf(nk_vocab *v, const char *key, size_t len, double idf)
{
    uint32_t id;
    nk_status st = nk_vocab_intern(v, key, len, &id);
    if (st != NK_OK)
        return st;
    v->idf[id] = idf;
    v->has_idf[id] = 1;
    return NK_OK;
}

void nk_vocab_set_default_idf(nk_vocab *v, double idf)
{
    v->default_idf = idf;
}

size_t nk_vocab_size(const nk_vocab *v)
{
    return v->n;
}

const char *nk_vocab_key(const nk_vocab *v, uint32_t id, size_t *len)
{
    if (id >= v->n)
        return NULL;
    *len = v->len[id];
    return v->keys + v->off[id];
}

/*
** 1 when w is a conjunction و or ف glued to a stopword (وفي، فإن، ولكن):
** the stemmer keeps و when fewer than three letters would remain.
*/
static int prefixed_stop(const nk_vocab *v, const char *w, size_t len)
{
    char buf[256];
    size_t kl;
    uint32_t id;
    if (len < 4 || (unsigned char)w[0] != 0xD9 ||
        ((unsigned char)w[1] != 0x88 && (unsigned char)w[1] != 0x81))
        return 0;
    kl = nk_sim_key(w + 2, len - 2, buf);
    return nk_vocab_find(v, buf, kl, &id) && v->stop[id];
}

int nk_vocab_is_stopword(const nk_vocab *v, const char *w, size_t len)
{
    char buf[256];
    size_t kl;
    uint32_t id;
    if (len > sizeof buf)
        return 0;
    kl = nk_sim_key(w, len, buf);
    if (nk_vocab_find(v, buf, kl, &id) && v->stop[id])
        return 1;
    return prefixed_stop(v, w, len);
}

/* nk_vocab_terms, giving each term's key hash too (from the word cache). */
static nk_status vocab_terms(nk_vocab *v, const char *text, nk_span span,
                             void (*fn)(void *ud, uint32_t id, uint32_t khash), void *ud,
                             size_t *nwords)
{
    nk_tokenizer tz;
    nk_token toks[TERMS_BATCH];
    uint32_t hs[TERMS_BATCH];
    size_t ntok;
    char buf[256];
    size_t words = 0;
    nk_error err;
    /* normalize ("search") first; on a normalization error, the raw text */
    v->nbuf.len = 0;
    if (nk_normalizer_run(v->norm, text + span.start, span.end - span.start, &v->nbuf, NULL,
                          &err) == NK_OK) {
        if (v->nbuf.len == 0) {
            if (nwords != NULL)
                *nwords = 0;
            return NK_OK;
        }
        text = v->nbuf.data;
        span.start = 0;
        span.end = v->nbuf.len;
    } else {
        nk_normalizer_reset(v->norm);
    }
    nk_tokenizer_init(&tz, text + span.start, span.end - span.start);
    /* Tokens in batches: the word cache entries of a batch are looked up (and
       fetched) before any is used, so their cache misses overlap. */
    while ((ntok = nk_tokenizer_fill(&tz, toks, TERMS_BATCH)) > 0) {
        size_t t;
        for (t = 0; t < ntok; t++) {
            size_t wl = toks[t].span.end - toks[t].span.start;
            hs[t] = 0;
            if (wl <= NK_WCACHE_KEY &&
                (toks[t].cls == NK_TOK_ARABIC || toks[t].cls == NK_TOK_LATIN ||
                 toks[t].cls == NK_TOK_NUMBER)) {
                hs[t] = fnv1a(text + span.start + toks[t].span.start, wl);
                PREFETCH(&v->wcache[hs[t] & (NK_WCACHE - 2)]);
            }
        }
        for (t = 0; t < ntok; t++) {
            const nk_token *tok = &toks[t];
            size_t wl = tok->span.end - tok->span.start, kl;
            const char *w = text + span.start + tok->span.start;
            wcache_entry *ce = NULL;
            uint32_t id, h = hs[t];
            nk_status st;
            if (tok->cls != NK_TOK_ARABIC && tok->cls != NK_TOK_LATIN && tok->cls != NK_TOK_NUMBER)
                continue;
            words++;
            if (wl <= NK_WCACHE_KEY) {
                ce = &v->wcache[h & (NK_WCACHE - 2)]; /* the set's first entry */
                if (ce->len == wl && same_bytes(ce->key, w, wl)) {
                    if (ce->val != NK_NO_TERM)
                        fn(ud, ce->val, ce->khash);
                    continue;
                }
                if (ce[1].len == wl && same_bytes(ce[1].key, w, wl)) {
                    if (ce[1].val != NK_NO_TERM)
                        fn(ud, ce[1].val, ce[1].khash);
                    continue;
                }
            }
            if (wl > sizeof buf)
                continue; /* a URL or a run of letters: not a term */
            kl = nk_sim_key(w, wl, buf);
            id = NK_NO_TERM;
            if (count_cps(buf, kl) >= 2) {
                st = nk_vocab_intern(v, buf, kl, &id);
                if (st != NK_OK)
                    return st;
                if (v->stop[id] || (tok->cls == NK_TOK_ARABIC && prefixed_stop(v, w, wl)))
                    id = NK_NO_TERM;
            }
            if (ce != NULL) {
                v->wcache_used = 1;
                ce[1] = ce[0];
                ce->khash = id != NK_NO_TERM ? v->hash[id] : 0;
                ce->val = id;
                ce->len = (unsigned char)wl;
                memcpy(ce->key, w, wl);
            }
            if (id != NK_NO_TERM)
                fn(ud, id, v->hash[id]);
        }
    }
    if (nwords != NULL)
        *nwords = words;
    return NK_OK;
}

typedef struct {
    void (*fn)(void *ud, uint32_t id);
    void *ud;
} terms_ud;

static void terms_fn(void *ud, uint32_t id, uint32_t khash)
{
    terms_ud *t = ud;
    (void)khash;
    t->fn(t->ud, id);
}

nk_status nk_vocab_terms(nk_vocab *v, const char *text, nk_span span,
                         void (*fn)(void *ud, uint32_t id), void *ud, size_t *nwords)
{
    terms_ud t;
    t.fn = fn;
    t.ud = ud;
    return vocab_terms(v, text, span, terms_fn, &t, nwords);
}

/* One document's distinct terms, for nk_vocab_shared_terms. */
typedef struct {
    const nk_alloc *al;
    uint64_t *t; /* key hash << 32 | id */
    size_t n, cap;
    int failed;
} termlist;

static void termlist_add(void *ud, uint32_t id, uint32_t khash)
{
    termlist *l = ud;
    if (l->failed)
        return;
    if (l->n == l->cap) {
        uint64_t *nt = grow(l->al, l->t, sizeof *l->t, &l->cap, l->n + 1);
        if (nt == NULL) {
            l->failed = 1;
            return;
        }
        l->t = nt;
    }
    l->t[l->n++] = (uint64_t)khash << 32 | id;
}

/*
** Sort n 64-bit values ascending: Shell's sort with Ciura's gaps (extended by
** x2.25), the comparison inline. The values to sort are a sentence's or a
** document's terms (tens to a few thousand); qsort's call per comparison was
** a tenth of the summarizer's C time. Equal values are equal bits, so the
** result is the one qsort gives.
*/
static void sort_u64(uint64_t *a, size_t n)
{
    static const size_t ciura[] = {1, 4, 10, 23, 57, 132, 301, 701, 1750};
    size_t gaps[40], ng = 0, g, i;
    for (i = 0; i < sizeof ciura / sizeof *ciura && ciura[i] < n; i++)
        gaps[ng++] = ciura[i];
    if (ng == sizeof ciura / sizeof *ciura)
        while (ng < sizeof gaps / sizeof *gaps && gaps[ng - 1] * 9 / 4 < n) {
            gaps[ng] = gaps[ng - 1] * 9 / 4;
            ng++;
        }
    while (ng > 0) {
        g = gaps[--ng];
        for (i = g; i < n; i++) {
            uint64_t x = a[i];
            size_t j = i;
            while (j >= g && a[j - g] > x) {
                a[j] = a[j - g];
                j -= g;
            }
            a[j] = x;
        }
    }
}

static int key_order(const nk_vocab *v, uint32_t a, uint32_t b);
static int term_order(const nk_vocab *v, uint32_t a, uint32_t b);

/* Sort t[0..n) into term_order and drop repeated ids; returns the new n. */
static size_t canonical_terms(const nk_vocab *v, uint64_t *t, size_t n)
{
    size_t i, k = 0;
    sort_u64(t, n);
    for (i = 1; i < n; i++) {
        uint64_t x = t[i];
        size_t j = i;
        while (j > 0 && t[j - 1] >> 32 == x >> 32 &&
               key_order(v, (uint32_t)t[j - 1], (uint32_t)x) > 0) {
            t[j] = t[j - 1];
            j--;
        }
        t[j] = x;
    }
    for (i = 0; i < n; i++)
        if (k == 0 || (uint32_t)t[k - 1] != (uint32_t)t[i])
            t[k++] = t[i];
    return k;
}

/*
** The shared-terms figures of n documents whose distinct terms, each list in
** term_order, are all->t[off[i]..off[i+1]): weights ln(n / df)^2, norms, and
** out[i] = the mean over the other documents of the cosine with each. Each
** document's terms are read once, in term_order, and each term adds its
** weight to the dot product with every other document that has it (the
** postings): the dot products with all the others are summed in one pass over
** the row, each over the common terms in term_order, as a merge of the two
** lists would meet them, in time proportional to the sum of df^2 rather than
** n^2 merges. Frees nothing of all or off.
*/
static nk_status shared_cosines(nk_vocab *v, const termlist *all, const size_t *off, size_t n,
                                double *out)
{
    size_t *pstart = NULL, i, j, k, nl = 0, na = all->n ? all->n : 1;
    uint32_t *df, *loc, *post;
    double *wt, *norm, *dot;
    nk_status st = NK_ENOMEM;
    loc = nk_malloc(&v->al, na * sizeof *loc);
    df = nk_malloc(&v->al, na * sizeof *df);
    wt = nk_malloc(&v->al, na * sizeof *wt);
    post = nk_malloc(&v->al, na * sizeof *post);
    norm = nk_malloc(&v->al, n * sizeof *norm);
    dot = nk_malloc(&v->al, n * sizeof *dot);
    if (loc == NULL || df == NULL || wt == NULL || post == NULL || norm == NULL || dot == NULL)
        goto done;
    /* document frequencies over local indices (vocab scratch), weights ln(n/df)^2 */
    for (k = 0; k < all->n; k++) {
        uint32_t id = (uint32_t)all->t[k];
        if (v->scratch[id] < 0) {
            v->scratch[id] = (int32_t)nl;
            loc[nl] = id;
            df[nl++] = 0;
        }
        df[v->scratch[id]]++;
    }
    pstart = nk_malloc(&v->al, (nl + 1) * sizeof *pstart);
    if (pstart == NULL)
        goto done;
    for (k = 0; k < nl; k++) {
        double x = log((double)n / (double)df[k]);
        wt[k] = pow(x, 2.0);
    }
    for (i = 0; i < n; i++) {
        double sq = 0.0;
        for (k = off[i]; k < off[i + 1]; k++)
            sq += wt[v->scratch[(uint32_t)all->t[k]]];
        norm[i] = sqrt(sq);
    }
    /* the postings: the documents of each term, in document order */
    pstart[0] = 0;
    for (k = 0; k < nl; k++)
        pstart[k + 1] = pstart[k] + df[k];
    for (k = 0; k < nl; k++)
        df[k] = 0; /* now the fill count of each list */
    for (i = 0; i < n; i++)
        for (k = off[i]; k < off[i + 1]; k++) {
            uint32_t l = (uint32_t)v->scratch[(uint32_t)all->t[k]];
            post[pstart[l] + df[l]++] = (uint32_t)i;
        }
    for (i = 0; i < n; i++) {
        double sum = 0.0;
        out[i] = 0.0;
        if (!(norm[i] > 0.0) || n < 2)
            continue;
        for (j = 0; j < n; j++)
            dot[j] = 0.0;
        for (k = off[i]; k < off[i + 1]; k++) {
            uint32_t l = (uint32_t)v->scratch[(uint32_t)all->t[k]];
            double w = wt[l];
            size_t p;
            if (df[l] < 2)
                continue;
            for (p = pstart[l]; p < pstart[l + 1]; p++)
                dot[post[p]] += w;
        }
        for (j = 0; j < n; j++) {
            if (j == i || !(norm[j] > 0.0))
                continue;
            sum += dot[j] / (norm[i] * norm[j]);
        }
        out[i] = sum / (double)(n - 1);
    }
    st = NK_OK;
done:
    for (k = 0; k < nl; k++)
        v->scratch[loc[k]] = -1;
    nk_free(&v->al, loc, na * sizeof *loc);
    nk_free(&v->al, df, na * sizeof *df);
    nk_free(&v->al, wt, na * sizeof *wt);
    nk_free(&v->al, post, na * sizeof *post);
    nk_free(&v->al, norm, n * sizeof *norm);
    nk_free(&v->al, dot, n * sizeof *dot);
    nk_free(&v->al, pstart, (nl + 1) * sizeof *pstart);
    return st;
}

nk_status nk_vocab_shared_terms(nk_vocab *v, const char *const *texts, const size_t *lens, size_t n,
                                double *out)
{
    termlist all;
    size_t *off = NULL, i;
    nk_status st = NK_ENOMEM;
    memset(&all, 0, sizeof all);
    all.al = &v->al;
    for (i = 0; i < n; i++)
        out[i] = 0.0;
    if (n == 0)
        return NK_OK;
    off = nk_malloc(&v->al, (n + 1) * sizeof *off);
    if (off == NULL)
        goto done;
    /* each document's distinct terms, in term_order, one after the other */
    for (i = 0; i < n; i++) {
        nk_span sp;
        size_t start = all.n;
        sp.start = 0;
        sp.end = lens[i];
        off[i] = start;
        st = vocab_terms(v, texts[i], sp, termlist_add, &all, NULL);
        if (st != NK_OK)
            goto done;
        st = NK_ENOMEM;
        if (all.failed)
            goto done;
        all.n = start + canonical_terms(v, all.t + start, all.n - start);
    }
    off[n] = all.n;
    st = shared_cosines(v, &all, off, n, out);
done:
    nk_free(&v->al, all.t, all.cap * sizeof *all.t);
    nk_free(&v->al, off, (n + 1) * sizeof *off);
    return st;
}

/* ---- sentence sets ---- */

nk_simset *nk_simset_new(nk_vocab *v, const nk_alloc *a)
{
    nk_simset *s;
    if (a == NULL)
        a = nk_default_alloc();
    s = nk_malloc(a, sizeof *s);
    if (s == NULL)
        return NULL;
    memset(s, 0, sizeof *s);
    s->al = *a;
    s->v = v;
    return s;
}

/* Forget the graph (its memory is kept for the next prepare). */
static void drop_graph(nk_simset *s)
{
    s->nnz = 0;
    s->prepared = 0;
}

static void release_graph(nk_simset *s)
{
    const nk_alloc *a = &s->al;
    nk_free(a, s->rowp, s->rcap * sizeof *s->rowp);
    nk_free(a, s->col, s->ccap * sizeof *s->col);
    nk_free(a, s->shared, s->scap * sizeof *s->shared);
    nk_free(a, s->cosv, s->vcap * sizeof *s->cosv);
    nk_free(a, s->work, s->wcap * sizeof *s->work);
    s->rowp = NULL;
    s->col = s->shared = NULL;
    s->cosv = s->work = NULL;
    s->nnz = s->ccap = s->scap = s->vcap = s->rcap = s->wcap = 0;
    s->prepared = 0;
}

/* The scratch area with room for n doubles (contents not kept), or NULL. */
static double *work_area(nk_simset *s, size_t n)
{
    double *w;
    size_t ncap;
    if (n <= s->wcap)
        return s->work;
    ncap = s->wcap ? s->wcap : 1024;
    while (ncap < n) {
        if (ncap > ((size_t)-1) / 4 / sizeof *w)
            return NULL;
        ncap *= 2;
    }
    w = nk_malloc(&s->al, ncap * sizeof *w);
    if (w == NULL)
        return NULL;
    nk_free(&s->al, s->work, s->wcap * sizeof *s->work);
    s->work = w;
    s->wcap = ncap;
    return w;
}

void nk_simset_free(nk_simset *s)
{
    const nk_alloc *a;
    if (s == NULL)
        return;
    a = &s->al;
    release_graph(s);
    nk_free(a, s->toff, s->cap * sizeof *s->toff);
    nk_free(a, s->tcount, s->cap * sizeof *s->tcount);
    nk_free(a, s->words, s->cap * sizeof *s->words);
    nk_free(a, s->chars, s->cap * sizeof *s->chars);
    nk_free(a, s->doc, s->cap * sizeof *s->doc);
    nk_free(a, s->norm, s->cap * sizeof *s->norm);
    nk_free(a, s->tid, s->tcap * sizeof *s->tid);
    nk_free(a, s->tf, s->tcap * sizeof *s->tf);
    nk_free(a, s->w, s->tcap * sizeof *s->w);
    nk_free(a, s->tmp, s->tmpcap * sizeof *s->tmp);
    {
        nk_alloc al = s->al;
        nk_free(&al, s, sizeof *s);
    }
}

typedef struct {
    nk_simset *s;
    int failed;
} collect_ud;

static void collect(void *ud, uint32_t id, uint32_t khash)
{
    collect_ud *c = ud;
    nk_simset *s = c->s;
    if (c->failed)
        return;
    if (s->tmpn == s->tmpcap) {
        uint64_t *nt = grow(&s->al, s->tmp, sizeof *s->tmp, &s->tmpcap, s->tmpn + 1);
        if (nt == NULL) {
            c->failed = 1;
            return;
        }
        s->tmp = nt;
    }
    s->tmp[s->tmpn++] = (uint64_t)khash << 32 | id;
}

/* The order of two keys' bytes (shorter first on a common prefix). */
static int key_order(const nk_vocab *v, uint32_t a, uint32_t b)
{
    uint32_t la = v->len[a], lb = v->len[b];
    int c = memcmp(v->keys + v->off[a], v->keys + v->off[b], la < lb ? la : lb);
    if (c != 0)
        return c < 0 ? -1 : 1;
    return (la > lb) - (la < lb);
}

/*
** The canonical order of terms within a sentence: by key hash, then key bytes.
** It does not depend on the ids, which depend on what the vocabulary saw
** before, so the sums over a sentence's terms (norms, dot products) and hence
** every score are the same whatever came before (another cluster, another
** worker process).
*/
static int term_order(const nk_vocab *v, uint32_t a, uint32_t b)
{
    if (a == b)
        return 0;
    if (v->hash[a] != v->hash[b])
        return v->hash[a] < v->hash[b] ? -1 : 1;
    return key_order(v, a, b);
}

static int grow_sentences(nk_simset *s, size_t need)
{
    size_t old = s->cap, ncap = old ? old * 2 : 64;
    const nk_alloc *a = &s->al;
    void *p;
    if (need <= old)
        return 1;
    while (ncap < need)
        ncap *= 2;
    GROW_FIELD(s, toff);
    GROW_FIELD(s, tcount);
    GROW_FIELD(s, words);
    GROW_FIELD(s, chars);
    GROW_FIELD(s, doc);
    GROW_FIELD(s, norm);
    s->cap = ncap;
    return 1;
}

static int grow_entries(nk_simset *s, size_t need)
{
    size_t old = s->tcap, ncap = old ? old * 2 : 256;
    const nk_alloc *a = &s->al;
    void *p;
    if (need <= old)
        return 1;
    while (ncap < need)
        ncap *= 2;
    p = nk_realloc(a, s->tid, old * sizeof *s->tid, ncap * sizeof *s->tid);
    if (p == NULL)
        return 0;
    s->tid = p;
    p = nk_realloc(a, s->tf, old * sizeof *s->tf, ncap * sizeof *s->tf);
    if (p == NULL)
        return 0;
    s->tf = p;
    p = nk_realloc(a, s->w, old * sizeof *s->w, ncap * sizeof *s->w);
    if (p == NULL)
        return 0;
    s->w = p;
    s->tcap = ncap;
    return 1;
}

nk_status nk_simset_add(nk_simset *s, const char *text, nk_span span, uint32_t doc)
{
    collect_ud c;
    size_t nwords = 0, i, k, base;
    nk_status st;
    if (span.end < span.start)
        return NK_EINVAL;
    if (s->prepared)
        drop_graph(s);
    c.s = s;
    c.failed = 0;
    s->tmpn = 0;
    st = vocab_terms(s->v, text, span, collect, &c, &nwords);
    if (st != NK_OK)
        return st;
    if (c.failed)
        return NK_ENOMEM;
    if (!grow_sentences(s, s->n + 1) || !grow_entries(s, s->tn + s->tmpn))
        return NK_ENOMEM;
    /* by key hash (then id: equal ids end up next to each other) */
    if (s->tmpn > 24) {
        sort_u64(s->tmp, s->tmpn);
    } else {
        /* insertion sort: sentences have a few dozen terms */
        for (i = 1; i < s->tmpn; i++) {
            uint64_t x = s->tmp[i];
            size_t j = i;
            while (j > 0 && s->tmp[j - 1] > x) {
                s->tmp[j] = s->tmp[j - 1];
                j--;
            }
            s->tmp[j] = x;
        }
    }
    /* different keys with one hash (rare): by key bytes, not by id */
    for (i = 1; i < s->tmpn; i++) {
        uint64_t x = s->tmp[i];
        size_t j = i;
        while (j > 0 && s->tmp[j - 1] >> 32 == x >> 32 &&
               key_order(s->v, (uint32_t)s->tmp[j - 1], (uint32_t)x) > 0) {
            s->tmp[j] = s->tmp[j - 1];
            j--;
        }
        s->tmp[j] = x;
    }
    base = s->tn;
    k = 0;
    for (i = 0; i < s->tmpn; i++) {
        uint32_t id = (uint32_t)s->tmp[i];
        if (k > 0 && s->tid[base + k - 1] == id) {
            s->tf[base + k - 1]++;
        } else {
            s->tid[base + k] = id;
            s->tf[base + k] = 1;
            s->w[base + k] = 0.0;
            k++;
        }
    }
    s->toff[s->n] = base;
    s->tcount[s->n] = (uint32_t)k;
    s->words[s->n] = nwords;
    s->chars[s->n] = count_cps(text + span.start, span.end - span.start);
    s->doc[s->n] = doc;
    s->norm[s->n] = 0.0;
    s->tn += k;
    s->n++;
    return NK_OK;
}

nk_status nk_simset_add_from(nk_simset *s, const nk_simset *src, size_t i, uint32_t doc)
{
    size_t k, base, cnt;
    if (src == s || src->v != s->v || i >= src->n)
        return NK_EINVAL;
    cnt = src->tcount[i];
    if (s->prepared)
        drop_graph(s);
    if (!grow_sentences(s, s->n + 1) || !grow_entries(s, s->tn + cnt))
        return NK_ENOMEM;
    base = s->tn;
    for (k = 0; k < cnt; k++) {
        s->tid[base + k] = src->tid[src->toff[i] + k];
        s->tf[base + k] = src->tf[src->toff[i] + k];
        s->w[base + k] = 0.0;
    }
    s->toff[s->n] = base;
    s->tcount[s->n] = (uint32_t)cnt;
    s->words[s->n] = src->words[i];
    s->chars[s->n] = src->chars[i];
    s->doc[s->n] = doc;
    s->norm[s->n] = 0.0;
    s->tn += cnt;
    s->n++;
    return NK_OK;
}

void nk_simset_clear(nk_simset *s)
{
    if (s->prepared)
        drop_graph(s);
    s->n = 0;
    s->tn = 0;
}

size_t nk_simset_size(const nk_simset *s)
{
    return s->n;
}

void nk_simset_set_chars(nk_simset *s, size_t i, size_t chars)
{
    if (i < s->n)
        s->chars[i] = chars;
}

nk_sentinfo nk_simset_info(const nk_simset *s, size_t i)
{
    nk_sentinfo info;
    memset(&info, 0, sizeof info);
    if (i < s->n) {
        info.words = s->words[i];
        info.chars = s->chars[i];
        info.terms = s->tcount[i];
        info.doc = s->doc[i];
    }
    return info;
}

/* Local indices 0..nl-1 for the set's terms (vocab scratch); ltid receives the ids. */
static uint32_t *local_terms(const nk_simset *s, size_t *nl)
{
    nk_vocab *v = s->v;
    size_t k, n = 0;
    uint32_t *ltid = nk_malloc(&s->al, (s->tn ? s->tn : 1) * sizeof *ltid);
    if (ltid == NULL)
        return NULL;
    for (k = 0; k < s->tn; k++) {
        uint32_t t = s->tid[k];
        if (v->scratch[t] < 0) {
            v->scratch[t] = (int32_t)n;
            ltid[n++] = t;
        }
    }
    *nl = n;
    return ltid;
}

static void release_local(const nk_simset *s, uint32_t *ltid, size_t nl)
{
    size_t k;
    for (k = 0; k < nl; k++)
        s->v->scratch[ltid[k]] = -1;
    nk_free(&s->al, ltid, (s->tn ? s->tn : 1) * sizeof *ltid);
}

/* Room for need edges in col, shared and cosv (each with its own capacity). */
static int grow_edges(nk_simset *s, size_t need)
{
    uint32_t *c, *sh;
    double *cv;
    if (need <= s->ccap && need <= s->scap && need <= s->vcap)
        return 1;
    c = grow(&s->al, s->col, sizeof *s->col, &s->ccap, need);
    if (c == NULL)
        return 0;
    s->col = c;
    sh = grow(&s->al, s->shared, sizeof *s->shared, &s->scap, need);
    if (sh == NULL)
        return 0;
    s->shared = sh;
    cv = grow(&s->al, s->cosv, sizeof *s->cosv, &s->vcap, need);
    if (cv == NULL)
        return 0;
    s->cosv = cv;
    return 1;
}

nk_status nk_simset_prepare(nk_simset *s, nk_idf_mode mode)
{
    nk_vocab *v = s->v;
    size_t nl = 0, i, k, n = s->n;
    uint32_t *ltid, *df = NULL, *poff = NULL, *pfill = NULL, *psent = NULL, *cnt = NULL;
    uint32_t *touched = NULL;
    double *pw = NULL, *acc = NULL, *idf = NULL;
    nk_status st = NK_ENOMEM;
    /* prepared from the set's own figures, with nothing added since: already done
       (a stage may take over the set an earlier stage prepared) */
    if (s->prepared && mode == NK_IDF_SET && s->prepared_mode == NK_IDF_SET)
        return NK_OK;
    if (s->prepared)
        drop_graph(s);
    ltid = local_terms(s, &nl);
    if (ltid == NULL)
        return NK_ENOMEM;
    {
        /* one scratch area: doubles first, then the uint32 arrays (counted in
           doubles: two per double, rounded up) */
        size_t nd = (nl + 1) + (s->tn + 1) + (n + 1);
        size_t nu = 3 * (nl + 1) + (s->tn + 1) + 2 * (n + 1);
        double *w = work_area(s, nd + (nu + 1) / 2);
        uint32_t *u;
        if (w == NULL)
            goto done;
        idf = w, pw = idf + (nl + 1), acc = pw + (s->tn + 1);
        u = (uint32_t *)(acc + (n + 1));
        df = u, poff = df + (nl + 1), pfill = poff + (nl + 1), psent = pfill + (nl + 1);
        cnt = psent + (s->tn + 1), touched = cnt + (n + 1);
    }
    if (n + 1 > s->rcap) {
        size_t *r = nk_malloc(&s->al, (n + 1) * sizeof *r);
        if (r == NULL)
            goto done;
        nk_free(&s->al, s->rowp, s->rcap * sizeof *s->rowp);
        s->rowp = r;
        s->rcap = n + 1;
    }
    memset(df, 0, (nl + 1) * sizeof *df);
    for (k = 0; k < s->tn; k++)
        df[v->scratch[s->tid[k]]]++;
    for (k = 0; k < nl; k++) {
        if (mode == NK_IDF_VOCAB)
            idf[k] = v->has_idf[ltid[k]] ? v->idf[ltid[k]] : v->default_idf;
        else
            idf[k] = log((1.0 + (double)n) / (1.0 + (double)df[k])) + 1.0;
    }
    /* weights and norms */
    for (i = 0; i < n; i++) {
        double sq = 0.0;
        for (k = s->toff[i]; k < s->toff[i] + s->tcount[i]; k++) {
            s->w[k] = (double)s->tf[k] * idf[v->scratch[s->tid[k]]];
            sq += s->w[k] * s->w[k];
        }
        s->norm[i] = sqrt(sq);
    }
    /* postings: sentences of each local term, with the weight */
    poff[0] = 0;
    for (k = 0; k < nl; k++)
        poff[k + 1] = poff[k] + df[k];
    memcpy(pfill, poff, (nl + 1) * sizeof *pfill);
    for (i = 0; i < n; i++) {
        for (k = s->toff[i]; k < s->toff[i] + s->tcount[i]; k++) {
            uint32_t l = (uint32_t)v->scratch[s->tid[k]];
            psent[pfill[l]] = (uint32_t)i;
            pw[pfill[l]] = s->w[k];
            pfill[l]++;
        }
    }
    /* rows: accumulate dot products through the postings */
    for (i = 0; i < n; i++)
        acc[i] = 0.0, cnt[i] = 0;
    s->nnz = 0;
    for (i = 0; i < n; i++) {
        size_t nt = 0, j;
        s->rowp[i] = s->nnz;
        for (k = s->toff[i]; k < s->toff[i] + s->tcount[i]; k++) {
            uint32_t l = (uint32_t)v->scratch[s->tid[k]], p;
            double wi = s->w[k];
            for (p = poff[l]; p < poff[l + 1]; p++) {
                uint32_t jj = psent[p];
                if (jj == i)
                    continue;
                if (cnt[jj] == 0)
                    touched[nt++] = jj;
                acc[jj] += wi * pw[p];
                cnt[jj]++;
            }
        }
        if (!grow_edges(s, s->nnz + nt))
            goto done;
        for (j = 0; j < nt; j++) {
            uint32_t jj = touched[j];
            double d = s->norm[i] * s->norm[jj];
            s->col[s->nnz] = jj;
            s->cosv[s->nnz] = d > 0.0 ? acc[jj] / d : 0.0;
            s->shared[s->nnz] = cnt[jj];
            s->nnz++;
            acc[jj] = 0.0;
            cnt[jj] = 0;
        }
    }
    s->rowp[n] = s->nnz;
    s->prepared = 1;
    s->prepared_mode = mode;
    st = NK_OK;
done:
    release_local(s, ltid, nl);
    if (st != NK_OK)
        drop_graph(s);
    return st;
}

int nk_simset_prepared(const nk_simset *s)
{
    return s->prepared;
}

double nk_simset_cosine(const nk_simset *s, size_t i, size_t j)
{
    size_t a, b, ae, be;
    double dot = 0.0, d;
    if (i >= s->n || j >= s->n || !s->prepared)
        return 0.0;
    a = s->toff[i], ae = a + s->tcount[i];
    b = s->toff[j], be = b + s->tcount[j];
    while (a < ae && b < be) {
        int c = term_order(s->v, s->tid[a], s->tid[b]);
        if (c < 0) {
            a++;
        } else if (c > 0) {
            b++;
        } else {
            dot += s->w[a] * s->w[b];
            a++, b++;
        }
    }
    d = s->norm[i] * s->norm[j];
    return d > 0.0 ? dot / d : 0.0;
}

/* The weight of edge e of row i under o (0 = no edge). */
static double edge_weight(const nk_simset *s, const nk_rank_opts *o, size_t i, size_t e)
{
    if (o->kind == NK_RANK_TEXTRANK) {
        double den = log((double)s->tcount[i]) + log((double)s->tcount[s->col[e]]);
        return den > 1e-9 ? (double)s->shared[e] / den : (double)s->shared[e];
    }
    if (o->threshold > 0.0)
        return s->cosv[e] >= o->threshold ? 1.0 : 0.0;
    return s->cosv[e];
}

nk_status nk_simset_rank(nk_simset *s, const nk_rank_opts *o, double *scores)
{
    size_t n = s->n, i, e, nnz = s->nnz;
    double *p, *q, *self, *prior, *w, d = o->damping, psum = 0.0;
    int it;
    if (!s->prepared)
        return NK_EINVAL;
    if (n == 0)
        return NK_OK;
    p = work_area(s, 4 * n + nnz + 1);
    if (p == NULL)
        return NK_ENOMEM;
    q = p + n, self = q + n, prior = self + n, w = prior + n;
    for (i = 0; i < n; i++) {
        prior[i] = o->prior ? (o->prior[i] > 0.0 ? o->prior[i] : 0.0) : 1.0;
        psum += prior[i];
    }
    for (i = 0; i < n; i++)
        prior[i] = psum > 0.0 ? prior[i] / psum : 1.0 / (double)n;
    /* w[e]: the edge's share of its row (row-normalized); self[i]: the self-loop's,
       or -1 for a row without any weight (dangling) */
    for (i = 0; i < n; i++) {
        double r = (o->kind == NK_RANK_LEXRANK && s->tcount[i] > 0) ? 1.0 : 0.0, sl = r;
        for (e = s->rowp[i]; e < s->rowp[i + 1]; e++) {
            w[e] = edge_weight(s, o, i, e);
            r += w[e];
        }
        if (r > 0.0) {
            for (e = s->rowp[i]; e < s->rowp[i + 1]; e++)
                w[e] /= r;
            self[i] = sl / r;
        } else {
            self[i] = -1.0;
        }
        p[i] = 1.0 / (double)n;
    }
    for (it = 0; it < o->max_iter; it++) {
        double dangling = 0.0, delta = 0.0;
        for (i = 0; i < n; i++)
            q[i] = 0.0;
        for (i = 0; i < n; i++) {
            double pi = p[i];
            if (self[i] < 0.0) {
                dangling += pi;
                continue;
            }
            q[i] += pi * self[i];
            for (e = s->rowp[i]; e < s->rowp[i + 1]; e++)
                q[s->col[e]] += pi * w[e];
        }
        for (i = 0; i < n; i++) {
            q[i] = (1.0 - d) * prior[i] + d * (q[i] + dangling * prior[i]);
            delta += fabs(q[i] - p[i]);
        }
        memcpy(p, q, n * sizeof *p);
        if (delta < o->tol)
            break;
    }
    memcpy(scores, p, n * sizeof *p);
    return NK_OK;
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

nk_status nk_simset_centroid(const nk_simset *s, size_t top, double *scores)
{
    const nk_simset *ms = s;
    size_t nl = 0, i, k, ndocs = 0;
    uint32_t *ltid, maxdoc = 0;
    double *cv = NULL, *sorted = NULL;
    unsigned char *seen = NULL;
    nk_status st = NK_ENOMEM;
    if (!s->prepared)
        return NK_EINVAL;
    for (i = 0; i < s->n; i++)
        if (s->doc[i] > maxdoc)
            maxdoc = s->doc[i];
    ltid = local_terms(ms, &nl);
    if (ltid == NULL)
        return NK_ENOMEM;
    cv = nk_malloc(&ms->al, (nl + 1) * sizeof *cv);
    sorted = nk_malloc(&ms->al, (nl + 1) * sizeof *sorted);
    seen = nk_malloc(&ms->al, (size_t)maxdoc + 1);
    if (!cv || !sorted || !seen)
        goto done;
    memset(seen, 0, (size_t)maxdoc + 1);
    for (i = 0; i < s->n; i++) {
        if (!seen[s->doc[i]])
            ndocs++;
        seen[s->doc[i]] = 1;
    }
    for (k = 0; k < nl; k++)
        cv[k] = 0.0;
    /* sum of tf x idf (the weight) over every sentence = over documents */
    for (k = 0; k < s->tn; k++)
        cv[s->v->scratch[s->tid[k]]] += s->w[k];
    for (k = 0; k < nl; k++)
        cv[k] /= ndocs ? (double)ndocs : 1.0;
    if (top > 0 && top < nl) {
        double thr;
        memcpy(sorted, cv, nl * sizeof *cv);
        qsort(sorted, nl, sizeof *sorted, cmp_desc);
        thr = sorted[top - 1];
        for (k = 0; k < nl; k++)
            if (cv[k] < thr)
                cv[k] = 0.0;
    }
    for (i = 0; i < s->n; i++) {
        double sc = 0.0;
        for (k = s->toff[i]; k < s->toff[i] + s->tcount[i]; k++)
            sc += (double)s->tf[k] * cv[s->v->scratch[s->tid[k]]];
        scores[i] = sc;
    }
    st = NK_OK;
done:
    release_local(ms, ltid, nl);
    nk_free(&ms->al, cv, (nl + 1) * sizeof *cv);
    nk_free(&ms->al, sorted, (nl + 1) * sizeof *sorted);
    nk_free(&ms->al, seen, (size_t)maxdoc + 1);
    return st;
}

nk_status nk_simset_coverage(const nk_simset *s, size_t min_terms, double *out, size_t ndocs)
{
    size_t i, e, *cnt;
    nk_alloc al = s->al;
    if (!s->prepared)
        return NK_EINVAL;
    cnt = nk_malloc(&al, (ndocs ? ndocs : 1) * sizeof *cnt);
    if (cnt == NULL)
        return NK_ENOMEM;
    for (i = 0; i < ndocs; i++)
        out[i] = 0.0, cnt[i] = 0;
    for (i = 0; i < s->n; i++) {
        double best = 0.0;
        if (s->doc[i] >= ndocs || s->tcount[i] < min_terms)
            continue;
        for (e = s->rowp[i]; e < s->rowp[i + 1]; e++)
            if (s->doc[s->col[e]] != s->doc[i] && s->cosv[e] > best)
                best = s->cosv[e];
        out[s->doc[i]] += best;
        cnt[s->doc[i]]++;
    }
    for (i = 0; i < ndocs; i++)
        if (cnt[i] > 0)
            out[i] /= (double)cnt[i];
    nk_free(&al, cnt, (ndocs ? ndocs : 1) * sizeof *cnt);
    return NK_OK;
}

nk_status nk_simset_support(const nk_simset *s, const unsigned char *cand,
                            const unsigned char *early, double *out)
{
    size_t i, e, k, nd = 1, nt;
    double *best;
    uint32_t *touched;
    nk_alloc al = s->al;
    if (!s->prepared)
        return NK_EINVAL;
    for (i = 0; i < s->n; i++)
        if ((size_t)s->doc[i] + 1 > nd)
            nd = (size_t)s->doc[i] + 1;
    best = nk_malloc(&al, nd * sizeof *best);
    touched = nk_malloc(&al, nd * sizeof *touched);
    if (best == NULL || touched == NULL) {
        nk_free(&al, best, nd * sizeof *best);
        nk_free(&al, touched, nd * sizeof *touched);
        return NK_ENOMEM;
    }
    for (k = 0; k < nd; k++)
        best[k] = 0.0;
    for (i = 0; i < s->n; i++) {
        double sum = 0.0;
        out[i] = 0.0;
        if (!cand[i])
            continue;
        nt = 0;
        for (e = s->rowp[i]; e < s->rowp[i + 1]; e++) {
            uint32_t j = s->col[e], d = s->doc[j];
            if (!early[j] || d == s->doc[i] || !(s->cosv[e] > best[d]))
                continue;
            if (best[d] == 0.0)
                touched[nt++] = d;
            best[d] = s->cosv[e];
        }
        /* summed in document order, so the figure does not depend on the row's order */
        for (k = 0; k < nt; k++) {
            size_t m = k;
            while (m > 0 && touched[m - 1] > touched[m]) {
                uint32_t t = touched[m];
                touched[m] = touched[m - 1], touched[m - 1] = t;
                m--;
            }
        }
        for (k = 0; k < nt; k++) {
            sum += best[touched[k]];
            best[touched[k]] = 0.0;
        }
        out[i] = sum;
    }
    nk_free(&al, best, nd * sizeof *best);
    nk_free(&al, touched, nd * sizeof *touched);
    return NK_OK;
}

nk_status nk_simset_shared_terms(nk_simset *s, uint32_t first_doc, size_t ndocs,
                                 const nk_docpiece *extra, size_t nextra, double *out)
{
    nk_vocab *v = s->v;
    termlist all;
    size_t *off = NULL, *first = NULL, *order = NULL, i, d, k;
    nk_status st = NK_ENOMEM;
    memset(&all, 0, sizeof all);
    all.al = &v->al;
    for (d = 0; d < ndocs; d++)
        out[d] = 0.0;
    if (ndocs == 0)
        return NK_OK;
    for (i = 0; i < nextra; i++)
        if (extra[i].doc < first_doc || extra[i].doc - first_doc >= ndocs ||
            extra[i].span.end < extra[i].span.start)
            return NK_EINVAL;
    off = nk_malloc(&v->al, (ndocs + 1) * sizeof *off);
    first = nk_malloc(&v->al, (ndocs + 1) * sizeof *first);
    order = nk_malloc(&v->al, (s->n ? s->n : 1) * sizeof *order);
    if (off == NULL || first == NULL || order == NULL)
        goto done;
    /* the sentences of each document (counting sort by document, in set order) */
    for (d = 0; d <= ndocs; d++)
        first[d] = 0;
    for (i = 0; i < s->n; i++)
        if (s->doc[i] >= first_doc && s->doc[i] - first_doc < ndocs)
            first[s->doc[i] - first_doc + 1]++;
    for (d = 0; d < ndocs; d++)
        first[d + 1] += first[d];
    for (d = 0; d < ndocs; d++)
        off[d] = first[d]; /* fill positions, for now */
    for (i = 0; i < s->n; i++)
        if (s->doc[i] >= first_doc && s->doc[i] - first_doc < ndocs)
            order[off[s->doc[i] - first_doc]++] = i;
    /* each document's distinct terms: its sentences' and its extra pieces', in term_order */
    for (d = 0; d < ndocs; d++) {
        size_t start = all.n;
        off[d] = start;
        /* each term once (marked in the vocabulary's scratch, -1 between calls) */
        for (k = first[d]; k < first[d + 1]; k++) {
            size_t e, si = order[k];
            for (e = s->toff[si]; e < s->toff[si] + s->tcount[si]; e++) {
                uint32_t id = s->tid[e];
                if (v->scratch[id] != -1)
                    continue;
                termlist_add(&all, id, v->hash[id]);
                if (all.failed)
                    break;
                v->scratch[id] = -2;
            }
        }
        for (k = start; k < all.n; k++)
            v->scratch[(uint32_t)all.t[k]] = -1;
        if (all.failed)
            goto done;
        for (i = 0; i < nextra; i++)
            if (extra[i].doc - first_doc == d) {
                st = vocab_terms(v, extra[i].text, extra[i].span, termlist_add, &all, NULL);
                if (st != NK_OK)
                    goto done;
                st = NK_ENOMEM;
            }
        if (all.failed)
            goto done;
        all.n = start + canonical_terms(v, all.t + start, all.n - start);
    }
    off[ndocs] = all.n;
    st = shared_cosines(v, &all, off, ndocs, out);
done:
    nk_free(&v->al, all.t, all.cap * sizeof *all.t);
    nk_free(&v->al, off, (ndocs + 1) * sizeof *off);
    nk_free(&v->al, first, (ndocs + 1) * sizeof *first);
    nk_free(&v->al, order, (s->n ? s->n : 1) * sizeof *order);
    return st;
}

void nk_simset_words(const nk_simset *s, size_t *words)
{
    if (s->n > 0)
        memcpy(words, s->words, s->n * sizeof *words);
}

static size_t uf_find(size_t *rep, size_t i)
{
    while (rep[i] != i) {
        rep[i] = rep[rep[i]];
        i = rep[i];
    }
    return i;
}

nk_status nk_simset_duplicates(const nk_simset *s, double threshold, size_t *rep)
{
    size_t i, e;
    if (!s->prepared)
        return NK_EINVAL;
    for (i = 0; i < s->n; i++)
        rep[i] = i;
    for (i = 0; i < s->n; i++) {
        for (e = s->rowp[i]; e < s->rowp[i + 1]; e++) {
            if (s->cosv[e] >= threshold) {
                size_t a = uf_find(rep, i), b = uf_find(rep, s->col[e]);
                if (a < b)
                    rep[b] = a;
                else if (b < a)
                    rep[a] = b;
            }
        }
    }
    for (i = 0; i < s->n; i++)
        rep[i] = uf_find(rep, i);
    return NK_OK;
}

nk_status nk_simset_select(const nk_simset *s, const double *scores, const unsigned char *eligible,
                           const nk_select_opts *o, size_t *out, size_t *nout)
{
    size_t n = s->n, i, e, words = 0, chars = 0, count = 0;
    double *maxsim, maxscore = 0.0, lambda = o->lambda;
    unsigned char *dead;
    nk_alloc al = s->al;
    *nout = 0;
    if (!s->prepared)
        return NK_EINVAL;
    if (n == 0)
        return NK_OK;
    maxsim = nk_malloc(&al, n * (sizeof *maxsim + 1));
    if (maxsim == NULL)
        return NK_ENOMEM;
    dead = (unsigned char *)(maxsim + n);
    for (i = 0; i < n; i++) {
        maxsim[i] = 0.0;
        dead[i] = eligible != NULL && !eligible[i];
        if (!dead[i] && scores[i] > maxscore)
            maxscore = scores[i];
    }
    if (maxscore <= 0.0)
        maxscore = 1.0;
    if (lambda < 0.0)
        lambda = 0.0;
    if (lambda > 1.0)
        lambda = 1.0;
    while (o->sentences == 0 || count < o->sentences) {
        size_t best = n;
        double bestv = 0.0;
        for (i = 0; i < n; i++) {
            double val;
            if (dead[i])
                continue;
            if ((o->words && words + s->words[i] > o->words) ||
                (o->chars && chars + s->chars[i] > o->chars) ||
                (o->cutoff < 1.0 && maxsim[i] > o->cutoff)) {
                dead[i] = 1;
                continue;
            }
            val = lambda * scores[i] / maxscore - (1.0 - lambda) * maxsim[i];
            if (best == n || val > bestv) {
                best = i;
                bestv = val;
            }
        }
        if (best == n)
            break;
        out[count++] = best;
        dead[best] = 1;
        words += s->words[best];
        chars += s->chars[best];
        for (e = s->rowp[best]; e < s->rowp[best + 1]; e++)
            if (s->cosv[e] > maxsim[s->col[e]])
                maxsim[s->col[e]] = s->cosv[e];
    }
    *nout = count;
    nk_free(&al, maxsim, n * (sizeof *maxsim + 1));
    return NK_OK;
}
