/*
** nk_clean.c
** Line keys of the clean stage (see nk_clean.h).
*/
#include "nk_clean.h"

#include "nk_words.h"

/* isspace and ispunct of the C locale. */
static int is_space(unsigned c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_punct(unsigned c)
{
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E);
}

void nk_clean_mask(const char *src, size_t n, char *out)
{
    nk_words_mask_to(src, n, out);
}

size_t nk_clean_key(const char *s, size_t n, char *out, size_t *words)
{
    size_t m, a, b, i, o = 0, nw = 0;
    int in_space = 0;
    nk_clean_mask(s, n, out + n);
    m = nk_words_fold(out + n, n, out);
    b = m;
    while (b > 0 && (is_space((unsigned char)out[b - 1]) || is_punct((unsigned char)out[b - 1])))
        b--;
    a = 0;
    while (a < b && (is_space((unsigned char)out[a]) || is_punct((unsigned char)out[a])))
        a++;
    for (i = a; i < b; i++) {
        unsigned char c = (unsigned char)out[i];
        if (is_space(c)) {
            in_space = 1;
            continue;
        }
        if (in_space || o == 0)
            nw++;
        if (in_space)
            out[o++] = ' ';
        in_space = 0;
        out[o++] = (char)c;
    }
    *words = nw;
    return o;
}

size_t nk_clean_spaces(const char *s, size_t n, char *out)
{
    size_t i, o = 0;
    int in_space = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            in_space = 1;
            continue;
        }
        if (in_space)
            out[o++] = ' ';
        in_space = 0;
        out[o++] = (char)c;
    }
    if (in_space)
        out[o++] = ' ';
    return o;
}

/* ---- The whole stage (nk_cleaner_run) ------------------------------------ */

#include <string.h>

#include "nk_split.h"

#define LONG_LINE 400   /* a longer line is a paragraph: only its spaces are collapsed */
#define LONG_WORDS 1000 /* ... and it counts as this many words */
#define MARKER_WORDS 8  /* a marker line has at most this many words */
#define PROSE_WORDS 8   /* a line of prose has at least this many */
#define PREFIX_EXTRA 4  /* a prefix marker allows this many more words */

typedef struct {
    size_t ls, le;     /* the line, [ls, le) without its LF */
    size_t ts, te;     /* trimmed, [ts, te) */
    size_t koff, klen; /* its key in c->keys */
    size_t words;
    int blank;
    nk_drop_reason reason; /* 0: kept */
    int marker;            /* a marker line (reason NK_DROP_MARKER) */
    int wrapped;           /* -1: not known yet */
    uint32_t group;        /* repeated-line group + 1, 0 for none */
    uint32_t khash;        /* key_hash of its key */
} cl_line;

typedef struct {
    size_t first, count, seen; /* its first line, its lines, its lines met so far */
} cl_group;

/* A set of keys (open addressing over FNV-1a), the keys in a pool. */
typedef struct {
    uint32_t *slot; /* entry + 1, 0 = empty */
    size_t nslot;
    size_t *off, *len; /* per entry: the key in pool */
    size_t n, cap;
    char *pool;
    size_t plen, pcap;
    size_t maxlen; /* the longest key */
} keyset;

struct nk_cleaner {
    nk_alloc al;
    keyset exact, outlets, prefix; /* prefix: a list (its slots unused) */
    cl_line *lines;
    size_t nlines, lcap;
    char *keys;
    size_t kcap;
    keyset groups; /* per document: repeated-line keys */
    cl_group *grp; /* per group of repeated-line keys */
    size_t gcap;
    nk_drop *drops;
    size_t ndrops, dcap;
};

static uint32_t key_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int grow_to(const nk_alloc *a, void **p, size_t elsize, size_t *cap, size_t need)
{
    size_t nc = *cap ? *cap : 16;
    void *np;
    if (need <= *cap)
        return 1;
    while (nc < need)
        nc *= 2;
    np = nk_realloc(a, *p, *cap * elsize, nc * elsize);
    if (np == NULL)
        return 0;
    *p = np;
    *cap = nc;
    return 1;
}

static void keyset_free(const nk_alloc *a, keyset *k)
{
    nk_free(a, k->slot, k->nslot * sizeof *k->slot);
    nk_free(a, k->off, k->cap * sizeof *k->off);
    nk_free(a, k->len, k->cap * sizeof *k->len);
    nk_free(a, k->pool, k->pcap);
    memset(k, 0, sizeof *k);
}

