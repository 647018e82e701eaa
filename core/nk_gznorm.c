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

nk_span nk_gznorm_orig(nk_gznorm *z, size_t ns, size_t ne)
{
    /* the matcher asks in text order: start from the previous hit's run */
    return nk_offmap_orig_hint(&z->map, &z->cur, ns, ne);
}
