/*
** lnk_yaml.c
** YAML (libyaml events) to plain Lua tables, with a position table that
** keeps line:column for every table, key and value, so that configuration
** errors can say FILE:LINE:COL.
**
** naskh.yaml_load(text [, name]) -> value, pos | nil, "name:line:col: message"
**   pos[t] = { [0] = {line=, col=},  key = {line=, col=, vline=, vcol=}, ... }
**   for every table t in value (keys of sequences are their indices).
** Scalars follow the YAML 1.2 core schema (plain null/true/false/ints/floats);
** null is naskh.null (the same light userdata as cjson.null).
** Anchors and aliases work (an alias shares the anchored table) with a bound
** on the expanded size; merge keys, complex keys, duplicate keys, several
** documents in one stream and nesting deeper than MAXDEPTH are errors.
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "lnk_aux.h"

#define MAXDEPTH 64
#define MAXALIAS 1000000 /* nodes that aliases add (what an alias bomb inflates) */
#define MAXNODES 4000000 /* scalars and aliases as written: a plain size bound (about 1 GB) */
#define PARSER_T "naskh.yamlparser"

typedef struct {
    yaml_parser_t parser;
    int live;
} box;

typedef struct {
    lua_State *L;
    yaml_parser_t *p;
    const char *name;
    const char *text; /* the input (for the tab hint) */
    size_t len;
    int pos;         /* stack index of the position table */
    int anchors;     /* stack index: anchor -> value */
    int sizes;       /* stack index: anchor -> node count */
    size_t nodes;    /* as written */
    size_t expanded; /* added by aliases */
    int depth;
    char err[512];
} loader;

static int box_gc(lua_State *L)
{
    box *b = luaL_checkudata(L, 1, PARSER_T);
    if (b->live) {
        yaml_parser_delete(&b->parser);
        b->live = 0;
    }
    return 0;
}

static int fail(loader *y, yaml_mark_t m, const char *msg)
{
    snprintf(y->err, sizeof y->err, "%s:%zu:%zu: %s", y->name, m.line + 1, m.column + 1, msg);
    return 0;
}

/* The column of a tab among the blanks that start the line at byte bol, or -1. */
static long leading_tab(const loader *y, size_t bol)
{
    size_t i;
    for (i = bol; i < y->len && (y->text[i] == ' ' || y->text[i] == '\t'); i++)
        if (y->text[i] == '\t')
            return (long)(i - bol);
    return -1;
}

/*
** When the line of *m starts with blanks that contain a tab, or else the line
** before (libyaml often reports the problem at the next token), move *m to
** that tab and return 1. Lines are found by counting newlines: libyaml's
** mark.index counts characters, not bytes.
*/
static int tab_indent(const loader *y, yaml_mark_t *m)
{
    size_t bol = 0, prev = 0, cur = 0, i;
    long col;
    if (y->text == NULL)
        return 0;
    for (i = 0; i < y->len && cur < m->line; i++)
        if (y->text[i] == '\n') {
            prev = bol;
            bol = i + 1;
            cur++;
        }
    if (cur != m->line)
        return 0;
    if ((col = leading_tab(y, bol)) >= 0) {
        m->column = (size_t)col;
        return 1;
    }
    if (cur > 0 && (col = leading_tab(y, prev)) >= 0) {
        m->line--;
        m->column = (size_t)col;
        return 1;
    }
    return 0;
}

static int next_event(loader *y, yaml_event_t *ev)
{
    if (!yaml_parser_parse(y->p, ev)) {
        char ctx[160] = "";
        yaml_mark_t m = y->p->problem_mark;
        if (y->p->context != NULL)
            snprintf(ctx, sizeof ctx, " (%s at %zu:%zu)", y->p->context,
                     y->p->context_mark.line + 1, y->p->context_mark.column + 1);
        if (y->p->error == YAML_READER_ERROR) {
            m.line = 0;
            m.column = 0;
            snprintf(y->err, sizeof y->err, "%s: %s at byte %zu", y->name,
                     y->p->problem ? y->p->problem : "unreadable input", y->p->problem_offset);
            return 0;
        }
        {
            char msg[384];
            if (tab_indent(y, &m)) {
                snprintf(msg, sizeof msg,
                         "YAML does not allow tabs for indentation; use spaces (%s%s)",
                         y->p->problem ? y->p->problem : "YAML syntax error", ctx);
            } else {
                snprintf(msg, sizeof msg, "%s%s",
                         y->p->problem ? y->p->problem : "YAML syntax error", ctx);
            }
            return fail(y, m, msg);
        }
    }
    return 1;
}