static void keyset_clear(keyset *k)
{
    if (k->slot != NULL)
        memset(k->slot, 0, k->nslot * sizeof *k->slot);
    k->n = 0;
    k->plen = 0;
    k->maxlen = 0;
}

/* The entry of key (hash h: key_hash) in k, or -1. */
static long keyset_find_h(const keyset *k, const char *key, size_t len, uint32_t h)
{
    size_t i;
    if (k->nslot == 0 || len > k->maxlen)
        return -1;
    for (i = h & (k->nslot - 1);; i = (i + 1) & (k->nslot - 1)) {
        uint32_t e = k->slot[i];
        if (e == 0)
            return -1;
        e--;
        if (k->len[e] == len && memcmp(k->pool + k->off[e], key, len) == 0)
            return (long)e;
    }
}

static long keyset_find(const keyset *k, const char *key, size_t len)
{
    if (k->nslot == 0 || len > k->maxlen)
        return -1;
    return keyset_find_h(k, key, len, key_hash(key, len));
}

/* Add key (hash h) when absent, with hashing (slots) or as a plain list; its entry in *entry. */
static nk_status keyset_add_h(const nk_alloc *a, keyset *k, const char *key, size_t len, uint32_t h,
                              int hashed, size_t *entry)
{
    size_t i, e;
    if (hashed) {
        long f = keyset_find_h(k, key, len, h);
        if (f >= 0) {
            if (entry)
                *entry = (size_t)f;
            return NK_OK;
        }
        if ((k->n + 1) * 2 > k->nslot) { /* rehash at half full */
            size_t ns = k->nslot ? k->nslot * 2 : 64, j;
            uint32_t *s = nk_malloc(a, ns * sizeof *s);
            if (s == NULL)
                return NK_ENOMEM;
            memset(s, 0, ns * sizeof *s);
            for (j = 0; j < k->n; j++) {
                size_t q = key_hash(k->pool + k->off[j], k->len[j]) & (ns - 1);
                while (s[q] != 0)
                    q = (q + 1) & (ns - 1);
                s[q] = (uint32_t)j + 1;
            }
            nk_free(a, k->slot, k->nslot * sizeof *k->slot);
            k->slot = s;
            k->nslot = ns;
        }
    }
    {
        size_t oc = k->cap;
        if (k->n + 1 > k->cap) {
            size_t c1 = oc, c2 = oc;
            if (!grow_to(a, (void **)&k->off, sizeof *k->off, &c1, k->n + 1) ||
                !grow_to(a, (void **)&k->len, sizeof *k->len, &c2, k->n + 1))
                return NK_ENOMEM;
            k->cap = c1 < c2 ? c1 : c2;
        }
    }
    if (!grow_to(a, (void **)&k->pool, 1, &k->pcap, k->plen + len + 1))
        return NK_ENOMEM;
    e = k->n++;
    k->off[e] = k->plen;
    k->len[e] = len;
    if (len > 0)
        memcpy(k->pool + k->plen, key, len);
    k->plen += len;
    if (len > k->maxlen)
        k->maxlen = len;
    if (hashed) {
        for (i = h & (k->nslot - 1); k->slot[i] != 0; i = (i + 1) & (k->nslot - 1))
            ;
        k->slot[i] = (uint32_t)e + 1;
    }
    if (entry)
        *entry = e;
    return NK_OK;
}

static nk_status keyset_add(const nk_alloc *a, keyset *k, const char *key, size_t len, int hashed,
                            size_t *entry)
{
    return keyset_add_h(a, k, key, len, key_hash(key, len), hashed, entry);
}

nk_cleaner *nk_cleaner_new(const nk_alloc *a)
{
    nk_cleaner *c;
    if (a == NULL)
        a = nk_default_alloc();
    c = nk_malloc(a, sizeof *c);
    if (c == NULL)
        return NULL;
    memset(c, 0, sizeof *c);
    c->al = *a;
    return c;
}

