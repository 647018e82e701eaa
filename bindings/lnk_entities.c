/*
** lnk_entities.c
** The per-word pass of the entity rules (core/nk_entrules.h) in Lua, for naskh.text.entities:
**   naskh.entwords(text) -> EntWords       the words of text in one compact array
**     #w, w:token(i) -> {s=, e=, text=, k=, r=, cls=, nl=}   (as naskh.words gives them)
**     w:tokens() -> a table of the words, each built the first time it is read
**     w:from(p [, lo]) -> i     the first word from lo on that ends at or after byte p (#w + 1)
**     w:at(p) -> i | nil        the word that holds byte p
**     w:key(i) -> key
**     w:locate(list [, "from"])  sets _t1, _t2 of every span {s=, e=} of list: the words that
**                               hold its first and last byte (nil where none does); "from": the
**                               first words that end at or after them (w:from; #w + 1 if none)
**     w:starting(set) -> {i, ...}   the words a proclitic reading of which is a key of set
**   naskh.entlists{titles=, org_heads=, org_triggers=, loc_triggers=, given=, links=, family=}
**     -> EntLists (the sets are Lua sets of keys, family a string)
**     lists:scan(w) -> title, org, loc, given, latin   the words each rule can start ({i, ...})
**   naskh.entsort(list [, "span" | "start" | "extent"])   sorts a list of spans in place: "span"
**     by s, then the longer first (e descending), then _prio (missing: 0), then id (missing:
**     ""); "start" by s; "extent" by s, then the longer first; equal ones keep their order
**   naskh.write_entities(fh, text, ents, cpbase [, file [, types]]) -> count
**     prints the entities (tables as naskh.text.entities gives them) as `naskh entities` does,
**     one JSON object per line with code point offsets plus cpbase (types: a set of types to
**     keep); formatted in C into the commands' buffered writer
** Positions are 1-based bytes, indexes 1-based, as in Lua.
*/
#include <stdlib.h>
#include <string.h>

#include "lnk_aux.h"
#include "lnk_writer.h"
#include "nk_entrules.h"
#include "nk_words.h"

#define WORDS_T "naskh.EntWords"
#define LISTS_T "naskh.EntLists"

typedef struct {
    nk_ewords w;
    const char *text; /* the Lua string in the user value (kept alive there) */
    size_t len;
} lwords;

/* the lists of naskh.entlists and their bits in the one set of keys (nk_entrules.h) */
static const char *const LIST_NAMES[] = {
    "titles", "org_heads", "org_triggers", "loc_triggers", "given", "links", NULL};
static const unsigned LIST_BITS[] = {NK_EL_TITLE, NK_EL_ORG_HEAD, NK_EL_ORG_TRIGGER,
                                     NK_EL_LOC,   NK_EL_GIVEN,    NK_EL_LINK};

typedef struct {
    nk_keyset *map;
    char family[64];
    size_t family_len;
} llists;

static lwords *check_words(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, WORDS_T);
}

static int w_gc(lua_State *L)
{
    lwords *u = check_words(L, 1);
    nk_ewords_free(&u->w);
    u->text = NULL;
    return 0;
}

static int l_entwords(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lwords *u = lua_newuserdatauv(L, sizeof *u, 1);
    nk_status st;
    nk_ewords_init(&u->w, NULL);
    u->text = NULL;
    u->len = 0;
    luaL_setmetatable(L, WORDS_T);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    u->text = s;
    u->len = len;
    st = nk_ewords_scan(&u->w, s, len);
    if (st != NK_OK)
        return luaL_error(L, "entwords: %s", st == NK_ENOMEM ? "out of memory" : "text too long");
    return 1;
}

static int w_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_words(L, 1)->w.n);
    return 1;
}

static void push_key(lua_State *L, const lwords *u, const nk_ewtok *t)
{
    if (t->cls == NK_TOK_PUNCT)
        lua_pushlstring(L, u->text + t->koff, t->klen);
    else
        lua_pushlstring(L, u->w.pool + t->koff, t->klen);
}

