/*
** lnk_gazetteer.c
** Lua binding of the gazetteer (nk_gazetteer.h) and the matcher (nk_match.h):
** naskh.gazetteer, naskh.gazetteer_load and the naskh.Gazetteer userdata;
** naskh.write_matches prints matches as JSON Lines for `naskh match`.
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lnk_aux.h"
#include "lnk_writer.h"
#include "nk_match.h"

#define GAZ_T "naskh.Gazetteer"
#define BUILDER_T "naskh.GazetteerBuilder"

typedef struct {
    nk_alloc alloc;
    nk_gazetteer *g;
    nk_matcher *m;
    nk_hit *hits; /* scratch of :match, freed with the object */
    size_t nhits, chits;
    int oom;
    /* write_matches' JSON of each entry, made at its first match: ,"id":..[,"meta":..],"name":..,
       "start": at frag[off[e] - 1 ..) (alen[e] bytes), then ,"type":..}\n (tlen[e]); off 0: not yet
     */
    uint32_t *off, *alen, *tlen;
    char *frag;
    size_t noff, nfrag, cfrag;
} lgaz;

typedef struct {
    nk_alloc alloc;
    nk_gzbuilder *b;
} lbuilder;

static int builder_gc(lua_State *L)
{
    lbuilder *lb = luaL_checkudata(L, 1, BUILDER_T);
    nk_gzbuilder_free(lb->b);
    lb->b = NULL;
    return 0;
}

static int gaz_gc(lua_State *L)
{
    lgaz *z = luaL_checkudata(L, 1, GAZ_T);
    nk_matcher_free(z->m);
    nk_gazetteer_free(z->g);
    nk_free(&z->alloc, z->hits, z->chits * sizeof *z->hits);
    if (z->off != NULL) {
        nk_free(&z->alloc, z->off, z->noff * 3 * sizeof *z->off);
        nk_free(&z->alloc, z->frag, z->cfrag);
    }
    z->m = NULL;
    z->g = NULL;
    z->hits = NULL;
    z->chits = z->nhits = 0;
    z->off = z->alen = z->tlen = NULL;
    z->frag = NULL;
    z->noff = z->nfrag = z->cfrag = 0;
    return 0;
}

static lgaz *checkgaz(lua_State *L)
{
    lgaz *z = luaL_checkudata(L, 1, GAZ_T);
    luaL_argcheck(L, z->g != NULL, 1, "gazetteer is closed");
    return z;
}

/* Push a new empty Gazetteer userdata (resources attached later). */
static lgaz *newgaz(lua_State *L)
{
    lgaz *z = lua_newuserdatauv(L, sizeof *z, 0);
    memset(z, 0, sizeof *z);
    luaL_setmetatable(L, GAZ_T);
    lnk_alloc(L, &z->alloc);
    return z;
}

/* Attach g (owned from now on) and a matcher to z; raises on no memory. */
static void attach(lua_State *L, lgaz *z, nk_gazetteer *g)
{
    z->g = g;
    z->m = nk_matcher_new(g, &z->alloc);
    if (z->m == NULL)
        luaL_error(L, "gazetteer: out of memory");
}

/*
** The largest gazetteer file (a source or a compiled image) read, in MiB: NASKH_GAZETTEER_MAX_MB,
** else 1024. A bigger regular file is refused before it is read; a pipe is read up to the
** limit; a device (/dev/zero) is refused at once, so no file can make naskh grow without bound.
*/
static size_t max_file_bytes(void)
{
    const char *env = getenv("NASKH_GAZETTEER_MAX_MB");
    double mb = 1024;
    if (env != NULL && *env) {
        char *end;
        double v = strtod(env, &end);
        if (end != env && v > 0)
            mb = v;
    }
    return mb >= (double)(SIZE_MAX >> 21) ? SIZE_MAX / 2 : (size_t)(mb * 1048576.0);
}

static int file_fail(lua_State *L, FILE *f, const char *path, const char *why, size_t limit)
{
    if (f != NULL)
        fclose(f);
    lua_pushnil(L);
    if (limit)
        lua_pushfstring(L,
                        "%s: larger than the limit of %d MiB for a gazetteer file (raise it with "
                        "NASKH_GAZETTEER_MAX_MB=N)",
                        path, (int)(limit >> 20));
    else
        lua_pushfstring(L, "%s: %s", path, why);
    return 0;
}

