/*
** nk_pattern.c
** The token-pattern engine; see nk_pattern.h and docs/extraction.md.
**
** Compiling: the source is parsed into a tree per pattern, checked (lists
** known, repeated items take a token), and generated into one instruction
** array for all patterns (a backtracking machine: TEST, SPLIT, JMP, GAP,
** SAVE, LOOK, MATCH). Every list entry and every literal word goes into one
** hash table whose nodes carry the set of lists holding that key.
** Scanning: the text is masked and cut into words once; each word's key,
** its clitic readings and the multi-word entries starting at it are looked up
** once, giving per token a bit set of lists per reading level and length.
** Then every pattern whose first tokens can start there is run at each token.
*/
#include "nk_pattern.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "nk_words.h"

#define NW 4               /* 64-bit words of a list bit set */
#define MAXLISTS (NW * 64) /* lists, literal words included */
#define MAXLEN 3           /* words of a list entry */
#define MAXLVL 3           /* reading levels: exact, proclitics, article */
#define MAXREP 64          /* largest count in {m,n} */
#define MAXINS 65536       /* instructions of a set */
#define MAXDEPTH 32        /* nesting of groups and look-arounds */
#define MAXGAP 12          /* bytes of a white-space gap */
#define MAXKEY 256         /* bytes of a key looked up */

typedef struct {
    uint64_t b[NW];
} bits;

static int bits_has(const bits *s, unsigned i)
{
    return (int)((s->b[i >> 6] >> (i & 63)) & 1u);
}

static void bits_set(bits *s, unsigned i)
{
    s->b[i >> 6] |= (uint64_t)1 << (i & 63);
}

static void bits_or(bits *d, const bits *s)
{
    for (int k = 0; k < NW; k++)
        d->b[k] |= s->b[k];
}

static int bits_meet(const bits *a, const bits *b)
{
    for (int k = 0; k < NW; k++)
        if (a->b[k] & b->b[k])
            return 1;
    return 0;
}

/* {==================== the set ==================== */

typedef struct {
    uint32_t key, klen; /* offset into str */
    bits in;            /* lists with this key as an entry */
    int prefix;         /* the key is the first word(s) of a longer entry */
    uint32_t chain;     /* first entry with this key (UINT32_MAX none) */
} hnode;

typedef struct {
    uint32_t list, key, value, next; /* key, value: offsets into str */
} entry;

typedef struct {
    uint32_t name;                  /* offset into str */
    int hidden;                     /* a literal word's list */
    uint32_t first_entry, nentries; /* in ent[] order of file: indices list_ents */
} plist;

enum { I_TEST, I_SPLIT, I_JMP, I_GAP, I_SAVE, I_LOOK, I_MATCH };
enum { T_LIST, T_NUM, T_CLASS, T_ANY };
enum { G_TIGHT, G_CHARS, G_EXACT, G_ANY };

typedef struct {
    uint8_t op, kind, lvl, neg, back, suffix;
    uint32_t x, y;  /* TEST: list or class; SPLIT: x, y; JMP/LOOK: x; GAP: str; SAVE: slot */
    int64_t lo, hi; /* number range */
} ins;

typedef struct {
    uint32_t name, pc;
    bits first;
    int first_num, first_any;
} pat;

