/*
** nk_gznorm.c
** Search normalization for the gazetteer (see nk_gznorm.h).
** PROVISIONAL: an identity transform until nk_normalize lands; the matcher
** only relies on nk_gznorm_run / nk_gznorm_orig.
*/
#include "nk_gznorm.h"

#include "nk_utf8.h"

struct nk_gznorm {
    const nk_alloc *alloc;
    nk_buf text;
};

nk_gznorm *nk_gznorm_new(const nk_alloc *a)
{
    nk_gznorm *z = nk_malloc(a, sizeof *z);
    if (z == NULL)
        return NULL;
    z->alloc = a;
    nk_buf_init(&z->text, a);
    return z;
}

void nk_gznorm_free(nk_gznorm *z)
{
    if (z == NULL)
        return;
    nk_buf_free(&z->text);
    nk_free(z->alloc, z, sizeof *z);
}

nk_status nk_gznorm_run(nk_gznorm *z, const char *src, size_t len, const char **out, size_t *outlen,
                        nk_error *err)
{
    size_t bad;
    nk_status st;
    if (nk_utf8_validate(src, len, &bad) != NK_OK)
        return nk_seterror(err, NK_EUTF8, bad, "invalid UTF-8 at byte %zu", bad);
    z->text.len = 0;
    st = nk_buf_append(&z->text, src, len);
    if (st == NK_OK)
        st = nk_buf_terminate(&z->text);
    if (st != NK_OK)
        return nk_seterror(err, st, 0, "%s", nk_strerror(st));
    *out = z->text.data;
    *outlen = z->text.len;
    return NK_OK;
}

nk_span nk_gznorm_orig(const nk_gznorm *z, size_t ns, size_t ne)
{
    nk_span sp;
    (void)z;
    sp.start = ns;
    sp.end = ne;
    return sp;
}