/* Set pos[t][key] (key on the stack top, t at tidx) = {line, col, vline, vcol}. */
static void record(loader *y, int tidx, yaml_mark_t k, yaml_mark_t v)
{
    lua_State *L = y->L;
    /* stack: key */
    lua_pushvalue(L, tidx);
    if (lua_rawget(L, y->pos) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, tidx);
        lua_pushvalue(L, -2);
        lua_rawset(L, y->pos);
    }
    lua_pushvalue(L, -2); /* key */
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, (lua_Integer)k.line + 1);
    lua_setfield(L, -2, "line");
    lua_pushinteger(L, (lua_Integer)k.column + 1);
    lua_setfield(L, -2, "col");
    lua_pushinteger(L, (lua_Integer)v.line + 1);
    lua_setfield(L, -2, "vline");
    lua_pushinteger(L, (lua_Integer)v.column + 1);
    lua_setfield(L, -2, "vcol");
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

static int is_plain(const yaml_event_t *ev)
{
    return ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.tag == NULL;
}

static int all_digits(const char *s, const char *set)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (strchr(set, *s) == NULL)
            return 0;
    return 1;
}

/* Push a scalar resolved by the YAML 1.2 core schema. */
static void push_scalar(lua_State *L, const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    if (!is_plain(ev)) {
        lua_pushlstring(L, s, len);
        return;
    }
    if (len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
        strcmp(s, "NULL") == 0) {
        lua_pushlightuserdata(L, NULL);
        return;
    }
    if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0) {
        lua_pushboolean(L, 1);
        return;
    }
    if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0) {
        lua_pushboolean(L, 0);
        return;
    }
    {
        const char *d = (s[0] == '-' || s[0] == '+') ? s + 1 : s;
        char *end;
        if (all_digits(d, "0123456789")) {
            long long v;
            errno = 0;
            v = strtoll(s, &end, 10);
            if (errno == 0 && *end == '\0') {
                lua_pushinteger(L, (lua_Integer)v);
                return;
            }
        }
        if (strncmp(s, "0x", 2) == 0 && all_digits(s + 2, "0123456789abcdefABCDEF") && len <= 17) {
            lua_pushinteger(L, (lua_Integer)strtoull(s + 2, NULL, 16));
            return;
        }
        if (strncmp(s, "0o", 2) == 0 && all_digits(s + 2, "01234567") && len <= 22) {
            lua_pushinteger(L, (lua_Integer)strtoull(s + 2, NULL, 8));
            return;
        }
        if (strcmp(d, ".inf") == 0 || strcmp(d, ".Inf") == 0 || strcmp(d, ".INF") == 0) {
            lua_pushnumber(L, s[0] == '-' ? -HUGE_VAL : HUGE_VAL);
            return;
        }
        if (strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0 || strcmp(s, ".NAN") == 0) {
            lua_pushnumber(L, NAN);
            return;
        }
        /* A float: digits with a dot and/or an exponent, nothing else. */
        if (strspn(d, "0123456789.eE+-") == strlen(d) && strpbrk(d, "0123456789") != NULL &&
            strpbrk(d, ".eE") != NULL && (d[0] == '.' || (d[0] >= '0' && d[0] <= '9'))) {
            double v = strtod(s, &end);
            if (*end == '\0') {
                lua_pushnumber(L, v);
                return;
            }
        }
    }
    lua_pushlstring(L, s, len);
}

static int parse_node(loader *y, yaml_event_t *ev, size_t *count);

static int remember_anchor(loader *y, const yaml_char_t *anchor, size_t count)
{
    lua_State *L = y->L;
    if (anchor == NULL)
        return 1;
    lua_pushstring(L, (const char *)anchor);
    lua_pushvalue(L, -2);
    lua_rawset(L, y->anchors);
    lua_pushstring(L, (const char *)anchor);
    lua_pushinteger(L, (lua_Integer)count);
    lua_rawset(L, y->sizes);
    return 1;
}

/*
** Start a collection: push its anchor name (or nil) and a new table whose
** position is recorded; consumes the start event. Returns the table's index.
** The anchor name stays on the stack (no C copy to leak on a Lua error).
*/
static int open_collection(loader *y, yaml_event_t *start, const yaml_char_t *anchor)
{
    lua_State *L = y->L;
    int t;
    if (anchor != NULL)
        lua_pushstring(L, (const char *)anchor);
    else
        lua_pushnil(L);
    lua_newtable(L);
    t = lua_gettop(L);
    lua_pushinteger(L, 0);
    record(y, t, start->start_mark, start->start_mark);
    lua_pop(L, 1);
    yaml_event_delete(start);
    return t;
}

