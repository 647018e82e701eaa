/*
** lnk_normalize.c
** Lua binding for the normalizer (core/nk_normalize.h):
**   naskh.normalize(s [, profile | opts])  -> string | nil, msg, offset
**   naskh.normview(s [, profile | opts])   -> Norm   | nil, msg, offset
**   naskh.normalizer([profile | opts])     -> Normalizer (streaming)
**   naskh.norm_profiles()                  -> {"search", "display", ...}
**   naskh.norm_switches()                  -> {{name=, values={...}|nil, doc=}, ...}
** profile: a profile name; opts: {profile = "search", <switch> = value, ...}
** where a boolean switch takes true/false and an enumerated one a string.
** A Norm (metatable "naskh.Norm") holds the normalized text and the offset
** map; the original string stays alive in user value 1, the normalized one
** in user value 2:
**   n:text() -> string      n:len() -> integer      n:source() -> string
**   n:orig(s, e) -> s, e    (1-based inclusive positions in the normalized
**                            text -> the original span, same convention)
** naskh.write_normmap(fh, norm, nbase, obase) prints the offset map of a
** Norm per whitespace-separated word, as `naskh normalize --map` does:
** nstart<TAB>nend<TAB>start<TAB>end<TAB>normalized<TAB>original (code points
** plus nbase / obase; tabs and line ends of the original as spaces) and
** returns the number of code points of the normalized text.
** A Normalizer (metatable "naskh.Normalizer") streams: z:feed(chunk) -> the
** normalized text ready so far (chunks may be cut anywhere), z:finish() -> the
** rest (the normalizer is then ready for a new stream); invalid UTF-8 under
** invalid = "error" gives nil, msg, offset (counted from the stream's start);
** z:pipe(fin, fout) normalizes a whole file into another in C.
*/
#include <errno.h>
#include <string.h>

#include "lnk_aux.h"
#include "lnk_writer.h"
#include "nk_normalize.h"
#include "nk_utf8.h"

#define NORM_MT "naskh.Norm"
#define NZR_MT "naskh.Normalizer"

typedef struct {
    nk_offmap map;
    nk_alloc alloc; /* the map's allocator: Lua's, so budgets apply */
    size_t olen;
    int live;
} norm_box;

/* The names an options table may hold: "profile" and every switch. */
static void push_names(lua_State *L, const char *names[], size_t max)
{
    size_t n, k;
    const nk_norm_switch *sw = nk_norm_switches(&n);
    names[0] = "profile";
    for (k = 0; k < n && k + 2 < max; k++)
        names[k + 1] = sw[k].name;
    names[k + 1] = NULL;
    (void)L;
}

static void check_profile_name(lua_State *L, int arg, const char *name, nk_norm_profile *p)
{
    if (nk_norm_profile_named(p, name) != NK_OK) {
        const char *const *names = nk_norm_profile_names();
        const char *sug = lnk_suggest(name, names);
        if (sug != NULL)
            luaL_argerror(
                L, arg, lua_pushfstring(L, "unknown profile '%s'; did you mean '%s'?", name, sug));
        luaL_argerror(L, arg,
                      lua_pushfstring(L,
                                      "unknown profile '%s' (expected search, display, camel "
                                      "or none)",
                                      name));
    }
}