/* The table of word i (0-based), as naskh.words builds it. */
static void push_token(lua_State *L, const lwords *u, size_t i)
{
    /* by nk_tokclass: NONE ARABIC LATIN NUMBER PUNCT */
    static const char *const cls[] = {"punct", "ar", "lat", "num", "punct", "punct"};
    const nk_ewtok *t = &u->w.v[i];
    lua_createtable(L, 0, 8);
    lua_pushinteger(L, (lua_Integer)t->start + 1);
    lua_setfield(L, -2, "s");
    lua_pushinteger(L, (lua_Integer)t->end);
    lua_setfield(L, -2, "e");
    lua_pushlstring(L, u->text + t->start, t->end - t->start);
    lua_setfield(L, -2, "text");
    push_key(L, u, t);
    lua_setfield(L, -2, "k");
    if (t->cls != NK_TOK_PUNCT) {
        /* the raw letters (marks dropped), made now: most words are never read */
        size_t n = t->end - t->start;
        char small[256];
        if (n <= sizeof small) {
            lua_pushlstring(L, small, nk_words_raw(u->text + t->start, n, small));
        } else {
            luaL_Buffer b;
            char *p = luaL_buffinitsize(L, &b, n);
            luaL_pushresultsize(&b, nk_words_raw(u->text + t->start, n, p));
        }
        lua_setfield(L, -2, "r");
    }
    lua_pushstring(L, cls[t->cls < 6 ? t->cls : 0]);
    lua_setfield(L, -2, "cls");
    lua_pushboolean(L, t->nl);
    lua_setfield(L, -2, "nl");
}

static size_t check_index(lua_State *L, const lwords *u, int arg)
{
    lua_Integer i = luaL_checkinteger(L, arg);
    luaL_argcheck(L, i >= 1 && (size_t)i <= u->w.n, arg, "no such word");
    return (size_t)i - 1;
}

static int w_token(lua_State *L)
{
    lwords *u = check_words(L, 1);
    push_token(L, u, check_index(L, u, 2));
    return 1;
}

static int w_key(lua_State *L)
{
    lwords *u = check_words(L, 1);
    push_key(L, u, &u->w.v[check_index(L, u, 2)]);
    return 1;
}

/* __index of w:tokens(): (t, i) -> word i's table, kept in t; upvalue 1 is w. */
static int proxy_index(lua_State *L)
{
    lwords *u = lua_touserdata(L, lua_upvalueindex(1));
    int isnum;
    lua_Integer i = lua_tointegerx(L, 2, &isnum);
    if (!isnum || i < 1 || (size_t)i > u->w.n) {
        lua_pushnil(L);
        return 1;
    }
    push_token(L, u, (size_t)i - 1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, 1, i);
    return 1;
}

static int proxy_len(lua_State *L)
{
    lwords *u = lua_touserdata(L, lua_upvalueindex(1));
    lua_pushinteger(L, (lua_Integer)u->w.n);
    return 1;
}

static int w_tokens(lua_State *L)
{
    check_words(L, 1);
    lua_newtable(L);
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, proxy_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, proxy_len, 1);
    lua_setfield(L, -2, "__len");
    lua_setmetatable(L, -2);
    return 1;
}

static int w_from(lua_State *L)
{
    lwords *u = check_words(L, 1);
    lua_Integer p = luaL_checkinteger(L, 2);
    lua_Integer lo = luaL_optinteger(L, 3, 1);
    size_t i;
    if (lo < 1)
        lo = 1;
    if ((size_t)lo > u->w.n) {
        lua_pushinteger(L, lo);
        return 1;
    }
    /* the first word from lo on whose last byte (1-based, e) is >= p */
    i = nk_ewords_from(&u->w, p < 1 ? 0 : (size_t)p - 1, (size_t)lo - 1);
    lua_pushinteger(L, (lua_Integer)i + 1);
    return 1;
}

static int w_at(lua_State *L)
{
    lwords *u = check_words(L, 1);
    lua_Integer p = luaL_checkinteger(L, 2);
    size_t i;
    if (p < 1 || (size_t)p > u->len) {
        lua_pushnil(L);
        return 1;
    }
    i = nk_ewords_at(&u->w, (size_t)p - 1);
    if (i == u->w.n)
        lua_pushnil(L);
    else
        lua_pushinteger(L, (lua_Integer)i + 1);
    return 1;
}

