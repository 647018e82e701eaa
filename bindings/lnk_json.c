/*
** lnk_json.c
** Deterministic JSON encoder for naskh's output (decoding is lua-cjson's job,
** but for a fast path over flat JSON Lines records: naskh._jsonl_flat).
** Object keys are written in sorted order, so the same document always gives
** the same bytes. A table with integer fields s and e is a span: it is written
** with "start"/"end" as 0-based, end-exclusive code point offsets into the
** document text, which is the JSON contract.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lnk_aux.h"
#include "nk_utf8.h"

#define MAXDEPTH 200
#define CHECKSTEP 1024 /* code points between offset checkpoints */

typedef struct {
    size_t byte, cp;
} mark;

/* Converts byte offsets of one text into code point offsets, amortised. */
typedef struct {
    const char *s;
    size_t len;
    mark cur;
    mark *checks; /* lazily built, every CHECKSTEP code points */
    size_t nchecks;
    mark **owner; /* when not NULL, checkpoints may be built and are recorded here (freed by the
                     box) */
} cpconv;

/* The output buffer; lives in a userdata whose __gc frees it, so errors cannot leak. */
typedef struct {
    char *p;
    size_t len, cap;
    mark *checks; /* the default text's checkpoints, freed with the box */
    FILE *fp;     /* naskh._json_write: written out in pieces of JB_FLUSH bytes */
} jbox;

#define JB_FLUSH ((size_t)1 << 20)

typedef struct {
    lua_State *L;
    jbox *b;
    cpconv text;   /* the default text for spans */
    int texts_idx; /* stack index of a table id -> text, or 0 */
    int depth;
} encoder;

static void conv_init(cpconv *c, const char *s, size_t len)
{
    c->s = s;
    c->len = len;
    c->cur.byte = c->cur.cp = 0;
    c->checks = NULL;
    c->nchecks = 0;
    c->owner = NULL;
}

static size_t step(const cpconv *c, size_t i)
{
    uint32_t cp;
    int ok;
    return ((unsigned char)c->s[i] < 0x80) ? 1 : nk_utf8_decode(c->s, c->len, i, &cp, &ok);
}

static int build_checks(cpconv *c)
{
    size_t i = 0, cps = 0, n = 0, cap = c->len / CHECKSTEP + 2;
    c->checks = malloc(cap * sizeof *c->checks);
    if (c->checks == NULL)
        return 0;
    *c->owner = c->checks;
    while (i < c->len) {
        if (cps % CHECKSTEP == 0 && n < cap) {
            c->checks[n].byte = i;
            c->checks[n].cp = cps;
            n++;
        }
        i += step(c, i);
        cps++;
    }
    c->nchecks = n;
    return 1;
}

/* Code point offset of byte offset b (clamped to the text). */
static size_t conv_cp(cpconv *c, size_t b)
{
    if (b > c->len)
        b = c->len;
    if (b < c->cur.byte) {
        if (c->owner == NULL || (c->checks == NULL && !build_checks(c))) {
            c->cur.byte = c->cur.cp = 0;
        } else {
            size_t lo = 0, hi = c->nchecks;
            while (hi - lo > 1) {
                size_t mid = (lo + hi) / 2;
                if (c->checks[mid].byte <= b)
                    lo = mid;
                else
                    hi = mid;
            }
            c->cur = c->nchecks ? c->checks[lo] : (mark){0, 0};
        }
    }
    while (c->cur.byte < b) {
        c->cur.byte += step(c, c->cur.byte);
        c->cur.cp++;
    }
    return c->cur.cp;
}

static void jb_flush(lua_State *L, jbox *b)
{
    if (b->len > 0 && fwrite(b->p, 1, b->len, b->fp) != b->len)
        luaL_error(L, "%s", strerror(errno ? errno : EIO));
    b->len = 0;
}

