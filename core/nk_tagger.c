/*
** nk_tagger.c
** The entity tagger: feature extraction, Viterbi decoding, averaged perceptron training and
** the model file. See nk_tagger.h.
*/
#include "nk_tagger.h"

#include <math.h>
#include <string.h>

#include "nk_words.h"

#define MAXF 96     /* features of one word */
#define MAXSENT 256 /* words of one sentence */
#define MAXKEY 64   /* bytes of a word's key kept for features */
#define NT NK_TAG_NTAGS
#define HDR 48
#define NPK 2 /* features of a word crossed with the previous tag */

static const char *const TAGS[NT] = {"O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
                                     "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};
static const char *const TYPES[NK_TAG_NHTYPES] = {"PERS", "LOC", "ORG", "MISC", "NORP"};

const char *nk_tag_name(int tag)
{
    return tag >= 0 && tag < NT ? TAGS[tag] : NULL;
}

const char *nk_tag_type_name(int type)
{
    return type >= 0 && type < NK_TAG_NHTYPES ? TYPES[type] : NULL;
}

int nk_tag_type(const char *name, size_t len)
{
    int i;
    for (i = 0; i < NK_TAG_NHTYPES; i++)
        if (strlen(TYPES[i]) == len && memcmp(TYPES[i], name, len) == 0)
            return i;
    return -1;
}

void nk_tagvec_init(nk_tagvec *tv, const nk_alloc *a)
{
    tv->v = NULL;
    tv->n = tv->cap = 0;
    tv->alloc = a;
}

void nk_tagvec_free(nk_tagvec *tv)
{
    nk_free(tv->alloc, tv->v, tv->cap * sizeof *tv->v);
    nk_tagvec_init(tv, tv->alloc);
}

static nk_status tagvec_push(nk_tagvec *tv, size_t s, size_t e, int tag)
{
    if (tv->n == tv->cap) {
        size_t nc = tv->cap ? tv->cap * 2 : 256;
        nk_tagged *v = nk_realloc(tv->alloc, tv->v, tv->cap * sizeof *v, nc * sizeof *v);
        if (!v)
            return NK_ENOMEM;
        tv->v = v;
        tv->cap = nc;
    }
    tv->v[tv->n].start = s;
    tv->v[tv->n].end = e;
    tv->v[tv->n].tag = tag;
    tv->n++;
    return NK_OK;
}

/* ---- words of a text, with their hint bits ---------------------------------------------- */

typedef struct {
    size_t start, end;
    uint32_t hints; /* bit ((source * 5 + type) * 2 + inside) */
    uint8_t cls, nl, gold;
} word;

typedef struct {
    word *v;
    size_t n, cap;
    const nk_alloc *a;
} wordvec;

static void wv_free(wordvec *w)
{
    nk_free(w->a, w->v, w->cap * sizeof *w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

static nk_status scan_words(const char *text, size_t len, wordvec *out)
{
    nk_wscan sc;
    nk_word w;
    nk_words_init(&sc, text, len);
    out->n = 0;
    while (nk_words_next(&sc, &w)) {
        if (out->n == out->cap) {
            size_t nc = out->cap ? out->cap * 2 : 256;
            word *v = nk_realloc(out->a, out->v, out->cap * sizeof *v, nc * sizeof *v);
            if (!v)
                return NK_ENOMEM;
            out->v = v;
            out->cap = nc;
        }
        out->v[out->n].start = w.start;
        out->v[out->n].end = w.end;
        out->v[out->n].hints = 0;
        out->v[out->n].cls = (uint8_t)w.cls;
        out->v[out->n].nl = (uint8_t)w.nl;
        out->v[out->n].gold = 0;
        out->n++;
    }
    return NK_OK;
}

/* The first word that ends after pos (the word holding pos, or the next one). */
static size_t first_from(const wordvec *w, size_t pos)
{
    size_t lo = 0, hi = w->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w->v[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static nk_status mark_hints(wordvec *w, const nk_tag_hint *h, size_t nh, nk_error *err)
{
    size_t k, i;
    for (k = 0; k < nh; k++) {
        if (h[k].source < 0 || h[k].source >= NK_TAG_NSOURCES || h[k].type < 0 ||
            h[k].type >= NK_TAG_NHTYPES || h[k].end < h[k].start)
            return nk_seterror(err, NK_EINVAL, h[k].start,
                               "tagger: bad hint %zu (source %d, type %d)", k + 1, h[k].source,
                               h[k].type);
        for (i = first_from(w, h[k].start); i < w->n && w->v[i].start < h[k].end; i++)
            w->v[i].hints |= 1u << ((h[k].source * NK_TAG_NHTYPES + h[k].type) * 2 +
                                    (i > 0 && w->v[i - 1].end > h[k].start));
    }
    return NK_OK;
}

static nk_status mark_gold(wordvec *w, const nk_tag_hint *g, size_t ng, nk_error *err)
{
    size_t k, i;
    for (k = 0; k < ng; k++) {
        if (g[k].type < 0 || g[k].type >= NK_TAG_NTYPES || g[k].end < g[k].start)
            return nk_seterror(err, NK_EINVAL, g[k].start, "tagger: bad gold entity %zu (type %d)",
                               k + 1, g[k].type);
        for (i = first_from(w, g[k].start); i < w->n && w->v[i].start < g[k].end; i++)
            w->v[i].gold = (uint8_t)(1 + 2 * g[k].type + (i > 0 && w->v[i - 1].end > g[k].start));
    }
    return NK_OK;
}

/* The end (exclusive) of the sentence starting at word i. */
static size_t sentence_end(const char *text, const wordvec *w, size_t i)
{
    size_t j = i;
    while (j < w->n) {
        const word *x = &w->v[j];
        size_t n = x->end - x->start;
        const char *s = text + x->start;
        if (j > i && x->nl)
            return j;
        j++;
        if (x->cls == NK_TOK_PUNCT &&
            ((n == 1 && (*s == '.' || *s == '!' || *s == '?')) ||
             (n == 2 && (unsigned char)s[0] == 0xD8 && (unsigned char)s[1] == 0x9F)))
            return j;
        if (j - i >= MAXSENT)
            return j;
    }
    return j;
}

/* ---- features ------------------------------------------------------------------------------ */

typedef struct {
    char key[MAXKEY], raw[MAXKEY];
    uint8_t kl, rl, pre, art, stem_l, nosuf_l, chars, cls, nl, cap;
    uint32_t hints;
} winfo;

static const char *const BOS = "<s>", *const EOS = "</s>";

static int starts(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    return n >= m && memcmp(s, p, m) == 0;
}

static int ends(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    return n >= m && memcmp(s + n - m, p, m) == 0;
}

static size_t nchars(const char *s, size_t n)
{
    size_t i, c = 0;
    for (i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Bytes of the first k characters (or of the last k when from_end) of s[0..n). */
static size_t char_bytes(const char *s, size_t n, size_t k, int from_end)
{
    size_t i, c = 0;
    if (!from_end) {
        for (i = 0; i < n; i++)
            if (((unsigned char)s[i] & 0xC0) != 0x80 && c++ == k)
                return i;
        return n;
    }
    for (i = n; i > 0; i--)
        if (((unsigned char)s[i - 1] & 0xC0) != 0x80 && ++c == k)
            return n - (i - 1);
    return n;
}

static void word_info(const char *text, const word *w, winfo *f)
{
    char buf[4 * MAXKEY];
    size_t n = w->end - w->start, kl;
    const char *s = text + w->start;
    if (n > sizeof buf)
        n = sizeof buf;
    kl = w->cls == NK_TOK_PUNCT ? (memcpy(buf, s, n), n) : nk_words_key(s, n, buf);
    if (kl > MAXKEY)
        kl = char_bytes(buf, MAXKEY, nchars(buf, MAXKEY) - 1, 0);
    memcpy(f->key, buf, kl);
    f->kl = (uint8_t)kl;
    kl = w->cls == NK_TOK_PUNCT ? (memcpy(buf, s, n), n) : nk_words_raw(s, n, buf);
    if (kl > MAXKEY)
        kl = char_bytes(buf, MAXKEY, nchars(buf, MAXKEY) - 1, 0);
    memcpy(f->raw, buf, kl);
    f->rl = (uint8_t)kl;
    f->chars = (uint8_t)nchars(f->key, f->kl);
    f->cls = w->cls;
    f->nl = w->nl;
    f->cap = w->cls == NK_TOK_LATIN && n > 0 && s[0] >= 'A' && s[0] <= 'Z';
    f->hints = w->hints;
    f->pre = 0;
    f->art = 0;
    if (w->cls == NK_TOK_ARABIC) {
        int art = 0;
        const char *k = f->key;
        size_t p = 0, kn = f->kl;
        if ((starts(k, kn, "\xD9\x88") || starts(k, kn, "\xD9\x81")) && nchars(k, kn) >= 4)
            p = 2; /* و ف */
        if (starts(k + p, kn - p, "\xD9\x84\xD9\x84") && nchars(k + p, kn - p) >= 4) {
            p += 4; /* لل = ل + ال */
        } else {
            if ((starts(k + p, kn - p, "\xD8\xA8") || starts(k + p, kn - p, "\xD9\x83") ||
                 starts(k + p, kn - p, "\xD9\x84") || starts(k + p, kn - p, "\xD8\xB3")) &&
                nchars(k + p, kn - p) >= 4)
                p += 2; /* ب ك ل س */
            if (starts(k + p, kn - p, "\xD8\xA7\xD9\x84") && nchars(k + p, kn - p) >= 4) {
                p += 4; /* ال */
                art = 1;
            }
        }
        if (p >= 4 && starts(k + p - 4, 4, "\xD9\x84\xD9\x84"))
            art = 1;
        f->pre = (uint8_t)p;
        f->art = (uint8_t)art;
    }
    f->stem_l = (uint8_t)(f->kl - f->pre);
    f->nosuf_l = f->stem_l;
    if (w->cls == NK_TOK_ARABIC && !f->art) {
        static const char *const SUF[] = {"\xD9\x87\xD9\x85\xD8\xA7",
                                          "\xD9\x83\xD9\x85\xD8\xA7",
                                          "\xD9\x87\xD9\x85",
                                          "\xD9\x83\xD9\x85",
                                          "\xD9\x87\xD8\xA7",
                                          "\xD9\x86\xD8\xA7",
                                          "\xD9\x87"};
        size_t i;
        const char *st = f->key + f->pre;
        for (i = 0; i < sizeof SUF / sizeof *SUF; i++)
            if (ends(st, f->stem_l, SUF[i]) && nchars(st, f->stem_l - strlen(SUF[i])) >= 3) {
                f->nosuf_l = (uint8_t)(f->stem_l - strlen(SUF[i]));
                break;
            }
    }
}

/* FNV-1a over a template id and bytes, then a final mix. */
static uint64_t fhash(unsigned tmpl, const char *s, size_t n, const char *s2, size_t n2)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    h = (h ^ (tmpl & 0xFF)) * 1099511628211ULL;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    if (s2) {
        h = (h ^ 0x1F) * 1099511628211ULL;
        for (i = 0; i < n2; i++)
            h = (h ^ (unsigned char)s2[i]) * 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

typedef struct {
    uint64_t h[MAXF];
    int n;
    uint64_t pk[NPK]; /* crossed with the previous tag (prow): the key; proclitics + shape */
} fset;

static void add(fset *f, unsigned tmpl, const char *s, size_t n, const char *s2, size_t n2)
{
    if (f->n < MAXF)
        f->h[f->n++] = fhash(tmpl, s, n, s2, n2);
}

#define KEYOF(x) (x)->key, (x)->kl
#define STEMOF(x) (x)->key + (x)->pre, (x)->stem_l

/* Letters of the stem as consonant / long vowel: a transliterated name is rich in long
** vowels (فرويد، بجماليون); foreign letters (گ پ چ ڤ). */
static void char_features(const winfo *w, fset *f)
{
    const char *st = w->key + w->pre;
    size_t sl = w->stem_l, i, nv = 0, nc = 0, k, b;
    char sk[12];
    size_t skl = 0;
    int foreign = 0;
    if (w->cls != NK_TOK_ARABIC)
        return;
    for (i = 0; i + 1 < sl + 1 && i < sl;) {
        unsigned char c0 = (unsigned char)st[i], c1 = i + 1 < sl ? (unsigned char)st[i + 1] : 0;
        size_t cl = c0 < 0x80 ? 1 : c0 < 0xE0 ? 2 : c0 < 0xF0 ? 3 : 4;
        char v = 'C';
        if (c0 == 0xD8 && c1 == 0xA7)
            v = 'A'; /* ا */
        else if (c0 == 0xD9 && (c1 == 0x88 || c1 == 0x8A))
            v = 'V'; /* و ي */
        else if (c0 == 0xDA || c0 == 0xDB)
            foreign = 1; /* گ پ چ ڤ ... */
        if (v != 'C')
            nv++;
        else
            nc++;
        if (skl < sizeof sk)
            sk[skl++] = v;
        i += cl;
    }
    add(f, 30, sk, skl, NULL, 0);
    {
        char r = (char)('0' + (nv * 4) / (nv + nc + 1));
        add(f, 31, &r, 1, NULL, 0);
    }
    if (foreign)
        add(f, 32, "", 0, NULL, 0);
    /* prefixes of the stem and 4-letter affixes of the key */
    for (k = 1; k <= 3; k++)
        if (w->pre > 0 && nchars(st, sl) > k) {
            b = char_bytes(st, sl, k, 0);
            add(f, (unsigned)(33 + k), st, b, NULL, 0);
        }
    if (w->chars > 4) {
        b = char_bytes(w->key, w->kl, 4, 0);
        add(f, 37, w->key, b, NULL, 0);
        b = char_bytes(w->key, w->kl, 4, 1);
        add(f, 38, w->key + w->kl - b, b, NULL, 0);
    }
}

/* The features of word i of a sentence of n words (info in wi). */
static void features(const winfo *wi, size_t n, size_t i, fset *f)
{
    const winfo *w = &wi[i];
    const winfo *p1 = i > 0 ? &wi[i - 1] : NULL, *p2 = i > 1 ? &wi[i - 2] : NULL;
    const winfo *n1 = i + 1 < n ? &wi[i + 1] : NULL, *n2 = i + 2 < n ? &wi[i + 2] : NULL;
    char sh[4];
    size_t k, b;
    f->n = 0;
    f->pk[0] = fhash(60, KEYOF(w), NULL, 0);
    add(f, 1, "", 0, NULL, 0);
    add(f, 2, KEYOF(w), NULL, 0);
    add(f, 3, w->raw, w->rl, NULL, 0);
    add(f, 4, STEMOF(w), NULL, 0);
    add(f, 5, w->key, w->pre, NULL, 0);
    if (w->nosuf_l != w->stem_l)
        add(f, 6, w->key + w->pre, w->nosuf_l, NULL, 0);
    for (k = 1; k <= 3; k++) {
        if (w->chars > k) {
            b = char_bytes(w->key, w->kl, k, 0);
            add(f, (unsigned)(7 + k), w->key, b, NULL, 0);
            b = char_bytes(w->key, w->kl, k, 1);
            add(f, (unsigned)(11 + k), w->key + w->kl - b, b, NULL, 0);
        }
        if (w->pre > 0 && nchars(STEMOF(w)) > k) {
            b = char_bytes(STEMOF(w), k, 1);
            add(f, (unsigned)(15 + k), w->key + w->pre + w->stem_l - b, b, NULL, 0);
        }
    }
    /* the class digit of the model's features: punctuation 0, Arabic 1, Latin 2, number 3
    ** (the numbering the shipped model was trained with; NK_TOK_PUNCT is 4) */
    sh[0] = (char)('0' + (w->cls == NK_TOK_PUNCT ? 0 : w->cls));
    sh[1] = (char)('0' + (w->chars < 2   ? 1
                          : w->chars < 4 ? 2
                          : w->chars < 6 ? 3
                          : w->chars < 9 ? 4
                                         : 5));
    sh[2] = (char)('0' + w->cap);
    sh[3] = (char)('0' + w->nl);
    add(f, 20, sh, 4, NULL, 0);
    char_features(w, f);
    f->pk[1] = fhash(61, sh, 4, w->key, w->pre);
    add(f, 21, p1 ? p1->key : BOS, p1 ? p1->kl : 3, NULL, 0);
    add(f, 22, p2 ? p2->key : BOS, p2 ? p2->kl : 3, NULL, 0);
    add(f, 23, n1 ? n1->key : EOS, n1 ? n1->kl : 4, NULL, 0);
    add(f, 24, n2 ? n2->key : EOS, n2 ? n2->kl : 4, NULL, 0);
    if (p1)
        add(f, 25, STEMOF(p1), NULL, 0);
    if (n1)
        add(f, 26, STEMOF(n1), NULL, 0);
    add(f, 27, p1 ? p1->key : BOS, p1 ? p1->kl : 3, KEYOF(w));
    add(f, 28, KEYOF(w), n1 ? n1->key : EOS, n1 ? n1->kl : 4);
    if (p1)
        add(f, 29, STEMOF(p1), STEMOF(w));
    for (b = 0; b < 32; b++) {
        char c = (char)b;
        if (w->hints >> b & 1) {
            add(f, 40, &c, 1, NULL, 0);
            add(f, 43, &c, 1, p1 ? p1->key : BOS, p1 ? p1->kl : 3);
            add(f, 44, &c, 1, w->key, w->pre);
        }
        if (p1 && p1->hints >> b & 1)
            add(f, 41, &c, 1, NULL, 0);
        if (n1 && n1->hints >> b & 1)
            add(f, 42, &c, 1, NULL, 0);
    }
}

/* ---- document features: the other mentions of a word's stem -------------------------------- */

/*
** Within DOC_NEAR words of a word (the window of propagate), the other mentions of its stem
** (no proclitics; words of two letters or more) lend it their contexts: the keys of the words
** before and after them, their proclitics, their hint bits, and how many there are. A name
** written once after a title and five times bare (فرويد) reads the title at every mention.
*/
#define DOC_NEAR 400
#define DOC_M 3 /* mentions on each side */

/* A word's info (winfo) kept for the passes after doc_build: its key and raw form are at off in
** the document's byte arena, one after the other. */
typedef struct {
    uint32_t off;
    uint8_t kl, rl, pre, art, stem_l, nosuf_l, chars, cap;
} wkept;

typedef struct {
    uint64_t *hs, *hk, *hp; /* per word: stem, key, proclitics */
    wkept *wk;              /* per word: its info (word_at) */
    char *kb;               /* the keys and raw forms */
    size_t kbn, kbcap;
    size_t *prv, *nxt;    /* the previous and next word of the same stem (n: none) */
    const uint8_t *mtags; /* the first-pass tags the second pass reads of the other mentions
                             (NULL: the first pass's own; see nk_tagger_tag) */
    size_t n;
    const nk_alloc *a;
} docidx;

static int name_word(const word *w);

static void doc_free(docidx *d)
{
    if (d->hs)
        nk_free(d->a, d->hs, d->n * (3 * sizeof *d->hs + 2 * sizeof *d->prv + sizeof *d->wk));
    nk_free(d->a, d->kb, d->kbcap);
    d->hs = NULL;
    d->kb = NULL;
    d->kbn = d->kbcap = 0;
}

/* Word i's info as word_info gave it when the index was built (the keys are computed once per
** text, not once per pass). */
static void word_at(const docidx *d, const word *w, size_t i, winfo *f)
{
    const wkept *k = &d->wk[i];
    memcpy(f->key, d->kb + k->off, k->kl);
    memcpy(f->raw, d->kb + k->off + k->kl, k->rl);
    f->kl = k->kl;
    f->rl = k->rl;
    f->pre = k->pre;
    f->art = k->art;
    f->stem_l = k->stem_l;
    f->nosuf_l = k->nosuf_l;
    f->chars = k->chars;
    f->cap = k->cap;
    f->cls = w[i].cls;
    f->nl = w[i].nl;
    f->hints = w[i].hints;
}

/* 0 on no memory. */
static int doc_build(docidx *d, const char *text, const wordvec *w, const nk_alloc *a)
{
    size_t n = w->n, i, cap = 16;
    uint32_t *last; /* open addressing by stem hash: the last word of the stem + 1 */
    unsigned char *mem;
    d->n = n;
    d->a = a;
    d->hs = NULL;
    d->mtags = NULL;
    d->kb = NULL;
    d->kbn = d->kbcap = 0;
    if (!n)
        return 1;
    mem = nk_malloc(a, n * (3 * sizeof *d->hs + 2 * sizeof *d->prv + sizeof *d->wk));
    if (!mem)
        return 0;
    d->hs = (uint64_t *)(void *)mem;
    d->hk = d->hs + n;
    d->hp = d->hk + n;
    d->prv = (size_t *)(void *)(d->hp + n);
    d->nxt = d->prv + n;
    d->wk = (wkept *)(void *)(d->nxt + n);
    while (cap < 2 * n)
        cap *= 2;
    last = n < UINT32_MAX ? nk_malloc(a, cap * sizeof *last) : NULL;
    if (!last) {
        doc_free(d);
        return 0;
    }
    memset(last, 0, cap * sizeof *last);
    for (i = 0; i < n; i++) {
        winfo f;
        wkept *k = &d->wk[i];
        word_info(text, &w->v[i], &f);
        if (d->kbn + f.kl + f.rl > d->kbcap) { /* (offsets are 32-bit: a text's keys < 4 GB) */
            size_t nc = d->kbcap ? 2 * d->kbcap : 16 * n + 2 * MAXKEY;
            char *kb = nc <= UINT32_MAX ? nk_realloc(a, d->kb, d->kbcap, nc) : NULL;
            if (!kb) {
                nk_free(a, last, cap * sizeof *last);
                doc_free(d);
                return 0;
            }
            d->kb = kb;
            d->kbcap = nc;
        }
        k->off = (uint32_t)d->kbn;
        memcpy(d->kb + d->kbn, f.key, f.kl);
        memcpy(d->kb + d->kbn + f.kl, f.raw, f.rl);
        d->kbn += (size_t)f.kl + f.rl;
        k->kl = f.kl;
        k->rl = f.rl;
        k->pre = f.pre;
        k->art = f.art;
        k->stem_l = f.stem_l;
        k->nosuf_l = f.nosuf_l;
        k->chars = f.chars;
        k->cap = f.cap;
        d->hs[i] = fhash(50, f.key + f.pre, f.stem_l, NULL, 0);
        d->hk[i] = fhash(51, f.key, f.kl, NULL, 0);
        d->hp[i] = fhash(52, f.key, f.pre, NULL, 0);
        d->prv[i] = d->nxt[i] = n;
        if (name_word(&w->v[i]) && nchars(f.key + f.pre, f.stem_l) >= 2) {
            size_t j = (size_t)(d->hs[i] >> 7) & (cap - 1);
            while (last[j] && d->hs[last[j] - 1] != d->hs[i])
                j = (j + 1) & (cap - 1);
            if (last[j]) {
                d->prv[i] = last[j] - 1;
                d->nxt[d->prv[i]] = i;
            }
            last[j] = (uint32_t)(i + 1);
        }
    }
    nk_free(a, last, cap * sizeof *last);
    return 1;
}

static void add_doc(fset *f, int from, unsigned tmpl, uint64_t v)
{
    uint64_t h = fhash(tmpl, (const char *)&v, sizeof v, NULL, 0);
    int k;
    for (k = from; k < f->n; k++)
        if (f->h[k] == h)
            return;
    if (f->n < MAXF)
        f->h[f->n++] = h;
}

/* The other mentions of word i's stem (up to DOC_M on each side within DOC_NEAR words) into js;
** their number. */
static size_t doc_mentions(const docidx *d, size_t i, size_t *js)
{
    size_t nj = 0, j, k;
    int side;
    if (!d->hs)
        return 0;
    for (side = 0; side < 2; side++)
        for (j = side ? d->nxt[i] : d->prv[i], k = 0; j != d->n && k < DOC_M;
             j = side ? d->nxt[j] : d->prv[j], k++) {
            if ((side ? j - i : i - j) > DOC_NEAR)
                break;
            js[nj++] = j;
        }
    return nj;
}

/* The document features of word i (the text's words w) into f: how many other mentions, the
** keys of the words before and after each, and their proclitics. (Their hint bits and the stems
** of their neighbours were tried and dropped: docs/entities.md.) */
static void doc_features(const docidx *d, size_t i, fset *f)
{
    size_t js[2 * DOC_M], nj, j, k;
    int from = f->n;
    nj = doc_mentions(d, i, js);
    if (!nj)
        return;
    add_doc(f, from, 70, nj);
    for (k = 0; k < nj; k++) {
        j = js[k];
        add_doc(f, from, 71, j > 0 ? d->hk[j - 1] : 0);
        add_doc(f, from, 72, j + 1 < d->n ? d->hk[j + 1] : 0);
        add_doc(f, from, 73, d->hp[j]);
    }
}

/* ---- the second pass: what the first pass tagged ------------------------------------------- */

#define NK_TAG_STAGES 2 /* passes */
#define NK_TAG_FOLDS 4  /* parts of the training text the first pass tags for the second */

/* A feature hash of pass 1 (the second pass: its own rows for the same features). */
static uint64_t salt(uint64_t h, int pass)
{
    if (!pass)
        return h;
    h ^= 0x5851F42D4C957F2DULL;
    h ^= h >> 31;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 29;
    return h;
}

/* The features of the first pass's tags: the tags of the word's other mentions (mt, nm of them),
** the type most of them have (O counts), and the word's own tag (own). */
static void stack_features(const uint8_t *mt, size_t nm, int own, fset *f)
{
    int from = f->n;
    size_t k;
    for (k = 0; k < nm; k++)
        add_doc(f, from, 80, mt[k]);
    add_doc(f, from, 81, (uint64_t)own);
    if (nm) {
        int cnt[NK_TAG_NTYPES + 1] = {0}, best = 0, t;
        for (k = 0; k < nm; k++)
            cnt[mt[k] ? (mt[k] - 1) / 2 + 1 : 0]++;
        for (t = 1; t <= NK_TAG_NTYPES; t++)
            if (cnt[t] > cnt[best])
                best = t;
        add_doc(f, from, 82, (uint64_t)best);
    }
}

/* All the features of word i of a sentence (wi, n words; gi: its index in the text's words w)
** at a pass; pass 1 with tags1 also reads the first pass's tags. */
static void word_features(const winfo *wi, size_t n, size_t i, const docidx *d, size_t gi, int pass,
                          const uint8_t *tags1, fset *f)
{
    features(wi, n, i, f);
    doc_features(d, gi, f);
    if (pass) {
        int k;
        for (k = 0; k < f->n; k++)
            f->h[k] = salt(f->h[k], pass);
        for (k = 0; k < NPK; k++)
            f->pk[k] = salt(f->pk[k], pass);
        if (tags1) {
            size_t js[2 * DOC_M], nj = doc_mentions(d, gi, js), k2;
            uint8_t mt[2 * DOC_M];
            for (k2 = 0; k2 < nj; k2++)
                mt[k2] = (d->mtags ? d->mtags : tags1)[js[k2]];
            stack_features(mt, nj, tags1[gi], f);
        }
    }
}

/* ---- decoding ------------------------------------------------------------------------------- */

/* The row of the previous tag p (NT: the sentence start) crossed with a word's key hash pk:
** its weights score the word's tag given p (a second emission, pe below). */
#define NPREV (NT + 1)
static size_t prow(uint64_t pk, int p, unsigned shift)
{
    uint64_t x = pk ^ ((uint64_t)(p + 1) * 0x9E3779B97F4A7C15ULL);
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 29;
    return (size_t)(x >> shift);
}

static int allowed(int prev, int t)
{
    if (t == 0 || t % 2 == 1)
        return 1;
    return prev == t || prev == t - 1; /* I-X after B-X or I-X */
}

/* Viterbi over n words with emission scores em[i * NT + t], emissions given the previous tag
** pe[(i * NPREV + p) * NT + t] and transitions tr[(p) * NT + t] (p = NT: the start); the best
** tags into out. */
static void viterbi(const float *em, const float *pe, const float *tr, size_t n, float *sc,
                    uint8_t *bp, uint8_t *out)
{
    size_t i;
    int t, p;
    for (t = 0; t < NT; t++)
        sc[t] = allowed(NT, t) ? em[t] + pe[NT * NT + t] + tr[NT * NT + t] : -INFINITY;
    for (i = 1; i < n; i++) {
        for (t = 0; t < NT; t++) {
            float best = -INFINITY;
            int bi = 0;
            for (p = 0; p < NT; p++) {
                float v;
                if (!allowed(p, t))
                    continue;
                v = sc[(i - 1) * NT + p] + tr[p * NT + t] + pe[(i * NPREV + p) * NT + t];
                if (v > best) {
                    best = v;
                    bi = p;
                }
            }
            sc[i * NT + t] = best + em[i * NT + t];
            bp[i * NT + t] = (uint8_t)bi;
        }
    }
    if (n == 0)
        return;
    {
        float best = -INFINITY;
        int bi = 0;
        for (t = 0; t < NT; t++)
            if (sc[(n - 1) * NT + t] > best) {
                best = sc[(n - 1) * NT + t];
                bi = t;
            }
        out[n - 1] = (uint8_t)bi;
        for (i = n - 1; i > 0; i--)
            out[i - 1] = bp[i * NT + out[i]];
    }
}

/* ---- the fingerprint ------------------------------------------------------------------------ */

static uint64_t fingerprint_run(void);

/* Computed once (the same value on every call, so two threads racing store the same bits). */
uint64_t nk_tagger_fingerprint(void)
{
    static volatile uint64_t cached;
    if (!cached)
        cached = fingerprint_run();
    return cached;
}

static uint64_t fingerprint_run(void)
{
    static const char probe[] =
        "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD8\xB1\xD8\xA6\xD9\x8A\xD8\xB3 "
        "\xD9\x81\xD9\x84\xD8\xA7\xD8\xAF\xD9\x8A\xD9\x85\xD9\x8A\xD8\xB1 "
        "\xD8\xA8\xD9\x88\xD8\xAA\xD9\x8A\xD9\x86 \xD9\x88\xD8\xA8\xD8\xA7\xD9\x84\xD9\x82\xD8\xA7"
        "\xD9\x87\xD8\xB1\xD8\xA9\xD8\x8C \xD9\x84\xD9\x84\xD8\xAC\xD9\x8A\xD8\xB4 "
        "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8\xD9\x87\xD9\x85 Reuters 2017 (AFP).\n"
        "\xD9\x88\xD8\xB3\xD9\x8A\xD8\xB0\xD9\x87\xD8\xA8 \xD8\xA5\xD9\x84\xD9\x89 "
        "\xD8\xB3\xD9\x88\xD8\xAA\xD8\xB4\xD9\x8A\xD9\x91\xD9\x8E!\n"
        "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA8\xD9\x88\xD8\xAA\xD9\x8A\xD9\x86.";
    winfo wi[32];
    docidx d = {0};
    uint8_t tags1[64];
    wordvec w = {NULL, 0, 0, NULL};
    nk_tag_hint h[3] = {{12, 40, 0, 0}, {41, 64, 1, 1}, {0, 6, 2, 4}};
    uint64_t fp = 1469598103934665603ULL;
    size_t i, n, s = 0;
    fset f;
    if (scan_words(probe, sizeof probe - 1, &w) != NK_OK)
        return 0;
    mark_hints(&w, h, 3, NULL);
    if (!doc_build(&d, probe, &w, NULL)) {
        wv_free(&w);
        return 0;
    }
    for (i = 0; i < sizeof tags1; i++)
        tags1[i] = (uint8_t)(i % NT);
    while (s < w.n) {
        size_t e = sentence_end(probe, &w, s);
        n = e - s;
        for (i = 0; i < n && i < 32; i++)
            word_info(probe, &w.v[s + i], &wi[i]);
        for (i = 0; i < n && i < 32; i++) {
            int k, pass;
            for (pass = 0; pass < NK_TAG_STAGES; pass++) {
                word_features(wi, n, i, &d, s + i, pass, pass ? tags1 : NULL, &f);
                for (k = 0; k < f.n; k++)
                    fp = (fp ^ f.h[k]) * 1099511628211ULL;
                for (k = 0; k < NPREV * NPK; k++)
                    fp = (fp ^ prow(f.pk[k % NPK], k / NPK, 45)) * 1099511628211ULL;
            }
        }
        fp = (fp ^ n) * 1099511628211ULL;
        s = e;
    }
    doc_free(&d);
    wv_free(&w);
    fp = (fp ^ (NT * 131 + NK_TAG_FORMAT)) * 1099511628211ULL;
    fp = (fp ^ (NK_TAG_STAGES * 17 + NK_TAG_FOLDS)) * 1099511628211ULL;
    fp = (fp ^ MAXF) * 1099511628211ULL;
    return fp;
}

/* ---- the model --------------------------------------------------------------------------------
 */

struct nk_tagger {
    nk_alloc alloc;
    unsigned flags;
    unsigned bits;
    size_t nrows;
    float scale;
    int16_t *w; /* 2^bits rows of NT */
    int stages; /* 1, or 2: a second pass reads the first pass's tags (tr2: its transitions) */
    float tr[(NT + 1) * NT], tr2[(NT + 1) * NT];
};

static uint64_t fnv(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static void wr32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8), p[2] = (unsigned char)(v >> 16),
    p[3] = (unsigned char)(v >> 24);
}

static void wr64(unsigned char *p, uint64_t v)
{
    wr32(p, (uint32_t)v);
    wr32(p + 4, (uint32_t)(v >> 32));
}

static float f32(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static uint32_t u32f(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static const char MAGIC[8] = "NKTAG1\n";

nk_tagger *nk_tagger_load(const void *data, size_t len, const nk_alloc *a, nk_error *err)
{
    const unsigned char *p = data;
    uint32_t version, bits, ntags, nrows, stages;
    uint64_t fp, sum, want;
    size_t nbm, i, r, need, pc = 0;
    float scale;
    nk_tagger *t;
    const unsigned char *bm, *wp, *tp;
    if (len < HDR || memcmp(p, MAGIC, 8) != 0) {
        nk_seterror(err, NK_EFORMAT, 0, "not a naskh tagger model (no NKTAG1 header)");
        return NULL;
    }
    version = rd32(p + 8);
    bits = rd32(p + 12);
    fp = rd64(p + 16);
    ntags = rd32(p + 24);
    scale = f32(rd32(p + 28));
    nrows = rd32(p + 32);
    stages = rd32(p + 36);
    sum = rd64(p + 40);
    if (version != NK_TAG_FORMAT) {
        nk_seterror(err, NK_EFORMAT, 8, "tagger model format %u, this build reads format %d",
                    (unsigned)version, NK_TAG_FORMAT);
        return NULL;
    }
    want = nk_tagger_fingerprint();
    if (fp != want) {
        nk_seterror(err, NK_EFORMAT, 16,
                    "tagger model made by another feature extractor (fingerprint %016llx, this "
                    "build %016llx): retrain it (make model)",
                    (unsigned long long)fp, (unsigned long long)want);
        return NULL;
    }
    if (bits < 12 || bits > 24 || ntags != NT || !(scale > 0 && scale < 1e6f) || stages < 1 ||
        stages > 2) {
        nk_seterror(err, NK_EFORMAT, 12, "tagger model: bad header (bits %u, tags %u, passes %u)",
                    (unsigned)bits, (unsigned)ntags, (unsigned)stages);
        return NULL;
    }
    nbm = ((size_t)1 << bits) / 8;
    if (nrows > ((size_t)1 << bits)) {
        nk_seterror(err, NK_EFORMAT, 32, "tagger model: bad row count");
        return NULL;
    }
    need = HDR + nbm + (size_t)nrows * NT * 2 + (size_t)stages * (NT + 1) * NT * 4;
    if (len != need) {
        nk_seterror(err, NK_EFORMAT, len < need ? len : need,
                    "tagger model: %zu bytes, its header announces %zu (truncated or corrupted)",
                    len, need);
        return NULL;
    }
    if (fnv(p + HDR, len - HDR) != sum) {
        nk_seterror(err, NK_EFORMAT, HDR, "tagger model: checksum mismatch (corrupted file)");
        return NULL;
    }
    bm = p + HDR;
    for (i = 0; i < nbm; i++) {
        unsigned b = bm[i];
        while (b) {
            pc += b & 1;
            b >>= 1;
        }
    }
    if (pc != nrows) {
        nk_seterror(err, NK_EFORMAT, HDR, "tagger model: row bitmap disagrees with the row count");
        return NULL;
    }
    t = nk_malloc(a, sizeof *t);
    if (!t) {
        nk_seterror(err, NK_ENOMEM, 0, "tagger model: out of memory");
        return NULL;
    }
    memset(t, 0, sizeof *t);
    t->alloc = a ? *a : *nk_default_alloc();
    t->bits = bits;
    t->flags = NK_TAG_PROPAGATE | NK_TAG_SKIP;
    t->nrows = nrows;
    t->stages = (int)stages;
    t->scale = scale;
    t->w = nk_malloc(&t->alloc, ((size_t)1 << bits) * NT * sizeof *t->w);
    if (!t->w) {
        nk_free(&t->alloc, t, sizeof *t);
        nk_seterror(err, NK_ENOMEM, 0, "tagger model: out of memory");
        return NULL;
    }
    memset(t->w, 0, ((size_t)1 << bits) * NT * sizeof *t->w);
    wp = bm + nbm;
    for (r = 0; r < ((size_t)1 << bits); r++) {
        int k;
        if (!(bm[r / 8] >> (r % 8) & 1))
            continue;
        for (k = 0; k < NT; k++, wp += 2)
            t->w[r * NT + (size_t)k] = (int16_t)(uint16_t)(wp[0] | wp[1] << 8);
    }
    tp = wp;
    for (i = 0; i < (size_t)stages * (NT + 1) * NT; i++) {
        float *v = i < (NT + 1) * NT ? &t->tr[i] : &t->tr2[i - (NT + 1) * NT];
        *v = f32(rd32(tp + 4 * i));
        if (!isfinite(*v) || fabsf(*v) > 1e9f) {
            nk_free(&t->alloc, t->w, ((size_t)1 << bits) * NT * sizeof *t->w);
            nk_free(&t->alloc, t, sizeof *t);
            nk_seterror(err, NK_EFORMAT, (size_t)(tp - p) + 4 * i,
                        "tagger model: bad transition weight");
            return NULL;
        }
    }
    return t;
}

void nk_tagger_free(nk_tagger *t)
{
    if (!t)
        return;
    nk_free(&t->alloc, t->w, ((size_t)1 << t->bits) * NT * sizeof *t->w);
    nk_free(&t->alloc, t, sizeof *t);
}

void nk_tagger_set_flags(nk_tagger *t, unsigned flags)
{
    t->flags = flags;
}

unsigned nk_tagger_flags(const nk_tagger *t)
{
    return t->flags;
}

void nk_tagger_info(const nk_tagger *t, size_t *rows, unsigned *bits)
{
    if (rows)
        *rows = t->nrows;
    if (bits)
        *bits = t->bits;
}

/* The rows a word reads: its features' (nf of them) and, per previous tag, its NPK keys' crossed
** with that tag (NPREV * NPK), as offsets into the weight table. */
#define NPR (NPREV * NPK)
typedef struct {
    uint32_t r[MAXF + NPR];
    int nf;
} wrows;

/* The rows of a word's features, fetched into the cache ahead of their use (the table is
** larger than the caches: each row is a miss otherwise). */
static void word_rows(const nk_tagger *t, const fset *f, unsigned shift, wrows *wr)
{
    int k, j;
    wr->nf = f->n;
    for (k = 0; k < f->n; k++)
        wr->r[k] = (uint32_t)(f->h[k] >> shift) * NT;
    for (k = 0; k < NPREV; k++)
        for (j = 0; j < NPK; j++)
            wr->r[f->n + k * NPK + j] = (uint32_t)prow(f->pk[j], k, shift) * NT;
#if defined(__GNUC__)
    for (k = 0; k < f->n + NPR; k++) {
        const int16_t *row = t->w + wr->r[k];
        __builtin_prefetch(row);
        __builtin_prefetch(row + NT - 1);
    }
#else
    (void)t;
#endif
}

#define AHEAD 2 /* words whose rows are fetched ahead of the one being scored */
typedef struct {
    fset f;
    wrows wr[AHEAD + 1];
    winfo wi[MAXSENT];
    float em[MAXSENT * NT], sc[MAXSENT * NT], pe[MAXSENT * NPREV * NT];
    uint8_t bp[MAXSENT * NT], out[MAXSENT];
} scratch;

/* ---- document consistency: a name tagged once labels its other mentions ---------------- */

#define PROP_MAXW 4

/* The hash of words [i, i + n): the first word by its stem (hs[i]: no proclitics), the others
** by key (hk[]). */
static uint64_t seq_hash(const uint64_t *hs, const uint64_t *hk, size_t i, size_t n)
{
    uint64_t h = hs[i];
    size_t k;
    for (k = 1; k < n; k++)
        h = (h ^ hk[i + k]) * 0x100000001b3ULL + (h >> 29);
    return h | 1;
}

typedef struct {
    uint64_t h;
    size_t first, last; /* words where it was tagged */
    int ty;             /* type, -1 = tagged with two types */
} pent;

typedef struct {
    pent *v;
    size_t cap, n;
} ptab;

static int ptab_put(ptab *p, const nk_alloc *a, uint64_t h, int ty, size_t at)
{
    size_t i;
    if ((p->n + 1) * 2 > p->cap) {
        ptab q = {NULL, p->cap ? p->cap * 2 : 64, 0};
        q.v = nk_malloc(a, q.cap * sizeof *q.v);
        if (!q.v)
            return 0;
        memset(q.v, 0, q.cap * sizeof *q.v);
        for (i = 0; i < p->cap; i++)
            if (p->v[i].h) {
                size_t j = (size_t)(p->v[i].h >> 7) & (q.cap - 1);
                while (q.v[j].h)
                    j = (j + 1) & (q.cap - 1);
                q.v[j] = p->v[i];
                q.n++;
            }
        nk_free(a, p->v, p->cap * sizeof *p->v);
        *p = q;
    }
    for (i = (size_t)(h >> 7) & (p->cap - 1);; i = (i + 1) & (p->cap - 1)) {
        if (p->v[i].h == h) {
            if (p->v[i].ty != ty)
                p->v[i].ty = -1;
            p->v[i].last = at;
            return 1;
        }
        if (!p->v[i].h) {
            p->v[i].h = h;
            p->v[i].ty = ty;
            p->v[i].first = p->v[i].last = at;
            p->n++;
            return 1;
        }
    }
}

/* The type of a name tagged within PROP_NEAR words of word at, or -1. */
#define PROP_NEAR 400
static int ptab_get(const ptab *p, uint64_t h, size_t at)
{
    size_t i;
    if (!p->cap)
        return -1;
    for (i = (size_t)(h >> 7) & (p->cap - 1); p->v[i].h; i = (i + 1) & (p->cap - 1))
        if (p->v[i].h == h)
            return at + PROP_NEAR >= p->v[i].first && at <= p->v[i].last + PROP_NEAR ? p->v[i].ty
                                                                                     : -1;
    return -1;
}

static int name_word(const word *w)
{
    return (w->cls == NK_TOK_ARABIC || w->cls == NK_TOK_LATIN) && w->end - w->start >= 4;
}

/* The hint bits of a source (0 bundled, 1 user, 2 rule; all types, B and I). */
#define SRC_BITS(src) (((1u << (2 * NK_TAG_NHTYPES)) - 1) << ((src)*2 * NK_TAG_NHTYPES))

/* Whether every word of [i, k) has a user list's hint and no other (no bundled entry, no
** rule): a name tagged there is not lent to the other mentions, so the list's vote is not
** repeated over a document (a list entry that is also a common word, الأسد in an article on
** lions, would mark every mention). */
static int user_only(const word *w, size_t i, size_t k)
{
    for (; i < k; i++)
        if (!(w[i].hints & SRC_BITS(1)) || (w[i].hints & (SRC_BITS(0) | SRC_BITS(2))))
            return 0;
    return 1;
}

/* Tags of words [0, n) in tags; the other untagged mentions of the tagged names get their
** type. Returns 0 on no memory (tags unchanged from there). */
static int propagate(const docidx *d, const word *w, size_t n, uint8_t *tags, const nk_alloc *a)
{
    ptab p = {NULL, 0, 0};
    size_t i, k;
    int ok = 1;
    const uint64_t *hs = d->hs, *hk = d->hk;
    for (i = 0; i < n && ok;) {
        int ty;
        if (tags[i] == 0 || tags[i] % 2 == 0) {
            i++;
            continue;
        }
        ty = (tags[i] - 1) / 2;
        for (k = i + 1; k < n && tags[k] == 2 + 2 * ty; k++)
            ;
        if (k - i <= PROP_MAXW && name_word(&w[i]) && !user_only(w, i, k))
            ok = ptab_put(&p, a, seq_hash(hs, hk, i, k - i), ty, i);
        i = k;
    }
    for (i = 0; i < n && ok && p.n; i++) {
        size_t len;
        if (tags[i] != 0 || !name_word(&w[i]))
            continue;
        for (len = PROP_MAXW; len >= 1; len--) {
            int ty;
            if (i + len > n)
                continue;
            for (k = i; k < i + len && tags[k] == 0; k++)
                ;
            if (k < i + len)
                continue;
            ty = ptab_get(&p, seq_hash(hs, hk, i, len), i);
            if (ty >= 0) {
                tags[i] = (uint8_t)(1 + 2 * ty);
                for (k = i + 1; k < i + len; k++)
                    tags[k] = (uint8_t)(2 + 2 * ty);
                i += len - 1;
                break;
            }
        }
    }
    nk_free(a, p.v, p.cap * sizeof *p.v);
    return ok;
}

/* Two names of the bundled lists side by side are two entities (بوتين الأسد: "Putin [and]
** Assad"): an I-X on a word where a bundled entry of type X starts (and none goes on), right
** after a word covered by a bundled entry of type X, becomes B-X. */
static void split_at_entries(word *w, size_t n, const uint8_t *tags)
{
    size_t i;
    for (i = 1; i < n; i++) {
        int ty;
        uint32_t b, in;
        if (tags[i] == 0 || tags[i] % 2 == 1)
            continue;
        ty = (tags[i] - 1) / 2;
        b = 1u << (ty * 2); /* source 0 (bundled), type ty, a first word */
        in = b << 1;
        if ((w[i].hints & b) && !(w[i].hints & in) && (w[i - 1].hints & (b | in)))
            w[i].gold = (uint8_t)(tags[i] - 1);
    }
}

/*
** Whether the second pass can leave sentence [s, e) to the first: no word has a hint or a
** first-pass tag, and no other mention of its words was tagged by the first pass. The second
** pass would read only O tags there; on ANERcorp's five folds it changes no figure
** (docs/entities.md, speed), on news it spares about a fifth of its words.
*/
static int quiet(const wordvec *w, const docidx *d, const uint8_t *tags1, size_t s, size_t e)
{
    size_t i, k, nj, js[2 * DOC_M];
    const uint8_t *mt = d->mtags ? d->mtags : tags1;
    for (i = s; i < e; i++)
        if (tags1[i] || w->v[i].hints)
            return 0;
    for (i = s; i < e; i++) {
        nj = doc_mentions(d, i, js);
        for (k = 0; k < nj; k++)
            if (mt[js[k]])
                return 0;
    }
    return 1;
}

/* Pass `stage` over the words of a text: each sentence decoded into w->v[].gold (stage 1 reads
** the first pass's tags in tags1); the last pass also splits adjacent bundled entries. */
static void tag_pass(const nk_tagger *t, const char *text, wordvec *w, const docidx *d, int stage,
                     const uint8_t *tags1, scratch *S)
{
    unsigned shift = 64 - t->bits;
    const float *trm = stage ? t->tr2 : t->tr;
    size_t s = 0, i;
    while (s < w->n) {
        size_t e = sentence_end(text, w, s), n = e - s;
        if (stage && tags1 && (t->flags & NK_TAG_SKIP) && quiet(w, d, tags1, s, e)) {
            for (i = s; i < e; i++)
                w->v[i].gold = tags1[i]; /* (O; the list-blind pass may have left another tag) */
            s = e;
            continue;
        }
        for (i = 0; i < n; i++)
            word_at(d, w->v, s + i, &S->wi[i]);
        /* the rows of words i + 1 .. i + AHEAD are fetched while word i is summed */
        for (i = 0; i < n && i < AHEAD; i++) {
            word_features(S->wi, n, i, d, s + i, stage, tags1, &S->f);
            word_rows(t, &S->f, shift, &S->wr[i]);
        }
        for (i = 0; i < n; i++) {
            const wrows *wr = &S->wr[i % (AHEAD + 1)];
            int32_t acc[NT] = {0};
            int k, tg;
            if (i + AHEAD < n) {
                word_features(S->wi, n, i + AHEAD, d, s + i + AHEAD, stage, tags1, &S->f);
                word_rows(t, &S->f, shift, &S->wr[(i + AHEAD) % (AHEAD + 1)]);
            }
            for (k = 0; k < wr->nf; k++) {
                const int16_t *row = t->w + wr->r[k];
                for (tg = 0; tg < NT; tg++)
                    acc[tg] += row[tg];
            }
            for (tg = 0; tg < NT; tg++)
                S->em[i * NT + (size_t)tg] = (float)acc[tg] * t->scale;
            for (k = 0; k < NPREV; k++) {
                int32_t pacc[NT] = {0};
                int j;
                for (j = 0; j < NPK; j++) {
                    const int16_t *row = t->w + wr->r[wr->nf + k * NPK + j];
                    for (tg = 0; tg < NT; tg++)
                        pacc[tg] += row[tg];
                }
                for (tg = 0; tg < NT; tg++)
                    S->pe[(i * NPREV + (size_t)k) * NT + (size_t)tg] = (float)pacc[tg] * t->scale;
            }
        }
        viterbi(S->em, S->pe, trm, n, S->sc, S->bp, S->out);
        for (i = 0; i < n; i++)
            w->v[s + i].gold = S->out[i];
        if (stage + 1 == t->stages)
            split_at_entries(&w->v[s], n, S->out);
        s = e;
    }
}

nk_status nk_tagger_tag(const nk_tagger *t, const char *text, size_t len, const nk_tag_hint *hints,
                        size_t nh, nk_tagvec *out, nk_error *err)
{
    wordvec w = {NULL, 0, 0, out->alloc};
    docidx d = {0};
    scratch *S;
    nk_status st;
    uint8_t *tags1 = NULL, *tagsm = NULL;
    uint32_t *keep = NULL;
    size_t i;
    S = nk_malloc(out->alloc, sizeof *S);
    if (!S)
        return nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory");
    st = scan_words(text, len, &w);
    if (st == NK_OK)
        st = mark_hints(&w, hints, nh, err);
    if (st == NK_OK && !doc_build(&d, text, &w, out->alloc))
        st = NK_ENOMEM;
    if (st == NK_OK && t->stages == 2 && w.n) {
        tags1 = nk_malloc(out->alloc, w.n);
        if (!tags1)
            st = NK_ENOMEM;
    }
    if (st == NK_OK) {
        tag_pass(t, text, &w, &d, 0, NULL, S);
        if (tags1) {
            for (i = 0; i < w.n; i++)
                tags1[i] = w.v[i].gold;
            /* with a user's list, the second pass reads the other mentions' tags from a first
               pass without the list (each word still reads its own hint and its own first-pass
               tag): the list's vote on one word is not repeated over the document */
            for (i = 0; i < w.n && !(w.v[i].hints & SRC_BITS(1)); i++)
                ;
            if (i < w.n) {
                tagsm = nk_malloc(out->alloc, w.n);
                keep = nk_malloc(out->alloc, w.n * sizeof *keep);
                if (!tagsm || !keep)
                    st = NK_ENOMEM;
            }
            if (st == NK_OK && tagsm) {
                for (i = 0; i < w.n; i++) {
                    keep[i] = w.v[i].hints;
                    w.v[i].hints &= ~SRC_BITS(1);
                }
                tag_pass(t, text, &w, &d, 0, NULL, S);
                for (i = 0; i < w.n; i++) {
                    tagsm[i] = w.v[i].gold;
                    w.v[i].hints = keep[i];
                }
                d.mtags = tagsm;
            }
            if (st == NK_OK)
                tag_pass(t, text, &w, &d, 1, tags1, S);
        }
    }
    if (st == NK_OK && w.n) {
        uint8_t *tags = nk_malloc(out->alloc, w.n);
        if (!tags)
            st = NK_ENOMEM;
        for (i = 0; tags && i < w.n; i++)
            tags[i] = w.v[i].gold;
        if (tags && (t->flags & NK_TAG_PROPAGATE))
            propagate(&d, w.v, w.n, tags, out->alloc);
        for (i = 0; tags && i < w.n && st == NK_OK; i++)
            st = tagvec_push(out, w.v[i].start, w.v[i].end, tags[i]);
        nk_free(out->alloc, tags, w.n);
    }
    if (st == NK_ENOMEM)
        nk_seterror(err, st, 0, "tagger: out of memory");
    nk_free(out->alloc, tags1, w.n);
    nk_free(out->alloc, tagsm, w.n);
    nk_free(out->alloc, keep, w.n * sizeof *keep);
    doc_free(&d);
    wv_free(&w);
    nk_free(out->alloc, S, sizeof *S);
    return st;
}

/* ---- training ----------------------------------------------------------------------------------
 */

struct nk_trainer {
    nk_alloc alloc;
    unsigned bits;
    uint32_t *rows[2]; /* feature rows of every word, per pass (the word's own features) */
    size_t nrows_used, rows_cap[2];
    uint32_t *wstart; /* per word: first row index; wstart[nwords] = end */
    uint8_t *gold;
    uint64_t *pk;   /* per word: NPK hashes crossed with the previous tag (pass 0) */
    uint32_t *ment; /* per word: the other mentions of its stem (word indexes) */
    uint32_t *mstart;
    size_t nment, ment_cap, mstart_cap;
    size_t nwords, words_cap, gold_cap, pk_cap;
    size_t *sent; /* per sentence: first word; sent[nsent] = nwords */
    size_t nsent, sent_cap;
    int runs; /* models averaged (seeds seed, seed + 1, ...) */
};

void nk_trainer_set_runs(nk_trainer *tr, int runs)
{
    tr->runs = runs < 1 ? 1 : runs > 64 ? 64 : runs;
}

static int grow(const nk_alloc *a, void **p, size_t *cap, size_t need, size_t elem)
{
    size_t nc;
    void *np;
    if (need <= *cap)
        return 1;
    nc = *cap ? *cap : 1024;
    while (nc < need)
        nc *= 2;
    np = nk_realloc(a, *p, *cap * elem, nc * elem);
    if (!np)
        return 0;
    *p = np;
    *cap = nc;
    return 1;
}

nk_trainer *nk_trainer_new(unsigned bits, const nk_alloc *a)
{
    nk_trainer *tr;
    if (bits < 12 || bits > 24)
        return NULL;
    tr = nk_malloc(a, sizeof *tr);
    if (!tr)
        return NULL;
    memset(tr, 0, sizeof *tr);
    tr->alloc = a ? *a : *nk_default_alloc();
    tr->bits = bits;
    tr->runs = 1;
    return tr;
}

void nk_trainer_free(nk_trainer *tr)
{
    if (!tr)
        return;
    nk_free(&tr->alloc, tr->rows[0], tr->rows_cap[0] * sizeof *tr->rows[0]);
    nk_free(&tr->alloc, tr->rows[1], tr->rows_cap[1] * sizeof *tr->rows[1]);
    nk_free(&tr->alloc, tr->wstart, tr->words_cap * sizeof *tr->wstart);
    nk_free(&tr->alloc, tr->gold, tr->gold_cap);
    nk_free(&tr->alloc, tr->pk, tr->pk_cap * sizeof *tr->pk);
    nk_free(&tr->alloc, tr->ment, tr->ment_cap * sizeof *tr->ment);
    nk_free(&tr->alloc, tr->mstart, tr->mstart_cap * sizeof *tr->mstart);
    nk_free(&tr->alloc, tr->sent, tr->sent_cap * sizeof *tr->sent);
    nk_free(&tr->alloc, tr, sizeof *tr);
}

void nk_trainer_counts(const nk_trainer *tr, size_t *sentences, size_t *words)
{
    if (sentences)
        *sentences = tr->nsent;
    if (words)
        *words = tr->nwords;
}

nk_status nk_trainer_add(nk_trainer *tr, const char *text, size_t len, const nk_tag_hint *gold,
                         size_t ng, const nk_tag_hint *hints, size_t nh, nk_error *err)
{
    wordvec w = {NULL, 0, 0, &tr->alloc};
    docidx d = {0};
    winfo *wi = NULL;
    nk_status st;
    size_t s = 0, i, base = tr->nwords;
    unsigned shift = 64 - tr->bits;
    wi = nk_malloc(&tr->alloc, MAXSENT * sizeof *wi);
    if (!wi)
        return nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory");
    st = scan_words(text, len, &w);
    if (st == NK_OK)
        st = mark_hints(&w, hints, nh, err);
    if (st == NK_OK)
        st = mark_gold(&w, gold, ng, err);
    if (st == NK_OK && !doc_build(&d, text, &w, &tr->alloc))
        st = NK_ENOMEM;
    while (st == NK_OK && s < w.n) {
        size_t e = sentence_end(text, &w, s), n = e - s;
        /* a sentence: [sent[k], sent[k + 1]) words; wstart[] has one more slot */
        if (!grow(&tr->alloc, (void **)&tr->sent, &tr->sent_cap, tr->nsent + 2, sizeof *tr->sent) ||
            !grow(&tr->alloc, (void **)&tr->wstart, &tr->words_cap, tr->nwords + n + 1,
                  sizeof *tr->wstart) ||
            !grow(&tr->alloc, (void **)&tr->mstart, &tr->mstart_cap, tr->nwords + n + 1,
                  sizeof *tr->mstart)) {
            st = NK_ENOMEM;
            break;
        }
        if (!grow(&tr->alloc, (void **)&tr->gold, &tr->gold_cap, tr->nwords + n + 1, 1) ||
            !grow(&tr->alloc, (void **)&tr->pk, &tr->pk_cap, (tr->nwords + n + 1) * NPK,
                  sizeof *tr->pk)) {
            st = NK_ENOMEM;
            break;
        }
        tr->sent[tr->nsent] = tr->nwords;
        for (i = 0; i < n; i++)
            word_at(&d, w.v, s + i, &wi[i]);
        for (i = 0; i < n; i++) {
            fset f;
            size_t js[2 * DOC_M], nj, k;
            int pass;
            nj = doc_mentions(&d, s + i, js);
            for (pass = 0; pass < 2 && st == NK_OK; pass++) {
                word_features(wi, n, i, &d, s + i, pass, NULL, &f);
                if (!grow(&tr->alloc, (void **)&tr->rows[pass], &tr->rows_cap[pass],
                          tr->nrows_used + MAXF, sizeof *tr->rows[pass])) {
                    st = NK_ENOMEM;
                    break;
                }
                /* both passes have the word's own features in the same order: the same count */
                for (k = 0; k < (size_t)f.n; k++)
                    tr->rows[pass][tr->nrows_used + k] = (uint32_t)(f.h[k] >> shift);
                if (pass == 0)
                    memcpy(tr->pk + tr->nwords * NPK, f.pk, sizeof f.pk);
            }
            if (st != NK_OK)
                break;
            if (!grow(&tr->alloc, (void **)&tr->ment, &tr->ment_cap, tr->nment + nj,
                      sizeof *tr->ment)) {
                st = NK_ENOMEM;
                break;
            }
            tr->wstart[tr->nwords] = (uint32_t)tr->nrows_used;
            tr->nrows_used += (size_t)f.n;
            tr->mstart[tr->nwords] = (uint32_t)tr->nment;
            for (k = 0; k < nj; k++)
                tr->ment[tr->nment++] = (uint32_t)(base + js[k]);
            tr->gold[tr->nwords] = w.v[s + i].gold;
            tr->nwords++;
        }
        if (st != NK_OK)
            break;
        tr->wstart[tr->nwords] = (uint32_t)tr->nrows_used;
        tr->mstart[tr->nwords] = (uint32_t)tr->nment;
        tr->nsent++;
        tr->sent[tr->nsent] = tr->nwords;
        s = e;
    }
    if (st == NK_ENOMEM)
        nk_seterror(err, st, 0, "tagger: out of memory");
    doc_free(&d);
    wv_free(&w);
    nk_free(&tr->alloc, wi, MAXSENT * sizeof *wi);
    return st;
}

static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return x;
}

/* The state of a training: weights, their sums for averaging, scratch for one sentence. */
typedef struct {
    nk_trainer *tr;
    size_t nweights, maxn, *order;
    float *w, *acc, *em, *pe, *sc, trw[(NT + 1) * NT], tracc[(NT + 1) * NT];
    double *u, tru[(NT + 1) * NT];
    uint8_t *bp, *pred;
    /* pass 1: the first pass's tags (per word), their feature rows (per word, grows/gstart) */
    const uint8_t *tags1;
    uint32_t *grows, *gstart;
    size_t ngrows, gcap;
    void (*progress)(void *ud, int epoch, size_t errors, size_t words);
    void *ud;
    int epoch;
} tctx;

/* The rows of word k at a pass: its own features, then (pass 1) the first pass's. */
#define FOR_ROWS(C, pass, k, r, body)                                                              \
    do {                                                                                           \
        const uint32_t *rw_ = (C)->tr->rows[pass];                                                 \
        size_t q_;                                                                                 \
        for (q_ = (C)->tr->wstart[k]; q_ < (C)->tr->wstart[(k) + 1]; q_++) {                       \
            size_t r = (size_t)rw_[q_];                                                            \
            body                                                                                   \
        }                                                                                          \
        if (pass)                                                                                  \
            for (q_ = (C)->gstart[k]; q_ < (C)->gstart[(k) + 1]; q_++) {                           \
                size_t r = (size_t)(C)->grows[q_];                                                 \
                body                                                                               \
            }                                                                                      \
    } while (0)

/* Scores of sentence si at a pass with the weights w (em, pe). */
static void score_sentence(tctx *C, int pass, size_t si)
{
    nk_trainer *tr = C->tr;
    size_t a0 = tr->sent[si], n = tr->sent[si + 1] - a0, k;
    unsigned shift = 64 - tr->bits;
    for (k = 0; k < n; k++) {
        int tg;
        uint32_t r;
        float *e = C->em + k * NT;
        for (tg = 0; tg < NT; tg++)
            e[tg] = 0;
        FOR_ROWS(C, pass, a0 + k, row, {
            const float *wr = C->w + row * NT;
            for (tg = 0; tg < NT; tg++)
                e[tg] += wr[tg];
        });
        for (r = 0; r < NPREV; r++) {
            float *pr = C->pe + (k * NPREV + r) * NT;
            int j;
            for (tg = 0; tg < NT; tg++)
                pr[tg] = 0;
            for (j = 0; j < NPK; j++) {
                const float *row =
                    C->w + prow(salt(tr->pk[(a0 + k) * NPK + (size_t)j], pass), (int)r, shift) * NT;
                for (tg = 0; tg < NT; tg++)
                    pr[tg] += row[tg];
            }
        }
    }
}

/*
** Train a pass on the sentences outside [skip0, skip1), runs models averaged into C->acc and
** C->tracc (added to what is there: the two passes share the table).
*/
static void perceptron(tctx *C, int pass, size_t skip0, size_t skip1, int epochs, uint64_t seed)
{
    nk_trainer *tr = C->tr;
    size_t i, nord = 0;
    unsigned shift = 64 - tr->bits;
    int run, ep;
    for (run = 0; run < tr->runs; run++) {
        uint64_t rs = seed + (uint64_t)run;
        double c = 1;
        memset(C->w, 0, C->nweights * sizeof *C->w);
        memset(C->u, 0, C->nweights * sizeof *C->u);
        memset(C->trw, 0, sizeof C->trw);
        memset(C->tru, 0, sizeof C->tru);
        nord = 0;
        for (i = 0; i < tr->nsent; i++)
            if (i < skip0 || i >= skip1)
                C->order[nord++] = i;
        if (rs == 0)
            rs = 0x9E3779B97F4A7C15ULL;
        for (ep = 1; ep <= epochs; ep++) {
            size_t errors = 0, words = 0;
            for (i = nord; i > 1; i--) {
                size_t j = (size_t)(xorshift(&rs) % i), tmp = C->order[i - 1];
                C->order[i - 1] = C->order[j];
                C->order[j] = tmp;
            }
            for (i = 0; i < nord; i++) {
                size_t s = C->order[i], a0 = tr->sent[s], n = tr->sent[s + 1] - a0, k;
                score_sentence(C, pass, s);
                viterbi(C->em, C->pe, C->trw, n, C->sc, C->bp, C->pred);
                words += n;
                for (k = 0; k < n; k++) {
                    int g = tr->gold[a0 + k], p = C->pred[k];
                    int gp = k ? tr->gold[a0 + k - 1] : NT, pp = k ? C->pred[k - 1] : NT;
                    if (g != p) {
                        errors++;
                        FOR_ROWS(C, pass, a0 + k, row, {
                            size_t ix = row * NT;
                            C->w[ix + (size_t)g] += 1;
                            C->u[ix + (size_t)g] += c;
                            C->w[ix + (size_t)p] -= 1;
                            C->u[ix + (size_t)p] -= c;
                        });
                    }
                    if (g != p || gp != pp) {
                        int j;
                        for (j = 0; j < NPK; j++) {
                            uint64_t h = salt(tr->pk[(a0 + k) * NPK + (size_t)j], pass);
                            size_t gx = prow(h, gp, shift) * NT, px = prow(h, pp, shift) * NT;
                            C->w[gx + (size_t)g] += 1;
                            C->u[gx + (size_t)g] += c;
                            C->w[px + (size_t)p] -= 1;
                            C->u[px + (size_t)p] -= c;
                        }
                        C->trw[gp * NT + g] += 1;
                        C->tru[gp * NT + g] += c;
                        C->trw[pp * NT + p] -= 1;
                        C->tru[pp * NT + p] -= c;
                    }
                }
                c += 1;
            }
            if (C->progress)
                C->progress(C->ud, ++C->epoch, errors, words);
        }
        /* average: w - u / c; with several runs, the mean of their averages */
        for (i = 0; i < C->nweights; i++)
            C->acc[i] += (float)((double)C->w[i] - C->u[i] / c) / (float)tr->runs;
        for (i = 0; i < (NT + 1) * NT; i++)
            C->tracc[i] += (float)((double)C->trw[i] - C->tru[i] / c) / (float)tr->runs;
    }
}

/* The first pass's tags of sentences [s0, s1) with the averaged weights in C->acc. */
static void decode_first(tctx *C, size_t s0, size_t s1, uint8_t *tags1)
{
    nk_trainer *tr = C->tr;
    size_t s;
    float *keep = C->w;
    C->w = C->acc;
    for (s = s0; s < s1; s++) {
        size_t a0 = tr->sent[s], n = tr->sent[s + 1] - a0;
        score_sentence(C, 0, s);
        viterbi(C->em, C->pe, C->tracc, n, C->sc, C->bp, C->pred);
        memcpy(tags1 + a0, C->pred, n);
    }
    C->w = keep;
}

/* The rows of the first pass's tags, per word (pass 1). 0 on no memory. */
static int first_rows(tctx *C, const uint8_t *tags1)
{
    nk_trainer *tr = C->tr;
    const nk_alloc *a = &tr->alloc;
    size_t k;
    unsigned shift = 64 - tr->bits;
    C->gstart = nk_malloc(a, (tr->nwords + 1) * sizeof *C->gstart);
    if (!C->gstart)
        return 0;
    C->ngrows = 0;
    for (k = 0; k < tr->nwords; k++) {
        fset f;
        int q;
        uint8_t mt[2 * DOC_M];
        size_t nm = tr->mstart[k + 1] - tr->mstart[k], j;
        f.n = 0;
        for (j = 0; j < nm; j++)
            mt[j] = tags1[tr->ment[tr->mstart[k] + j]];
        stack_features(mt, nm, tags1[k], &f);
        if (!grow(a, (void **)&C->grows, &C->gcap, C->ngrows + (size_t)f.n, sizeof *C->grows))
            return 0;
        C->gstart[k] = (uint32_t)C->ngrows;
        for (q = 0; q < f.n; q++)
            C->grows[C->ngrows++] = (uint32_t)(f.h[q] >> shift);
    }
    C->gstart[tr->nwords] = (uint32_t)C->ngrows;
    return 1;
}

nk_status nk_trainer_run(nk_trainer *tr, int epochs, uint64_t seed,
                         void (*progress)(void *ud, int epoch, size_t errors, size_t words),
                         void *ud, nk_buf *out, nk_error *err)
{
    size_t nw = (size_t)1 << tr->bits, i, nrows = 0;
    tctx C;
    uint8_t *tags1 = NULL;
    unsigned char *bm = NULL;
    nk_status st = NK_OK;
    float maxabs = 0, scale, tr2[(NT + 1) * NT];
    const nk_alloc *a = &tr->alloc;
    int stages = NK_TAG_STAGES, part;
    if (tr->nsent == 0)
        return nk_seterror(err, NK_EINVAL, 0, "tagger: no training sentences");
    memset(&C, 0, sizeof C);
    C.tr = tr;
    C.nweights = nw * NT;
    C.progress = progress;
    C.ud = ud;
    for (i = 0; i < tr->nsent; i++)
        if (tr->sent[i + 1] - tr->sent[i] > C.maxn)
            C.maxn = tr->sent[i + 1] - tr->sent[i];
    C.w = nk_malloc(a, C.nweights * sizeof *C.w);
    C.acc = nk_malloc(a, C.nweights * sizeof *C.acc);
    C.u = nk_malloc(a, C.nweights * sizeof *C.u);
    C.order = nk_malloc(a, tr->nsent * sizeof *C.order);
    C.em = nk_malloc(a, C.maxn * NT * sizeof *C.em);
    C.pe = nk_malloc(a, C.maxn * NPREV * NT * sizeof *C.pe);
    C.sc = nk_malloc(a, C.maxn * NT * sizeof *C.sc);
    C.bp = nk_malloc(a, C.maxn * NT);
    C.pred = nk_malloc(a, C.maxn);
    bm = nk_malloc(a, nw / 8);
    tags1 = nk_malloc(a, tr->nwords + 1);
    if (!C.w || !C.acc || !C.u || !C.order || !C.em || !C.pe || !C.sc || !C.bp || !C.pred || !bm ||
        !tags1) {
        st = nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory for training");
        goto done;
    }
    if (stages == 2) {
        /* the first pass's tags of the training text as the second pass will see them on new
           text: each of NK_TAG_FOLDS parts tagged by a first pass trained on the others */
        for (part = 0; part < NK_TAG_FOLDS && tr->nsent >= NK_TAG_FOLDS; part++) {
            size_t s0 = tr->nsent * (size_t)part / NK_TAG_FOLDS;
            size_t s1 = tr->nsent * (size_t)(part + 1) / NK_TAG_FOLDS;
            memset(C.acc, 0, C.nweights * sizeof *C.acc);
            memset(C.tracc, 0, sizeof C.tracc);
            perceptron(&C, 0, s0, s1, epochs, seed);
            decode_first(&C, s0, s1, tags1);
        }
        if (tr->nsent < NK_TAG_FOLDS)
            memcpy(tags1, tr->gold, tr->nwords);
        if (!first_rows(&C, tags1)) {
            st = nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory for training");
            goto done;
        }
        memset(C.acc, 0, C.nweights * sizeof *C.acc);
        memset(C.tracc, 0, sizeof C.tracc);
        perceptron(&C, 1, 0, 0, epochs, seed);
        memcpy(tr2, C.tracc, sizeof tr2);
        memset(C.tracc, 0, sizeof C.tracc);
    } else {
        memset(C.acc, 0, C.nweights * sizeof *C.acc);
    }
    /* the first pass on everything, its rows added to the second pass's in the same table */
    perceptron(&C, 0, 0, 0, epochs, seed);
    for (i = 0; i < C.nweights; i++)
        if (fabsf(C.acc[i]) > maxabs)
            maxabs = fabsf(C.acc[i]);
    scale = maxabs > 0 ? maxabs / 32767.0f : 1.0f;
    memset(bm, 0, nw / 8);
    for (i = 0; i < nw; i++) {
        int k, nz = 0;
        for (k = 0; k < NT; k++)
            nz |= lrintf(C.acc[i * NT + (size_t)k] / scale) != 0;
        if (nz) {
            bm[i / 8] |= (unsigned char)(1u << (i % 8));
            nrows++;
        }
    }
    {
        unsigned char hdr[HDR];
        size_t start = out->len, r;
        int sg;
        memset(hdr, 0, sizeof hdr);
        memcpy(hdr, MAGIC, 8);
        wr32(hdr + 8, NK_TAG_FORMAT);
        wr32(hdr + 12, tr->bits);
        wr64(hdr + 16, nk_tagger_fingerprint());
        wr32(hdr + 24, NT);
        wr32(hdr + 28, u32f(scale));
        wr32(hdr + 32, (uint32_t)nrows);
        wr32(hdr + 36, (uint32_t)stages);
        if (nk_buf_append(out, hdr, HDR) != NK_OK || nk_buf_append(out, bm, nw / 8) != NK_OK ||
            nk_buf_reserve(out, nrows * NT * 2 + (size_t)stages * (NT + 1) * NT * 4) != NK_OK) {
            st = nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory");
            goto done;
        }
        for (r = 0; r < nw; r++) {
            int k;
            if (!(bm[r / 8] >> (r % 8) & 1))
                continue;
            for (k = 0; k < NT; k++) {
                long q = lrintf(C.acc[r * NT + (size_t)k] / scale);
                uint16_t v = (uint16_t)(int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
                char b2[2] = {(char)(v & 0xFF), (char)(v >> 8)};
                nk_buf_append(out, b2, 2);
            }
        }
        for (sg = 0; sg < stages; sg++)
            for (i = 0; i < (NT + 1) * NT; i++) {
                unsigned char b4[4];
                wr32(b4, u32f(sg ? tr2[i] : C.tracc[i]));
                nk_buf_append(out, b4, 4);
            }
        wr64((unsigned char *)out->data + start + 40,
             fnv((const unsigned char *)out->data + start + HDR, out->len - start - HDR));
    }
done:
    nk_free(a, C.acc, C.nweights * sizeof *C.acc);
    nk_free(a, C.w, C.nweights * sizeof *C.w);
    nk_free(a, C.u, C.nweights * sizeof *C.u);
    nk_free(a, C.order, tr->nsent * sizeof *C.order);
    nk_free(a, C.em, C.maxn * NT * sizeof *C.em);
    nk_free(a, C.pe, C.maxn * NPREV * NT * sizeof *C.pe);
    nk_free(a, C.sc, C.maxn * NT * sizeof *C.sc);
    nk_free(a, C.bp, C.maxn * NT);
    nk_free(a, C.pred, C.maxn);
    nk_free(a, C.gstart, (tr->nwords + 1) * sizeof *C.gstart);
    nk_free(a, C.grows, C.gcap * sizeof *C.grows);
    nk_free(a, bm, nw / 8);
    nk_free(a, tags1, tr->nwords + 1);
    return st;
}