/* Read a whole file into a Lua string pushed on the stack; on failure push nil, message. */
static int push_file(lua_State *L, const char *path)
{
    FILE *f = fopen(path, "rb");
    luaL_Buffer b;
    size_t n, total = 0, limit = max_file_bytes();
    struct stat st;
    if (f == NULL) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: cannot open: %s", path, strerror(errno));
        return 0;
    }
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return file_fail(L, f, path, "Is a directory", 0);
        if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
            return file_fail(L, f, path, "a device, not a gazetteer file", 0);
        if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > (uintmax_t)limit)
            return file_fail(L, f, path, NULL, limit);
    }
    luaL_buffinit(L, &b);
    do {
        char *p = luaL_prepbuffsize(&b, 1 << 16);
        n = fread(p, 1, 1 << 16, f);
        luaL_addsize(&b, n);
        total += n;
        if (total > limit)
            return file_fail(L, f, path, NULL, limit);
    } while (n == 1 << 16);
    if (ferror(f)) {
        fclose(f);
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno ? errno : EIO));
        return 0;
    }
    fclose(f);
    luaL_pushresult(&b);
    return 1;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* A metadata value as a string (lists joined with ", "), pushed; 0 if not representable. */
static int push_metavalue(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TSTRING:
    case LUA_TNUMBER:
        lua_pushstring(L, lua_tostring(L, idx));
        return 1;
    case LUA_TBOOLEAN:
        lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
        return 1;
    case LUA_TTABLE: {
        luaL_Buffer b;
        lua_Integer i, n = (lua_Integer)lua_rawlen(L, idx);
        luaL_buffinit(L, &b);
        for (i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER) {
                if (i > 1)
                    luaL_addstring(&b, ", ");
                luaL_addvalue(&b);
            } else {
                lua_pop(L, 1);
            }
        }
        luaL_pushresult(&b);
        return 1;
    }
    default:
        return 0;
    }
}

static int is_reserved(const char *k)
{
    return strcmp(k, "id") == 0 || strcmp(k, "type") == 0 || strcmp(k, "name") == 0 ||
           strcmp(k, "aliases") == 0;
}

/* Add one form; raises "where: entry N: message" on failure. */
static void add_form(lua_State *L, lbuilder *lb, const char *where, lua_Integer n, const char *id,
                     const char *type, const char *s, size_t len, uint32_t *e)
{
    nk_error err;
    if (nk_gzbuilder_add(lb->b, id, type, s, len, e, &err) != NK_OK)
        luaL_error(L, "%s: entry %d (%s): %s", where, (int)n, id, err.msg);
}

/* Add the entries of the array at idx: {id=, type=, name=, aliases={...}, meta...}. */
static void add_entries(lua_State *L, lbuilder *lb, int idx, const char *where)
{
    lua_Integer i, n;
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "%s: expected a list of entries", where);
    n = (lua_Integer)lua_rawlen(L, idx);
    for (i = 1; i <= n; i++) {
        int t, top = lua_gettop(L);
        const char *id, *type, *name = NULL;
        size_t nlen = 0;
        uint32_t e = UINT32_MAX;
        lua_rawgeti(L, idx, i);
        t = lua_gettop(L);
        if (lua_type(L, t) != LUA_TTABLE)
            luaL_error(L, "%s: entry %d is not a table", where, (int)i);
        lua_getfield(L, t, "type");
        if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) == 0)
            luaL_error(L, "%s: entry %d has no type", where, (int)i);
        type = lua_tostring(L, -1);
        if (lua_getfield(L, t, "name") == LUA_TSTRING)
            name = lua_tolstring(L, -1, &nlen);
        else if (!lua_isnil(L, -1))
            luaL_error(L, "%s: entry %d: name must be a string", where, (int)i);
        lua_getfield(L, t, "id");
        if (lua_type(L, -1) == LUA_TNUMBER)
            lua_tostring(L, -1);
        if (lua_type(L, -1) == LUA_TSTRING)
            id = lua_tostring(L, -1);
        else if (name != NULL)
            id = name;
        else
            id = NULL;
        if (name != NULL) {
            if (id == NULL)
                id = name;
            add_form(L, lb, where, i, id, type, name, nlen, &e);
        }
        if (lua_getfield(L, t, "aliases") == LUA_TTABLE) {
            lua_Integer j, na = (lua_Integer)lua_rawlen(L, -1);
            for (j = 1; j <= na; j++) {
                size_t al;
                const char *a;
                lua_rawgeti(L, -1, j);
                if (lua_type(L, -1) != LUA_TSTRING)
                    luaL_error(L, "%s: entry %d: aliases must be strings", where, (int)i);
                a = lua_tolstring(L, -1, &al);
                if (id == NULL)
                    id = a; /* stays referenced: aliases table holds it */
                add_form(L, lb, where, i, id, type, a, al, &e);
                lua_pop(L, 1);
            }
        } else if (!lua_isnil(L, -1)) {
            luaL_error(L, "%s: entry %d: aliases must be a list", where, (int)i);
        }
        lua_pop(L, 1);
        if (e == UINT32_MAX)
            luaL_error(L, "%s: entry %d has no name and no aliases", where, (int)i);
        /* metadata: every other key, in sorted order */
        lua_newtable(L);
        {
            int keys = lua_gettop(L);
            lua_Integer nk = 0, a, b2;
            lua_pushnil(L);
            while (lua_next(L, t) != 0) {
                lua_pop(L, 1);
                if (lua_type(L, -1) == LUA_TSTRING && !is_reserved(lua_tostring(L, -1))) {
                    lua_pushvalue(L, -1);
                    lua_rawseti(L, keys, ++nk);
                }
            }
            for (a = 2; a <= nk; a++) /* insertion sort: entries have a handful of keys */
                for (b2 = a; b2 > 1; b2--) {
                    int less;
                    lua_rawgeti(L, keys, b2);
                    lua_rawgeti(L, keys, b2 - 1);
                    less = strcmp(lua_tostring(L, -2), lua_tostring(L, -1)) < 0;
                    if (less) {
                        lua_rawseti(L, keys, b2);
                        lua_rawseti(L, keys, b2 - 1);
                    } else {
                        lua_pop(L, 2);
                        break;
                    }
                }
            for (a = 1; a <= nk; a++) {
                lua_rawgeti(L, keys, a);
                lua_pushvalue(L, -1);
                lua_gettable(L, t);
                if (push_metavalue(L, -1) &&
                    nk_gzbuilder_meta(lb->b, e, lua_tostring(L, -3), lua_tostring(L, -1)) != NK_OK)
                    luaL_error(L, "gazetteer: out of memory");
                lua_settop(L, keys);
            }
        }
        lua_settop(L, top);
    }
}