static void jb_add(lua_State *L, jbox *b, const char *s, size_t n)
{
    if (b->fp != NULL && b->len + n > JB_FLUSH) {
        jb_flush(L, b);
        if (n > JB_FLUSH) { /* a long run of plain bytes: straight out */
            if (fwrite(s, 1, n, b->fp) != n)
                luaL_error(L, "%s", strerror(errno ? errno : EIO));
            return;
        }
    }
    if (n > b->cap - b->len) {
        size_t ncap = b->cap ? b->cap : 256;
        char *np;
        while (ncap - b->len < n)
            ncap *= 2;
        np = realloc(b->p, ncap);
        if (np == NULL)
            luaL_error(L, "json_encode: out of memory");
        b->p = np;
        b->cap = ncap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void jb_addc(lua_State *L, jbox *b, char c)
{
    jb_add(L, b, &c, 1);
}

#define JB_ADDL(b, s, n) jb_add(L, (b), (s), (n))
#define JB_ADDS(b, s) jb_add(L, (b), (s), strlen(s))
#define JB_ADDC(b, c) jb_addc(L, (b), (c))

static int jbox_gc(lua_State *L)
{
    jbox *b = luaL_checkudata(L, 1, "naskh.jsonbuf");
    free(b->p);
    free(b->checks);
    b->p = NULL;
    b->checks = NULL;
    return 0;
}

static void put_string(lua_State *L, jbox *b, const char *s, size_t len)
{
    size_t i = 0;
    JB_ADDC(b, '"');
    while (i < len) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80) {
            uint32_t cp;
            int ok;
            size_t n = nk_utf8_decode(s, len, i, &cp, &ok);
            if (ok)
                JB_ADDL(b, s + i, n);
            else
                JB_ADDS(b, "\xEF\xBF\xBD");
            i += n;
            continue;
        }
        switch (ch) {
        case '"':
            JB_ADDS(b, "\\\"");
            break;
        case '\\':
            JB_ADDS(b, "\\\\");
            break;
        case '\n':
            JB_ADDS(b, "\\n");
            break;
        case '\t':
            JB_ADDS(b, "\\t");
            break;
        case '\r':
            JB_ADDS(b, "\\r");
            break;
        default:
            if (ch < 0x20 || ch == 0x7f) {
                char esc[8];
                snprintf(esc, sizeof esc, "\\u%04x", ch);
                JB_ADDS(b, esc);
            } else {
                JB_ADDC(b, (char)ch);
            }
        }
        i++;
    }
    JB_ADDC(b, '"');
}

static void put_number(encoder *e, int idx)
{
    lua_State *L = e->L;
    char num[64];
    if (lua_isinteger(e->L, idx)) {
        snprintf(num, sizeof num, "%lld", (long long)lua_tointeger(e->L, idx));
    } else {
        double d = lua_tonumber(e->L, idx);
        int prec;
        if (!isfinite(d)) {
            JB_ADDS(e->b, "null");
            return;
        }
        for (prec = 15; prec <= 17; prec++) {
            snprintf(num, sizeof num, "%.*g", prec, d);
            if (strtod(num, NULL) == d)
                break;
        }
    }
    JB_ADDS(e->b, num);
}

static void encode(encoder *e, int idx);

/* Is the table at idx a span (integer s and e)? */
static int is_span(lua_State *L, int idx)
{
    int r;
    lua_getfield(L, idx, "s");
    lua_getfield(L, idx, "e");
    r = lua_isinteger(L, -1) && lua_isinteger(L, -2);
    lua_pop(L, 2);
    return r;
}

static int cmp_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int skippable(lua_State *L, int vidx)
{
    int t = lua_type(L, vidx);
    return t == LUA_TUSERDATA || t == LUA_TLIGHTUSERDATA || t == LUA_TFUNCTION || t == LUA_TTHREAD;
}

static void encode_span_fields(encoder *e, int idx, int *first)
{
    lua_State *L = e->L;
    cpconv *c = &e->text, other;
    size_t s, en;
    lua_getfield(L, idx, "s");
    lua_getfield(L, idx, "e");
    s = (size_t)(lua_tointeger(L, -2) - 1);
    en = (size_t)lua_tointeger(L, -1);
    lua_pop(L, 2);
    if (e->texts_idx && lua_getfield(L, idx, "doc") == LUA_TSTRING) {
        if (lua_gettable(L, e->texts_idx) == LUA_TSTRING) {
            size_t len;
            const char *t = lua_tolstring(L, -1, &len);
            conv_init(&other, t, len);
            c = &other;
        }
    }
    if (e->texts_idx)
        lua_pop(L, 1);
    if (c->s == NULL) {
        luaL_error(L, "json_encode: a span needs the document text");
        return;
    }
    if (!*first)
        JB_ADDC(e->b, ',');
    *first = 0;
    {
        char num[64];
        size_t cs = conv_cp(c, s), ce = conv_cp(c, en < s ? s : en);
        snprintf(num, sizeof num, "\"start\":%zu,\"end\":%zu", cs, ce);
        JB_ADDS(e->b, num);
    }
}

