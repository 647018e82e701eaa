/*
** nk_gazetteer.c
** Compiling a gazetteer (TSV or entries API) into word-token tries, and the
** binary image (save, checked load). Layout in nk_gzint.h.
*/
#include <stdlib.h>
#include <string.h>

#include "nk_gzint.h"
#include "nk_gznorm.h"
#include "nk_letters.h"
#include "nk_normalize.h"
#include "nk_utf8.h"

/* ------------------------------------------------------------------------ */
/* tokens                                                                    */

int nk_gz_token(const char *s, size_t len, size_t *pos, size_t *ts, size_t *te, int *nl)
{
    nk_gztok t;
    int k = nk_gz_next(s, len, pos, &t);
    *ts = t.s;
    *te = t.e;
    *nl = t.nl;
    return k;
}

/*
** The spelling-variant key of an Arabic word (docs/gazetteer.md):
**   - the letters of the `variant` key profile (nk_normalize.h): marks and
**     tatweel dropped; أ إ آ ٱ -> ا, ة -> ه, ى -> ي;
**   - a word of 4+ letters whose consonant skeleton (the word without the
**     long vowels ا و ي inside it, not counting a leading ال or a final
**     ا/ه) still has 4+ letters is keyed by that skeleton: ترامب = ترمب,
**     ديمتري = دميترى, الأمريكي = الأميركي;
**   - other words of 4+ letters only fold a final ا/ه: سوريا = سورية;
**   - shorter words are kept: native three-letter roots would collide.
** The key is never longer than the word.
*/
size_t nk_gz_variant(const char *s, size_t n, char *out)
{
    const nk_key_profile *key = nk_key_profile_get(NK_KEY_VARIANT);
    uint32_t let[NK_GZ_MAXWORD / 2];
    size_t m = 0, i = 0, o = 0, j, art, core = 0;
    int skeleton;
    while (i < n) {
        size_t step;
        uint32_t c = nk_cp_at(s, n, i, &step);
        i += step;
        if ((c = nk_key_cp(key, c)) == NK_KEY_DROPPED) /* marks, tatweel; alef forms ... */
            continue;
        if (m < sizeof let / sizeof let[0])
            let[m++] = c;
    }
    if (m >= 4 && (let[m - 1] == NK_ALEF))
        let[m - 1] = NK_HEH; /* final alef ~ taa marbuta */
    art = (m >= 2 && let[0] == NK_ALEF && let[1] == NK_LAM) ? 2 : 0;
    for (j = art; j < m; j++) {
        uint32_t c = let[j];
        if (j + 1 == m && c == NK_HEH)
            continue;
        if (j > 0 && j + 1 < m && (c == NK_ALEF || c == NK_WAW || c == NK_YEH))
            continue;
        core++;
    }
    skeleton = m >= 4 && core >= 4;
    for (j = 0; j < m; j++) {
        uint32_t c = let[j];
        if (skeleton && j > 0 && j + 1 < m && (c == NK_ALEF || c == NK_WAW || c == NK_YEH))
            continue;
        o += nk_utf8_encode(c, out + o);
    }
    return o;
}

/* ------------------------------------------------------------------------ */
/* small growable arrays                                                     */

static int grow(const nk_alloc *a, void **p, size_t *cap, size_t need, size_t elt)
{
    size_t nc;
    void *q;
    if (need <= *cap)
        return 1;
    nc = *cap ? *cap : 16;
    while (nc < need)
        nc *= 2;
    if (nc > SIZE_MAX / elt)
        return 0;
    q = nk_realloc(a, *p, *cap * elt, nc * elt);
    if (q == NULL)
        return 0;
    *p = q;
    *cap = nc;
    return 1;
}

static size_t pow2_at_least(size_t n)
{
    size_t p = 16;
    while (p < n)
        p *= 2;
    return p;
}

/* ------------------------------------------------------------------------ */
/* builder                                                                   */

typedef struct {
    uint32_t id, type, name;
} bentry;
typedef struct {
    uint32_t entry, key, val;
} bmeta;
typedef struct {
    uint32_t entry, off, len;
} bform;

struct nk_gzbuilder {
    const nk_alloc *alloc;
    unsigned flags;
    nk_buf spool; /* NUL-terminated strings */
    bentry *ents;
    size_t nents, cents;
    uint32_t *idmap; /* entry + 1, 0 = empty */
    size_t idcap;
    bmeta *meta;
    size_t nmeta, cmeta;
    bform *forms;
    size_t nforms, cforms;
    nk_buf keys; /* each key: tokens separated by one space */
    nk_gznorm *norm;
    uint32_t last_type;
    int have_type;
};

nk_gzbuilder *nk_gzbuilder_new(const nk_alloc *a, unsigned flags)
{
    nk_gzbuilder *b = nk_malloc(a, sizeof *b);
    if (b == NULL)
        return NULL;
    memset(b, 0, sizeof *b);
    b->alloc = a;
    b->flags = flags;
    nk_buf_init(&b->spool, a);
    nk_buf_init(&b->keys, a);
    b->norm = nk_gznorm_new(a);
    if (b->norm == NULL || nk_buf_putc(&b->spool, '\0') != NK_OK) {
        nk_gzbuilder_free(b);
        return NULL;
    }
    return b;
}

void nk_gzbuilder_free(nk_gzbuilder *b)
{
    if (b == NULL)
        return;
    nk_buf_free(&b->spool);
    nk_buf_free(&b->keys);
    nk_free(b->alloc, b->ents, b->cents * sizeof *b->ents);
    nk_free(b->alloc, b->idmap, b->idcap * sizeof *b->idmap);
    nk_free(b->alloc, b->meta, b->cmeta * sizeof *b->meta);
    nk_free(b->alloc, b->forms, b->cforms * sizeof *b->forms);
    nk_gznorm_free(b->norm);
    nk_free(b->alloc, b, sizeof *b);
}

static nk_status put_string(nk_gzbuilder *b, const char *s, uint32_t *off)
{
    size_t n = strlen(s);
    nk_status st;
    if (b->spool.len + n + 1 > UINT32_MAX)
        return NK_ERANGE;
    *off = (uint32_t)b->spool.len;
    st = nk_buf_append(&b->spool, s, n);
    if (st == NK_OK)
        st = nk_buf_putc(&b->spool, '\0');
    return st;
}

static uint64_t shash(const char *s)
{
    return nk_whash(s, strlen(s));
}

static nk_status idmap_grow(nk_gzbuilder *b)
{
    size_t nc = b->idcap ? b->idcap * 2 : 64, i;
    uint32_t *m = nk_malloc(b->alloc, nc * sizeof *m);
    if (m == NULL)
        return NK_ENOMEM;
    memset(m, 0, nc * sizeof *m);
    for (i = 0; i < b->nents; i++) {
        size_t j = (size_t)shash(b->spool.data + b->ents[i].id) & (nc - 1);
        while (m[j] != 0)
            j = (j + 1) & (nc - 1);
        m[j] = (uint32_t)i + 1;
    }
    nk_free(b->alloc, b->idmap, b->idcap * sizeof *b->idmap);
    b->idmap = m;
    b->idcap = nc;
    return NK_OK;
}

