/*
** lnk_tagger.c
** The entity tagger (core/nk_tagger.h) in Lua:
**   naskh.entities(text [, opts]) -> {entity, ...}      the finder (naskh.entities module)
**   naskh.tagger(path) -> Tagger | nil, message        load a model file
**   naskh.tagger_fingerprint() -> hex string            this build's feature extractor
**     t:tag(tokens [, hints]) -> {tag, ...}             one BIO tag per token (a list of strings,
**                                                       read as one sentence joined by spaces)
**     t:entities(text [, hints]) -> {{s=, e=, type=}, ...}   entity spans (1-based inclusive)
**     t:info() -> {rows=, bits=, fingerprint=}
**   naskh.tagger_trainer([bits]) -> Trainer
**     tr:add(text, gold [, hints])                      gold: {{s=, e=, type=}, ...}
**     tr:counts() -> sentences, words
**     tr:train{epochs=, seed=, progress=function(epoch, errors, words)} -> model bytes
** hints: {{s=, e=, type=, source=}, ...}; type PERS LOC ORG MISC NORP; source bundled, user or
** rule (or 0..2).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lnk_aux.h"
#include "nk_tagger.h"

#define TAGGER_T "naskh.Tagger"
#define TRAINER_T "naskh.Trainer"

typedef struct {
    nk_tagger *t;
} ltagger;

typedef struct {
    nk_trainer *tr;
} ltrainer;

static const char *const SOURCES[] = {"bundled", "user", "rule", NULL};

/* The hint list at idx into a malloc'ed array (len: the text's length). */
static nk_tag_hint *check_spans(lua_State *L, int idx, size_t len, int gold, size_t *n)
{
    size_t k, cnt;
    nk_tag_hint *h;
    *n = 0;
    if (lua_isnoneornil(L, idx))
        return NULL;
    luaL_checktype(L, idx, LUA_TTABLE);
    cnt = (size_t)luaL_len(L, idx);
    if (cnt == 0)
        return NULL;
    h = lua_newuserdatauv(L, cnt * sizeof *h, 0); /* freed by the GC */
    for (k = 0; k < cnt; k++) {
        lua_Integer s, e;
        size_t tl;
        const char *ty;
        lua_geti(L, idx, (lua_Integer)k + 1);
        if (!lua_istable(L, -1))
            luaL_error(L, "%s %d: a table {s=, e=, type=} expected", gold ? "gold entity" : "hint",
                       (int)k + 1);
        lua_getfield(L, -1, "s");
        lua_getfield(L, -2, "e");
        s = luaL_optinteger(L, -2, 0);
        e = luaL_optinteger(L, -1, -1);
        lua_pop(L, 2);
        if (s < 1 || e < s - 1 || (size_t)e > len)
            luaL_error(L, "%s %d: span %d..%d outside the text (1..%d)",
                       gold ? "gold entity" : "hint", (int)k + 1, (int)s, (int)e, (int)len);
        h[k].start = (size_t)s - 1;
        h[k].end = (size_t)e;
        lua_getfield(L, -1, "type");
        ty = lua_tolstring(L, -1, &tl);
        h[k].type = ty ? nk_tag_type(ty, tl) : -1;
        if (h[k].type < 0 || (gold && h[k].type >= NK_TAG_NTYPES))
            luaL_error(L, "%s %d: unknown type '%s'", gold ? "gold entity" : "hint", (int)k + 1,
                       ty ? ty : "?");
        lua_pop(L, 1);
        h[k].source = 0;
        if (!gold) {
            lua_getfield(L, -1, "source");
            if (lua_type(L, -1) == LUA_TNUMBER) {
                h[k].source = (int)lua_tointeger(L, -1);
            } else if (!lua_isnil(L, -1)) {
                const char *src = lua_tostring(L, -1);
                int i;
                h[k].source = -1;
                for (i = 0; SOURCES[i]; i++)
                    if (src && strcmp(src, SOURCES[i]) == 0)
                        h[k].source = i;
            }
            if (h[k].source < 0 || h[k].source >= NK_TAG_NSOURCES)
                luaL_error(L, "hint %d: source must be bundled, user or rule", (int)k + 1);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    *n = cnt;
    return h;
}

static void push_fp(lua_State *L)
{
    char buf[17];
    snprintf(buf, sizeof buf, "%016llx", (unsigned long long)nk_tagger_fingerprint());
    lua_pushstring(L, buf);
}

static int l_fingerprint(lua_State *L)
{
    push_fp(L);
    return 1;
}

static int l_tagger(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t n = 0, cap = 0;
    nk_error err;
    ltagger *u;
    if (!f) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: cannot open the tagger model", path);
        return 2;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            char *nd = realloc(data, cap ? cap * 2 : 1 << 20);
            if (!nd) {
                free(data);
                fclose(f);
                return luaL_error(L, "%s: out of memory", path);
            }
            data = nd;
            cap = cap ? cap * 2 : 1 << 20;
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    u = lua_newuserdatauv(L, sizeof *u, 0);
    u->t = NULL;
    luaL_setmetatable(L, TAGGER_T);
    memset(&err, 0, sizeof err);
    u->t = nk_tagger_load(data, n, NULL, &err);
    free(data);
    if (!u->t) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, err.msg);
        return 2;
    }
    return 1;
}