/* Read the profile argument at arg (nil, a name or an options table) into *p. */
static void check_profile(lua_State *L, int arg, nk_norm_profile *p)
{
    const char *names[40];
    size_t n, k;
    const nk_norm_switch *sw;
    if (lua_isnoneornil(L, arg)) {
        nk_norm_profile_named(p, "search");
        return;
    }
    if (lua_type(L, arg) == LUA_TSTRING) {
        check_profile_name(L, arg, lua_tostring(L, arg), p);
        return;
    }
    if (!lua_istable(L, arg))
        luaL_typeerror(L, arg, "profile name or options table");
    push_names(L, names, sizeof names / sizeof names[0]);
    lnk_checkoptions(L, arg, names);
    check_profile_name(L, arg, lnk_optstr(L, arg, "profile", "search"), p);
    sw = nk_norm_switches(&n);
    for (k = 0; k < n; k++) {
        int t = lua_getfield(L, arg, sw[k].name);
        if (t != LUA_TNIL) {
            if (sw[k].values == NULL) {
                if (t != LUA_TBOOLEAN)
                    luaL_argerror(L, arg,
                                  lua_pushfstring(L, "option '%s' must be a boolean", sw[k].name));
                nk_norm_profile_set(p, sw[k].name, lua_toboolean(L, -1) ? "true" : "false", NULL);
            } else {
                const char *v;
                if (t != LUA_TSTRING)
                    luaL_argerror(L, arg,
                                  lua_pushfstring(L, "option '%s' must be a string", sw[k].name));
                v = lua_tostring(L, -1);
                if (nk_norm_profile_set(p, sw[k].name, v, NULL) != NK_OK) {
                    const char *sug = lnk_suggest(v, sw[k].values);
                    luaL_Buffer b;
                    int j;
                    luaL_buffinit(L, &b);
                    lua_pushfstring(L, "option '%s' has no value '%s'", sw[k].name, v);
                    luaL_addvalue(&b);
                    if (sug != NULL) {
                        lua_pushfstring(L, "; did you mean '%s'?", sug);
                        luaL_addvalue(&b);
                    } else {
                        luaL_addstring(&b, " (expected one of:");
                        for (j = 0; sw[k].values[j] != NULL; j++) {
                            luaL_addchar(&b, ' ');
                            luaL_addstring(&b, sw[k].values[j]);
                        }
                        luaL_addchar(&b, ')');
                    }
                    luaL_pushresult(&b);
                    luaL_argerror(L, arg, lua_tostring(L, -1));
                }
            }
        }
        lua_pop(L, 1);
    }
}

/* The scratch of one call: the output buffer and the normalizer, in a
** userdata so they are freed even when Lua raises an error. */
typedef struct {
    nk_buf buf;
    nk_alloc alloc;
    nk_normalizer *n;
} work;

static int work_gc(lua_State *L)
{
    work *w = lua_touserdata(L, 1);
    nk_buf_free(&w->buf);
    nk_normalizer_free(w->n);
    w->n = NULL;
    return 0;
}

/* A userdata holding the scratch output and the normalizer, freed even if Lua errors. */
static work *push_work(lua_State *L, const nk_norm_profile *p)
{
    work *w = lua_newuserdatauv(L, sizeof *w, 0);
    nk_error err;
    memset(w, 0, sizeof *w);
    lnk_alloc(L, &w->alloc);
    nk_buf_init(&w->buf, &w->alloc);
    if (luaL_newmetatable(L, "naskh.NormWork")) {
        lua_pushcfunction(L, work_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, work_gc);
        lua_setfield(L, -2, "__close");
    }
    lua_setmetatable(L, -2);
    w->n = nk_normalizer_new(p, &w->alloc, &err);
    if (w->n == NULL)
        luaL_error(L, "%s", err.msg);
    return w;
}

/* nil, "invalid UTF-8 at byte N", N (1-based, as Lua positions) */
static int utf8_fail(lua_State *L, size_t offset)
{
    const char *msg = lua_pushfstring(L, "invalid UTF-8 at byte %I", (lua_Integer)offset + 1);
    return lnk_pushfail(L, msg, offset);
}

/* naskh.normalize(s [, profile|opts]) -> string | nil, msg, offset */
static int l_normalize(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_norm_profile p;
    nk_error err;
    nk_status st;
    work *w;
    check_profile(L, 2, &p);
    w = push_work(L, &p);
    st = nk_normalizer_run(w->n, s, len, &w->buf, NULL, &err);
    if (st == NK_EUTF8)
        return utf8_fail(L, err.offset);
    if (st != NK_OK)
        return luaL_error(L, "normalize: %s", err.msg);
    lua_pushlstring(L, w->buf.len ? w->buf.data : "", w->buf.len);
    return 1; /* the work box is freed by its __gc */
}

static int norm_gc(lua_State *L)
{
    norm_box *b = luaL_checkudata(L, 1, NORM_MT);
    if (b->live) {
        nk_offmap_free(&b->map);
        b->live = 0;
    }
    return 0;
}