/* Finish a collection (table at t on top): remember its anchor, drop the name. */
static int close_collection(loader *y, int t, size_t count, int ok)
{
    lua_State *L = y->L;
    if (ok && !lua_isnil(L, t - 1))
        remember_anchor(y, (const yaml_char_t *)lua_tostring(L, t - 1), count);
    lua_remove(L, t - 1);
    return ok;
}

static int parse_sequence(loader *y, yaml_event_t *start, size_t *count)
{
    lua_State *L = y->L;
    lua_Integer i = 0;
    int ok = 1;
    int t = open_collection(y, start, start->data.sequence_start.anchor);
    *count = 1;
    for (;;) {
        yaml_event_t ev;
        yaml_mark_t m;
        size_t c = 0;
        if (!next_event(y, &ev)) {
            ok = 0;
            break;
        }
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        m = ev.start_mark;
        if (!parse_node(y, &ev, &c)) {
            ok = 0;
            break;
        }
        *count += c;
        lua_rawseti(L, t, ++i);
        lua_pushinteger(L, i);
        record(y, t, m, m);
        lua_pop(L, 1);
    }
    return close_collection(y, t, *count, ok);
}

static int parse_mapping(loader *y, yaml_event_t *start, size_t *count)
{
    lua_State *L = y->L;
    int ok = 1;
    int t = open_collection(y, start, start->data.mapping_start.anchor);
    *count = 1;
    for (;;) {
        yaml_event_t kev, vev;
        yaml_mark_t km, vm;
        size_t c = 0;
        if (!next_event(y, &kev)) {
            ok = 0;
            break;
        }
        if (kev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&kev);
            break;
        }
        km = kev.start_mark;
        if (kev.type != YAML_SCALAR_EVENT) {
            yaml_event_delete(&kev);
            ok = fail(y, km,
                      kev.type == YAML_ALIAS_EVENT
                          ? "only plain scalar keys are supported (found an alias)"
                          : "only plain scalar keys are supported (found a collection)");
            break;
        }
        if (is_plain(&kev) && strcmp((const char *)kev.data.scalar.value, "<<") == 0) {
            yaml_event_delete(&kev);
            ok = fail(y, km, "merge keys ('<<') are not supported; repeat the keys");
            break;
        }
        lua_pushlstring(L, (const char *)kev.data.scalar.value, kev.data.scalar.length);
        yaml_event_delete(&kev);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, t) != LUA_TNIL) {
            char where[64] = "";
            lua_pop(L, 1);
            lua_pushvalue(L, t);
            if (lua_rawget(L, y->pos) == LUA_TTABLE) {
                lua_pushvalue(L, -2);
                if (lua_rawget(L, -2) == LUA_TTABLE) {
                    lua_getfield(L, -1, "line");
                    lua_getfield(L, -2, "col");
                    snprintf(where, sizeof where, " (first defined at %d:%d)",
                             (int)lua_tointeger(L, -2), (int)lua_tointeger(L, -1));
                    lua_pop(L, 2);
                }
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
            {
                char msg[384];
                snprintf(msg, sizeof msg, "duplicate key '%s'%s", lua_tostring(L, -1), where);
                ok = fail(y, km, msg);
            }
            lua_pop(L, 1);
            break;
        }
        lua_pop(L, 1);
        if (!next_event(y, &vev)) {
            lua_pop(L, 1);
            ok = 0;
            break;
        }
        vm = vev.start_mark;
        if (!parse_node(y, &vev, &c)) {
            lua_pop(L, 1);
            ok = 0;
            break;
        }
        *count += c;
        /* stack: key value */
        lua_pushvalue(L, -2);
        lua_insert(L, -2); /* key key value */
        lua_rawset(L, t);  /* key */
        record(y, t, km, vm);
        lua_pop(L, 1);
    }
    return close_collection(y, t, *count, ok);
}