static int w_locate(lua_State *L)
{
    static const char *const modes[] = {"at", "from", NULL};
    lwords *u = check_words(L, 1);
    lua_Integer n, k;
    int from;
    luaL_checktype(L, 2, LUA_TTABLE);
    from = luaL_checkoption(L, 3, "at", modes) == 1;
    n = luaL_len(L, 2);
    for (k = 1; k <= n; k++) {
        lua_Integer p[2];
        int j;
        if (lua_rawgeti(L, 2, k) != LUA_TTABLE)
            return luaL_error(L, "locate: item %d is not a table", (int)k);
        lua_getfield(L, -1, "s");
        lua_getfield(L, -2, "e");
        p[0] = lua_tointeger(L, -2);
        p[1] = lua_tointeger(L, -1);
        lua_pop(L, 2);
        for (j = 0; j < 2; j++) {
            size_t i = u->w.n;
            if (from) {
                i = nk_ewords_from(&u->w, p[j] < 1 ? 0 : (size_t)p[j] - 1, 0);
                lua_pushinteger(L, (lua_Integer)i + 1);
            } else {
                if (p[j] >= 1 && (size_t)p[j] <= u->len)
                    i = nk_ewords_at(&u->w, (size_t)p[j] - 1);
                if (i < u->w.n)
                    lua_pushinteger(L, (lua_Integer)i + 1);
                else
                    lua_pushnil(L);
            }
            lua_setfield(L, -2, j == 0 ? "_t1" : "_t2");
        }
        lua_pop(L, 1);
    }
    return 0;
}

/* Adds the keys of the Lua set at idx (string keys with a true value) to *s with bits; *s is
** made when NULL (the caller owns it, also when this raises). */
static nk_keyset *set_add(lua_State *L, int idx, nk_keyset **s, unsigned bits, const char *what)
{
    idx = lua_absindex(L, idx);
    if (lua_isnoneornil(L, idx))
        return *s;
    if (!lua_istable(L, idx))
        luaL_error(L, "entlists: %s must be a set of words", what);
    if (!*s && !(*s = nk_keyset_new(NULL)))
        luaL_error(L, "entlists: out of memory");
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_toboolean(L, -1)) {
            size_t n;
            const char *k = lua_tolstring(L, -2, &n);
            if (nk_keyset_add_bits(*s, k, n, bits) != NK_OK)
                luaL_error(L, "entlists: out of memory");
        }
        lua_pop(L, 1);
    }
    return *s;
}

/* A set of keys owned by a userdata (freed by its __gc, also after an error). */
typedef struct {
    nk_keyset *s;
} lset;

static int lset_gc(lua_State *L)
{
    lset *u = lua_touserdata(L, 1);
    nk_keyset_free(u->s);
    u->s = NULL;
    return 0;
}

static int w_starting(lua_State *L)
{
    lwords *u = check_words(L, 1);
    nk_keyset *s;
    size_t i;
    lua_Integer k = 0;
    lset *ls;
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    ls = lua_newuserdatauv(L, sizeof *ls, 0);
    ls->s = NULL;
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, lset_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    s = set_add(L, 2, &ls->s, 1u, "the set");
    lua_newtable(L);
    if (!s)
        return 1;
    for (i = 0; i < u->w.n; i++) {
        if (nk_ent_word_in(&u->w, i, s)) {
            lua_pushinteger(L, (lua_Integer)i + 1);
            lua_rawseti(L, -2, ++k);
        }
    }
    return 1;
}

static llists *check_lists(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, LISTS_T);
}

static int lists_gc(lua_State *L)
{
    llists *u = check_lists(L, 1);
    nk_keyset_free(u->map);
    u->map = NULL;
    return 0;
}

static int l_entlists(lua_State *L)
{
    llists *u;
    int i;
    size_t fl = 0;
    const char *fam;
    luaL_checktype(L, 1, LUA_TTABLE);
    u = lua_newuserdatauv(L, sizeof *u, 0);
    memset(u, 0, sizeof *u);
    luaL_setmetatable(L, LISTS_T);
    for (i = 0; LIST_NAMES[i]; i++) {
        lua_getfield(L, 1, LIST_NAMES[i]);
        set_add(L, -1, &u->map, LIST_BITS[i], LIST_NAMES[i]);
        lua_pop(L, 1);
    }
    lua_getfield(L, 1, "family");
    fam = lua_tolstring(L, -1, &fl);
    if (fam) {
        luaL_argcheck(L, fl < sizeof u->family, 1, "family: too long");
        memcpy(u->family, fam, fl);
        u->family_len = fl;
    }
    lua_pop(L, 1);
    return 1;
}