static norm_box *check_norm(lua_State *L)
{
    norm_box *b = luaL_checkudata(L, 1, NORM_MT);
    luaL_argcheck(L, b->live, 1, "normalized view is closed");
    return b;
}

/* naskh.normview(s [, profile|opts]) -> Norm | nil, msg, offset */
static int l_normview(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_norm_profile p;
    nk_error err;
    nk_status st;
    work *w;
    norm_box *b;
    check_profile(L, 2, &p);
    w = push_work(L, &p);
    b = lua_newuserdatauv(L, sizeof *b, 2);
    memset(b, 0, sizeof *b);
    luaL_setmetatable(L, NORM_MT);
    lnk_alloc(L, &b->alloc);
    nk_offmap_init(&b->map, &b->alloc);
    b->live = 1;
    st = nk_normalizer_run(w->n, s, len, &w->buf, &b->map, &err);
    if (st == NK_EUTF8)
        return utf8_fail(L, err.offset);
    if (st != NK_OK)
        return luaL_error(L, "normview: %s", err.msg);
    b->olen = w->buf.len;
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    lua_pushlstring(L, w->buf.len ? w->buf.data : "", w->buf.len);
    lua_setiuservalue(L, -2, 2);
    /* the scratch output and the normalizer go now, not when the collector gets to the box: a
       loop of normviews (naskh normalize --map) would otherwise hold many blocks' worth */
    lua_pushcfunction(L, work_gc);
    lua_pushvalue(L, -3);
    lua_call(L, 1, 0);
    return 1;
}

/* n:text() -> the normalized string */
static int norm_text(lua_State *L)
{
    check_norm(L);
    lua_getiuservalue(L, 1, 2);
    return 1;
}

/* n:source() -> the original string */
static int norm_source(lua_State *L)
{
    check_norm(L);
    lua_getiuservalue(L, 1, 1);
    return 1;
}

/* n:len() -> length of the normalized text in bytes */
static int norm_len(lua_State *L)
{
    norm_box *b = check_norm(L);
    lua_pushinteger(L, (lua_Integer)b->olen);
    return 1;
}

/* n:orig(s, e) -> s, e: a span of the normalized text (1-based inclusive) -> the original span */
static int norm_orig(lua_State *L)
{
    norm_box *b = check_norm(L);
    nk_span sp = lnk_checkspan(L, 2, b->olen);
    nk_span o = nk_offmap_orig(&b->map, sp.start, sp.end);
    lua_pushinteger(L, (lua_Integer)o.start + 1);
    lua_pushinteger(L, (lua_Integer)o.end);
    return 2;
}

/* Lua's %s: the C locale's isspace. */
static int is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int l_write_normmap(lua_State *L)
{
    norm_box *b = luaL_checkudata(L, 2, NORM_MT);
    size_t olen, nlen, i = 0;
    const char *orig, *norm;
    size_t nbase = (size_t)luaL_checkinteger(L, 3), obase = (size_t)luaL_checkinteger(L, 4);
    lnk_cpconv cn, co;
    lnk_writer *w;
    luaL_argcheck(L, b->live, 2, "normalized view is closed");
    lua_getiuservalue(L, 2, 1);
    orig = lua_tolstring(L, -1, &olen);
    lua_getiuservalue(L, 2, 2);
    norm = lua_tolstring(L, -1, &nlen);
    w = lua_newuserdatauv(L, sizeof *w, 0);
    lnk_writer_init(w, L, 1);
    lnk_cpconv_init(&cn, norm, nlen);
    lnk_cpconv_init(&co, orig, olen);
    while (i < nlen) {
        size_t s, e, k, run;
        nk_span o;
        while (i < nlen && is_space(norm[i]))
            i++;
        if (i == nlen)
            break;
        s = i;
        while (i < nlen && !is_space(norm[i]))
            i++;
        e = i;
        o = nk_offmap_orig(&b->map, s, e);
        lnk_writer_uint(w, nbase + lnk_cpconv_at(&cn, s));
        lnk_writer_addc(w, '\t');
        lnk_writer_uint(w, nbase + lnk_cpconv_at(&cn, e));
        lnk_writer_addc(w, '\t');
        lnk_writer_uint(w, obase + lnk_cpconv_at(&co, o.start));
        lnk_writer_addc(w, '\t');
        lnk_writer_uint(w, obase + lnk_cpconv_at(&co, o.end));
        lnk_writer_addc(w, '\t');
        lnk_writer_add(w, norm + s, e - s);
        lnk_writer_addc(w, '\t');
        if (o.end > olen)
            o.end = olen;
        for (k = run = o.start; k < o.end; k++) {
            if (orig[k] == '\t' || orig[k] == '\n' || orig[k] == '\r') {
                lnk_writer_add(w, orig + run, k - run);
                lnk_writer_addc(w, ' ');
                run = k + 1;
            }
        }
        if (o.end > run)
            lnk_writer_add(w, orig + run, o.end - run);
        lnk_writer_addc(w, '\n');
    }
    lnk_writer_flush(w);
    lua_pushinteger(L, (lua_Integer)nk_utf8_count(norm, nlen));
    return 1;
}

