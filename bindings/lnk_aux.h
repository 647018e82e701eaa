/*
** lnk_aux.h
** Shared helpers of the Lua binding: span conversion (the one place where
** C's 0-based half-open byte spans become Lua's 1-based inclusive s/e),
** option tables checked against a list with "did you mean", and the
** per-module registration hooks that luaopen_naskh calls.
*/
#ifndef LNK_AUX_H
#define LNK_AUX_H

#include <lauxlib.h>
#include <lua.h>

#include "nk_base.h"

/* Push {s=start+1, e=end} for a C span (empty spans give e = s - 1). */
void lnk_pushspan(lua_State *L, nk_span sp);
/* Set fields s and e of the table at idx from a C span. */
void lnk_setspan(lua_State *L, int idx, nk_span sp);
/* Read Lua (s, e) args at arg, arg+1 (1-based inclusive) into a C span within len. */
nk_span lnk_checkspan(lua_State *L, int arg, size_t len);

/*
** Check that every key of the options table at arg is one of names (NULL
** terminated); raises "bad argument #arg to 'fn' (unknown option 'x'; did you
** mean 'y'?)" otherwise. A nil/none arg is accepted.
*/
void lnk_checkoptions(lua_State *L, int arg, const char *const names[]);
/* The closest name within the edit-distance limit, or NULL. */
const char *lnk_suggest(const char *word, const char *const names[]);

/* Option getters for an options table at arg (nil/none gives the default). */
int lnk_optbool(lua_State *L, int arg, const char *key, int def);
lua_Integer lnk_optint(lua_State *L, int arg, const char *key, lua_Integer def);
const char *lnk_optstr(lua_State *L, int arg, const char *key, const char *def);

/* Push nil, message (and offset + 1 unless offset is (size_t)-1): the data-error convention. */
int lnk_pushfail(lua_State *L, const char *msg, size_t offset);

/* An nk_alloc that allocates through the Lua state's allocator (so budgets apply). */
void lnk_alloc(lua_State *L, nk_alloc *a);

/*
** Registration hooks: each adds its functions to the module table on the
** top of the stack (and creates its metatables). One file per job.
*/
void lnk_open_text(lua_State *L);      /* lnk_text.c: utf8 helpers, code point offsets */
void lnk_open_normalize(lua_State *L); /* lnk_normalize.c: normalize, normview, naskh.Norm */
void lnk_open_split(lua_State *L);     /* lnk_split.c: sentences, paragraphs, tokens, stem */
void lnk_open_gazetteer(lua_State *L); /* lnk_gazetteer.c: gazetteer, naskh.Gazetteer */
void lnk_open_yaml(lua_State *L);      /* lnk_yaml.c: yaml_load (tables + positions) */
void lnk_open_json(lua_State *L);      /* lnk_json.c: json_encode, spans as code points */
void lnk_open_sim(lua_State *L);       /* lnk_sim.c: vocab, naskh.Vocab, naskh.SimSet (summarize) */
void lnk_open_fs(lua_State *L);        /* lnk_fs.c: listdir, filetype */
void lnk_open_sandbox(lua_State *L);   /* lnk_sandbox.c: limits for users' scripts */
void lnk_open_hijri(lua_State *L);     /* lnk_hijri.c: hijri_to_gregorian, gregorian_to_hijri */
void lnk_open_proc(lua_State *L);      /* lnk_proc.c: workers, frames, ncpu (--jobs) */
void lnk_open_tagger(lua_State *L);    /* lnk_tagger.c: tagger, tagger_trainer (entities) */
void lnk_open_pattern(lua_State *L);   /* lnk_pattern.c: patterns, naskh.Patterns (dates) */
void lnk_open_entities(lua_State *L);  /* lnk_entities.c: entwords, entlists (the entity rules) */

#endif