/* Add one source file (TSV or YAML) to the builder. */
static void add_file(lua_State *L, lbuilder *lb, const char *path)
{
    size_t len;
    const char *data;
    if (!push_file(L, path))
        lua_error(L); /* message on top */
    data = lua_tolstring(L, -1, &len);
    if (nk_gazetteer_is_image(data, len))
        luaL_error(L, "%s: a compiled gazetteer cannot be combined with other sources", path);
    if (has_suffix(path, ".yaml") || has_suffix(path, ".yml")) {
        if (lua_getfield(L, lua_upvalueindex(1), "yaml_load") != LUA_TFUNCTION)
            luaL_error(L, "%s: YAML support is not available", path);
        lua_pushvalue(L, -2);
        lua_pushstring(L, path);
        lua_call(L, 2, 2);
        if (lua_isnil(L, -2))
            luaL_error(L, "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "YAML error");
        lua_pop(L, 1); /* positions */
        if (lua_type(L, -1) == LUA_TTABLE && lua_getfield(L, -1, "entries") == LUA_TTABLE)
            lua_remove(L, -2); /* a mapping with `entries:` */
        else if (lua_type(L, -2) == LUA_TTABLE)
            lua_pop(L, 1);
        add_entries(L, lb, -1, path);
        lua_pop(L, 1);
    } else {
        nk_error err;
        if (nk_gzbuilder_add_tsv(lb->b, data, len, &err) != NK_OK) {
            if (err.line > 0)
                luaL_error(L, "%s:%d:%d: %s", path, (int)err.line, (int)err.col,
                           strchr(err.msg, ':') ? strchr(err.msg, ':') + 2 : err.msg);
            luaL_error(L, "%s: %s", path, err.msg);
        }
    }
    lua_pop(L, 1);
}

/*
** Protected part of naskh.gazetteer: (spec, variants) -> Gazetteer. Upvalue 1
** is the module table (for yaml_load).
*/
static int build(lua_State *L)
{
    int variants = lua_toboolean(L, 2), spec = 1;
    lbuilder *lb;
    lgaz *z;
    nk_gazetteer *g;
    nk_error err;
    /* a single compiled image */
    if (lua_type(L, spec) == LUA_TSTRING) {
        size_t len;
        const char *data;
        if (!push_file(L, lua_tostring(L, spec)))
            lua_error(L);
        data = lua_tolstring(L, -1, &len);
        if (nk_gazetteer_is_image(data, len)) {
            z = newgaz(L);
            if (nk_gazetteer_load(data, len, &z->alloc, &g, &err) != NK_OK)
                luaL_error(L, "%s: %s", lua_tostring(L, spec), err.msg);
            attach(L, z, g);
            return 1;
        }
        lua_pop(L, 1);
    }
    lb = lua_newuserdatauv(L, sizeof *lb, 0);
    lb->b = NULL;
    luaL_setmetatable(L, BUILDER_T);
    lnk_alloc(L, &lb->alloc);
    if ((lb->b = nk_gzbuilder_new(&lb->alloc, 0)) == NULL)
        luaL_error(L, "gazetteer: out of memory");
    if (lua_type(L, spec) == LUA_TSTRING) {
        add_file(L, lb, lua_tostring(L, spec));
    } else if (lua_getfield(L, spec, "files") != LUA_TNIL ||
               lua_getfield(L, spec, "entries") != LUA_TNIL) {
        lua_settop(L, 3);
        if (lua_getfield(L, spec, "variants") != LUA_TNIL)
            variants = variants || lua_toboolean(L, -1);
        lua_pop(L, 1);
        if (lua_getfield(L, spec, "files") == LUA_TTABLE) {
            lua_Integer i, n = (lua_Integer)lua_rawlen(L, -1);
            for (i = 1; i <= n; i++) {
                lua_rawgeti(L, -1, i);
                if (lua_type(L, -1) != LUA_TSTRING)
                    luaL_error(L, "gazetteer: files[%d] is not a path", (int)i);
                add_file(L, lb, lua_tostring(L, -1));
                lua_pop(L, 1);
            }
        } else if (lua_type(L, -1) == LUA_TSTRING) {
            add_file(L, lb, lua_tostring(L, -1));
        }
        lua_pop(L, 1);
        if (lua_getfield(L, spec, "entries") == LUA_TTABLE)
            add_entries(L, lb, -1, "entries");
        lua_pop(L, 1);
    } else {
        lua_settop(L, 3);
        add_entries(L, lb, spec, "entries");
    }
    z = newgaz(L);
    if (nk_gzbuilder_build(lb->b, variants ? NK_GZ_VARIANTS : 0, &g, &err) != NK_OK)
        luaL_error(L, "gazetteer: %s", err.msg);
    attach(L, z, g);
    nk_gzbuilder_free(lb->b);
    lb->b = NULL;
    return 1;
}

/*
** naskh.gazetteer(spec [, {variants=bool}]) -> Gazetteer | nil, message
** spec: a path (.tsv, .yaml/.yml, or a compiled image), a list of entries
** {id=, type=, name=, aliases={...}, key=value...}, or {files={...},
** entries={...}, variants=bool}.
*/
static int l_gazetteer(lua_State *L)
{
    static const char *const opts[] = {"variants", NULL};
    int t = lua_type(L, 1), variants;
    luaL_argexpected(L, t == LUA_TSTRING || t == LUA_TTABLE, 1, "path or table");
    lnk_checkoptions(L, 2, opts);
    variants = lnk_optbool(L, 2, "variants", 0);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushcclosure(L, build, 1);
    lua_pushvalue(L, 1);
    lua_pushboolean(L, variants);
    if (lua_pcall(L, 2, 1, 0) != LUA_OK)
        return lnk_pushfail(L, lua_tostring(L, -1), (size_t)-1);
    return 1;
}

/* naskh.gazetteer_load(path) -> Gazetteer | nil, message  (a compiled image) */
static int l_gazetteer_load(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    size_t len;
    const char *data;
    lgaz *z;
    nk_gazetteer *g;
    nk_error err;
    if (!push_file(L, path))
        return 2;
    data = lua_tolstring(L, -1, &len);
    z = newgaz(L);
    if (nk_gazetteer_load(data, len, &z->alloc, &g, &err) != NK_OK) {
        lua_pushfstring(L, "%s: %s", path, err.msg);
        return lnk_pushfail(L, lua_tostring(L, -1), (size_t)-1);
    }
    attach(L, z, g);
    return 1;
}

static int collect(void *ud, const nk_hit *h)
{
    lgaz *z = ud;
    if (z->nhits == z->chits) {
        size_t nc = z->chits ? z->chits * 2 : 64;
        nk_hit *p = nk_realloc(&z->alloc, z->hits, z->chits * sizeof *p, nc * sizeof *p);
        if (p == NULL) {
            z->oom = 1;
            return 1; /* stop; reported by the caller */
        }
        z->hits = p;
        z->chits = nc;
    }
    z->hits[z->nhits++] = *h;
    return 0;
}

/*
** g:match(text [, {all=bool, variants=bool}]) -> {{s=, e=, surface=, id=, type=, name=,
** clitic=, clitic_s=, clitic_e=, meta={...}}...}
** clitic is "" when none (clitic_s/clitic_e only when there is one); meta
** tables are shared between the matches of one entry in one call.
*/
static int g_match(lua_State *L)
{
    static const char *const opts[] = {"all", "variants", NULL};
    lgaz *z = checkgaz(L);
    size_t len, i;
    const char *text = luaL_checklstring(L, 2, &len);
    nk_match_opts o;
    nk_error err;
    nk_status st;
    int metas;
    lnk_checkoptions(L, 3, opts);
    o.all = lnk_optbool(L, 3, "all", 0);
    o.variants = lnk_optbool(L, 3, "variants", nk_gazetteer_has_variants(z->g));
    if (o.variants && !nk_gazetteer_has_variants(z->g))
        return luaL_argerror(L, 3, "this gazetteer was compiled without variants");
    z->nhits = 0;
    z->oom = 0;
    st = nk_matcher_match(z->m, text, len, &o, collect, z, &err);
    if (st != NK_OK)
        return lnk_pushfail(L, err.msg, err.offset);
    if (z->oom)
        return luaL_error(L, "match: out of memory");
    lua_newtable(L);
    metas = lua_gettop(L);
    lua_createtable(L, (int)(z->nhits < 1000000 ? z->nhits : 1000000), 0);
    for (i = 0; i < z->nhits; i++) {
        const nk_hit *h = &z->hits[i];
        size_t nm = nk_gazetteer_nmeta(z->g, h->entry);
        lua_createtable(L, 0, 10);
        lnk_setspan(L, -1, h->span);
        lua_pushlstring(L, text + h->span.start, h->span.end - h->span.start);
        lua_setfield(L, -2, "surface");
        lua_pushstring(L, nk_gazetteer_id(z->g, h->entry));
        lua_setfield(L, -2, "id");
        lua_pushstring(L, nk_gazetteer_type(z->g, h->entry));
        lua_setfield(L, -2, "type");
        lua_pushstring(L, nk_gazetteer_name(z->g, h->entry));
        lua_setfield(L, -2, "name");
        lua_pushlstring(L, text + h->clitic.start, h->clitic.end - h->clitic.start);
        lua_setfield(L, -2, "clitic");
        if (h->clitic.end > h->clitic.start) {
            lua_pushinteger(L, (lua_Integer)h->clitic.start + 1);
            lua_setfield(L, -2, "clitic_s");
            lua_pushinteger(L, (lua_Integer)h->clitic.end);
            lua_setfield(L, -2, "clitic_e");
        }
        if (nm > 0) {
            if (lua_rawgeti(L, metas, (lua_Integer)h->entry + 1) == LUA_TNIL) {
                size_t j;
                lua_pop(L, 1);
                lua_createtable(L, 0, (int)nm);
                for (j = 0; j < nm; j++) {
                    const char *k, *v;
                    nk_gazetteer_meta(z->g, h->entry, j, &k, &v);
                    lua_pushstring(L, v);
                    lua_setfield(L, -2, k);
                }
                lua_pushvalue(L, -1);
                lua_rawseti(L, metas, (lua_Integer)h->entry + 1);
            }
            lua_setfield(L, -2, "meta");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* {====== naskh.write_matches: `naskh match` output written in C */

typedef struct {
    nk_hit h;
    lgaz *z;
    size_t order; /* gazetteer, then position in its hits: keeps ties stable */
} ghit;

static int cmp_ghit(const void *a, const void *b)
{
    const ghit *x = a, *y = b;
    int c;
    if (x->h.span.start != y->h.span.start)
        return x->h.span.start < y->h.span.start ? -1 : 1;
    if (x->h.span.end != y->h.span.end)
        return x->h.span.end > y->h.span.end ? -1 : 1;
    c = strcmp(nk_gazetteer_id(x->z->g, x->h.entry), nk_gazetteer_id(y->z->g, y->h.entry));
    if (c != 0)
        return c;
    return x->order < y->order ? -1 : (x->order > y->order);
}

typedef struct {
    const char *k, *v;
    size_t j;
} metakv;

static int cmp_metakv(const void *a, const void *b)
{
    const metakv *x = a, *y = b;
    int c = strcmp(x->k, y->k);
    if (c != 0)
        return c;
    return x->j < y->j ? -1 : (x->j > y->j);
}

static void put_key(lnk_writer *w, const char *k)
{
    lnk_writer_json_string(w, k, strlen(k));
    lnk_writer_addc(w, ':');
}

/*
** An entry's metadata as a JSON object with sorted keys, as naskh.json_encode
** writes the table g:match gives (keys starting with '_' left out; of two equal
** keys the later wins).
*/
static void put_meta(lua_State *L, lnk_writer *w, const nk_gazetteer *g, uint32_t e, size_t nm)
{
    metakv small[16], *kv = small;
    size_t j;
    int first = 1;
    if (nm > sizeof small / sizeof small[0])
        kv = lua_newuserdatauv(L, nm * sizeof *kv, 0);
    for (j = 0; j < nm; j++) {
        nk_gazetteer_meta(g, e, j, &kv[j].k, &kv[j].v);
        kv[j].j = j;
    }
    qsort(kv, nm, sizeof *kv, cmp_metakv);
    lnk_writer_addc(w, '{');
    for (j = 0; j < nm; j++) {
        if (kv[j].k[0] == '_' || (j + 1 < nm && strcmp(kv[j].k, kv[j + 1].k) == 0))
            continue;
        if (!first)
            lnk_writer_addc(w, ',');
        first = 0;
        put_key(w, kv[j].k);
        lnk_writer_json_string(w, kv[j].v, strlen(kv[j].v));
    }
    lnk_writer_addc(w, '}');
    if (kv != small)
        lua_pop(L, 1);
}

/*
** The parts of a match's JSON that come from its entry alone, as every match
** of the entry prints them: ,"id":..[,"meta":{..}],"name":..,"start": and
** ,"type":..}\n. Written once per entry and copied after (remember_entry).
*/
static void put_entry_a(lua_State *L, lnk_writer *w, const nk_gazetteer *g, uint32_t e)
{
    const char *id = nk_gazetteer_id(g, e), *name = nk_gazetteer_name(g, e);
    size_t nm = nk_gazetteer_nmeta(g, e);
    LNK_WLIT(w, ",\"id\":");
    lnk_writer_json_string(w, id, strlen(id));
    if (nm > 0) {
        LNK_WLIT(w, ",\"meta\":");
        put_meta(L, w, g, e, nm);
    }
    LNK_WLIT(w, ",\"name\":");
    lnk_writer_json_string(w, name, strlen(name));
    LNK_WLIT(w, ",\"start\":");
}

static void put_entry_t(lnk_writer *w, const nk_gazetteer *g, uint32_t e)
{
    const char *type = nk_gazetteer_type(g, e);
    LNK_WLIT(w, ",\"type\":");
    lnk_writer_json_string(w, type, strlen(type));
    LNK_WLIT(w, "}\n");
}

/* Keep entry e's two parts, a[0..an) and t[0..tn), for its next matches (nothing when memory
** is short: they are written again). */
static void remember_entry(lgaz *z, uint32_t e, const char *a, size_t an, const char *t, size_t tn)
{
    size_t ne = nk_gazetteer_entries(z->g);
    if (z->off == NULL) {
        z->off = nk_malloc(&z->alloc, ne * 3 * sizeof *z->off);
        if (z->off == NULL)
            return;
        memset(z->off, 0, ne * 3 * sizeof *z->off);
        z->alen = z->off + ne;
        z->tlen = z->alen + ne;
        z->noff = ne;
    }
    if (an + tn > UINT32_MAX - 1 - z->nfrag)
        return;
    if (an + tn > z->cfrag - z->nfrag) {
        size_t nc = z->cfrag ? z->cfrag : 4096;
        char *p;
        while (nc - z->nfrag < an + tn)
            nc *= 2;
        p = nk_realloc(&z->alloc, z->frag, z->cfrag, nc);
        if (p == NULL)
            return;
        z->frag = p;
        z->cfrag = nc;
    }
    memcpy(z->frag + z->nfrag, a, an);
    memcpy(z->frag + z->nfrag + an, t, tn);
    z->off[e] = (uint32_t)z->nfrag + 1;
    z->alen[e] = (uint32_t)an;
    z->tlen[e] = (uint32_t)tn;
    z->nfrag += an + tn;
}

/* A span of the text as a JSON string; the faster path when the text is well-formed and the span
** is on character boundaries. */
static void put_span(lnk_writer *w, const lnk_cpconv *cv, const char *text, size_t s, size_t e)
{
    if (cv->valid && (s == cv->len || ((unsigned char)text[s] & 0xC0) != 0x80) &&
        (e == cv->len || ((unsigned char)text[e] & 0xC0) != 0x80))
        lnk_writer_json_valid(w, text + s, e - s);
    else
        lnk_writer_json_string(w, text + s, e - s);
}

static void put_hit(lua_State *L, lnk_writer *w, lnk_cpconv *cv, size_t cpbase, const char *text,
                    const nk_hit *h, lgaz *z, const char *file, size_t filelen)
{
    uint32_t e = h->entry;
    int known = z->off != NULL && z->off[e] != 0;
    size_t amark = 0, an = 0, tmark;
    unsigned long flushes = 0;
    LNK_WLIT(w, "{\"clitic\":");
    put_span(w, cv, text, h->clitic.start, h->clitic.end);
    if (h->clitic.end > h->clitic.start) {
        size_t cs = lnk_cpconv_at(cv, h->clitic.start);
        LNK_WLIT(w, ",\"clitic_end\":");
        lnk_writer_uint(w, cpbase + lnk_cpconv_at(cv, h->clitic.end));
        LNK_WLIT(w, ",\"clitic_start\":");
        lnk_writer_uint(w, cpbase + cs);
    }
    {
        size_t s = lnk_cpconv_at(cv, h->span.start);
        LNK_WLIT(w, ",\"end\":");
        lnk_writer_uint(w, cpbase + lnk_cpconv_at(cv, h->span.end));
        if (file != NULL) {
            LNK_WLIT(w, ",\"file\":");
            lnk_writer_json_string(w, file, filelen);
        }
        if (known) {
            lnk_writer_add(w, z->frag + z->off[e] - 1, z->alen[e]);
        } else {
            flushes = w->flushes;
            amark = w->len;
            put_entry_a(L, w, z->g, e);
            an = w->len - amark;
        }
        lnk_writer_uint(w, cpbase + s);
    }
    LNK_WLIT(w, ",\"surface\":");
    put_span(w, cv, text, h->span.start, h->span.end);
    if (known) {
        lnk_writer_add(w, z->frag + z->off[e] - 1 + z->alen[e], z->tlen[e]);
        return;
    }
    tmark = w->len;
    put_entry_t(w, z->g, e);
    if (w->flushes == flushes) /* both parts still in the buffer */
        remember_entry(z, e, w->buf + amark, an, w->buf + tmark, w->len - tmark);
}

/*
** naskh.write_matches(fh, {g, ...}, text, cpbase [, {all=, variants=, file=}])
**   -> count, cplen | nil, message, offset
** Matches every gazetteer against text and prints one JSON object per match
** to the file fh, as `naskh match` does: {"clitic",["clitic_end",
** "clitic_start"],"end",["file"],"id",["meta"],"name","start","surface","type"}
** with code point offsets plus cpbase; the matches of several gazetteers are
** merged by start, longest first, then id. Nothing is printed when a
** gazetteer fails (invalid UTF-8 under an erroring profile).
*/
static int l_write_matches(lua_State *L)
{
    static const char *const opts[] = {"all", "variants", "file", NULL};
    size_t len, filelen = 0, i, total = 0;
    const char *text, *file;
    size_t cpbase;
    lua_Integer ng, k;
    nk_match_opts o;
    lnk_writer *w;
    lnk_cpconv cv;
    ghit *all = NULL;
    luaL_checktype(L, 2, LUA_TTABLE);
    text = luaL_checklstring(L, 3, &len);
    cpbase = (size_t)luaL_checkinteger(L, 4);
    lnk_checkoptions(L, 5, opts);
    o.all = lnk_optbool(L, 5, "all", 0);
    o.variants = lnk_optbool(L, 5, "variants", 0);
    file = lnk_optstr(L, 5, "file", NULL);
    if (file != NULL)
        filelen = strlen(file);
    ng = (lua_Integer)luaL_len(L, 2);
    w = lua_newuserdatauv(L, sizeof *w, 0);
    lnk_writer_init(w, L, 1);
    for (k = 1; k <= ng; k++) {
        lgaz *z;
        nk_error err;
        nk_status st;
        lua_geti(L, 2, k);
        z = luaL_testudata(L, -1, GAZ_T);
        if (z == NULL || z->g == NULL)
            return luaL_argerror(L, 2, "a list of open gazetteers expected");
        lua_pop(L, 1); /* the list keeps it alive */
        if (o.variants && !nk_gazetteer_has_variants(z->g))
            return luaL_argerror(L, 5, "a gazetteer was compiled without variants");
        z->nhits = 0;
        z->oom = 0;
        st = nk_matcher_match(z->m, text, len, &o, collect, z, &err);
        if (st != NK_OK)
            return lnk_pushfail(L, err.msg, err.offset);
        if (z->oom)
            return luaL_error(L, "match: out of memory");
        total += z->nhits;
    }
    lnk_cpconv_init(&cv, text, len);
    if (ng > 1) {
        size_t n = 0;
        all = lua_newuserdatauv(L, (total ? total : 1) * sizeof *all, 0);
        for (k = 1; k <= ng; k++) {
            lgaz *z;
            lua_geti(L, 2, k);
            z = lua_touserdata(L, -1);
            lua_pop(L, 1);
            for (i = 0; i < z->nhits; i++, n++) {
                all[n].h = z->hits[i];
                all[n].z = z;
                all[n].order = n;
            }
        }
        qsort(all, total, sizeof *all, cmp_ghit);
        for (i = 0; i < total; i++)
            put_hit(L, w, &cv, cpbase, text, &all[i].h, all[i].z, file, filelen);
    } else if (ng == 1) {
        lgaz *z;
        lua_geti(L, 2, 1);
        z = lua_touserdata(L, -1);
        lua_pop(L, 1);
        for (i = 0; i < z->nhits; i++)
            put_hit(L, w, &cv, cpbase, text, &z->hits[i], z, file, filelen);
    }
    lnk_writer_flush(w);
    lua_pushinteger(L, (lua_Integer)total);
    lua_pushinteger(L, (lua_Integer)lnk_cpconv_at(&cv, len));
    return 2;
}

/* }====== */

/* g:save(path) -> true | nil, message */
static int g_save(lua_State *L)
{
    lgaz *z = checkgaz(L);
    const char *path = luaL_checkstring(L, 2);
    nk_buf b;
    FILE *f;
    int ok, err;
    nk_buf_init(&b, &z->alloc);
    if (nk_gazetteer_save(z->g, &b) != NK_OK) {
        nk_buf_free(&b);
        return lnk_pushfail(L, "save: out of memory", (size_t)-1);
    }
    errno = 0;
    f = fopen(path, "wb");
    ok = f != NULL && fwrite(b.data, 1, b.len, f) == b.len && fflush(f) == 0;
    err = errno;
    if (f != NULL && fclose(f) != 0 && ok) {
        ok = 0;
        err = errno;
    }
    nk_buf_free(&b);
    if (!ok) {
        lua_pushfstring(L, "cannot write %s: %s", path, err ? strerror(err) : "short write");
        return lnk_pushfail(L, lua_tostring(L, -1), (size_t)-1);
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* g:size() -> number of entries, number of forms */
static int g_size(lua_State *L)
{
    lgaz *z = checkgaz(L);
    lua_pushinteger(L, (lua_Integer)nk_gazetteer_entries(z->g));
    lua_pushinteger(L, (lua_Integer)nk_gazetteer_forms(z->g));
    return 2;
}

/* g:info() -> {entries=, forms=, words=, memory=, variants=} */
static int g_info(lua_State *L)
{
    lgaz *z = checkgaz(L);
    lua_createtable(L, 0, 5);
    lua_pushinteger(L, (lua_Integer)nk_gazetteer_entries(z->g));
    lua_setfield(L, -2, "entries");
    lua_pushinteger(L, (lua_Integer)nk_gazetteer_forms(z->g));
    lua_setfield(L, -2, "forms");
    lua_pushinteger(L, (lua_Integer)nk_gazetteer_words(z->g));
    lua_setfield(L, -2, "words");
    lua_pushinteger(L, (lua_Integer)nk_gazetteer_memory(z->g));
    lua_setfield(L, -2, "memory");
    lua_pushboolean(L, nk_gazetteer_has_variants(z->g));
    lua_setfield(L, -2, "variants");
    return 1;
}

static int g_tostring(lua_State *L)
{
    lgaz *z = luaL_checkudata(L, 1, GAZ_T);
    if (z->g == NULL)
        lua_pushliteral(L, GAZ_T " (closed)");
    else
        lua_pushfstring(L, GAZ_T " (%d entries, %d forms)", (int)nk_gazetteer_entries(z->g),
                        (int)nk_gazetteer_forms(z->g));
    return 1;
}

void lnk_open_gazetteer(lua_State *L)
{
    static const luaL_Reg methods[] = {{"match", g_match}, {"save", g_save},  {"size", g_size},
                                       {"info", g_info},   {"close", gaz_gc}, {NULL, NULL}};
    luaL_newmetatable(L, GAZ_T);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, gaz_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, gaz_gc);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, g_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
    luaL_newmetatable(L, BUILDER_T);
    lua_pushcfunction(L, builder_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lua_pushvalue(L, -1); /* the module table, for naskh.yaml_load */
    lua_pushcclosure(L, l_gazetteer, 1);
    lua_setfield(L, -2, "gazetteer");
    lua_pushcfunction(L, l_gazetteer_load);
    lua_setfield(L, -2, "gazetteer_load");
    lua_pushcfunction(L, l_write_matches);
    lua_setfield(L, -2, "write_matches");
}
