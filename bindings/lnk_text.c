/*
** lnk_text.c
** UTF-8 helpers for Lua: validation, replacement of invalid bytes and the
** conversion of byte positions to code point offsets (for JSON output).
*/
#include <stdlib.h>
#include <string.h>

#include "lnk_aux.h"
#include "nk_normalize.h"
#include "nk_utf8.h"
#include "nk_words.h"

/* naskh.utf8_check(s) -> true | nil, message, byte_position */
static int l_utf8_check(lua_State *L)
{
    size_t len, bad = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    if (nk_utf8_validate(s, len, &bad) == NK_OK) {
        lua_pushboolean(L, 1);
        return 1;
    }
    return lnk_pushfail(L, "invalid UTF-8", bad);
}

/* naskh.utf8_clean(s) -> s' (each invalid sequence replaced by U+FFFD), count */
static int l_utf8_clean(lua_State *L)
{
    size_t len, i = 0, nbad = 0, bad;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    if (nk_utf8_validate(s, len, &bad) == NK_OK) {
        lua_settop(L, 1);
        lua_pushinteger(L, 0);
        return 2;
    }
    luaL_buffinit(L, &b);
    while (i < len) {
        uint32_t cp;
        int ok;
        size_t n = nk_utf8_decode(s, len, i, &cp, &ok);
        if (ok) {
            luaL_addlstring(&b, s + i, n);
        } else {
            luaL_addstring(&b, "\xEF\xBF\xBD");
            nbad++;
        }
        i += n;
    }
    luaL_pushresult(&b);
    lua_pushinteger(L, (lua_Integer)nbad);
    return 2;
}

/*
** naskh.last_of(s, bytes) -> the 1-based position of the last byte of s that
** is one of bytes, or nil (cli.chunks: where a piece may end).
*/
static int l_last_of(lua_State *L)
{
    size_t len, nset;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *set = luaL_checklstring(L, 2, &nset);
    while (len > 0) {
        if (memchr(set, s[len - 1], nset) != NULL) {
            lua_pushinteger(L, (lua_Integer)len);
            return 1;
        }
        len--;
    }
    lua_pushnil(L);
    return 1;
}

/* naskh.cplen(s) -> number of code points (an invalid sequence counts as one) */
static int l_cplen(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_pushinteger(L, (lua_Integer)nk_utf8_count(s, len));
    return 1;
}

typedef struct {
    size_t byte;
    size_t idx;
} bpos;

static int cmp_bpos(const void *a, const void *b)
{
    const bpos *x = a, *y = b;
    if (x->byte != y->byte)
        return x->byte < y->byte ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

/*
** naskh.cp_offsets(s, {b1, b2, ...}) -> {c1, c2, ...}
** Converts 0-based byte offsets into 0-based code point offsets in one pass.
*/
static int l_cp_offsets(lua_State *L)
{
    size_t len, n, k, i = 0, cps = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    bpos *v;
    luaL_checktype(L, 2, LUA_TTABLE);
    n = (size_t)luaL_len(L, 2);
    v = lua_newuserdatauv(L, (n ? n : 1) * sizeof *v, 0);
    for (k = 0; k < n; k++) {
        lua_Integer b;
        lua_geti(L, 2, (lua_Integer)k + 1);
        b = luaL_checkinteger(L, -1);
        lua_pop(L, 1);
        luaL_argcheck(L, b >= 0 && (lua_Unsigned)b <= len, 2, "byte offset out of range");
        v[k].byte = (size_t)b;
        v[k].idx = k;
    }
    qsort(v, n, sizeof *v, cmp_bpos);
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        while (i < v[k].byte) {
            uint32_t cp;
            int ok;
            i += ((unsigned char)s[i] < 0x80) ? 1 : nk_utf8_decode(s, len, i, &cp, &ok);
            cps++;
        }
        lua_pushinteger(L, (lua_Integer)cps);
        lua_seti(L, -2, (lua_Integer)v[k].idx + 1);
    }
    return 1;
}

/* Pushes fold(w[0..n)) (key or raw form: never longer than w). When the fold
** changes nothing and same > 0, pushes the string at stack index same (w
** itself, already a Lua string: no second copy to hash). */
static void push_fold(lua_State *L, const char *w, size_t n,
                      size_t (*fold)(const char *, size_t, char *), int same)
{
    char small[256];
    if (n <= sizeof small) {
        size_t m = fold(w, n, small);
        if (same > 0 && m == n && memcmp(small, w, n) == 0)
            lua_pushvalue(L, same);
        else
            lua_pushlstring(L, small, m);
    } else {
        luaL_Buffer b;
        char *p = luaL_buffinitsize(L, &b, n);
        luaL_pushresultsize(&b, fold(w, n, p));
    }
}