/* Find or create the entry of id; *e receives its index. */
static nk_status get_entry(nk_gzbuilder *b, const char *id, const char *type, const char *name,
                           size_t nlen, uint32_t *e, nk_error *err)
{
    size_t j;
    nk_status st;
    bentry *en;
    if ((b->nents + 1) * 2 > b->idcap && (st = idmap_grow(b)) != NK_OK)
        return nk_seterror(err, st, 0, "out of memory");
    j = (size_t)shash(id) & (b->idcap - 1);
    for (; b->idmap[j] != 0; j = (j + 1) & (b->idcap - 1)) {
        en = &b->ents[b->idmap[j] - 1];
        if (strcmp(b->spool.data + en->id, id) == 0) {
            if (strcmp(b->spool.data + en->type, type) != 0)
                return nk_seterror(err, NK_EINVAL, 0, "id '%.40s' already has type '%.30s'", id,
                                   b->spool.data + en->type);
            *e = b->idmap[j] - 1;
            return NK_OK;
        }
    }
    if (b->nents >= UINT32_MAX - 1 ||
        !grow(b->alloc, (void **)&b->ents, &b->cents, b->nents + 1, sizeof *b->ents))
        return nk_seterror(err, NK_ENOMEM, 0, "out of memory");
    en = &b->ents[b->nents];
    if ((st = put_string(b, id, &en->id)) != NK_OK)
        return nk_seterror(err, st, 0, "%s", nk_strerror(st));
    if (b->have_type && strcmp(b->spool.data + b->last_type, type) == 0) {
        en->type = b->last_type;
    } else {
        if ((st = put_string(b, type, &en->type)) != NK_OK)
            return nk_seterror(err, st, 0, "%s", nk_strerror(st));
        b->last_type = en->type;
        b->have_type = 1;
    }
    if (strlen(id) == nlen && memcmp(id, name, nlen) == 0) {
        en->name = en->id; /* the default id: one copy */
    } else {
        en->name = (uint32_t)b->spool.len;
        if ((st = nk_buf_append(&b->spool, name, nlen)) != NK_OK ||
            (st = nk_buf_putc(&b->spool, '\0')) != NK_OK)
            return nk_seterror(err, st, 0, "%s", nk_strerror(st));
    }
    b->idmap[j] = (uint32_t)b->nents + 1;
    *e = (uint32_t)b->nents++;
    return NK_OK;
}

nk_status nk_gzbuilder_add(nk_gzbuilder *b, const char *id, const char *type, const char *surface,
                           size_t len, uint32_t *entry, nk_error *err)
{
    const char *nt;
    size_t nlen, pos = 0, ts, te, klen0 = b->keys.len, ntok = 0;
    nk_status st;
    uint32_t e = 0;
    int nl, k;
    if (id == NULL || type == NULL || surface == NULL || *id == '\0' || *type == '\0')
        return nk_seterror(err, NK_EINVAL, 0, "empty id or type");
    if (b->flags & NK_GZ_RAW) {
        size_t bad;
        if (nk_utf8_validate(surface, len, &bad) != NK_OK)
            return nk_seterror(err, NK_EFORMAT, bad, "invalid UTF-8 in surface");
        nt = surface;
        nlen = len;
    } else if ((st = nk_gznorm_run(b->norm, surface, len, &nt, &nlen, err)) != NK_OK) {
        if (st == NK_EUTF8)
            return nk_seterror(err, NK_EFORMAT, err ? err->offset : 0, "invalid UTF-8 in surface");
        return st;
    }
    while ((k = nk_gz_token(nt, nlen, &pos, &ts, &te, &nl)) != NK_TOK_NONE) {
        size_t i;
        if (++ntok > NK_GZ_MAXTOKENS || te - ts > NK_GZ_MAXWORD) {
            b->keys.len = klen0;
            return nk_seterror(err, NK_EFORMAT, 0,
                               "surface has more than %d words or a word over %d bytes",
                               NK_GZ_MAXTOKENS, NK_GZ_MAXWORD);
        }
        if (ntok > 1 && (st = nk_buf_putc(&b->keys, ' ')) != NK_OK)
            goto nomem;
        if ((st = nk_buf_reserve(&b->keys, te - ts)) != NK_OK)
            goto nomem;
        for (i = ts; i < te; i++)
            b->keys.data[b->keys.len++] = (char)nk_fold((unsigned char)nt[i]);
    }
    if (ntok == 0)
        return nk_seterror(err, NK_EFORMAT, 0, "surface has no word");
    if (b->keys.len > UINT32_MAX) {
        st = NK_ERANGE;
        goto nomem;
    }
    if ((st = get_entry(b, id, type, surface, len, &e, err)) != NK_OK) {
        b->keys.len = klen0;
        return st;
    }
    if (!grow(b->alloc, (void **)&b->forms, &b->cforms, b->nforms + 1, sizeof *b->forms)) {
        st = NK_ENOMEM;
        goto nomem;
    }
    b->forms[b->nforms].entry = e;
    b->forms[b->nforms].off = (uint32_t)klen0;
    b->forms[b->nforms].len = (uint32_t)(b->keys.len - klen0);
    b->nforms++;
    if (entry != NULL)
        *entry = e;
    return NK_OK;
nomem:
    b->keys.len = klen0;
    return nk_seterror(err, st, 0, "%s", nk_strerror(st));
}

nk_status nk_gzbuilder_name(nk_gzbuilder *b, uint32_t entry, const char *name)
{
    if (entry >= b->nents || name == NULL)
        return NK_EINVAL;
    return put_string(b, name, &b->ents[entry].name);
}

nk_status nk_gzbuilder_meta(nk_gzbuilder *b, uint32_t entry, const char *key, const char *value)
{
    bmeta *m;
    nk_status st;
    if (entry >= b->nents || key == NULL || value == NULL)
        return NK_EINVAL;
    if (!grow(b->alloc, (void **)&b->meta, &b->cmeta, b->nmeta + 1, sizeof *b->meta))
        return NK_ENOMEM;
    m = &b->meta[b->nmeta];
    m->entry = entry;
    if ((st = put_string(b, key, &m->key)) != NK_OK ||
        (st = put_string(b, value, &m->val)) != NK_OK)
        return st;
    b->nmeta++;
    return NK_OK;
}

/* Copy field [s, e) of a TSV line into a NUL-terminated scratch buffer. */
static nk_status field(nk_buf *tmp, const char *s, size_t n, const char **out)
{
    nk_status st;
    tmp->len = 0;
    if ((st = nk_buf_append(tmp, s, n)) != NK_OK || (st = nk_buf_terminate(tmp)) != NK_OK)
        return st;
    *out = tmp->data;
    return NK_OK;
}

static nk_status tsv_error(nk_error *err, nk_status st, size_t line, size_t off, size_t col,
                           const char *what)
{
    nk_seterror(err, st, off, "line %zu: %s", line, what);
    if (err != NULL) {
        err->line = line;
        err->col = col;
    }
    return st;
}

