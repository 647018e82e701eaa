/*
** nk_gzint.h
** Internals shared by nk_gazetteer.c and nk_match.c (not a public header):
** the compiled layout of a gazetteer, the word tokens both sides use (the
** core's one scanner, nk_scan.h), the word hash and the spelling-variant key.
**
** A key space is a vocabulary of normalized word tokens (ids 0..nwords-1)
** plus a trie over word-id sequences stored breadth first: node 0 is the
** root, the children of node n are the nodes node[n].first_child ..
** node[n+1].first_child-1, sorted by label (the word id on the edge into
** them), and the entries whose key ends at node n are vals[node[n].val_start
** .. node[n+1].val_start-1] (node[nnodes] is a sentinel). A node keeps its
** label beside its ranges, so the search among siblings lands on the cache
** line the next step needs. Only the vocabulary, the trie and the entries are
** saved; the hash index, the root map and the first-word filter are rebuilt
** when a gazetteer is built or loaded.
*/
#ifndef NK_GZINT_H
#define NK_GZINT_H

#include <string.h>

#include "nk_gazetteer.h"
#include "nk_scan.h"
#include "nk_tokens.h"

/*
** Token classes are those of nk_tokens.h: NK_TOK_NONE (space, the end),
** NK_TOK_ARABIC, NK_TOK_LATIN (here: any run of non-Arabic letters and
** digits of every script, "COVID19" is one word; keys compare it without
** case) and NK_TOK_PUNCT (one mark).
*/

#define NK_GZ_MAXTOKENS 32 /* words in one key */
#define NK_GZ_MAXWORD 1024 /* bytes in one key word */

typedef struct {
    uint32_t label, first_child, val_start;
} nk_gznode;

typedef struct {
    /* vocabulary */
    uint32_t nwords;
    uint32_t *word_off; /* nwords + 1 offsets into pool */
    char *pool;
    uint32_t pool_len;
    /* trie */
    uint32_t nnodes, nvals;
    nk_gznode *node; /* nnodes + 1 */
    uint32_t *vals;  /* nvals: entry indices */
    /* rebuilt indexes */
    uint32_t *slots; /* 2 * nslots: wid + 1 (0 empty), hash check */
    uint32_t smask;
    uint32_t *rootchild; /* nwords: node or 0 */
    uint64_t *bits;      /* first-word filter */
    uint32_t bmask;
    uint32_t *edges; /* 3 * (emask + 1): parent + 1 (0 empty), label, child */
    uint32_t emask;
    uint64_t *cbits; /* next-word filter: (node, label word) of every edge below the root */
    uint32_t cmask;
} nk_gzkeys;

struct nk_gazetteer {
    nk_alloc alloc;
    uint32_t flags;
    uint32_t nentries, nforms, nmeta;
    uint32_t *e_id, *e_type, *e_name; /* offsets into spool */
    uint32_t *e_meta;                 /* nentries + 1 */
    uint32_t *m_key, *m_val;          /* nmeta */
    char *spool;
    uint32_t spool_len;
    nk_gzkeys keys[2]; /* exact, variants */
    void *blob;        /* one allocation holding the arrays of a loaded gazetteer */
    size_t blob_len;
};

/*
** --- the word hash ---------------------------------------------------------
** A polynomial hash over the bytes (ASCII letters folded to lower case),
** h = h * B + byte, finished by a 64-bit mixer with the length. Being
** polynomial, the hash of any suffix of a word comes from the hash of the
** whole word and of its prefix in O(1): H(s[k..n)) = H(s) - H(s[0..k)) * B^(n-k),
** which is how the matcher reads every clitic split of a word at once.
*/
static inline uint64_t nk_hfinal(uint64_t h, size_t n)
{
    /* one multiply: the high half of the product is well mixed, and folded into the low half
       (the slot index) */
    h = (h ^ (uint64_t)n * 0xff51afd7ed558ccdULL) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 32);
}
static inline uint64_t nk_whash(const char *s, size_t n)
{
    return nk_hfinal(nk_hpoly(s, n), n);
}

/* --- tokens ---------------------------------------------------------------- */

/*
** A token: byte span, class, whether a line break precedes it, and the
** polynomial hash of its bytes (h).
*/
typedef struct {
    size_t s, e;
    int cls, nl;
    uint64_t h;
} nk_gztok;

/* The class of a code point for the gazetteer's words. */
static inline int nk_gz_cls(uint32_t c)
{
    return (int)(NK_SCAN_GAZETTEER.role[nk_cc(c)] & NK_SC_CLS);
}

/* The next token of s[0..len) at or after *pos: the core's one scanner with the options
** NK_SCAN_GAZETTEER (nk_scan.h); returns its class (NK_TOK_NONE at the end). */
static NK_SCAN_HOT int nk_gz_next(const char *str, size_t len, size_t *pos, nk_gztok *t)
{
    nk_scanner sc;
    nk_scan_tok x;
    sc.s = str;
    sc.len = len;
    sc.pos = *pos;
    sc.nl = 0;
    if (!nk_scan_next(&NK_SCAN_GAZETTEER, &sc, &x)) {
        *pos = t->s = t->e = len;
        t->nl = sc.nl;
        return t->cls = NK_TOK_NONE;
    }
    *pos = t->e = x.end;
    t->s = x.start;
    t->cls = x.cls;
    t->nl = x.nl;
    t->h = x.h;
    return x.cls;
}