static int norm_tostring(lua_State *L)
{
    norm_box *b = luaL_checkudata(L, 1, NORM_MT);
    if (b->live)
        lua_pushfstring(L, "naskh.Norm (%I bytes)", (lua_Integer)b->olen);
    else
        lua_pushliteral(L, "naskh.Norm (closed)");
    return 1;
}

typedef struct {
    nk_normalizer *n;
    nk_buf out;
    nk_alloc alloc;
} nzr_box;

static int nzr_gc(lua_State *L)
{
    nzr_box *b = luaL_checkudata(L, 1, NZR_MT);
    nk_normalizer_free(b->n);
    b->n = NULL;
    nk_buf_free(&b->out);
    return 0;
}

static nzr_box *check_nzr(lua_State *L)
{
    nzr_box *b = luaL_checkudata(L, 1, NZR_MT);
    luaL_argcheck(L, b->n != NULL, 1, "normalizer is closed");
    return b;
}

/* naskh.normalizer([profile|opts]) -> Normalizer */
static int l_normalizer(lua_State *L)
{
    nk_norm_profile p;
    nk_error err;
    nzr_box *b;
    check_profile(L, 1, &p);
    b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    luaL_setmetatable(L, NZR_MT);
    lnk_alloc(L, &b->alloc);
    nk_buf_init(&b->out, &b->alloc);
    b->n = nk_normalizer_new(&p, &b->alloc, &err);
    if (b->n == NULL)
        return luaL_error(L, "normalizer: %s", err.msg);
    return 1;
}

/* Push the output so far (and empty the buffer), or nil, msg, offset. */
static int nzr_result(lua_State *L, nzr_box *b, nk_status st, const nk_error *err)
{
    if (st == NK_EUTF8) {
        nk_normalizer_reset(b->n);
        b->out.len = 0;
        return utf8_fail(L, err->offset);
    }
    if (st != NK_OK)
        return luaL_error(L, "normalizer: %s", err->msg);
    lua_pushlstring(L, b->out.len ? b->out.data : "", b->out.len);
    b->out.len = 0;
    return 1;
}

/* z:feed(chunk) -> string: the normalized text ready so far */
static int nzr_feed(lua_State *L)
{
    nzr_box *b = check_nzr(L);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    nk_error err;
    nk_status st = nk_normalizer_feed(b->n, s, len, &b->out, NULL, &err);
    return nzr_result(L, b, st, &err);
}

/* z:finish() -> string: the rest; the normalizer can start a new stream */
static int nzr_finish(lua_State *L)
{
    nzr_box *b = check_nzr(L);
    nk_error err;
    nk_status st = nk_normalizer_finish(b->n, &b->out, NULL, &err);
    return nzr_result(L, b, st, &err);
}