static int lists_scan(lua_State *L)
{
    llists *u = check_lists(L, 1);
    lwords *w = check_words(L, 2);
    nk_entlists l;
    lua_settop(L, 2);
    uint8_t *bits;
    static const unsigned BIT[] = {NK_ENT_TITLE, NK_ENT_ORG, NK_ENT_LOC, NK_ENT_GIVEN,
                                   NK_ENT_LATIN};
    lua_Integer cnt[5] = {0, 0, 0, 0, 0};
    size_t i;
    int r;
    l.map = u->map;
    l.family = u->family_len ? u->family : NULL;
    l.family_len = u->family_len;
    bits = lua_newuserdatauv(L, w->w.n ? w->w.n : 1, 0); /* index 3, freed by the GC */
    nk_ent_scan(&l, &w->w, w->text, bits);
    for (r = 0; r < 5; r++)
        lua_newtable(L); /* indexes 4..8 */
    for (i = 0; i < w->w.n; i++) {
        if (!bits[i])
            continue;
        for (r = 0; r < 5; r++) {
            if (bits[i] & BIT[r]) {
                lua_pushinteger(L, (lua_Integer)i + 1);
                lua_rawseti(L, 4 + r, ++cnt[r]);
            }
        }
    }
    return 5;
}

/* {====== sorting spans */

typedef struct {
    lua_Integer s, e, prio;
    const char *id;
    size_t idlen, idx;
} sitem;

static int cmp_span(const void *a, const void *b)
{
    const sitem *x = a, *y = b;
    size_t n;
    int c;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->e != y->e)
        return x->e > y->e ? -1 : 1;
    if (x->prio != y->prio)
        return x->prio < y->prio ? -1 : 1;
    n = x->idlen < y->idlen ? x->idlen : y->idlen;
    c = memcmp(x->id, y->id, n);
    if (c != 0)
        return c;
    if (x->idlen != y->idlen)
        return x->idlen < y->idlen ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_extent(const void *a, const void *b)
{
    const sitem *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->e != y->e)
        return x->e > y->e ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_start(const void *a, const void *b)
{
    const sitem *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int l_entsort(lua_State *L)
{
    static const char *const modes[] = {"span", "start", "extent", NULL};
    int mode, tmp;
    size_t n, i;
    sitem *v;
    luaL_checktype(L, 1, LUA_TTABLE);
    mode = luaL_checkoption(L, 2, "span", modes);
    lua_settop(L, 2);
    n = (size_t)luaL_len(L, 1);
    if (n < 2)
        return 0;
    v = lua_newuserdatauv(L, n * sizeof *v, 0); /* index 3 */
    lua_createtable(L, (int)n, 0);              /* index 4: the elements, which keep the ids */
    tmp = 4;
    for (i = 0; i < n; i++) {
        int isnum;
        if (lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TTABLE)
            return luaL_error(L, "entsort: item %d is not a table", (int)i + 1);
        v[i].idx = i;
        lua_getfield(L, -1, "s");
        v[i].s = lua_tointegerx(L, -1, &isnum);
        if (!isnum)
            return luaL_error(L, "entsort: item %d has no integer s", (int)i + 1);
        lua_pop(L, 1);
        v[i].e = v[i].prio = 0;
        v[i].id = "";
        v[i].idlen = 0;
        if (mode != 1) {
            lua_getfield(L, -1, "e");
            v[i].e = lua_tointegerx(L, -1, &isnum);
            if (!isnum)
                return luaL_error(L, "entsort: item %d has no integer e", (int)i + 1);
            lua_pop(L, 1);
        }
        if (mode == 0) {
            lua_getfield(L, -1, "_prio");
            v[i].prio = lua_tointeger(L, -1);
            if (lua_getfield(L, -2, "id") == LUA_TSTRING)
                v[i].id = lua_tolstring(L, -1, &v[i].idlen); /* kept alive by the item */
            lua_pop(L, 2);
        }
        lua_rawseti(L, tmp, (lua_Integer)i + 1);
    }
    qsort(v, n, sizeof *v, mode == 0 ? cmp_span : mode == 1 ? cmp_start : cmp_extent);
    for (i = 0; i < n; i++) {
        lua_rawgeti(L, tmp, (lua_Integer)v[i].idx + 1);
        lua_rawseti(L, 1, (lua_Integer)i + 1);
    }
    return 0;
}

/* }====== */

/* {====== output */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The field k of the table at idx into the writer as ,"k":value (pre is that prefix), left out
** when absent as the Lua encoder leaves out a nil; a non-string value as its string. */
static void put_field(lnk_writer *w, lua_State *L, int idx, const char *pre, size_t prelen,
                      const char *k)
{
    size_t n;
    const char *v;
    lua_getfield(L, idx, k);
    v = lua_tolstring(L, -1, &n);
    if (v) {
        lnk_writer_add(w, pre, prelen);
        lnk_writer_json_string(w, v, n);
    }
    lua_pop(L, 1);
}

#define PUT(w, L, lit, k) put_field((w), (L), -1, "" lit, sizeof(lit) - 1, (k))

/* The meta table at idx (not empty): string values with sorted keys in C; any other value
** through naskh.json_encode (upvalue 1), as the Lua encoder writes it. */
static void put_meta(lnk_writer *w, lua_State *L, int idx)
{
    const char *small[32], **keys = small;
    size_t n = 0, cap = 32, i;
    int plain = 1;
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
            plain = 0;
        else if (n < cap)
            keys[n++] = lua_tostring(L, -2);
        else
            plain = 0;
        lua_pop(L, 1);
    }
    if (!plain) {
        size_t len;
        const char *js;
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_pushvalue(L, idx);
        lua_call(L, 1, 1);
        js = lua_tolstring(L, -1, &len);
        if (js)
            lnk_writer_add(w, js, len);
        lua_pop(L, 1);
        return;
    }
    /* the keys stay alive: they are keys of the table at idx */
    qsort(keys, n, sizeof *keys, cmp_str);
    lnk_writer_addc(w, '{');
    for (i = 0; i < n; i++) {
        size_t vl;
        const char *v;
        if (i > 0)
            lnk_writer_addc(w, ',');
        lnk_writer_json_string(w, keys[i], strlen(keys[i]));
        lnk_writer_addc(w, ':');
        lua_getfield(L, idx, keys[i]);
        v = lua_tolstring(L, -1, &vl);
        lnk_writer_json_string(w, v, vl);
        lua_pop(L, 1);
    }
    lnk_writer_addc(w, '}');
}