static ltagger *check_tagger(lua_State *L)
{
    ltagger *u = luaL_checkudata(L, 1, TAGGER_T);
    if (!u->t)
        luaL_error(L, "tagger: the model was released");
    return u;
}

static int t_gc(lua_State *L)
{
    ltagger *u = luaL_checkudata(L, 1, TAGGER_T);
    nk_tagger_free(u->t);
    u->t = NULL;
    return 0;
}

static int t_tag(lua_State *L)
{
    ltagger *u = check_tagger(L);
    luaL_Buffer b;
    size_t n, k, len, *starts;
    const char *text;
    nk_tag_hint *h;
    size_t nh;
    nk_tagvec tv;
    nk_error err;
    nk_status st;
    size_t wi = 0;
    lua_settop(L, 3);
    luaL_checktype(L, 2, LUA_TTABLE);
    n = (size_t)luaL_len(L, 2);
    starts = lua_newuserdatauv(L, (n + 1) * sizeof *starts, 0);
    luaL_buffinit(L, &b);
    len = 0;
    for (k = 0; k < n; k++) {
        size_t tl;
        const char *tok;
        lua_geti(L, 2, (lua_Integer)k + 1);
        tok = lua_tolstring(L, -1, &tl);
        if (!tok)
            return luaL_error(L, "tag: token %d is not a string", (int)k + 1);
        lua_pop(L, 1);
        if (k > 0) {
            luaL_addchar(&b, ' ');
            len++;
        }
        starts[k] = len;
        luaL_addlstring(&b, tok, tl);
        len += tl;
    }
    starts[n] = len + 1;
    luaL_pushresult(&b);
    text = lua_tolstring(L, -1, &len);
    h = check_spans(L, 3, len, 0, &nh);
    nk_tagvec_init(&tv, NULL);
    memset(&err, 0, sizeof err);
    st = nk_tagger_tag(u->t, text, len, h, nh, &tv, &err);
    if (st != NK_OK) {
        nk_tagvec_free(&tv);
        return luaL_error(L, "tag: %s", err.msg);
    }
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        int tag = 0;
        /* the first word inside token k gives its tag */
        while (wi < tv.n && tv.v[wi].start < starts[k])
            wi++;
        if (wi < tv.n && tv.v[wi].start < starts[k + 1])
            tag = tv.v[wi].tag;
        lua_pushstring(L, nk_tag_name(tag));
        lua_seti(L, -2, (lua_Integer)k + 1);
    }
    nk_tagvec_free(&tv);
    return 1;
}