void nk_cleaner_free(nk_cleaner *c)
{
    nk_alloc a;
    if (c == NULL)
        return;
    a = c->al;
    keyset_free(&a, &c->exact);
    keyset_free(&a, &c->outlets);
    keyset_free(&a, &c->prefix);
    keyset_free(&a, &c->groups);
    nk_free(&a, c->lines, c->lcap * sizeof *c->lines);
    nk_free(&a, c->keys, c->kcap);
    nk_free(&a, c->grp, c->gcap * sizeof *c->grp);
    nk_free(&a, c->drops, c->dcap * sizeof *c->drops);
    nk_free(&a, c, sizeof *c);
}

nk_status nk_cleaner_add_marker(nk_cleaner *c, const char *key, size_t len, int prefix)
{
    return keyset_add(&c->al, prefix ? &c->prefix : &c->exact, key, len, !prefix, NULL);
}

nk_status nk_cleaner_add_outlet(nk_cleaner *c, const char *key, size_t len)
{
    return keyset_add(&c->al, &c->outlets, key, len, 1, NULL);
}

/* Lua's %d, %a, %w (C locale). */
static int is_digit(unsigned c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(unsigned c)
{
    return is_alpha(c) || is_digit(c);
}

/* Runs of non-spaces in s[0..n) (Lua's %S+). */
static size_t count_words(const char *s, size_t n)
{
    size_t i, w = 0;
    int in = 0;
    for (i = 0; i < n; i++) {
        int sp = is_space((unsigned char)s[i]);
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* An Arabic letter's lead and continuation byte ([\xD8-\xDB][\x80-\xBF]) in s[0..n)? */
static int has_arabic(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        if (a >= 0xD8 && a <= 0xDB && b >= 0x80 && b <= 0xBF)
            return 1;
    }
    return 0;
}

/* Ends with sentence punctuation (the clean stage's has_final_punct)? */
static int final_punct(const char *s, size_t n)
{
    size_t e = n;
    while (e > 0 && is_space((unsigned char)s[e - 1]))
        e--;
    if (e >= 2 && (unsigned char)s[e - 2] == 0xD8 && (unsigned char)s[e - 1] == 0x9F)
        return 1; /* ؟ */
    if (e >= 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80 &&
        (unsigned char)s[e - 1] == 0xA6)
        return 1; /* … */
    /* [.!?:] %s* ["'\xC2\xBB\xE2\x80\x9D)]* %s* $ */
    while (e > 0) {
        unsigned char b = (unsigned char)s[e - 1];
        if (b == '"' || b == '\'' || b == 0xC2 || b == 0xBB || b == 0xE2 || b == 0x80 ||
            b == 0x9D || b == ')')
            e--;
        else
            break;
    }
    while (e > 0 && is_space((unsigned char)s[e - 1]))
        e--;
    return e > 0 && (s[e - 1] == '.' || s[e - 1] == '!' || s[e - 1] == '?' || s[e - 1] == ':');
}

/* A photo credit: ©, "x / y" between letters or digits, or a credit word (the clean stage's
 * is_credit). */
static int is_credit(const char *s, size_t n)
{
    static const char *const words[] = {"image",        "images",  "photo", "photos",    "getty",
                                        "afp",          "reuters", "ap",    "epa",       "anadolu",
                                        "shutterstock", "credit",  "via",   "copyright", "pool",
                                        "xinhua",       "sputnik", "tass",  "ria",       NULL};
    size_t i, k;
    for (i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9)
            return 1;
    for (i = 0; i < n; i++) {
        size_t a, b;
        if (s[i] != '/')
            continue;
        a = i;
        while (a > 0 && is_space((unsigned char)s[a - 1]))
            a--;
        b = i + 1;
        while (b < n && is_space((unsigned char)s[b]))
            b++;
        if (a > 0 && is_alnum((unsigned char)s[a - 1]) && b < n && is_alnum((unsigned char)s[b]))
            return 1;
    }
    /* whole runs of ASCII letters and digits, lower-cased */
    for (i = 0; i < n;) {
        size_t j = i;
        if (!is_alnum((unsigned char)s[i])) {
            i++;
            continue;
        }
        while (j < n && is_alnum((unsigned char)s[j]))
            j++;
        for (k = 0; words[k] != NULL; k++) {
            size_t wl = strlen(words[k]), m;
            if (wl != j - i)
                continue;
            for (m = 0; m < wl; m++) {
                unsigned char ch = (unsigned char)s[i + m];
                if (ch >= 'A' && ch <= 'Z')
                    ch = (unsigned char)(ch - 'A' + 'a');
                if (ch != (unsigned char)words[k][m])
                    break;
            }
            if (m == wl)
                return 1;
        }
        i = j;
    }
    return 0;
}

static const char *key_of(const nk_cleaner *c, const cl_line *l)
{
    return c->keys + l->koff;
}

static int is_marker(const nk_cleaner *c, const cl_line *l)
{
    const char *key = key_of(c, l);
    size_t i, n = l->klen;
    if (keyset_find_h(&c->exact, key, n, l->khash) >= 0)
        return 1;
    for (i = 0; i < c->prefix.n; i++) {
        const char *p = c->prefix.pool + c->prefix.off[i];
        size_t pl = c->prefix.len[i];
        if (n == pl && memcmp(key, p, pl) == 0)
            return 1;
        if (n >= pl + 1 && memcmp(key, p, pl) == 0 && key[pl] == ' ' &&
            count_words(key + pl + 1, n - pl - 1) <= PREFIX_EXTRA)
            return 1;
    }
    return 0;
}

/* The first marker line at or after from (after some prose): its index, or nlines; *tail:
 * only short lines after it. */
static size_t find_marker(const nk_cleaner *c, size_t from, const nk_clean_opts *o, int *tail)
{
    size_t i, j;
    int prose = 0;
    for (i = 0; i < c->nlines; i++) {
        const cl_line *l = &c->lines[i];
        if (l->blank)
            continue;
        if (i >= from && prose && l->words <= MARKER_WORDS && is_marker(c, l)) {
            *tail = 1;
            for (j = i + 1; j < c->nlines; j++)
                if (!c->lines[j].blank && c->lines[j].words > o->max_tail_words) {
                    *tail = 0;
                    break;
                }
            return i;
        }
        if (l->words >= PROSE_WORDS)
            prose = 1;
    }
    return c->nlines;
}

/* "… 1", "… 12": the length of the key without its trailing " N" or " NN", or 0. */
static size_t numbered_base(const char *k, size_t n)
{
    if (n == 0 || !is_digit((unsigned char)k[n - 1]))
        return 0;
    if (n >= 2 && k[n - 2] == ' ')
        return n - 2;
    if (n >= 3 && is_digit((unsigned char)k[n - 2]) && k[n - 3] == ' ')
        return n - 3;
    return 0;
}

/* Lines of hard-wrapped paragraphs (the core's logical lines holding a line end). */
static void mark_wrapped(nk_cleaner *c, const char *text, size_t len)
{
    nk_linesplitter ls;
    nk_span sp;
    size_t k = 0, i;
    for (i = 0; i < c->nlines; i++)
        c->lines[i].wrapped = 0;
    nk_linesplitter_init(&ls, text, len, 0);
    while (nk_linesplitter_next(&ls, &sp)) {
        if (memchr(text + sp.start, '\n', sp.end - sp.start) == NULL)
            continue;
        while (k < c->nlines && (c->lines[k].blank || c->lines[k].ts < sp.start))
            k++;
        while (k < c->nlines && (c->lines[k].blank || c->lines[k].te <= sp.end)) {
            if (!c->lines[k].blank)
                c->lines[k].wrapped = 1;
            k++;
        }
    }
}

static int captionish(nk_cleaner *c, const char *text, size_t len, size_t i, const nk_clean_opts *o)
{
    cl_line *l = &c->lines[i];
    const char *key = key_of(c, l);
    size_t k;
    if (l->blank || l->words > o->max_caption_words || final_punct(text + l->ts, l->te - l->ts))
        return 0;
    for (k = 0; k + 4 <= l->klen; k++)
        if (is_digit((unsigned char)key[k]) && is_digit((unsigned char)key[k + 1]) &&
            is_digit((unsigned char)key[k + 2]) && is_digit((unsigned char)key[k + 3]))
            return 0;
    for (k = 0; k + 3 <= l->klen; k++)
        if (is_digit((unsigned char)key[k]) && key[k + 1] == ':' &&
            is_digit((unsigned char)key[k + 2]))
            return 0;
    if (l->wrapped < 0)
        mark_wrapped(c, text, len);
    return !l->wrapped;
}

static int photo(nk_drop_reason r)
{
    return r == NK_DROP_REPEATED_LINE || r == NK_DROP_CREDIT;
}

/* Split text into lines with their keys. */
static nk_status read_lines(nk_cleaner *c, const char *text, size_t len)
{
    size_t pos = 0, koff = 0;
    c->nlines = 0;
    if (!grow_to(&c->al, (void **)&c->keys, 1, &c->kcap, 2 * len + 16))
        return NK_ENOMEM;
    for (;;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t le = nl ? (size_t)(nl - text) : len, ts = pos, te = le;
        cl_line *l;
        if (!grow_to(&c->al, (void **)&c->lines, sizeof *c->lines, &c->lcap, c->nlines + 1))
            return NK_ENOMEM;
        l = &c->lines[c->nlines++];
        memset(l, 0, sizeof *l);
        l->wrapped = -1;
        while (ts < te && is_space((unsigned char)text[ts]))
            ts++;
        while (te > ts && is_space((unsigned char)text[te - 1]))
            te--;
        l->ls = pos, l->le = le, l->ts = ts, l->te = te;
        l->blank = ts >= te;
        l->koff = koff;
        if (!l->blank) {
            size_t n = te - ts;
            /* the Lua stage: te - ts > 400 in its 1-based inclusive positions */
            if (n - 1 > LONG_LINE) {
                l->klen = nk_clean_spaces(text + ts, n, c->keys + koff);
                l->words = LONG_WORDS;
            } else {
                l->klen = nk_clean_key(text + ts, n, c->keys + koff, &l->words);
            }
            koff += l->klen;
            if (l->klen == 0)
                l->blank = 1;
            l->khash = key_hash(c->keys + l->koff, l->klen);
        }
        if (!nl)
            break;
        pos = le + 1;
    }
    return NK_OK;
}

static nk_status add_drop(nk_cleaner *c, size_t s, size_t e, nk_drop_reason r, nk_span marker)
{
    nk_drop *d;
    if (!grow_to(&c->al, (void **)&c->drops, sizeof *c->drops, &c->dcap, c->ndrops + 1))
        return NK_ENOMEM;
    d = &c->drops[c->ndrops++];
    d->span.start = s;
    d->span.end = e;
    d->reason = r;
    d->marker = marker;
    return NK_OK;
}

nk_status nk_cleaner_run(nk_cleaner *c, const char *text, size_t len, const nk_clean_opts *o,
                         const nk_drop **drops, size_t *ndrops)
{
    size_t i, last, mi, first_line, j, prev_line = 0;
    int tail = 0, arabic_doc, have_tail = 0;
    nk_span tail_span = {0, 0}, tail_marker = {0, 0}, none = {0, 0};
    nk_status st;
    c->ndrops = 0;
    *drops = NULL;
    *ndrops = 0;
    if ((st = read_lines(c, text, len)) != NK_OK)
        return st;
    last = c->nlines;
    /* 1. section markers */
    mi = find_marker(c, 0, o, &tail);
    while (mi < c->nlines) {
        if (tail) {
            have_tail = 1;
            tail_span.start = c->lines[mi].ts;
            tail_span.end = c->lines[mi].te;
            for (j = c->nlines; j-- > mi;)
                if (!c->lines[j].blank) {
                    tail_span.end = c->lines[j].te;
                    break;
                }
            tail_marker.start = c->lines[mi].ts;
            tail_marker.end = c->lines[mi].te;
            last = mi;
            break;
        }
        c->lines[mi].reason = NK_DROP_MARKER;
        c->lines[mi].marker = 1;
        mi = find_marker(c, mi + 1, o, &tail);
    }
    arabic_doc = has_arabic(text, len);
    first_line = last;
    for (i = 0; i < last; i++)
        if (!c->lines[i].blank) {
            first_line = i;
            break;
        }
    /* 2. Latin-only lines, outlets */
    for (i = 0; i < last; i++) {
        cl_line *l = &c->lines[i];
        const char *raw = text + l->ts;
        size_t rn = l->te - l->ts, k;
        int alpha = 0;
        if (l->blank || l->reason)
            continue;
        if (o->latin_lines && arabic_doc && !has_arabic(raw, rn) &&
            l->words <= o->max_latin_words) {
            for (k = 0; k < rn && !alpha; k++)
                alpha = is_alpha((unsigned char)raw[k]);
        }
        if (alpha) {
            l->reason = is_credit(raw, rn) ? NK_DROP_CREDIT : NK_DROP_LATIN_LINE;
        } else if (o->outlet_lines &&
                   keyset_find_h(&c->outlets, key_of(c, l), l->klen, l->khash) >= 0) {
            l->reason = NK_DROP_OUTLET;
        }
    }
    /* 3. repeated lines (and numbered copies "… 1") */
    if (o->repeated_lines) {
        size_t g;
        keyset_clear(&c->groups);
        for (i = 0; i < last; i++) {
            cl_line *l = &c->lines[i];
            l->group = 0;
            if (l->blank || l->reason || l->klen < 4)
                continue;
            {
                size_t before = c->groups.n;
                st = keyset_add_h(&c->al, &c->groups, key_of(c, l), l->klen, l->khash, 1, &g);
                if (st != NK_OK)
                    return st;
                if (!grow_to(&c->al, (void **)&c->grp, sizeof *c->grp, &c->gcap, g + 1))
                    return NK_ENOMEM;
                if (c->groups.n > before) { /* a new key: a new group */
                    c->grp[g].first = i;
                    c->grp[g].count = 0;
                }
            }
            c->grp[g].count++;
            l->group = (uint32_t)g + 1;
        }
        for (g = 0; g < c->groups.n; g++)
            c->grp[g].seen = 0;
        for (i = 0; i < last; i++) {
            cl_line *l = &c->lines[i], *l1;
            size_t from;
            if (l->group == 0)
                continue;
            g = l->group - 1;
            if (c->grp[g].count < 2)
                continue;
            l1 = &c->lines[c->grp[g].first];
            /* the headline printed again below it, or a long paragraph printed twice:
               keep the first copy; short captions printed twice: drop every copy */
            from = (l1->words > o->max_caption_words ||
                    final_punct(text + l1->ts, l1->te - l1->ts) || c->grp[g].first == first_line)
                       ? 1
                       : 0;
            if (c->grp[g].seen >= from)
                l->reason = NK_DROP_REPEATED_LINE;
            c->grp[g].seen++;
        }
        for (i = 0; i < last; i++) {
            cl_line *l = &c->lines[i];
            size_t bl;
            if (l->blank || l->reason)
                continue;
            bl = numbered_base(key_of(c, l), l->klen);
            if (bl > 0) {
                long f = keyset_find(&c->groups, key_of(c, l), bl);
                if (f >= 0 && c->grp[f].first != i)
                    l->reason = NK_DROP_CAPTION;
            }
        }
    }
    /* 4. caption-like lines next to a repeated line or a credit; a numbered last line */
    if (o->captions) {
        size_t li = last;
        for (i = 0; i < last; i++) {
            cl_line *l = &c->lines[i];
            if (l->reason || i == first_line)
                continue;
            if (((i > 0 && photo(c->lines[i - 1].reason)) ||
                 (i + 1 < c->nlines && photo(c->lines[i + 1].reason))) &&
                captionish(c, text, len, i, o))
                l->reason = NK_DROP_CAPTION;
        }
        for (i = last; i-- > 0;)
            if (!c->lines[i].blank) {
                li = i;
                break;
            }
        if (li < last && li != first_line && !c->lines[li].reason &&
            numbered_base(key_of(c, &c->lines[li]), c->lines[li].klen) > 0 &&
            captionish(c, text, len, li, o))
            c->lines[li].reason = NK_DROP_CAPTION;
    }
    /* the spans: one per line, consecutive lines with one reason merged across blank lines */
    for (i = 0; i < last; i++) {
        cl_line *l = &c->lines[i];
        nk_drop *prev = c->ndrops > 0 ? &c->drops[c->ndrops - 1] : NULL;
        int merge;
        if (!l->reason)
            continue;
        merge = prev != NULL && prev->reason == l->reason && !l->marker && prev->marker.end == 0;
        if (merge)
            for (j = prev_line + 1; j < i; j++)
                if (!c->lines[j].blank) {
                    merge = 0;
                    break;
                }
        if (merge) {
            prev->span.end = l->te;
        } else {
            nk_span mk = none;
            if (l->marker) {
                mk.start = l->ts;
                mk.end = l->te;
            }
            if ((st = add_drop(c, l->ts, l->te, l->reason, mk)) != NK_OK)
                return st;
        }
        prev_line = i;
    }
    if (have_tail && (st = add_drop(c, tail_span.start, tail_span.end, NK_DROP_NAVIGATION,
                                    tail_marker)) != NK_OK)
        return st;
    *drops = c->drops;
    *ndrops = c->ndrops;
    return NK_OK;
}
