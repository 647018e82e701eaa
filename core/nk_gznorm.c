/*
** nk_gznorm.c
** Search normalization for the gazetteer (see nk_gznorm.h): one compiled
** nk_normalizer with the `search` profile, its output buffer and offset map.
*/
#include "nk_gznorm.h"

#include "nk_normalize.h"

struct nk_gznorm {
    const nk_alloc *alloc;
    nk_normalizer *n;
    nk_buf text;
    nk_offmap map;
    size_t cur; /* run index of the last lookup: a hint */
};

nk_gznorm *nk_gznorm_new(const nk_alloc *a)
{
    nk_norm_profile p;
    nk_gznorm *z = nk_malloc(a, sizeof *z);
    if (z == NULL)
        return NULL;
    z->alloc = a;
    nk_buf_init(&z->text, a);
    nk_offmap_init(&z->map, a);
    z->n = NULL;
    z->cur = 0;
    if (nk_norm_profile_named(&p, "search") != NK_OK ||
        (z->n = nk_normalizer_new(&p, a, NULL)) == NULL) {
        nk_gznorm_free(z);
        return NULL;
    }
    return z;
}

void nk_gznorm_free(nk_gznorm *z)
{
    if (z == NULL)
        return;
    nk_normalizer_free(z->n);
    nk_buf_free(&z->text);
    nk_offmap_free(&z->map);
    nk_free(z->alloc, z, sizeof *z);
}

nk_status nk_gznorm_run(nk_gznorm *z, const char *src, size_t len, const char **out, size_t *outlen,
                        nk_error *err)
{
    nk_status st;
    z->text.len = 0;
    z->cur = 0;
    st = nk_normalizer_run(z->n, src, len, &z->text, &z->map, err);
    if (st == NK_OK)
        st = nk_buf_terminate(&z->text);
    if (st != NK_OK)
        return st;
    *out = z->text.data ? z->text.data : "";
    *outlen = z->text.len;
    return NK_OK;
}

/* Index of the last run with o <= x, or (size_t)-1; starts from the hint z->cur. */
static size_t find_run(nk_gznorm *z, size_t x)
{
    const nk_offmap *m = &z->map;
    size_t lo = 0, hi = m->n, k = z->cur;
    if (k < m->n && m->v[k].o <= x) {
        /* the next runs first: the matcher asks in text order */
        if (k + 1 >= m->n || m->v[k + 1].o > x)
            return k;
        if (k + 2 >= m->n || m->v[k + 2].o > x)
            return z->cur = k + 1;
        lo = k + 2;
    } else if (k < m->n) {
        hi = k;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->v[mid].o <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return (size_t)-1;
    return z->cur = lo - 1;
}

/* Original position of normalized byte x (as nk_offmap_orig's: a unit's start, or its end
** when want_end and x is inside it). */
static size_t map_pos(nk_gznorm *z, size_t x, int want_end)
{
    size_t k = find_run(z, x);
    const nk_offmap_run *r;
    uint64_t oend;
    if (k == (size_t)-1)
        return x;
    r = &z->map.v[k];
    oend = r->o + (uint64_t)r->n * r->olen;
    if (x < oend) {
        uint64_t u = (x - r->o) / r->olen, us = r->o + u * r->olen;
        if (want_end && x > us)
            return (size_t)(r->i + (u + 1) * r->ilen);
        return (size_t)(r->i + u * r->ilen);
    }
    return (size_t)(x - oend + r->i + (uint64_t)r->n * r->ilen);
}

nk_span nk_gznorm_orig(nk_gznorm *z, size_t ns, size_t ne)
{
    const nk_offmap *m = &z->map;
    nk_span sp;
    if (ne > m->olen)
        ne = m->olen;
    if (ns > ne)
        ns = ne;
    sp.start = ns == 0 ? 0 : map_pos(z, ns, 0);
    if (ns == ne) {
        sp.end = sp.start;
        return sp;
    }
    sp.end = ne == m->olen ? m->ilen : map_pos(z, ne, 1);
    if (sp.end > m->ilen)
        sp.end = m->ilen;
    if (sp.start > sp.end)
        sp.start = sp.end;
    return sp;
}