static void encode_table(encoder *e, int idx)
{
    lua_State *L = e->L;
    lua_Unsigned n = lua_rawlen(L, idx);
    size_t count = 0, k;
    int first = 1, span, kind = 0; /* 1 array, 2 object */
    const char **keys;

    if (luaL_getmetafield(L, idx, "__jsontype") != LUA_TNIL) {
        const char *jt = lua_tostring(L, -1);
        kind = (jt && strcmp(jt, "object") == 0) ? 2 : 1;
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        count++;
        lua_pop(L, 1);
    }
    if (kind == 0)
        kind = (count == n) ? 1 : 2;
    if (kind == 1 && count == n) {
        JB_ADDC(e->b, '[');
        for (k = 1; k <= n; k++) {
            if (k > 1)
                JB_ADDC(e->b, ',');
            lua_rawgeti(L, idx, (lua_Integer)k);
            if (skippable(L, -1))
                JB_ADDS(e->b, "null");
            else
                encode(e, lua_gettop(L));
            lua_pop(L, 1);
        }
        JB_ADDC(e->b, ']');
        return;
    }
    /* An object: collect string keys (numbers become strings), sort, write. */
    span = is_span(L, idx);
    keys = lua_newuserdatauv(L, (count ? count : 1) * sizeof *keys, 1);
    lua_newtable(L); /* keeps converted key strings alive */
    lua_setiuservalue(L, -2, 1);
    k = 0;
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            keys[k++] = lua_tostring(L, -1);
        } else if (lua_type(L, -1) == LUA_TNUMBER) {
            lua_getiuservalue(L, -2, 1);
            lua_pushvalue(L, -2);
            lua_pushstring(L, lua_tostring(L, -1)); /* converts the copy */
            keys[k++] = lua_tostring(L, -1);
            lua_rawset(L, -3);
            lua_pop(L, 1);
        }
    }
    qsort(keys, k, sizeof *keys, cmp_keys);
    JB_ADDC(e->b, '{');
    if (span)
        encode_span_fields(e, idx, &first);
    for (count = 0; count < k; count++) {
        const char *key = keys[count];
        if (key[0] == '_')
            continue;
        if (span && (strcmp(key, "s") == 0 || strcmp(key, "e") == 0))
            continue;
        if (lua_getfield(L, idx, key) == LUA_TNIL) {
            /* a numeric key written as a string */
            lua_pop(L, 1);
            lua_pushinteger(L, (lua_Integer)strtoll(key, NULL, 10));
            lua_gettable(L, idx);
        }
        if (!skippable(L, -1) && !lua_isnil(L, -1)) {
            if (!first)
                JB_ADDC(e->b, ',');
            first = 0;
            put_string(L, e->b, key, strlen(key));
            JB_ADDC(e->b, ':');
            encode(e, lua_gettop(L));
        }
        lua_pop(L, 1);
    }
    JB_ADDC(e->b, '}');
    lua_pop(L, 1); /* keys */
}

static void encode(encoder *e, int idx)
{
    lua_State *L = e->L;
    luaL_checkstack(L, 8, "json_encode: nesting");
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        JB_ADDS(e->b, "null");
        break;
    case LUA_TBOOLEAN:
        JB_ADDS(e->b, lua_toboolean(L, idx) ? "true" : "false");
        break;
    case LUA_TNUMBER:
        put_number(e, idx);
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        put_string(L, e->b, s, len);
        break;
    }
    case LUA_TTABLE:
        if (++e->depth > MAXDEPTH)
            luaL_error(L, "json_encode: nesting deeper than %d (a cycle?)", MAXDEPTH);
        encode_table(e, idx);
        e->depth--;
        break;
    default:
        JB_ADDS(e->b, "null");
    }
}

