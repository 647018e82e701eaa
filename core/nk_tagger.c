/*
** nk_tagger.c
** The entity tagger: feature extraction, Viterbi decoding, averaged perceptron training and
** the model file. See nk_tagger.h.
*/
#include "nk_tagger.h"

#include <math.h>
#include <string.h>

#include "nk_words.h"

#define MAXF 64     /* features of one word */
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
        "\xD8\xB3\xD9\x88\xD8\xAA\xD8\xB4\xD9\x8A\xD9\x91\xD9\x8E!";
    winfo wi[32];
    wordvec w = {NULL, 0, 0, NULL};
    nk_tag_hint h[3] = {{12, 40, 0, 0}, {41, 64, 1, 1}, {0, 6, 2, 4}};
    uint64_t fp = 1469598103934665603ULL;
    size_t i, n, s = 0;
    fset f;
    if (scan_words(probe, sizeof probe - 1, &w) != NK_OK)
        return 0;
    mark_hints(&w, h, 3, NULL);
    while (s < w.n) {
        size_t e = sentence_end(probe, &w, s);
        n = e - s;
        for (i = 0; i < n && i < 32; i++)
            word_info(probe, &w.v[s + i], &wi[i]);
        for (i = 0; i < n && i < 32; i++) {
            int k;
            features(wi, n, i, &f);
            for (k = 0; k < f.n; k++)
                fp = (fp ^ f.h[k]) * 1099511628211ULL;
            for (k = 0; k < NPREV * NPK; k++)
                fp = (fp ^ prow(f.pk[k % NPK], k / NPK, 45)) * 1099511628211ULL;
        }
        fp = (fp ^ n) * 1099511628211ULL;
        s = e;
    }
    wv_free(&w);
    fp = (fp ^ (NT * 131 + NK_TAG_FORMAT)) * 1099511628211ULL;
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
    float tr[(NT + 1) * NT];
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
    uint32_t version, bits, ntags, nrows;
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
    if (bits < 12 || bits > 24 || ntags != NT || !(scale > 0 && scale < 1e6f)) {
        nk_seterror(err, NK_EFORMAT, 12, "tagger model: bad header (bits %u, tags %u)",
                    (unsigned)bits, (unsigned)ntags);
        return NULL;
    }
    nbm = ((size_t)1 << bits) / 8;
    if (nrows > ((size_t)1 << bits)) {
        nk_seterror(err, NK_EFORMAT, 32, "tagger model: bad row count");
        return NULL;
    }
    need = HDR + nbm + (size_t)nrows * NT * 2 + (NT + 1) * NT * 4;
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
    t->flags = NK_TAG_PROPAGATE;
    t->nrows = nrows;
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
    for (i = 0; i < (NT + 1) * NT; i++) {
        t->tr[i] = f32(rd32(tp + 4 * i));
        if (!isfinite(t->tr[i]) || fabsf(t->tr[i]) > 1e9f) {
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

void nk_tagger_info(const nk_tagger *t, size_t *rows, unsigned *bits)
{
    if (rows)
        *rows = t->nrows;
    if (bits)
        *bits = t->bits;
}

static void prefetch_rows(const nk_tagger *t, const fset *f, unsigned shift)
{
#if defined(__GNUC__)
    int k;
    for (k = 0; k < f->n; k++) {
        const int16_t *row = t->w + (size_t)(f->h[k] >> shift) * NT;
        __builtin_prefetch(row);
        __builtin_prefetch(row + NT - 1);
    }
#else
    (void)t, (void)f, (void)shift;
#endif
}

typedef struct {
    fset f[2];
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

/* Tags of words [0, n) in tags; the other untagged mentions of the tagged names get their
** type. Returns 0 on no memory (tags unchanged from there). */
static int propagate(const char *text, const word *w, size_t n, uint8_t *tags, const nk_alloc *a)
{
    ptab p = {NULL, 0, 0};
    size_t i, k;
    int ok = 1;
    uint64_t *hs = nk_malloc(a, 2 * n * sizeof *hs), *hk = hs ? hs + n : NULL;
    if (!hs)
        return 0;
    for (i = 0; i < n; i++) {
        winfo f;
        word_info(text, &w[i], &f);
        hs[i] = fhash(50, f.key + f.pre, f.stem_l, NULL, 0);
        hk[i] = fhash(51, f.key, f.kl, NULL, 0);
    }
    for (i = 0; i < n && ok;) {
        int ty;
        if (tags[i] == 0 || tags[i] % 2 == 0) {
            i++;
            continue;
        }
        ty = (tags[i] - 1) / 2;
        for (k = i + 1; k < n && tags[k] == 2 + 2 * ty; k++)
            ;
        if (k - i <= PROP_MAXW && name_word(&w[i]))
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
    nk_free(a, hs, 2 * n * sizeof *hs);
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

nk_status nk_tagger_tag(const nk_tagger *t, const char *text, size_t len, const nk_tag_hint *hints,
                        size_t nh, nk_tagvec *out, nk_error *err)
{
    wordvec w = {NULL, 0, 0, out->alloc};
    scratch *S;
    nk_status st;
    size_t s = 0, i;
    unsigned shift = 64 - t->bits;
    S = nk_malloc(out->alloc, sizeof *S);
    if (!S)
        return nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory");
    st = scan_words(text, len, &w);
    if (st == NK_OK)
        st = mark_hints(&w, hints, nh, err);
    while (st == NK_OK && s < w.n) {
        size_t e = sentence_end(text, &w, s), n = e - s;
        for (i = 0; i < n; i++)
            word_info(text, &w.v[s + i], &S->wi[i]);
        /* the rows of word i + 1 are fetched while word i is summed (the table is larger
           than the caches: each feature is a cache miss) */
        if (n > 0) {
            features(S->wi, n, 0, &S->f[0]);
            prefetch_rows(t, &S->f[0], shift);
        }
        for (i = 0; i < n; i++) {
            const fset *f = &S->f[i & 1];
            int32_t acc[NT] = {0};
            int k, tg;
            if (i + 1 < n) {
                features(S->wi, n, i + 1, &S->f[(i + 1) & 1]);
                prefetch_rows(t, &S->f[(i + 1) & 1], shift);
            }
            for (k = 0; k < f->n; k++) {
                const int16_t *row = t->w + (size_t)(f->h[k] >> shift) * NT;
                for (tg = 0; tg < NT; tg++)
                    acc[tg] += row[tg];
            }
            for (tg = 0; tg < NT; tg++)
                S->em[i * NT + (size_t)tg] = (float)acc[tg] * t->scale;
            for (k = 0; k < NPREV; k++) {
                int32_t pacc[NT] = {0};
                int j;
                for (j = 0; j < NPK; j++) {
                    const int16_t *row = t->w + prow(f->pk[j], k, shift) * NT;
                    for (tg = 0; tg < NT; tg++)
                        pacc[tg] += row[tg];
                }
                for (tg = 0; tg < NT; tg++)
                    S->pe[(i * NPREV + (size_t)k) * NT + (size_t)tg] = (float)pacc[tg] * t->scale;
            }
        }
        viterbi(S->em, S->pe, t->tr, n, S->sc, S->bp, S->out);
        for (i = 0; i < n; i++)
            w.v[s + i].gold = S->out[i];
        split_at_entries(&w.v[s], n, S->out);
        s = e;
    }
    if (st == NK_OK && w.n) {
        uint8_t *tags = nk_malloc(out->alloc, w.n);
        if (!tags)
            st = NK_ENOMEM;
        for (i = 0; tags && i < w.n; i++)
            tags[i] = w.v[i].gold;
        if (tags && (t->flags & NK_TAG_PROPAGATE))
            propagate(text, w.v, w.n, tags, out->alloc);
        for (i = 0; tags && i < w.n && st == NK_OK; i++)
            st = tagvec_push(out, w.v[i].start, w.v[i].end, tags[i]);
        nk_free(out->alloc, tags, w.n);
    }
    if (st == NK_ENOMEM)
        nk_seterror(err, st, 0, "tagger: out of memory");
    wv_free(&w);
    nk_free(out->alloc, S, sizeof *S);
    return st;
}

/* ---- training ----------------------------------------------------------------------------------
 */

struct nk_trainer {
    nk_alloc alloc;
    unsigned bits;
    uint32_t *rows; /* feature rows of every word */
    size_t nrows_used, rows_cap;
    uint32_t *wstart; /* per word: first row index; wstart[nwords] = end */
    uint8_t *gold;
    uint64_t *pk; /* per word: NPK hashes crossed with the previous tag */
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
    nk_free(&tr->alloc, tr->rows, tr->rows_cap * sizeof *tr->rows);
    nk_free(&tr->alloc, tr->wstart, tr->words_cap * sizeof *tr->wstart);
    nk_free(&tr->alloc, tr->gold, tr->gold_cap);
    nk_free(&tr->alloc, tr->pk, tr->pk_cap * sizeof *tr->pk);
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
    winfo *wi = NULL;
    nk_status st;
    size_t s = 0, i;
    unsigned shift = 64 - tr->bits;
    wi = nk_malloc(&tr->alloc, MAXSENT * sizeof *wi);
    if (!wi)
        return nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory");
    st = scan_words(text, len, &w);
    if (st == NK_OK)
        st = mark_hints(&w, hints, nh, err);
    if (st == NK_OK)
        st = mark_gold(&w, gold, ng, err);
    while (st == NK_OK && s < w.n) {
        size_t e = sentence_end(text, &w, s), n = e - s;
        /* a sentence: [sent[k], sent[k + 1]) words; wstart[] has one more slot */
        if (!grow(&tr->alloc, (void **)&tr->sent, &tr->sent_cap, tr->nsent + 2, sizeof *tr->sent) ||
            !grow(&tr->alloc, (void **)&tr->wstart, &tr->words_cap, tr->nwords + n + 1,
                  sizeof *tr->wstart)) {
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
            word_info(text, &w.v[s + i], &wi[i]);
        for (i = 0; i < n; i++) {
            fset f;
            int k;
            features(wi, n, i, &f);
            if (!grow(&tr->alloc, (void **)&tr->rows, &tr->rows_cap, tr->nrows_used + (size_t)f.n,
                      sizeof *tr->rows)) {
                st = NK_ENOMEM;
                break;
            }
            tr->wstart[tr->nwords] = (uint32_t)tr->nrows_used;
            for (k = 0; k < f.n; k++)
                tr->rows[tr->nrows_used++] = (uint32_t)(f.h[k] >> shift);
            tr->gold[tr->nwords] = w.v[s + i].gold;
            memcpy(tr->pk + tr->nwords * NPK, f.pk, sizeof f.pk);
            tr->nwords++;
        }
        tr->wstart[tr->nwords] = (uint32_t)tr->nrows_used;
        tr->nsent++;
        tr->sent[tr->nsent] = tr->nwords;
        s = e;
    }
    if (st == NK_ENOMEM)
        nk_seterror(err, st, 0, "tagger: out of memory");
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

nk_status nk_trainer_run(nk_trainer *tr, int epochs, uint64_t seed,
                         void (*progress)(void *ud, int epoch, size_t errors, size_t words),
                         void *ud, nk_buf *out, nk_error *err)
{
    size_t nw = (size_t)1 << tr->bits, nweights = nw * NT, i, maxn = 0, *order = NULL, nrows = 0;
    float *w = NULL, *em = NULL, *pe = NULL, *sc = NULL, *acc = NULL, tr_w[(NT + 1) * NT] = {0};
    float tr_acc[(NT + 1) * NT] = {0};
    double *u = NULL, tr_u[(NT + 1) * NT] = {0}, c = 1;
    int run;
    uint8_t *bp = NULL, *pred = NULL;
    unsigned char *bm = NULL;
    nk_status st = NK_OK;
    float maxabs = 0, scale;
    int ep;
    const nk_alloc *a = &tr->alloc;
    unsigned shift = 64 - tr->bits;
    if (tr->nsent == 0)
        return nk_seterror(err, NK_EINVAL, 0, "tagger: no training sentences");
    for (i = 0; i < tr->nsent; i++)
        if (tr->sent[i + 1] - tr->sent[i] > maxn)
            maxn = tr->sent[i + 1] - tr->sent[i];
    w = nk_malloc(a, nweights * sizeof *w);
    u = nk_malloc(a, nweights * sizeof *u);
    order = nk_malloc(a, tr->nsent * sizeof *order);
    em = nk_malloc(a, maxn * NT * sizeof *em);
    pe = nk_malloc(a, maxn * NPREV * NT * sizeof *pe);
    sc = nk_malloc(a, maxn * NT * sizeof *sc);
    bp = nk_malloc(a, maxn * NT);
    pred = nk_malloc(a, maxn);
    bm = nk_malloc(a, nw / 8);
    if (!w || !u || !order || !em || !pe || !sc || !bp || !pred || !bm) {
        st = nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory for training");
        goto done;
    }
    if (tr->runs > 1) {
        acc = nk_malloc(a, nweights * sizeof *acc);
        if (!acc) {
            st = nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory for training");
            goto done;
        }
        memset(acc, 0, nweights * sizeof *acc);
    }
    for (run = 0; run < tr->runs; run++) {
        uint64_t rs = seed + (uint64_t)run;
        c = 1;
        memset(w, 0, nweights * sizeof *w);
        memset(u, 0, nweights * sizeof *u);
        memset(tr_w, 0, sizeof tr_w);
        memset(tr_u, 0, sizeof tr_u);
        for (i = 0; i < tr->nsent; i++)
            order[i] = i;
        if (rs == 0)
            rs = 0x9E3779B97F4A7C15ULL;
        for (ep = 1; ep <= epochs; ep++) {
            size_t errors = 0;
            for (i = tr->nsent; i > 1; i--) {
                size_t j = (size_t)(xorshift(&rs) % i), tmp = order[i - 1];
                order[i - 1] = order[j];
                order[j] = tmp;
            }
            for (i = 0; i < tr->nsent; i++) {
                size_t s = order[i], a0 = tr->sent[s], n = tr->sent[s + 1] - a0, k;
                for (k = 0; k < n; k++) {
                    uint32_t r;
                    int tg;
                    for (tg = 0; tg < NT; tg++)
                        em[k * NT + (size_t)tg] = 0;
                    for (r = tr->wstart[a0 + k]; r < tr->wstart[a0 + k + 1]; r++) {
                        const float *row = w + (size_t)tr->rows[r] * NT;
                        for (tg = 0; tg < NT; tg++)
                            em[k * NT + (size_t)tg] += row[tg];
                    }
                    for (r = 0; r < NPREV; r++) {
                        float *pr = pe + (k * NPREV + r) * NT;
                        int j;
                        for (tg = 0; tg < NT; tg++)
                            pr[tg] = 0;
                        for (j = 0; j < NPK; j++) {
                            const float *row =
                                w + prow(tr->pk[(a0 + k) * NPK + (size_t)j], (int)r, shift) * NT;
                            for (tg = 0; tg < NT; tg++)
                                pr[tg] += row[tg];
                        }
                    }
                }
                viterbi(em, pe, tr_w, n, sc, bp, pred);
                for (k = 0; k < n; k++) {
                    int g = tr->gold[a0 + k], p = pred[k];
                    int gp = k ? tr->gold[a0 + k - 1] : NT, pp = k ? pred[k - 1] : NT;
                    if (g != p) {
                        uint32_t r;
                        errors++;
                        for (r = tr->wstart[a0 + k]; r < tr->wstart[a0 + k + 1]; r++) {
                            size_t ix = (size_t)tr->rows[r] * NT;
                            w[ix + (size_t)g] += 1;
                            u[ix + (size_t)g] += c;
                            w[ix + (size_t)p] -= 1;
                            u[ix + (size_t)p] -= c;
                        }
                    }
                    if (g != p || gp != pp) {
                        int j;
                        for (j = 0; j < NPK; j++) {
                            uint64_t h = tr->pk[(a0 + k) * NPK + (size_t)j];
                            size_t gx = prow(h, gp, shift) * NT, px = prow(h, pp, shift) * NT;
                            w[gx + (size_t)g] += 1;
                            u[gx + (size_t)g] += c;
                            w[px + (size_t)p] -= 1;
                            u[px + (size_t)p] -= c;
                        }
                        tr_w[gp * NT + g] += 1;
                        tr_u[gp * NT + g] += c;
                        tr_w[pp * NT + p] -= 1;
                        tr_u[pp * NT + p] -= c;
                    }
                }
                c += 1;
            }
            if (progress)
                progress(ud, run * epochs + ep, errors, tr->nwords);
        }
        /* average: w - u / c; with several runs, the mean of their averages */
        for (i = 0; i < nweights; i++) {
            w[i] = (float)((double)w[i] - u[i] / c);
            if (acc)
                acc[i] += w[i] / (float)tr->runs;
        }
        for (i = 0; i < (NT + 1) * NT; i++) {
            tr_w[i] = (float)((double)tr_w[i] - tr_u[i] / c);
            tr_acc[i] += tr_w[i] / (float)tr->runs;
        }
    }
    if (acc)
        memcpy(w, acc, nweights * sizeof *w);
    memcpy(tr_w, tr_acc, sizeof tr_w);
    for (i = 0; i < nweights; i++)
        if (fabsf(w[i]) > maxabs)
            maxabs = fabsf(w[i]);
    scale = maxabs > 0 ? maxabs / 32767.0f : 1.0f;
    memset(bm, 0, nw / 8);
    for (i = 0; i < nw; i++) {
        int k, nz = 0;
        for (k = 0; k < NT; k++)
            nz |= lrintf(w[i * NT + (size_t)k] / scale) != 0;
        if (nz) {
            bm[i / 8] |= (unsigned char)(1u << (i % 8));
            nrows++;
        }
    }
    {
        unsigned char hdr[HDR];
        size_t start = out->len, r;
        memset(hdr, 0, sizeof hdr);
        memcpy(hdr, MAGIC, 8);
        wr32(hdr + 8, NK_TAG_FORMAT);
        wr32(hdr + 12, tr->bits);
        wr64(hdr + 16, nk_tagger_fingerprint());
        wr32(hdr + 24, NT);
        wr32(hdr + 28, u32f(scale));
        wr32(hdr + 32, (uint32_t)nrows);
        if (nk_buf_append(out, hdr, HDR) != NK_OK || nk_buf_append(out, bm, nw / 8) != NK_OK ||
            nk_buf_reserve(out, nrows * NT * 2 + (NT + 1) * NT * 4) != NK_OK) {
            st = nk_seterror(err, NK_ENOMEM, 0, "tagger: out of memory");
            goto done;
        }
        for (r = 0; r < nw; r++) {
            int k;
            if (!(bm[r / 8] >> (r % 8) & 1))
                continue;
            for (k = 0; k < NT; k++) {
                long q = lrintf(w[r * NT + (size_t)k] / scale);
                uint16_t v = (uint16_t)(int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
                char b2[2] = {(char)(v & 0xFF), (char)(v >> 8)};
                nk_buf_append(out, b2, 2);
            }
        }
        for (i = 0; i < (NT + 1) * NT; i++) {
            unsigned char b4[4];
            wr32(b4, u32f(tr_w[i]));
            nk_buf_append(out, b4, 4);
        }
        wr64((unsigned char *)out->data + start + 40,
             fnv((const unsigned char *)out->data + start + HDR, out->len - start - HDR));
    }
done:
    nk_free(a, acc, nweights * sizeof *acc);
    nk_free(a, w, nweights * sizeof *w);
    nk_free(a, u, nweights * sizeof *u);
    nk_free(a, order, tr->nsent * sizeof *order);
    nk_free(a, em, maxn * NT * sizeof *em);
    nk_free(a, pe, maxn * NPREV * NT * sizeof *pe);
    nk_free(a, sc, maxn * NT * sizeof *sc);
    nk_free(a, bp, maxn * NT);
    nk_free(a, pred, maxn);
    nk_free(a, bm, nw / 8);
    return st;
}