static lua_Integer int_field(lua_State *L, int idx, const char *k, int *has)
{
    int isnum;
    lua_Integer v;
    lua_getfield(L, idx, k);
    v = lua_tointegerx(L, -1, &isnum);
    lua_pop(L, 1);
    *has = isnum;
    return v;
}

static int l_write_entities(lua_State *L)
{
    size_t len, filelen = 0;
    const char *text = luaL_checklstring(L, 2, &len);
    size_t cpbase, k, ne, cnt = 0;
    const char *file = NULL;
    lnk_writer *w;
    lnk_cpconv cv;
    luaL_checktype(L, 3, LUA_TTABLE);
    cpbase = (size_t)luaL_checkinteger(L, 4);
    if (!lua_isnoneornil(L, 5))
        file = luaL_checklstring(L, 5, &filelen);
    if (!lua_isnoneornil(L, 6))
        luaL_checktype(L, 6, LUA_TTABLE);
    lua_settop(L, 6);
    ne = (size_t)luaL_len(L, 3);
    w = lua_newuserdatauv(L, sizeof *w, 0); /* index 7 */
    lnk_writer_init(w, L, 1);
    lnk_cpconv_init(&cv, text, len);
    for (k = 1; k <= ne; k++) {
        int has, hcs, hce;
        lua_Integer s, e, cs, ce;
        size_t cps, cpe;
        if (lua_geti(L, 3, (lua_Integer)k) != LUA_TTABLE)
            return luaL_error(L, "write_entities: entity %d is not a table", (int)k);
        if (!lua_isnil(L, 6)) {
            lua_getfield(L, -1, "type");
            lua_gettable(L, 6);
            has = lua_toboolean(L, -1);
            lua_pop(L, 1);
            if (!has) {
                lua_pop(L, 1);
                continue;
            }
        }
        s = int_field(L, -1, "s", &has);
        e = int_field(L, -1, "e", &has);
        if (!has || s < 1 || e < s - 1 || (size_t)e > len)
            return luaL_error(L, "write_entities: entity %d: span outside the text", (int)k);
        cs = int_field(L, -1, "clitic_s", &hcs);
        ce = int_field(L, -1, "clitic_e", &hce);
        if (hcs && (cs < 1 || (size_t)cs > len || !hce || ce < cs - 1 || (size_t)ce > len))
            return luaL_error(L, "write_entities: entity %d: clitic outside the text", (int)k);
        LNK_WLIT(w, "{\"clitic\":");
        if (lua_getfield(L, -1, "clitic") == LUA_TSTRING) {
            size_t cl;
            const char *c = lua_tolstring(L, -1, &cl);
            lnk_writer_json_string(w, c, cl);
        } else {
            LNK_WLIT(w, "\"\"");
        }
        lua_pop(L, 1);
        if (hcs) {
            /* offsets asked in increasing order for the converter */
            size_t a = lnk_cpconv_at(&cv, (size_t)cs - 1), b = lnk_cpconv_at(&cv, (size_t)ce);
            LNK_WLIT(w, ",\"clitic_end\":");
            lnk_writer_uint(w, cpbase + b);
            LNK_WLIT(w, ",\"clitic_start\":");
            lnk_writer_uint(w, cpbase + a);
        }
        cps = lnk_cpconv_at(&cv, (size_t)s - 1);
        cpe = lnk_cpconv_at(&cv, (size_t)e);
        LNK_WLIT(w, ",\"end\":");
        lnk_writer_uint(w, cpbase + cpe);
        if (file) {
            LNK_WLIT(w, ",\"file\":");
            lnk_writer_json_string(w, file, filelen);
        }
        PUT(w, L, ",\"id\":", "id");
        if (lua_getfield(L, -1, "meta") == LUA_TTABLE) {
            lua_pushnil(L);
            if (lua_next(L, -2)) {
                lua_pop(L, 2);
                LNK_WLIT(w, ",\"meta\":");
                put_meta(w, L, -1);
            }
        }
        lua_pop(L, 1);
        PUT(w, L, ",\"name\":", "name");
        PUT(w, L, ",\"source\":", "source");
        LNK_WLIT(w, ",\"start\":");
        lnk_writer_uint(w, cpbase + cps);
        PUT(w, L, ",\"surface\":", "surface");
        PUT(w, L, ",\"type\":", "type");
        LNK_WLIT(w, "}\n");
        lua_pop(L, 1);
        cnt++;
    }
    lnk_writer_flush(w);
    lua_pushinteger(L, (lua_Integer)cnt);
    return 1;
}

