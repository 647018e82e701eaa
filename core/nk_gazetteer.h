/*
** nk_gazetteer.h
** A compiled gazetteer: many surface forms mapped to entries (id, type,
** canonical name, key=value metadata), built from the TSV format of the
** contract or through the entries API, and saved to / loaded from a compact
** binary image. Matching lives in nk_match.h.
**
** Surface forms are normalized with the `search` profile of nk_normalize.h
** (unless NK_GZ_RAW) and cut into word tokens exactly as the matcher cuts
** text; Latin letters are folded to lower case. See docs/gazetteer.md.
*/
#ifndef NK_GAZETTEER_H
#define NK_GAZETTEER_H

#include "nk_base.h"

typedef struct nk_gazetteer nk_gazetteer;
typedef struct nk_gzbuilder nk_gzbuilder;

/* Build flags. */
#define NK_GZ_VARIANTS 1u /* also build the spelling-variant key space */
#define NK_GZ_RAW 2u      /* surface forms are already normalized: skip nk_normalize */

/*
** A new, empty builder (a may be NULL; flags may hold NK_GZ_RAW). Free with
** nk_gzbuilder_free. NULL on NK_ENOMEM.
*/
nk_gzbuilder *nk_gzbuilder_new(const nk_alloc *a, unsigned flags);
void nk_gzbuilder_free(nk_gzbuilder *b);

/*
** Add one surface form surface[0..len) of the entry `id` (NUL-terminated; an
** entry is created on first use, with `type` and the surface as its name).
** Adding to an existing id with a different type is NK_EINVAL. *entry (when
** not NULL) receives the entry index. A surface that has no word after
** normalization, more than 32 words or invalid UTF-8 is NK_EFORMAT.
*/
nk_status nk_gzbuilder_add(nk_gzbuilder *b, const char *id, const char *type, const char *surface,
                           size_t len, uint32_t *entry, nk_error *err);

/* Set the canonical name of an entry (default: its first surface). */
nk_status nk_gzbuilder_name(nk_gzbuilder *b, uint32_t entry, const char *name);

/* Append a key=value metadata pair to an entry (both NUL-terminated, copied). */
nk_status nk_gzbuilder_meta(nk_gzbuilder *b, uint32_t entry, const char *key, const char *value);

/*
** Add the lines of a TSV gazetteer: surface<TAB>type[<TAB>id[<TAB>key=value...]].
** Blank lines and lines whose first non-blank character is '#' are skipped; a
** missing id is the surface itself. On error err->line is the 1-based line,
** err->offset the byte offset into text, and err->msg says what is wrong.
*/
nk_status nk_gzbuilder_add_tsv(nk_gzbuilder *b, const char *text, size_t len, nk_error *err);

/*
** Compile what was added (flags: NK_GZ_VARIANTS) into a new gazetteer *out (free
** with nk_gazetteer_free). The builder may be reused or freed afterwards.
*/
nk_status nk_gzbuilder_build(nk_gzbuilder *b, unsigned flags, nk_gazetteer **out, nk_error *err);

void nk_gazetteer_free(nk_gazetteer *g);

/*
** Serialize g into out (appended; caller-owned). The image starts with the
** magic "NKGAZ\r\n\032", a format version and a checksum; it is native
** little-endian.
*/
nk_status nk_gazetteer_save(const nk_gazetteer *g, nk_buf *out);

/*
** Load an image made by nk_gazetteer_save from data[0..len) (copied; the
** caller keeps data). Every offset and index is checked: a truncated, corrupt
** or foreign image is NK_EFORMAT with a message, never a crash.
*/
nk_status nk_gazetteer_load(const char *data, size_t len, const nk_alloc *a, nk_gazetteer **out,
                            nk_error *err);

/* 1 when data starts with the image magic. */
int nk_gazetteer_is_image(const char *data, size_t len);

/* Counts and sizes. */
size_t nk_gazetteer_entries(const nk_gazetteer *g);
size_t nk_gazetteer_forms(const nk_gazetteer *g);  /* distinct (key, entry) pairs */
size_t nk_gazetteer_words(const nk_gazetteer *g);  /* distinct word tokens */
size_t nk_gazetteer_memory(const nk_gazetteer *g); /* bytes held by g */
int nk_gazetteer_has_variants(const nk_gazetteer *g);

/*
** Entry fields, NUL-terminated strings owned by g (valid until it is freed).
** e must be < nk_gazetteer_entries(g).
*/
const char *nk_gazetteer_id(const nk_gazetteer *g, uint32_t e);
const char *nk_gazetteer_type(const nk_gazetteer *g, uint32_t e);
const char *nk_gazetteer_name(const nk_gazetteer *g, uint32_t e);
size_t nk_gazetteer_nmeta(const nk_gazetteer *g, uint32_t e);
/* The i-th metadata pair of entry e (i < nk_gazetteer_nmeta). */
void nk_gazetteer_meta(const nk_gazetteer *g, uint32_t e, size_t i, const char **key,
                       const char **value);

#endif