nk_status nk_gzbuilder_add_tsv(nk_gzbuilder *b, const char *text, size_t len, nk_error *err)
{
    size_t pos = 0, line = 0, bad;
    nk_buf fid, ftype, fkey;
    nk_status st = NK_OK;
    nk_buf_init(&fid, b->alloc);
    nk_buf_init(&ftype, b->alloc);
    nk_buf_init(&fkey, b->alloc);
    if (nk_utf8_validate(text, len, &bad) != NK_OK) {
        size_t i, ln = 1, ls = 0;
        for (i = 0; i < bad; i++)
            if (text[i] == '\n')
                ln++, ls = i + 1;
        return tsv_error(err, NK_EFORMAT, ln, bad, bad - ls + 1, "invalid UTF-8");
    }
    while (pos < len && st == NK_OK) {
        const char *ls = text + pos, *le = memchr(ls, '\n', len - pos), *f[64];
        size_t nf = 0, i, flen[64];
        const char *p, *id, *type;
        uint32_t e = 0;
        nk_error e2;
        line++;
        if (le == NULL)
            le = text + len;
        pos = (size_t)(le - text) + 1;
        if (le > ls && le[-1] == '\r')
            le--;
        for (p = ls; p < le && (*p == ' ' || *p == '\t'); p++)
            ;
        if (p == le || *p == '#')
            continue;
        for (p = ls; nf < 64;) {
            const char *q = memchr(p, '\t', (size_t)(le - p));
            f[nf] = p;
            flen[nf] = (size_t)((q ? q : le) - p);
            nf++;
            if (q == NULL)
                break;
            p = q + 1;
        }
        if (nf < 2)
            st = tsv_error(err, NK_EFORMAT, line, (size_t)(ls - text), 1,
                           "expected surface<TAB>type[<TAB>id[<TAB>key=value...]]");
        else if (flen[0] == 0)
            st = tsv_error(err, NK_EFORMAT, line, (size_t)(ls - text), 1, "empty surface");
        else if (flen[1] == 0)
            st = tsv_error(err, NK_EFORMAT, line, (size_t)(f[1] - text), (size_t)(f[1] - ls) + 1,
                           "empty type");
        if (st != NK_OK)
            break;
        if ((st = field(&ftype, f[1], flen[1], &type)) != NK_OK)
            break;
        if (nf >= 3 && flen[2] > 0)
            st = field(&fid, f[2], flen[2], &id);
        else
            st = field(&fid, f[0], flen[0], &id);
        if (st != NK_OK)
            break;
        st = nk_gzbuilder_add(b, id, type, f[0], flen[0], &e, &e2);
        if (st != NK_OK) {
            st = tsv_error(err, st, line, (size_t)(ls - text), 1, e2.msg);
            break;
        }
        for (i = 3; i < nf && st == NK_OK; i++) {
            const char *eq = memchr(f[i], '=', flen[i]), *kv;
            if (flen[i] == 0)
                continue;
            if (eq == NULL || eq == f[i]) {
                st = tsv_error(err, NK_EFORMAT, line, (size_t)(f[i] - text),
                               (size_t)(f[i] - ls) + 1, "metadata must be key=value");
                break;
            }
            if ((st = field(&fkey, f[i], flen[i], &kv)) != NK_OK)
                break;
            fkey.data[eq - f[i]] = '\0';
            st = nk_gzbuilder_meta(b, e, fkey.data, fkey.data + (eq - f[i]) + 1);
        }
        if (nf == 64 && st == NK_OK)
            st = tsv_error(err, NK_EFORMAT, line, (size_t)(ls - text), 1, "too many fields");
    }
    if (st == NK_ENOMEM)
        nk_seterror(err, st, 0, "out of memory");
    nk_buf_free(&fid);
    nk_buf_free(&ftype);
    nk_buf_free(&fkey);
    return st;
}

/* ------------------------------------------------------------------------ */
/* key spaces                                                                */

static void keys_free(nk_gzkeys *k, const nk_alloc *a, int owned)
{
    if (owned) {
        nk_free(a, k->word_off, ((size_t)k->nwords + 1) * 4);
        nk_free(a, k->pool, k->pool_len ? k->pool_len : 1);
        nk_free(a, k->node, ((size_t)k->nnodes + 1) * sizeof *k->node);
        nk_free(a, k->vals, ((size_t)k->nvals + 1) * 4);
    }
    nk_free(a, k->slots, ((size_t)k->smask + 1) * 8);
    nk_free(a, k->rootchild, ((size_t)k->nwords + 1) * 4);
    nk_free(a, k->bits, ((size_t)k->bmask + 1) / 8);
    if (k->cbits != NULL)
        nk_free(a, k->cbits, ((size_t)k->cmask + 1) / 8);
    if (k->edges != NULL)
        nk_free(a, k->edges, ((size_t)k->emask + 1) * 12);
    memset(k, 0, sizeof *k);
}

nk_status nk_gz_index(nk_gzkeys *k, const nk_alloc *a)
{
    size_t ns = pow2_at_least((size_t)k->nwords * 2 + 1), nb, w, n, nroot;
    if (ns > UINT32_MAX)
        return NK_ERANGE;
    nroot = k->node[1].first_child - k->node[0].first_child;
    nb = pow2_at_least(nroot * 16 + 4096);
    k->slots = nk_malloc(a, ns * 8);
    k->rootchild = nk_malloc(a, ((size_t)k->nwords + 1) * 4);
    k->bits = nk_malloc(a, nb / 8);
    k->smask = (uint32_t)(ns - 1);
    k->bmask = (uint32_t)(nb - 1);
    if (k->slots == NULL || k->rootchild == NULL || k->bits == NULL)
        return NK_ENOMEM;
    memset(k->slots, 0, ns * 8);
    memset(k->rootchild, 0, (size_t)k->nwords * 4);
    memset(k->bits, 0, nb / 8);
    for (w = 0; w < k->nwords; w++) {
        const char *s = k->pool + k->word_off[w];
        uint64_t h = nk_whash(s, k->word_off[w + 1] - k->word_off[w]);
        uint32_t i = (uint32_t)h & k->smask;
        while (k->slots[2 * i] != 0)
            i = (i + 1) & k->smask;
        k->slots[2 * i] = (uint32_t)w + 1;
        k->slots[2 * i + 1] = (uint32_t)(h >> 32);
    }
    for (n = k->node[0].first_child; n < k->node[1].first_child; n++) {
        uint32_t lw = k->node[n].label, b;
        const char *s = k->pool + k->word_off[lw];
        size_t wl = k->word_off[lw + 1] - k->word_off[lw];
        k->rootchild[lw] = (uint32_t)n;
        b = nk_gz_bit(nk_hpoly(s, wl), wl) & k->bmask;
        k->bits[b >> 6] |= 1ULL << (b & 63);
    }
    /* the next-word filter: 16 bits per edge below the root */
    if (k->nnodes > nroot + 1) {
        size_t nc = pow2_at_least(((size_t)k->nnodes - nroot) * 16 + 4096), c;
        if ((k->cbits = nk_malloc(a, nc / 8)) == NULL)
            return NK_ENOMEM;
        k->cmask = (uint32_t)(nc - 1);
        memset(k->cbits, 0, nc / 8);
        for (n = 1; n < k->nnodes; n++) {
            for (c = k->node[n].first_child; c < k->node[n + 1].first_child; c++) {
                uint32_t lw = k->node[c].label, b;
                const char *s = k->pool + k->word_off[lw];
                size_t wl = k->word_off[lw + 1] - k->word_off[lw];
                b = nk_gz_cbit(nk_hpoly(s, wl), wl, (uint32_t)n) & k->cmask;
                k->cbits[b >> 6] |= 1ULL << (b & 63);
            }
        }
    }
    /* the edge hash, for the children of wide nodes below the root */
    for (w = 0, n = 1; n < k->nnodes; n++)
        if (k->node[n + 1].first_child - k->node[n].first_child > NK_GZ_FANOUT)
            w += k->node[n + 1].first_child - k->node[n].first_child;
    if (w > 0) {
        size_t ne = pow2_at_least(w * 2), c;
        if (ne > UINT32_MAX || (k->edges = nk_malloc(a, ne * 12)) == NULL)
            return NK_ENOMEM;
        k->emask = (uint32_t)(ne - 1);
        memset(k->edges, 0, ne * 12);
        for (n = 1; n < k->nnodes; n++) {
            if (k->node[n + 1].first_child - k->node[n].first_child <= NK_GZ_FANOUT)
                continue;
            for (c = k->node[n].first_child; c < k->node[n + 1].first_child; c++) {
                uint32_t i = nk_gz_ehash((uint32_t)n, k->node[c].label) & k->emask;
                while (k->edges[3 * (size_t)i] != 0)
                    i = (i + 1) & k->emask;
                k->edges[3 * (size_t)i] = (uint32_t)n + 1;
                k->edges[3 * (size_t)i + 1] = k->node[c].label;
                k->edges[3 * (size_t)i + 2] = (uint32_t)c;
            }
        }
    }
    return NK_OK;
}