/* }====== */

void lnk_open_entities(lua_State *L)
{
    static const luaL_Reg wmeta[] = {{"__gc", w_gc}, {"__len", w_len}, {NULL, NULL}};
    static const luaL_Reg wmeth[] = {
        {"token", w_token}, {"tokens", w_tokens}, {"from", w_from},         {"at", w_at},
        {"key", w_key},     {"locate", w_locate}, {"starting", w_starting}, {NULL, NULL}};
    static const luaL_Reg lmeta[] = {{"__gc", lists_gc}, {NULL, NULL}};
    static const luaL_Reg lmeth[] = {{"scan", lists_scan}, {NULL, NULL}};
    luaL_newmetatable(L, WORDS_T);
    luaL_setfuncs(L, wmeta, 0);
    luaL_newlib(L, wmeth);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newmetatable(L, LISTS_T);
    luaL_setfuncs(L, lmeta, 0);
    luaL_newlib(L, lmeth);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_entwords);
    lua_setfield(L, -2, "entwords");
    lua_pushcfunction(L, l_entlists);
    lua_setfield(L, -2, "entlists");
    lua_pushcfunction(L, l_entsort);
    lua_setfield(L, -2, "entsort");
    lua_getfield(L, -1, "json_encode"); /* lnk_open_json ran before */
    lua_pushcclosure(L, l_write_entities, 1);
    lua_setfield(L, -2, "write_entities");
}