/* Parse the node that starts with *ev (consumed) and push its value. */
static int parse_node(loader *y, yaml_event_t *ev, size_t *count)
{
    lua_State *L = y->L;
    int ok = 1;
    *count = 1;
    switch (ev->type) {
    case YAML_SCALAR_EVENT: {
        const char *tag = (const char *)ev->data.scalar.tag;
        if (tag != NULL && strcmp(tag, "tag:yaml.org,2002:str") != 0 && strcmp(tag, "!") != 0) {
            char msg[384];
            snprintf(msg, sizeof msg, "unsupported tag '%s'", tag);
            ok = fail(y, ev->start_mark, msg);
            break;
        }
        push_scalar(L, ev);
        remember_anchor(y, ev->data.scalar.anchor, 1);
        break;
    }
    case YAML_ALIAS_EVENT: {
        const char *a = (const char *)ev->data.alias.anchor;
        lua_pushstring(L, a);
        lua_pushvalue(L, -1);
        lua_rawget(L, y->sizes);
        *count = (size_t)lua_tointeger(L, -1);
        lua_pop(L, 1);
        y->expanded += *count;
        if (y->expanded > MAXALIAS) {
            lua_pop(L, 1);
            ok = fail(y, ev->start_mark,
                      "document too large after alias expansion (aliases add more than 1000000 "
                      "nodes: an alias bomb?)");
            break;
        }
        if (lua_rawget(L, y->anchors) == LUA_TNIL) {
            char msg[384];
            lua_pop(L, 1);
            snprintf(msg, sizeof msg, "undefined alias '*%s' (no anchor '&%s' before it)", a, a);
            ok = fail(y, ev->start_mark, msg);
        }
        break;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (++y->depth > MAXDEPTH) {
            ok = fail(y, ev->start_mark, "nesting deeper than 64 levels");
            break;
        }
        luaL_checkstack(L, 10, "YAML nesting");
        if (ev->type == YAML_SEQUENCE_START_EVENT)
            ok = parse_sequence(y, ev, count);
        else
            ok = parse_mapping(y, ev, count);
        y->depth--;
        if (!ok)
            lua_pop(L, 1);
        return ok;
    default:
        ok = fail(y, ev->start_mark, "unexpected YAML event");
    }
    if (ok) {
        y->nodes += 1;
        if (y->nodes > MAXNODES) {
            lua_pop(L, 1);
            ok = fail(y, ev->start_mark,
                      "document too large (more than 4000000 values); split it into smaller files");
        }
    }
    yaml_event_delete(ev);
    return ok;
}

static int load(loader *y)
{
    yaml_event_t ev;
    int have_doc = 0;
    for (;;) {
        if (!next_event(y, &ev))
            return 0;
        switch (ev.type) {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            yaml_event_delete(&ev);
            break;
        case YAML_STREAM_END_EVENT:
            yaml_event_delete(&ev);
            if (!have_doc)
                lua_pushlightuserdata(y->L, NULL);
            return 1;
        case YAML_DOCUMENT_START_EVENT:
            if (have_doc) {
                yaml_mark_t m = ev.start_mark;
                yaml_event_delete(&ev);
                lua_pop(y->L, 1);
                return fail(y, m, "a second YAML document ('---'): put one recipe per file");
            }
            have_doc = 1;
            yaml_event_delete(&ev);
            if (!next_event(y, &ev))
                return 0;
            {
                size_t c;
                if (!parse_node(y, &ev, &c))
                    return 0;
            }
            break;
        default:
            yaml_event_delete(&ev);
            return fail(y, ev.start_mark, "unexpected YAML event");
        }
    }
}

static int l_yaml_load(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "<string>");
    loader y;
    box *b;
    lua_settop(L, 2);
    b = lua_newuserdatauv(L, sizeof *b, 0); /* 3 */
    b->live = 0;
    luaL_setmetatable(L, PARSER_T);
    if (!yaml_parser_initialize(&b->parser))
        return luaL_error(L, "yaml: cannot initialise the parser (out of memory)");
    b->live = 1;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* a UTF-8 byte order mark */
        text += 3;
        len -= 3;
    }
    yaml_parser_set_input_string(&b->parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&b->parser, YAML_UTF8_ENCODING);
    lua_newtable(L); /* 4: pos */
    lua_newtable(L); /* 5: anchors */
    lua_newtable(L); /* 6: sizes */
    y.L = L;
    y.p = &b->parser;
    y.name = name;
    y.text = text;
    y.len = len;
    y.pos = 4;
    y.anchors = 5;
    y.sizes = 6;
    y.nodes = 0;
    y.expanded = 0;
    y.depth = 0;
    y.err[0] = '\0';
    if (!load(&y)) {
        yaml_parser_delete(&b->parser);
        b->live = 0;
        luaL_pushfail(L);
        lua_pushstring(L, y.err[0] ? y.err : "YAML error");
        return 2;
    }
    yaml_parser_delete(&b->parser);
    b->live = 0;
    lua_pushvalue(L, 4);
    return 2; /* value, pos */
}

static const luaL_Reg funcs[] = {{"yaml_load", l_yaml_load}, {NULL, NULL}};

void lnk_open_yaml(lua_State *L)
{
    if (luaL_newmetatable(L, PARSER_T)) {
        lua_pushcfunction(L, box_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, box_gc);
        lua_setfield(L, -2, "__close");
    }
    lua_pop(L, 1);
    luaL_setfuncs(L, funcs, 0);
    lua_pushlightuserdata(L, NULL);
    lua_setfield(L, -2, "null");
}