/*
** z:pipe(fin, fout) -> true | nil, msg, offset: the whole of the file fin
** normalized into the file fout in blocks of 64 KB, with no Lua string on the
** way (naskh normalize); the normalizer can then start a new stream.
*/
static int nzr_pipe(lua_State *L)
{
    nzr_box *b = check_nzr(L);
    luaL_Stream *in = luaL_checkudata(L, 2, LUA_FILEHANDLE);
    lnk_writer *w;
    char *buf;
    const size_t cap = (size_t)1 << 16;
    luaL_argcheck(L, in->closef != NULL && in->f != NULL, 2, "attempt to use a closed file");
    w = lua_newuserdatauv(L, sizeof *w, 0);
    lnk_writer_init(w, L, 3);
    buf = lua_newuserdatauv(L, cap, 0);
    for (;;) {
        size_t n = fread(buf, 1, cap, in->f);
        nk_error err;
        nk_status st;
        if (n == 0 && ferror(in->f))
            return luaL_error(L, "cannot read: %s", strerror(errno ? errno : EIO));
        if (n > 0)
            st = nk_normalizer_feed(b->n, buf, n, &b->out, NULL, &err);
        else
            st = nk_normalizer_finish(b->n, &b->out, NULL, &err);
        if (st != NK_OK)
            return nzr_result(L, b, st, &err);
        lnk_writer_add(w, b->out.data, b->out.len);
        b->out.len = 0;
        if (n == 0)
            break;
    }
    lnk_writer_flush(w);
    lua_pushboolean(L, 1);
    return 1;
}

/* naskh.norm_profiles() -> list of profile names */
static int l_profiles(lua_State *L)
{
    const char *const *names = nk_norm_profile_names();
    int k;
    lua_newtable(L);
    for (k = 0; names[k] != NULL; k++) {
        lua_pushstring(L, names[k]);
        lua_rawseti(L, -2, k + 1);
    }
    return 1;
}

/* naskh.norm_switches([profile]) -> {{name=, values=, doc=, value=}, ...} in documentation order;
** value is the switch's setting in the profile (default "search"): a boolean or a string. */
static int l_switches(lua_State *L)
{
    size_t n, k;
    const nk_norm_switch *sw = nk_norm_switches(&n);
    nk_norm_profile p;
    check_profile(L, 1, &p);
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        const char *v = nk_norm_profile_get(&p, sw[k].name);
        lua_createtable(L, 0, 4);
        lua_pushstring(L, sw[k].name);
        lua_setfield(L, -2, "name");
        lua_pushstring(L, sw[k].doc);
        lua_setfield(L, -2, "doc");
        if (sw[k].values != NULL) {
            int j;
            lua_newtable(L);
            for (j = 0; sw[k].values[j] != NULL; j++) {
                lua_pushstring(L, sw[k].values[j]);
                lua_rawseti(L, -2, j + 1);
            }
            lua_setfield(L, -2, "values");
            lua_pushstring(L, v);
        } else {
            lua_pushboolean(L, v != NULL && strcmp(v, "true") == 0);
        }
        lua_setfield(L, -2, "value");
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    return 1;
}

void lnk_open_normalize(lua_State *L)
{
    static const luaL_Reg funcs[] = {{"normalize", l_normalize},
                                     {"normview", l_normview},
                                     {"normalizer", l_normalizer},
                                     {"norm_profiles", l_profiles},
                                     {"norm_switches", l_switches},
                                     {"write_normmap", l_write_normmap},
                                     {NULL, NULL}};
    static const luaL_Reg methods[] = {{"text", norm_text}, {"source", norm_source},
                                       {"len", norm_len},   {"orig", norm_orig},
                                       {"close", norm_gc},  {NULL, NULL}};
    if (luaL_newmetatable(L, NORM_MT)) {
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, norm_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, norm_gc);
        lua_setfield(L, -2, "__close");
        lua_pushcfunction(L, norm_tostring);
        lua_setfield(L, -2, "__tostring");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, NZR_MT)) {
        static const luaL_Reg zm[] = {{"feed", nzr_feed},
                                      {"finish", nzr_finish},
                                      {"pipe", nzr_pipe},
                                      {"close", nzr_gc},
                                      {NULL, NULL}};
        luaL_newlib(L, zm);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, nzr_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, nzr_gc);
        lua_setfield(L, -2, "__close");
    }
    lua_pop(L, 1);
    luaL_setfuncs(L, funcs, 0);
}