static int t_entities(lua_State *L)
{
    ltagger *u = check_tagger(L);
    size_t len, nh, k;
    const char *text;
    lua_settop(L, 3);
    text = luaL_checklstring(L, 2, &len);
    nk_tag_hint *h = check_spans(L, 3, len, 0, &nh);
    nk_tagvec tv;
    nk_error err;
    lua_Integer out = 0;
    nk_tagvec_init(&tv, NULL);
    memset(&err, 0, sizeof err);
    if (nk_tagger_tag(u->t, text, len, h, nh, &tv, &err) != NK_OK) {
        nk_tagvec_free(&tv);
        return luaL_error(L, "tagger: %s", err.msg);
    }
    lua_createtable(L, 0, 0);
    for (k = 0; k < tv.n;) {
        int tag = tv.v[k].tag, ty;
        size_t j;
        if (tag == 0) {
            k++;
            continue;
        }
        ty = (tag - 1) / 2;
        j = k + 1;
        while (j < tv.n && tv.v[j].tag == 2 + 2 * ty)
            j++;
        lua_createtable(L, 0, 4);
        lua_pushinteger(L, (lua_Integer)tv.v[k].start + 1);
        lua_setfield(L, -2, "s");
        lua_pushinteger(L, (lua_Integer)tv.v[j - 1].end);
        lua_setfield(L, -2, "e");
        lua_pushstring(L, nk_tag_type_name(ty));
        lua_setfield(L, -2, "type");
        lua_pushinteger(L, (lua_Integer)(j - k));
        lua_setfield(L, -2, "words");
        lua_seti(L, -2, ++out);
        k = j;
    }
    nk_tagvec_free(&tv);
    return 1;
}

static int t_info(lua_State *L)
{
    ltagger *u = check_tagger(L);
    size_t rows;
    unsigned bits;
    nk_tagger_info(u->t, &rows, &bits);
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, (lua_Integer)rows);
    lua_setfield(L, -2, "rows");
    lua_pushinteger(L, (lua_Integer)bits);
    lua_setfield(L, -2, "bits");
    push_fp(L);
    lua_setfield(L, -2, "fingerprint");
    return 1;
}

/* t:propagate(on): document consistency after decoding (nk_tagger.h), on by default. */
static int t_propagate(lua_State *L)
{
    ltagger *u = check_tagger(L);
    unsigned f = nk_tagger_flags(u->t) & ~NK_TAG_PROPAGATE;
    nk_tagger_set_flags(u->t, f | (lua_toboolean(L, 2) ? NK_TAG_PROPAGATE : 0));
    return 0;
}

/* t:skip(on): the second pass leaves the words far from any evidence to the first (nk_tagger.h,
** NK_TAG_SKIP), on by default; off decodes every sentence whole. */
static int t_skip(lua_State *L)
{
    ltagger *u = check_tagger(L);
    unsigned f = nk_tagger_flags(u->t) & ~NK_TAG_SKIP;
    nk_tagger_set_flags(u->t, f | (lua_toboolean(L, 2) ? NK_TAG_SKIP : 0));
    return 0;
}

static int t_tostring(lua_State *L)
{
    ltagger *u = luaL_checkudata(L, 1, TAGGER_T);
    lua_pushfstring(L, "naskh.Tagger (%p)", (void *)u->t);
    return 1;
}

/* naskh.entities(text [, opts]) -> {entity, ...}: the whole finder
** (scripts/naskh/text/entities.lua, M.entities: the tagger, the gazetteers and the rules),
** loaded on first use through require. */
static int l_entities(lua_State *L)
{
    luaL_checkstring(L, 1);
    lua_settop(L, 2);
    lua_getglobal(L, "require");
    if (!lua_isfunction(L, -1))
        return luaL_error(L, "naskh.entities: require is not available here");
    lua_pushliteral(L, "naskh.text.entities");
    lua_call(L, 1, 1);
    lua_getfield(L, -1, "entities");
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_call(L, 2, 1);
    return 1;
}

/* ---- training ---- */

static int l_trainer(lua_State *L)
{
    lua_Integer bits = luaL_optinteger(L, 1, 19);
    ltrainer *u;
    luaL_argcheck(L, bits >= 12 && bits <= 24, 1, "bits must be 12..24");
    u = lua_newuserdatauv(L, sizeof *u, 0);
    u->tr = NULL;
    luaL_setmetatable(L, TRAINER_T);
    u->tr = nk_trainer_new((unsigned)bits, NULL);
    if (!u->tr)
        return luaL_error(L, "tagger_trainer: out of memory");
    return 1;
}

static ltrainer *check_trainer(lua_State *L)
{
    ltrainer *u = luaL_checkudata(L, 1, TRAINER_T);
    if (!u->tr)
        luaL_error(L, "trainer: released");
    return u;
}