struct nk_pattern_set {
    const nk_alloc *alloc;
    nk_buf str;
    hnode *h;
    size_t hcap, hn;
    entry *ent;
    size_t nent, capent;
    uint32_t *lent; /* entries by list, in file order */
    plist *lists;
    size_t nlists, caplists;
    uint32_t *vis; /* visible lists */
    size_t nvis;
    pat *pats;
    size_t npats, cappats;
    ins *code;
    size_t ncode, capcode;
    uint32_t *caps; /* capture names: offsets into str */
    size_t ncaps, capcaps;
    int maxlvl, maxlen;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static const char *S(const nk_pattern_set *set, uint32_t off)
{
    return set->str.data + off;
}

static nk_status str_add(nk_pattern_set *set, const char *s, size_t n, uint32_t *off)
{
    nk_status st;
    if (set->str.len + n + 1 > UINT32_MAX)
        return NK_ERANGE;
    *off = (uint32_t)set->str.len;
    if ((st = nk_buf_append(&set->str, s, n)) != NK_OK)
        return st;
    return nk_buf_putc(&set->str, '\0');
}

static hnode *hfind(const nk_pattern_set *set, const char *k, size_t n)
{
    size_t mask, i;
    if (set->hcap == 0)
        return NULL;
    mask = set->hcap - 1;
    i = hash_bytes(k, n) & mask;
    while (set->h[i].klen != UINT32_MAX) {
        if (set->h[i].klen == n && memcmp(S(set, set->h[i].key), k, n) == 0)
            return &set->h[i];
        i = (i + 1) & mask;
    }
    return NULL;
}

static nk_status hgrow(nk_pattern_set *set)
{
    size_t ncap = set->hcap ? set->hcap * 2 : 256, i;
    hnode *nh = nk_malloc(set->alloc, ncap * sizeof *nh);
    if (nh == NULL)
        return NK_ENOMEM;
    for (i = 0; i < ncap; i++)
        nh[i].klen = UINT32_MAX;
    for (i = 0; i < set->hcap; i++) {
        hnode *o = &set->h[i];
        size_t j;
        if (o->klen == UINT32_MAX)
            continue;
        j = hash_bytes(S(set, o->key), o->klen) & (ncap - 1);
        while (nh[j].klen != UINT32_MAX)
            j = (j + 1) & (ncap - 1);
        nh[j] = *o;
    }
    nk_free(set->alloc, set->h, set->hcap * sizeof *set->h);
    set->h = nh;
    set->hcap = ncap;
    return NK_OK;
}

/* The node of key k, created when missing. */
static nk_status hget(nk_pattern_set *set, const char *k, size_t n, hnode **out)
{
    hnode *f = hfind(set, k, n);
    nk_status st;
    size_t i;
    uint32_t off;
    if (f != NULL) {
        *out = f;
        return NK_OK;
    }
    if ((set->hn + 1) * 2 > set->hcap && (st = hgrow(set)) != NK_OK)
        return st;
    if ((st = str_add(set, k, n, &off)) != NK_OK)
        return st;
    i = hash_bytes(k, n) & (set->hcap - 1);
    while (set->h[i].klen != UINT32_MAX)
        i = (i + 1) & (set->hcap - 1);
    memset(&set->h[i], 0, sizeof set->h[i]);
    set->h[i].key = off;
    set->h[i].klen = (uint32_t)n;
    set->h[i].chain = UINT32_MAX;
    set->hn++;
    *out = &set->h[i];
    return NK_OK;
}

#define GROW(set, arr, n, cap)                                                                     \
    do {                                                                                           \
        if ((set)->n == (set)->cap) {                                                              \
            size_t nc_ = (set)->cap ? (set)->cap * 2 : 16;                                         \
            void *p_ = nk_realloc((set)->alloc, (set)->arr, (set)->cap * sizeof *(set)->arr,       \
                                  nc_ * sizeof *(set)->arr);                                       \
            if (p_ == NULL)                                                                        \
                return NK_ENOMEM;                                                                  \
            (set)->arr = p_;                                                                       \
            (set)->cap = nc_;                                                                      \
        }                                                                                          \
    } while (0)

/* Add key (words folded, joined by one space) with value to list li. */
static nk_status add_entry(nk_pattern_set *set, uint32_t li, const char *k, size_t n, const char *v,
                           size_t vn)
{
    hnode *node;
    nk_status st;
    uint32_t voff;
    size_t words = 1;
    for (size_t i = 0; i < n; i++)
        if (k[i] == ' ') {
            /* the shorter keys are prefixes */
            if ((st = hget(set, k, i, &node)) != NK_OK)
                return st;
            node->prefix = 1;
            words++;
        }
    if (words > (size_t)set->maxlen)
        set->maxlen = (int)words;
    if ((st = hget(set, k, n, &node)) != NK_OK)
        return st;
    if (bits_has(&node->in, li))
        return NK_OK; /* the first value of a key stays */
    bits_set(&node->in, li);
    if ((st = str_add(set, v, vn, &voff)) != NK_OK)
        return st;
    node = hfind(set, k, n); /* str_add may not move nodes, but keep it plain */
    GROW(set, ent, nent, capent);
    set->ent[set->nent].list = li;
    set->ent[set->nent].key = node->key;
    set->ent[set->nent].value = voff;
    set->ent[set->nent].next = node->chain;
    node->chain = (uint32_t)set->nent;
    set->nent++;
    return NK_OK;
}

void nk_pattern_free(nk_pattern_set *set)
{
    const nk_alloc *a;
    if (set == NULL)
        return;
    a = set->alloc;
    nk_buf_free(&set->str);
    nk_free(a, set->h, set->hcap * sizeof *set->h);
    nk_free(a, set->ent, set->capent * sizeof *set->ent);
    nk_free(a, set->lent, set->nent * sizeof *set->lent);
    nk_free(a, set->lists, set->caplists * sizeof *set->lists);
    nk_free(a, set->vis, set->nlists * sizeof *set->vis);
    nk_free(a, set->pats, set->cappats * sizeof *set->pats);
    nk_free(a, set->code, set->capcode * sizeof *set->code);
    nk_free(a, set->caps, set->capcaps * sizeof *set->caps);
    nk_free(a, set, sizeof *set);
}

size_t nk_pattern_count(const nk_pattern_set *set)
{
    return set->npats;
}

const char *nk_pattern_name(const nk_pattern_set *set, size_t i)
{
    return i < set->npats ? S(set, set->pats[i].name) : NULL;
}

size_t nk_pattern_list_count(const nk_pattern_set *set)
{
    return set->nvis;
}

const char *nk_pattern_list_name(const nk_pattern_set *set, size_t i)
{
    return i < set->nvis ? S(set, set->lists[set->vis[i]].name) : NULL;
}

int nk_pattern_list_entry(const nk_pattern_set *set, size_t i, size_t k, const char **key,
                          const char **value)
{
    const plist *l;
    const entry *e;
    if (i >= set->nvis)
        return 0;
    l = &set->lists[set->vis[i]];
    if (k >= l->nentries)
        return 0;
    e = &set->ent[set->lent[l->first_entry + k]];
    *key = S(set, e->key);
    *value = S(set, e->value);
    return 1;
}

const char *nk_pattern_capture_name(const nk_pattern_set *set, size_t i)
{
    return i < set->ncaps ? S(set, set->caps[i]) : NULL;
}

/* }==================== */

/* {==================== parsing ==================== */

enum { N_TEST, N_GAP, N_LOOK, N_SEQ, N_ALT };

typedef struct {
    int kind;
    int min, max; /* quantifier; max -1 = no limit */
    int cap;      /* capture index or -1 */
    int child, next;
    /* N_TEST */
    int tkind, lvl, suffix;
    int64_t lo, hi;
    uint32_t ref; /* T_LIST: list name (str offset) until resolved, then list index */
    size_t line, col;
    /* N_GAP: kind in tkind, text in ref; N_LOOK: neg, back */
    int neg, back;
} node;

typedef struct {
    nk_pattern_set *set;
    const char *s;
    size_t len, pos, line, lstart; /* lstart: offset of the current line */
    nk_error *err;
    node *nd;
    size_t nnd, capnd;
    const nk_alloc *alloc;
    int depth;
    nk_status st; /* first error */
} parser;

/* msg with its one "%s" replaced by arg, into out (never a format string). */
static void render(char *out, size_t cap, const char *msg, const char *arg)
{
    const char *at = strstr(msg, "%s");
    size_t k = 0;
    for (const char *m = msg; *m && k + 1 < cap; m++) {
        if (m == at) {
            for (const char *a = arg; *a && k + 1 < cap; a++)
                out[k++] = *a;
            m++;
            continue;
        }
        out[k++] = *m;
    }
    out[k] = '\0';
}

static size_t col_of(const parser *p, size_t pos)
{
    /* 1-based column in code points */
    size_t c = 1;
    for (size_t i = p->lstart; i < pos && i < p->len; i++)
        if (((unsigned char)p->s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

static int fail(parser *p, size_t pos, const char *fmt, const char *arg)
{
    if (p->st == NK_OK) {
        /* pos is on the current line (the parser never looks back across lines) */
        p->st = NK_EFORMAT;
        if (p->err != NULL) {
            char m[sizeof p->err->msg];
            render(m, sizeof m, fmt, arg ? arg : "");
            nk_seterror(p->err, NK_EFORMAT, pos, "%s", m);
            p->err->line = p->line;
            p->err->col = col_of(p, pos);
        }
    }
    return -1;
}

/* An error at a known line and column (found after the text was read). */
static int fail_at(parser *p, size_t line, size_t col, const char *fmt, const char *arg)
{
    if (p->st == NK_OK) {
        p->st = NK_EFORMAT;
        if (p->err != NULL) {
            char m[sizeof p->err->msg];
            render(m, sizeof m, fmt, arg ? arg : "");
            nk_seterror(p->err, NK_EFORMAT, 0, "%s", m);
            p->err->line = line;
            p->err->col = col;
        }
    }
    return -1;
}

static int fail_nomem(parser *p, nk_status st)
{
    if (p->st == NK_OK) {
        p->st = st;
        if (p->err != NULL) {
            nk_seterror(p->err, st, p->pos, "%s", nk_strerror(st));
            p->err->line = p->line;
            p->err->col = col_of(p, p->pos);
        }
    }
    return -1;
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Skip spaces, comments and line ends; returns 1 when the next character
** starts a line at column 1 (a new definition) or the text ends. */
static int skip(parser *p)
{
    for (;;) {
        while (p->pos < p->len && is_space((unsigned char)p->s[p->pos]))
            p->pos++;
        if (p->pos >= p->len)
            return 1;
        if (p->s[p->pos] == '#' &&
            !(p->pos + 1 < p->len && p->s[p->pos + 1] >= '0' && p->s[p->pos + 1] <= '9')) {
            while (p->pos < p->len && p->s[p->pos] != '\n')
                p->pos++;
            continue;
        }
        if (p->s[p->pos] == '\n') {
            p->pos++;
            p->line++;
            p->lstart = p->pos;
            if (p->pos < p->len && !is_space((unsigned char)p->s[p->pos]) && p->s[p->pos] != '\n' &&
                p->s[p->pos] != '#')
                return 1;
            continue;
        }
        return p->pos == p->lstart && p->s[p->pos] != '#';
    }
}

static int is_ident(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* A character that ends a bare word. */
static int is_special(int c)
{
    return is_space(c) || c == '\n' || strchr("()|?*+{}=@#:.!<&~\"", c) != NULL;
}

static int new_node(parser *p, int kind)
{
    if (p->nnd == p->capnd) {
        size_t nc = p->capnd ? p->capnd * 2 : 64;
        void *q;
        if (nc > MAXINS)
            return fail(p, p->pos, "%spattern too large", "");
        q = nk_realloc(p->alloc, p->nd, p->capnd * sizeof *p->nd, nc * sizeof *p->nd);
        if (q == NULL)
            return fail_nomem(p, NK_ENOMEM);
        p->nd = q;
        p->capnd = nc;
    }
    memset(&p->nd[p->nnd], 0, sizeof p->nd[p->nnd]);
    p->nd[p->nnd].kind = kind;
    p->nd[p->nnd].min = p->nd[p->nnd].max = 1;
    p->nd[p->nnd].cap = -1;
    p->nd[p->nnd].child = p->nd[p->nnd].next = -1;
    p->nd[p->nnd].line = p->line;
    p->nd[p->nnd].col = col_of(p, p->pos);
    return (int)p->nnd++;
}

/* A quoted string at p->pos (after the opening quote): its bytes into *s, *n. */
static int quoted(parser *p, nk_buf *out)
{
    size_t start = p->pos - 1;
    out->len = 0;
    while (p->pos < p->len && p->s[p->pos] != '"' && p->s[p->pos] != '\n') {
        char c = p->s[p->pos++];
        if (c == '\\' && p->pos < p->len && (p->s[p->pos] == '"' || p->s[p->pos] == '\\'))
            c = p->s[p->pos++];
        if (nk_buf_putc(out, c) != NK_OK)
            return fail_nomem(p, NK_ENOMEM);
    }
    if (p->pos >= p->len || p->s[p->pos] != '"')
        return fail(p, start, "%sunterminated string", "");
    p->pos++;
    return 0;
}

/* Fold the words of w[0..n) (split at white space) joined by one space into out. */
static int fold_words(parser *p, const char *w, size_t n, nk_buf *out)
{
    size_t i = 0;
    char tmp[MAXKEY];
    out->len = 0;
    while (i < n) {
        size_t j;
        while (i < n && is_space((unsigned char)w[i]))
            i++;
        if (i >= n)
            break;
        j = i;
        while (j < n && !is_space((unsigned char)w[j]))
            j++;
        if (j - i > MAXKEY)
            return fail(p, p->pos, "%sword too long", "");
        if (out->len && nk_buf_putc(out, ' ') != NK_OK)
            return fail_nomem(p, NK_ENOMEM);
        if (nk_buf_append(out, tmp, nk_words_fold(w + i, j - i, tmp)) != NK_OK)
            return fail_nomem(p, NK_ENOMEM);
        i = j;
    }
    return 0;
}

static int find_list(const nk_pattern_set *set, const char *name, size_t n)
{
    for (size_t i = 0; i < set->nlists; i++) {
        const char *ln = S(set, set->lists[i].name);
        if (strlen(ln) == n && memcmp(ln, name, n) == 0)
            return (int)i;
    }
    return -1;
}

static int new_list(parser *p, const char *name, size_t n, int hidden)
{
    nk_pattern_set *set = p->set;
    uint32_t off;
    nk_status st;
    if (set->nlists >= MAXLISTS)
        return fail(p, p->pos, "%stoo many lists and words (at most 256)", "");
    if (set->nlists == set->caplists) {
        size_t nc = set->caplists ? set->caplists * 2 : 16;
        void *q = nk_realloc(set->alloc, set->lists, set->caplists * sizeof *set->lists,
                             nc * sizeof *set->lists);
        if (q == NULL)
            return fail_nomem(p, NK_ENOMEM);
        set->lists = q;
        set->caplists = nc;
    }
    if ((st = str_add(set, name, n, &off)) != NK_OK)
        return fail_nomem(p, st);
    memset(&set->lists[set->nlists], 0, sizeof set->lists[0]);
    set->lists[set->nlists].name = off;
    set->lists[set->nlists].hidden = hidden;
    return (int)set->nlists++;
}

/* A literal word's hidden list (one per distinct key). */
static int word_list(parser *p, const char *key, size_t n)
{
    char nm[MAXKEY + 3];
    int li;
    nk_status st;
    if (n > MAXKEY)
        return fail(p, p->pos, "%sword too long", "");
    nm[0] = '"';
    memcpy(nm + 1, key, n);
    nm[n + 1] = '"';
    li = find_list(p->set, nm, n + 2);
    if (li >= 0)
        return li;
    if ((li = new_list(p, nm, n + 2, 1)) < 0)
        return -1;
    if ((st = add_entry(p->set, (uint32_t)li, key, n, "", 0)) != NK_OK)
        return fail_nomem(p, st);
    return li;
}

static int capture_index(parser *p, const char *name, size_t n)
{
    nk_pattern_set *set = p->set;
    uint32_t off;
    nk_status st;
    for (size_t i = 0; i < set->ncaps; i++) {
        const char *c = S(set, set->caps[i]);
        if (strlen(c) == n && memcmp(c, name, n) == 0)
            return (int)i;
    }
    if (set->ncaps >= 64)
        return fail(p, p->pos, "%stoo many capture names (at most 64)", "");
    if (set->ncaps == set->capcaps) {
        size_t nc = set->capcaps ? set->capcaps * 2 : 8;
        void *q = nk_realloc(set->alloc, set->caps, set->capcaps * sizeof *set->caps,
                             nc * sizeof *set->caps);
        if (q == NULL)
            return fail_nomem(p, NK_ENOMEM);
        set->caps = q;
        set->capcaps = nc;
    }
    if ((st = str_add(set, name, n, &off)) != NK_OK)
        return fail_nomem(p, st);
    set->caps[set->ncaps] = off;
    return (int)set->ncaps++;
}

static int parse_alt(parser *p, nk_buf *tmp);

static int read_int(parser *p, int64_t *v)
{
    size_t start = p->pos;
    int64_t x = 0;
    if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
        return fail(p, p->pos, "%sexpected a number", "");
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
        if (x > (INT64_MAX - 9) / 10)
            return fail(p, start, "%snumber too large", "");
        x = x * 10 + (p->s[p->pos++] - '0');
    }
    *v = x;
    return 0;
}

static int tildes(parser *p)
{
    int n = 0;
    while (p->pos < p->len && p->s[p->pos] == '~' && n < 2) {
        p->pos++;
        n++;
    }
    if (p->pos < p->len && p->s[p->pos] == '~')
        return fail(p, p->pos, "%sat most two '~' after a test", "");
    return n;
}

/* One atom (without quantifier or capture name). */
static int parse_atom(parser *p, nk_buf *tmp)
{
    size_t at = p->pos;
    unsigned char c = (unsigned char)p->s[p->pos];
    int n, k;
    if (c == '(') {
        size_t oline = p->line, ocol = col_of(p, at);
        p->pos++;
        if (++p->depth > MAXDEPTH)
            return fail(p, at, "%sgroups nested too deeply", "");
        k = parse_alt(p, tmp);
        p->depth--;
        if (k < 0)
            return -1;
        if (p->pos >= p->len || p->s[p->pos] != ')')
            return fail_at(p, oline, ocol, "%sthe group opened here is not closed with ')'", "");
        p->pos++;
        p->nd[k].line = oline;
        p->nd[k].col = ocol;
        return k;
    }
    if (c == '&' || c == '!' || c == '<') {
        int neg = 0, back = 0;
        if (c == '<') {
            back = 1;
            p->pos++;
            if (p->pos < p->len && p->s[p->pos] == '!') {
                neg = 1;
                p->pos++;
            }
        } else {
            neg = c == '!';
            p->pos++;
        }
        if (p->pos >= p->len || p->s[p->pos] != '(')
            return fail(p, at, "%sa look-around is written &( ), !( ), <( ) or <!( )", "");
        if ((n = new_node(p, N_LOOK)) < 0)
            return -1;
        p->nd[n].neg = neg;
        p->nd[n].back = back;
        if ((k = parse_atom(p, tmp)) < 0)
            return -1;
        p->nd[n].child = k;
        return n;
    }
    if (c == '_') {
        p->pos++;
        if ((n = new_node(p, N_GAP)) < 0)
            return -1;
        p->nd[n].line = p->line;
        p->nd[n].col = col_of(p, at);
        if (p->pos < p->len && p->s[p->pos] == '*') {
            p->pos++;
            p->nd[n].tkind = G_ANY;
            return n;
        }
        p->nd[n].tkind = G_CHARS;
        if (p->pos < p->len && p->s[p->pos] == '=') {
            p->pos++;
            p->nd[n].tkind = G_EXACT;
        }
        if (p->pos >= p->len || p->s[p->pos] != '"')
            return fail(p, at, "%sa gap is written _\"CHARS\", _=\"TEXT\" or _*", "");
        p->pos++;
        if (quoted(p, tmp) < 0)
            return -1;
        if (tmp->len == 0 || tmp->len > MAXGAP)
            return fail(p, at, "%sthe text of a gap has 1 to 12 bytes", "");
        {
            uint32_t off;
            nk_status st = str_add(p->set, tmp->data, tmp->len, &off);
            if (st != NK_OK)
                return fail_nomem(p, st);
            p->nd[n].ref = off;
        }
        return n;
    }
    if ((n = new_node(p, N_TEST)) < 0)
        return -1;
    p->nd[n].col = col_of(p, at);
    if (c == '@') {
        size_t st = ++p->pos;
        uint32_t off;
        nk_status s2;
        while (p->pos < p->len && is_ident((unsigned char)p->s[p->pos]))
            p->pos++;
        if (p->pos == st)
            return fail(p, at, "%sexpected a list name after '@'", "");
        if ((s2 = str_add(p->set, p->s + st, p->pos - st, &off)) != NK_OK)
            return fail_nomem(p, s2);
        p->nd[n].tkind = T_LIST;
        p->nd[n].ref = off;
        p->nd[n].lo = -1; /* unresolved */
        if ((k = tildes(p)) < 0)
            return -1;
        p->nd[n].lvl = k;
        return n;
    }
    if (c == '#') {
        p->pos++;
        if (read_int(p, &p->nd[n].lo) < 0)
            return -1;
        p->nd[n].hi = p->nd[n].lo;
        if (p->pos + 1 < p->len && p->s[p->pos] == '.' && p->s[p->pos + 1] == '.') {
            p->pos += 2;
            if (read_int(p, &p->nd[n].hi) < 0)
                return -1;
        }
        if (p->nd[n].hi < p->nd[n].lo)
            return fail(p, at, "%sempty number range", "");
        p->nd[n].tkind = T_NUM;
        if ((k = tildes(p)) < 0)
            return -1;
        if (k > 1)
            return fail(p, at, "%sa number takes one '~' (letters may follow the digits)", "");
        p->nd[n].suffix = k;
        return n;
    }
    if (c == ':') {
        size_t st = ++p->pos;
        static const char *const names[] = {"arabic", "latin", "number"};
        while (p->pos < p->len && is_ident((unsigned char)p->s[p->pos]))
            p->pos++;
        for (k = 0; k < 3; k++)
            if (strlen(names[k]) == p->pos - st && memcmp(names[k], p->s + st, p->pos - st) == 0)
                break;
        if (k == 3)
            return fail(p, at, "%sunknown class (expected :arabic, :latin or :number)", "");
        p->nd[n].tkind = T_CLASS;
        p->nd[n].ref = (uint32_t)k;
        return n;
    }
    if (c == '.') {
        p->pos++;
        p->nd[n].tkind = T_ANY;
        return n;
    }
    {
        /* a literal word, bare or quoted */
        nk_buf fw;
        int li;
        if (c == '"') {
            p->pos++;
            if (quoted(p, tmp) < 0)
                return -1;
        } else {
            size_t st = p->pos;
            while (p->pos < p->len && !is_special((unsigned char)p->s[p->pos]))
                p->pos++;
            if (p->pos == st) {
                char ch[2] = {c >= ' ' && c < 0x7F ? (char)c : '?', '\0'};
                return fail(p, at, "unexpected '%s'", ch);
            }
            tmp->len = 0;
            if (nk_buf_append(tmp, p->s + st, p->pos - st) != NK_OK)
                return fail_nomem(p, NK_ENOMEM);
        }
        nk_buf_init(&fw, p->alloc);
        if (fold_words(p, tmp->data ? tmp->data : "", tmp->len, &fw) < 0) {
            nk_buf_free(&fw);
            return -1;
        }
        if (fw.len == 0) {
            nk_buf_free(&fw);
            return fail(p, at, "%sempty word", "");
        }
        li = word_list(p, fw.data, fw.len);
        nk_buf_free(&fw);
        if (li < 0)
            return -1;
        p->nd[n].tkind = T_LIST;
        p->nd[n].ref = (uint32_t)li;
        p->nd[n].lo = 0; /* resolved */
        if ((k = tildes(p)) < 0)
            return -1;
        p->nd[n].lvl = k;
        return n;
    }
}

static int parse_item(parser *p, nk_buf *tmp)
{
    size_t at = p->pos, q = p->pos;
    int cap = -1, n;
    while (q < p->len && is_ident((unsigned char)p->s[q]))
        q++;
    if (q > at && q < p->len && p->s[q] == '=' && !(q + 1 < p->len && p->s[q + 1] == '"')) {
        if ((cap = capture_index(p, p->s + at, q - at)) < 0)
            return -1;
        p->pos = q + 1;
        if (p->pos >= p->len || is_space((unsigned char)p->s[p->pos]) || p->s[p->pos] == '\n')
            return fail(p, at, "%sa capture name is followed by the item it captures", "");
    }
    if ((n = parse_atom(p, tmp)) < 0)
        return -1;
    /* quantifier, right after the atom */
    if (p->pos < p->len) {
        char c = p->s[p->pos];
        size_t qat = p->pos;
        int64_t lo = 1, hi = 1;
        if (c == '?' || c == '*' || c == '+') {
            p->pos++;
            lo = c == '+';
            hi = c == '?' ? 1 : -1;
        } else if (c == '{') {
            p->pos++;
            if (read_int(p, &lo) < 0)
                return -1;
            hi = lo;
            if (p->pos < p->len && p->s[p->pos] == ',') {
                p->pos++;
                hi = -1;
                if (p->pos < p->len && p->s[p->pos] != '}' && read_int(p, &hi) < 0)
                    return -1;
            }
            if (p->pos >= p->len || p->s[p->pos] != '}')
                return fail(p, qat, "%sa count is written {m}, {m,} or {m,n}", "");
            p->pos++;
            if ((hi >= 0 && hi < lo) || lo > MAXREP || hi > MAXREP)
                return fail(p, qat, "%sbad count (0 <= m <= n <= 64)", "");
        }
        if (lo != 1 || hi != 1) {
            if (p->nd[n].kind == N_GAP || p->nd[n].kind == N_LOOK)
                return fail(p, qat, "%sa gap or a look-around takes no count", "");
            if (p->nd[n].cap >= 0 || p->nd[n].min != 1 || p->nd[n].max != 1) {
                /* (x?)* and the like: wrap in a group */
                int g = new_node(p, N_SEQ);
                if (g < 0)
                    return -1;
                p->nd[g].child = n;
                n = g;
            }
            p->nd[n].min = (int)lo;
            p->nd[n].max = (int)hi;
        }
    }
    if (cap >= 0) {
        if (p->nd[n].kind == N_GAP || p->nd[n].kind == N_LOOK)
            return fail(p, at, "%sa gap or a look-around cannot be captured", "");
        if (p->nd[n].cap >= 0) {
            int g = new_node(p, N_SEQ);
            if (g < 0)
                return -1;
            p->nd[g].child = n;
            n = g;
        }
        p->nd[n].cap = cap;
    }
    return n;
}

/* Items up to '|', ')' or the end of the definition. */
static int parse_seq(parser *p, nk_buf *tmp)
{
    int seq = new_node(p, N_SEQ), last = -1;
    if (seq < 0)
        return -1;
    for (;;) {
        int it;
        if (skip(p))
            break;
        if (p->s[p->pos] == '|' || p->s[p->pos] == ')')
            break;
        if ((it = parse_item(p, tmp)) < 0)
            return -1;
        if (last < 0)
            p->nd[seq].child = it;
        else
            p->nd[last].next = it;
        last = it;
    }
    return seq;
}

static int parse_alt(parser *p, nk_buf *tmp)
{
    int first = parse_seq(p, tmp), alt, last;
    if (first < 0)
        return -1;
    if (p->pos >= p->len || p->s[p->pos] != '|')
        return first;
    if ((alt = new_node(p, N_ALT)) < 0)
        return -1;
    p->nd[alt].child = last = first;
    while (p->pos < p->len && p->s[p->pos] == '|') {
        int s2;
        p->pos++;
        if ((s2 = parse_seq(p, tmp)) < 0)
            return -1;
        p->nd[last].next = s2;
        last = s2;
    }
    return alt;
}

/* }==================== */

/* {==================== checking and code ==================== */

static int nullable(const parser *p, int n);

/* Can node n, taken once, match without taking a token? */
static int nullable_once(const parser *p, int n)
{
    const node *d = &p->nd[n];
    int r;
    switch (d->kind) {
    case N_TEST:
        return 0;
    case N_GAP:
    case N_LOOK:
        return 1;
    case N_SEQ:
        r = 1;
        for (int c = d->child; c >= 0 && r; c = p->nd[c].next)
            r = nullable(p, c);
        return r;
    default: /* N_ALT */
        for (int c = d->child; c >= 0; c = p->nd[c].next)
            if (nullable(p, c))
                return 1;
        return 0;
    }
}

/* Can node n (with its quantifier) match without taking a token? */
static int nullable(const parser *p, int n)
{
    return p->nd[n].min == 0 || nullable_once(p, n);
}

/* Resolve list names; check repetitions and captures. */
static int check(parser *p, int n, int in_look)
{
    node *d = &p->nd[n];
    if (d->max != 1 && nullable_once(p, n))
        return fail_at(p, d->line, d->col, "%sa repeated item must take a token", "");
    if (d->cap >= 0 && in_look)
        return fail_at(p, d->line, d->col, "%sno capture inside a look-around", "");
    if (d->kind == N_TEST && d->tkind == T_LIST && d->lo < 0) {
        const char *name = S(p->set, d->ref);
        int li = find_list(p->set, name, strlen(name));
        if (li < 0 || p->set->lists[li].hidden)
            return fail_at(p, d->line, d->col, "unknown list '@%s'", name);
        d->ref = (uint32_t)li;
        d->lo = 0;
    }
    for (int c = d->child; c >= 0; c = p->nd[c].next)
        if (check(p, c, in_look || d->kind == N_LOOK) < 0)
            return -1;
    return 0;
}

/* First tokens of node n into f; returns whether n is nullable. */
static int first(const parser *p, int n, bits *f, int *num, int *any)
{
    const node *d = &p->nd[n];
    int r;
    switch (d->kind) {
    case N_TEST:
        if (d->tkind == T_LIST)
            bits_set(f, d->ref);
        else if (d->tkind == T_NUM)
            *num = 1;
        else
            *any = 1;
        r = 0;
        break;
    case N_GAP:
    case N_LOOK:
        r = 1;
        break;
    case N_SEQ:
        r = 1;
        for (int c = d->child; c >= 0 && r; c = p->nd[c].next)
            r = first(p, c, f, num, any);
        break;
    default:
        r = 0;
        for (int c = d->child; c >= 0; c = p->nd[c].next)
            r |= first(p, c, f, num, any);
        break;
    }
    return r || d->min == 0;
}

static int emit(parser *p, int op)
{
    nk_pattern_set *set = p->set;
    if (set->ncode >= MAXINS)
        return fail(p, p->pos, "%stoo many instructions (patterns too large)", "");
    if (set->ncode == set->capcode) {
        size_t nc = set->capcode ? set->capcode * 2 : 256;
        void *q = nk_realloc(set->alloc, set->code, set->capcode * sizeof *set->code,
                             nc * sizeof *set->code);
        if (q == NULL)
            return fail_nomem(p, NK_ENOMEM);
        set->code = q;
        set->capcode = nc;
    }
    memset(&set->code[set->ncode], 0, sizeof set->code[0]);
    set->code[set->ncode].op = (uint8_t)op;
    return (int)set->ncode++;
}

static int gen(parser *p, int n);

/* The node once, without quantifier or capture. */
static int gen_one(parser *p, int n)
{
    const node *d = &p->nd[n];
    int i, c;
    switch (d->kind) {
    case N_TEST:
        if ((i = emit(p, I_TEST)) < 0)
            return -1;
        p->set->code[i].kind = (uint8_t)d->tkind;
        p->set->code[i].lvl = (uint8_t)d->lvl;
        p->set->code[i].suffix = (uint8_t)d->suffix;
        p->set->code[i].x = d->ref;
        p->set->code[i].lo = d->lo;
        p->set->code[i].hi = d->hi;
        if (d->tkind == T_LIST && d->lvl > p->set->maxlvl)
            p->set->maxlvl = d->lvl;
        return 0;
    case N_GAP:
        if ((i = emit(p, I_GAP)) < 0)
            return -1;
        p->set->code[i].kind = (uint8_t)d->tkind;
        p->set->code[i].x = d->ref;
        return 0;
    case N_LOOK:
        if ((i = emit(p, I_LOOK)) < 0)
            return -1;
        p->set->code[i].neg = (uint8_t)d->neg;
        p->set->code[i].back = (uint8_t)d->back;
        if (gen(p, d->child) < 0 || emit(p, I_MATCH) < 0)
            return -1;
        p->set->code[i].x = (uint32_t)p->set->ncode;
        return 0;
    case N_SEQ:
        for (c = d->child; c >= 0; c = p->nd[c].next)
            if (gen(p, c) < 0)
                return -1;
        return 0;
    default: {
        /* SPLIT a, b; a: c1; JMP end; b: SPLIT ...; last: cn; end: */
        int jumps[256], nj = 0;
        for (c = d->child; c >= 0; c = p->nd[c].next) {
            int sp = -1;
            if (p->nd[c].next >= 0) {
                if ((sp = emit(p, I_SPLIT)) < 0)
                    return -1;
                p->set->code[sp].x = (uint32_t)p->set->ncode;
            }
            if (gen(p, c) < 0)
                return -1;
            if (p->nd[c].next >= 0) {
                if (nj == 256)
                    return fail(p, p->pos, "%stoo many alternatives (at most 256)", "");
                if ((jumps[nj++] = emit(p, I_JMP)) < 0)
                    return -1;
                p->set->code[sp].y = (uint32_t)p->set->ncode;
            }
        }
        for (i = 0; i < nj; i++)
            p->set->code[jumps[i]].x = (uint32_t)p->set->ncode;
        return 0;
    }
    }
}

static int gen(parser *p, int n)
{
    const node *d = &p->nd[n];
    int k, sp, opt[MAXREP], no = 0;
    if (d->cap >= 0) {
        if ((k = emit(p, I_SAVE)) < 0)
            return -1;
        p->set->code[k].x = (uint32_t)(2 * d->cap);
    }
    for (k = 0; k < d->min; k++)
        if (gen_one(p, n) < 0)
            return -1;
    if (d->max < 0) {
        /* L: SPLIT body, end; body: X; JMP L; end: */
        int l = (int)p->set->ncode, j;
        if ((sp = emit(p, I_SPLIT)) < 0)
            return -1;
        p->set->code[sp].x = (uint32_t)p->set->ncode;
        if (gen_one(p, n) < 0 || (j = emit(p, I_JMP)) < 0)
            return -1;
        p->set->code[j].x = (uint32_t)l;
        p->set->code[sp].y = (uint32_t)p->set->ncode;
    } else {
        for (k = d->min; k < d->max; k++) {
            if ((sp = emit(p, I_SPLIT)) < 0)
                return -1;
            p->set->code[sp].x = (uint32_t)p->set->ncode;
            opt[no++] = sp;
            if (gen_one(p, n) < 0)
                return -1;
        }
        for (k = 0; k < no; k++)
            p->set->code[opt[k]].y = (uint32_t)p->set->ncode;
    }
    if (d->cap >= 0) {
        if ((k = emit(p, I_SAVE)) < 0)
            return -1;
        p->set->code[k].x = (uint32_t)(2 * d->cap + 1);
    }
    return 0;
}

/* }==================== */

/* {==================== definitions ==================== */

static int keyword(parser *p, const char *kw)
{
    size_t n = strlen(kw);
    if (p->pos + n <= p->len && memcmp(p->s + p->pos, kw, n) == 0 &&
        (p->pos + n == p->len || is_space((unsigned char)p->s[p->pos + n]))) {
        p->pos += n;
        return 1;
    }
    return 0;
}

/* NAME '=' after a keyword: the name's bounds. */
static int def_name(parser *p, size_t *st, size_t *en)
{
    while (p->pos < p->len && is_space((unsigned char)p->s[p->pos]))
        p->pos++;
    *st = p->pos;
    while (p->pos < p->len && is_ident((unsigned char)p->s[p->pos]))
        p->pos++;
    *en = p->pos;
    if (*en == *st)
        return fail(p, p->pos, "%sexpected a name (letters, digits, _)", "");
    while (p->pos < p->len && is_space((unsigned char)p->s[p->pos]))
        p->pos++;
    if (p->pos >= p->len || p->s[p->pos] != '=')
        return fail(p, p->pos, "%sexpected '=' after the name", "");
    p->pos++;
    return 0;
}

static int parse_list(parser *p, nk_buf *tmp)
{
    size_t st, en;
    int li;
    nk_buf key;
    if (def_name(p, &st, &en) < 0)
        return -1;
    if (find_list(p->set, p->s + st, en - st) >= 0) {
        p->pos = st;
        return fail(p, st, "%sa list of that name is already defined", "");
    }
    if ((li = new_list(p, p->s + st, en - st, 0)) < 0)
        return -1;
    nk_buf_init(&key, p->alloc);
    while (!skip(p)) {
        size_t at = p->pos, vs = 0, ve = 0;
        int r = 0;
        if (p->s[p->pos] == '"') {
            p->pos++;
            r = quoted(p, tmp);
        } else {
            size_t ws = p->pos;
            while (p->pos < p->len && !is_space((unsigned char)p->s[p->pos]) &&
                   p->s[p->pos] != '\n' && p->s[p->pos] != ':')
                p->pos++;
            tmp->len = 0;
            if (nk_buf_append(tmp, p->s + ws, p->pos - ws) != NK_OK)
                r = fail_nomem(p, NK_ENOMEM);
        }
        if (r == 0 && p->pos < p->len && p->s[p->pos] == ':') {
            vs = ++p->pos;
            while (p->pos < p->len && !is_space((unsigned char)p->s[p->pos]) &&
                   p->s[p->pos] != '\n')
                p->pos++;
            ve = p->pos;
            if (ve == vs)
                r = fail(p, vs, "%sexpected a value after ':'", "");
        }
        if (r == 0 && tmp->len == 0)
            r = fail(p, at, "%sempty entry", "");
        if (r == 0)
            r = fold_words(p, tmp->data, tmp->len, &key);
        if (r == 0) {
            size_t words = 1;
            for (size_t i = 0; i < key.len; i++)
                words += key.data[i] == ' ';
            if (words > MAXLEN)
                r = fail(p, at, "%san entry has at most 3 words", "");
            else if (key.len == 0)
                r = fail(p, at, "%sempty entry", "");
        }
        if (r == 0) {
            nk_status s2 = add_entry(p->set, (uint32_t)li, key.data, key.len, p->s + vs, ve - vs);
            if (s2 != NK_OK)
                r = fail_nomem(p, s2);
        }
        if (r < 0) {
            nk_buf_free(&key);
            return -1;
        }
    }
    nk_buf_free(&key);
    return 0;
}

static int parse_pattern(parser *p, nk_buf *tmp)
{
    size_t st, en;
    int root;
    uint32_t off;
    nk_status s2;
    nk_pattern_set *set = p->set;
    size_t name_line, name_col;
    if (def_name(p, &st, &en) < 0)
        return -1;
    name_line = p->line;
    name_col = col_of(p, st);
    for (size_t i = 0; i < set->npats; i++) {
        const char *nm = S(set, set->pats[i].name);
        if (strlen(nm) == en - st && memcmp(nm, p->s + st, en - st) == 0)
            return fail(p, st, "%sa pattern of that name is already defined", "");
    }
    if ((s2 = str_add(set, p->s + st, en - st, &off)) != NK_OK)
        return fail_nomem(p, s2);
    p->nnd = 0;
    p->depth = 0;
    if ((root = parse_alt(p, tmp)) < 0)
        return -1;
    if (p->pos < p->len && p->s[p->pos] == ')')
        return fail(p, p->pos, "%sunexpected ')'", "");
    if (check(p, root, 0) < 0)
        return -1;
    if (nullable(p, root))
        return fail_at(p, name_line, name_col, "%sthe pattern can match no token", "");
    if (set->npats == set->cappats) {
        size_t nc = set->cappats ? set->cappats * 2 : 16;
        void *q = nk_realloc(set->alloc, set->pats, set->cappats * sizeof *set->pats,
                             nc * sizeof *set->pats);
        if (q == NULL)
            return fail_nomem(p, NK_ENOMEM);
        set->pats = q;
        set->cappats = nc;
    }
    {
        pat *pt = &set->pats[set->npats];
        memset(pt, 0, sizeof *pt);
        pt->name = off;
        pt->pc = (uint32_t)set->ncode;
        first(p, root, &pt->first, &pt->first_num, &pt->first_any);
        set->npats++;
    }
    if (gen(p, root) < 0 || emit(p, I_MATCH) < 0)
        return -1;
    return 0;
}

/* Patterns may name lists defined later: resolve after reading everything. */
static nk_status finish(nk_pattern_set *set)
{
    size_t i, k = 0;
    set->lent = nk_malloc(set->alloc, (set->nent ? set->nent : 1) * sizeof *set->lent);
    set->vis = nk_malloc(set->alloc, (set->nlists ? set->nlists : 1) * sizeof *set->vis);
    if (set->lent == NULL || set->vis == NULL)
        return NK_ENOMEM;
    for (i = 0; i < set->nlists; i++) {
        set->lists[i].first_entry = (uint32_t)k;
        for (size_t e = 0; e < set->nent; e++)
            if (set->ent[e].list == i)
                set->lent[k++] = (uint32_t)e;
        set->lists[i].nentries = (uint32_t)(k - set->lists[i].first_entry);
        if (!set->lists[i].hidden)
            set->vis[set->nvis++] = (uint32_t)i;
    }
    return NK_OK;
}

nk_status nk_pattern_compile(const char *src, size_t len, const nk_alloc *a, nk_pattern_set **out,
                             nk_error *err)
{
    parser p;
    nk_buf tmp;
    nk_pattern_set *set;
    nk_status st;
    /* pattern bodies are parsed after all lists: two passes over the text */
    int pass;
    *out = NULL;
    set = nk_malloc(a, sizeof *set);
    if (set == NULL)
        return nk_seterror(err, NK_ENOMEM, 0, "%s", nk_strerror(NK_ENOMEM));
    memset(set, 0, sizeof *set);
    set->alloc = a;
    set->maxlen = 1;
    nk_buf_init(&set->str, a);
    nk_buf_init(&tmp, a);
    memset(&p, 0, sizeof p);
    p.set = set;
    p.s = src;
    p.len = len;
    p.err = err;
    p.alloc = a;
    for (pass = 0; pass < 2 && p.st == NK_OK; pass++) {
        p.pos = 0;
        p.line = 1;
        p.lstart = 0;
        /* the first definition may start on line 1 */
        if (!skip(&p) && p.pos < len) {
            fail(&p, p.pos, "%sa definition starts at the beginning of a line", "");
            break;
        }
        while (p.pos < len && p.st == NK_OK) {
            size_t at = p.pos;
            if (keyword(&p, "list")) {
                if (pass == 0) {
                    if (parse_list(&p, &tmp) < 0)
                        break;
                    continue;
                }
            } else if (keyword(&p, "pattern")) {
                if (pass == 1) {
                    if (parse_pattern(&p, &tmp) < 0)
                        break;
                    continue;
                }
            } else {
                fail(&p, at, "%sexpected 'list NAME =' or 'pattern NAME =' at the start of a line",
                     "");
                break;
            }
            /* the other pass: skip the definition */
            while (!skip(&p))
                while (p.pos < len && !is_space((unsigned char)src[p.pos]) && src[p.pos] != '\n')
                    p.pos++;
        }
    }
    nk_buf_free(&tmp);
    nk_free(a, p.nd, p.capnd * sizeof *p.nd);
    st = p.st;
    if (st == NK_OK)
        st = finish(set);
    if (st != NK_OK) {
        if (st == NK_ENOMEM && err != NULL && err->status != NK_ENOMEM)
            nk_seterror(err, st, 0, "%s", nk_strerror(st));
        nk_pattern_free(set);
        return st;
    }
    *out = set;
    return NK_OK;
}

/* }==================== */

/* {==================== scanning ==================== */

/* The lists a token (and the 2-3 word entries starting at it) belongs to, by
** entry length and reading level; kept only for tokens that belong to one. */
typedef struct {
    bits m[MAXLEN][MAXLVL];
    bits any; /* union of m: can a list test start here? */
} tmask;

typedef struct {
    uint32_t key, klen; /* into the scan's key buffer */
    int64_t num;        /* leading digits' value, -1 none */
    int alldig, cls;    /* cls: 0 arabic, 1 latin, 2 number */
    uint32_t mi;        /* its tmask, or UINT32_MAX: in no list */
} tok;

static const tmask no_mask;

typedef struct {
    const nk_pattern_set *set;
    const char *s;
    const nk_span *sp;
    tok *t;
    size_t n;
    tmask *mk;
    size_t nmk, capmk;
    nk_buf keys;
    /* backtracking stack */
    struct bt {
        uint32_t pc, tp, gap, kind; /* kind 0: branch; 1: undo slot */
        int32_t slot, old;
        uint32_t lv_list, lv_tp, lv_len, lv_lvl;
    } * stk;
    size_t nstk, capstk;
    int32_t slots[128];
    uint32_t lastval[64][4]; /* per capture: list, tp, len, lvl (list UINT32_MAX none) */
    long steps;
    const nk_alloc *alloc;
} scan;

static const tmask *TM(const scan *sc, const tok *t)
{
    return t->mi == UINT32_MAX ? &no_mask : &sc->mk[t->mi];
}

static int cps(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Readings of key k at levels 0..maxlvl: up to 12, into r (pointers into k or
** into buf, which has room). Returns how many; lvl[i] is the level of reading i. */
static int readings(const char *k, size_t n, int maxlvl, const char **r, size_t *rn, int *lvl,
                    char *buf)
{
    int c = 0, base;
    r[c] = k;
    rn[c] = n;
    lvl[c++] = 0;
    if (maxlvl < 1)
        return c;
    /* a conjunction و ف */
    if (n >= 2 && (unsigned char)k[0] == 0xD9 &&
        ((unsigned char)k[1] == 0x88 || (unsigned char)k[1] == 0x81) && cps(k + 2, n - 2) >= 3) {
        r[c] = k + 2;
        rn[c] = n - 2;
        lvl[c++] = 1;
    }
    base = c;
    for (int i = 0; i < base; i++) {
        const unsigned char *w = (const unsigned char *)r[i];
        size_t m = rn[i];
        if (m >= 4 && w[0] == 0xD9 && w[1] == 0x84 && w[2] == 0xD9 && w[3] == 0x84 &&
            cps(r[i] + 4, m - 4) >= 2) {
            /* لل = ل + ال */
            memcpy(buf, "\xD8\xA7", 2);
            memcpy(buf + 2, r[i] + 2, m - 2);
            r[c] = buf;
            rn[c] = m;
            lvl[c++] = 1;
            buf += m;
        } else if (m >= 2 &&
                   ((w[0] == 0xD8 && w[1] == 0xA8) ||
                    (w[0] == 0xD9 && (w[1] == 0x84 || w[1] == 0x83))) &&
                   cps(r[i] + 2, m - 2) >= 3) {
            r[c] = r[i] + 2;
            rn[c] = m - 2;
            lvl[c++] = 1;
        }
    }
    if (maxlvl < 2)
        return c;
    base = c;
    for (int i = 0; i < base; i++) {
        const unsigned char *w = (const unsigned char *)r[i];
        if (rn[i] >= 4 && w[0] == 0xD8 && w[1] == 0xA7 && w[2] == 0xD9 && w[3] == 0x84 &&
            cps(r[i] + 4, rn[i] - 4) >= 2) {
            r[c] = r[i] + 4;
            rn[c] = rn[i] - 4;
            lvl[c++] = 2;
        }
    }
    return c;
}

/* Only ASCII white space between tokens i and i+1, at most MAXGAP bytes? */
static int tight(const scan *sc, size_t i)
{
    size_t a = sc->sp[i].end, b = sc->sp[i + 1].start;
    if (b - a > MAXGAP)
        return 0;
    for (size_t k = a; k < b; k++)
        if (!is_space((unsigned char)sc->s[k]) && sc->s[k] != '\n')
            return 0;
    return 1;
}

static nk_status prepare(scan *sc)
{
    const nk_pattern_set *set = sc->set;
    char buf[4 * MAXKEY], kb[MAXKEY * MAXLEN + 8];
    for (size_t i = 0; i < sc->n; i++) {
        tok *t = &sc->t[i];
        size_t n = sc->sp[i].end - sc->sp[i].start, k;
        char *dst;
        memset(t, 0, sizeof *t);
        t->mi = UINT32_MAX;
        if (nk_buf_reserve(&sc->keys, n + 1) != NK_OK)
            return NK_ENOMEM;
        dst = sc->keys.data + sc->keys.len;
        t->key = (uint32_t)sc->keys.len;
        t->klen = (uint32_t)nk_words_fold(sc->s + sc->sp[i].start, n, dst);
        sc->keys.len += t->klen;
        dst[t->klen] = '\0';
        sc->keys.len++;
        t->num = -1;
        t->alldig = t->klen > 0;
        for (k = 0; k < t->klen && dst[k] >= '0' && dst[k] <= '9'; k++)
            if (k < 18)
                t->num = (t->num < 0 ? 0 : t->num) * 10 + (dst[k] - '0');
        if (k < t->klen || k > 18)
            t->alldig = 0;
        t->cls = t->klen && dst[0] >= '0' && dst[0] <= '9'   ? 2
                 : t->klen && ((unsigned char)dst[0] < 0x80) ? 1
                                                             : 0;
    }
    if (set->hn == 0)
        return NK_OK;
    for (size_t i = 0; i < sc->n; i++) {
        tok *t = &sc->t[i];
        const char *r[16];
        size_t rn[16];
        int lv[16], nr, hit = 0;
        const char *key = sc->keys.data + t->key;
        tmask tm;
        if (t->klen > MAXKEY)
            continue;
        memset(&tm, 0, sizeof tm);
        nr = readings(key, t->klen, set->maxlvl, r, rn, lv, buf);
        for (int j = 0; j < nr; j++) {
            const hnode *h = hfind(set, r[j], rn[j]);
            size_t kl, w;
            if (h == NULL)
                continue;
            hit = 1;
            for (int l = lv[j]; l < MAXLVL; l++)
                bits_or(&tm.m[0][l], &h->in);
            /* longer entries starting here */
            if (!h->prefix)
                continue;
            memcpy(kb, r[j], rn[j]);
            kl = rn[j];
            for (w = 1; w < (size_t)set->maxlen && i + w < sc->n && tight(sc, i + w - 1); w++) {
                const tok *u = &sc->t[i + w];
                if (u->klen > MAXKEY)
                    break;
                kb[kl++] = ' ';
                memcpy(kb + kl, sc->keys.data + u->key, u->klen);
                kl += u->klen;
                h = hfind(set, kb, kl);
                if (h == NULL)
                    break;
                for (int l = lv[j]; l < MAXLVL; l++)
                    bits_or(&tm.m[w][l], &h->in);
                if (!h->prefix)
                    break;
            }
        }
        if (!hit)
            continue;
        for (int w = 0; w < MAXLEN; w++)
            bits_or(&tm.any, &tm.m[w][MAXLVL - 1]);
        if (sc->nmk == sc->capmk) {
            size_t nc = sc->capmk ? sc->capmk * 2 : 64;
            void *q =
                nk_realloc(sc->alloc, sc->mk, sc->capmk * sizeof *sc->mk, nc * sizeof *sc->mk);
            if (q == NULL)
                return NK_ENOMEM;
            sc->mk = q;
            sc->capmk = nc;
        }
        sc->mk[sc->nmk] = tm;
        t->mi = (uint32_t)sc->nmk++;
    }
    return NK_OK;
}

/* Does the gap between tokens tp-1 and tp pass gap instruction g (UINT32_MAX: tight)? */
static int gap_ok(const scan *sc, uint32_t g, size_t tp)
{
    const ins *in;
    size_t a = sc->sp[tp - 1].end, b = sc->sp[tp].start, k, m = 0;
    const char *txt;
    size_t tn;
    char core[MAXGAP + 1];
    if (g == UINT32_MAX)
        return tight(sc, tp - 1);
    in = &sc->set->code[g];
    if (in->kind == G_ANY)
        return 1;
    if (b - a > MAXGAP)
        return 0;
    txt = S(sc->set, in->x);
    tn = strlen(txt);
    for (k = a; k < b; k++)
        if (!is_space((unsigned char)sc->s[k]) && sc->s[k] != '\n')
            core[m++] = sc->s[k];
    if (in->kind == G_EXACT)
        return m == tn && memcmp(core, txt, m) == 0;
    /* G_CHARS: every non-space character is one of txt's */
    for (k = 0; k < m;) {
        size_t cl = 1, q;
        unsigned char c = (unsigned char)core[k];
        int found = 0;
        if (c >= 0xC0)
            cl = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (k + cl > m)
            return 0;
        for (q = 0; q + cl <= tn; q++)
            if (memcmp(txt + q, core + k, cl) == 0) {
                found = 1;
                break;
            }
        if (!found)
            return 0;
        k += cl;
    }
    return 1;
}

static nk_status push(scan *sc, const struct bt *b)
{
    if (sc->nstk == sc->capstk) {
        size_t nc = sc->capstk ? sc->capstk * 2 : 64;
        void *q =
            nk_realloc(sc->alloc, sc->stk, sc->capstk * sizeof *sc->stk, nc * sizeof *sc->stk);
        if (q == NULL)
            return NK_ENOMEM;
        sc->stk = q;
        sc->capstk = nc;
    }
    sc->stk[sc->nstk++] = *b;
    return NK_OK;
}

/* Run the code at pc from token tp; the first token is not gap-checked.
** Returns 1 and the end token in *end on a match, 0 without, -1 on ENOMEM,
** -2 when the step budget ran out (no match, whatever a look-around says). */
static int run(scan *sc, uint32_t pc, size_t tp, size_t *end, int depth)
{
    const nk_pattern_set *set = sc->set;
    size_t base = sc->nstk, start = tp;
    uint32_t gap = UINT32_MAX;
    uint32_t lv[4] = {UINT32_MAX, 0, 0, 0}; /* last list value: list, tp, len, lvl */
    struct bt b;
    for (;;) {
        const ins *in;
        if (++sc->steps > NK_PATTERN_STEPS)
            goto fail_all;
        in = &set->code[pc];
        switch (in->op) {
        case I_MATCH:
            *end = tp;
            /* drop this run's backtrack entries (undo entries are kept: the
            ** captures stand) */
            sc->nstk = base;
            return 1;
        case I_JMP:
            pc = in->x;
            continue;
        case I_SPLIT:
            memset(&b, 0, sizeof b);
            b.pc = in->y;
            b.tp = (uint32_t)tp;
            b.gap = gap;
            b.lv_list = lv[0];
            b.lv_tp = lv[1];
            b.lv_len = lv[2];
            b.lv_lvl = lv[3];
            if (push(sc, &b) != NK_OK)
                return -1;
            pc = in->x;
            continue;
        case I_GAP:
            gap = pc;
            pc++;
            continue;
        case I_SAVE: {
            int32_t slot = (int32_t)in->x;
            memset(&b, 0, sizeof b);
            b.kind = 1;
            b.slot = slot;
            b.old = sc->slots[slot];
            if (slot & 1) {
                uint32_t c = (uint32_t)slot >> 1;
                b.lv_list = sc->lastval[c][0];
                b.lv_tp = sc->lastval[c][1];
                b.lv_len = sc->lastval[c][2];
                b.lv_lvl = sc->lastval[c][3];
                sc->lastval[c][0] = lv[0];
                sc->lastval[c][1] = lv[1];
                sc->lastval[c][2] = lv[2];
                sc->lastval[c][3] = lv[3];
            } else {
                /* the value counts from the capture's start */
                lv[0] = UINT32_MAX;
            }
            if (push(sc, &b) != NK_OK)
                return -1;
            sc->slots[slot] = (int32_t)tp;
            pc++;
            continue;
        }
        case I_LOOK: {
            size_t from = tp, e;
            int r;
            if (in->back)
                r = tp == 0 ? 0 : (from = tp - 1, 2);
            else
                r = 2;
            if (r == 2) {
                if (depth >= MAXDEPTH)
                    goto fail_all;
                r = run(sc, pc + 1, from, &e, depth + 1);
                if (r < 0)
                    return r;
            }
            if (r != (in->neg ? 0 : 1))
                goto backtrack;
            pc = in->x;
            continue;
        }
        default: { /* I_TEST */
            const tok *t;
            int len = 0;
            if (tp >= sc->n)
                goto backtrack;
            if (tp > start && !gap_ok(sc, gap, tp))
                goto backtrack;
            t = &sc->t[tp];
            switch (in->kind) {
            case T_LIST: {
                int l;
                const tmask *tm = TM(sc, t);
                for (l = MAXLEN; l >= 1; l--)
                    if (bits_has(&tm->m[l - 1][in->lvl], in->x) && tp + (size_t)l <= sc->n)
                        break;
                if (l == 0)
                    goto backtrack;
                /* shorter readings as alternatives */
                for (int s = 1; s < l; s++)
                    if (bits_has(&tm->m[s - 1][in->lvl], in->x)) {
                        memset(&b, 0, sizeof b);
                        b.pc = pc + 1;
                        b.tp = (uint32_t)(tp + (size_t)s);
                        b.gap = UINT32_MAX;
                        if (set->lists[in->x].hidden) {
                            b.lv_list = lv[0];
                            b.lv_tp = lv[1];
                            b.lv_len = lv[2];
                            b.lv_lvl = lv[3];
                        } else {
                            b.lv_list = in->x;
                            b.lv_tp = (uint32_t)tp;
                            b.lv_len = (uint32_t)s;
                            b.lv_lvl = in->lvl;
                        }
                        if (push(sc, &b) != NK_OK)
                            return -1;
                    }
                if (!set->lists[in->x].hidden) {
                    lv[0] = in->x;
                    lv[1] = (uint32_t)tp;
                    lv[2] = (uint32_t)l;
                    lv[3] = in->lvl;
                }
                len = l;
                break;
            }
            case T_NUM:
                if (t->num < 0 || t->num < in->lo || t->num > in->hi || (!in->suffix && !t->alldig))
                    goto backtrack;
                len = 1;
                break;
            case T_CLASS:
                if (t->cls != (int)in->x)
                    goto backtrack;
                len = 1;
                break;
            default:
                len = 1;
                break;
            }
            tp += (size_t)len;
            gap = UINT32_MAX;
            pc++;
            continue;
        }
        }
    backtrack:
        for (;;) {
            if (sc->nstk == base)
                return 0;
            b = sc->stk[--sc->nstk];
            if (b.kind == 1) {
                sc->slots[b.slot] = b.old;
                if (b.slot & 1) {
                    uint32_t c = (uint32_t)b.slot >> 1;
                    sc->lastval[c][0] = b.lv_list;
                    sc->lastval[c][1] = b.lv_tp;
                    sc->lastval[c][2] = b.lv_len;
                    sc->lastval[c][3] = b.lv_lvl;
                }
                continue;
            }
            pc = b.pc;
            tp = b.tp;
            gap = b.gap;
            lv[0] = b.lv_list;
            lv[1] = b.lv_tp;
            lv[2] = b.lv_len;
            lv[3] = b.lv_lvl;
            break;
        }
    }
fail_all:
    /* over budget: no match here (undo what this run saved) */
    while (sc->nstk > base) {
        b = sc->stk[--sc->nstk];
        if (b.kind == 1)
            sc->slots[b.slot] = b.old;
    }
    return -2;
}

/* The value of list li for the tokens [tp, tp+len) at reading level lvl. */
static const char *value_of(const scan *sc, uint32_t li, size_t tp, size_t len, int lvl)
{
    const nk_pattern_set *set = sc->set;
    const tok *t = &sc->t[tp];
    const char *r[16];
    size_t rn[16];
    int lv[16], nr;
    char buf[4 * MAXKEY], kb[MAXKEY * MAXLEN + 8];
    if (t->klen > MAXKEY)
        return NULL;
    nr = readings(sc->keys.data + t->key, t->klen, lvl, r, rn, lv, buf);
    for (int j = 0; j < nr; j++) {
        size_t kl = rn[j];
        const hnode *h;
        memcpy(kb, r[j], kl);
        for (size_t w = 1; w < len; w++) {
            const tok *u = &sc->t[tp + w];
            if (u->klen > MAXKEY)
                return NULL;
            kb[kl++] = ' ';
            memcpy(kb + kl, sc->keys.data + u->key, u->klen);
            kl += u->klen;
        }
        h = hfind(set, kb, kl);
        if (h == NULL || !bits_has(&h->in, li))
            continue;
        for (uint32_t e = h->chain; e != UINT32_MAX; e = set->ent[e].next)
            if (set->ent[e].list == li)
                return S(set, set->ent[e].value);
    }
    return NULL;
}

void nk_pattern_result_init(nk_pattern_result *r, const nk_alloc *a)
{
    memset(r, 0, sizeof *r);
    r->alloc = a;
}

void nk_pattern_result_free(nk_pattern_result *r)
{
    nk_free(r->alloc, r->tok, r->cap_tok * sizeof *r->tok);
    nk_free(r->alloc, r->m, r->cap_m * sizeof *r->m);
    nk_free(r->alloc, r->cap, r->cap_cap * sizeof *r->cap);
    nk_pattern_result_init(r, r->alloc);
}

#define RGROW(r, arr, n, cap, need)                                                                \
    do {                                                                                           \
        if ((r)->n + (need) > (r)->cap) {                                                          \
            size_t nc_ = (r)->cap ? (r)->cap : 16;                                                 \
            void *p_;                                                                              \
            while (nc_ < (r)->n + (need))                                                          \
                nc_ *= 2;                                                                          \
            p_ = nk_realloc((r)->alloc, (r)->arr, (r)->cap * sizeof *(r)->arr,                     \
                            nc_ * sizeof *(r)->arr);                                               \
            if (p_ == NULL) {                                                                      \
                st = NK_ENOMEM;                                                                    \
                goto done;                                                                         \
            }                                                                                      \
            (r)->arr = p_;                                                                         \
            (r)->cap = nc_;                                                                        \
        }                                                                                          \
    } while (0)

nk_status nk_pattern_scan(const nk_pattern_set *set, const char *s, size_t len,
                          nk_pattern_result *r)
{
    scan sc;
    char *mask = NULL;
    size_t pos = 0, a, b;
    nk_status st = NK_OK;
    r->ntok = r->nm = r->ncap = 0;
    memset(&sc, 0, sizeof sc);
    sc.set = set;
    sc.s = s;
    sc.alloc = r->alloc;
    nk_buf_init(&sc.keys, r->alloc);
    mask = nk_malloc(r->alloc, len ? len : 1);
    if (mask == NULL)
        return NK_ENOMEM;
    nk_words_mask_to(s, len, mask);
    while (nk_words_next_masked(mask, len, &pos, &a, &b)) {
        RGROW(r, tok, ntok, cap_tok, 1);
        r->tok[r->ntok].start = a;
        r->tok[r->ntok].end = b;
        r->ntok++;
    }
    sc.sp = r->tok;
    sc.n = r->ntok;
    if (set->npats == 0 || sc.n == 0)
        goto done;
    sc.t = nk_malloc(r->alloc, sc.n * sizeof *sc.t);
    if (sc.t == NULL) {
        st = NK_ENOMEM;
        goto done;
    }
    if ((st = prepare(&sc)) != NK_OK)
        goto done;
    for (size_t tp = 0; tp < sc.n; tp++) {
        const tok *t = &sc.t[tp];
        for (size_t pi = 0; pi < set->npats; pi++) {
            const pat *pt = &set->pats[pi];
            size_t end;
            int res;
            if (!pt->first_any && !(pt->first_num && t->num >= 0) &&
                !bits_meet(&pt->first, &TM(&sc, t)->any))
                continue;
            for (size_t c = 0; c < 2 * set->ncaps; c++)
                sc.slots[c] = -1;
            sc.nstk = 0;
            sc.steps = 0;
            res = run(&sc, pt->pc, tp, &end, 0);
            if (res == -1) {
                st = NK_ENOMEM;
                goto done;
            }
            if (res != 1)
                continue;
            RGROW(r, m, nm, cap_m, 1);
            RGROW(r, cap, ncap, cap_cap, set->ncaps);
            {
                nk_pattern_match *m = &r->m[r->nm++];
                m->pattern = (uint32_t)pi;
                m->first = (uint32_t)tp;
                m->end = (uint32_t)end;
                m->cap0 = (uint32_t)r->ncap;
                m->ncap = 0;
                for (size_t c = 0; c < set->ncaps; c++) {
                    int32_t s0 = sc.slots[2 * c], s1 = sc.slots[2 * c + 1];
                    nk_pattern_cap *cp;
                    if (s0 < 0 || s1 <= s0)
                        continue;
                    cp = &r->cap[r->ncap++];
                    cp->name = (uint32_t)c;
                    cp->first = (uint32_t)s0;
                    cp->end = (uint32_t)s1;
                    cp->value = sc.lastval[c][0] == UINT32_MAX
                                    ? NULL
                                    : value_of(&sc, sc.lastval[c][0], sc.lastval[c][1],
                                               sc.lastval[c][2], (int)sc.lastval[c][3]);
                    m->ncap++;
                }
            }
        }
    }
done:
    nk_free(r->alloc, mask, len ? len : 1);
    nk_free(r->alloc, sc.t, sc.n * sizeof *sc.t);
    nk_free(r->alloc, sc.mk, sc.capmk * sizeof *sc.mk);
    nk_free(r->alloc, sc.stk, sc.capstk * sizeof *sc.stk);
    nk_buf_free(&sc.keys);
    return st;
}

/* }==================== */