/* naskh.words(text) -> { {s=, e=, text=, k=, r=, cls=, nl=}, ... }: the word
** scan of the entity rules (nk_words.h). s, e: 1-based inclusive bytes; cls
** "ar" | "lat" | "num" | "punct"; k the key, r the raw letters (words only;
** a punct token's k is its text); nl: a line break comes before. */
static int l_words(lua_State *L)
{
    /* by nk_tokclass: NONE ARABIC LATIN NUMBER PUNCT */
    static const char *const cls[] = {"punct", "ar", "lat", "num", "punct"};
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_wscan sc;
    nk_word w;
    lua_Integer k = 0;
    nk_words_init(&sc, s, len);
    lua_newtable(L);
    while (nk_words_next(&sc, &w)) {
        const char *t = s + w.start;
        size_t n = w.end - w.start;
        lua_createtable(L, 0, 8);
        lua_pushinteger(L, (lua_Integer)w.start + 1);
        lua_setfield(L, -2, "s");
        lua_pushinteger(L, (lua_Integer)w.end);
        lua_setfield(L, -2, "e");
        lua_pushlstring(L, t, n);
        if (w.cls == NK_TOK_PUNCT) {
            lua_pushvalue(L, -1);
            lua_setfield(L, -3, "k");
        } else {
            int ti = lua_gettop(L);
            push_fold(L, t, n, nk_words_key, ti);
            lua_setfield(L, -3, "k");
            push_fold(L, t, n, nk_words_raw, ti);
            lua_setfield(L, -3, "r");
        }
        lua_setfield(L, -2, "text");
        lua_pushstring(L, cls[w.cls]);
        lua_setfield(L, -2, "cls");
        lua_pushboolean(L, w.nl);
        lua_setfield(L, -2, "nl");
        lua_seti(L, -2, ++k);
    }
    return 1;
}

/* naskh.fold(s) -> the matching key of the extraction stages (nk_words_fold) */
static int l_fold(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    push_fold(L, s, n, nk_words_fold, 1);
    return 1;
}

/* naskh.key(s [, profile]) -> the key of s under a key profile of nk_normalize.h
** ("entity" by default: the entity rules' word key, nk_words_key) */
static int l_key(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    const char *name = luaL_optstring(L, 2, "entity");
    const nk_key_profile *k = nk_key_profile_named(name);
    char small[256];
    if (k == NULL)
        return luaL_argerror(L, 2, lua_pushfstring(L, "no key profile '%s'", name));
    if (n <= sizeof small) {
        size_t m = nk_key(k, s, n, small);
        if (m == n && memcmp(small, s, n) == 0)
            lua_pushvalue(L, 1);
        else
            lua_pushlstring(L, small, m);
    } else {
        luaL_Buffer b;
        char *p = luaL_buffinitsize(L, &b, n);
        luaL_pushresultsize(&b, nk_key(k, s, n, p));
    }
    return 1;
}

/* naskh.masked_words(text, masked) -> { {s=, e=, f=}, ... }: the words of
** text found in its masked copy (same length; see naskh.text.artext.mask), s, e
** 1-based inclusive, f = fold(word). */
static int l_masked_words(lua_State *L)
{
    size_t len, mlen, pos = 0, st, en;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *m = luaL_checklstring(L, 2, &mlen);
    lua_Integer k = 0;
    luaL_argcheck(L, mlen == len, 2, "the masked text must have the length of the text");
    lua_newtable(L);
    while (nk_words_next_masked(m, mlen, &pos, &st, &en)) {
        lua_createtable(L, 0, 3);
        lua_pushinteger(L, (lua_Integer)st + 1);
        lua_setfield(L, -2, "s");
        lua_pushinteger(L, (lua_Integer)en);
        lua_setfield(L, -2, "e");
        push_fold(L, s + st, en - st, nk_words_fold, 0);
        lua_setfield(L, -2, "f");
        lua_seti(L, -2, ++k);
    }
    return 1;
}

/* naskh.mask(s) -> s with punctuation outside ASCII turned into spaces of the
** same byte length (nk_words_mask; naskh.text.artext.mask) */
static int l_mask(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, n);
    memcpy(p, s, n);
    nk_words_mask(p, n);
    luaL_pushresultsize(&b, n);
    return 1;
}

static const luaL_Reg funcs[] = {{"utf8_check", l_utf8_check},
                                 {"utf8_clean", l_utf8_clean},
                                 {"cplen", l_cplen},
                                 {"last_of", l_last_of},
                                 {"cp_offsets", l_cp_offsets},
                                 {"words", l_words},
                                 {"fold", l_fold},
                                 {"key", l_key},
                                 {"masked_words", l_masked_words},
                                 {"mask", l_mask},
                                 {NULL, NULL}};

void lnk_open_text(lua_State *L)
{
    luaL_setfuncs(L, funcs, 0);
}
