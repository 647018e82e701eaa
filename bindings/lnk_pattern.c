/*
** lnk_pattern.c
** naskh.patterns: the token-pattern engine (core/nk_pattern.h) for Lua.
**
**   set, err = naskh.patterns(source [, chunkname])
**       compile word lists and patterns; on an error in the source returns
**       nil, "CHUNKNAME:LINE:COL: message"
**   set:scan(text) -> { {pattern=NAME, i=, j=, s=, e=, caps={NAME={i=, j=, s=, e=, v=}}}, ... }
**       every pattern that matches at a token, by first token then in file
**       order; i, j are 1-based inclusive token indices into the words of
**       naskh.masked_words(text, naskh.mask(text)); s, e 1-based inclusive bytes;
**       v the value of the last list entry tested in the capture (or nil)
**   set:list(NAME) -> { key = value | true, ... } or nil; set:lists() -> { NAME, ... };
**   set:patterns() -> { NAME, ... }
*/
#include <string.h>

#include "lnk_aux.h"
#include "nk_pattern.h"

#define PATTERN_T "naskh.Patterns"
#define SCRATCH_T "naskh.PatternScan"

typedef struct {
    nk_pattern_set *set;
    nk_alloc a; /* the set keeps a pointer to it */
} lpat;

static lpat *checkpat(lua_State *L, int idx)
{
    lpat *p = luaL_checkudata(L, idx, PATTERN_T);
    if (p->set == NULL)
        luaL_error(L, "attempt to use a freed pattern set");
    return p;
}

static int l_patterns(lua_State *L)
{
    size_t n;
    const char *src = luaL_checklstring(L, 1, &n);
    const char *chunk = luaL_optstring(L, 2, "patterns");
    lpat *p = lua_newuserdatauv(L, sizeof *p, 0);
    nk_error err;
    nk_status st;
    p->set = NULL;
    lnk_alloc(L, &p->a);
    luaL_setmetatable(L, PATTERN_T);
    memset(&err, 0, sizeof err);
    st = nk_pattern_compile(src, n, &p->a, &p->set, &err);
    if (st == NK_ENOMEM)
        return luaL_error(L, "not enough memory");
    if (st != NK_OK) {
        luaL_pushfail(L);
        lua_pushfstring(L, "%s:%d:%d: %s", chunk, (int)err.line, (int)err.col, err.msg);
        return 2;
    }
    return 1;
}

static int p_gc(lua_State *L)
{
    lpat *p = luaL_checkudata(L, 1, PATTERN_T);
    nk_pattern_free(p->set);
    p->set = NULL;
    return 0;
}

static int p_tostring(lua_State *L)
{
    lpat *p = luaL_checkudata(L, 1, PATTERN_T);
    if (p->set == NULL)
        lua_pushliteral(L, PATTERN_T " (freed)");
    else
        lua_pushfstring(L, PATTERN_T " (%d patterns, %d lists)", (int)nk_pattern_count(p->set),
                        (int)nk_pattern_list_count(p->set));
    return 1;
}

/* The scan's result lives in a to-be-closed userdata, so an error while the
** Lua tables are built does not leak it. */
static int scratch_gc(lua_State *L)
{
    nk_pattern_result *r = luaL_checkudata(L, 1, SCRATCH_T);
    nk_pattern_result_free(r);
    return 0;
}

static void pushspan_tok(lua_State *L, const nk_pattern_result *r, uint32_t first, uint32_t end)
{
    lua_pushinteger(L, (lua_Integer)first + 1);
    lua_setfield(L, -2, "i");
    lua_pushinteger(L, (lua_Integer)end);
    lua_setfield(L, -2, "j");
    lua_pushinteger(L, (lua_Integer)r->tok[first].start + 1);
    lua_setfield(L, -2, "s");
    lua_pushinteger(L, (lua_Integer)r->tok[end - 1].end);
    lua_setfield(L, -2, "e");
}

static int p_scan(lua_State *L)
{
    lpat *p = checkpat(L, 1);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    nk_pattern_result *r = lua_newuserdatauv(L, sizeof *r, 0);
    nk_status st;
    int ridx = lua_gettop(L);
    nk_pattern_result_init(r, &p->a);
    luaL_setmetatable(L, SCRATCH_T);
    lua_toclose(L, ridx);
    st = nk_pattern_scan(p->set, s, n, r);
    if (st != NK_OK)
        return luaL_error(L, "pattern scan: %s", nk_strerror(st));
    lua_createtable(L, (int)(r->nm < 1000000 ? r->nm : 0), 0);
    for (size_t k = 0; k < r->nm; k++) {
        const nk_pattern_match *m = &r->m[k];
        lua_createtable(L, 0, 6);
        lua_pushstring(L, nk_pattern_name(p->set, m->pattern));
        lua_setfield(L, -2, "pattern");
        pushspan_tok(L, r, m->first, m->end);
        lua_createtable(L, 0, (int)m->ncap);
        for (uint32_t c = 0; c < m->ncap; c++) {
            const nk_pattern_cap *cp = &r->cap[m->cap0 + c];
            lua_createtable(L, 0, 5);
            pushspan_tok(L, r, cp->first, cp->end);
            if (cp->value != NULL) {
                lua_pushstring(L, cp->value);
                lua_setfield(L, -2, "v");
            }
            lua_setfield(L, -2, nk_pattern_capture_name(p->set, cp->name));
        }
        lua_setfield(L, -2, "caps");
        lua_seti(L, -2, (lua_Integer)k + 1);
    }
    lua_closeslot(L, ridx);
    return 1;
}

static int p_list(lua_State *L)
{
    lpat *p = checkpat(L, 1);
    const char *name = luaL_checkstring(L, 2);
    for (size_t i = 0; i < nk_pattern_list_count(p->set); i++) {
        const char *key, *val;
        if (strcmp(nk_pattern_list_name(p->set, i), name) != 0)
            continue;
        lua_newtable(L);
        for (size_t k = 0; nk_pattern_list_entry(p->set, i, k, &key, &val); k++) {
            if (*val)
                lua_pushstring(L, val);
            else
                lua_pushboolean(L, 1);
            lua_setfield(L, -2, key);
        }
        return 1;
    }
    luaL_pushfail(L);
    return 1;
}

static int p_lists(lua_State *L)
{
    lpat *p = checkpat(L, 1);
    lua_newtable(L);
    for (size_t i = 0; i < nk_pattern_list_count(p->set); i++) {
        lua_pushstring(L, nk_pattern_list_name(p->set, i));
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int p_patterns(lua_State *L)
{
    lpat *p = checkpat(L, 1);
    lua_newtable(L);
    for (size_t i = 0; i < nk_pattern_count(p->set); i++) {
        lua_pushstring(L, nk_pattern_name(p->set, i));
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static const luaL_Reg meth[] = {
    {"scan", p_scan}, {"list", p_list}, {"lists", p_lists}, {"patterns", p_patterns}, {NULL, NULL}};

static const luaL_Reg metameth[] = {
    {"__gc", p_gc}, {"__close", p_gc}, {"__tostring", p_tostring}, {"__index", NULL}, {NULL, NULL}};

void lnk_open_pattern(lua_State *L)
{
    luaL_newmetatable(L, PATTERN_T);
    luaL_setfuncs(L, metameth, 0);
    luaL_newlibtable(L, meth);
    luaL_setfuncs(L, meth, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newmetatable(L, SCRATCH_T);
    lua_pushcfunction(L, scratch_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, scratch_gc);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_patterns);
    lua_setfield(L, -2, "patterns");
}
