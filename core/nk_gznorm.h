/*
** nk_gznorm.h
** The gazetteer's one door to normalization (internal): the `search`
** profile of nk_normalize.h applied to a buffer, and its offset map from
** normalized spans back to the original bytes. Keeping this in one place
** means the gazetteer compiler and the matcher always agree.
*/
#ifndef NK_GZNORM_H
#define NK_GZNORM_H

#include "nk_base.h"

typedef struct nk_gznorm nk_gznorm;

/* A normalizer with its reusable buffers. NULL on NK_ENOMEM. */
nk_gznorm *nk_gznorm_new(const nk_alloc *a);
void nk_gznorm_free(nk_gznorm *z);

/*
** Normalize src[0..len) with the search profile. The result is valid until
** the next call: *out, *outlen point into z. Errors as nk_normalize.
*/
nk_status nk_gznorm_run(nk_gznorm *z, const char *src, size_t len, const char **out, size_t *outlen,
                        nk_error *err);

/*
** The original span of the normalized span [ns, ne) of the last run: the same
** as nk_offmap_orig on its map, found from the run of the previous call
** (spans asked for in text order cost no search).
*/
nk_span nk_gznorm_orig(nk_gznorm *z, size_t ns, size_t ne);

#endif
