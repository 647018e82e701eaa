/*
** nk_gzint.h
** Internals shared by nk_gazetteer.c and nk_match.c (not a public header):
** the compiled layout of a gazetteer, the word tokenizer both sides use,
** the word hash and the spelling-variant key.
**
** A key space is a vocabulary of normalized word tokens (ids 0..nwords-1)
** plus a trie over word-id sequences stored breadth first: node 0 is the
** root, the children of node n are the nodes first_child[n] ..
** first_child[n+1]-1, sorted by label (the word id on the edge into them),
** and the entries whose key ends at node n are vals[val_start[n] ..
** val_start[n+1]-1]. Only the vocabulary, the trie arrays and the entries are
** saved; the hash index, the root map and the first-word filter are rebuilt
** when a gazetteer is built or loaded.
*/
#ifndef NK_GZINT_H
#define NK_GZINT_H

#include "nk_gazetteer.h"

/* Token classes. */
enum { NK_TK_SPACE = 0, NK_TK_AR = 1, NK_TK_WORD = 2, NK_TK_PUNCT = 3 };

#define NK_GZ_MAXTOKENS 32 /* words in one key */
#define NK_GZ_MAXWORD 1024 /* bytes in one key word */

typedef struct {
    /* vocabulary */
    uint32_t nwords;
    uint32_t *word_off; /* nwords + 1 offsets into pool */
    char *pool;
    uint32_t pool_len;
    /* trie */
    uint32_t nnodes, nvals;
    uint32_t *label;       /* nnodes */
    uint32_t *first_child; /* nnodes + 1 */
    uint32_t *val_start;   /* nnodes + 1 */
    uint32_t *vals;        /* nvals: entry indices */
    /* rebuilt indexes */
    uint32_t *slots; /* 2 * nslots: wid + 1 (0 empty), hash check */
    uint32_t smask;
    uint32_t *rootchild; /* nwords: node or 0 */
    uint64_t *bits;      /* first-word filter */
    uint32_t bmask;
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

/* --- the word hash: FNV-1a over the bytes from last to first, ASCII folded ---- */
#define NK_H_INIT 0xcbf29ce484222325ULL
static inline unsigned char nk_fold(unsigned char c)
{
    return (unsigned char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
}
static inline uint64_t nk_hstep(uint64_t h, unsigned char c)
{
    return (h ^ nk_fold(c)) * 0x100000001b3ULL;
}
static inline uint64_t nk_hfinal(uint64_t h, size_t n)
{
    h ^= (uint64_t)n * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}
static inline uint64_t nk_whash(const char *s, size_t n)
{
    uint64_t h = NK_H_INIT;
    size_t i = n;
    while (i > 0)
        h = nk_hstep(h, (unsigned char)s[--i]);
    return nk_hfinal(h, n);
}

/*
** Next token of s[0..len) at or after *pos: sets *ts, *te, returns its class
** (NK_TK_SPACE at the end of the text). *nl is set when a line break lies
** between the previous token and this one.
*/
int nk_gz_token(const char *s, size_t len, size_t *pos, size_t *ts, size_t *te, int *nl);

/* The spelling-variant key of an Arabic word into out (room for n bytes); returns its length. */
size_t nk_gz_variant(const char *s, size_t n, char *out);

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
                    if (memcmp(p, s, n) == 0)
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

static inline int nk_gz_maybe_first(const nk_gzkeys *k, uint64_t h)
{
    uint32_t b = (uint32_t)(h >> 17) & k->bmask;
    return k->bits != NULL && ((k->bits[b >> 6] >> (b & 63)) & 1u);
}

/* Child of node n labelled w, or 0. */
static inline uint32_t nk_gz_child(const nk_gzkeys *k, uint32_t n, uint32_t w)
{
    uint32_t lo = k->first_child[n], hi = k->first_child[n + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (k->label[mid] < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < k->first_child[n + 1] && k->label[lo] == w) ? lo : 0;
}

/* Build the hash index, root map and first-word filter of k. */
nk_status nk_gz_index(nk_gzkeys *k, const nk_alloc *a);

#endif