/*
** Set up an encoder: the text spans refer to at stack index targ (optional
** string), the texts map at targ + 1 (optional table). The output buffer is a
** box on the stack (its __gc frees it if the encoder raises), written to fp in
** pieces when fp is not NULL.
*/
static jbox *encoder_begin(lua_State *L, encoder *e, int targ, FILE *fp)
{
    jbox *b;
    size_t tlen = 0;
    const char *t = luaL_optlstring(L, targ, NULL, &tlen);
    lua_settop(L, targ + 1);
    if (!lua_isnil(L, targ + 1))
        luaL_checktype(L, targ + 1, LUA_TTABLE);
    e->L = L;
    e->depth = 0;
    e->texts_idx = lua_isnil(L, targ + 1) ? 0 : targ + 1;
    b = lua_newuserdatauv(L, sizeof *b, 0);
    b->p = NULL;
    b->len = b->cap = 0;
    b->checks = NULL;
    b->fp = fp;
    luaL_setmetatable(L, "naskh.jsonbuf");
    conv_init(&e->text, t, tlen);
    e->text.owner = &b->checks;
    e->b = b;
    return b;
}

/* Free the buffer now: the collector only sees the small box, so it could keep
** a big document's whole JSON alive long after the call. */
static void encoder_end(jbox *b)
{
    free(b->p);
    free(b->checks);
    b->p = NULL;
    b->checks = NULL;
    b->len = b->cap = 0;
}

/*
** naskh.json_encode(value [, text [, texts]]) -> string
** text: the document text spans refer to; texts: id -> text for spans that
** carry a field doc = id (corpus-level results pointing into several documents).
*/
static int l_json_encode(lua_State *L)
{
    encoder e;
    jbox *b = encoder_begin(L, &e, 2, NULL);
    encode(&e, 1);
    lua_pushlstring(L, b->p ? b->p : "", b->len);
    encoder_end(b);
    return 1;
}

/*
** naskh._json_write(file, value [, text [, texts]]) -> true: the bytes
** json_encode would return, written to an open Lua file in pieces of at most
** 1 MB (a big document's text is never held twice). Raises the system's
** message when a write fails.
*/
static int l_json_write(lua_State *L)
{
    encoder e;
    jbox *b;
    luaL_Stream *fs = luaL_checkudata(L, 1, LUA_FILEHANDLE);
    luaL_argcheck(L, fs->closef != NULL && fs->f != NULL, 1, "closed file");
    b = encoder_begin(L, &e, 3, fs->f);
    errno = 0;
    encode(&e, 2);
    jb_flush(L, b);
    encoder_end(b);
    lua_pushboolean(L, 1);
    return 1;
}

/* ---- a fast path for flat JSON Lines records ---- */

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/*
** The string starting after the opening quote at p: pushes it and returns the
** position after its closing quote, or NULL (nothing pushed) for anything the
** fast path leaves to lua-cjson: a \u escape, an unknown escape, a NUL byte,
** no closing quote.
*/
static const char *flat_string(lua_State *L, const char *p, const char *end)
{
    const char *q = p;
    int esc = 0;
    /* the closing quote: the first " not after a backslash (runs found by memchr) */
    for (;;) {
        const char *quote = memchr(q, '"', (size_t)(end - q)), *bs;
        if (quote == NULL)
            return NULL;
        bs = memchr(q, '\\', (size_t)(quote - q));
        if (bs == NULL) {
            q = quote;
            break;
        }
        esc = 1;
        q = bs + 2; /* past the escaped byte (bs < quote: at most end) */
    }
    if (memchr(p, '\0', (size_t)(q - p)) != NULL)
        return NULL;
    if (!esc) {
        lua_pushlstring(L, p, (size_t)(q - p));
    } else {
        luaL_Buffer b;
        char *o = luaL_buffinitsize(L, &b, (size_t)(q - p)), *o0 = o;
        const char *r = p;
        while (r < q) {
            const char *bs = memchr(r, '\\', (size_t)(q - r));
            size_t run = (size_t)((bs != NULL ? bs : q) - r);
            char c;
            memcpy(o, r, run);
            o += run;
            r += run;
            if (bs == NULL)
                break;
            switch (r[1]) {
            case '"':
                c = '"';
                break;
            case '\\':
                c = '\\';
                break;
            case '/':
                c = '/';
                break;
            case 'b':
                c = '\b';
                break;
            case 'f':
                c = '\f';
                break;
            case 'n':
                c = '\n';
                break;
            case 'r':
                c = '\r';
                break;
            case 't':
                c = '\t';
                break;
            default:
                luaL_pushresultsize(&b, 0);
                lua_pop(L, 1);
                return NULL;
            }
            *o++ = c;
            r += 2;
        }
        luaL_pushresultsize(&b, (size_t)(o - o0));
    }
    return q + 1;
}