static int tr_gc(lua_State *L)
{
    ltrainer *u = luaL_checkudata(L, 1, TRAINER_T);
    nk_trainer_free(u->tr);
    u->tr = NULL;
    return 0;
}

static int tr_add(lua_State *L)
{
    ltrainer *u = check_trainer(L);
    size_t len, ng, nh;
    const char *text;
    lua_settop(L, 4);
    text = luaL_checklstring(L, 2, &len);
    nk_tag_hint *g = check_spans(L, 3, len, 1, &ng);
    nk_tag_hint *h = check_spans(L, 4, len, 0, &nh);
    nk_error err;
    memset(&err, 0, sizeof err);
    if (nk_trainer_add(u->tr, text, len, g, ng, h, nh, &err) != NK_OK)
        return luaL_error(L, "trainer: %s", err.msg);
    return 0;
}

static int tr_counts(lua_State *L)
{
    ltrainer *u = check_trainer(L);
    size_t s, w;
    nk_trainer_counts(u->tr, &s, &w);
    lua_pushinteger(L, (lua_Integer)s);
    lua_pushinteger(L, (lua_Integer)w);
    return 2;
}

typedef struct {
    lua_State *L;
    int fn;
} progress_ud;

static void progress(void *ud, int epoch, size_t errors, size_t words)
{
    progress_ud *p = ud;
    if (!p->fn)
        return;
    lua_pushvalue(p->L, p->fn);
    lua_pushinteger(p->L, epoch);
    lua_pushinteger(p->L, (lua_Integer)errors);
    lua_pushinteger(p->L, (lua_Integer)words);
    lua_call(p->L, 3, 0);
}

static int tr_train(lua_State *L)
{
    static const char *const opts[] = {"epochs", "seed", "progress", "runs", NULL};
    ltrainer *u = check_trainer(L);
    lua_Integer epochs = lnk_optint(L, 2, "epochs", 10);
    lua_Integer seed = lnk_optint(L, 2, "seed", 1);
    lua_Integer runs = lnk_optint(L, 2, "runs", 1);
    progress_ud p = {L, 0};
    nk_buf out;
    nk_error err;
    nk_status st;
    lnk_checkoptions(L, 2, opts);
    luaL_argcheck(L, epochs >= 1 && epochs <= 1000, 2, "epochs must be 1..1000");
    luaL_argcheck(L, runs >= 1 && runs <= 64, 2, "runs must be 1..64");
    nk_trainer_set_runs(u->tr, (int)runs);
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "progress");
        if (lua_isfunction(L, -1))
            p.fn = lua_gettop(L);
        else
            lua_pop(L, 1);
    }
    nk_buf_init(&out, NULL);
    memset(&err, 0, sizeof err);
    st = nk_trainer_run(u->tr, (int)epochs, (uint64_t)seed, progress, &p, &out, &err);
    if (st != NK_OK) {
        nk_buf_free(&out);
        return luaL_error(L, "trainer: %s", err.msg);
    }
    lua_pushlstring(L, out.data, out.len);
    nk_buf_free(&out);
    return 1;
}

void lnk_open_tagger(lua_State *L)
{
    static const luaL_Reg tmeth[] = {{"tag", t_tag},
                                     {"entities", t_entities},
                                     {"info", t_info},
                                     {"propagate", t_propagate},
                                     {"skip", t_skip},
                                     {"__gc", t_gc},
                                     {"__tostring", t_tostring},
                                     {NULL, NULL}};
    static const luaL_Reg trmeth[] = {
        {"add", tr_add}, {"counts", tr_counts}, {"train", tr_train}, {"__gc", tr_gc}, {NULL, NULL}};
    luaL_newmetatable(L, TAGGER_T);
    luaL_setfuncs(L, tmeth, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newmetatable(L, TRAINER_T);
    luaL_setfuncs(L, trmeth, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_tagger);
    lua_setfield(L, -2, "tagger");
    lua_pushcfunction(L, l_trainer);
    lua_setfield(L, -2, "tagger_trainer");
    lua_pushcfunction(L, l_fingerprint);
    lua_setfield(L, -2, "tagger_fingerprint");
    lua_pushcfunction(L, l_entities);
    lua_setfield(L, -2, "entities");
}
