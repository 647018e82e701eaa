/*
** nk_norm_map.c
** The offset map of the normalizer (nk_offmap): runs of units, each unit
** olen normalized bytes <- ilen original bytes; lookups by binary search.
** The runs are recorded by core/nk_normalize.c while it normalizes.
*/
#include "nk_normalize.h"

void nk_offmap_init(nk_offmap *m, const nk_alloc *a)
{
    m->v = NULL;
    m->n = m->cap = 0;
    m->olen = m->ilen = 0;
    m->alloc = a;
}

void nk_offmap_free(nk_offmap *m)
{
    if (m == NULL)
        return;
    nk_free(m->alloc, m->v, m->cap * sizeof *m->v);
    m->v = NULL;
    m->n = m->cap = 0;
    m->olen = m->ilen = 0;
}

void nk_offmap_clear(nk_offmap *m)
{
    if (m == NULL)
        return;
    m->n = 0;
    m->olen = m->ilen = 0;
}

size_t nk_offmap_bytes(const nk_offmap *m)
{
    return m == NULL ? 0 : m->cap * sizeof *m->v;
}

/* Index of the last run with o <= x, or (size_t)-1. *hint is the run of the
** previous lookup (any value when there is none) and receives this one's:
** lookups in text order look at the next runs before searching. */
static size_t find_run(const nk_offmap *m, size_t x, size_t *hint)
{
    size_t lo = 0, hi = m->n, k = *hint;
    if (k < m->n && m->v[k].o <= x) {
        if (k + 1 >= m->n || m->v[k + 1].o > x)
            return k;
        if (k + 2 >= m->n || m->v[k + 2].o > x)
            return *hint = k + 1;
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
    return *hint = lo - 1;
}

/* Input position where output byte x starts (x at a unit start or in a 1:1 stretch);
** inside a unit: the unit's input start, or its input end when want_end. */
static size_t map_pos(const nk_offmap *m, size_t x, int want_end, size_t *hint)
{
    size_t k = find_run(m, x, hint);
    const nk_offmap_run *r;
    uint64_t oend;
    if (k == (size_t)-1)
        return x;
    r = &m->v[k];
    oend = r->o + (uint64_t)r->n * r->olen;
    if (x < oend) {
        uint64_t u = (x - r->o) / r->olen, us = r->o + u * r->olen;
        if (want_end && x > us)
            return (size_t)(r->i + (u + 1) * r->ilen);
        return (size_t)(r->i + u * r->ilen);
    }
    return (size_t)(x - oend + r->i + (uint64_t)r->n * r->ilen);
}

nk_span nk_offmap_orig_hint(const nk_offmap *m, size_t *hint, size_t nstart, size_t nend)
{
    nk_span sp;
    if (nend > m->olen)
        nend = m->olen;
    if (nstart > nend)
        nstart = nend;
    sp.start = nstart == 0 ? 0 : map_pos(m, nstart, 0, hint);
    if (nstart == nend) {
        sp.end = sp.start;
        return sp;
    }
    sp.end = nend == m->olen ? m->ilen : map_pos(m, nend, 1, hint);
    if (sp.end > m->ilen)
        sp.end = m->ilen;
    if (sp.start > sp.end)
        sp.start = sp.end;
    return sp;
}

nk_span nk_offmap_orig(const nk_offmap *m, size_t nstart, size_t nend)
{
    size_t hint = (size_t)-1;
    return nk_offmap_orig_hint(m, &hint, nstart, nend);
}
