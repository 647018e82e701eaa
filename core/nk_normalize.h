/*
** nk_normalize.h  —  INTERFACE CONTRACT (implementation in progress)
** Arabic normalization driven by a profile of independent switches, with an
** offset map from every normalized byte back to the original bytes.
**
** Other modules (the gazetteer matcher, the Lua binding) rely on exactly
** these names; the normalization owner may add fields and functions.
*/
#ifndef NK_NORMALIZE_H
#define NK_NORMALIZE_H

#include "nk_base.h"

/* The profile: independent switches (see docs/normalization.md). */
typedef struct nk_norm_profile nk_norm_profile; /* defined by the implementation */

/*
** Fill *p with a named profile: "search", "display" or "camel".
** Returns NK_OK or NK_EINVAL for an unknown name.
*/
nk_status nk_norm_profile_named(nk_norm_profile *p, const char *name);

/*
** The offset map: for a half-open byte span of normalized output, the
** half-open byte span of the original input it came from.
*/
typedef struct nk_offmap nk_offmap;

/*
** Normalize src[0..len) with profile p, appending to out (caller-owned).
** When map is not NULL it receives the offset map (free with nk_offmap_free).
** Invalid UTF-8 is replaced by U+FFFD or is an error, per the profile; on
** error err->offset is the first bad byte.
*/
nk_status nk_normalize(const nk_norm_profile *p, const char *src, size_t len, nk_buf *out,
                       nk_offmap *map, nk_error *err);

/* Map a normalized span [nstart, nend) back to the original. */
nk_span nk_offmap_orig(const nk_offmap *m, size_t nstart, size_t nend);

#endif