/*
** Next token of s[0..len) at or after *pos: sets *ts, *te, returns its class
** (NK_TOK_NONE at the end of the text). *nl is set when a line break lies
** between the previous token and this one.
*/
int nk_gz_token(const char *s, size_t len, size_t *pos, size_t *ts, size_t *te, int *nl);

/* The spelling-variant key of an Arabic word into out (room for n bytes); returns its length. */
size_t nk_gz_variant(const char *s, size_t n, char *out);

/* a[0..n) == b[0..n): eight bytes at a time, the tail as one overlapping load. */
static inline int nk_gz_eq(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    uint32_t u, v;
    if (n >= 8) {
        size_t i;
        for (i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        memcpy(&u, a, 4);
        memcpy(&v, b, 4);
        if (u != v)
            return 0;
        memcpy(&u, a + n - 4, 4);
        memcpy(&v, b + n - 4, 4);
        return u == v;
    }
    for (; n > 0; n--)
        if (*a++ != *b++)
            return 0;
    return 1;
}

/* Word id of s[0..n) (hash h = nk_whash(s, n)) in key space k, or -1. */
static inline int64_t nk_gz_lookup(const nk_gzkeys *k, uint64_t h, const char *s, size_t n,
                                   int fold)
{
    uint32_t i = (uint32_t)h & k->smask, check = (uint32_t)(h >> 32);
    if (k->slots == NULL)
        return -1;
    for (;; i = (i + 1) & k->smask) {
        uint32_t w = k->slots[2 * i];
        if (w == 0)
            return -1;
        if (k->slots[2 * i + 1] == check) {
            const char *p = k->pool + k->word_off[w - 1];
            size_t wl = k->word_off[w] - k->word_off[w - 1], j;
            if (wl == n) {
                if (!fold) {
                    if (nk_gz_eq(p, s, n))
                        return (int64_t)(w - 1);
                } else {
                    for (j = 0; j < n && p[j] == (char)nk_fold((unsigned char)s[j]); j++)
                        ;
                    if (j == n)
                        return (int64_t)(w - 1);
                }
            }
        }
    }
}

/*
** The first-word filter is indexed by a cheap mix of the raw polynomial hash
** (one multiply), so most words are dismissed before the full mixer runs.
*/
static inline uint32_t nk_gz_bit(uint64_t hraw, size_t n)
{
    return (uint32_t)(((hraw + n) * 0xd6e8feb86659fd93ULL) >> 32);
}
static inline int nk_gz_maybe_first(const nk_gzkeys *k, uint64_t hraw, size_t n)
{
    uint32_t b = nk_gz_bit(hraw, n) & k->bmask;
    return k->bits != NULL && ((k->bits[b >> 6] >> (b & 63)) & 1u);
}

/*
** The next-word filter: one bit per (node, label word) of the edges below the
** root, keyed by the raw hash of the word, so a text word that continues no
** key from this node is dismissed before it is looked up in the vocabulary.
*/
static inline uint32_t nk_gz_cbit(uint64_t hraw, size_t n, uint32_t node)
{
    return (
        uint32_t)(((hraw + n) * 0xd6e8feb86659fd93ULL + (uint64_t)node * 0x9e3779b97f4a7c15ULL) >>
                  32);
}
static inline int nk_gz_maybe_next(const nk_gzkeys *k, uint32_t node, uint64_t hraw, size_t n)
{
    uint32_t b = nk_gz_cbit(hraw, n, node) & k->cmask;
    return k->cbits == NULL || ((k->cbits[b >> 6] >> (b & 63)) & 1u);
}

#define NK_GZ_FANOUT 8 /* nodes with more children are also indexed in the edge hash */
static inline uint32_t nk_gz_ehash(uint32_t n, uint32_t w)
{
    uint64_t h = ((uint64_t)n << 32 | w) * 0x9e3779b97f4a7c15ULL;
    return (uint32_t)(h >> 29);
}

/*
** Child of node n labelled w, or 0: a hash probe under a wide node, else a
** branch-free search among the few sorted siblings.
*/
static inline uint32_t nk_gz_child(const nk_gzkeys *k, uint32_t n, uint32_t w)
{
    uint32_t lo = k->node[n].first_child, len = k->node[n + 1].first_child - lo;
    const nk_gznode *b = k->node + lo;
    if (len > NK_GZ_FANOUT && k->edges != NULL) {
        uint32_t i = nk_gz_ehash(n, w) & k->emask;
        for (;; i = (i + 1) & k->emask) {
            const uint32_t *e = k->edges + 3 * (size_t)i;
            if (e[0] == 0)
                return 0;
            if (e[0] == n + 1 && e[1] == w)
                return e[2];
        }
    }
    if (len == 0)
        return 0;
    while (len > 1) {
        uint32_t half = len / 2;
        b = (b[half].label <= w) ? b + half : b;
        len -= half;
    }
    return b->label == w ? (uint32_t)(b - k->node) : 0;
}

/* Build the hash index, root map and first-word filter of k. */
nk_status nk_gz_index(nk_gzkeys *k, const nk_alloc *a);

#endif