typedef struct {
    const uint32_t *w;
    uint32_t n, entry;
} kref;

static int kref_cmp(const void *pa, const void *pb)
{
    const kref *x = pa, *y = pb;
    uint32_t n = x->n < y->n ? x->n : y->n, i;
    for (i = 0; i < n; i++)
        if (x->w[i] != y->w[i])
            return x->w[i] < y->w[i] ? -1 : 1;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* Temporary state while building one key space. */
typedef struct {
    const nk_alloc *a;
    nk_gzkeys *k;
    nk_buf pool;
    uint32_t *woff;
    size_t cwoff;
    uint32_t *slots;
    size_t nslots;
} vocab;

static nk_status vocab_rehash(vocab *v)
{
    size_t ns = v->nslots ? v->nslots * 2 : 1024, w;
    uint32_t *s = nk_malloc(v->a, ns * 8);
    if (s == NULL)
        return NK_ENOMEM;
    memset(s, 0, ns * 8);
    for (w = 0; w < v->k->nwords; w++) {
        uint64_t h = nk_whash(v->pool.data + v->woff[w], v->woff[w + 1] - v->woff[w]);
        size_t i = (size_t)h & (ns - 1);
        while (s[2 * i] != 0)
            i = (i + 1) & (ns - 1);
        s[2 * i] = (uint32_t)w + 1;
        s[2 * i + 1] = (uint32_t)(h >> 32);
    }
    nk_free(v->a, v->slots, v->nslots * 8);
    v->slots = s;
    v->nslots = ns;
    return NK_OK;
}

static nk_status vocab_add(vocab *v, const char *s, size_t n, uint32_t *wid)
{
    uint64_t h;
    size_t i;
    nk_status st;
    if (((size_t)v->k->nwords + 1) * 2 > v->nslots && (st = vocab_rehash(v)) != NK_OK)
        return st;
    h = nk_whash(s, n);
    for (i = (size_t)h & (v->nslots - 1); v->slots[2 * i] != 0; i = (i + 1) & (v->nslots - 1)) {
        uint32_t w = v->slots[2 * i] - 1;
        if (v->slots[2 * i + 1] == (uint32_t)(h >> 32) && v->woff[w + 1] - v->woff[w] == n &&
            memcmp(v->pool.data + v->woff[w], s, n) == 0) {
            *wid = w;
            return NK_OK;
        }
    }
    if (v->pool.len + n > UINT32_MAX ||
        !grow(v->a, (void **)&v->woff, &v->cwoff, (size_t)v->k->nwords + 2, 4))
        return NK_ENOMEM;
    if ((st = nk_buf_append(&v->pool, s, n)) != NK_OK)
        return st;
    v->slots[2 * i] = v->k->nwords + 1;
    v->slots[2 * i + 1] = (uint32_t)(h >> 32);
    *wid = v->k->nwords++;
    v->woff[*wid + 1] = (uint32_t)v->pool.len;
    return NK_OK;
}

static int is_ar_token(const char *s, size_t n)
{
    size_t step;
    if (n == 0)
        return 0;
    return nk_gz_cls(nk_cp_at(s, n, 0, &step)) == NK_TOK_ARABIC;
}

/*
** Build key space k from the forms' keys; variant: apply nk_gz_variant to
** every Arabic token first.
*/
static nk_status build_keys(nk_gzkeys *k, const nk_alloc *a, const char *keys, const bform *forms,
                            size_t nforms, int variant)
{
    vocab v;
    uint32_t *wids = NULL, *cur = NULL, *cnt = NULL, *pairs = NULL, *label = NULL, n;
    size_t nw = 0, cwids = 0, ccnt = 0, cnodes = 0, npairs = 0, cpairs = 0;
    size_t f, m = 0, d, maxd = 0, i;
    kref *kr = NULL;
    char vbuf[NK_GZ_MAXWORD];
    nk_status st = NK_OK;

    memset(k, 0, sizeof *k);
    memset(&v, 0, sizeof v);
    v.a = a;
    v.k = k;
    nk_buf_init(&v.pool, a);
    if (!grow(a, (void **)&v.woff, &v.cwoff, 2, 4))
        return NK_ENOMEM;
    v.woff[0] = 0;
    /* 1. word ids */
    for (f = 0; f < nforms && st == NK_OK; f++) {
        const char *s = keys + forms[f].off, *e = s + forms[f].len;
        while (s < e) {
            const char *sp = memchr(s, ' ', (size_t)(e - s));
            size_t len = (size_t)((sp ? sp : e) - s);
            const char *w = s;
            uint32_t id;
            if (variant && is_ar_token(s, len)) {
                len = nk_gz_variant(s, len, vbuf);
                w = vbuf;
            }
            if (!grow(a, (void **)&wids, &cwids, nw + 1, 4)) {
                st = NK_ENOMEM;
                break;
            }
            if ((st = vocab_add(&v, w, len, &id)) != NK_OK)
                break;
            wids[nw++] = id;
            s = sp ? sp + 1 : e;
        }
    }
    if (st != NK_OK)
        goto done;
    /* 2. sorted, distinct (key, entry) references */
    kr = nk_malloc(a, (nforms ? nforms : 1) * sizeof *kr);
    if (kr == NULL) {
        st = NK_ENOMEM;
        goto done;
    }
    for (f = 0, i = 0; f < nforms; f++) {
        const char *s = keys + forms[f].off, *e = s + forms[f].len;
        uint32_t nt = 1;
        for (; s < e; s++)
            nt += *s == ' ';
        kr[f].w = wids + i;
        kr[f].n = nt;
        kr[f].entry = forms[f].entry;
        i += nt;
    }
    qsort(kr, nforms, sizeof *kr, kref_cmp);
    for (f = 0; f < nforms; f++)
        if (m == 0 || kref_cmp(&kr[m - 1], &kr[f]) != 0) {
            kr[m++] = kr[f];
            if (kr[f].n > maxd)
                maxd = kr[f].n;
        }
    /* 3. trie, breadth first: level d holds the distinct d-word prefixes in sorted order */
    cur = nk_malloc(a, (m ? m : 1) * 4);
    if (cur == NULL || !grow(a, (void **)&label, &cnodes, 1, 4) ||
        !grow(a, (void **)&cnt, &ccnt, 1, 4)) {
        st = NK_ENOMEM;
        goto done;
    }
    memset(cur, 0, (m ? m : 1) * 4);
    k->nnodes = 1;
    label[0] = 0;
    cnt[0] = 0;
    for (d = 1; d <= maxd && st == NK_OK; d++) {
        size_t prev = (size_t)-1;
        uint32_t prev_parent = 0, node = 0;
        for (f = 0; f < m; f++) {
            uint32_t parent;
            if (kr[f].n < d)
                continue;
            parent = cur[f];
            if (prev == (size_t)-1 || parent != prev_parent ||
                kr[prev].w[d - 1] != kr[f].w[d - 1]) {
                if (k->nnodes >= UINT32_MAX - 1 ||
                    !grow(a, (void **)&label, &cnodes, (size_t)k->nnodes + 1, 4) ||
                    !grow(a, (void **)&cnt, &ccnt, (size_t)k->nnodes + 1, 4)) {
                    st = NK_ENOMEM;
                    break;
                }
                node = k->nnodes++;
                label[node] = kr[f].w[d - 1];
                cnt[node] = 0;
                cnt[parent]++;
            }
            prev = f;
            prev_parent = parent;
            cur[f] = node;
            if (kr[f].n == d) {
                if (!grow(a, (void **)&pairs, &cpairs, npairs + 2, 4)) {
                    st = NK_ENOMEM;
                    break;
                }
                pairs[npairs++] = node; /* nodes come in increasing order */
                pairs[npairs++] = kr[f].entry;
            }
        }
    }
    if (st != NK_OK)
        goto done;
    k->nvals = (uint32_t)(npairs / 2);
    k->node = nk_malloc(a, ((size_t)k->nnodes + 1) * sizeof *k->node);
    k->vals = nk_malloc(a, ((size_t)k->nvals + 1) * 4);
    k->pool = nk_malloc(a, v.pool.len ? v.pool.len : 1);
    k->word_off = nk_malloc(a, ((size_t)k->nwords + 1) * 4);
    if (k->node == NULL || k->vals == NULL || k->pool == NULL || k->word_off == NULL) {
        st = NK_ENOMEM;
        goto done;
    }
    {
        uint32_t acc = 1, vi = 0;
        for (n = 0; n < k->nnodes; n++) {
            k->node[n].label = label[n];
            k->node[n].first_child = acc;
            acc += cnt[n];
        }
        k->node[k->nnodes].label = 0;
        k->node[k->nnodes].first_child = acc;
        for (n = 0; n < k->nnodes; n++) {
            k->node[n].val_start = vi;
            while (vi < k->nvals && pairs[2 * vi] == n) {
                k->vals[vi] = pairs[2 * vi + 1];
                vi++;
            }
        }
        k->node[k->nnodes].val_start = vi;
    }
    k->pool_len = (uint32_t)v.pool.len;
    if (v.pool.len)
        memcpy(k->pool, v.pool.data, v.pool.len);
    memcpy(k->word_off, v.woff, ((size_t)k->nwords + 1) * 4);
    st = nk_gz_index(k, a);
done:
    nk_buf_free(&v.pool);
    nk_free(a, v.woff, v.cwoff * 4);
    nk_free(a, v.slots, v.nslots * 8);
    nk_free(a, wids, cwids * 4);
    nk_free(a, kr, (nforms ? nforms : 1) * sizeof *kr);
    nk_free(a, cur, (m ? m : 1) * 4);
    nk_free(a, cnt, ccnt * 4);
    nk_free(a, pairs, cpairs * 4);
    nk_free(a, label, cnodes * 4);
    if (st != NK_OK)
        keys_free(k, a, 1);
    return st;
}

/* ------------------------------------------------------------------------ */
/* the gazetteer                                                             */

static nk_gazetteer *gz_alloc(const nk_alloc *a)
{
    nk_gazetteer *g = nk_malloc(a, sizeof *g);
    if (g == NULL)
        return NULL;
    memset(g, 0, sizeof *g);
    g->alloc = a ? *a : *nk_default_alloc();
    return g;
}

void nk_gazetteer_free(nk_gazetteer *g)
{
    nk_alloc a;
    int owned, i;
    if (g == NULL)
        return;
    a = g->alloc;
    owned = g->blob == NULL;
    for (i = 0; i < 2; i++)
        keys_free(&g->keys[i], &a, owned);
    if (owned) {
        nk_free(&a, g->e_id, (size_t)g->nentries * 4);
        nk_free(&a, g->e_type, (size_t)g->nentries * 4);
        nk_free(&a, g->e_name, (size_t)g->nentries * 4);
        nk_free(&a, g->e_meta, ((size_t)g->nentries + 1) * 4);
        nk_free(&a, g->m_key, (size_t)g->nmeta * 4);
        nk_free(&a, g->m_val, (size_t)g->nmeta * 4);
        nk_free(&a, g->spool, g->spool_len);
    }
    nk_free(&a, g->blob, g->blob_len);
    nk_free(&a, g, sizeof *g);
}

nk_status nk_gzbuilder_build(nk_gzbuilder *b, unsigned flags, nk_gazetteer **out, nk_error *err)
{
    const nk_alloc *a = b->alloc;
    nk_gazetteer *g;
    nk_status st = NK_OK;
    size_t i, ne = b->nents, nm = 0;
    *out = NULL;
    if (b->nents == 0 || b->keys.data == NULL)
        return nk_seterror(err, NK_EINVAL, 0, "the gazetteer has no entries");
    if ((g = gz_alloc(a)) == NULL)
        return nk_seterror(err, NK_ENOMEM, 0, "out of memory");
    g->flags = flags & NK_GZ_VARIANTS;
    g->nentries = (uint32_t)ne;
    g->e_id = nk_malloc(a, ne * 4);
    g->e_type = nk_malloc(a, ne * 4);
    g->e_name = nk_malloc(a, ne * 4);
    g->e_meta = nk_malloc(a, (ne + 1) * 4);
    g->m_key = nk_malloc(a, (b->nmeta ? b->nmeta : 1) * 4);
    g->m_val = nk_malloc(a, (b->nmeta ? b->nmeta : 1) * 4);
    g->spool = nk_malloc(a, b->spool.len);
    g->spool_len = (uint32_t)b->spool.len;
    g->nmeta = (uint32_t)(b->nmeta ? b->nmeta : 1); /* allocation size until filled */
    if (g->e_id == NULL || g->e_type == NULL || g->e_name == NULL || g->e_meta == NULL ||
        g->m_key == NULL || g->m_val == NULL || g->spool == NULL) {
        st = NK_ENOMEM;
        goto fail;
    }
    memcpy(g->spool, b->spool.data, b->spool.len);
    for (i = 0; i < ne; i++) {
        g->e_id[i] = b->ents[i].id;
        g->e_type[i] = b->ents[i].type;
        g->e_name[i] = b->ents[i].name;
        g->e_meta[i] = 0;
    }
    /* metadata grouped by entry (counting sort, stable), exact duplicates dropped */
    for (i = 0; i < b->nmeta; i++)
        g->e_meta[b->meta[i].entry]++;
    {
        uint32_t acc = 0, c;
        for (i = 0; i < ne; i++) {
            c = g->e_meta[i];
            g->e_meta[i] = acc;
            acc += c;
        }
        g->e_meta[ne] = acc;
        for (i = 0; i < b->nmeta; i++) {
            uint32_t e = b->meta[i].entry, p = g->e_meta[e]++;
            g->m_key[p] = b->meta[i].key;
            g->m_val[p] = b->meta[i].val;
        }
        /* e_meta[e] now holds the end of e's range; shift back and compact */
        for (i = ne; i > 0; i--)
            g->e_meta[i] = g->e_meta[i - 1];
        g->e_meta[0] = 0;
        for (i = 0; i < ne; i++) {
            uint32_t s = g->e_meta[i], e = g->e_meta[i + 1], j, q, start = (uint32_t)nm;
            for (j = s; j < e; j++) {
                int dup = 0;
                for (q = start; q < nm && !dup; q++)
                    dup = strcmp(g->spool + g->m_key[q], g->spool + g->m_key[j]) == 0 &&
                          strcmp(g->spool + g->m_val[q], g->spool + g->m_val[j]) == 0;
                if (!dup) {
                    g->m_key[nm] = g->m_key[j];
                    g->m_val[nm] = g->m_val[j];
                    nm++;
                }
            }
            g->e_meta[i] = start;
        }
        g->e_meta[ne] = (uint32_t)nm;
    }
    if ((st = build_keys(&g->keys[0], a, b->keys.data, b->forms, b->nforms, 0)) != NK_OK)
        goto fail;
    if ((flags & NK_GZ_VARIANTS) &&
        (st = build_keys(&g->keys[1], a, b->keys.data, b->forms, b->nforms, 1)) != NK_OK)
        goto fail;
    g->nforms = g->keys[0].nvals;
    {
        /* m_key/m_val were allocated for b->nmeta pairs: keep that size for freeing */
        uint32_t *t1 = nk_realloc(a, g->m_key, (size_t)g->nmeta * 4, (nm ? nm : 1) * 4);
        if (t1 != NULL)
            g->m_key = t1;
        t1 = t1 ? nk_realloc(a, g->m_val, (size_t)g->nmeta * 4, (nm ? nm : 1) * 4) : NULL;
        if (t1 == NULL) {
            st = NK_ENOMEM;
            goto fail;
        }
        g->m_val = t1;
        g->nmeta = (uint32_t)nm;
    }
    *out = g;
    return NK_OK;
fail:
    nk_gazetteer_free(g);
    return nk_seterror(err, st, 0, "%s", nk_strerror(st));
}

size_t nk_gazetteer_entries(const nk_gazetteer *g)
{
    return g->nentries;
}

size_t nk_gazetteer_forms(const nk_gazetteer *g)
{
    return g->nforms;
}

size_t nk_gazetteer_words(const nk_gazetteer *g)
{
    return g->keys[0].nwords;
}

int nk_gazetteer_has_variants(const nk_gazetteer *g)
{
    return (g->flags & NK_GZ_VARIANTS) != 0;
}

static size_t keys_memory(const nk_gzkeys *k)
{
    if (k->node == NULL)
        return 0;
    return ((size_t)k->nwords + 1) * 8 + k->pool_len + ((size_t)k->nnodes + 1) * 12 +
           ((size_t)k->nvals + 1) * 4 + ((size_t)k->smask + 1) * 8 + ((size_t)k->bmask + 1) / 8 +
           (k->cbits ? ((size_t)k->cmask + 1) / 8 : 0) +
           (k->edges ? ((size_t)k->emask + 1) * 12 : 0) + ((size_t)k->nwords + 1) * 4;
}

size_t nk_gazetteer_memory(const nk_gazetteer *g)
{
    return sizeof *g + (size_t)g->nentries * 16 + 4 + (size_t)g->nmeta * 8 + g->spool_len +
           keys_memory(&g->keys[0]) + keys_memory(&g->keys[1]);
}

const char *nk_gazetteer_id(const nk_gazetteer *g, uint32_t e)
{
    return g->spool + g->e_id[e];
}

const char *nk_gazetteer_type(const nk_gazetteer *g, uint32_t e)
{
    return g->spool + g->e_type[e];
}

const char *nk_gazetteer_name(const nk_gazetteer *g, uint32_t e)
{
    return g->spool + g->e_name[e];
}

size_t nk_gazetteer_nmeta(const nk_gazetteer *g, uint32_t e)
{
    return g->e_meta[e + 1] - g->e_meta[e];
}

void nk_gazetteer_meta(const nk_gazetteer *g, uint32_t e, size_t i, const char **key,
                       const char **value)
{
    size_t j = g->e_meta[e] + i;
    *key = g->spool + g->m_key[j];
    *value = g->spool + g->m_val[j];
}

/* ------------------------------------------------------------------------ */
/* the image                                                                 */

#define IMG_MAGIC "NKGAZ\r\n\032"
#define IMG_VERSION 2u
/* magic 8, version 4, flags 4, payload length 8, checksum 8, key fingerprint 8 */
#define IMG_HEADER 40u

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t checksum(const unsigned char *p, size_t n)
{
    return fnv(0xcbf29ce484222325ULL, p, n);
}

/*
** The key fingerprint: a hash of everything that turns a surface form into
** the keys an image stores (the search normalization of every code point
** of the blocks that matter, alone and after an alef or a space so that
** composition counts too; the word classes; the spelling-variant key). A
** naskh whose normalization differs from the one that compiled an image
** would silently miss its entries, so the image carries this value and a
** load with another one is refused ("compile it again"). Scratch memory
** comes from a and is freed before returning; 0 on NK_ENOMEM.
*/
static uint64_t key_fingerprint(const nk_alloc *a)
{
    static const uint32_t blocks[][2] = {
        {0x0020, 0x024F}, {0x0300, 0x036F}, {0x0600, 0x06FF}, {0x0750, 0x077F}, {0x08A0, 0x08FF},
        {0x2000, 0x206F}, {0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}, {0xFF01, 0xFF5E},
    };
    nk_buf probe;
    nk_gznorm *z;
    const char *out;
    size_t outlen, b, i;
    uint64_t h = 0xcbf29ce484222325ULL;
    char v[64];
    nk_buf_init(&probe, a);
    for (b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        uint32_t c;
        for (c = blocks[b][0]; c <= blocks[b][1]; c++) {
            char u[4];
            size_t n = nk_utf8_encode(c, u);
            if (nk_buf_append(&probe, "\xd8\xa7", 2) != NK_OK || nk_buf_append(&probe, u, n) ||
                nk_buf_append(&probe, " ", 1) || nk_buf_append(&probe, u, n) ||
                nk_buf_append(&probe, "\n", 1)) {
                nk_buf_free(&probe);
                return 0;
            }
        }
    }
    z = nk_gznorm_new(a);
    if (z == NULL || nk_gznorm_run(z, probe.data, probe.len, &out, &outlen, NULL) != NK_OK) {
        nk_gznorm_free(z);
        nk_buf_free(&probe);
        return 0;
    }
    h = fnv(h, (const unsigned char *)out, outlen);
    {
        /* the word classes of U+0000..U+007F and U+0600..U+06FF (the two tables of the first
           images), numbered as then (punct = 3): moving the matcher to the core's one
           token-class enum and then to its one scanner (nk_scan.h) changed no key */
        unsigned char cls[128 + 256];
        for (i = 0; i < sizeof cls; i++) {
            int c = nk_gz_cls(i < 128 ? (uint32_t)i : (uint32_t)(0x0600 + i - 128));
            cls[i] = (unsigned char)(c == NK_TOK_PUNCT ? 3 : c);
        }
        h = fnv(h, cls, sizeof cls);
    }
    /* the variant key of every Arabic-block word of up to eight letters in the output */
    for (i = 0; i < outlen;) {
        size_t j = i, n;
        while (j < outlen && j - i < 16 && (unsigned char)out[j] >= 0xd8 &&
               (unsigned char)out[j] <= 0xdb && j + 1 < outlen)
            j += 2;
        if (j == i) {
            i++;
            continue;
        }
        n = nk_gz_variant(out + i, j - i, v);
        h = fnv(h, (const unsigned char *)v, n);
        i = j;
    }
    nk_gznorm_free(z);
    nk_buf_free(&probe);
    return h ? h : 1;
}

static nk_status put32(nk_buf *o, uint32_t v)
{
    return nk_buf_append(o, &v, 4);
}

static nk_status put_arr(nk_buf *o, const uint32_t *a, size_t n)
{
    return nk_buf_append(o, a, n * 4);
}

static nk_status put_bytes(nk_buf *o, const char *p, size_t n)
{
    static const char zero[4] = {0, 0, 0, 0};
    nk_status st = nk_buf_append(o, p, n);
    if (st == NK_OK && n % 4)
        st = nk_buf_append(o, zero, 4 - n % 4);
    return st;
}

int nk_gazetteer_is_image(const char *data, size_t len)
{
    return len >= 8 && memcmp(data, IMG_MAGIC, 8) == 0;
}

nk_status nk_gazetteer_save(const nk_gazetteer *g, nk_buf *o)
{
    size_t base = o->len, i;
    uint64_t plen, sum, fp;
    uint32_t v = IMG_VERSION;
    nk_status st;
    int nk = (g->flags & NK_GZ_VARIANTS) ? 2 : 1;
    if ((st = nk_buf_append(o, IMG_MAGIC, 8)) != NK_OK || (st = put32(o, v)) != NK_OK ||
        (st = put32(o, g->flags)) != NK_OK || (st = nk_buf_append(o, "\0\0\0\0\0\0\0\0", 8)) ||
        (st = nk_buf_append(o, "\0\0\0\0\0\0\0\0", 8)) ||
        (st = nk_buf_append(o, "\0\0\0\0\0\0\0\0", 8)))
        goto fail;
    if ((st = put32(o, g->nentries)) || (st = put32(o, g->nforms)) || (st = put32(o, g->nmeta)) ||
        (st = put32(o, g->spool_len)) || (st = put_arr(o, g->e_id, g->nentries)) ||
        (st = put_arr(o, g->e_type, g->nentries)) || (st = put_arr(o, g->e_name, g->nentries)) ||
        (st = put_arr(o, g->e_meta, (size_t)g->nentries + 1)) ||
        (st = put_arr(o, g->m_key, g->nmeta)) || (st = put_arr(o, g->m_val, g->nmeta)) ||
        (st = put_bytes(o, g->spool, g->spool_len)))
        goto fail;
    for (i = 0; i < (size_t)nk; i++) {
        const nk_gzkeys *k = &g->keys[i];
        if ((st = put32(o, k->nwords)) || (st = put32(o, k->pool_len)) ||
            (st = put32(o, k->nnodes)) || (st = put32(o, k->nvals)) ||
            (st = put_arr(o, k->word_off, (size_t)k->nwords + 1)) ||
            (st = put_arr(o, &k->node[0].label, ((size_t)k->nnodes + 1) * 3)) ||
            (st = put_arr(o, k->vals, k->nvals)) || (st = put_bytes(o, k->pool, k->pool_len)))
            goto fail;
    }
    if ((fp = key_fingerprint(o->alloc)) == 0) {
        st = NK_ENOMEM;
        goto fail;
    }
    plen = o->len - base - IMG_HEADER;
    sum = checksum((const unsigned char *)o->data + base + IMG_HEADER, (size_t)plen);
    memcpy(o->data + base + 16, &plen, 8);
    memcpy(o->data + base + 24, &sum, 8);
    memcpy(o->data + base + 32, &fp, 8);
    return NK_OK;
fail:
    o->len = base;
    return st;
}

typedef struct {
    const char *p;
    size_t n, at;
} reader;

static int rd32(reader *r, uint32_t *v)
{
    if (r->n - r->at < 4)
        return 0;
    memcpy(v, r->p + r->at, 4);
    r->at += 4;
    return 1;
}

/* Point *a at count u32 values (count may be huge: checked against what is left). */
static int rdarr(reader *r, uint32_t **a, uint64_t count)
{
    if (count > (r->n - r->at) / 4)
        return 0;
    *a = (uint32_t *)(void *)(r->p + r->at);
    r->at += (size_t)count * 4;
    return 1;
}

static int rdbytes(reader *r, char **a, uint32_t count)
{
    size_t padded = ((size_t)count + 3) & ~(size_t)3;
    if (padded > r->n - r->at)
        return 0;
    *a = (char *)(r->p + r->at);
    r->at += padded;
    return 1;
}

/* Offsets o[0..n) non-decreasing from first to last. */
static int monotone(const uint32_t *o, size_t n, uint32_t first, uint32_t last)
{
    size_t i;
    if (n == 0 || o[0] != first || o[n - 1] != last)
        return 0;
    for (i = 1; i < n; i++)
        if (o[i] < o[i - 1])
            return 0;
    return 1;
}

static const char *check_keys(const nk_gzkeys *k, uint32_t nentries)
{
    const nk_gznode *nd = k->node;
    uint32_t i;
    if (k->nnodes == 0)
        return "empty trie";
    if (!monotone(k->word_off, (size_t)k->nwords + 1, 0, k->pool_len))
        return "bad word offsets";
    if (nd[0].first_child != 1 || nd[k->nnodes].first_child != k->nnodes || nd[0].val_start != 0 ||
        nd[k->nnodes].val_start != k->nvals)
        return "bad trie bounds";
    for (i = 0; i < k->nnodes; i++) {
        uint32_t c;
        if (nd[i + 1].first_child < nd[i].first_child || nd[i + 1].val_start < nd[i].val_start)
            return "bad trie ranges";
        if (i > 0 && nd[i].label >= k->nwords)
            return "bad trie label";
        if (nd[i].first_child < nd[i + 1].first_child && nd[i].first_child <= i)
            return "trie child before its parent";
        for (c = nd[i].first_child + 1; c < nd[i + 1].first_child; c++)
            if (nd[c].label <= nd[c - 1].label)
                return "unsorted trie children";
    }
    for (i = 0; i < k->nvals; i++)
        if (k->vals[i] >= nentries)
            return "bad entry index";
    return NULL;
}

nk_status nk_gazetteer_load(const char *data, size_t len, const nk_alloc *a, nk_gazetteer **out,
                            nk_error *err)
{
    nk_gazetteer *g;
    uint32_t version, flags, i;
    uint64_t plen, sum, fp, now;
    reader r;
    const char *why = NULL;
    nk_status st;
    int nk;
    *out = NULL;
    if (len < IMG_HEADER || memcmp(data, IMG_MAGIC, 8) != 0)
        return nk_seterror(err, NK_EFORMAT, 0, "not a compiled naskh gazetteer");
    memcpy(&version, data + 8, 4);
    memcpy(&flags, data + 12, 4);
    memcpy(&plen, data + 16, 8);
    memcpy(&sum, data + 24, 8);
    if (version != IMG_VERSION)
        return nk_seterror(
            err, NK_EFORMAT, 8,
            "compiled gazetteer format version %u, this naskh reads version %u: compile it "
            "again with `naskh gazetteer compile`",
            (unsigned)version, IMG_VERSION);
    memcpy(&fp, data + 32, 8);
    if ((now = key_fingerprint(a)) == 0)
        return nk_seterror(err, NK_ENOMEM, 0, "out of memory");
    if (fp != now)
        return nk_seterror(err, NK_EFORMAT, 32,
                           "compiled gazetteer made with another text normalization (key "
                           "fingerprint): compile it again with `naskh gazetteer compile`");
    if (flags & ~NK_GZ_VARIANTS)
        return nk_seterror(err, NK_EFORMAT, 12, "unknown flags in compiled gazetteer");
    if (plen != len - IMG_HEADER)
        return nk_seterror(err, NK_EFORMAT, 16,
                           "compiled gazetteer is truncated or has trailing bytes");
    if (checksum((const unsigned char *)data + IMG_HEADER, (size_t)plen) != sum)
        return nk_seterror(err, NK_EFORMAT, 24, "compiled gazetteer checksum mismatch");
    if ((g = gz_alloc(a)) == NULL)
        return nk_seterror(err, NK_ENOMEM, 0, "out of memory");
    g->flags = flags;
    g->blob_len = (size_t)plen ? (size_t)plen : 1;
    if ((g->blob = nk_malloc(a, g->blob_len)) == NULL) {
        nk_free(a, g, sizeof *g);
        return nk_seterror(err, NK_ENOMEM, 0, "out of memory");
    }
    memcpy(g->blob, data + IMG_HEADER, (size_t)plen);
    r.p = g->blob;
    r.n = (size_t)plen;
    r.at = 0;
    if (!rd32(&r, &g->nentries) || !rd32(&r, &g->nforms) || !rd32(&r, &g->nmeta) ||
        !rd32(&r, &g->spool_len) || !rdarr(&r, &g->e_id, g->nentries) ||
        !rdarr(&r, &g->e_type, g->nentries) || !rdarr(&r, &g->e_name, g->nentries) ||
        !rdarr(&r, &g->e_meta, (uint64_t)g->nentries + 1) || !rdarr(&r, &g->m_key, g->nmeta) ||
        !rdarr(&r, &g->m_val, g->nmeta) || !rdbytes(&r, &g->spool, g->spool_len)) {
        why = "truncated entry table";
        goto bad;
    }
    if (g->nentries == 0 || g->spool_len == 0 || g->spool[g->spool_len - 1] != '\0') {
        why = "bad string pool";
        goto bad;
    }
    for (i = 0; i < g->nentries && why == NULL; i++)
        if (g->e_id[i] >= g->spool_len || g->e_type[i] >= g->spool_len ||
            g->e_name[i] >= g->spool_len)
            why = "bad string offset";
    for (i = 0; i < g->nmeta && why == NULL; i++)
        if (g->m_key[i] >= g->spool_len || g->m_val[i] >= g->spool_len)
            why = "bad metadata offset";
    if (why == NULL && !monotone(g->e_meta, (size_t)g->nentries + 1, 0, g->nmeta))
        why = "bad metadata ranges";
    if (why != NULL)
        goto bad;
    nk = (flags & NK_GZ_VARIANTS) ? 2 : 1;
    for (i = 0; i < (uint32_t)nk; i++) {
        nk_gzkeys *k = &g->keys[i];
        uint32_t *nodes = NULL;
        if (!rd32(&r, &k->nwords) || !rd32(&r, &k->pool_len) || !rd32(&r, &k->nnodes) ||
            !rd32(&r, &k->nvals) || !rdarr(&r, &k->word_off, (uint64_t)k->nwords + 1) ||
            !rdarr(&r, &nodes, ((uint64_t)k->nnodes + 1) * 3) || !rdarr(&r, &k->vals, k->nvals) ||
            !rdbytes(&r, &k->pool, k->pool_len)) {
            why = "truncated key space";
            goto bad;
        }
        k->node = (nk_gznode *)(void *)nodes;
        if ((why = check_keys(k, g->nentries)) != NULL)
            goto bad;
    }
    if (r.at != r.n) {
        why = "trailing bytes";
        goto bad;
    }
    /* the header's form count must agree with the tables (each form is one value of the key
       space), so no count says more than the file holds */
    if (g->nforms != g->keys[0].nvals) {
        r.at = 4;
        why = "form count does not match the tables";
        goto bad;
    }
    for (i = 0; i < (uint32_t)nk; i++)
        if ((st = nk_gz_index(&g->keys[i], a)) != NK_OK) {
            nk_gazetteer_free(g);
            return nk_seterror(err, st, 0, "out of memory");
        }
    *out = g;
    return NK_OK;
bad:
    memset(g->keys, 0, sizeof g->keys); /* arrays point into the blob */
    nk_gazetteer_free(g);
    return nk_seterror(err, NK_EFORMAT, IMG_HEADER + r.at, "corrupt compiled gazetteer: %s", why);
}
