/*
** lnk_aux.c
** Helpers shared by the binding files: spans, checked options with
** "did you mean", data-error returns and the Lua-backed allocator.
*/
#include "lnk_aux.h"

#include <string.h>

void lnk_pushspan(lua_State *L, nk_span sp)
{
    lua_createtable(L, 0, 2);
    lnk_setspan(L, -1, sp);
}

void lnk_setspan(lua_State *L, int idx, nk_span sp)
{
    idx = lua_absindex(L, idx);
    lua_pushinteger(L, (lua_Integer)sp.start + 1);
    lua_setfield(L, idx, "s");
    lua_pushinteger(L, (lua_Integer)sp.end);
    lua_setfield(L, idx, "e");
}

nk_span lnk_checkspan(lua_State *L, int arg, size_t len)
{
    lua_Integer s = luaL_checkinteger(L, arg);
    lua_Integer e = luaL_checkinteger(L, arg + 1);
    nk_span sp;
    luaL_argcheck(L, s >= 1 && (lua_Unsigned)s <= (lua_Unsigned)len + 1, arg, "start out of range");
    luaL_argcheck(L, e >= s - 1 && (lua_Unsigned)e <= (lua_Unsigned)len, arg + 1,
                  "end out of range");
    sp.start = (size_t)(s - 1);
    sp.end = (size_t)e;
    return sp;
}

/* Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps). */
static size_t osa_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t d[3][64];
    size_t *prev2 = d[0], *prev = d[1], *cur = d[2];
    if (la >= 63 || lb >= 63)
        return (size_t)-1;
    for (j = 0; j <= lb; j++)
        prev[j] = j;
    for (i = 1; i <= la; i++) {
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v)
                v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
        }
        {
            size_t *t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
    }
    return prev[lb];
}

const char *lnk_suggest(const char *word, const char *const names[])
{
    const char *best = NULL;
    size_t bestd = (size_t)-1, limit = strlen(word) / 3;
    int i;
    if (limit < 2)
        limit = 2;
    for (i = 0; names[i] != NULL; i++) {
        size_t dd = osa_distance(word, names[i]);
        if (dd <= limit && dd < bestd) {
            bestd = dd;
            best = names[i];
        }
    }
    return best;
}

void lnk_checkoptions(lua_State *L, int arg, const char *const names[])
{
    if (lua_isnoneornil(L, arg))
        return;
    luaL_checktype(L, arg, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, arg) != 0) {
        const char *key;
        int i, found = 0;
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            luaL_argerror(L, arg, "option names must be strings");
            return;
        }
        key = lua_tostring(L, -1);
        for (i = 0; names[i] != NULL; i++)
            if (strcmp(key, names[i]) == 0)
                found = 1;
        if (!found) {
            const char *sug = lnk_suggest(key, names);
            if (sug != NULL)
                luaL_argerror(
                    L, arg,
                    lua_pushfstring(L, "unknown option '%s'; did you mean '%s'?", key, sug));
            else
                luaL_argerror(L, arg, lua_pushfstring(L, "unknown option '%s'", key));
        }
    }
}

int lnk_optbool(lua_State *L, int arg, const char *key, int def)
{
    int v = def;
    if (lua_isnoneornil(L, arg))
        return def;
    if (lua_getfield(L, arg, key) != LUA_TNIL) {
        if (!lua_isboolean(L, -1))
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be a boolean", key));
        v = lua_toboolean(L, -1);
    }
    lua_pop(L, 1);
    return v;
}

lua_Integer lnk_optint(lua_State *L, int arg, const char *key, lua_Integer def)
{
    lua_Integer v = def;
    if (lua_isnoneornil(L, arg))
        return def;
    if (lua_getfield(L, arg, key) != LUA_TNIL) {
        int isnum;
        v = lua_tointegerx(L, -1, &isnum);
        if (!isnum)
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be an integer", key));
    }
    lua_pop(L, 1);
    return v;
}

const char *lnk_optstr(lua_State *L, int arg, const char *key, const char *def)
{
    const char *v = def;
    if (lua_isnoneornil(L, arg))
        return def;
    if (lua_getfield(L, arg, key) != LUA_TNIL) {
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be a string", key));
        v = lua_tostring(L, -1); /* kept alive by the options table */
    }
    lua_pop(L, 1);
    return v;
}

int lnk_pushfail(lua_State *L, const char *msg, size_t offset)
{
    luaL_pushfail(L);
    lua_pushstring(L, msg);
    if (offset == (size_t)-1)
        return 2;
    lua_pushinteger(L, (lua_Integer)offset + 1);
    return 3;
}

void lnk_alloc(lua_State *L, nk_alloc *a)
{
    a->fn = lua_getallocf(L, &a->ud);
}