/* A JSON number (strict grammar) at p: pushes it as lua-cjson does (a float). */
static const char *flat_number(lua_State *L, const char *p, const char *end)
{
    char buf[64];
    const char *q = p;
    if (q < end && *q == '-')
        q++;
    if (q < end && *q == '0')
        q++;
    else if (q < end && *q >= '1' && *q <= '9')
        while (q < end && *q >= '0' && *q <= '9')
            q++;
    else
        return NULL;
    if (q < end && *q == '.') {
        const char *d = ++q;
        while (q < end && *q >= '0' && *q <= '9')
            q++;
        if (q == d)
            return NULL;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        const char *d;
        q++;
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        d = q;
        while (q < end && *q >= '0' && *q <= '9')
            q++;
        if (q == d)
            return NULL;
    }
    if ((size_t)(q - p) >= sizeof buf)
        return NULL;
    memcpy(buf, p, (size_t)(q - p));
    buf[q - p] = '\0';
    lua_pushnumber(L, strtod(buf, NULL));
    return q;
}

/*
** naskh._jsonl_flat(line) -> true, text, id, cluster, other | nil (internal)
** The fields "text", "id" and "cluster" of a JSON Lines record that is one
** flat object (string, number, true and false values; values as lua-cjson
** decodes them: numbers are floats); other is true when the record has any
** other field (not returned). nil when the line is anything else (a nested
** value, null, a \u escape, a "meta" field, a syntax error): the caller then
** decodes it with lua-cjson, which also reports the errors.
*/
static int l_jsonl_flat(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len), *end = s + len, *p;
    int other = 0;
    lua_settop(L, 1);
    lua_pushnil(L); /* 2: text */
    lua_pushnil(L); /* 3: id */
    lua_pushnil(L); /* 4: cluster */
    p = skip_ws(s, end);
    if (p == end || *p != '{')
        return 0;
    p = skip_ws(p + 1, end);
    if (p < end && *p == '}') {
        p++;
    } else {
        for (;;) {
            const char *k, *ke;
            int slot = 0;
            if (p == end || *p != '"')
                return 0;
            k = ++p;
            while (p < end && *p != '"' && *p != '\\')
                p++;
            if (p == end || *p != '"')
                return 0;
            ke = p++;
            if (ke - k == 4 && memcmp(k, "text", 4) == 0)
                slot = 2;
            else if (ke - k == 2 && memcmp(k, "id", 2) == 0)
                slot = 3;
            else if (ke - k == 7 && memcmp(k, "cluster", 7) == 0)
                slot = 4;
            else if (ke - k == 4 && memcmp(k, "meta", 4) == 0)
                return 0;
            else
                other = 1;
            p = skip_ws(p, end);
            if (p == end || *p != ':')
                return 0;
            p = skip_ws(p + 1, end);
            if (p == end)
                return 0;
            if (*p == '"') {
                p = flat_string(L, p + 1, end);
            } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
                p = flat_number(L, p, end);
            } else if (end - p >= 4 && memcmp(p, "true", 4) == 0) {
                lua_pushboolean(L, 1);
                p += 4;
            } else if (end - p >= 5 && memcmp(p, "false", 5) == 0) {
                lua_pushboolean(L, 0);
                p += 5;
            } else {
                return 0;
            }
            if (p == NULL)
                return 0;
            if (slot)
                lua_replace(L, slot);
            else
                lua_pop(L, 1);
            p = skip_ws(p, end);
            if (p < end && *p == ',') {
                p = skip_ws(p + 1, end);
                continue;
            }
            if (p < end && *p == '}') {
                p++;
                break;
            }
            return 0;
        }
    }
    if (skip_ws(p, end) != end)
        return 0;
    lua_pushboolean(L, 1);
    lua_replace(L, 1);
    lua_pushboolean(L, other);
    return 5;
}

static const luaL_Reg funcs[] = {{"json_encode", l_json_encode},
                                 {"_json_write", l_json_write},
                                 {"_jsonl_flat", l_jsonl_flat},
                                 {NULL, NULL}};

void lnk_open_json(lua_State *L)
{
    if (luaL_newmetatable(L, "naskh.jsonbuf")) {
        lua_pushcfunction(L, jbox_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, jbox_gc);
        lua_setfield(L, -2, "__close");
    }
    lua_pop(L, 1);
    luaL_setfuncs(L, funcs, 0);
}
